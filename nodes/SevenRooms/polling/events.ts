import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { ChangeEvent, ChangeSource } from '../api';
import { changeSource24 } from '../api/v2_4/changes';
import { RESERVATION_LOCAL_FIELDS, WAITLIST_LOCAL_FIELDS } from '../shared/contract';
import { authenticationOf } from '../transport';
import { checkedId } from '../shared/validation';
import { withVenueLocalTimes } from '../api/venueTime';
import { time } from './changes';
import type { Change } from './changes';

function venueIdOf(value: unknown): string {
	const id = typeof value === 'object' && value !== null ? (value as IDataObject).value : value;
	return typeof id === 'string' ? id.trim() : '';
}

/** Where an event's changes come from, per the node's parameters. */
export function changeSourceOf(context: IPollFunctions, event: ChangeEvent): ChangeSource {
	if (authenticationOf(context) === 'api24') return changeSource24(context, event);
	const updatedAt = (item: IDataObject) => item.updated_at;
	if (event === 'guestChanged' || event === 'audienceSync') {
		return { path: '/guests', qs: {}, changedAt: updatedAt, serverFilter: true };
	}
	if (event === 'reservationChanged' || event === 'afterVisit') {
		const venueId = venueIdOf((context.getNodeParameter('filters', {}) as IDataObject).venue);
		const qs = venueId ? { venue_id: checkedId(context.getNode(), venueId, 'Only Venue') } : {};
		return { path: '/reservations', qs, changedAt: updatedAt, serverFilter: true };
	}
	const venueId = venueIdOf(context.getNodeParameter('venue', ''));
	if (!venueId) {
		throw new NodeOperationError(
			context.getNode(),
			'Venue is empty: choose the venue whose waitlist to watch',
		);
	}
	// The waitlist list has no change filter; a venue's waitlist is short, so it is read whole.
	return {
		path: '/waitlist',
		qs: { venue_id: checkedId(context.getNode(), venueId, 'Venue') },
		changedAt: (entry) => entry.joined_at,
		serverFilter: false,
	};
}

/**
 * What a reservation change is. Cancelled by its status; created when it was created inside the
 * window this poll looked at and had not been emitted before (a reservation booked and changed
 * between two polls is still "created"); otherwise updated.
 */
export function reservationChangeKind({ item, seenBefore, since }: Change): string {
	if (item.status === 'cancelled') return 'cancelled';
	const createdAt = time(item.created_at);
	return !seenBefore && !Number.isNaN(createdAt) && createdAt >= since ? 'created' : 'updated';
}

/** The items a change event emits, with the fields each event adds (Audience Sync: see audience.ts). */
export async function itemsOf(
	context: IPollFunctions,
	event: ChangeEvent,
	changes: Change[],
): Promise<IDataObject[]> {
	if (event === 'reservationChanged') {
		const wanted = context.getNodeParameter('reservationEvents', []) as string[];
		const items: IDataObject[] = [];
		for (const change of changes) {
			const kind = reservationChangeKind(change);
			if (!wanted.includes(kind)) continue;
			const reservation = { ...change.item, event: `reservation.${kind}` };
			items.push(await withVenueLocalTimes(context, reservation, RESERVATION_LOCAL_FIELDS));
		}
		return items;
	}
	if (event === 'waitlistAdded') {
		const items: IDataObject[] = [];
		for (const { item } of changes) {
			items.push(await withVenueLocalTimes(context, item, WAITLIST_LOCAL_FIELDS));
		}
		return items;
	}
	return changes.map(({ item }) => item);
}
