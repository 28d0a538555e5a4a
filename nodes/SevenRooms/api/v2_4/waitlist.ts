import { DateTime } from 'luxon';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	apiRequest,
	apiRequestObject,
	apiRequestPages,
	connectionOf,
	serverNow,
} from '../../transport';
import type { SevenRoomsFunctions } from '../../transport';
import type { WaitlistApi } from '../types';
import { configuredTimeZone } from '../venueTime';
import { bookingContact } from './contact';
import { createOnce } from './createOnce';
import { serviceDate } from './reservations';
import { waitlistEntryOf, WAITLIST_STATUS_24 } from './shapes';

/**
 * The waitlist on API 2.4: `GET /waitlist` per venue (an integer cursor, `waitlist_entries`),
 * `POST /waitlist` (a shift is required), `GET`/`PUT`/`DELETE /waitlist/{id}`. Entries carry no
 * venue id: a listed or added entry gets the venue it was asked for.
 */

const entryPath = (id: string) => `/waitlist/${encodeURIComponent(id)}`;

/** Every entry of a venue's waitlist, raw (`fromDate`: of that service date and later). */
export async function* waitlistPages(
	context: SevenRoomsFunctions,
	venueId: string,
	itemIndex?: number,
	fromDate?: string,
): AsyncGenerator<IDataObject[]> {
	yield* apiRequestPages.call(
		context,
		'/waitlist',
		{ venue_id: venueId, ...(fromDate ? { from_date: fromDate } : {}) },
		{ itemIndex, listKey: 'waitlist_entries' },
	);
}

/** Statuses of the OAuth2 API's words a party still on the waitlist has (2.4's unknown ones too). */
const STILL_WAITING = ['waiting', 'notified'];

/**
 * The entry an add whose answer was lost (or a re-run with the same key) made, if any: the latest
 * entry of the same party (phone, names, size) that is still on the waitlist, from the last two
 * service dates. A party cannot wait twice at once, and an entry that has left the waitlist
 * (Canceled, Removed, Arrived, No Show) is an earlier visit, not this attempt: a party that joins
 * again must be added again. Join times are compared only with each other: they are venue-local
 * and API 2.4 gives no venue zone, so a wrong Venue Time Zone must not hide the entry just made.
 */
async function entryOfParty(
	context: IExecuteFunctions,
	venueId: string,
	party: { phone: string; first_name: string; last_name: string; partySize: number },
	{ zone, itemIndex }: { zone: string; itemIndex: number },
): Promise<IDataObject | undefined> {
	const now = serverNow((await connectionOf(context)).clientKey) ?? Date.now();
	const fromDate = serviceDate(DateTime.fromMillis(now, { zone }).minus({ days: 2 }));
	let found: IDataObject | undefined;
	for await (const page of waitlistPages(context, venueId, itemIndex, fromDate)) {
		for (const raw of page) {
			const entry = waitlistEntryOf(raw, zone, venueId);
			if (
				digits(entry.phone_number) !== digits(party.phone) ||
				Number(entry.party_size) !== party.partySize ||
				String(entry.first_name ?? '') !== party.first_name ||
				String(entry.last_name ?? '') !== party.last_name ||
				!STILL_WAITING.includes(String(entry.status))
			)
				continue;
			if (!found || String(entry.joined_at ?? '') >= String(found.joined_at ?? '')) found = entry;
		}
	}
	return found;
}

/**
 * The shift a walk-in joins now: `shift_persistent_id` is required and 2.4 hands it out with
 * availability. The first open shift offering times from now on today (venue time), else the
 * first shift of the day.
 */
async function currentShift(
	context: IExecuteFunctions,
	venueId: string,
	partySize: number,
	itemIndex: number,
): Promise<string> {
	const now = DateTime.now().setZone(configuredTimeZone(context, itemIndex));
	const data = await apiRequestObject.call(
		context,
		'GET',
		`/venues/${encodeURIComponent(venueId)}/availability`,
		{
			qs: {
				date: serviceDate(now),
				start_time: now.toFormat('HH:mm'),
				end_time: '23:59',
				party_size: partySize,
			},
			itemIndex,
		},
	);
	const shifts = (Array.isArray(data.availability) ? data.availability : []) as IDataObject[];
	const open = shifts.find(
		(shift) => shift.is_closed !== true && Array.isArray(shift.times) && shift.times.length > 0,
	);
	const id = (open ?? shifts[0])?.shift_persistent_id;
	if (typeof id !== 'string' || !id) {
		throw new NodeOperationError(context.getNode(), `Venue ${venueId} has no shift today`, {
			itemIndex,
			description:
				'API 2.4 adds to the waitlist only within a shift. Set Shift Persistent ID in the options.',
		});
	}
	return id;
}

const digits = (value: unknown) => String(value ?? '').replace(/\D/g, '');

export const waitlist: WaitlistApi = {
	async get(context, id, itemIndex) {
		const entry = await apiRequestObject.call(context, 'GET', entryPath(id), { itemIndex });
		return waitlistEntryOf(entry, configuredTimeZone(context, itemIndex));
	},

	async list(context, venueId, status, { limit, itemIndex }) {
		const zone = configuredTimeZone(context, itemIndex);
		const entries: IDataObject[] = [];
		for await (const page of waitlistPages(context, venueId, itemIndex)) {
			for (const raw of page) {
				const entry = waitlistEntryOf(raw, zone, venueId);
				if (!status || entry.status === status) entries.push(entry);
			}
			if (limit !== undefined && entries.length >= limit) return entries.slice(0, limit);
		}
		return entries;
	},

	/**
	 * Added once: a waitlist entry has no reference field, so an entry whose answer was lost is
	 * recognised by the party still waiting on the venue's waitlist (`entryOfParty`).
	 */
	async add(context, input, { idempotencyKey, itemIndex, userKey }) {
		const zone = configuredTimeZone(context, itemIndex);
		const contact = await bookingContact(context, input.guest, itemIndex);
		const shift =
			String(input.extra.shift_persistent_id ?? '').trim() ||
			(await currentShift(context, input.venueId, input.partySize, itemIndex));
		const form: IDataObject = {
			venue_id: input.venueId,
			first_name: contact.first_name,
			last_name: contact.last_name,
			phone_number: contact.phone,
			phone_number_locale: contact.locale,
			party_size: input.partySize,
			shift_persistent_id: shift,
			...(contact.email ? { email: contact.email } : {}),
			...(input.quotedWaitMinutes !== undefined
				? { quoted_wait_time: input.quotedWaitMinutes }
				: {}),
			...(input.notes ? { notes: input.notes } : {}),
		};
		return await createOnce(context, {
			reference: `waitlist:${idempotencyKey}`,
			lookFirst: userKey,
			send: async () => {
				const entry = await apiRequestObject.call(context, 'POST', '/waitlist', {
					body: form,
					once: true,
					itemIndex,
				});
				return waitlistEntryOf(entry, zone, input.venueId);
			},
			find: async () =>
				await entryOfParty(
					context,
					input.venueId,
					{ ...contact, partySize: input.partySize },
					{ zone, itemIndex },
				),
		});
	},

	async update(context, id, changes, itemIndex) {
		const unsupported = [
			changes.quotedWaitMinutes !== undefined ? 'Quoted Wait (Minutes)' : '',
			changes.notes !== undefined ? 'Notes' : '',
		].filter(Boolean);
		if (unsupported.length) {
			throw new NodeOperationError(
				context.getNode(),
				`SevenRooms API 2.4 cannot change a waitlist entry's ${unsupported.join(' or ')}`,
				{ itemIndex, description: 'API 2.4 changes names, phone, email, status and party size.' },
			);
		}
		const form: IDataObject = {};
		if (changes.partySize !== undefined) form.party_size = changes.partySize;
		if (changes.status) form.status = WAITLIST_STATUS_24[changes.status] ?? changes.status;
		const entry = await apiRequestObject.call(context, 'PUT', entryPath(id), {
			body: form,
			itemIndex,
		});
		return waitlistEntryOf(entry, configuredTimeZone(context, itemIndex));
	},

	async remove(context, id, itemIndex) {
		await apiRequest.call(context, 'DELETE', entryPath(id), { itemIndex });
		return { id, removed: true };
	},
};
