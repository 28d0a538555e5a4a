/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

import { prng, seedData } from './seed';
import type {
	FaultOptions,
	Guest,
	Reservation,
	SandboxStats,
	Table,
	Venue,
	WaitlistEntry,
	Webhook,
} from './types';

export type { FaultOptions, SandboxStats } from './types';

export const SANDBOX_CLIENT_ID = 'sandbox-client';
export const SANDBOX_CLIENT_SECRET = 'sandbox-secret';
export const ALL_SCOPES = [
	'read:guests',
	'write:guests',
	'read:reservations',
	'write:reservations',
	'read:waitlist',
	'write:waitlist',
	'read:venues',
	'read:webhooks',
	'write:webhooks',
];
export const WEBHOOK_EVENTS = [
	'reservation.created',
	'reservation.updated',
	'reservation.cancelled',
	'guest.created',
	'guest.updated',
	'waitlist.created',
	'waitlist.updated',
];

export interface SandboxOptions {
	port?: number;
	host?: string;
	seed?: number;
	guests?: number;
	/** per client, sliding 60 s window; 0 turns the limit off */
	rateLimitPerMinute?: number;
	tokenTtlSeconds?: number;
	cursorTtlSeconds?: number;
	/** the clock of the data (seed, timestamps of changes); tokens and limits use real time */
	now?: () => Date;
	faults?: Partial<FaultOptions>;
	webhookDelivery?: {
		duplicateFraction?: number;
		outOfOrderFraction?: number;
		maxAttempts?: number;
		initialBackoffMs?: number;
		timeoutMs?: number;
	};
	clients?: Array<{ clientId: string; clientSecret: string; scopes?: string[] }>;
	/** quiet by default; `true` logs one line per request */
	log?: boolean;
}

export interface SandboxState {
	venues: Map<string, Venue>;
	tables: Map<string, Table>;
	guests: Map<string, Guest>;
	reservations: Map<string, Reservation>;
	waitlist: Map<string, WaitlistEntry>;
	webhooks: Map<string, Webhook>;
}

export interface Sandbox {
	url: string;
	port: number;
	state: SandboxState;
	stats: SandboxStats;
	setFaults(faults: Partial<FaultOptions>): void;
	setRateLimit(perMinute: number): void;
	revokeTokens(): void;
	/** emits an event to the subscribed webhooks as a change would */
	emitEvent(type: string, data: Record<string, unknown>, venueId?: string | null): string;
	/** resolves once every queued webhook delivery has been acknowledged or given up */
	flushWebhooks(): Promise<void>;
	/** a bulk change made inside SevenRooms (an import, say): each guest changed as a PATCH would */
	updateGuests(ids: string[], change: (guest: Guest) => Partial<Guest>): void;
	resetStats(): void;
	close(): Promise<void>;
}

class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly extra: Record<string, unknown> = {},
	) {
		super(message);
	}
}

interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

interface RequestContext {
	params: string[];
	query: URLSearchParams;
	body: Record<string, unknown>;
}

interface Route {
	method: string;
	pattern: RegExp;
	template: string;
	scope: string;
	creates?: boolean;
	handle(context: RequestContext): Reply;
}

const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const GUEST_DATE = /^(\d{4}-\d{2}-\d{2}|--\d{2}-\d{2})$/;
const MONTH_DAY = /^\d{2}-\d{2}$/;
const RESERVATION_STATUSES = ['booked', 'confirmed', 'seated', 'completed', 'cancelled', 'no_show'];
const WAITLIST_STATUSES = ['waiting', 'notified', 'seated', 'cancelled'];
const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

function invalid(field: string, message: string, code = 'invalid_field'): ApiError {
	return new ApiError(422, code, message, { field });
}

function optionalString(body: Record<string, unknown>, field: string): string | null | undefined {
	const value = body[field];
	if (value === undefined) return undefined;
	if (value === null) return null;
	if (typeof value !== 'string') throw invalid(field, `${field} must be a string`);
	return value;
}

function positiveInteger(value: unknown, field: string, { min = 1, max = 10_000 } = {}): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw invalid(field, `${field} must be a whole number from ${min} to ${max}`);
	}
	return value;
}

function utcTimestamp(value: unknown, field: string): string {
	if (typeof value !== 'string' || !/Z$/.test(value) || Number.isNaN(Date.parse(value))) {
		throw invalid(field, `${field} must be a UTC ISO 8601 timestamp ending in Z`);
	}
	return new Date(value).toISOString();
}

function stringList(value: unknown, field: string): string[] {
	if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string'))
		throw invalid(field, `${field} must be a list of strings`);
	return value as string[];
}

/** Keyset pagination over a sorted list: stable while objects change between pages. */
function paginate<T>(
	sorted: Array<{ key: string; item: T }>,
	query: URLSearchParams,
	matches: (item: T) => boolean,
	cursorTtlMs: number,
	present: (item: T) => unknown,
): Reply {
	const limitText = query.get('limit');
	const limit = limitText === null ? 50 : Number(limitText);
	if (!Number.isInteger(limit) || limit < 1 || limit > 200)
		throw invalid('limit', 'limit must be a whole number from 1 to 200');
	const filters = [...query.entries()]
		.filter(([key]) => key !== 'limit' && key !== 'cursor')
		.sort()
		.map(([key, value]) => `${key}=${value}`)
		.join('&');
	let after = '';
	const cursor = query.get('cursor');
	if (cursor) {
		let decoded: { k?: string; f?: string; e?: number } = {};
		try {
			decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as typeof decoded;
		} catch {
			decoded = {};
		}
		if (typeof decoded.k !== 'string' || decoded.f !== filters || typeof decoded.e !== 'number') {
			throw invalid('cursor', 'The cursor is not valid for this query', 'invalid_cursor');
		}
		if (decoded.e < Date.now())
			throw invalid('cursor', 'The cursor expired; start again without it', 'invalid_cursor');
		after = decoded.k;
	}
	let low = 0;
	let high = sorted.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (sorted[middle].key <= after) low = middle + 1;
		else high = middle;
	}
	const data: unknown[] = [];
	let lastKey = '';
	let index = low;
	for (; index < sorted.length && data.length < limit; index++) {
		if (matches(sorted[index].item)) {
			data.push(present(sorted[index].item));
			lastKey = sorted[index].key;
		}
	}
	let more = false;
	for (; index < sorted.length && !more; index++) more = matches(sorted[index].item);
	const next_cursor = more
		? base64url(JSON.stringify({ k: lastKey, f: filters, e: Date.now() + cursorTtlMs }))
		: null;
	return { status: 200, body: { data, pagination: { next_cursor, limit } } };
}

function rangeFilter(
	query: URLSearchParams,
	field: string,
): (value: string | null | undefined) => boolean {
	const gte = query.get(`${field}[gte]`);
	const lte = query.get(`${field}[lte]`);
	const from = gte === null ? undefined : Date.parse(gte);
	const to = lte === null ? undefined : Date.parse(lte);
	if (from !== undefined && Number.isNaN(from))
		throw invalid(`${field}[gte]`, `${field}[gte] must be an ISO 8601 timestamp`);
	if (to !== undefined && Number.isNaN(to))
		throw invalid(`${field}[lte]`, `${field}[lte] must be an ISO 8601 timestamp`);
	return (value) => {
		if (from === undefined && to === undefined) return true;
		const time = value ? Date.parse(value) : NaN;
		if (Number.isNaN(time)) return false;
		return (from === undefined || time >= from) && (to === undefined || time <= to);
	};
}

/**
 * MM-DD birthday window, inclusive, wrapping the year end when start > end. A 02-29 birthday
 * matches only windows that contain 02-29 (callers choose how to treat it in other years).
 */
export function inBirthdayWindow(birthday: string | null, start: string, end: string): boolean {
	if (!birthday) return false;
	const monthDay = birthday.slice(-5);
	return start <= end ? monthDay >= start && monthDay <= end : monthDay >= start || monthDay <= end;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const now = options.now ?? (() => new Date());
	const timestamp = () => now().toISOString();
	const tokenTtlMs = (options.tokenTtlSeconds ?? 3600) * 1000;
	const cursorTtlMs = (options.cursorTtlSeconds ?? 600) * 1000;
	const signingKey = randomBytes(32);
	const random = prng((options.seed ?? 42) ^ 0x5eed);
	const clients = new Map(
		(options.clients ?? [{ clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET }]).map(
			(client) => [client.clientId, { ...client, scopes: client.scopes ?? ALL_SCOPES }],
		),
	);
	let rateLimitPerMinute = options.rateLimitPerMinute ?? 120;
	let tokensValidAfter = 0;
	const faults: FaultOptions = {
		unavailableFraction: 0,
		unavailableNoRetryAfterFraction: 0,
		rateLimitedFraction: 0,
		resetFraction: 0,
		slowFraction: 0,
		slowMs: 2_000,
		serverErrorFraction: 0,
		retryAfterSeconds: 1,
		...options.faults,
	};
	const delivery = {
		duplicateFraction: 0,
		outOfOrderFraction: 0,
		maxAttempts: 8,
		initialBackoffMs: 1_000,
		timeoutMs: 10_000,
		...options.webhookDelivery,
	};

	const seeded = seedData({ seed: options.seed ?? 42, guests: options.guests ?? 2000, now: now() });
	const state: SandboxState = {
		venues: new Map(seeded.venues.map((venue) => [venue.id, venue])),
		tables: new Map(seeded.tables.map((table) => [table.id, table])),
		guests: new Map(seeded.guests.map((guest) => [guest.id, guest])),
		reservations: new Map(seeded.reservations.map((reservation) => [reservation.id, reservation])),
		waitlist: new Map(seeded.waitlist.map((entry) => [entry.id, entry])),
		webhooks: new Map(),
	};
	const freshStats = (): SandboxStats => ({
		requests: {},
		created: { guests: 0, reservations: 0, waitlist: 0, webhooks: 0 },
		idempotentReplays: 0,
		faultsInjected: {},
		rateLimited: 0,
		tokensIssued: 0,
		webhookDeliveries: {
			attempted: 0,
			acknowledged: 0,
			failed: 0,
			duplicatesSent: 0,
			events: 0,
			answers: {},
		},
	});
	const stats = freshStats();
	const sequence = {
		guest: seeded.guests.length,
		reservation: seeded.reservations.length,
		waitlist: 0,
		webhook: 0,
		event: 0,
	};
	const idempotency = new Map<string, { fingerprint: string; reply: Reply; at: number }>();
	const requestLog = new Map<string, number[]>();

	// Guests are listed oldest change first; the order is rebuilt only after a change.
	let guestOrder: Array<{ key: string; item: Guest }> | undefined;
	const guestsSorted = () =>
		(guestOrder ??= [...state.guests.values()]
			.map((item) => ({ key: `${item.updated_at}|${item.id}`, item }))
			.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
	const touchGuests = () => {
		guestOrder = undefined;
	};
	const insertionOrder = <T extends { id: string }>(map: Map<string, T>) =>
		[...map.values()].map((item, index) => ({ key: String(index).padStart(9, '0'), item }));

	// ---- webhooks out ------------------------------------------------------------------------
	let pendingDeliveries = 0;
	let flushWaiters: Array<() => void> = [];
	const settleDelivery = () => {
		pendingDeliveries--;
		if (pendingDeliveries === 0) {
			const waiters = flushWaiters;
			flushWaiters = [];
			waiters.forEach((resolve) => resolve());
		}
	};
	const post = (target: string, body: string, headers: Record<string, string>) =>
		new Promise<number>((resolve) => {
			const url = new URL(target);
			const client = url.protocol === 'https:' ? https : http;
			const request = client.request(
				url,
				{
					method: 'POST',
					headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
					timeout: delivery.timeoutMs,
				},
				(response) => {
					response.resume();
					response.on('end', () => resolve(response.statusCode ?? 0));
					response.on('error', () => resolve(0));
				},
			);
			request.on('timeout', () => request.destroy());
			request.on('error', () => resolve(0));
			request.end(body);
		});
	const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
	const deliver = async (webhook: Webhook, event: Record<string, unknown>, delayMs: number) => {
		pendingDeliveries++;
		try {
			if (delayMs) await wait(delayMs);
			const body = JSON.stringify(event);
			for (let attempt = 1; attempt <= delivery.maxAttempts; attempt++) {
				if (!state.webhooks.has(webhook.id)) return;
				const t = Math.floor(Date.now() / 1000);
				const signature = createHmac('sha256', webhook.secret).update(`${t}.${body}`).digest('hex');
				stats.webhookDeliveries.attempted++;
				const status = await post(webhook.url, body, {
					'Content-Type': 'application/json',
					'User-Agent': 'SevenRooms-Sandbox-Webhooks/1.0',
					'X-SevenRooms-Event-Id': String(event.id),
					'X-SevenRooms-Signature': `t=${t},v1=${signature}`,
				});
				const answers = stats.webhookDeliveries.answers;
				answers[status || 'no answer'] = (answers[status || 'no answer'] ?? 0) + 1;
				if (status >= 200 && status < 300) {
					stats.webhookDeliveries.acknowledged++;
					return;
				}
				if (attempt < delivery.maxAttempts)
					await wait(delivery.initialBackoffMs * 2 ** (attempt - 1));
			}
			stats.webhookDeliveries.failed++;
		} finally {
			settleDelivery();
		}
	};
	const emitEvent = (
		type: string,
		data: Record<string, unknown>,
		venueId?: string | null,
	): string => {
		const id = `evt_${Date.now().toString(36)}_${String(++sequence.event).padStart(6, '0')}`;
		const event = {
			id,
			type,
			created_at: timestamp(),
			venue_id: venueId ?? (data.venue_id as string | undefined) ?? null,
			data,
		};
		stats.webhookDeliveries.events++;
		for (const webhook of state.webhooks.values()) {
			if (!webhook.events.includes(type)) continue;
			const late = random() < delivery.outOfOrderFraction ? 50 + Math.floor(random() * 400) : 0;
			void deliver(webhook, event, late);
			if (random() < delivery.duplicateFraction) {
				stats.webhookDeliveries.duplicatesSent++;
				void deliver(webhook, event, Math.floor(random() * 300));
			}
		}
		return id;
	};

	// ---- domain helpers ----------------------------------------------------------------------
	const guestSummary = (guestId: string) => {
		const guest = state.guests.get(guestId);
		return guest
			? {
					id: guest.id,
					first_name: guest.first_name,
					last_name: guest.last_name,
					email: guest.email,
					phone: guest.phone,
				}
			: null;
	};
	const presentReservation = (reservation: Reservation) => ({
		...reservation,
		guest: guestSummary(reservation.guest_id),
	});
	const presentWaitlist = (entry: WaitlistEntry) => ({
		...entry,
		guest: guestSummary(entry.guest_id),
	});
	const presentWebhook = (webhook: Webhook) => webhook;

	const findDuplicateGuest = (
		email: string | null | undefined,
		phone: string | null | undefined,
		exceptId?: string,
	) => {
		const lower = email?.toLowerCase();
		for (const guest of state.guests.values()) {
			if (guest.id === exceptId) continue;
			if ((lower && guest.email?.toLowerCase() === lower) || (phone && guest.phone === phone))
				return guest;
		}
		return undefined;
	};

	/** Validated guest fields of a POST or PATCH body; `prefix` names nested fields (guest.phone). */
	const guestFields = (body: Record<string, unknown>, prefix = ''): Partial<Guest> => {
		const fields: Partial<Guest> = {};
		for (const name of [
			'first_name',
			'last_name',
			'dietary_notes',
			'loyalty_id',
			'loyalty_tier',
			'notes',
		] as const) {
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
			if (
				typeof body.preferences !== 'object' ||
				body.preferences === null ||
				Array.isArray(body.preferences)
			)
				throw invalid(`${prefix}preferences`, `${prefix}preferences must be an object`);
			fields.preferences = body.preferences as Record<string, unknown>;
		}
		return fields;
	};

	const createGuest = (fields: Partial<Guest>): Guest => {
		if (!fields.first_name && !fields.last_name && !fields.email && !fields.phone) {
			throw invalid('first_name', 'A guest needs a first name, last name, email or phone');
		}
		const duplicate = findDuplicateGuest(fields.email, fields.phone);
		if (duplicate)
			throw new ApiError(409, 'guest_exists', 'A guest with this email or phone already exists', {
				existing_id: duplicate.id,
			});
		const at = timestamp();
		const guest: Guest = {
			id: `gst_${String(++sequence.guest).padStart(6, '0')}`,
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
		state.guests.set(guest.id, guest);
		touchGuests();
		stats.created.guests++;
		emitEvent('guest.created', { ...guest }, null);
		return guest;
	};

	const venueOf = (body: Record<string, unknown>): Venue => {
		if (typeof body.venue_id !== 'string' || !body.venue_id)
			throw invalid('venue_id', 'venue_id is required');
		const venue = state.venues.get(body.venue_id);
		if (!venue)
			throw new ApiError(404, 'not_found', `No venue ${body.venue_id}`, { field: 'venue_id' });
		return venue;
	};

	/** The guest of a reservation or waitlist body: `guest_id`, or an inline guest matched or created. */
	const guestOf = (body: Record<string, unknown>): string => {
		if (typeof body.guest_id === 'string' && body.guest_id) {
			if (!state.guests.has(body.guest_id)) throw invalid('guest_id', `No guest ${body.guest_id}`);
			return body.guest_id;
		}
		if (typeof body.guest === 'object' && body.guest !== null) {
			const fields = guestFields(body.guest as Record<string, unknown>, 'guest.');
			return (findDuplicateGuest(fields.email, fields.phone) ?? createGuest(fields)).id;
		}
		throw invalid('guest_id', 'Send guest_id or a guest object');
	};

	const overlaps = (tableIds: string[], start: number, minutes: number, exceptId?: string) =>
		[...state.reservations.values()].some((other) => {
			if (
				other.id === exceptId ||
				other.status === 'cancelled' ||
				other.status === 'no_show' ||
				other.status === 'completed'
			)
				return false;
			if (!other.table_ids.some((id) => tableIds.includes(id))) return false;
			const otherStart = Date.parse(other.start_time);
			return (
				start < otherStart + other.duration_minutes * 60_000 &&
				otherStart < start + minutes * 60_000
			);
		});

	/** Checks capacity and availability; without tables, seats the party at the smallest free table. */
	const seat = (
		venue: Venue,
		partySize: number,
		start: string,
		minutes: number,
		tableIds: string[] | undefined,
		exceptId?: string,
	): string[] => {
		const venueTables = [...state.tables.values()].filter((table) => table.venue_id === venue.id);
		const startMs = Date.parse(start);
		if (tableIds && tableIds.length) {
			for (const id of tableIds) {
				if (!venueTables.some((table) => table.id === id))
					throw invalid('table_ids', `Table ${id} is not in venue ${venue.id}`);
			}
			const seats = venueTables
				.filter((table) => tableIds.includes(table.id))
				.reduce((sum, table) => sum + table.max_party_size, 0);
			if (partySize > seats)
				throw new ApiError(
					422,
					'exceeds_capacity',
					`Party of ${partySize} exceeds the capacity ${seats} of the tables`,
					{ field: 'party_size' },
				);
			if (overlaps(tableIds, startMs, minutes, exceptId))
				throw new ApiError(409, 'table_unavailable', 'A table is already booked at that time', {
					field: 'table_ids',
				});
			return tableIds;
		}
		const largest = Math.max(0, ...venueTables.map((table) => table.max_party_size));
		if (partySize > largest)
			throw new ApiError(
				422,
				'exceeds_capacity',
				`Party of ${partySize} exceeds the largest table (${largest})`,
				{ field: 'party_size' },
			);
		const free = venueTables
			.filter(
				(table) =>
					table.max_party_size >= partySize && !overlaps([table.id], startMs, minutes, exceptId),
			)
			.sort((a, b) => a.max_party_size - b.max_party_size);
		if (!free.length)
			throw new ApiError(
				409,
				'table_unavailable',
				'No table for that party size is free at that time',
				{ field: 'start_time' },
			);
		return [free[0].id];
	};

	const get = <T>(map: Map<string, T>, id: string, what: string): T => {
		const item = map.get(id);
		if (!item) throw new ApiError(404, 'not_found', `No ${what} ${id}`);
		return item;
	};

	// ---- routes ------------------------------------------------------------------------------
	const routes: Route[] = [];
	const route = (
		method: string,
		template: string,
		scope: string,
		handle: Route['handle'],
		creates = false,
	) => {
		const pattern = new RegExp(`^${template.replace(/\{[a-z_]+\}/g, '([^/]+)')}$`);
		routes.push({ method, pattern, template, scope, handle, creates });
	};

	route('GET', '/venues', 'read:venues', ({ query }) =>
		paginate(
			insertionOrder(state.venues),
			query,
			() => true,
			cursorTtlMs,
			(venue) => venue,
		),
	);
	route('GET', '/venues/{id}', 'read:venues', ({ params }) => ({
		status: 200,
		body: { data: get(state.venues, params[0], 'venue') },
	}));
	route('GET', '/venues/{id}/tables', 'read:venues', ({ params, query }) => {
		const venue = get(state.venues, params[0], 'venue');
		const tables = [...state.tables.values()]
			.filter((table) => table.venue_id === venue.id)
			.map((item, index) => ({ key: String(index).padStart(9, '0'), item }));
		return paginate(
			tables,
			query,
			() => true,
			cursorTtlMs,
			(table) => ({
				id: table.id,
				name: table.name,
				section: table.section,
				min_party_size: table.min_party_size,
				max_party_size: table.max_party_size,
			}),
		);
	});

	route('GET', '/guests', 'read:guests', ({ query }) => {
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
		return paginate(
			guestsSorted(),
			query,
			(guest) =>
				updated(guest.updated_at) &&
				(!email || guest.email?.toLowerCase() === email) &&
				(!phone || guest.phone === phone) &&
				(optIn === null || guest.email_opt_in === (optIn === 'true')) &&
				tags.every((tag) => guest.tags.includes(tag)) &&
				(start === null || end === null || inBirthdayWindow(guest.birthday, start, end)),
			cursorTtlMs,
			(guest) => guest,
		);
	});
	route('GET', '/guests/{id}', 'read:guests', ({ params }) => ({
		status: 200,
		body: { data: get(state.guests, params[0], 'guest') },
	}));
	route(
		'POST',
		'/guests',
		'write:guests',
		({ body }) => ({ status: 201, body: { data: createGuest(guestFields(body)) } }),
		true,
	);
	route('PATCH', '/guests/{id}', 'write:guests', ({ params, body }) => {
		const guest = get(state.guests, params[0], 'guest');
		const fields = guestFields(body);
		const duplicate = findDuplicateGuest(fields.email, fields.phone, guest.id);
		if (duplicate)
			throw new ApiError(409, 'guest_exists', 'Another guest has this email or phone', {
				existing_id: duplicate.id,
			});
		Object.assign(guest, fields, { updated_at: timestamp() });
		touchGuests();
		emitEvent('guest.updated', { ...guest }, null);
		return { status: 200, body: { data: guest } };
	});
	route('DELETE', '/guests/{id}', 'write:guests', ({ params }) => {
		get(state.guests, params[0], 'guest');
		state.guests.delete(params[0]);
		touchGuests();
		return { status: 204 };
	});

	route('GET', '/reservations', 'read:reservations', ({ query }) => {
		const start = rangeFilter(query, 'start_time');
		const updated = rangeFilter(query, 'updated_at');
		const venueId = query.get('venue_id');
		const guestId = query.get('guest_id');
		const status = query.get('status');
		return paginate(
			insertionOrder(state.reservations),
			query,
			(reservation) =>
				start(reservation.start_time) &&
				updated(reservation.updated_at) &&
				(!venueId || reservation.venue_id === venueId) &&
				(!guestId || reservation.guest_id === guestId) &&
				(!status || reservation.status === status),
			cursorTtlMs,
			presentReservation,
		);
	});
	route('GET', '/reservations/{id}', 'read:reservations', ({ params }) => ({
		status: 200,
		body: { data: presentReservation(get(state.reservations, params[0], 'reservation')) },
	}));
	route(
		'POST',
		'/reservations',
		'write:reservations',
		({ body }) => {
			const venue = venueOf(body);
			const partySize = positiveInteger(body.party_size, 'party_size', { max: 100 });
			const startTime = utcTimestamp(body.start_time, 'start_time');
			const minutes =
				body.duration_minutes === undefined
					? 90
					: positiveInteger(body.duration_minutes, 'duration_minutes', { min: 15, max: 600 });
			const requested =
				body.table_ids === undefined ? undefined : stringList(body.table_ids, 'table_ids');
			const tableIds = seat(venue, partySize, startTime, minutes, requested);
			const guestId = guestOf(body);
			const at = timestamp();
			const reservation: Reservation = {
				id: `res_${String(++sequence.reservation).padStart(6, '0')}`,
				venue_id: venue.id,
				guest_id: guestId,
				party_size: partySize,
				start_time: startTime,
				duration_minutes: minutes,
				status: 'booked',
				table_ids: tableIds,
				notes: optionalString(body, 'notes') ?? null,
				tags: body.tags === undefined ? [] : stringList(body.tags, 'tags'),
				source: 'api',
				created_at: at,
				updated_at: at,
				cancelled_at: null,
			};
			state.reservations.set(reservation.id, reservation);
			stats.created.reservations++;
			emitEvent('reservation.created', presentReservation(reservation), venue.id);
			return { status: 201, body: { data: presentReservation(reservation) } };
		},
		true,
	);
	route('PATCH', '/reservations/{id}', 'write:reservations', ({ params, body }) => {
		const reservation = get(state.reservations, params[0], 'reservation');
		const venue = get(state.venues, reservation.venue_id, 'venue');
		const partySize =
			body.party_size === undefined
				? reservation.party_size
				: positiveInteger(body.party_size, 'party_size', { max: 100 });
		const startTime =
			body.start_time === undefined
				? reservation.start_time
				: utcTimestamp(body.start_time, 'start_time');
		const minutes =
			body.duration_minutes === undefined
				? reservation.duration_minutes
				: positiveInteger(body.duration_minutes, 'duration_minutes', { min: 15, max: 600 });
		const requested =
			body.table_ids === undefined
				? reservation.table_ids
				: stringList(body.table_ids, 'table_ids');
		const status = body.status === undefined ? reservation.status : String(body.status);
		if (!RESERVATION_STATUSES.includes(status))
			throw invalid('status', `status must be one of ${RESERVATION_STATUSES.join(', ')}`);
		const seatingChanged =
			body.party_size !== undefined ||
			body.start_time !== undefined ||
			body.duration_minutes !== undefined ||
			body.table_ids !== undefined;
		const tableIds =
			seatingChanged && status !== 'cancelled'
				? seat(venue, partySize, startTime, minutes, requested, reservation.id)
				: requested;
		const at = timestamp();
		Object.assign(reservation, {
			party_size: partySize,
			start_time: startTime,
			duration_minutes: minutes,
			table_ids: tableIds,
			status,
			...(body.notes !== undefined ? { notes: optionalString(body, 'notes') } : {}),
			...(body.tags !== undefined ? { tags: stringList(body.tags, 'tags') } : {}),
			...(status === 'cancelled' && !reservation.cancelled_at ? { cancelled_at: at } : {}),
			updated_at: at,
		});
		emitEvent(
			status === 'cancelled' ? 'reservation.cancelled' : 'reservation.updated',
			presentReservation(reservation),
			reservation.venue_id,
		);
		return { status: 200, body: { data: presentReservation(reservation) } };
	});
	route('POST', '/reservations/{id}/cancel', 'write:reservations', ({ params, body }) => {
		const reservation = get(state.reservations, params[0], 'reservation');
		if (reservation.status !== 'cancelled') {
			const at = timestamp();
			Object.assign(reservation, {
				status: 'cancelled',
				cancelled_at: at,
				updated_at: at,
				cancel_reason: optionalString(body, 'reason') ?? null,
			});
			emitEvent('reservation.cancelled', presentReservation(reservation), reservation.venue_id);
		}
		return { status: 200, body: { data: presentReservation(reservation) } };
	});

	route('GET', '/waitlist', 'read:waitlist', ({ query }) => {
		const venueId = query.get('venue_id');
		const status = query.get('status');
		return paginate(
			insertionOrder(state.waitlist),
			query,
			(entry) => (!venueId || entry.venue_id === venueId) && (!status || entry.status === status),
			cursorTtlMs,
			presentWaitlist,
		);
	});
	route('GET', '/waitlist/{id}', 'read:waitlist', ({ params }) => ({
		status: 200,
		body: { data: presentWaitlist(get(state.waitlist, params[0], 'waitlist entry')) },
	}));
	route(
		'POST',
		'/waitlist',
		'write:waitlist',
		({ body }) => {
			const venue = venueOf(body);
			const partySize = positiveInteger(body.party_size, 'party_size', { max: 100 });
			const quoted =
				body.quoted_wait_minutes === undefined || body.quoted_wait_minutes === null
					? null
					: positiveInteger(body.quoted_wait_minutes, 'quoted_wait_minutes', { min: 0, max: 600 });
			const guestId = guestOf(body);
			const at = timestamp();
			const entry: WaitlistEntry = {
				id: `wl_${String(++sequence.waitlist).padStart(6, '0')}`,
				venue_id: venue.id,
				guest_id: guestId,
				party_size: partySize,
				status: 'waiting',
				quoted_wait_minutes: quoted,
				joined_at: at,
				notes: optionalString(body, 'notes') ?? null,
				updated_at: at,
			};
			state.waitlist.set(entry.id, entry);
			stats.created.waitlist++;
			emitEvent('waitlist.created', presentWaitlist(entry), venue.id);
			return { status: 201, body: { data: presentWaitlist(entry) } };
		},
		true,
	);
	route('PATCH', '/waitlist/{id}', 'write:waitlist', ({ params, body }) => {
		const entry = get(state.waitlist, params[0], 'waitlist entry');
		if (body.status !== undefined && !WAITLIST_STATUSES.includes(String(body.status)))
			throw invalid('status', `status must be one of ${WAITLIST_STATUSES.join(', ')}`);
		Object.assign(entry, {
			...(body.party_size !== undefined
				? { party_size: positiveInteger(body.party_size, 'party_size', { max: 100 }) }
				: {}),
			...(body.status !== undefined ? { status: String(body.status) } : {}),
			...(body.quoted_wait_minutes !== undefined
				? {
						quoted_wait_minutes: positiveInteger(body.quoted_wait_minutes, 'quoted_wait_minutes', {
							min: 0,
							max: 600,
						}),
					}
				: {}),
			...(body.notes !== undefined ? { notes: optionalString(body, 'notes') } : {}),
			updated_at: timestamp(),
		});
		emitEvent('waitlist.updated', presentWaitlist(entry), entry.venue_id);
		return { status: 200, body: { data: presentWaitlist(entry) } };
	});
	route('DELETE', '/waitlist/{id}', 'write:waitlist', ({ params }) => {
		get(state.waitlist, params[0], 'waitlist entry');
		state.waitlist.delete(params[0]);
		return { status: 204 };
	});

	route('GET', '/webhooks', 'read:webhooks', ({ query }) =>
		paginate(insertionOrder(state.webhooks), query, () => true, cursorTtlMs, presentWebhook),
	);
	route('GET', '/webhooks/{id}', 'read:webhooks', ({ params }) => ({
		status: 200,
		body: { data: get(state.webhooks, params[0], 'webhook') },
	}));
	route(
		'POST',
		'/webhooks',
		'write:webhooks',
		({ body }) => {
			if (typeof body.url !== 'string' || !/^https?:\/\/\S+$/.test(body.url))
				throw invalid('url', 'url must be an http(s) URL');
			const events = stringList(body.events, 'events');
			if (!events.length || events.some((event) => !WEBHOOK_EVENTS.includes(event)))
				throw invalid('events', `events must be some of ${WEBHOOK_EVENTS.join(', ')}`);
			const secret = optionalString(body, 'secret') || `whsec_${randomBytes(24).toString('hex')}`;
			const webhook: Webhook = {
				id: `wh_${String(++sequence.webhook).padStart(6, '0')}`,
				url: body.url,
				events,
				secret,
				created_at: timestamp(),
			};
			state.webhooks.set(webhook.id, webhook);
			stats.created.webhooks++;
			return { status: 201, body: { data: webhook } };
		},
		true,
	);
	route('DELETE', '/webhooks/{id}', 'write:webhooks', ({ params }) => {
		get(state.webhooks, params[0], 'webhook');
		state.webhooks.delete(params[0]);
		return { status: 204 };
	});

	// ---- tokens ------------------------------------------------------------------------------
	const sign = (payload: string) => createHmac('sha256', signingKey).update(payload).digest();
	const issueToken = (clientId: string, scopes: string[]) => {
		const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
		const issuedAt = Date.now();
		const payload = base64url(
			JSON.stringify({
				sub: clientId,
				scope: scopes.join(' '),
				iat: issuedAt,
				exp: issuedAt + tokenTtlMs,
				jti: randomBytes(8).toString('hex'),
			}),
		);
		return `${header}.${payload}.${sign(`${header}.${payload}`).toString('base64url')}`;
	};
	const verifyToken = (
		authorization: string | undefined,
	): { clientId: string; scopes: string[] } => {
		const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
		const unauthorized = (message: string) => new ApiError(401, 'invalid_token', message);
		if (!token) throw unauthorized('Missing bearer token');
		const [header, payload, signature] = token.split('.');
		const expected = sign(`${header}.${payload}`);
		const given = Buffer.from(signature ?? '', 'base64url');
		if (!payload || given.length !== expected.length || !timingSafeEqual(given, expected))
			throw unauthorized('Bad token');
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
			sub: string;
			scope: string;
			iat: number;
			exp: number;
		};
		if (claims.exp <= Date.now()) throw unauthorized('Token expired');
		if (claims.iat <= tokensValidAfter) throw unauthorized('Token revoked');
		return { clientId: claims.sub, scopes: claims.scope.split(' ') };
	};
	const tokenEndpoint = (raw: string): Reply => {
		const form = new URLSearchParams(raw);
		const oauthError = (status: number, error: string, description: string): Reply => ({
			status,
			body: { error, error_description: description },
		});
		if (form.get('grant_type') !== 'client_credentials')
			return oauthError(400, 'unsupported_grant_type', 'Only client_credentials is supported');
		const client = clients.get(form.get('client_id') ?? '');
		const secret = Buffer.from(form.get('client_secret') ?? '');
		const expected = Buffer.from(client?.clientSecret ?? '');
		if (!client || secret.length !== expected.length || !timingSafeEqual(secret, expected))
			return oauthError(401, 'invalid_client', 'Unknown client or wrong secret');
		const requested = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
		const scopes = requested.length ? requested : client.scopes;
		if (scopes.some((scope) => !client.scopes.includes(scope)))
			return oauthError(400, 'invalid_scope', 'A requested scope is not granted to this client');
		stats.tokensIssued++;
		return {
			status: 200,
			body: {
				access_token: issueToken(client.clientId, scopes),
				token_type: 'Bearer',
				expires_in: Math.round(tokenTtlMs / 1000),
				scope: scopes.join(' '),
			},
		};
	};

	const rateLimit = (clientId: string): Record<string, string> | ApiError => {
		if (!(rateLimitPerMinute > 0)) return {};
		const nowMs = Date.now();
		const times = (requestLog.get(clientId) ?? []).filter((time) => time > nowMs - 60_000);
		requestLog.set(clientId, times);
		const reset = times.length
			? Math.ceil((times[0] + 60_000) / 1000)
			: Math.ceil((nowMs + 60_000) / 1000);
		if (times.length >= rateLimitPerMinute) {
			const error = new ApiError(
				429,
				'rate_limited',
				`Over ${rateLimitPerMinute} requests per minute`,
			);
			Object.assign(error.extra, {
				headers: {
					'Retry-After': String(Math.max(1, Math.ceil((times[0] + 60_000 - nowMs) / 1000))),
					'X-RateLimit-Limit': String(rateLimitPerMinute),
					'X-RateLimit-Remaining': '0',
					'X-RateLimit-Reset': String(reset),
				},
			});
			return error;
		}
		times.push(nowMs);
		return {
			'X-RateLimit-Limit': String(rateLimitPerMinute),
			'X-RateLimit-Remaining': String(rateLimitPerMinute - times.length),
			'X-RateLimit-Reset': String(reset),
		};
	};

	const count = (template: string, status: number | string) => {
		const byStatus = (stats.requests[template] ??= {});
		byStatus[String(status)] = (byStatus[String(status)] ?? 0) + 1;
	};
	const fault = (name: string) => {
		stats.faultsInjected[name] = (stats.faultsInjected[name] ?? 0) + 1;
	};

	// ---- control endpoints for tests running n8n in another process --------------------------
	const control = (
		method: string,
		path: string,
		query: URLSearchParams,
		body: Record<string, unknown>,
	): Reply | undefined => {
		if (method === 'GET' && path === '/__sandbox/stats') return { status: 200, body: stats };
		if (method === 'POST' && path === '/__sandbox/faults') {
			Object.assign(faults, body);
			return { status: 200, body: faults };
		}
		if (method === 'POST' && path === '/__sandbox/rate-limit') {
			rateLimitPerMinute = Number(body.perMinute ?? 0);
			return { status: 200, body: { perMinute: rateLimitPerMinute } };
		}
		if (method === 'POST' && path === '/__sandbox/revoke-tokens') {
			tokensValidAfter = Date.now();
			return { status: 204 };
		}
		if (method === 'POST' && path === '/__sandbox/reset-stats') {
			Object.assign(stats, freshStats());
			return { status: 204 };
		}
		if (method === 'POST' && path === '/__sandbox/events') {
			const ids = [];
			for (let n = 0; n <= Number(body.duplicate ?? 0); n++)
				ids.push(
					emitEvent(
						String(body.type),
						(body.data ?? {}) as Record<string, unknown>,
						body.venue_id as string | undefined,
					),
				);
			return { status: 202, body: { ids } };
		}
		if (method === 'POST' && path === '/__sandbox/flush-webhooks') return undefined; // async, handled by the caller
		const collection = /^\/__sandbox\/state\/(\w+)$/.exec(path)?.[1] as
			| keyof SandboxState
			| undefined;
		if (method === 'GET' && collection && collection in state) {
			const filters = [...query.entries()];
			const items = [
				...(state[collection] as Map<string, Record<string, unknown>>).values(),
			].filter((item) => filters.every(([key, value]) => String(item[key]) === value));
			return { status: 200, body: { data: items, count: items.length } };
		}
		return {
			status: 404,
			body: { errors: [{ code: 'not_found', message: `No sandbox control ${method} ${path}` }] },
		};
	};

	const flushWebhooks = () =>
		pendingDeliveries === 0
			? Promise.resolve()
			: new Promise<void>((resolve) => flushWaiters.push(resolve));

	// ---- the HTTP server ---------------------------------------------------------------------
	const send = (response: http.ServerResponse, reply: Reply) => {
		const headers: Record<string, string> = { ...reply.headers };
		let payload = '';
		if (reply.body !== undefined && reply.status !== 204) {
			payload = JSON.stringify(reply.body);
			headers['Content-Type'] = 'application/json';
		}
		response.writeHead(reply.status, headers);
		response.end(payload);
	};
	const errorReply = (error: ApiError, headers: Record<string, string> = {}): Reply => {
		const { headers: extraHeaders, ...extra } = error.extra as { headers?: Record<string, string> };
		return {
			status: error.status,
			headers: { ...headers, ...extraHeaders },
			body: { errors: [{ code: error.code, message: error.message, ...extra }] },
		};
	};

	const handle = async (
		request: http.IncomingMessage,
		response: http.ServerResponse,
		raw: string,
	) => {
		const url = new URL(request.url ?? '/', 'http://sandbox');
		const method = request.method ?? 'GET';
		const path = url.pathname.replace(/\/+$/, '') || '/';

		if (path.startsWith('/__sandbox/')) {
			let body: Record<string, unknown> = {};
			try {
				body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
			} catch {
				return send(response, {
					status: 400,
					body: { errors: [{ code: 'bad_request', message: 'Body is not JSON' }] },
				});
			}
			if (method === 'POST' && path === '/__sandbox/flush-webhooks') {
				await flushWebhooks();
				return send(response, { status: 204 });
			}
			return send(response, control(method, path, url.searchParams, body) as Reply);
		}
		if (method === 'POST' && path === '/oauth/token') {
			const reply = tokenEndpoint(raw);
			count('POST /oauth/token', reply.status);
			return send(response, reply);
		}

		let params: string[] = [];
		const matched = routes.find((candidate) => {
			if (candidate.method !== method) return false;
			const match = candidate.pattern.exec(path);
			if (match) params = match.slice(1).map(decodeURIComponent);
			return Boolean(match);
		});
		const template = matched ? `${matched.method} ${matched.template}` : `${method} (unknown)`;
		const reply = (result: Reply) => {
			count(template, result.status);
			send(response, result);
		};
		if (!matched)
			return reply(errorReply(new ApiError(404, 'not_found', `No route ${method} ${path}`)));

		// Injected faults come first, as a load balancer's would; at most one per request.
		const roll = random();
		const kinds: Array<[string, number]> = [
			['unavailable', faults.unavailableFraction],
			['unavailable_no_retry_after', faults.unavailableNoRetryAfterFraction],
			['rate_limited', faults.rateLimitedFraction],
			['server_error', faults.serverErrorFraction],
			['reset', faults.resetFraction],
			['slow', faults.slowFraction],
		];
		let threshold = 0;
		const faultKind = kinds.find(([, fraction]) => roll < (threshold += fraction))?.[0];
		let resetAfterCreate = false;
		if (faultKind === 'unavailable' || faultKind === 'unavailable_no_retry_after') {
			fault(faultKind);
			const retryAfter: Record<string, string> =
				faultKind === 'unavailable' ? { 'Retry-After': String(faults.retryAfterSeconds) } : {};
			return reply({
				status: 503,
				headers: retryAfter,
				body: { errors: [{ code: 'unavailable', message: 'Under heavy load, try again shortly' }] },
			});
		}
		if (faultKind === 'rate_limited') {
			fault(faultKind);
			return reply({
				status: 429,
				headers: { 'Retry-After': String(faults.retryAfterSeconds) },
				body: { errors: [{ code: 'rate_limited', message: 'Slow down' }] },
			});
		}
		if (faultKind === 'server_error') {
			fault(faultKind);
			return reply({
				status: 500,
				body: { errors: [{ code: 'internal_error', message: 'Something went wrong' }] },
			});
		}
		if (faultKind === 'reset') {
			// On a create, half the resets lose the answer after the object was made.
			if (matched.creates && random() < 0.5) {
				resetAfterCreate = true;
			} else {
				fault('reset');
				count(template, 'reset');
				request.socket.destroy();
				return;
			}
		}
		if (faultKind === 'slow') {
			fault('slow');
			await wait(faults.slowMs);
		}

		let auth: { clientId: string; scopes: string[] };
		try {
			auth = verifyToken(request.headers.authorization);
		} catch (error) {
			return reply(errorReply(error as ApiError));
		}
		if (!auth.scopes.includes(matched.scope))
			return reply(
				errorReply(
					new ApiError(403, 'insufficient_scope', `This call needs the ${matched.scope} scope`),
				),
			);
		const limited = rateLimit(auth.clientId);
		if (limited instanceof ApiError) {
			stats.rateLimited++;
			return reply(errorReply(limited));
		}

		let body: Record<string, unknown> = {};
		if (raw) {
			try {
				const parsed: unknown = JSON.parse(raw);
				if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
					throw new Error('not an object');
				body = parsed as Record<string, unknown>;
			} catch {
				return reply(
					errorReply(new ApiError(400, 'bad_request', 'The body must be a JSON object'), limited),
				);
			}
		}

		// Idempotency: a replay answers what the first request got, and creates nothing.
		const key = request.headers['idempotency-key'];
		const idempotencyKey = Array.isArray(key) ? key[0] : key;
		const storeKey = idempotencyKey ? `${auth.clientId}|${idempotencyKey}` : undefined;
		const fingerprint = createHash('sha256').update(`${method} ${path} ${raw}`).digest('hex');
		if (idempotencyKey && method === 'POST') {
			if (idempotencyKey.length > 255)
				return reply(
					errorReply(
						new ApiError(400, 'bad_request', 'Idempotency-Key is longer than 255 characters'),
						limited,
					),
				);
			const previous = idempotency.get(storeKey as string);
			if (previous && previous.at > Date.now() - IDEMPOTENCY_TTL_MS) {
				if (previous.fingerprint !== fingerprint) {
					return reply(
						errorReply(
							new ApiError(
								422,
								'idempotency_key_reused',
								'This Idempotency-Key was used with a different request',
								{ field: 'Idempotency-Key' },
							),
							limited,
						),
					);
				}
				stats.idempotentReplays++;
				return reply({
					...previous.reply,
					headers: { ...previous.reply.headers, ...limited, 'Idempotent-Replayed': 'true' },
				});
			}
		}

		let result: Reply;
		try {
			result = matched.handle({ params, query: url.searchParams, body });
			result = { ...result, headers: { ...result.headers, ...limited } };
		} catch (error) {
			result =
				error instanceof ApiError
					? errorReply(error, limited)
					: { status: 500, body: { errors: [{ code: 'internal_error', message: String(error) }] } };
		}
		// Results of requests that ran (created, or refused on their merits) are kept for replay.
		if (idempotencyKey && method === 'POST' && result.status < 500)
			idempotency.set(storeKey as string, { fingerprint, reply: result, at: Date.now() });
		if (resetAfterCreate) {
			fault('reset_after_processing');
			count(template, 'reset');
			request.socket.destroy();
			return;
		}
		return reply(result);
	};

	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			handle(request, response, raw).catch((error: Error) => {
				if (!response.headersSent)
					send(response, {
						status: 500,
						body: { errors: [{ code: 'internal_error', message: error.message }] },
					});
			});
			if (options.log) process.stdout.write(`${request.method} ${request.url}\n`);
		});
	});
	server.keepAliveTimeout = 5_000;
	await new Promise<void>((resolve) =>
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
	);
	const { port } = server.address() as AddressInfo;
	const host = options.host ?? '127.0.0.1';

	return {
		url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
		port,
		state,
		stats,
		setFaults: (next) => Object.assign(faults, next),
		setRateLimit: (perMinute) => {
			rateLimitPerMinute = perMinute;
		},
		revokeTokens: () => {
			tokensValidAfter = Date.now();
		},
		emitEvent,
		flushWebhooks,
		updateGuests: (ids, change) => {
			for (const id of ids) {
				const guest = get(state.guests, id, 'guest');
				Object.assign(guest, change(guest), { updated_at: timestamp() });
				emitEvent('guest.updated', { ...guest }, null);
			}
			touchGuests();
		},
		resetStats: () => Object.assign(stats, freshStats()),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
