import type { IDataObject } from 'n8n-workflow';

import { apiRequestObject } from '../../transport';
import type { VenuesApi } from '../types';
import { collect24 } from './lists';
import { tableOf, venueOf } from './shapes';

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
};
