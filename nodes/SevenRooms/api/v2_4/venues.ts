import type { IDataObject } from 'n8n-workflow';

import { apiRequestObject } from '../../transport';
import { clockMinutes, keepAsked, serviceMoment, slotOf } from '../slots';
import type { VenuesApi } from '../types';
import { configuredTimeZone } from '../venueTime';
import { collect24 } from './lists';
import { clean, tableOf, venueOf } from './shapes';

const venuePath = (id: string) => `/venues/${encodeURIComponent(id)}`;

/** Venues on API 2.4: no time zone (the nodes' Venue Time Zone says it); tables not paged. */
export const venues: VenuesApi = {
	async get(context, id, itemIndex) {
		return venueOf(await apiRequestObject.call(context, 'GET', venuePath(id), { itemIndex }));
	},
	async list(context, { limit, itemIndex }) {
		return (await collect24(context, '/venues', {}, { limit, itemIndex })).map(venueOf);
	},
	async tables(context, id, itemIndex) {
		const data = await apiRequestObject.call(context, 'GET', `${venuePath(id)}/tables`, {
			itemIndex,
		});
		const tables = Array.isArray(data.tables) ? (data.tables as IDataObject[]) : [];
		return tables.filter((table) => typeof table === 'object' && table !== null).map(tableOf);
	},
	/**
	 * `GET /venues/{id}/availability`: per shift, local clock times ("7:00 PM") of the service
	 * date, read in the Venue Time Zone. 2.4 requires a window: without one, the whole service day
	 * (06:00 to 05:59, its times running from 6 AM as 2.4's do).
	 */
	async availability(context, id, query, itemIndex) {
		const zone = configuredTimeZone(context, itemIndex);
		const qs: IDataObject = {
			date: query.date,
			start_time: query.from ?? '06:00',
			end_time: query.to ?? '05:59',
			party_size: query.partySize,
		};
		if (query.durationMinutes) qs.duration = query.durationMinutes;
		const data = await apiRequestObject.call(context, 'GET', `${venuePath(id)}/availability`, {
			qs,
			itemIndex,
		});
		const shifts = Array.isArray(data.availability) ? (data.availability as IDataObject[]) : [];
		const slots: IDataObject[] = [];
		for (const raw of shifts) {
			if (typeof raw !== 'object' || raw === null) continue;
			const shift = clean(raw);
			if (shift.is_closed === true || !Array.isArray(shift.times)) continue;
			for (const time of shift.times as IDataObject[]) {
				const minutes = clockMinutes(time?.time);
				if (minutes === undefined) continue;
				slots.push(
					slotOf({
						venueId: id,
						zone,
						local: serviceMoment(query.date, minutes, zone),
						durationMinutes: time.duration ?? query.durationMinutes,
						partySize: query.partySize,
						type: time.type,
						shift: {
							id: shift.shift_persistent_id,
							name: shift.name,
							category: shift.shift_category,
						},
						extra: { time: time.time },
					}),
				);
			}
		}
		return keepAsked(slots, query);
	},
};
