import type { SandboxContext } from '../context';
import { paginate } from '../pagination';
import { ApiError } from '../reply';
import { defineRoute } from '../route';
import { findOr404 } from '../state';
import type { Guest } from '../types';
import {
	EMAIL,
	E164,
	GUEST_DATE,
	MONTH_DAY,
	invalid,
	optionalString,
	rangeFilter,
	stringList,
} from '../validation';

/**
 * MM-DD birthday window, inclusive, wrapping the year end when start > end. A 02-29 birthday
 * matches only windows that contain 02-29 (callers choose how to treat it in other years).
 */
export function inBirthdayWindow(birthday: string | null, start: string, end: string): boolean {
	if (!birthday) return false;
	const monthDay = birthday.slice(-5);
	return start <= end ? monthDay >= start && monthDay <= end : monthDay >= start || monthDay <= end;
}

/** The guest embedded in reservations and waitlist entries. */
export function guestSummary(ctx: SandboxContext, guestId: string) {
	const guest = ctx.state.guests.get(guestId);
	return guest
		? {
				id: guest.id,
				first_name: guest.first_name,
				last_name: guest.last_name,
				email: guest.email,
				phone: guest.phone,
			}
		: null;
}

/** Another guest with this email (any case) or phone: the contract's duplicate rule. */
export function findDuplicateGuest(
	ctx: SandboxContext,
	email: string | null | undefined,
	phone: string | null | undefined,
	exceptId?: string,
): Guest | undefined {
	const lower = email?.toLowerCase();
	for (const guest of ctx.state.guests.values()) {
		if (guest.id === exceptId) continue;
		if ((lower && guest.email?.toLowerCase() === lower) || (phone && guest.phone === phone))
			return guest;
	}
	return undefined;
}

const TEXT_FIELDS = [
	'first_name',
	'last_name',
	'dietary_notes',
	'loyalty_id',
	'loyalty_tier',
	'notes',
] as const;

/** Validated guest fields of a POST or PATCH body; `prefix` names nested fields (guest.phone). */
export function guestFields(body: Record<string, unknown>, prefix = ''): Partial<Guest> {
	const fields: Partial<Guest> = {};
	for (const name of TEXT_FIELDS) {
		const value = optionalString(body, name);
		if (value !== undefined) fields[name] = value;
	}
	const email = optionalString(body, 'email');
	if (email !== undefined) {
		if (email !== null && !EMAIL.test(email))
			throw invalid(`${prefix}email`, `${prefix}email is not an email address`);
		fields.email = email;
	}
	const phone = optionalString(body, 'phone');
	if (phone !== undefined) {
		if (phone !== null && !E164.test(phone))
			throw invalid(
				`${prefix}phone`,
				`${prefix}phone must be in E.164 format, e.g. +14155552671`,
				'invalid_phone',
			);
		fields.phone = phone;
	}
	for (const name of ['birthday', 'anniversary'] as const) {
		const value = optionalString(body, name);
		if (value !== undefined) {
			if (value !== null && !GUEST_DATE.test(value))
				throw invalid(`${prefix}${name}`, `${prefix}${name} must be YYYY-MM-DD or --MM-DD`);
			fields[name] = value;
		}
	}
	for (const name of ['email_opt_in', 'sms_opt_in'] as const) {
		if (body[name] !== undefined) {
			if (typeof body[name] !== 'boolean')
				throw invalid(`${prefix}${name}`, `${prefix}${name} must be true or false`);
			fields[name] = body[name] as boolean;
		}
	}
	if (body.tags !== undefined) fields.tags = stringList(body.tags, `${prefix}tags`);
	if (body.preferences !== undefined) {
		const preferences = body.preferences;
		if (typeof preferences !== 'object' || preferences === null || Array.isArray(preferences))
			throw invalid(`${prefix}preferences`, `${prefix}preferences must be an object`);
		fields.preferences = preferences as Record<string, unknown>;
	}
	return fields;
}

/** A new guest (409 guest_exists on the same email or phone), announced as guest.created. */
export function createGuest(ctx: SandboxContext, fields: Partial<Guest>): Guest {
	if (!fields.first_name && !fields.last_name && !fields.email && !fields.phone) {
		throw invalid('first_name', 'A guest needs a first name, last name, email or phone');
	}
	const duplicate = findDuplicateGuest(ctx, fields.email, fields.phone);
	if (duplicate)
		throw new ApiError(409, 'guest_exists', 'A guest with this email or phone already exists', {
			existing_id: duplicate.id,
		});
	return insertGuest(ctx, fields);
}

/**
 * Stores a new guest without the contract's duplicate rule (the 2.4 API makes duplicate profiles)
 * and announces it as guest.created.
 */
export function insertGuest(ctx: SandboxContext, fields: Partial<Guest>): Guest {
	const at = ctx.clock.timestamp();
	const guest: Guest = {
		id: `gst_${String(++ctx.sequence.guest).padStart(6, '0')}`,
		first_name: null,
		last_name: null,
		email: null,
		phone: null,
		birthday: null,
		anniversary: null,
		email_opt_in: false,
		sms_opt_in: false,
		dietary_notes: null,
		preferences: {},
		tags: [],
		visit_count: 0,
		lifetime_value: { amount: 0, currency: 'USD' },
		last_visit_at: null,
		loyalty_id: null,
		loyalty_tier: null,
		notes: null,
		...fields,
		created_at: at,
		updated_at: at,
	};
	ctx.state.guests.set(guest.id, guest);
	ctx.guestOrder.changed();
	ctx.stats.created.guests++;
	ctx.events.emit('guest.created', { ...guest }, null);
	return guest;
}

/** The guest of a reservation or waitlist body: `guest_id`, or an inline guest matched or created. */
export function guestOf(ctx: SandboxContext, body: Record<string, unknown>): string {
	if (typeof body.guest_id === 'string' && body.guest_id) {
		if (!ctx.state.guests.has(body.guest_id))
			throw invalid('guest_id', `No guest ${body.guest_id}`);
		return body.guest_id;
	}
	if (typeof body.guest === 'object' && body.guest !== null) {
		const fields = guestFields(body.guest as Record<string, unknown>, 'guest.');
		return (findDuplicateGuest(ctx, fields.email, fields.phone) ?? createGuest(ctx, fields)).id;
	}
	throw invalid('guest_id', 'Send guest_id or a guest object');
}

/** The `GET /guests` filters of the contract, as one predicate. */
function guestFilter(query: URLSearchParams): (guest: Guest) => boolean {
	const updated = rangeFilter(query, 'updated_at');
	const email = query.get('email')?.toLowerCase();
	const phone = query.get('phone');
	const optIn = query.get('email_opt_in');
	if (optIn !== null && optIn !== 'true' && optIn !== 'false')
		throw invalid('email_opt_in', 'email_opt_in must be true or false');
	const tags =
		query
			.get('tags')
			?.split(',')
			.map((tag) => tag.trim())
			.filter(Boolean) ?? [];
	const start = query.get('birthday_start');
	const end = query.get('birthday_end');
	if ((start === null) !== (end === null))
		throw invalid(
			start === null ? 'birthday_start' : 'birthday_end',
			'birthday_start and birthday_end go together',
		);
	if (start !== null && !MONTH_DAY.test(start))
		throw invalid('birthday_start', 'birthday_start must be MM-DD');
	if (end !== null && !MONTH_DAY.test(end))
		throw invalid('birthday_end', 'birthday_end must be MM-DD');
	return (guest) =>
		updated(guest.updated_at) &&
		(!email || guest.email?.toLowerCase() === email) &&
		(!phone || guest.phone === phone) &&
		(optIn === null || guest.email_opt_in === (optIn === 'true')) &&
		tags.every((tag) => guest.tags.includes(tag)) &&
		(start === null || end === null || inBirthdayWindow(guest.birthday, start, end));
}

export const guestRoutes = [
	// Oldest change first, so a sync by updated_at[gte] can resume where it stopped.
	defineRoute('GET', '/guests', 'read:guests', (ctx, { query }) =>
		paginate(ctx, ctx.guestOrder.list(), query, guestFilter(query), (guest) => guest),
	),

	defineRoute('GET', '/guests/{id}', 'read:guests', (ctx, { params }) => ({
		status: 200,
		body: { data: findOr404(ctx.state.guests, params[0], 'guest') },
	})),

	defineRoute(
		'POST',
		'/guests',
		'write:guests',
		(ctx, { body }) => ({ status: 201, body: { data: createGuest(ctx, guestFields(body)) } }),
		{ creates: true },
	),

	defineRoute('PATCH', '/guests/{id}', 'write:guests', (ctx, { params, body }) => {
		const guest = findOr404(ctx.state.guests, params[0], 'guest');
		const fields = guestFields(body);
		const duplicate = findDuplicateGuest(ctx, fields.email, fields.phone, guest.id);
		if (duplicate)
			throw new ApiError(409, 'guest_exists', 'Another guest has this email or phone', {
				existing_id: duplicate.id,
			});
		Object.assign(guest, fields, { updated_at: ctx.clock.timestamp() });
		ctx.guestOrder.changed();
		ctx.events.emit('guest.updated', { ...guest }, null);
		return { status: 200, body: { data: guest } };
	}),

	// Erasure: the guest is gone, no event (the contract lists no guest.deleted).
	defineRoute('DELETE', '/guests/{id}', 'write:guests', (ctx, { params }) => {
		findOr404(ctx.state.guests, params[0], 'guest');
		ctx.state.guests.delete(params[0]);
		ctx.guestOrder.changed();
		return { status: 204 };
	}),
];
