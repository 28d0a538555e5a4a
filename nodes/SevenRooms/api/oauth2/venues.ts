import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { apiRequest, apiRequestAllItems, apiRequestObject } from '../../transport';
import { keepAsked, slotOf } from '../slots';
import type { VenuesApi } from '../types';
import { venueTimeZone } from '../venueTime';

const venuePath = (id: string) => `/venues/${encodeURIComponent(id)}`;

export const venues: VenuesApi = {
	async get(context, id, itemIndex) {
		return await apiRequestObject.call(context, 'GET', venuePath(id), { itemIndex });
	},
	async list(context, { limit, itemIndex }) {
		return await apiRequestAllItems.call(context, '/venues', {}, { limit, itemIndex });
	},
	async tables(context, id, itemIndex) {
		return await apiRequestAllItems.call(context, `${venuePath(id)}/tables`, {}, { itemIndex });
	},
	/** `GET /venues/{id}/availability`: UTC start times, read in the venue's zone. Not paged. */
	async availability(context, id, query, itemIndex) {
		const qs: IDataObject = { date: query.date, party_size: query.partySize };
		if (query.from) qs.start_time = query.from;
		if (query.to) qs.end_time = query.to;
		if (query.durationMinutes) qs.duration_minutes = query.durationMinutes;
		const body = await apiRequest.call(context, 'GET', `${venuePath(id)}/availability`, {
			qs,
			itemIndex,
		});
		const data = Array.isArray(body?.data) ? body.data : Array.isArray(body) ? body : [];
		const zone = (await venueTimeZone(context, id, { itemIndex })) ?? 'UTC';
		const slots: IDataObject[] = [];
		for (const entry of data as IDataObject[]) {
			if (typeof entry !== 'object' || entry === null) continue;
			const local = DateTime.fromISO(String(entry.start_time ?? ''), { zone });
			if (!local.isValid) continue;
			const shift = (typeof entry.shift === 'object' && entry.shift) || {};
			slots.push(
				slotOf({
					venueId: id,
					zone,
					local,
					durationMinutes: entry.duration_minutes ?? query.durationMinutes,
					partySize: query.partySize,
					type: entry.type,
					shift: shift as IDataObject,
				}),
			);
		}
		return keepAsked(slots, query);
	},
};
