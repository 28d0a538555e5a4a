/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node modules and dev packages) */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { startDemo } from '../dev/demo';
import type { Demo } from '../dev/demo';
import type { MailDevEmail } from '../dev/mailDev';
import { ROOT } from '../dev/n8n';
import { sandboxClient } from '../dev/sandboxClient';
import { until } from '../dev/until';

/**
 * The demo's *SevenRooms: thank you and review request* in real n8n 2.41 with MailDev, as `npm
 * start` runs it: two parties leave (one loved it, one did not), the Poll Trigger's After the Visit
 * finds them, the loyalty points go to the outbox at once, and after the night (sped up by the
 * workflow's Demo Speed) the guest who loved it gets the thank-you with the review link and the
 * manager an alert about the other.
 */
const FOLDER = path.join(ROOT, '.n8n-data/e2e-after-visit');
let demo: Demo | undefined;

afterAll(async () => await demo?.stop());

const to = (address: string) => (email: MailDevEmail) =>
	email.to.some((recipient) => recipient.address === address);

it('sends the review request and the manager alert through MailDev', async () => {
	demo = await startDemo({ folder: FOLDER, fresh: true, simulation: false, guests: 300 });
	const running = demo;
	expect(running.imported.workflows['after-visit']).toMatchObject({ active: true });
	const api = sandboxClient(running.sandbox);

	// After the Visit's first poll is its starting point: visits before it are not news. The next
	// poll's request (a minute on) shows the first one is done.
	const reads = () => running.sandbox.stats.requests['GET /reservations']?.['200'] ?? 0;
	const first = await until('the first poll of After the Visit', () => reads(), 120_000);
	const firstSeenAt = Date.now();
	await until(
		'the second poll of After the Visit',
		() => Date.now() - firstSeenAt > 20_000 && reads() > first,
		150_000,
	);

	const guest = running.sandbox.state.guests.get('gst_000010')!;
	await api('PATCH', '/guests/gst_000010', { email_opt_in: true });
	const visit = async (guestId: string, amount: number, rating: number) => {
		const start = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 60_000);
		const booked = await api('POST', '/reservations', {
			venue_id: 'ven_ldn',
			party_size: 2,
			start_time: start.toISOString(),
			guest_id: guestId,
		});
		expect(booked.status).toBe(201);
		const id = String(booked.data.id);
		await api('PATCH', `/reservations/${id}`, { status: 'seated' });
		await api('PATCH', `/reservations/${id}`, { status: 'completed', spend: { amount } });
		await api('PATCH', `/reservations/${id}`, { rating, feedback: 'Written on the way home' });
		return id;
	};
	const loved = await visit('gst_000010', 96.4, 5);
	const unhappy = await visit('gst_000011', 41, 1);

	// The loyalty points are written at once, before the wait.
	const pointsFile = path.join(running.outbox, `loyalty-${loved}.json`);
	const points = await until(
		'the loyalty points file',
		() => {
			try {
				return JSON.parse(readFileSync(pointsFile, 'utf8')) as Record<string, unknown>;
			} catch {
				return undefined; // not there yet, or still being written
			}
		},
		180_000,
	);
	expect(points).toMatchObject({
		reservation_id: loved,
		guest_id: 'gst_000010',
		points: 96,
		spend: { amount: 96.4, currency: 'GBP' },
	});

	const emails = async () => await running.mailDev.emails();
	const thanks = await until(
		'the thank-you email with the review link',
		async () => (await emails()).find(to(String(guest.email))),
		480_000,
	);
	expect(thanks.subject).toBe(`Thank you for dining at Harbor & Vine London, ${guest.first_name}!`);
	expect(thanks.text).toContain(
		`https://reviews.example.com/harbor-and-vine/ven_ldn?reservation=${loved}`,
	);
	const alert = await until(
		'the manager alert',
		async () => (await emails()).find(to('manager@harbor-and-vine.example')),
		240_000,
	);
	expect(alert.subject).toMatch(/^Low rating \(1\) from /);
	expect(alert.text).toContain(unhappy);
	// The unhappy guest was not asked for a review.
	const unhappyEmail = running.sandbox.state.guests.get('gst_000011')?.email;
	expect((await emails()).filter(to(String(unhappyEmail)))).toEqual([]);
}, 900_000);
