import { randomBytes } from 'node:crypto';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { rememberVenueTimeZones } from '../api/venueTime';
import {
	apiRequest,
	apiRequestAllItems,
	apiRequestObject,
	isNotFound,
	nodeErrorOf,
} from '../transport';

/**
 * The SevenRooms Trigger's subscription, in n8n's webhook life cycle (as Stripe Trigger's): the id
 * and the signing secret live in the node's static data. Every subscription pointing at this
 * trigger's URL that the trigger can't verify (made before its static data was lost, or by an
 * earlier activation) is deleted, so SevenRooms never keeps delivering to a URL that refuses it.
 *
 * The signing secret is made once per trigger and kept across deactivation and re-activation.
 * n8n saves static data as one blob: an execution that started before a re-publish writes back
 * the copy it loaded when it ends. A stale subscription id is harmless (the next activation finds
 * it gone and subscribes again); a stale secret would refuse every delivery from then on, unless
 * it is the same secret.
 */
function stateOf(context: IHookFunctions): IDataObject {
	return context.getWorkflowStaticData('node');
}

function sameEvents(wanted: string[], subscribed: unknown): boolean {
	if (!Array.isArray(subscribed)) return false;
	const have = new Set(subscribed.map(String));
	return wanted.length === have.size && wanted.every((event) => have.has(event));
}

async function subscriptionsTo(context: IHookFunctions, url: string): Promise<IDataObject[]> {
	const all = await apiRequestAllItems.call(context, '/webhooks');
	return all.filter((subscription) => subscription.url === url);
}

async function unsubscribe(context: IHookFunctions, id: unknown): Promise<void> {
	try {
		await apiRequest.call(context, 'DELETE', `/webhooks/${encodeURIComponent(String(id))}`);
	} catch (error) {
		// Already gone on the SevenRooms side: that is what we wanted.
		if (!isNotFound(error)) throw nodeErrorOf(context.getNode(), error);
	}
}

/** Venue time zones for the deliveries' local times, so no delivery waits on the API for one. */
async function rememberTimeZones(context: IHookFunctions): Promise<void> {
	try {
		const venues = await apiRequestAllItems.call(context, '/venues');
		stateOf(context).venueTimezones = await rememberVenueTimeZones(context, venues);
	} catch (error) {
		context.logger.warn('SevenRooms Trigger: could not read the venues; local times come later', {
			message: (error as Error).message,
		});
	}
}

/** True when this trigger's own subscription exists with the chosen events; removes strays. */
export async function subscriptionExists(context: IHookFunctions): Promise<boolean> {
	const state = stateOf(context);
	const url = context.getNodeWebhookUrl('default');
	const events = context.getNodeParameter('events', []) as string[];
	const subscriptions = await subscriptionsTo(context, url as string);
	const own = subscriptions.find((subscription) => subscription.id === state.webhookId);
	const usable =
		own !== undefined && typeof state.webhookSecret === 'string' && sameEvents(events, own.events);
	for (const subscription of subscriptions) {
		if (!usable || subscription !== own) await unsubscribe(context, subscription.id);
	}
	if (!usable) {
		delete state.webhookId;
		return false;
	}
	await rememberTimeZones(context);
	return true;
}

/** The trigger's signing secret: the one it has, or a new one (first activation, data lost). */
function signingSecret(state: IDataObject): string {
	const kept = state.webhookSecret;
	return typeof kept === 'string' && kept !== ''
		? kept
		: `whsec_${randomBytes(32).toString('hex')}`;
}

/** Subscribes this trigger's URL with its own secret (which it never outputs). */
export async function subscribe(context: IHookFunctions): Promise<boolean> {
	const state = stateOf(context);
	const url = context.getNodeWebhookUrl('default') as string;
	for (const stray of await subscriptionsTo(context, url)) await unsubscribe(context, stray.id);
	// Before subscribing: n8n saves the secret only once this returns, and SevenRooms may deliver
	// as soon as the subscription exists, so nothing else should wait in between.
	await rememberTimeZones(context);
	const secret = signingSecret(state);
	const created = await apiRequestObject.call(context, 'POST', '/webhooks', {
		body: { url, events: context.getNodeParameter('events', []) as string[], secret },
		idempotencyKey: randomBytes(16).toString('hex'),
	});
	state.webhookId = created.id;
	// The API may keep its own secret; the one it answers with is the one it signs with (and the one
	// sent next time: an API that made its own on every subscription would change it each time).
	state.webhookSecret =
		typeof created.secret === 'string' && created.secret ? created.secret : secret;
	return true;
}

/** Removes every subscription to this trigger's URL, its own and any stray; keeps the secret. */
export async function unsubscribeAll(context: IHookFunctions): Promise<boolean> {
	const state = stateOf(context);
	const url = context.getNodeWebhookUrl('default') as string;
	const ids = new Set<unknown>();
	if (state.webhookId !== undefined) ids.add(state.webhookId);
	try {
		for (const subscription of await subscriptionsTo(context, url)) ids.add(subscription.id);
	} catch (error) {
		// Deactivating must not fail on a listing: the trigger's own subscription still goes.
		context.logger.warn('SevenRooms Trigger: could not list subscriptions to remove strays', {
			message: (error as Error).message,
		});
	}
	for (const id of ids) await unsubscribe(context, id);
	delete state.webhookId;
	delete state.venueTimezones;
	return true;
}
