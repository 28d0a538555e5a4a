import type { INode } from 'n8n-workflow';

import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import {
	CREDENTIAL_ID,
	runWorkflow,
	sevenRoomsCredentials,
	sevenRoomsWorkflow,
} from '../../dev/engine';
import type { WorkflowJson } from '../../dev/engine';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ guests: 100, rateLimitPerMinute: 0 });
});
afterAll(async () => await sandbox.close());

const credentials = () => sevenRoomsCredentials(sandbox.url);
const addToWaitlist = {
	resource: 'waitlist',
	operation: 'add',
	venue: { __rl: true, mode: 'id', value: '={{ $json.venue_id }}' },
	partySize: '={{ $json.data.party_size }}',
	guestMode: 'existing',
	guestId: '={{ $json.data.guest_id }}',
	additionalFields: { notes: '=Rebook offer after {{ $json.data.id }}' },
};

/** SevenRooms Trigger (reservation.cancelled) → Add to Waitlist, as a user would wire it. */
function cancelledToWaitlist(): WorkflowJson {
	const trigger: INode = {
		id: 'trigger',
		name: 'Reservation Cancelled',
		type: 'n8n-nodes-sevenrooms.sevenRoomsTrigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId: 'redelivery-test',
		parameters: { events: ['reservation.cancelled'], options: {} },
		credentials: { sevenRoomsOAuth2Api: { id: CREDENTIAL_ID, name: 'SevenRooms sandbox' } },
	};
	const action = sevenRoomsWorkflow(addToWaitlist, { name: 'Add to Waitlist' }).nodes.find(
		(node) => node.name === 'Add to Waitlist',
	) as INode;
	return {
		nodes: [trigger, action],
		connections: {
			'Reservation Cancelled': { main: [[{ node: 'Add to Waitlist', type: 'main', index: 0 }]] },
		},
	};
}

const cancelled = (eventId: string, reservationId: string) => ({
	id: eventId,
	type: 'reservation.cancelled',
	venue_id: 'ven_ldn',
	created_at: '2027-02-01T10:00:00Z',
	data: { id: reservationId, venue_id: 'ven_ldn', guest_id: 'gst_000042', party_size: 3 },
});
const entriesFor = (reservationId: string) =>
	[...sandbox.state.waitlist.values()].filter(
		(entry) => entry.notes === `Rebook offer after ${reservationId}`,
	);

describe('One SevenRooms event that reaches n8n twice', () => {
	it('creates once, even when a redelivery gets an execution of its own (e.g. on a second webhook processor)', async () => {
		const first = await runWorkflow(cancelledToWaitlist(), {
			credentialsHelper: credentials(),
			triggerItems: [cancelled('evt_redelivered', 'res_cancel_1')],
		});
		const second = await runWorkflow(cancelledToWaitlist(), {
			credentialsHelper: credentials(),
			triggerItems: [cancelled('evt_redelivered', 'res_cancel_1')],
		});
		expect(first.errorOf('Add to Waitlist')).toBeUndefined();
		expect(second.outputOf('Add to Waitlist')[0].id).toBe(first.outputOf('Add to Waitlist')[0].id);
		expect(entriesFor('res_cancel_1')).toHaveLength(1);
	});

	it('still creates for every distinct event, and for every run started by hand', async () => {
		await runWorkflow(cancelledToWaitlist(), {
			credentialsHelper: credentials(),
			triggerItems: [cancelled('evt_one', 'res_cancel_2')],
		});
		await runWorkflow(cancelledToWaitlist(), {
			credentialsHelper: credentials(),
			triggerItems: [cancelled('evt_two', 'res_cancel_2')],
		});
		expect(entriesFor('res_cancel_2')).toHaveLength(2);

		// Without a SevenRooms Trigger, each execution is its own origin: two runs, two entries.
		const byHand = sevenRoomsWorkflow({
			...addToWaitlist,
			venue: { __rl: true, mode: 'id', value: 'ven_ldn' },
			partySize: 2,
			guestId: 'gst_000043',
			additionalFields: { notes: 'Rebook offer after res_by_hand' },
		});
		await runWorkflow(byHand, { credentialsHelper: credentials() });
		await runWorkflow(byHand, { credentialsHelper: credentials() });
		expect(entriesFor('res_by_hand')).toHaveLength(2);
	});
});
