import { apiRequestAllItems, apiRequestObject } from '../../transport';
import type { VenuesApi } from '../types';

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
};
