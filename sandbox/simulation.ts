/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tooling, runs in Node beside n8n, never inside it (Node globals) */
import { DateTime } from 'luxon';

import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from './auth';
import { prng } from './seed';
import { simulatedVisits } from './simulatedVisits';
import type { Call } from './simulatedVisits';
import type { SandboxState } from './state';

/**
 * A restaurant day for the demo: through the sandbox's own API, as SevenRooms' apps would, guests
 * book, change and cancel reservations, sign up and opt in or out of email, and walk-ins join the
 * waitlist, every few seconds, so every demo workflow has something to do within minutes. Each
 * change goes through the API, so webhooks fire and polls see it. New members of the birthday club
 * have their birthday `birthdayDaysAhead` days from today, so a birthday campaign finds someone new
 * even on a day whose seeded birthdays it has already sent. Parties are seated, leave with a bill
 * and rate their visit on a compressed clock, and some never come (`visitSpeed`).
 */
export interface RestaurantDay {
	/** changes made so far, by kind */
	readonly counts: Record<string, number>;
	/** no more changes; resolves once a change under way has finished */
	stop(): Promise<void>;
}

export interface RestaurantDayOptions {
	/** shortest and longest pause between two changes */
	minPauseMs?: number;
	maxPauseMs?: number;
	seed?: number;
	/** birthday club sign-ups have their birthday this many days from today (venue time), 7 */
	birthdayDaysAhead?: number;
	/**
	 * how much faster than real time a visit runs (seated → completed with a bill → rated an hour
	 * later), 600: a simulated minute in 100 ms (sandbox/simulatedVisits.ts)
	 */
	visitSpeed?: number;
	/** told about each change, e.g. to print it */
	onChange?: (kind: string, detail: string) => void;
}

function apiClient(baseUrl: string): Call {
	let token: string | undefined;
	const authorize = async () => {
		const answer = await fetch(`${baseUrl}/oauth/token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: SANDBOX_CLIENT_ID,
				client_secret: SANDBOX_CLIENT_SECRET,
			}),
		});
		return ((await answer.json()) as { access_token: string }).access_token;
	};
	return async (method, path, body) => {
		token ??= await authorize();
		let answer = await fetch(`${baseUrl}${path}`, {
			method,
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (answer.status === 401) {
			token = await authorize();
			answer = await fetch(`${baseUrl}${path}`, {
				method,
				headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
		}
		const text = await answer.text();
		const parsed = text ? (JSON.parse(text) as { data?: Record<string, unknown> }) : {};
		return { status: answer.status, ...(parsed.data ?? {}) };
	};
}

const FIRST_NAMES = [
	'Lena',
	'Omar',
	'Priya',
	'Tom',
	'Sofia',
	'Kenji',
	'Amara',
	'Luca',
	'Mia',
	'Yara',
];
const LAST_NAMES = ['Novak', 'Haddad', 'Iyer', 'Walsh', 'Moreau', 'Sato', 'Okafor', 'Bianchi'];

export function startRestaurantDay(
	baseUrl: string,
	state: SandboxState,
	{
		minPauseMs = 4_000,
		maxPauseMs = 15_000,
		seed = 7,
		birthdayDaysAhead = 7,
		visitSpeed = 600,
		onChange,
	}: RestaurantDayOptions = {},
): RestaurantDay {
	const random = prng(seed);
	const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
	const call = apiClient(baseUrl);
	const counts: Record<string, number> = {};
	let stopped = false;
	let timer: NodeJS.Timeout | undefined;
	let underWay: Promise<void> = Promise.resolve();
	const record = (kind: string, detail: string) => {
		counts[kind] = (counts[kind] ?? 0) + 1;
		onChange?.(kind, detail);
	};
	const visits = simulatedVisits(call, state, random, { visitSpeed, record });

	const venueIds = () => [...state.venues.keys()];
	const guestIds = () => [...state.guests.keys()];
	// Booked and still to come (a walk-in seated for the coming minute has come already).
	const upcoming = () =>
		[...state.reservations.values()].filter(
			(reservation) =>
				['booked', 'confirmed'].includes(reservation.status) &&
				Date.parse(reservation.start_time) > Date.now(),
		);
	const evening = () => {
		const day = new Date(Date.now() + (1 + Math.floor(random() * 14)) * 86_400_000);
		day.setUTCHours(17 + Math.floor(random() * 6), random() < 0.5 ? 0 : 30, 0, 0);
		return day.toISOString().replace('.000Z', 'Z');
	};

	const changes: Array<[number, string, () => Promise<string>]> = [
		[20, 'party seated', visits.seatParty],
		[4, 'no-show', visits.noShow],
		[
			40,
			'reservation booked',
			async () => {
				const booked = await call('POST', '/reservations', {
					venue_id: pick(venueIds()),
					party_size: 2 + Math.floor(random() * 5),
					start_time: evening(),
					guest_id: pick(guestIds()),
				});
				return String(booked.id ?? `not booked (${String(booked.status)})`);
			},
		],
		[
			10,
			'reservation changed',
			async () => {
				const reservation = pick(upcoming());
				await call('PATCH', `/reservations/${reservation.id}`, {
					notes: 'Asked for a window table',
				});
				return reservation.id;
			},
		],
		[
			10,
			'reservation cancelled',
			async () => {
				const reservation = pick(upcoming());
				await call('POST', `/reservations/${reservation.id}/cancel`, { reason: 'Plans changed' });
				return reservation.id;
			},
		],
		[
			15,
			'guest opted in',
			async () => {
				const id = pick(guestIds());
				await call('PATCH', `/guests/${id}`, { email_opt_in: true });
				return id;
			},
		],
		[
			8,
			'guest opted out',
			async () => {
				const subscribers = [...state.guests.values()].filter((guest) => guest.email_opt_in);
				const id = pick(subscribers).id;
				await call('PATCH', `/guests/${id}`, { email_opt_in: false });
				return id;
			},
		],
		[
			7,
			'guest signed up',
			async () => {
				const first = pick(FIRST_NAMES);
				const last = pick(LAST_NAMES);
				const created = await call('POST', '/guests', {
					first_name: first,
					last_name: last,
					email: `${first}.${last}.${Date.now()}@example.com`.toLowerCase(),
					email_opt_in: random() < 0.7,
				});
				return String(created.id);
			},
		],
		[
			5,
			'guest joined the birthday club',
			async () => {
				const first = pick(FIRST_NAMES);
				const last = pick(LAST_NAMES);
				const venue = state.venues.get(pick(venueIds()));
				const day = DateTime.now()
					.setZone(venue?.timezone ?? 'UTC')
					.plus({ days: birthdayDaysAhead });
				const created = await call('POST', '/guests', {
					first_name: first,
					last_name: last,
					email: `${first}.${last}.${Date.now()}@example.com`.toLowerCase(),
					email_opt_in: true,
					birthday: `${1960 + Math.floor(random() * 45)}-${day.toFormat('MM-dd')}`,
					tags: ['birthday-club'],
				});
				return String(created.id);
			},
		],
		[
			10,
			'walk-in joined the waitlist',
			async () => {
				const entry = await call('POST', '/waitlist', {
					venue_id: pick(venueIds()),
					party_size: 2 + Math.floor(random() * 3),
					guest_id: pick(guestIds()),
					quoted_wait_minutes: 15 + 5 * Math.floor(random() * 6),
				});
				return String(entry.id);
			},
		],
	];
	const totalWeight = changes.reduce((sum, [weight]) => sum + weight, 0);

	const next = async () => {
		if (stopped) return;
		let roll = random() * totalWeight;
		const [, kind, change] = changes.find(([weight]) => (roll -= weight) < 0) ?? changes[0];
		try {
			record(kind, await change());
		} catch {
			// A change that didn't fit (no upcoming reservation, a full venue) is skipped.
		}
		schedule(minPauseMs + random() * (maxPauseMs - minPauseMs));
	};
	const schedule = (ms: number) => {
		if (stopped) return;
		timer = setTimeout(() => {
			underWay = next();
		}, ms);
		timer.unref();
	};
	schedule(minPauseMs);

	return {
		counts,
		async stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			await underWay;
			await visits.stop();
		},
	};
}
