import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { runWorkflow, sevenRoomsCredentials, sevenRoomsWorkflow } from '../../dev/engine';

/** Updates that add to a guest or reservation keep what is there (the demo once wiped notes). */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ guests: 100, rateLimitPerMinute: 0 });
});
afterAll(async () => await sandbox.close());

const update = async (parameters: object) =>
	await runWorkflow(sevenRoomsWorkflow({ operation: 'update', ...parameters }), {
		credentialsHelper: sevenRoomsCredentials(sandbox.url),
	});

describe('Add Tags, Remove Tags and Append to Notes', () => {
	it("tag a guest and note a booking without losing the guest's notes or tags", async () => {
		const guest = sandbox.state.guests.get('gst_000005')!;
		Object.assign(guest, {
			notes: 'Prefers to be greeted by name',
			tags: ['regular', 'waitlisted'],
		});
		const result = await update({
			resource: 'guest',
			guestId: { __rl: true, mode: 'id', value: 'gst_000005' },
			updateFields: {
				addTags: 'upcoming-reservation, regular',
				removeTags: 'waitlisted',
				appendNotes: 'Booked 2026-12-06 19:30',
			},
		});
		expect(result.errorOf('SevenRooms')).toBeUndefined();
		expect(sandbox.state.guests.get('gst_000005')).toMatchObject({
			notes: 'Prefers to be greeted by name\nBooked 2026-12-06 19:30',
			tags: ['regular', 'upcoming-reservation'],
		});
	});

	it('adds tags to a reservation', async () => {
		const reservation = [...sandbox.state.reservations.values()][0];
		reservation.tags = ['anniversary'];
		await update({
			resource: 'reservation',
			reservationId: { __rl: true, mode: 'id', value: reservation.id },
			updateFields: { addTags: 'window' },
		});
		expect(sandbox.state.reservations.get(reservation.id)?.tags).toEqual(['anniversary', 'window']);
	});

	it('refuses to replace and add the same thing at once', async () => {
		const result = await update({
			resource: 'guest',
			guestId: { __rl: true, mode: 'id', value: 'gst_000006' },
			updateFields: { tags: 'vip', addTags: 'regular' },
		});
		expect(result.errorOf('SevenRooms')?.message).toBe(
			'Use either Tags or Add Tags/Remove Tags, not both',
		);
	});
});
