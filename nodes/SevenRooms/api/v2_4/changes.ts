import { DateTime } from 'luxon';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { checkedId } from '../../shared/validation';
import { apiRequestPages } from '../../transport';
import type { ChangeEvent, ChangeSource } from '../types';
import { configuredTimeZone } from '../venueTime';
import { pages24 } from './lists';
import { guestOf, naiveFromIso, reservationOf, waitlistEntryOf } from './shapes';

const venueIdOf = (value: unknown): string => {
	const id = typeof value === 'object' && value !== null ? (value as IDataObject).value : value;
	return typeof id === 'string' ? id.trim() : '';
};

/** `updated_since` as 2.4 writes its own times: naive UTC (the zone it reads is unverified). */
const updatedSince = (iso: string): IDataObject => ({ updated_since: naiveFromIso(iso) });

/** The query for the reservations of the last `days` service dates (a day begins at 6 AM). */
const recentServiceDates =
	(qs: IDataObject, zone: string) =>
	(days: number): IDataObject => {
		const today = DateTime.now().setZone(zone).minus({ hours: 6 });
		return {
			...qs,
			from_date: today.minus({ days }).toISODate(),
			to_date: today.toISODate(),
		};
	};

/**
 * The Poll Trigger's change events on API 2.4, in the nodes' vocabulary so the shared cursor and
 * dedupe (`polling/changes.ts`) run unchanged: guests from `/clients/export` (no cap) oldest change
 * first, reservations from `/reservations` past the cap, a venue's waitlist read whole.
 */
export function changeSource24(context: IPollFunctions, event: ChangeEvent): ChangeSource {
	const updatedAt = (item: IDataObject) => item.updated_at;
	if (event === 'guestChanged' || event === 'audienceSync') {
		return {
			path: '/clients/export',
			qs: { sort_order: 'last_updated_ascending' },
			changedAt: updatedAt,
			serverFilter: true,
			since: updatedSince,
			async *pages(poll, path, qs, { pageSize }) {
				for await (const page of pages24(poll, path, qs, { pageSize })) yield page.map(guestOf);
			},
		};
	}
	const zone = configuredTimeZone(context);
	if (event === 'reservationChanged' || event === 'afterVisit') {
		const venueId = venueIdOf((context.getNodeParameter('filters', {}) as IDataObject).venue);
		const qs = venueId ? { venue_id: checkedId(context.getNode(), venueId, 'Only Venue') } : {};
		return {
			path: '/reservations',
			qs,
			changedAt: updatedAt,
			serverFilter: true,
			since: updatedSince,
			recentVisits: event === 'afterVisit' ? recentServiceDates(qs, zone) : undefined,
			async *pages(poll, path, query, { pageSize }) {
				for await (const page of pages24(poll, path, query, { pageSize }))
					yield page.map((reservation) => reservationOf(reservation, zone));
			},
		};
	}
	const venueId = venueIdOf(context.getNodeParameter('venue', ''));
	if (!venueId) {
		throw new NodeOperationError(
			context.getNode(),
			'Venue is empty: choose the venue whose waitlist to watch',
		);
	}
	const checked = checkedId(context.getNode(), venueId, 'Venue');
	return {
		path: '/waitlist',
		qs: { venue_id: checked },
		changedAt: (entry) => entry.joined_at,
		serverFilter: false,
		async *pages(poll, path, qs, { pageSize }) {
			for await (const page of apiRequestPages.call(poll, path, qs, {
				pageSize,
				listKey: 'waitlist_entries',
			}))
				yield page.map((entry) => waitlistEntryOf(entry, zone, checked));
		},
	};
}
