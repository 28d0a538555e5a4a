/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tooling, runs in Node beside n8n, never inside it (Node globals) */
/**
 * The node's own CPU per 1,000 items (E.164 normalisation with libphonenumber-js's max metadata,
 * venue-local times, output shaping),
 * with SevenRooms answered instantly in-process, side by side with n8n's No Op node on the same
 * items as the peer (what any node costs to pass 1,000 items along).
 *
 *   npx ts-node --transpile-only --prefer-ts-exts bench/per-item.ts [--items 1000] [--rounds 30]
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';
import { constructExecutionMetaData, returnJsonArray } from 'n8n-core';
import { NoOp } from 'n8n-nodes-base/dist/nodes/NoOp/NoOp.node';

import { SevenRooms } from '../nodes/SevenRooms/SevenRooms.node';
import { flag, print } from './common';

const items = flag('items', 1000);
const rounds = flag('rounds', 30);

let phoneSerial = 0;

/**
 * US numbers for the items: `fresh` ones never used before in this process (what a sync of new
 * guests costs), otherwise the same 1,000 every round (retries, re-runs, upserts of known guests).
 */
function phoneOf(index: number, fresh: boolean): string {
	const n = fresh ? 1000 + phoneSerial++ : 1000 + index;
	return `(415) ${200 + (Math.floor(n / 10_000) % 800)}-${String(n % 10_000).padStart(4, '0')}`;
}

function context(
	parameters: IDataObject,
	answer: (request: IDataObject) => IDataObject,
	freshPhones = false,
): IExecuteFunctions {
	const node = {
		id: 'n',
		name: 'SevenRooms',
		type: 'sevenRooms',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { sevenRoomsOAuth2Api: { id: 'c', name: 'c' } },
	};
	const input: INodeExecutionData[] = Array.from({ length: items }, (_, index) => ({
		json: { index, phone: phoneOf(index, freshPhones) },
	}));
	return {
		getNode: () => node,
		getWorkflow: () => ({ id: 'w' }),
		getExecutionId: () => 'e',
		getInputData: () => input,
		continueOnFail: () => false,
		getNodeParameter: (
			name: string,
			index: number,
			fallback?: unknown,
			options?: { extractValue?: boolean },
		) => {
			let value = parameters[name] ?? fallback;
			if (name === 'phone') value = input[index].json.phone;
			if (options?.extractValue && value && typeof value === 'object')
				value = (value as IDataObject).value;
			return value;
		},
		getCredentials: async () => ({
			apiBaseUrl: 'https://in-process.example',
			rateLimitPerMinute: 0,
			clientId: 'c',
		}),
		logger: { debug() {}, info() {}, warn() {}, error() {} },
		helpers: {
			returnJsonArray,
			constructExecutionMetaData,
			httpRequestWithAuthentication: async (_type: string, request: IDataObject) => ({
				statusCode: 200,
				headers: {},
				body: answer(request),
			}),
		},
	} as unknown as IExecuteFunctions;
}

async function cpuPerThousand(node: INodeType, make: () => IExecuteFunctions): Promise<number> {
	await node.execute!.call(make()); // warm-up
	const samples: number[] = [];
	for (let round = 0; round < rounds; round++) {
		const ctx = make();
		const before = process.cpuUsage();
		await node.execute!.call(ctx);
		const used = process.cpuUsage(before);
		samples.push((used.user + used.system) / 1000 / (items / 1000));
	}
	samples.sort((a, b) => a - b);
	return samples[Math.floor(samples.length / 2)];
}

async function main() {
	const reservation = {
		id: 'res_1',
		venue_id: 'ven_nyc',
		guest_id: 'gst_1',
		party_size: 2,
		start_time: '2027-07-04T23:30:00Z',
		created_at: '2026-11-01T10:00:00Z',
		updated_at: '2026-11-01T10:00:00Z',
		cancelled_at: null,
		status: 'booked',
	};
	const venue = { id: 'ven_nyc', timezone: 'America/New_York' };
	const guestCreateParameters = {
		resource: 'guest',
		operation: 'create',
		firstName: 'Ada',
		email: 'ada@example.com',
		additionalFields: {},
		options: {},
	};
	const created = (request: IDataObject) => ({
		data: { id: 'gst_1', ...(request.body as IDataObject) },
	});
	const guestCreate = await cpuPerThousand(new SevenRooms().getNodeType(1), () =>
		context(guestCreateParameters, created),
	);
	if (process.argv.includes('--profile-guest-create')) return; // for --cpu-prof of the above
	const guestCreateFresh = await cpuPerThousand(new SevenRooms().getNodeType(1), () =>
		context(guestCreateParameters, created, true),
	);
	const reservationGet = await cpuPerThousand(new SevenRooms().getNodeType(1), () =>
		context(
			{ resource: 'reservation', operation: 'get', reservationId: { value: 'res_1' } },
			(request) => ({ data: String(request.url).includes('/venues/') ? venue : reservation }),
		),
	);
	const peer = await cpuPerThousand(new NoOp(), () => context({}, () => ({})));
	print(`Per-item CPU, median of ${rounds} rounds of ${items} items (ms per 1,000 items)`);
	print(`  Guest Create (E.164 phone, body, idempotency key, output)   ${guestCreate.toFixed(1)}`);
	print(
		`  Guest Create, every phone new to the process               ${guestCreateFresh.toFixed(1)}`,
	);
	print(
		`  Reservation Get (venue time zone, local times, output)      ${reservationGet.toFixed(1)}`,
	);
	print(`  peer: n8n No Op node passing the same items                 ${peer.toFixed(1)}`);
	// No Op's own cost rounds to zero: the difference is all the node's work.
	print(
		`  node minus peer: guest create ${(guestCreate - peer).toFixed(1)}, reservation get ${(reservationGet - peer).toFixed(1)}`,
	);
	print(
		`  goal 3: <= 10 ms per 1,000 items (guest create, reservation get) -> ${Math.max(guestCreate, reservationGet) <= 10 ? 'met' : 'NOT met'}; with every phone new: ${guestCreateFresh <= 10 ? 'met' : 'NOT met'}`,
	);
}

void main();
