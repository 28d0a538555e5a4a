/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node modules and dev packages) */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import { DateTime } from 'luxon';

import { N8nClient, ROOT } from '../dev/n8n';
import { sandboxClient } from '../dev/sandboxClient';
import { until } from '../dev/until';
import { emailsIn } from '../dev/mailDev';
import { runNpmScript } from './npmScript';
import type { RunningScript } from './npmScript';

/**
 * `npm start` twice, as a user runs it, each time stopped by a signal to the npm process (SIGTERM
 * as a process manager sends, then SIGINT as a script or an IDE's stop button), which must stop
 * everything as Ctrl-C does (e2e/npmScript.ts). The demo (sandbox, MailDev, n8n, the demo's
 * credentials and workflows) comes up, tags a guest without touching their notes, writes the
 * reservation's outbox file and emails a birthday guest through MailDev; started again, with a
 * sandbox that starts empty, the reservation workflow subscribes again and keeps delivering, and
 * the birthday emails keep arriving. (n8n 2.41 does not ask a trigger whether its subscription
 * still exists when it starts: dev/demo publishes those workflows again.)
 */
const FOLDER = path.join(ROOT, '.n8n-data/e2e-demo-restart');
const PORTS = { n8n: 5678, sandbox: 4010, inbox: 1080, smtp: 1025 };
const RESERVATIONS = 'SevenRooms: new reservation → guest enrichment';
const SANDBOX = `http://127.0.0.1:${PORTS.sandbox}`;
const api = () => sandboxClient({ url: SANDBOX });
let demo: RunningScript | undefined;

/** `npm start` on the test's own data folder, a quiet sandbox of 300 guests. */
const start = async () =>
	await runNpmScript('start', { DEMO_FOLDER: FOLDER, SANDBOX_GUESTS: '300' }, Object.values(PORTS));

/** Books a reservation and waits for the demo's outbox file of it. */
async function bookAndAwaitOutbox(guestId: string, day: number) {
	const booked = await api()('POST', '/reservations', {
		venue_id: 'ven_nyc',
		party_size: 3,
		start_time: `2027-05-${String(day).padStart(2, '0')}T23:00:00Z`,
		guest_id: guestId,
	});
	expect(booked.status).toBe(201);
	// The sandbox numbers from its seed on every start: the last run's file may have this name.
	const file = path.join(FOLDER, 'outbox', `reservation-${String(booked.data.id)}.json`);
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
async function birthdayGuest(email: string) {
	const inAWeek = DateTime.now().setZone('America/New_York').plus({ days: 7 });
	const created = await api()('POST', '/guests', {
		first_name: 'Ada',
		last_name: 'Birthday',
		email,
		email_opt_in: true,
		birthday: `1990-${inAWeek.toFormat('MM-dd')}`,
	});
	expect(created.status).toBe(201);
}

const emailTo = async (address: string) =>
	(await emailsIn(`http://127.0.0.1:${PORTS.inbox}`)).find((email) =>
		email.to.some((to) => to.address === address),
	);

/** The sandbox's webhook subscriptions: the reservation workflow's one, for new reservations. */
const subscriptions = async () =>
	((await api()('GET', '/webhooks')).data as unknown as Array<{ events: string[] }>).map(
		(subscription) => subscription.events,
	);

beforeAll(() => rmSync(FOLDER, { recursive: true, force: true }));
afterAll(() => demo?.kill());

it('keeps delivering after the sandbox and n8n start again; SIGTERM and SIGINT to npm stop it all', async () => {
	demo = await start();
	expect(demo.output()).not.toContain('did not subscribe');
	expect(await subscriptions()).toEqual([['reservation.created']]);
	expect(existsSync(path.join(FOLDER, 'n8n.log'))).toBe(true);
	// The concierge's MCP URL, for the user to paste into an MCP client.
	expect(demo.output()).toMatch(
		/MCP server: +http:\/\/127\.0\.0\.1:\d+\/mcp\/sevenrooms-concierge /,
	);
	// n8n, MailDev (the sandbox runs in the demo's own process).
	expect(demo.processes.length).toBeGreaterThanOrEqual(2);

	// The guest's notes stay; the booking is appended and the tag added.
	await api()('PATCH', '/guests/gst_000010', {
		notes: 'Prefers to be greeted by name',
		tags: ['vip'],
	});
	const pos = await bookAndAwaitOutbox('gst_000010', 1);
	expect(pos).toMatchObject({ guest_id: 'gst_000010', party_size: 3 });
	const guest = (await api()('GET', '/guests/gst_000010')).data;
	expect(guest.tags).toEqual(['vip', 'upcoming-reservation']);
	expect(guest.notes).toMatch(/^Prefers to be greeted by name\nBooked for 2027-05-01T19:00/);

	await birthdayGuest('ada.first@example.com');
	const email = await until('the birthday email in MailDev', () =>
		emailTo('ada.first@example.com'),
	);
	expect(email.subject).toBe('Happy birthday, Ada!');

	// Stopped as a process manager stops it, and started again: the sandbox comes back empty of
	// subscriptions, and the reservation workflow subscribes again.
	await demo.stopWith('SIGTERM');
	demo = await start();
	expect(demo.output()).toContain(`subscribed again:  ${RESERVATIONS}`);
	expect(demo.output()).not.toContain('did not subscribe');
	expect(await subscriptions()).toEqual([['reservation.created']]);

	await birthdayGuest('ada.second@example.com');
	expect(await bookAndAwaitOutbox('gst_000011', 2)).toMatchObject({ guest_id: 'gst_000011' });
	const n8n = new N8nClient(`http://127.0.0.1:${PORTS.n8n}`);
	await n8n.signIn();
	const workflows = (
		await n8n.request<Array<{ id: string; name: string }>>('GET', '/rest/workflows')
	).data;
	const reservations = workflows.find((workflow) => workflow.name === RESERVATIONS);
	await until(
		'both reservations executed',
		async () => (await n8n.executionCount(reservations!.id)) === 2,
	);
	await until('the birthday email after the restart', () => emailTo('ada.second@example.com'));

	// Stopped as a script or an IDE's stop button stops it.
	await demo.stopWith('SIGINT');
	demo = undefined;
}, 1_800_000);
