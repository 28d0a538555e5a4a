import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { apiOf } from '../api';
import { fingerprintOf, fingerprintsIn } from '../helpers/fingerprint';
import { connectionOf, serverNow } from '../transport';
import { POLL_OVERLAP_MS, time } from './changes';
import type { Change, ChangeCursor } from './changes';

/**
 * Audience Sync keeps who is subscribed, as 12-character fingerprints of guest ids (a 50,000-guest
 * audience is 600 KB of static data), so it can tell an unsubscribe from a guest who never opted in.
 */
export interface AudienceState extends ChangeCursor {
	subscribers?: string;
	/** when the audience was read (API clock, ISO): who opted out before may have been subscribed */
	seededAt?: string;
}

/**
 * Everyone opted in now: the audience the trigger starts from (read once, at activation), and when
 * the read ended on the API's clock (the first cursor is taken before it starts).
 */
export async function currentSubscribers(
	context: IPollFunctions,
): Promise<{ subscribers: string; seededAt: string }> {
	const subscribers: string[] = [];
	for await (const page of apiOf(context).guests.pages(context, { emailOptIn: true })) {
		for (const guest of page) {
			if (guest.id !== undefined && guest.email_opt_in === true) {
				subscribers.push(fingerprintOf(String(guest.id)));
			}
		}
	}
	// From the Date header's whole seconds, so up to a second early: a guest who changed after the
	// read is never taken for one who changed before it; an opt-out in that second may be missed.
	const now = serverNow((await connectionOf(context)).clientKey) ?? Date.now();
	return { subscribers: subscribers.join(''), seededAt: new Date(now).toISOString() };
}

/**
 * Changed guests as audience actions: `subscribe` for a guest opted in now (a new subscriber, or a
 * subscriber whose details changed: mail tools add or update the member), `unsubscribe` for a
 * subscriber who opted out. A guest who never opted in is left out: telling a mail tool to
 * unsubscribe someone it never had fails or misleads. Missing or null opt-in counts as not opted in.
 * Who opted out before the audience was read, in the polls' overlap, may have been subscribed
 * just before: they come out as `unsubscribe` (a lost unsubscribe is worse than a spare one).
 */
export function audienceActions(changes: Change[], state: AudienceState): IDataObject[] {
	const subscribed = fingerprintsIn(state.subscribers);
	const seededAt = time(state.seededAt);
	const items: IDataObject[] = [];
	for (const { item } of changes) {
		const fingerprint = fingerprintOf(String(item.id));
		if (item.email_opt_in === true) {
			subscribed.add(fingerprint);
			items.push({ ...item, audience_action: 'subscribe' });
		} else if (subscribed.delete(fingerprint) || time(item.updated_at) < seededAt) {
			items.push({ ...item, audience_action: 'unsubscribe' });
		}
	}
	state.subscribers = [...subscribed].join('');
	// Once the polls look no further back than the read, that rule has nothing left to do.
	if (time(state.cursor) - POLL_OVERLAP_MS > seededAt) delete state.seededAt;
	return items;
}

/** A test click's sample, without the audience (it is not read for a sample). */
export function sampleAudienceActions(changes: Change[]): IDataObject[] {
	return changes.map(({ item }) => ({
		...item,
		audience_action: item.email_opt_in === true ? 'subscribe' : 'unsubscribe',
	}));
}
