import type { SandboxContext } from '../../context';
import { insertionOrder } from '../../pagination';
import { defineRoute } from '../../route';
import type { Guest, WaitlistEntry } from '../../types';
import { findDuplicateGuest, insertGuest } from '../guests';
import { presentWaitlistEntry } from '../waitlist';
import type { ClientExtras } from './clientShape';
import type { Body } from './fields';
import { bad, email, integer, lenientPhone, notFound, pythonTrue, required, text } from './fields';
import { page24 } from './pages';
import { clockTime, isoDate, localTime, serviceDate, shiftAt, shiftIds } from './time';

/**
 * The waitlist: `GET /waitlist` pages with an integer cursor; every page with entries has one, and
 * the empty page after the last says `cursor: null`. Entries carry no venue_id.
 */
interface EntryExtras {
	waitlist_status?: string;
	shift_persistent_id?: string;
	max_wait_time?: number | null;
	sort_order?: number;
	contact?: Partial<Record<'first_name' | 'last_name' | 'email' | 'phone', string | null>>;
}
type StoredEntry = WaitlistEntry & EntryExtras;

const STATUSES: Record<string, string> = {
	'Joined Online': 'waiting',
	Waiting: 'waiting',
	'Awaiting Confirmation': 'notified',
	'Table Ready': 'notified',
	Confirmed: 'notified',
	Canceled: 'cancelled',
	Arrived: 'seated',
	Removed: 'cancelled',
	'No Show': 'cancelled',
};
const CANONICAL: Record<string, string> = {
	waiting: 'Waiting',
	notified: 'Table Ready',
	seated: 'Arrived',
	cancelled: 'Canceled',
};

function statusChange(value: string): { status: string; waitlist_status: string } {
	const name = Object.keys(STATUSES).find((key) => key.toLowerCase() === value.toLowerCase());
	if (!name) throw bad(`Invalid status: ${value}`);
	return { status: STATUSES[name], waitlist_status: name };
}

function presentEntry(ctx: SandboxContext, stored: WaitlistEntry) {
	const entry = stored as StoredEntry;
	const local = localTime(ctx, entry.venue_id, entry.joined_at);
	const guest = ctx.state.guests.get(entry.guest_id);
	const pick = (field: 'first_name' | 'last_name' | 'email' | 'phone') =>
		entry.contact?.[field] !== undefined ? entry.contact[field] : (guest?.[field] ?? null);
	const seeded = /^wl_[a-z]+_(\d+)$/.exec(entry.id);
	const n = seeded ? Number(seeded[1]) : undefined;
	const phone = pick('phone');
	const status =
		entry.waitlist_status && STATUSES[entry.waitlist_status] === entry.status
			? entry.waitlist_status
			: n !== undefined && n % 4 === 0 && entry.status === 'waiting'
				? 'Joined Online'
				: (CANONICAL[entry.status] ?? entry.status);
	return {
		id: entry.id,
		client_id: entry.guest_id,
		first_name: pick('first_name'),
		last_name: pick('last_name'),
		email: pick('email'),
		phone_number: n !== undefined && phone && n % 2 === 1 ? Number(phone.slice(1)) : phone,
		party_size: entry.party_size,
		date: serviceDate(local),
		arrival_time: clockTime(local),
		start_wait_time: local.toFormat('yyyy-MM-dd HH:mm:ss'),
		quoted_wait_time: entry.quoted_wait_minutes,
		max_wait_time: entry.max_wait_time ?? null,
		status,
		shift_persistent_id: entry.shift_persistent_id ?? shiftAt(entry.venue_id, local).persistentId,
		sort_order: entry.sort_order ?? Number(/(\d+)$/.exec(entry.id)?.[1] ?? 0),
		notes: entry.notes,
	};
}

function entryOr404(ctx: SandboxContext, id: string): StoredEntry {
	const entry = ctx.state.waitlist.get(id);
	if (!entry) throw notFound(`Waitlist entry not found: ${id}`);
	return entry;
}

const answer = (ctx: SandboxContext, entry: WaitlistEntry) => ({
	status: 200,
	body: { status: 200, data: { waitlist_entry: presentEntry(ctx, entry) } },
});

/** The waitlist's opt-ins, read as the strings 'True'/'False' (anything else is false). */
function optIns(ctx: SandboxContext, guest: Guest, venueId: string, body: Body) {
	const client = guest as Guest & ClientExtras;
	const group = pythonTrue(body, 'venue_group_marketing_opt_in');
	if (group !== undefined && group !== client.email_opt_in)
		Object.assign(client, {
			email_opt_in: group,
			marketing_opt_in_ts: group ? ctx.clock.timestamp() : null,
		});
	const venue = pythonTrue(body, 'venue_marketing_opt_in');
	if (venue !== undefined)
		client.venue_marketing_opt_in = { ...client.venue_marketing_opt_in, [venueId]: venue };
}

export const waitlistRoutes24 = [
	defineRoute('GET', '/waitlist', undefined, (ctx, { query }) => {
		const raw = query.get('venue_id');
		if (!raw) throw bad('Missing required field: venue_id');
		const venues = raw.split(',').map((id) => id.trim());
		for (const id of venues) if (!ctx.state.venues.has(id)) throw bad(`Invalid venue ID: ${id}`);
		const from = query.get('from_date');
		const to = query.get('to_date');
		if (from) isoDate(from, 'from_date');
		if (to) isoDate(to, 'to_date');
		const shiftCategory = query.get('shift_category')?.toUpperCase();
		if (shiftCategory && (!from || from !== to))
			throw bad('shift_category is only supported for single day queries');
		return page24(
			ctx,
			insertionOrder(ctx.state.waitlist),
			query,
			(entry) => {
				if (!venues.includes(entry.venue_id)) return false;
				const local = localTime(ctx, entry.venue_id, entry.joined_at);
				const date = serviceDate(local);
				return (
					(!from || date >= from) &&
					(!to || date <= to) &&
					(!shiftCategory || shiftAt(entry.venue_id, local).category === shiftCategory)
				);
			},
			(entry) => presentEntry(ctx, entry),
			{
				listKey: 'waitlist_entries',
				cursor: 'integer',
				end: 'empty-page-null',
				extra: { venue_id: raw },
			},
		);
	}),

	defineRoute(
		'POST',
		'/waitlist',
		undefined,
		(ctx, { body }) => {
			const venueId = required(body, 'venue_id');
			if (!ctx.state.venues.has(venueId)) throw bad(`Invalid venue ID: ${venueId}`);
			const firstName = required(body, 'first_name');
			const lastName = required(body, 'last_name');
			required(body, 'phone_number');
			const phone = lenientPhone(body, 'phone_number')!;
			const locale = required(body, 'phone_number_locale');
			required(body, 'party_size');
			const partySize = integer(body, 'party_size', { min: 1, max: 100 })!;
			const shift = required(body, 'shift_persistent_id');
			if (!shiftIds(venueId).includes(shift)) throw bad(`Invalid shift_persistent_id: ${shift}`);
			const mail = email(body) ?? null;
			const status = statusChange(text(body, 'status') || 'Joined Online');
			const quoted = integer(body, 'quoted_wait_time', { min: 0, max: 600 }) ?? null;
			const maxWait = integer(body, 'max_wait_time', { min: 0, max: 600 }) ?? null;

			const guest =
				findDuplicateGuest(ctx, mail, phone) ??
				insertGuest(ctx, {
					first_name: firstName,
					last_name: lastName,
					email: mail,
					phone,
					phone_number_locale: locale,
				});
			optIns(ctx, guest, venueId, body);
			const given = { first_name: firstName, last_name: lastName, email: mail, phone };
			const contact = Object.fromEntries(
				Object.entries(given).filter(
					([field, value]) => value !== null && value !== guest[field as keyof typeof given],
				),
			);
			const at = ctx.clock.timestamp();
			const entry: StoredEntry = {
				id: `wl_${String(++ctx.sequence.waitlist).padStart(6, '0')}`,
				venue_id: venueId,
				guest_id: guest.id,
				party_size: partySize,
				...status,
				quoted_wait_minutes: quoted,
				max_wait_time: maxWait,
				shift_persistent_id: shift,
				joined_at: at,
				notes: text(body, 'notes') || null,
				updated_at: at,
				...(Object.keys(contact).length ? { contact } : {}),
			};
			ctx.state.waitlist.set(entry.id, entry);
			ctx.stats.created.waitlist++;
			ctx.events.emit('waitlist.created', presentWaitlistEntry(ctx, entry), venueId);
			return answer(ctx, entry);
		},
		{ creates: true },
	),

	defineRoute('GET', '/waitlist/{id}', undefined, (ctx, { params }) =>
		answer(ctx, entryOr404(ctx, params[0])),
	),

	defineRoute('PUT', '/waitlist/{id}', undefined, (ctx, { params, body }) => {
		const entry = entryOr404(ctx, params[0]);
		const contact = Object.fromEntries(
			Object.entries({
				first_name: text(body, 'first_name'),
				last_name: text(body, 'last_name'),
				email: email(body),
				phone: lenientPhone(body, 'phone_number'),
			}).filter(([, value]) => value !== undefined),
		);
		const status = text(body, 'status');
		const partySize = integer(body, 'party_size', { min: 1, max: 100 });
		const sortOrder = integer(body, 'sort_order', { min: 0, max: 1_000_000 });
		Object.assign(entry, {
			...(status ? statusChange(status) : {}),
			...(partySize !== undefined ? { party_size: partySize } : {}),
			...(sortOrder !== undefined ? { sort_order: sortOrder } : {}),
			...(Object.keys(contact).length ? { contact: { ...entry.contact, ...contact } } : {}),
			updated_at: ctx.clock.timestamp(),
		});
		ctx.events.emit('waitlist.updated', presentWaitlistEntry(ctx, entry), entry.venue_id);
		return answer(ctx, entry);
	}),

	// `{status: 200}` and nothing else.
	defineRoute('DELETE', '/waitlist/{id}', undefined, (ctx, { params }) => {
		ctx.state.waitlist.delete(entryOr404(ctx, params[0]).id);
		return { status: 200, body: { status: 200 } };
	}),
];
