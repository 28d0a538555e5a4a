import type { SandboxContext } from '../../context';
import { defineRoute } from '../../route';
import type { Guest } from '../../types';
import { insertGuest } from '../guests';
import { clientChanges, clientReference, presentClient } from './clientShape';
import type { ClientExtras } from './clientShape';
import type { Body } from './fields';
import { bad, flag, notFound, objectsOf, required, text } from './fields';
import { page24 } from './pages';
import { tagMatches } from './tags';
import { isoDate, parseSince } from './time';
import { VENUE_GROUP_ID } from './venues';

/**
 * Clients: `GET /clients` (search: capped, its last page says `cursor: ""`, its `limit` is a
 * string) and `GET /clients/export` (no cap; every page with results has a cursor, the empty page
 * after the last repeats it) take the same query.
 */

const csv = (value: string | null) =>
	value
		?.split(',')
		.map((item) => item.trim())
		.filter(Boolean) ?? [];

/** month-day of a `YYYY-MM-DD` filter: birthdays have no year, so the year is ignored. */
const monthDayOf = (value: string | null, field: string) =>
	value === null || value === '' ? null : isoDate(value, field).slice(5);

/** The venue of each guest's latest reservation: the "last booked" venue. */
function lastBookedVenues(ctx: SandboxContext): Map<string, string> {
	const latest = new Map<string, { start: string; venue: string }>();
	for (const reservation of ctx.state.reservations.values()) {
		const previous = latest.get(reservation.guest_id);
		if (!previous || reservation.start_time > previous.start)
			latest.set(reservation.guest_id, {
				start: reservation.start_time,
				venue: reservation.venue_id,
			});
	}
	return new Map([...latest].map(([guest, { venue }]) => [guest, venue]));
}

function clientFilter(ctx: SandboxContext, query: URLSearchParams): (guest: Guest) => boolean {
	const email = query.get('email')?.trim().toLowerCase();
	// A `+` sent unencoded arrives as a space: compare digits.
	const phone = query.get('phone')?.replace(/\D/g, '');
	const name = query.get('name')?.trim().toLowerCase();
	const externalUserId = query.get('external_user_id');
	const tags = csv(query.get('tags'));
	const loyaltyId = query.get('loyalty_id');
	const loyaltyTier = query.get('loyalty_tier');
	const hasLoyalty = query.get('has_loyalty_id');
	const start = monthDayOf(query.get('birthday_start'), 'birthday_start');
	const end = monthDayOf(query.get('birthday_end'), 'birthday_end');
	const sinceText = query.get('updated_since');
	const since = sinceText ? parseSince(sinceText, 'updated_since') : undefined;
	const group = query.get('venue_group_id');
	const venues = csv(query.get('venue_id'));
	const lastBooked = venues.length ? lastBookedVenues(ctx) : new Map<string, string>();
	return (stored) => {
		const guest = stored as Guest & ClientExtras;
		const monthDay = guest.birthday?.slice(-5);
		return (
			(!group || group === VENUE_GROUP_ID) &&
			(!email || guest.email?.toLowerCase() === email) &&
			(!phone || guest.phone?.slice(1) === phone) &&
			(!name ||
				`${guest.first_name ?? ''} ${guest.last_name ?? ''}`.toLowerCase().includes(name)) &&
			(!externalUserId || guest.external_user_id === externalUserId) &&
			tags.every((tag) => guest.tags.some((own) => tagMatches(ctx, tag, own))) &&
			(!loyaltyId || guest.loyalty_id === loyaltyId) &&
			(!loyaltyTier || guest.loyalty_tier === loyaltyTier) &&
			(hasLoyalty === null || Boolean(guest.loyalty_id) === /^(true|1)$/i.test(hasLoyalty)) &&
			// No wrap over the year end: a range from December to January matches nobody.
			(start === null || (monthDay !== undefined && monthDay >= start)) &&
			(end === null || (monthDay !== undefined && monthDay <= end)) &&
			(since === undefined || Date.parse(guest.updated_at) >= since) &&
			(!venues.length || venues.includes(lastBooked.get(guest.id) ?? ''))
		);
	};
}

function listClients(ctx: SandboxContext, query: URLSearchParams, search: boolean) {
	const sort = query.get('sort_order') ?? 'last_updated_ascending';
	if (sort !== 'last_updated_ascending' && sort !== 'last_updated_descending')
		throw bad(`Invalid sort_order: ${sort}`);
	const descending = sort === 'last_updated_descending';
	const ordered = ctx.guestOrder.list();
	return page24(
		ctx,
		descending ? [...ordered].reverse() : ordered,
		query,
		clientFilter(ctx, query),
		(guest) => presentClient(ctx, guest),
		search
			? {
					listKey: 'results',
					cursor: 'base64',
					end: 'empty-string',
					capped: true,
					limitAsString: true,
					descending,
				}
			: { listKey: 'results', cursor: 'base64', end: 'empty-page-repeat', descending },
	);
}

export function clientOr404(ctx: SandboxContext, id: string): Guest {
	const guest = ctx.state.guests.get(id);
	if (!guest) throw notFound(`Client not found: ${id}`);
	return guest;
}

/** Blanks a client's personal data (and its reservations' and waitlist entries' copies). */
function removePersonalData(ctx: SandboxContext, id: string, body: Body) {
	const guest = clientOr404(ctx, id) as Guest & ClientExtras;
	const removeNotes = flag(body, 'remove_notes', false);
	Object.assign(guest, {
		first_name: null,
		last_name: null,
		email: null,
		phone: null,
		birthday: null,
		anniversary: null,
		dietary_notes: null,
		...(removeNotes ? { notes: null } : {}),
		...Object.fromEntries(
			['address', 'address_2', 'city', 'state', 'postal_code', 'country', 'gender'].map((key) => [
				key,
				null,
			]),
		),
		updated_at: ctx.clock.timestamp(),
	});
	if (flag(body, 'include_reservations', true))
		for (const item of [...ctx.state.reservations.values(), ...ctx.state.waitlist.values()])
			if (item.guest_id === id) {
				delete item.contact;
				if (removeNotes) item.notes = null;
			}
	ctx.guestOrder.changed();
	ctx.events.emit('guest.updated', { ...guest }, null);
}

export const clientRoutes24 = [
	defineRoute('GET', '/clients', undefined, (ctx, { query }) => listClients(ctx, query, true)),
	defineRoute('GET', '/clients/export', undefined, (ctx, { query }) =>
		listClients(ctx, query, false),
	),

	defineRoute('GET', '/clients/{id}', undefined, (ctx, { params }) => ({
		status: 200,
		body: { status: 200, data: presentClient(ctx, clientOr404(ctx, params[0])) },
	})),

	// Duplicates are allowed: the same email twice makes two profiles (the vendor has a merge call).
	defineRoute(
		'POST',
		'/clients',
		undefined,
		(ctx, { body }) => {
			for (const field of ['first_name', 'last_name', 'email', 'phone_number'])
				required(body, field);
			const guest = insertGuest(ctx, clientChanges(ctx, body));
			return { status: 200, body: { status: 200, data: presentClient(ctx, guest) } };
		},
		{ creates: true },
	),

	// All or nothing: every client is checked before any is changed.
	defineRoute('POST', '/clients/updates', undefined, (ctx, { body }) => {
		const items = objectsOf(body);
		if (!items.length) throw bad('No clients to update');
		const changes = items.map((item) => {
			const guest = clientOr404(ctx, required(item, 'client_id'));
			return { guest, fields: clientChanges(ctx, item, guest) };
		});
		const at = ctx.clock.timestamp();
		for (const { guest, fields } of changes) {
			Object.assign(guest, fields, { updated_at: at });
			ctx.events.emit('guest.updated', { ...guest }, null);
		}
		ctx.guestOrder.changed();
		return {
			status: 200,
			body: {
				status: 200,
				data: changes.map(({ guest }) => ({
					client_id: guest.id,
					client_reference_code: clientReference(guest.id),
				})),
			},
		};
	}),

	defineRoute('PUT', '/clients/remove_personal_data', undefined, (ctx, { body }) => {
		const items = objectsOf(body);
		if (!items.length) throw bad('No clients given');
		for (const item of items) clientOr404(ctx, required(item, 'client_id'));
		for (const item of items) removePersonalData(ctx, String(text(item, 'client_id')), item);
		return {
			status: 200,
			body: { status: 200, msg: "Clients' personal data successfully removed." },
		};
	}),

	defineRoute('PUT', '/clients/{id}/remove_personal_data', undefined, (ctx, { params, body }) => {
		removePersonalData(ctx, params[0], body);
		return {
			status: 200,
			body: { status: 200, msg: "Client's personal data successfully removed." },
		};
	}),
];
