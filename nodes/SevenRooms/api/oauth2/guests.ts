import type { IDataObject } from 'n8n-workflow';

import { checkedId } from '../../shared/validation';
import {
	apiErrorsOf,
	apiRequest,
	apiRequestAllItems,
	apiRequestObject,
	apiRequestPages,
	nodeErrorOf,
} from '../../transport';
import type { GuestFilters, GuestsApi } from '../types';
import { withAdditions } from './additions';

const guestPath = (id: string) => `/guests/${encodeURIComponent(id)}`;

/** The same email (any case) or phone (E.164 on both sides). */
const sameContact = (field: string, a: unknown, b: unknown) =>
	field === 'email'
		? String(a ?? '').toLowerCase() === String(b ?? '').toLowerCase()
		: String(a ?? '') === String(b ?? '');

/** The contract's `GET /guests` query. */
export function guestQuery(filters: GuestFilters): IDataObject {
	const qs: IDataObject = {};
	if (filters.updatedSince) qs['updated_at[gte]'] = filters.updatedSince;
	if (filters.updatedUntil) qs['updated_at[lte]'] = filters.updatedUntil;
	if (filters.email) qs.email = filters.email;
	if (filters.phone) qs.phone = filters.phone;
	if (filters.emailOptIn !== undefined) qs.email_opt_in = String(filters.emailOptIn);
	if (filters.tags?.length) qs.tags = filters.tags.join(',');
	if (filters.birthdayStart && filters.birthdayEnd) {
		qs.birthday_start = filters.birthdayStart;
		qs.birthday_end = filters.birthdayEnd;
	}
	return qs;
}

export const guests: GuestsApi = {
	async *pages(context, filters) {
		yield* apiRequestPages.call(context, '/guests', guestQuery(filters));
	},
	async get(context, id, itemIndex) {
		return await apiRequestObject.call(context, 'GET', guestPath(id), { itemIndex });
	},
	async list(context, filters, { limit, itemIndex }) {
		return await apiRequestAllItems.call(context, '/guests', guestQuery(filters), {
			limit,
			itemIndex,
		});
	},
	async create(context, body, { idempotencyKey, itemIndex }) {
		return await apiRequestObject.call(context, 'POST', '/guests', {
			body,
			idempotencyKey,
			itemIndex,
		});
	},
	/**
	 * Create; on 409 `guest_exists` PATCH the existing guest with the same fields. With match
	 * fields, the guest is looked for by them first, in their order (the 409 still catches a
	 * guest with the other one: the API allows no second guest with the same email or phone).
	 */
	async upsert(context, body, { idempotencyKey, itemIndex, matchOn = [] }) {
		for (const field of matchOn) {
			if (!body[field]) continue;
			const [found] = await apiRequestAllItems.call(
				context,
				'/guests',
				guestQuery({ [field]: String(body[field]) }),
				{ limit: 1, itemIndex },
			);
			if (!found || !sameContact(field, found[field], body[field])) continue;
			const guestId = checkedId(context.getNode(), found.id, 'existing guest ID', itemIndex);
			const updated = await apiRequestObject.call(context, 'PATCH', guestPath(guestId), {
				body,
				itemIndex,
			});
			return { ...updated, upsert_action: 'updated' };
		}
		let existingId: unknown;
		try {
			const created = await apiRequestObject.call(context, 'POST', '/guests', {
				body,
				idempotencyKey,
				itemIndex,
			});
			return { ...created, upsert_action: 'created' };
		} catch (error) {
			existingId = apiErrorsOf(error).find((entry) => entry.code === 'guest_exists')?.existing_id;
			// Not a duplicate: the transport's error already names the problem.
			if (existingId === undefined) throw nodeErrorOf(context.getNode(), error, itemIndex);
		}
		const guestId = checkedId(context.getNode(), existingId, 'existing guest ID', itemIndex);
		const updated = await apiRequestObject.call(context, 'PATCH', guestPath(guestId), {
			body,
			itemIndex,
		});
		return { ...updated, upsert_action: 'updated' };
	},
	async update(context, id, body, add, itemIndex) {
		const path = guestPath(id);
		const merged = await withAdditions(context, path, body, add as IDataObject, itemIndex);
		return await apiRequestObject.call(context, 'PATCH', path, { body: merged, itemIndex });
	},
	async remove(context, id, itemIndex) {
		await apiRequest.call(context, 'DELETE', guestPath(id), { itemIndex });
		return { id, deleted: true };
	},
};
