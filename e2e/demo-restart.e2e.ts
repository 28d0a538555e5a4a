/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node modules and dev packages) */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { DateTime } from 'luxon';

import { startDemo } from '../dev/demo';
import type { Demo } from '../dev/demo';
import { ROOT } from '../dev/n8n';
import { sandboxClient } from '../dev/sandboxClient';
import { until } from '../dev/until';

/**
 * `npm start` twice, as a user runs it: the demo (sandbox, MailDev, n8n, the demo's credentials and
 * workflows) comes up, tags a guest without touching their notes, writes the reservation's outbox
 * file and emails a birthday guest through MailDev; stopped and started again, with a sandbox that
 * starts empty, the reservation workflow subscribes again and keeps delivering, and the birthday
 * emails keep arriving. (n8n 2.41 does not ask a trigger whether its subscription still exists
 * when it starts: dev/demo publishes those workflows again.)
 */
const FOLDER = path.join(ROOT, '.n8n-data/e2e-demo-restart');
const RESERVATIONS = 'SevenRooms: new reservation → guest enrichment';
let demo: Demo | undefined;

/** Books a reservation and waits for the demo's outbox file of it. */
async function bookAndAwaitOutbox(running: Demo, guestId: string, day: number) {
	const api = sandboxClient(running.sandbox);
	const booked = await api('POST', '/reservations', {
		venue_id: 'ven_nyc',
		party_size: 3,
		start_time: `2027-05-${String(day).padStart(2, '0')}T23:00:00Z`,
		guest_id: guestId,
	});
	expect(booked.status).toBe(201);
	await running.sandbox.flushWebhooks();
	// The sandbox numbers from its seed on every start: the last run's file may have this name.
	const file = path.join(running.outbox, `reservation-${String(booked.data.id)}.json`);
	const read = (): Record<string, unknown> => {
		try {
			return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
		} catch {
			return {}; // not there yet, or still being written
		}
	};
	return await until(`the outbox file ${path.basename(file)} for ${guestId}`, () =>
		read().guest_id === guestId ? read() : undefined,
	);
}

/** A guest whose birthday is a week from today in New York, opted in to email. */
async function birthdayGuest(running: Demo, email: string) {
	const inAWeek = DateTime.now().setZone('America/New_York').plus({ days: 7 });
	const created = await sandboxClient(running.sandbox)('POST', '/guests', {
		first_name: 'Ada',
		last_name: 'Birthday',
		email,
		email_opt_in: true,
		birthday: `1990-${inAWeek.toFormat('MM-dd')}`,
	});
	expect(created.status).toBe(201);
}

const emailTo = async (running: Demo, address: string) =>
	(await running.mailDev.emails()).find((email) => email.to.some((to) => to.address === address));

afterAll(async () => await demo?.stop());

it('keeps delivering after the sandbox and n8n start again', async () => {
	demo = await startDemo({ folder: FOLDER, fresh: true, simulation: false, guests: 300 });
	expect(demo.imported.webhookWorkflows).toEqual([RESERVATIONS]);
	expect(demo.missingSubscriptions).toBe(0);
	expect(existsSync(demo.logFile)).toBe(true);

	// The guest's notes stay; the booking is appended and the tag added.
	const api = sandboxClient(demo.sandbox);
	await api('PATCH', '/guests/gst_000010', {
		notes: 'Prefers to be greeted by name',
		tags: ['vip'],
	});
	const pos = await bookAndAwaitOutbox(demo, 'gst_000010', 1);
	expect(pos).toMatchObject({ guest_id: 'gst_000010', party_size: 3 });
	const guest = demo.sandbox.state.guests.get('gst_000010');
	expect(guest?.tags).toEqual(['vip', 'upcoming-reservation']);
	expect(guest?.notes).toMatch(/^Prefers to be greeted by name\nBooked for 2027-05-01T19:00/);

	await birthdayGuest(demo, 'ada.first@example.com');
	const email = await until('the birthday email in MailDev', () =>
		emailTo(demo!, 'ada.first@example.com'),
	);
	expect(email.subject).toBe('Happy birthday, Ada!');

	// Stopped (Ctrl-C) and started again: the sandbox comes back empty of subscriptions.
	await demo.stop();
	demo = await startDemo({ folder: FOLDER, fresh: false, simulation: false, guests: 300 });
	expect(demo.imported.resubscribed).toEqual([RESERVATIONS]);
	expect(demo.missingSubscriptions).toBe(0);
	expect(demo.sandbox.state.webhooks.size).toBe(1);

	await birthdayGuest(demo, 'ada.second@example.com');
	expect(await bookAndAwaitOutbox(demo, 'gst_000011', 2)).toMatchObject({
		guest_id: 'gst_000011',
	});
	const workflowId = demo.imported.workflows['reservation-enrichment'].id;
	await until(
		'both reservations executed',
		async () => (await demo!.client.executionCount(workflowId)) === 2,
	);
	await until('the birthday email after the restart', () =>
		emailTo(demo!, 'ada.second@example.com'),
	);
});
