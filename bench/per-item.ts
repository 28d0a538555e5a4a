/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (starts its measuring processes; Node globals; Node modules and dev packages) */
/**
 * The node's own CPU per 1,000 items (E.164 normalisation with libphonenumber-js's max metadata,
 * venue-local times, output shaping),
 * with SevenRooms answered instantly in-process, side by side with n8n's No Op node on the same
 * items as the peer (what any node costs to pass 1,000 items along).
 *
 * Each figure is the median over `--processes` fresh processes of each one's median over `--rounds`
 * rounds (after warm-up rounds): within one process the rounds agree, between processes they do not
 * (the JIT's and the collector's choices), so one process alone can be 30 % off either way. The node
 * is loaded from `dist/` as built (`npm run build`), with its bundled libphonenumber-js: the code
 * users run; `--source` loads the TypeScript instead.
 *
 *   npx ts-node --transpile-only --prefer-ts-exts bench/per-item.ts [--items 1000] [--rounds 30] [--processes 5] [--source]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	IVersionedNodeType,
} from 'n8n-workflow';
import { constructExecutionMetaData, returnJsonArray } from 'n8n-core';
import { NoOp } from 'n8n-nodes-base/dist/nodes/NoOp/NoOp.node';

import { flag, print } from './common';

const items = flag('items', 1000);
const rounds = flag('rounds', 30);
const processes = flag('processes', 5);
const WARM_UP_ROUNDS = 30;
const fromSource = process.argv.includes('--source');
const built = path.join(__dirname, '..', 'dist', 'nodes', 'SevenRooms', 'SevenRooms.node.js');

/** The action node at version 1 (its fixed fields), as built or from the TypeScript. */
async function sevenRooms(): Promise<INodeType> {
	const module = (await import(fromSource ? '../nodes/SevenRooms/SevenRooms.node' : built)) as {
		SevenRooms: new () => IVersionedNodeType;
	};
	return new module.SevenRooms().getNodeType(1);
}

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
	const date = new Date().toUTCString();
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
				// what SevenRooms answers with, and the node reads (the limit high enough not to pace)
				headers: {
					'content-type': 'application/json; charset=utf-8',
					date,
					'x-ratelimit-limit': '1000000',
					'x-ratelimit-remaining': '999999',
					'x-ratelimit-reset': '60',
				},
				body: answer(request),
			}),
		},
	} as unknown as IExecuteFunctions;
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function cpuPerThousand(node: INodeType, make: () => IExecuteFunctions): Promise<number> {
	// What loading the code left is collected first, and the collector's sweeping after it (on
	// threads of its own, counted in CPU time) falls in the warm-up rounds.
	global.gc?.();
	for (let round = 0; round < WARM_UP_ROUNDS; round++) await node.execute!.call(make());
	const samples: number[] = [];
	for (let round = 0; round < rounds; round++) {
		const ctx = make();
		const before = process.cpuUsage();
		await node.execute!.call(ctx);
		const used = process.cpuUsage(before);
		samples.push((used.user + used.system) / 1000 / (items / 1000));
	}
	return median(samples);
}

interface Figures {
	guestCreate: number;
	guestCreateFresh: number;
	reservationGet: number;
	peer: number;
}

/** One process's medians. */
async function measure(): Promise<Figures> {
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
	const guestCreate = await cpuPerThousand(await sevenRooms(), () =>
		context(guestCreateParameters, created),
	);
	const guestCreateFresh = await cpuPerThousand(await sevenRooms(), () =>
		context(guestCreateParameters, created, true),
	);
	const reservationGet = await cpuPerThousand(await sevenRooms(), () =>
		context(
			{ resource: 'reservation', operation: 'get', reservationId: { value: 'res_1' } },
			(request) => ({ data: String(request.url).includes('/venues/') ? venue : reservation }),
		),
	);
	const peer = await cpuPerThousand(new NoOp(), () => context({}, () => ({})));
	return { guestCreate, guestCreateFresh, reservationGet, peer };
}

async function main() {
	if (process.argv.includes('--child')) {
		process.stdout.write(`${JSON.stringify(await measure())}\n`);
		return;
	}
	if (!fromSource && !existsSync(built)) throw new Error('No dist/: run `npm run build` first.');
	const runs: Figures[] = [];
	for (let run = 0; run < processes; run++) {
		const registered = process.execArgv.some((arg) => arg.includes('ts-node/register'));
		const child = spawnSync(
			process.execPath,
			[
				...process.execArgv,
				'--expose-gc',
				...(registered ? [] : ['-r', 'ts-node/register/transpile-only']),
				__filename,
				...process.argv.slice(2),
				'--child',
			],
			{ encoding: 'utf8', env: { ...process.env, TS_NODE_PREFER_TS_EXTS: 'true' } },
		);
		if (child.status !== 0) throw new Error(`measuring process failed:\n${child.stderr}`);
		runs.push(JSON.parse(child.stdout.trim().split('\n').pop()!) as Figures);
	}
	const figure = (name: keyof Figures) => {
		const values = runs.map((run) => run[name]);
		return {
			median: median(values),
			shown: `${median(values).toFixed(1).padStart(5)}   (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)})`,
		};
	};
	const guestCreate = figure('guestCreate');
	const guestCreateFresh = figure('guestCreateFresh');
	const reservationGet = figure('reservationGet');
	const peer = figure('peer');
	print(
		`Per-item CPU, ms per 1,000 items: median over ${processes} processes of each one's median of ${rounds} rounds of ${items} items (range over the processes); node ${fromSource ? 'from the TypeScript source' : 'as built in dist/'}`,
	);
	print(`  Guest Create (E.164 phone, body, idempotency key, output)   ${guestCreate.shown}`);
	print(`  Guest Create, every phone new to the process               ${guestCreateFresh.shown}`);
	print(`  Reservation Get (venue time zone, local times, output)      ${reservationGet.shown}`);
	print(`  peer: n8n No Op node passing the same items                 ${peer.shown}`);
	// No Op's own cost rounds to zero: the difference is all the node's work.
	const met = (value: number) => (value - peer.median <= 10 ? 'met' : 'NOT met');
	print(
		`  goal 3: <= 10 ms per 1,000 items -> guest create ${met(guestCreate.median)}, reservation get ${met(reservationGet.median)}; with every phone new: ${met(guestCreateFresh.median)}`,
	);
}

void main();
