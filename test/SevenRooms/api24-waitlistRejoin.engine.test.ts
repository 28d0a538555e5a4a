import type { IDataObject } from 'n8n-workflow';

import { retryPolicy } from '../../nodes/SevenRooms/transport';
import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { runWorkflow, sevenRooms24Credentials, sevenRoomsWorkflow } from '../../dev/engine';

/**
 * API 2.4's waitlist entries keep no reference, so an add whose answer was lost (or a re-run with
 * the same Idempotency Key) looks for the party on the waitlist. Before, any entry of the same
 * party matched whatever its status: a party that joined again after being removed or seated got
 * its old entry back (`idempotent_replay: true`) and was not added.
 */
let sandbox: Sandbox;
const defaults = { ...retryPolicy };
beforeAll(async () => {
	sandbox = await startSandbox({ guests: 20, rateLimitPerMinute: 0 });
});
afterAll(async () => await sandbox.close());
afterEach(() => {
	sandbox.setFaults({ loseNextAnswers: 0 });
	Object.assign(retryPolicy, defaults);
});

async function join(party: { first: string; phone: string }, options: IDataObject = {}) {
	const result = await runWorkflow(
		sevenRoomsWorkflow({
			authentication: 'api24',
			resource: 'waitlist',
			operation: 'add',
			venueTimeZone: 'America/New_York',
			venue: { __rl: true, mode: 'id', value: 'ven_nyc' },
			partySize: 3,
			guestMode: 'new',
			guestFirstName: party.first,
			guestLastName: 'Again',
			guestPhone: party.phone,
			options: { shiftPersistentId: 'ven_nyc-DINNER-1443199311.5', ...options },
		}),
		{ credentialsHelper: sevenRooms24Credentials(sandbox.url) },
	);
	expect(result.errorOf('SevenRooms')).toBeUndefined();
	return result.outputOf('SevenRooms')[0];
}

/** Staff took the entry off the waitlist (2.4 status `name`). */
function leave(entryId: string, status: string, name: string) {
	Object.assign(sandbox.state.waitlist.get(entryId) ?? {}, { status, waitlist_status: name });
}

const entriesOf = (first: string) =>
	[...sandbox.state.waitlist.values()].filter(
		(entry) => sandbox.state.guests.get(entry.guest_id)?.first_name === first,
	);

describe('API 2.4: a party that joins the waitlist again', () => {
	it('is added again after its earlier entry was removed, also under an Idempotency Key', async () => {
		const party = { first: 'Rejoin', phone: '+12125550131' };
		const first = await join(party, { idempotencyKey: 'form-1' });
		// A key the user chose: the node looks for the party before adding.
		expect(await join(party, { idempotencyKey: 'form-1' })).toMatchObject({
			id: first.id,
			idempotent_replay: true,
		});
		expect(entriesOf('Rejoin')).toHaveLength(1);
		leave(String(first.id), 'cancelled', 'Removed');
		const again = await join(party, { idempotencyKey: 'form-2' });
		expect(again.id).not.toBe(first.id);
		expect(again.idempotent_replay).toBeUndefined();
		expect(again.status_display).toBe('Joined Online');
		expect(entriesOf('Rejoin')).toHaveLength(2);
	});

	it('gets its new entry, not its earlier visit, when the answer to the add is lost', async () => {
		const party = { first: 'Returning', phone: '+12125550132' };
		const visit = await join(party);
		leave(String(visit.id), 'seated', 'Arrived');
		Object.assign(retryPolicy, { backoffBaseMs: 10, backoffMaxMs: 20 });
		sandbox.setFaults({ loseNextAnswers: 1 });
		const again = await join(party);
		const entries = entriesOf('Returning');
		expect(entries).toHaveLength(2);
		expect(again).toMatchObject({ id: entries[1].id, idempotent_replay: true });
		expect(again.id).not.toBe(visit.id);
	});
});
