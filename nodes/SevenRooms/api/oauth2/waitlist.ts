import type { IDataObject } from 'n8n-workflow';

import { WAITLIST_LOCAL_FIELDS } from '../../shared/contract';
import { apiRequest, apiRequestAllItems, apiRequestObject } from '../../transport';
import type { WaitlistApi } from '../types';
import { withVenueLocalTimes } from '../venueTime';

const entryPath = (id: string) => `/waitlist/${encodeURIComponent(id)}`;

export const waitlist: WaitlistApi = {
	async get(context, id, itemIndex) {
		const entry = await apiRequestObject.call(context, 'GET', entryPath(id), { itemIndex });
		return await withVenueLocalTimes(context, entry, WAITLIST_LOCAL_FIELDS, { itemIndex });
	},
	async list(context, venueId, status, { limit, itemIndex }) {
		const qs: IDataObject = { venue_id: venueId, ...(status ? { status } : {}) };
		const entries = await apiRequestAllItems.call(context, '/waitlist', qs, { limit, itemIndex });
		const result: IDataObject[] = [];
		for (const entry of entries) {
			result.push(await withVenueLocalTimes(context, entry, WAITLIST_LOCAL_FIELDS, { itemIndex }));
		}
		return result;
	},
	async add(context, input, { idempotencyKey, itemIndex }) {
		const body: IDataObject = {
			venue_id: input.venueId,
			party_size: input.partySize,
			...input.guest,
		};
		if (input.quotedWaitMinutes !== undefined) body.quoted_wait_minutes = input.quotedWaitMinutes;
		if (input.notes) body.notes = input.notes;
		const entry = await apiRequestObject.call(context, 'POST', '/waitlist', {
			body,
			idempotencyKey,
			itemIndex,
		});
		return await withVenueLocalTimes(context, entry, WAITLIST_LOCAL_FIELDS, { itemIndex });
	},
	async update(context, id, changes, itemIndex) {
		const body: IDataObject = {};
		if (changes.partySize !== undefined) body.party_size = changes.partySize;
		if (changes.quotedWaitMinutes !== undefined)
			body.quoted_wait_minutes = changes.quotedWaitMinutes;
		if (changes.status) body.status = changes.status;
		if (changes.notes !== undefined) body.notes = changes.notes as string;
		const entry = await apiRequestObject.call(context, 'PATCH', entryPath(id), { body, itemIndex });
		return await withVenueLocalTimes(context, entry, WAITLIST_LOCAL_FIELDS, { itemIndex });
	},
	async remove(context, id, itemIndex) {
		await apiRequest.call(context, 'DELETE', entryPath(id), { itemIndex });
		return { id, removed: true };
	},
};
