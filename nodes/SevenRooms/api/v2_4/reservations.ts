import { DateTime } from 'luxon';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { serviceDate, toUtcIso } from '../../helpers/time';
import { apiRequestObject } from '../../transport';
import type { ReservationsApi } from '../types';
import { configuredTimeZone } from '../venueTime';
import { bookingContact } from './contact';
import { createOnce } from './createOnce';
import { collect24 } from './lists';
import { clean, naiveFromIso, reservationOf, tagNames } from './shapes';

/**
 * Reservations on API 2.4: book at `PUT /venues/{id}/book`, change at `POST /reservations/{id}`,
 * cancel; lists from `GET /reservations` (local dates, `updated_since`). Local times are read and
 * written in the node's Venue Time Zone; a day's times begin at 6 AM, as 2.4's do.
 */

const reservationPath = (id: string) => `/reservations/${encodeURIComponent(id)}`;

export { serviceDate };

/** The OAuth2 API's statuses as 2.4's status codes (cancel has its own call). */
const STATUS_CODES: Record<string, string> = {
	booked: 'NOT_RECONCILED',
	confirmed: 'CONFIRMED',
	seated: 'SEATED',
	completed: 'COMPLETE',
	no_show: 'NO_SHOW',
};

async function getReservation(context: IExecuteFunctions, id: string, itemIndex: number) {
	const reservation = await apiRequestObject.call(context, 'GET', reservationPath(id), {
		itemIndex,
	});
	return reservationOf(reservation, configuredTimeZone(context, itemIndex));
}

/** Body fields shared by book and update, from the OAuth2 API's field names. */
function fieldsForm(fields: IDataObject): IDataObject {
	const form: IDataObject = {};
	if (fields.duration_minutes !== undefined) form.duration = fields.duration_minutes;
	if (fields.notes !== undefined) form.notes = fields.notes;
	// 2.4 books by table number: the node's table list gives numbers for 2.4.
	if (Array.isArray(fields.table_ids)) form.table = fields.table_ids;
	return form;
}

export const reservations: ReservationsApi = {
	get: getReservation,

	async list(context, filters, { limit, itemIndex }) {
		const zone = configuredTimeZone(context, itemIndex);
		const qs: IDataObject = {};
		if (filters.venueId) qs.venue_id = filters.venueId;
		if (filters.guestId) qs.client_id = filters.guestId;
		if (filters.updatedSince) qs.updated_since = naiveFromIso(filters.updatedSince);
		const from = filters.startFrom ? Date.parse(filters.startFrom) : undefined;
		const to = filters.startTo ? Date.parse(filters.startTo) : undefined;
		const local = (ms: number) => DateTime.fromMillis(ms, { zone });
		if (from !== undefined) qs.from_date = serviceDate(local(from));
		if (to !== undefined) qs.to_date = serviceDate(local(to));
		// Statuses and exact times are checked here: 2.4's status codes differ per venue.
		const keep = (raw: IDataObject) => {
			const reservation = reservationOf(raw, zone);
			const start = Date.parse(String(reservation.start_time));
			return (
				(!filters.status || reservation.status === filters.status) &&
				(from === undefined || start >= from) &&
				(to === undefined || start <= to)
			);
		};
		const found = await collect24(context, '/reservations', qs, { limit, itemIndex, keep });
		return found.map((reservation) => reservationOf(reservation, zone));
	},

	async create(context, input, { idempotencyKey, itemIndex, userKey }) {
		const zone = configuredTimeZone(context, itemIndex);
		const utc = toUtcIso(context.getNode(), input.startTime, {
			field: 'Start Time',
			zone: input.timeZone === 'utc' ? 'utc' : zone,
			itemIndex,
		});
		const local = DateTime.fromISO(utc, { zone });
		const date = serviceDate(local);
		const contact = await bookingContact(context, input.guest, itemIndex);
		const own = String(input.extra.external_id ?? '').trim();
		const reference = own || idempotencyKey;
		const form: IDataObject = {
			date,
			time: local.toFormat('HH:mm'),
			party_size: input.partySize,
			first_name: contact.first_name,
			last_name: contact.last_name,
			phone: contact.phone,
			...(contact.email ? { email: contact.email } : {}),
			...(contact.client_id ? { client_id: contact.client_id } : {}),
			...fieldsForm(input.fields),
			...(Array.isArray(input.fields.tags) ? { tags: input.fields.tags } : {}),
			...(input.extra.send_client_email !== undefined
				? { send_client_email: input.extra.send_client_email }
				: {}),
			external_id: reference,
		};
		const venuePath = `/venues/${encodeURIComponent(input.venueId)}/book`;
		return await createOnce(context, {
			reference: `reservation:${reference}`,
			lookFirst: userKey || Boolean(own),
			send: async () => {
				const booked = await apiRequestObject.call(context, 'PUT', venuePath, {
					body: form,
					once: true,
					itemIndex,
				});
				return await getReservation(context, String(booked.reservation_id), itemIndex);
			},
			// 2.4 lists only today without a date filter: the booking's date narrows the search.
			find: async () => {
				const qs = {
					venue_id: input.venueId,
					from_date: date,
					to_date: date,
					external_id: reference,
				};
				const match = (raw: IDataObject) => clean(raw).external_id === reference;
				const [found] = await collect24(context, '/reservations', qs, {
					itemIndex,
					keep: match,
					limit: 1,
				});
				return found ? reservationOf(found, zone) : undefined;
			},
		});
	},

	async update(context, id, changes, itemIndex) {
		const node = context.getNode();
		if (changes.startTime || changes.partySize !== undefined) {
			throw new NodeOperationError(
				node,
				'SevenRooms API 2.4 cannot move a reservation or change its party size',
				{
					itemIndex,
					description:
						'Cancel the reservation and book a new one, or use the OAuth2 API (Authentication).',
				},
			);
		}
		const { tags, notes } = changes.fields;
		const { addTags, removeTags, appendNotes } = changes.add;
		if (tags !== undefined && (addTags || removeTags))
			throw new NodeOperationError(node, 'Use either Tags or Add Tags/Remove Tags, not both', {
				itemIndex,
			});
		if (notes !== undefined && appendNotes)
			throw new NodeOperationError(node, 'Use either Notes or Append to Notes, not both', {
				itemIndex,
			});
		const form = fieldsForm(changes.fields);
		if (changes.status) {
			const code = STATUS_CODES[changes.status];
			if (!code) {
				throw new NodeOperationError(
					node,
					`Status "${changes.status}" is set by Cancel on API 2.4`,
					{
						itemIndex,
						description: 'Use the Cancel operation to cancel a reservation.',
					},
				);
			}
			form.status = code;
		}
		const split = (value: unknown) =>
			tagNames(
				String(value ?? '')
					.split(',')
					.map((tag) => tag.trim()),
			);
		const added = split(addTags);
		const removed = split(removeTags);
		if (Array.isArray(tags) || appendNotes) {
			const current = await getReservation(context, id, itemIndex);
			if (Array.isArray(tags)) {
				const have = current.tags as string[];
				added.push(...(tags as string[]).filter((tag) => !have.includes(tag)));
				removed.push(...have.filter((tag) => !(tags as string[]).includes(tag)));
			}
			if (appendNotes) {
				const existing = typeof current.notes === 'string' ? current.notes.trim() : '';
				form.notes = [existing, String(appendNotes).trim()].filter(Boolean).join('\n');
			}
		}
		if (added.length) form.add_tags = added;
		if (removed.length) form.remove_tags = removed;
		const updated = await apiRequestObject.call(context, 'POST', reservationPath(id), {
			body: form,
			itemIndex,
		});
		return reservationOf(updated, configuredTimeZone(context, itemIndex));
	},

	/** Cancel once: a cancel whose answer was lost is done when the reservation is cancelled. */
	async cancel(context, id, { itemIndex, extra }) {
		const form: IDataObject =
			extra.send_client_email !== undefined ? { send_client_email: extra.send_client_email } : {};
		return await createOnce(context, {
			reference: `cancel:${id}`,
			send: async () => {
				await apiRequestObject.call(context, 'POST', `${reservationPath(id)}/cancel`, {
					body: form,
					once: true,
					itemIndex,
				});
				return await getReservation(context, id, itemIndex);
			},
			find: async () => {
				const reservation = await getReservation(context, id, itemIndex);
				return reservation.status === 'cancelled' ? reservation : undefined;
			},
		});
	},
};
