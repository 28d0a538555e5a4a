import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequest, apiRequestObject } from '../../transport';
import type { SevenRoomsFunctions } from '../../transport';
import type { GuestFilters, GuestsApi } from '../types';
import { createOnce } from './createOnce';
import { clientForm, updateClient } from './clientUpdates';
import { collect24, pages24, searchCap } from './lists';
import { clean, guestOf, naiveFromIso } from './shapes';

/**
 * Guests on API 2.4 are clients: `/clients` (search, capped), `/clients/export`, `POST /clients`,
 * `POST /clients/updates` and `remove_personal_data` (2.4 has no delete).
 */

const clientPath = (id: string) => `/clients/${encodeURIComponent(id)}`;

const sameText = (a: unknown, b: unknown) =>
	typeof a === 'string' &&
	typeof b === 'string' &&
	a.trim().toLowerCase() === b.trim().toLowerCase();
const digits = (value: unknown) => String(value ?? '').replace(/\D/g, '');

/** `MM-DD` as a 2.4 date filter; the year (unverified how it is read) is a leap year's. */
const birthdayDate = (monthDay: string) => `2000-${monthDay}`;

function listQuery(filters: GuestFilters): IDataObject[] {
	const qs: IDataObject = { sort_order: 'last_updated_ascending' };
	if (filters.updatedSince) qs.updated_since = naiveFromIso(filters.updatedSince);
	if (filters.email) qs.email = filters.email;
	if (filters.phone) qs.phone = filters.phone;
	if (filters.tags?.length) qs.tags = filters.tags.join(',');
	const { birthdayStart: start, birthdayEnd: end } = filters;
	if (!start || !end) return [qs];
	// A window over the year end is asked as two (whether 2.4 wraps one is unverified).
	const windows =
		start <= end
			? [[start, end]]
			: [
					[start, '12-31'],
					['01-01', end],
				];
	return windows.map(([from, to]) => ({
		...qs,
		birthday_start: birthdayDate(from),
		birthday_end: birthdayDate(to),
	}));
}

/** What 2.4 can't filter (or may not filter exactly) is checked on each client. */
function keeps(filters: GuestFilters): (guest: IDataObject) => boolean {
	const until = filters.updatedUntil ? Date.parse(filters.updatedUntil) : undefined;
	const { birthdayStart: start, birthdayEnd: end } = filters;
	return (guest) => {
		if (filters.emailOptIn !== undefined && guest.email_opt_in !== filters.emailOptIn) return false;
		if (until !== undefined && !(Date.parse(String(guest.updated_at)) <= until)) return false;
		if (start && end) {
			const day = typeof guest.birthday === 'string' ? guest.birthday.slice(-5) : '';
			if (!day || (start <= end ? day < start || day > end : day < start && day > end))
				return false;
		}
		return true;
	};
}

/** Clients as guests: the export (no cap) unless a small search is enough. */
export async function listGuests(
	context: IExecuteFunctions,
	filters: GuestFilters,
	{ limit, itemIndex }: { limit?: number; itemIndex?: number },
): Promise<IDataObject[]> {
	const keep = keeps(filters);
	const path = limit !== undefined && limit <= searchCap.objects ? '/clients' : '/clients/export';
	const guests: IDataObject[] = [];
	for (const qs of listQuery(filters)) {
		const wanted = limit === undefined ? undefined : limit - guests.length;
		if (wanted === 0) break;
		const found = await collect24(context, path, qs, {
			limit: wanted,
			itemIndex,
			keep: (client) => keep(guestOf(client)),
		});
		guests.push(...found.map(guestOf));
	}
	return limit === undefined ? guests : guests.slice(0, limit);
}

/** Every matching client as a guest, from the export (no cap), page by page. */
export async function* guestPages(
	context: SevenRoomsFunctions,
	filters: GuestFilters,
): AsyncGenerator<IDataObject[]> {
	const keep = keeps(filters);
	for (const qs of listQuery(filters)) {
		for await (const page of pages24(context, '/clients/export', qs)) {
			yield page.map(guestOf).filter(keep);
		}
	}
}

async function getGuest(context: SevenRoomsFunctions, id: string, itemIndex?: number) {
	return guestOf(await apiRequestObject.call(context, 'GET', clientPath(id), { itemIndex }));
}

/** The first client a search finds whose field matches. */
async function findClient(
	context: IExecuteFunctions,
	qs: IDataObject,
	matches: (client: IDataObject) => boolean,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const found = await collect24(context, '/clients', qs, { itemIndex, keep: matches, limit: 1 });
	return found[0];
}

const REQUIRED: Array<[string, string]> = [
	['first_name', 'First Name'],
	['last_name', 'Last Name'],
	['email', 'Email'],
	['phone', 'Phone'],
];

async function createGuest(
	context: IExecuteFunctions,
	body: IDataObject,
	{
		idempotencyKey,
		itemIndex,
		userKey,
	}: { idempotencyKey: string; itemIndex: number; userKey?: boolean },
): Promise<IDataObject> {
	const missing = REQUIRED.filter(([field]) => !body[field]).map(([, name]) => name);
	if (missing.length) {
		throw new NodeOperationError(
			context.getNode(),
			`SevenRooms API 2.4 needs ${missing.join(', ')} to create a guest`,
			{
				itemIndex,
				description: 'API 2.4 creates a client only with first and last name, email and phone.',
			},
		);
	}
	// The client carries its reference in external_user_id: the user's own, else the create's key.
	const own = typeof body.external_user_id === 'string' && body.external_user_id.trim();
	const reference = own || idempotencyKey;
	const form = { ...clientForm(context, body, itemIndex), external_user_id: reference };
	const created = await createOnce(context, {
		reference: `client:${reference}`,
		lookFirst: userKey || Boolean(own),
		send: async () =>
			await apiRequestObject.call(context, 'POST', '/clients', {
				body: form,
				once: true,
				itemIndex,
			}),
		find: async () =>
			await findClient(
				context,
				{ external_user_id: reference, email: body.email },
				(client) => clean(client).external_user_id === reference,
				itemIndex,
			),
	});
	if (!Array.isArray(body.tags) || !body.tags.length) return guestOf(created);
	await updateClient(context, String(created.id), {}, { addTags: body.tags.join(',') }, itemIndex);
	return {
		...(await getGuest(context, String(created.id), itemIndex)),
		idempotent_replay: created.idempotent_replay,
	};
}

export const guests: GuestsApi = {
	pages: guestPages,
	get: getGuest,
	list: listGuests,
	create: createGuest,
	/**
	 * 2.4 refuses nothing for a duplicate: the guest is looked for first, by the match fields in
	 * their order (by default email, then phone).
	 */
	async upsert(context, body, options) {
		const { itemIndex, matchOn = ['email', 'phone'] } = options;
		let existing: IDataObject | undefined;
		for (const field of matchOn) {
			if (existing || !body[field]) continue;
			existing = await findClient(
				context,
				{ [field]: body[field] },
				field === 'email'
					? (client) => sameText(client.email, body.email)
					: (client) => digits(clean(client).phone_number) === digits(body.phone),
				itemIndex,
			);
		}
		if (!existing)
			return { ...(await createGuest(context, body, options)), upsert_action: 'created' };
		const id = String(existing.id);
		await updateClient(context, id, body, {}, itemIndex);
		return { ...(await getGuest(context, id, itemIndex)), upsert_action: 'updated' };
	},
	async update(context, id, body, add, itemIndex) {
		await updateClient(context, id, body, add, itemIndex);
		return await getGuest(context, id, itemIndex);
	},
	/** `remove_personal_data` with SevenRooms' defaults: reservations' copies too, notes kept. */
	async remove(context, id, itemIndex) {
		await apiRequest.call(context, 'PUT', `${clientPath(id)}/remove_personal_data`, {
			body: {},
			itemIndex,
		});
		return { id, personal_data_removed: true };
	},
};
