/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tooling, runs in Node beside n8n, never inside it (Node globals) */
import { DateTime } from 'luxon';

import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { startRestaurantDay } from '../../sandbox/simulation';

/** The demo's restaurant day makes every kind of change the demo workflows react to. */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ guests: 200, rateLimitPerMinute: 0 });
});
afterAll(async () => await sandbox.close());

it('books, changes and cancels reservations, seats, bills and rates visits, changes opt-ins, signs guests up and fills the waitlist', async () => {
	const reservations = sandbox.state.reservations.size;
	const waitlist = sandbox.state.waitlist.size;
	const seeded = new Set(sandbox.state.guests.keys());
	const seededReservations = new Set(sandbox.state.reservations.keys());
	const day = startRestaurantDay(sandbox.url, sandbox.state, {
		minPauseMs: 1,
		maxPauseMs: 5,
		visitSpeed: 60_000,
	});
	const deadline = Date.now() + 20_000;
	while (Object.keys(day.counts).length < 12 && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	await day.stop();
	expect(Object.keys(day.counts).sort()).toEqual([
		'guest joined the birthday club',
		'guest opted in',
		'guest opted out',
		'guest signed up',
		'no-show',
		'party seated',
		'reservation booked',
		'reservation cancelled',
		'reservation changed',
		'visit completed',
		'visit rated',
		'walk-in joined the waitlist',
	]);
	// Completed visits have their times and a bill in the venue's currency; ratings come after.
	const made = [...sandbox.state.reservations.values()].filter(
		(reservation) => !seededReservations.has(reservation.id),
	);
	const completed = made.filter((reservation) => reservation.status === 'completed');
	expect(completed.length).toBeGreaterThan(0);
	for (const visit of completed) {
		expect(Date.parse(String(visit.completed_at))).toBeGreaterThanOrEqual(
			Date.parse(String(visit.seated_at)),
		);
		expect(visit.spend).toEqual({
			amount: expect.any(Number),
			currency: sandbox.state.venues.get(visit.venue_id)?.currency,
		});
	}
	const rated = made.filter((reservation) => reservation.rating !== null);
	expect(rated.length).toBeGreaterThan(0);
	expect(rated.every((visit) => visit.status === 'completed' && visit.feedback)).toBe(true);
	expect(made.some((reservation) => reservation.status === 'no_show')).toBe(true);
	expect(sandbox.state.reservations.size).toBeGreaterThan(reservations);
	expect(sandbox.state.waitlist.size).toBeGreaterThan(waitlist);
	// Birthday club members have their birthday a week from today, in a venue's time zone.
	const inAWeek = [...sandbox.state.venues.values()].map((venue) =>
		DateTime.now().setZone(venue.timezone).plus({ days: 7 }).toFormat('MM-dd'),
	);
	const members = [...sandbox.state.guests.values()].filter(
		(guest) => !seeded.has(guest.id) && guest.tags.includes('birthday-club'),
	);
	expect(members.length).toBeGreaterThan(0);
	for (const member of members) {
		expect(member.email_opt_in).toBe(true);
		expect(inAWeek).toContain(String(member.birthday).slice(-5));
	}
	// Stopped means stopped.
	const after = JSON.stringify(day.counts);
	await new Promise((resolve) => setTimeout(resolve, 200));
	expect(JSON.stringify(day.counts)).toBe(after);
});
