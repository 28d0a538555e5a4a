import { randomBytes } from 'node:crypto';

import { insertionOrder, paginate } from '../pagination';
import { defineRoute } from '../route';
import { findOr404 } from '../state';
import type { Webhook } from '../types';
import { invalid, optionalString, stringList } from '../validation';
import { WEBHOOK_EVENTS } from '../webhookDelivery';

/**
 * Subscriptions are answered whole, `secret` included, as the contract says. Several may share a
 * URL (one per trigger, or a trigger re-registered): each is its own subscription.
 */
export const webhookRoutes = [
	defineRoute('GET', '/webhooks', 'read:webhooks', (ctx, { query }) =>
		paginate(
			ctx,
			insertionOrder(ctx.state.webhooks),
			query,
			() => true,
			(webhook) => webhook,
		),
	),

	defineRoute('GET', '/webhooks/{id}', 'read:webhooks', (ctx, { params }) => ({
		status: 200,
		body: { data: findOr404(ctx.state.webhooks, params[0], 'webhook') },
	})),

	defineRoute(
		'POST',
		'/webhooks',
		'write:webhooks',
		(ctx, { body }) => {
			if (typeof body.url !== 'string' || !/^https?:\/\/\S+$/.test(body.url))
				throw invalid('url', 'url must be an http(s) URL');
			const events = stringList(body.events, 'events');
			if (!events.length || events.some((event) => !WEBHOOK_EVENTS.includes(event)))
				throw invalid('events', `events must be some of ${WEBHOOK_EVENTS.join(', ')}`);
			const secret = optionalString(body, 'secret') || `whsec_${randomBytes(24).toString('hex')}`;
			const webhook: Webhook = {
				id: `wh_${String(++ctx.sequence.webhook).padStart(6, '0')}`,
				url: body.url,
				events,
				secret,
				created_at: ctx.clock.timestamp(),
			};
			ctx.state.webhooks.set(webhook.id, webhook);
			ctx.stats.created.webhooks++;
			return { status: 201, body: { data: webhook } };
		},
		{ creates: true },
	),

	defineRoute('DELETE', '/webhooks/{id}', 'write:webhooks', (ctx, { params }) => {
		findOr404(ctx.state.webhooks, params[0], 'webhook');
		ctx.state.webhooks.delete(params[0]);
		return { status: 204 };
	}),
];
