import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequest, apiRequestObject, nodeErrorOf } from '../../transport';
import type { SevenRoomsFunctions } from '../../transport';
import type { Additions, GuestFilters, GuestsApi } from '../types';
import { createOnce } from './createOnce';
import { collect24, pages24, searchCap } from './lists';
import { clean, guestOf, naiveFromIso, tagNames } from './shapes';

/**
 * Guests on API 2.4 are clients: `/clients` (search, capped), `/clients/export`, `POST /clients`,
 * `POST /clients/updates` and `remove_personal_data` (2.4 has no delete).
 */

const clientPath = (id: string) => `/clients/${encodeURIComponent(id)}`;

/** Guest fields of the OAuth2 API that API 2.4's clients have no field for. */
const NO_2_4_FIELD: Record<string, string> = {
	anniversary: 'Anniversary',
	dietary_notes: 'Dietary Notes',
	preferences: 'Preferences (JSON)',
	sms_opt_in: 'SMS Opt-In',
};

function noField(context: IExecuteFunctions, field: string, itemIndex: number) {
	return new NodeOperationError(context.getNode(), `${field} has no field in SevenRooms API 2.4`, {
		itemIndex,
		description: `Remove ${field}, or use the OAuth2 API (Authentication) for it.`,
	});
}

/** The client form of a guest body (the OAuth2 API's field names); tags are handled apart. */
function clientForm(context: IExecuteFunctions, body: IDataObject, itemIndex: number): IDataObject {
	const form: IDataObject = {};
	for (const [key, value] of Object.entries(body)) {
		if (NO_2_4_FIELD[key]) throw noField(context, NO_2_4_FIELD[key], itemIndex);
		if (key === 'tags') continue;
		if (key === 'phone') form.phone_number = value;
		else if (key === 'email_opt_in') form.venue_group_marketing_opt_in = value === true;
		else if (key === 'birthday') {
			// 2.4 keeps a birthday's day and month, no year.
			const [month, day] = String(value).slice(-5).split('-');
			form.birthday_month = Number(month);
			form.birthday_day = Number(day);
		} else form[key] = value;
	}
	return form;
}

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

async function getGuest(context: IExecuteFunctions, id: string, itemIndex: number) {
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

function both(context: IExecuteFunctions, replaced: string, added: string, itemIndex: number) {
	return new NodeOperationError(context.getNode(), `Use either ${replaced} or ${added}, not both`, {
		itemIndex,
		description: `${replaced} replaces what is there; ${added} keeps it and adds to it.`,
	});
}

/**
 * One client's `POST /clients/updates`: a JSON list (the contract leaves the encoding open; its
 * sibling `/reservations/updates` takes JSON); a server that refuses it (400, 415) gets the one
 * client as a form. Tags go as `add_tags`/`remove_tags`: Tags (replace) become the difference.
 */
async function updateClient(
	context: IExecuteFunctions,
	id: string,
	body: IDataObject,
	add: Additions,
	itemIndex: number,
): Promise<void> {
	const { tags, notes } = body;
	if (tags !== undefined && (add.addTags || add.removeTags))
		throw both(context, 'Tags', 'Add Tags/Remove Tags', itemIndex);
	if (notes !== undefined && add.appendNotes)
		throw both(context, 'Notes', 'Append to Notes', itemIndex);
	const item: IDataObject = { client_id: id, ...clientForm(context, body, itemIndex) };
	const added = tagNames(
		String(add.addTags ?? '')
			.split(',')
			.map((tag) => tag.trim()),
	);
	const removed = tagNames(
		String(add.removeTags ?? '')
			.split(',')
			.map((tag) => tag.trim()),
	);
	if (tags !== undefined || add.appendNotes) {
		const current = await getGuest(context, id, itemIndex);
		if (Array.isArray(tags)) {
			const have = current.tags as string[];
			added.push(...(tags as string[]).filter((tag) => !have.includes(tag)));
			removed.push(...have.filter((tag) => !(tags as string[]).includes(tag)));
		}
		if (add.appendNotes) {
			const existing = typeof current.notes === 'string' ? current.notes.trim() : '';
			item.notes = [existing, String(add.appendNotes).trim()].filter(Boolean).join('\n');
		}
	}
	if (added.length) item.add_tags = added;
	if (removed.length) item.remove_tags = removed;
	try {
		await apiRequest.call(context, 'POST', '/clients/updates', {
			body: [item],
			encoding: 'json',
			itemIndex,
		});
	} catch (error) {
		const status = (error as { httpCode?: string }).httpCode;
		if (status !== '400' && status !== '415')
			throw nodeErrorOf(context.getNode(), error, itemIndex);
		try {
			await apiRequest.call(context, 'POST', '/clients/updates', { body: item, itemIndex });
		} catch {
			throw nodeErrorOf(context.getNode(), error, itemIndex);
		}
	}
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
	/** 2.4 refuses nothing for a duplicate: the guest is looked for by email, then phone, first. */
	async upsert(context, body, options) {
		const { itemIndex } = options;
		let existing: IDataObject | undefined;
		if (body.email)
			existing = await findClient(
				context,
				{ email: body.email },
				(client) => sameText(client.email, body.email),
				itemIndex,
			);
		if (!existing && body.phone)
			existing = await findClient(
				context,
				{ phone: body.phone },
				(client) => digits(clean(client).phone_number) === digits(body.phone),
				itemIndex,
			);
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
