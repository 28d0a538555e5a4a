import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { retryPolicy } from '../../nodes/SevenRooms/transport';
import { EVENT_KEY_PROPERTY } from '../../nodes/SevenRooms/webhooks/acceptedEvents';
import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { SIGNATURE_HEADER, signatureHeader } from '../../sandbox/webhookDelivery';
import {
	CREDENTIAL_ID,
	registerNodeType,
	runWorkflow,
	sevenRoomsCredentials,
	triggerHarness,
} from '../../dev/engine';
import { sandboxClient } from '../../dev/sandboxClient';

/**
 * The trigger in the situations a user meets: static data lost and the workflow re-activated,
 * redeliveries across a restart, an API that is down while deliveries arrive.
 */
const TYPE = 'n8n-nodes-sevenrooms.sevenRoomsTrigger';
const RECEIVER = 'https://n8n.example.com/webhook';
let sandbox: Sandbox;
const defaults = { ...retryPolicy };

beforeAll(async () => {
	sandbox = await startSandbox({ guests: 50, rateLimitPerMinute: 0 });
});
afterAll(async () => await sandbox.close());
afterEach(() => {
	sandbox.setFaults({ unavailableFraction: 0, rateLimitedFraction: 0, retryAfterSeconds: 1 });
	Object.assign(retryPolicy, defaults);
});

function trigger(staticData = {}) {
	return triggerHarness(
		TYPE,
		{ events: ['reservation.created'], options: {} },
		sevenRoomsCredentials(sandbox.url),
		{ webhookBaseUrl: RECEIVER, staticData },
	);
}

const subscriptionsTo = (url: string) =>
	[...sandbox.state.webhooks.values()].filter((subscription) => subscription.url === url);

/** A new n8n process: the node's module (and its memory) loads afresh. */
function restart() {
	jest.isolateModules(() => {
		const { SevenRoomsTrigger } = jest.requireActual<
			typeof import('../../nodes/SevenRooms/SevenRoomsTrigger.node')
		>('../../nodes/SevenRooms/SevenRoomsTrigger.node');
		registerNodeType(TYPE, () => new SevenRoomsTrigger());
	});
}

function signed(
	harness: ReturnType<typeof trigger>,
	body: object,
	headers = {},
	secret = String(harness.staticData().webhookSecret),
) {
	const raw = JSON.stringify(body);
	const t = Math.floor(Date.now() / 1000);
	return harness.deliver(raw, {
		[SIGNATURE_HEADER]: signatureHeader(secret, t, raw),
		...headers,
	});
}

/** A delivery as SevenRooms sends it: signed by the one subscription it has for `url`. */
function fromSevenRooms(harness: ReturnType<typeof trigger>, url: string, body: object) {
	const subscriptions = subscriptionsTo(url);
	expect(subscriptions).toHaveLength(1);
	return signed(harness, body, {}, subscriptions[0].secret);
}

/**
 * The execution an accepted delivery starts, with the static data it loads (none on a queue-mode
 * worker), in a workflow of the trigger alone.
 */
function execution(webhookItems: INodeExecutionData[], staticData?: IDataObject) {
	return runWorkflow(
		{
			nodes: [
				{
					id: 'trigger',
					name: 'Trigger',
					type: TYPE,
					typeVersion: 2,
					position: [0, 0],
					parameters: { events: ['reservation.created'], options: {} },
					credentials: { sevenRoomsOAuth2Api: { id: CREDENTIAL_ID, name: 'SevenRooms' } },
				},
			],
			connections: {},
		},
		{ credentialsHelper: sevenRoomsCredentials(sandbox.url), webhookItems, staticData },
	);
}

describe('the subscription cannot be orphaned', () => {
	it('leaves one subscription after the static data was lost and the workflow re-activated', async () => {
		const first = trigger();
		expect(await first.hook('checkExists')).toBe(false);
		await first.hook('create');
		const url = String(sandbox.state.webhooks.get(String(first.staticData().webhookId))?.url);
		// Static data lost (a workflow re-imported, a database restored): a new activation.
		const again = trigger();
		expect(await again.hook('checkExists')).toBe(false);
		await again.hook('create');
		expect(subscriptionsTo(url).map((subscription) => subscription.id)).toEqual([
			again.staticData().webhookId,
		]);
		// Deliveries now reach a subscription whose secret the trigger has.
		expect(
			(await signed(again, { id: 'evt_orphan_1', type: 'reservation.created', data: {} })).started,
		).toBe(true);

		await again.hook('delete');
		expect(subscriptionsTo(url)).toEqual([]);
	});

	it('removes strays for its URL on activation and on deactivation, and keeps its own', async () => {
		const harness = trigger();
		await harness.hook('create');
		const own = sandbox.state.webhooks.get(String(harness.staticData().webhookId));
		const api = sandboxClient(sandbox);
		const stray = await api('POST', '/webhooks', {
			url: own?.url,
			events: ['reservation.created'],
		});
		const elsewhere = await api('POST', '/webhooks', {
			url: 'https://other.example.com/hook',
			events: ['guest.updated'],
		});
		// n8n starting up asks whether the subscription exists.
		expect(await harness.hook('checkExists')).toBe(true);
		expect(subscriptionsTo(String(own?.url)).map((subscription) => subscription.id)).toEqual([
			own?.id,
		]);
		await api('POST', '/webhooks', { url: own?.url, events: ['reservation.created'] });
		await harness.hook('delete');
		expect(subscriptionsTo(String(own?.url))).toEqual([]);
		expect(sandbox.state.webhooks.has(String(elsewhere.data.id))).toBe(true);
		expect(sandbox.state.webhooks.has(String(stray.data.id))).toBe(false);
	});
});

describe('deliveries', () => {
	it('drops a replay of an event without an id even when the unsigned header changes', async () => {
		const harness = trigger();
		await harness.hook('create');
		const body = { type: 'reservation.created', venue_id: 'ven_nyc', data: { id: 'res_x' } };
		const first = await signed(harness, body, { 'X-SevenRooms-Event-Id': 'evt_header_1' });
		const replay = await signed(harness, body, { 'X-SevenRooms-Event-Id': 'evt_header_2' });
		expect([first.started, replay.started]).toEqual([true, false]);
		expect(replay.status).toBe(200);
		await harness.hook('delete');
	});

	it('starts each event once across an n8n restart (new process memory, saved static data)', async () => {
		const before = trigger();
		await before.hook('create');
		expect((await signed(before, { id: 'evt_restart', type: 'reservation.created' })).started).toBe(
			true,
		);
		// A restarted n8n: the node module loads afresh, the static data comes from the database.
		restart();
		const after = trigger(before.savedStaticData());
		const redelivery = await signed(after, { id: 'evt_restart', type: 'reservation.created' });
		expect(redelivery).toMatchObject({ status: 200, started: false });
		expect((await signed(after, { id: 'evt_new', type: 'reservation.created' })).started).toBe(
			true,
		);
		// It was the saved static data that knew: a new process's memory does not.
		restart();
		const saved = after.savedStaticData();
		delete (saved['node:Trigger'] as Record<string, unknown>).acceptedEvents;
		const forgetful = trigger(saved);
		expect(
			(await signed(forgetful, { id: 'evt_restart', type: 'reservation.created' })).started,
		).toBe(true);
		await after.hook('delete');
	});

	it('starts an id-less event once across an n8n restart: its execution stores the signed body', async () => {
		const before = trigger();
		await before.hook('create');
		const body = { type: 'reservation.created', venue_id: 'ven_nyc', data: { id: 'res_idless' } };
		// n8n 2.41 does not save what the webhook changes when it starts an execution: the execution
		// loads the static data as it was before the delivery, and stores the event.
		const loaded = before.savedStaticData();
		const accepted = await signed(before, body);
		expect(accepted.started).toBe(true);
		const run = await execution(accepted.executionItems, loaded);
		// The workflow gets the event alone.
		expect(run.outputOf('Trigger')).toEqual(accepted.items);
		expect(run.items('Trigger')[0]).not.toHaveProperty(EVENT_KEY_PROPERTY);
		expect(run.staticDataToSave()).toBeDefined();
		before.overwriteStaticData(run.staticDataToSave()!);
		restart();
		const after = trigger(before.savedStaticData());
		expect(await signed(after, body)).toMatchObject({ status: 200, started: false });
		await after.hook('delete');
	});

	it('keeps accepting deliveries when an execution from before a re-publish saves its static data', async () => {
		const harness = trigger();
		await harness.hook('create');
		const url = String(sandbox.state.webhooks.get(String(harness.staticData().webhookId))?.url);
		// A delivery starts an execution, which loads the static data as it is now (n8n 2.41 saves
		// nothing the webhook changed when it starts an execution)...
		const loaded = harness.savedStaticData();
		const accepted = await signed(harness, { id: 'evt_slow', type: 'reservation.created' });
		// ...and, while it waits on a slow node, the user re-publishes: n8n re-registers the trigger.
		await harness.hook('delete');
		expect(await harness.hook('checkExists')).toBe(false);
		await harness.hook('create');
		// The execution ends; it stored its event, so n8n saves its copy over the workflow's whole.
		const run = await execution(accepted.executionItems, loaded);
		expect(run.staticDataToSave()).toBeDefined();
		harness.overwriteStaticData(run.staticDataToSave()!);
		const next = await fromSevenRooms(harness, url, {
			id: 'evt_next',
			type: 'reservation.created',
		});
		expect(next).toMatchObject({ status: 200, started: true });
		// The next activation (n8n starting, say) finds the written-back subscription id gone and
		// leaves one subscription that the trigger can verify.
		expect(await harness.hook('checkExists')).toBe(false);
		await harness.hook('create');
		expect(
			(await fromSevenRooms(harness, url, { id: 'evt_later', type: 'reservation.created' }))
				.started,
		).toBe(true);
		await harness.hook('delete');
		expect(subscriptionsTo(url)).toEqual([]);
	});

	it('leaves the static data alone on a queue-mode worker, which gets the execution without it', async () => {
		// n8n's queue: the execution an accepted delivery started runs on a worker, from a snapshot
		// without static data, and whatever the run changes is saved over the workflow's whole.
		const started = trigger();
		await started.hook('create');
		const items = [{ json: { id: 'evt_on_worker', type: 'reservation.created' } }];
		const onWorker = await execution(items);
		expect(onWorker.outputOf('Trigger')).toEqual([
			{ id: 'evt_on_worker', type: 'reservation.created' },
		]);
		// Nothing to save: the signing secret in the database stays as it is.
		expect(onWorker.staticDataToSave()).toBeUndefined();
		// In one n8n process the execution has the real static data and stores the event there.
		const inProcess = await execution(items, started.savedStaticData());
		const saved = inProcess.staticDataToSave()?.['node:Trigger'] as Record<string, unknown>;
		expect(saved.webhookSecret).toBe(started.staticData().webhookSecret);
		expect(JSON.stringify(saved.acceptedEvents)).not.toBe('{}');
		await started.hook('delete');
	});

	it('answers at once when the API is down: local times come from activation or not at all', async () => {
		const harness = trigger();
		await harness.hook('create');
		// Zones were read at activation: a delivery needs no request at all.
		const requests = JSON.stringify(sandbox.stats.requests);
		const known = await signed(harness, {
			id: 'evt_known_zone',
			type: 'reservation.created',
			venue_id: 'ven_ldn',
			data: { start_time: '2026-07-01T18:00:00Z' },
		});
		expect(known.items[0]).toMatchObject({
			data: { start_time_local: '2026-07-01T19:00:00+01:00' },
		});
		expect(JSON.stringify(sandbox.stats.requests)).toBe(requests);

		// A venue the trigger doesn't know, while SevenRooms answers 503 "wait a minute".
		sandbox.setFaults({ unavailableFraction: 1, retryAfterSeconds: 60 });
		const started = Date.now();
		const unknown = await signed(harness, {
			id: 'evt_unknown_zone',
			type: 'reservation.created',
			venue_id: 'ven_unknown',
			data: { start_time: '2026-07-01T18:00:00Z' },
		});
		// It did not wait the minute SevenRooms asked for: the delivery is answered well before.
		expect(Date.now() - started).toBeLessThan(30_000);
		expect(unknown.started).toBe(true);
		expect(unknown.items[0]).toMatchObject({ data: { start_time: '2026-07-01T18:00:00Z' } });
		expect((unknown.items[0].data as object as Record<string, unknown>).start_time_local).toBe(
			undefined,
		);
		sandbox.setFaults({ unavailableFraction: 0 });
		await harness.hook('delete');
	});
});
