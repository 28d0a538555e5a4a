import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { moneyOf, numberOrNull } from '../../helpers/money';
import { withLocalTimes } from '../../helpers/time';
import { localClockOn, visitOf24 } from './visit';

/**
 * API 2.4's objects in the nodes' vocabulary (the OAuth2 API's field names, UTC `…_at` times,
 * `start_time` with `start_time_local`), every field of the API passed through, its loose typing
 * cleaned: `"None"` is null, phone numbers are `+` strings, postal codes and reference codes text.
 */

const NONE = 'None';

/** `"None"` → null, at any depth (objects and lists). */
export function clean<T>(value: T, depth = 0): T {
	if (value === (NONE as unknown)) return null as T;
	if (depth > 4 || value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map((entry) => clean(entry, depth + 1)) as T;
	return Object.fromEntries(
		Object.entries(value as IDataObject).map(([key, entry]) => [key, clean(entry, depth + 1)]),
	) as T;
}

/** A phone number as text with its `+` (2.4 may send `12125559876` as a number). */
export function phoneText(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) return `+${value}`;
	if (typeof value !== 'string' || !value.trim()) return null;
	const compact = value.replace(/[\s().-]/g, '');
	return /^\d{8,15}$/.test(compact) ? `+${compact}` : value.trim();
}

const textOrNull = (value: unknown) =>
	value === null || value === undefined || value === '' ? null : String(value);

/** A naive 2.4 date-time (`2024-01-14T14:20:38.874800`) as an ISO instant, read as UTC. */
export function isoFromNaive(value: unknown): string | null {
	if (typeof value !== 'string' || !value.trim()) return null;
	const text = value.trim().replace(' ', 'T');
	const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text);
	const ms = Date.parse(zoned ? text : `${text.replace(/(\.\d{3})\d+/, '$1')}Z`);
	return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** An ISO instant as 2.4 writes its date-times: naive UTC (for `updated_since`). */
export function naiveFromIso(iso: string): string {
	return new Date(Date.parse(iso)).toISOString().slice(0, 19);
}

/**
 * Tag objects (`{tag, group_display, …}`), names, or `""` as a list of `Tag Group:Tag Name`: the
 * form 2.4's `add_tags`/`remove_tags` take, so a tag read can be written back.
 */
export function tagNames(value: unknown): string[] {
	if (!Array.isArray(value)) return [];
	return value
		.map((tag) => {
			if (typeof tag !== 'object' || tag === null) return tag;
			const { tag: name, tag_display: display, group_display: group } = tag as IDataObject;
			const text = String(name ?? display ?? '').trim();
			return group && text && !text.includes(':') ? `${String(group)}:${text}` : text;
		})
		.map((tag) => String(tag ?? '').trim())
		.filter(Boolean);
}

function address(value: unknown): IDataObject {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
	const parts = value as IDataObject;
	const text = Object.values(parts)
		.filter((part) => typeof part === 'string' && part.trim())
		.join(', ');
	return { address: text || null, address_parts: parts };
}

/** A client as a guest. */
export function guestOf(client: IDataObject): IDataObject {
	const c = clean(client);
	const month = Number(c.birthday_month);
	const day = Number(c.birthday_day);
	const birthday =
		Number.isInteger(month) && Number.isInteger(day) && month >= 1 && day >= 1
			? `--${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
			: null;
	return {
		...c,
		...address(c.address),
		phone_number: phoneText(c.phone_number),
		postal_code: textOrNull(c.postal_code),
		external_user_id: textOrNull(c.external_user_id),
		phone: phoneText(c.phone_number),
		email_opt_in: c.marketing_opt_in === true || /^true$/i.test(String(c.marketing_opt_in)),
		birthday,
		tags: tagNames(c.client_tags),
		// Loyalty in the OAuth2 API's words; 2.4 tells no currency of a client's spend.
		visit_count: numberOrNull(c.total_visits),
		lifetime_value: moneyOf(c.total_spend),
		last_visit_at: c.last_visit_at ?? null,
		loyalty_id: textOrNull(c.loyalty_id),
		loyalty_tier: textOrNull(c.loyalty_tier),
		created_at: isoFromNaive(c.created),
		updated_at: isoFromNaive(c.updated),
	};
}

/** `real_datetime_of_slot` (or `date` + `arrival_time`, times before 6 AM on the next day) in UTC. */
function slotStart(r: IDataObject, zone: string): string | null {
	const slot = typeof r.real_datetime_of_slot === 'string' ? r.real_datetime_of_slot.trim() : '';
	let local = DateTime.fromFormat(slot, 'yyyy-MM-dd H:mm:ss', { zone });
	if (!local.isValid) local = DateTime.fromFormat(slot, 'yyyy-MM-dd H:mm', { zone });
	if (!local.isValid) local = localClockOn(r.date, r.arrival_time, zone) ?? local;
	return local.isValid ? local.toUTC().toISO() : null;
}

const SIMPLE_STATUS: Record<string, string> = {
	canceled: 'cancelled',
	'no entry': 'cancelled',
	'no show': 'no_show',
	complete: 'completed',
};
const CODE_STATUS: Record<string, string> = {
	CONFIRMED: 'confirmed',
	ARRIVED: 'seated',
	SEATED: 'seated',
	PARTIALLY_ARRIVED: 'seated',
	PARTIALLY_SEATED: 'seated',
	COMPLETE: 'completed',
	CANCELED: 'cancelled',
	CANCELLED: 'cancelled',
	NO_SHOW: 'no_show',
	NO_ENTRY: 'cancelled',
};

/** The OAuth2 API's status of a 2.4 reservation; a venue's own statuses count as booked. */
export function reservationStatus(r: IDataObject): string {
	const simple = SIMPLE_STATUS[String(r.status_simple ?? '').toLowerCase()];
	return simple ?? CODE_STATUS[String(r.status ?? '').toUpperCase()] ?? 'booked';
}

/**
 * A reservation: `start_time` (UTC) from its local slot in the venue's zone, the visit and its bill
 * (`visitOf24`), and the rest.
 */
export function reservationOf(reservation: IDataObject, zone: string): IDataObject {
	const r = clean(reservation);
	const shaped: IDataObject = {
		...r,
		...visitOf24(r, zone),
		phone_number: phoneText(r.phone_number),
		external_reference_code: textOrNull(r.external_reference_code),
		guest_id: r.client_id ?? null,
		party_size: r.max_guests ?? null,
		start_time: slotStart(r, zone),
		duration_minutes: r.duration ?? null,
		status: reservationStatus(r),
		status_code: r.status ?? null,
		tags: tagNames(r.tags),
		reservation_tags: Array.isArray(r.tags) ? r.tags : [],
		table_numbers: Array.isArray(r.table_numbers) ? r.table_numbers.map(String) : [],
		created_at: isoFromNaive(r.created),
		updated_at: isoFromNaive(r.updated),
	};
	return withLocalTimes(shaped, zone, ['start_time']);
}

const WAITLIST_STATUS: Record<string, string> = {
	'joined online': 'waiting',
	waiting: 'waiting',
	'awaiting confirmation': 'notified',
	'table ready': 'notified',
	confirmed: 'notified',
	arrived: 'seated',
	canceled: 'cancelled',
	removed: 'cancelled',
	'no show': 'cancelled',
};

/** The OAuth2 API's waitlist statuses as 2.4 names them. */
export const WAITLIST_STATUS_24: Record<string, string> = {
	waiting: 'Waiting',
	notified: 'Table Ready',
	seated: 'Arrived',
	cancelled: 'Canceled',
};

/** A waitlist entry: `joined_at` (UTC) from `start_wait_time` in the venue's zone. */
export function waitlistEntryOf(entry: IDataObject, zone: string, venueId?: string): IDataObject {
	const e = clean(entry);
	const started = DateTime.fromFormat(String(e.start_wait_time ?? ''), 'yyyy-MM-dd H:mm:ss', {
		zone,
	});
	const shaped: IDataObject = {
		...e,
		...(venueId ? { venue_id: venueId } : {}),
		phone_number: phoneText(e.phone_number),
		guest_id: e.client_id ?? null,
		status: WAITLIST_STATUS[String(e.status ?? '').toLowerCase()] ?? 'waiting',
		status_display: e.status ?? null,
		quoted_wait_minutes: e.quoted_wait_time ?? null,
		joined_at: started.isValid ? started.toUTC().toISO() : null,
	};
	return withLocalTimes(shaped, zone, ['joined_at']);
}

export function venueOf(venue: IDataObject): IDataObject {
	const v = clean(venue);
	return {
		...v,
		...address(v.address),
		phone_number: phoneText(v.phone_number),
		currency: textOrNull(v.currency_code),
	};
}

/** A table in the OAuth2 API's words; `table_number` is what 2.4's bookings take. */
export function tableOf(table: IDataObject): IDataObject {
	const t = clean(table);
	return {
		...t,
		name: textOrNull(t.table_number),
		section: t.seating_area_name ?? null,
		min_party_size: t.party_size_min ?? null,
		max_party_size: t.party_size_max ?? null,
	};
}
