import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { needsZone, toUtcIso } from '../../helpers/time';
import { RESERVATION_LOCAL_FIELDS } from '../../shared/contract';
import { apiRequestAllItems, apiRequestObject } from '../../transport';
import type { ReservationsApi } from '../types';
import { inputTimeZone, withVenueLocalTimes } from '../venueTime';
import { withAdditions } from './additions';

const reservationPath = (id: string) => `/reservations/${encodeURIComponent(id)}`;

/**
 * The UTC start time from what the user typed: a wall-clock time is read in the venue's zone
 * (`venueId` is asked for only then) unless told UTC; one with an offset keeps it.
 */
async function startTimeUtc(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	venueId: () => Promise<string>,
	{ timeZone, venueTimeZone }: { timeZone?: unknown; venueTimeZone?: unknown },
): Promise<string> {
	const field = 'Start Time';
	const zone =
		timeZone !== 'utc' && needsZone(value)
			? await inputTimeZone(context, await venueId(), {
					itemIndex,
					fallback: venueTimeZone,
					field,
					value,
				})
			: 'utc';
	return toUtcIso(context.getNode(), value, { field, zone, itemIndex });
}

export const reservations: ReservationsApi = {
	async get(context, id, itemIndex) {
		const reservation = await apiRequestObject.call(context, 'GET', reservationPath(id), {
			itemIndex,
		});
		return await withVenueLocalTimes(context, reservation, RESERVATION_LOCAL_FIELDS, { itemIndex });
	},
	async list(context, filters, { limit, itemIndex }) {
		const qs: IDataObject = {};
		if (filters.venueId) qs.venue_id = filters.venueId;
		if (filters.guestId) qs.guest_id = filters.guestId;
		if (filters.status) qs.status = filters.status;
		if (filters.startFrom) qs['start_time[gte]'] = filters.startFrom;
		if (filters.startTo) qs['start_time[lte]'] = filters.startTo;
		if (filters.updatedSince) qs['updated_at[gte]'] = filters.updatedSince;
		const found = await apiRequestAllItems.call(context, '/reservations', qs, {
			limit,
			itemIndex,
		});
		const result: IDataObject[] = [];
		for (const reservation of found)
			result.push(
				await withVenueLocalTimes(context, reservation, RESERVATION_LOCAL_FIELDS, { itemIndex }),
			);
		return result;
	},
	async create(context, input, { idempotencyKey, itemIndex }) {
		const startTime = await startTimeUtc(
			context,
			itemIndex,
			input.startTime,
			async () => input.venueId,
			input,
		);
		const body: IDataObject = {
			venue_id: input.venueId,
			party_size: input.partySize,
			start_time: startTime,
			...input.guest,
			...input.fields,
		};
		const reservation = await apiRequestObject.call(context, 'POST', '/reservations', {
			body,
			idempotencyKey,
			itemIndex,
		});
		return await withVenueLocalTimes(context, reservation, RESERVATION_LOCAL_FIELDS, { itemIndex });
	},
	async update(context, id, changes, itemIndex) {
		const path = reservationPath(id);
		const body: IDataObject = { ...changes.fields };
		if (changes.partySize !== undefined) body.party_size = changes.partySize;
		if (changes.status) body.status = changes.status;
		if (changes.startTime) {
			// A local time is the reservation's venue's.
			const venueId = async () => {
				const venue = (await apiRequestObject.call(context, 'GET', path, { itemIndex })).venue_id;
				return typeof venue === 'string' ? venue.trim() : '';
			};
			body.start_time = await startTimeUtc(context, itemIndex, changes.startTime, venueId, changes);
		}
		const merged = await withAdditions(context, path, body, changes.add as IDataObject, itemIndex);
		const reservation = await apiRequestObject.call(context, 'PATCH', path, {
			body: merged,
			itemIndex,
		});
		return await withVenueLocalTimes(context, reservation, RESERVATION_LOCAL_FIELDS, { itemIndex });
	},
	async cancel(context, id, { reason, idempotencyKey, itemIndex }) {
		const reservation = await apiRequestObject.call(
			context,
			'POST',
			`${reservationPath(id)}/cancel`,
			{
				body: reason ? { reason } : {},
				idempotencyKey,
				itemIndex,
			},
		);
		return await withVenueLocalTimes(context, reservation, RESERVATION_LOCAL_FIELDS, { itemIndex });
	},
};
