import { DateTime } from 'luxon';

import {
	DAYS,
	DIETARY,
	FIRST,
	LAST,
	PHONE_COUNTRIES,
	phoneFor,
	SECTIONS,
	TAGS,
	VENUES,
} from './seedLists';
import type { Guest, Reservation, SandboxData, Table, Venue, WaitlistEntry } from './types';
import { NO_VISIT_YET } from './visit';

/** Small deterministic PRNG (mulberry32): the same seed gives the same data and faults. */
export function prng(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function iso(dateTime: DateTime): string {
	return dateTime.toUTC().toISO() as string;
}

const FEEDBACK = [
	'Lovely evening, the staff were wonderful.',
	'Great food, a bit loud.',
	'We waited too long for our mains.',
	null,
	null,
];

/**
 * What a seeded reservation's past says of its visit: a completed one was seated at its start,
 * left 90 minutes later with a bill (about 45 a head in the venue's currency), and most guests
 * rated it within the hour after; a party still at the table is seated; a no-show was marked a
 * quarter of an hour after the start. `updated_at` is the last of these moments, as the API's.
 */
function pastVisit(
	random: () => number,
	status: string,
	start: DateTime,
	partySize: number,
	currency: string,
	now: DateTime,
): Pick<Reservation, 'seated_at' | 'completed_at' | 'spend' | 'rating' | 'feedback'> &
	Partial<Pick<Reservation, 'status' | 'updated_at'>> {
	if (status === 'no_show' && start.plus({ minutes: 15 }) < now)
		return { ...NO_VISIT_YET, updated_at: iso(start.plus({ minutes: 15 })) };
	if (status !== 'completed') return { ...NO_VISIT_YET };
	const left = start.plus({ minutes: 90 });
	if (left > now) return { ...NO_VISIT_YET, status: 'seated', seated_at: iso(start) };
	const rated = random() < 0.7;
	const changed = rated ? left.plus({ minutes: 60 }) : left;
	return {
		seated_at: iso(start),
		completed_at: iso(left),
		spend: { amount: Math.round(partySize * (30 + random() * 30) * 100) / 100, currency },
		rating: rated ? [5, 5, 4, 4, 4, 3, 2, 1][Math.floor(random() * 8)] : null,
		feedback: rated ? FEEDBACK[Math.floor(random() * FEEDBACK.length)] : null,
		updated_at: iso(changed < now ? changed : now.minus({ minutes: 1 })),
	};
}

/**
 * The seeded restaurant group, the same for the same seed and clock: venues and their tables,
 * guests (some with a birthday in the coming week at every venue), reservations a month either
 * side of today, and a waitlist at each venue.
 */
export function seedData(options: { seed: number; guests: number; now: Date }): SandboxData {
	const random = prng(options.seed);
	const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
	const now = DateTime.fromJSDate(options.now).toUTC();
	const created = iso(now.minus({ years: 3 }));

	const venues: Venue[] = VENUES.map((venue) => ({
		...venue,
		operating_hours: DAYS.map((day) => ({
			day,
			open: day === 'sun' ? '12:00' : '17:00',
			close: day === 'fri' || day === 'sat' ? '00:00' : '23:00',
		})),
		created_at: created,
		updated_at: created,
	}));

	const tables: Table[] = [];
	for (const venue of venues) {
		const count = 10 + Math.floor(random() * 8);
		for (let n = 1; n <= count; n++) {
			const max = pick([2, 2, 4, 4, 4, 6, 6, 8, 10, 12]);
			tables.push({
				id: `${venue.id}_t${String(n).padStart(2, '0')}`,
				venue_id: venue.id,
				name: `T${n}`,
				section: pick(SECTIONS),
				min_party_size: max <= 2 ? 1 : Math.max(1, max - 4),
				max_party_size: max,
			});
		}
	}

	const guests: Guest[] = [];
	const makeGuest = (index: number, birthday: string | null): Guest => {
		const first = pick(FIRST);
		const last = pick(LAST);
		const country = PHONE_COUNTRIES[index % PHONE_COUNTRIES.length];
		const updated = now.minus({ minutes: 5 + Math.floor(random() * 60 * 24 * 700) });
		const createdAt = updated.minus({ days: Math.floor(random() * 300) });
		const visits = Math.floor(random() * 40);
		const currency = venues[index % venues.length].currency;
		const tags = TAGS.filter(() => random() < 0.18);
		const loyal = random() < 0.3;
		return {
			id: `gst_${String(index + 1).padStart(6, '0')}`,
			first_name: first,
			last_name: last,
			email: `${first}.${last}.${index + 1}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, ''),
			phone: random() < 0.9 ? phoneFor(index, country) : null,
			birthday,
			anniversary:
				random() < 0.15
					? `20${String(10 + Math.floor(random() * 15))}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`
					: null,
			email_opt_in: random() < 0.6,
			sms_opt_in: random() < 0.35,
			dietary_notes: pick(DIETARY) || null,
			preferences:
				random() < 0.3 ? { seating: pick(['booth', 'window', 'bar', 'quiet corner']) } : {},
			tags,
			visit_count: visits,
			lifetime_value: { amount: Math.round(visits * (40 + random() * 160) * 100) / 100, currency },
			last_visit_at: visits ? iso(updated.minus({ days: Math.floor(random() * 60) })) : null,
			loyalty_id: loyal ? `LOY-${100000 + index}` : null,
			loyalty_tier: loyal ? pick(['silver', 'gold', 'platinum']) : null,
			notes: random() < 0.1 ? 'Prefers to be greeted by name' : null,
			created_at: iso(createdAt),
			updated_at: iso(updated),
		};
	};

	// Birthdays today and in each of the next 7 days in every venue's time zone, so the birthday
	// trigger has guests to find whatever day the demo runs.
	let index = 0;
	for (const venue of venues) {
		const today = now.setZone(venue.timezone).startOf('day');
		for (let day = 0; day <= 7 && index < options.guests; day++) {
			for (let n = 0; n < 3 && index < options.guests; n++) {
				const date = today.plus({ days: day });
				const birthday =
					n === 2
						? `--${date.toFormat('MM-dd')}`
						: `${1965 + Math.floor(random() * 40)}-${date.toFormat('MM-dd')}`;
				guests.push(makeGuest(index++, birthday));
			}
		}
	}
	for (; index < options.guests; index++) {
		const hasBirthday = random() < 0.85;
		let birthday: string | null = null;
		if (hasBirthday) {
			const date = DateTime.fromObject({ year: 2024, month: 1, day: 1 }).plus({
				days: Math.floor(random() * 366),
			});
			birthday =
				random() < 0.2
					? `--${date.toFormat('MM-dd')}`
					: `${1955 + Math.floor(random() * 50)}-${date.toFormat('MM-dd')}`;
			if (birthday.startsWith('19') && birthday.endsWith('02-29')) birthday = `1988-02-29`;
		}
		guests.push(makeGuest(index, birthday));
	}

	const reservations: Reservation[] = [];
	// Visits draw from their own sequence, so the rest of the seed stays as it was before them.
	const visitRandom = prng(options.seed ^ 0x715);
	const reservationCount = Math.min(400, Math.max(20, Math.floor(options.guests / 10)));
	for (let n = 0; n < reservationCount && guests.length; n++) {
		const venue = venues[n % venues.length];
		const venueTables = tables.filter((table) => table.venue_id === venue.id);
		const table = pick(venueTables);
		const guest = guests[Math.floor(random() * guests.length)];
		const day = Math.floor(random() * 60) - 30;
		// Slots on the hour or half hour between 17:00 and 21:30 venue time, each on its own table.
		const local = now
			.setZone(venue.timezone)
			.startOf('day')
			.plus({ days: day, hours: 17 + (n % 10) / 2 });
		const start = local.toUTC();
		const past = start < now;
		const status = past
			? pick(['completed', 'completed', 'completed', 'no_show', 'cancelled'])
			: pick(['booked', 'booked', 'confirmed', 'cancelled']);
		const createdAt = start.minus({ days: 1 + Math.floor(random() * 20) });
		const partySize = Math.max(
			1,
			Math.min(table.max_party_size, 1 + Math.floor(random() * table.max_party_size)),
		);
		reservations.push({
			id: `res_${String(n + 1).padStart(6, '0')}`,
			venue_id: venue.id,
			guest_id: guest.id,
			party_size: partySize,
			start_time: iso(start),
			duration_minutes: 90,
			status,
			table_ids: [table.id],
			notes: random() < 0.2 ? 'Celebrating' : null,
			tags: random() < 0.2 ? ['anniversary'] : [],
			source: pick(['web', 'phone', 'walk_in', 'partner']),
			created_at: iso(createdAt < now ? createdAt : now.minus({ hours: 1 })),
			updated_at: iso(createdAt < now ? createdAt : now.minus({ hours: 1 })),
			cancelled_at:
				status === 'cancelled'
					? iso(createdAt < now ? createdAt : now.minus({ minutes: 30 }))
					: null,
			...pastVisit(visitRandom, status, start, partySize, venue.currency, now),
		});
	}

	const waitlist: WaitlistEntry[] = [];
	for (const venue of venues) {
		for (let n = 0; n < 24 && guests.length; n++) {
			const guest = guests[Math.floor(random() * guests.length)];
			const joined = now.minus({ minutes: 5 + Math.floor(random() * 240) });
			waitlist.push({
				id: `wl_${venue.id.slice(4)}_${String(n + 1).padStart(4, '0')}`,
				venue_id: venue.id,
				guest_id: guest.id,
				party_size: 1 + Math.floor(random() * 6),
				status: pick(['waiting', 'waiting', 'waiting', 'notified', 'seated', 'cancelled']),
				quoted_wait_minutes: pick([10, 15, 20, 30, 45]),
				joined_at: iso(joined),
				notes: null,
				updated_at: iso(joined),
			});
		}
	}

	return { venues, tables, guests, reservations, waitlist };
}
