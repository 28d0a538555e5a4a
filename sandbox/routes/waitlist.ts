import type { SandboxContext } from '../context';
import { insertionOrder, paginate } from '../pagination';
import { defineRoute } from '../route';
import { findOr404 } from '../state';
import type { WaitlistEntry } from '../types';
import { invalid, optionalString, positiveInteger } from '../validation';
import { guestOf, guestSummary } from './guests';
import { venueOf } from './venues';

export const WAITLIST_STATUSES = ['waiting', 'notified', 'seated', 'cancelled'];

export function presentWaitlistEntry(ctx: SandboxContext, entry: WaitlistEntry) {
	return { ...entry, guest: guestSummary(ctx, entry.guest_id) };
}

const partySizeOf = (value: unknown) => positiveInteger(value, 'party_size', { max: 100 });
const quotedWaitOf = (value: unknown) =>
	positiveInteger(value, 'quoted_wait_minutes', { min: 0, max: 600 });

export const waitlistRoutes = [
	defineRoute('GET', '/waitlist', 'read:waitlist', (ctx, { query }) => {
		const venueId = query.get('venue_id');
		const status = query.get('status');
		return paginate(
			ctx,
			insertionOrder(ctx.state.waitlist),
			query,
			(entry) => (!venueId || entry.venue_id === venueId) && (!status || entry.status === status),
			(entry) => presentWaitlistEntry(ctx, entry),
		);
	}),

	defineRoute('GET', '/waitlist/{id}', 'read:waitlist', (ctx, { params }) => ({
		status: 200,
		body: {
			data: presentWaitlistEntry(ctx, findOr404(ctx.state.waitlist, params[0], 'waitlist entry')),
		},
	})),

	defineRoute(
		'POST',
		'/waitlist',
		'write:waitlist',
		(ctx, { body }) => {
			const venue = venueOf(ctx, body);
			const partySize = partySizeOf(body.party_size);
			const quoted =
				body.quoted_wait_minutes === undefined || body.quoted_wait_minutes === null
					? null
					: quotedWaitOf(body.quoted_wait_minutes);
			const guestId = guestOf(ctx, body);
			const at = ctx.clock.timestamp();
			const entry: WaitlistEntry = {
				id: `wl_${String(++ctx.sequence.waitlist).padStart(6, '0')}`,
				venue_id: venue.id,
				guest_id: guestId,
				party_size: partySize,
				status: 'waiting',
				quoted_wait_minutes: quoted,
				joined_at: at,
				notes: optionalString(body, 'notes') ?? null,
				updated_at: at,
			};
			ctx.state.waitlist.set(entry.id, entry);
			ctx.stats.created.waitlist++;
			ctx.events.emit('waitlist.created', presentWaitlistEntry(ctx, entry), venue.id);
			return { status: 201, body: { data: presentWaitlistEntry(ctx, entry) } };
		},
		{ creates: true },
	),

	defineRoute('PATCH', '/waitlist/{id}', 'write:waitlist', (ctx, { params, body }) => {
		const entry = findOr404(ctx.state.waitlist, params[0], 'waitlist entry');
		if (body.status !== undefined && !WAITLIST_STATUSES.includes(String(body.status)))
			throw invalid('status', `status must be one of ${WAITLIST_STATUSES.join(', ')}`);
		Object.assign(entry, {
			...(body.party_size !== undefined ? { party_size: partySizeOf(body.party_size) } : {}),
			...(body.status !== undefined ? { status: String(body.status) } : {}),
			...(body.quoted_wait_minutes !== undefined
				? { quoted_wait_minutes: quotedWaitOf(body.quoted_wait_minutes) }
				: {}),
			...(body.notes !== undefined ? { notes: optionalString(body, 'notes') } : {}),
			updated_at: ctx.clock.timestamp(),
		});
		ctx.events.emit('waitlist.updated', presentWaitlistEntry(ctx, entry), entry.venue_id);
		return { status: 200, body: { data: presentWaitlistEntry(ctx, entry) } };
	}),

	defineRoute('DELETE', '/waitlist/{id}', 'write:waitlist', (ctx, { params }) => {
		findOr404(ctx.state.waitlist, params[0], 'waitlist entry');
		ctx.state.waitlist.delete(params[0]);
		return { status: 204 };
	}),
];
