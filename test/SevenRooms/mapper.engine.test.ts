import type { IDataObject, INode, ITaskData } from 'n8n-workflow';

import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import {
	runWorkflow,
	sevenRooms24Credentials,
	sevenRoomsCredentials,
	sevenRoomsWorkflow,
} from '../../dev/engine';
import type { RunResult, WorkflowJson } from '../../dev/engine';
import { SevenRooms } from '../../nodes/SevenRooms/SevenRooms.node';

let sandbox: Sandbox;
beforeAll(async () => {
	// A few seeded guests only, so the rows' phones meet no one else's.
	sandbox = await startSandbox({ guests: 5, rateLimitPerMinute: 0 });
});
afterAll(async () => await sandbox.close());

const autoMap = (matchingColumns: string[] = []) => ({
	mappingMode: 'autoMapInputData',
	value: null,
	matchingColumns,
	schema: [],
});

async function runV2(
	parameters: IDataObject,
	rows: IDataObject[],
	{ continueOnFail = false, api24 = false } = {},
) {
	const result = await runWorkflow(
		sevenRoomsWorkflow(api24 ? { authentication: 'api24', ...parameters } : parameters, {
			rows,
			continueOnFail,
			typeVersion: 2,
		}),
		{
			credentialsHelper: api24
				? sevenRooms24Credentials(sandbox.url)
				: sevenRoomsCredentials(sandbox.url),
		},
	);
	return { result, output: result.outputOf('SevenRooms'), error: result.errorOf('SevenRooms') };
}

const hintsOf = (result: RunResult): string[] =>
	((result.run.data.resultData.runData.SevenRooms?.[0] as ITaskData | undefined)?.hints ?? []).map(
		(hint) => hint.message,
	);

const guestsWithEmail = (email: string) =>
	[...sandbox.state.guests.values()].filter(
		(guest) => guest.email?.toLowerCase() === email.toLowerCase(),
	);

/** A guest list as sheets, CSV exports, POS and forms spell it: three spellings, one per third. */
function sheetRows(count: number, run: string): IDataObject[] {
	return Array.from({ length: count }, (_, n) => {
		const email = `mapper.${n}@example.com`;
		const local = `(646) 3${String(n % 100).padStart(2, '0')}-${1000 + n}`;
		switch (n % 3) {
			case 0: // Google Sheets, typed by hand
				return {
					'First Name': `Ana${n}`,
					'Last Name': `Sheet ${run}`,
					'E-mail': email,
					Mobile: local,
					Birthday: '1990-04-12',
					Tags: 'vip, wine-lover',
					'Opt In': 'yes',
					'Row ID': n,
				};
			case 1: // a CSV export in snake case
				return {
					first_name: `Ben${n}`,
					last_name: `Csv ${run}`,
					email: email.toUpperCase(),
					phone_number: `+1 ${local}`,
					date_of_birth: '04-12',
					email_opt_in: 'false',
				};
			default: // a form tool in camel case
				return {
					firstName: `Cy${n}`,
					lastName: `Form ${run}`,
					emailAddress: email,
					cellPhone: local,
					notes: `Row ${n}`,
				};
		}
	});
}

describe('node version 2: fields through the resource mapper', () => {
	it('defaults new nodes to version 2 and keeps version 1', () => {
		const node = new SevenRooms();
		expect(node.description.defaultVersion).toBe(2);
		expect(Object.keys(node.nodeVersions).map(Number)).toEqual([1, 2]);
		const v2 = node.getNodeType(2).description.properties;
		const v1 = node.getNodeType(1).description.properties;
		expect(v2.filter((property) => property.type === 'resourceMapper')).toHaveLength(4);
		expect(v1.filter((property) => property.type === 'resourceMapper')).toHaveLength(0);
		expect(v1.some((property) => property.name === 'firstName')).toBe(true);
	});

	it('imports 500 sheet rows in three column spellings as the right guests, and a re-run makes no duplicates', async () => {
		const first = await runV2(
			{ resource: 'guest', operation: 'upsert', columns: autoMap(['email']), options: {} },
			sheetRows(500, 'one'),
		);
		expect(first.error).toBeUndefined();
		expect(first.output).toHaveLength(500);
		expect(first.output.every((guest) => guest.upsert_action === 'created')).toBe(true);
		expect(first.output[0]).toMatchObject({
			first_name: 'Ana0',
			last_name: 'Sheet one',
			email: 'mapper.0@example.com',
			phone: '+16463001000',
			birthday: '1990-04-12',
			tags: ['vip', 'wine-lover'],
			email_opt_in: true,
		});
		expect(first.output[1]).toMatchObject({
			first_name: 'Ben1',
			email: 'MAPPER.1@EXAMPLE.COM',
			phone: '+16463011001',
			birthday: '--04-12',
			email_opt_in: false,
		});
		expect(first.output[2]).toMatchObject({
			first_name: 'Cy2',
			email: 'mapper.2@example.com',
			phone: '+16463021002',
			notes: 'Row 2',
		});
		// Only the column no field has is reported, once per run.
		expect(hintsOf(first.result)).toEqual([expect.stringContaining('"Row ID"')]);

		const second = await runV2(
			{ resource: 'guest', operation: 'upsert', columns: autoMap(['email']), options: {} },
			sheetRows(500, 'two'),
		);
		expect(second.error).toBeUndefined();
		expect(second.output.every((guest) => guest.upsert_action === 'updated')).toBe(true);
		for (let n = 0; n < 500; n += 37) {
			const found = guestsWithEmail(`mapper.${n}@example.com`);
			expect(found).toHaveLength(1);
			expect(found[0].last_name).toMatch(/ two$/);
		}
		const all = [...sandbox.state.guests.values()].filter((guest) =>
			/^mapper\.\d+@example\.com$/i.test(guest.email ?? ''),
		);
		expect(all).toHaveLength(500);
	});

	it('reports the input columns Map Automatically ignored, once per run', async () => {
		const { output, result, error } = await runV2(
			{ resource: 'guest', operation: 'create', columns: autoMap(), options: {} },
			[
				{ Name: 'Whole Name', 'First Name': 'Ida', Email: 'ida.ignored@example.com', Shoe: 42 },
				{ Name: 'Other', 'First Name': 'Ivo', email: 'ivo.ignored@example.com', Shoe: 43 },
			],
		);
		expect(error).toBeUndefined();
		expect(output).toHaveLength(2);
		const hints = hintsOf(result);
		expect(hints).toHaveLength(1);
		expect(hints[0]).toContain('"Name", "Shoe"');
		expect(hints[0]).toContain('Map Automatically ignored 2 input columns');
	});

	it('names the column of a bad phone, and Continue On Fail keeps the other rows', async () => {
		const rows = [
			{ 'First Name': 'Good', Email: 'good.1@example.com', Mobile: '(415) 555-2671' },
			{ 'First Name': 'Bad', Email: 'bad.1@example.com', Mobile: '12' },
			{ 'First Name': 'Good', Email: 'good.2@example.com', Mobile: '+1 212 555 0188' },
		];
		const kept = await runV2(
			{ resource: 'guest', operation: 'upsert', columns: autoMap(['email']), options: {} },
			rows,
			{ continueOnFail: true },
		);
		expect(kept.output).toHaveLength(3);
		expect(kept.output[0]).toMatchObject({ email: 'good.1@example.com' });
		expect(kept.output[1].error).toBe('Phone (column "Mobile") "12" is not a valid phone number');
		expect(kept.output[2]).toMatchObject({ phone: '+12125550188' });

		const stopped = await runV2(
			{ resource: 'guest', operation: 'upsert', columns: autoMap(['email']), options: {} },
			rows,
		);
		expect(stopped.error?.message).toBe('Phone (column "Mobile") "12" is not a valid phone number');
		expect(stopped.error?.context?.itemIndex).toBe(1);
	});

	it('maps each column manually with expressions, typed and normalised', async () => {
		const { output, error } = await runV2(
			{
				resource: 'guest',
				operation: 'create',
				columns: {
					mappingMode: 'defineBelow',
					value: {
						first_name: '={{ $json.who.split(" ")[0] }}',
						last_name: '={{ $json.who.split(" ")[1] }}',
						email: '={{ $json.mail }}',
						phone: '={{ $json.tel }}',
						email_opt_in: '={{ $json.ok }}',
						tags: 'regular, terrace',
						birthday: null,
					},
					matchingColumns: [],
					schema: [],
				},
				options: { defaultPhoneCountry: 'GB' },
			},
			[{ who: 'Mia Manual', mail: 'mia.manual@example.com', tel: '020 7946 0958', ok: 'yes' }],
		);
		expect(error).toBeUndefined();
		expect(output[0]).toMatchObject({
			first_name: 'Mia',
			last_name: 'Manual',
			phone: '+442079460958',
			email_opt_in: true,
			tags: ['regular', 'terrace'],
		});
		expect(output[0].birthday ?? null).toBeNull();
	});

	it('names the field of a bad manual value: a switch that is not true or false', async () => {
		const { error } = await runV2(
			{
				resource: 'guest',
				operation: 'create',
				columns: {
					mappingMode: 'defineBelow',
					value: { first_name: 'Ola', email_opt_in: 'maybe' },
					matchingColumns: [],
					schema: [],
				},
				options: {},
			},
			[{}],
		);
		expect(error?.message).toBe('Email Opt-In "maybe" is not true or false');
	});

	it('updates a guest with mapped changes, adding tags without replacing them', async () => {
		const created = await runV2(
			{ resource: 'guest', operation: 'create', columns: autoMap(), options: {} },
			[{ 'First Name': 'Una', Email: 'una.update@example.com', Tags: 'vip' }],
		);
		const id = String(created.output[0].id);
		const { output, error } = await runV2(
			{
				resource: 'guest',
				operation: 'update',
				guestId: { __rl: true, mode: 'id', value: id },
				columns: autoMap(),
				options: {},
			},
			[{ 'Loyalty Tier': 'Gold', 'Add Tags': 'regular' }],
		);
		expect(error).toBeUndefined();
		expect(output[0]).toMatchObject({ id, loyalty_tier: 'Gold', tags: ['vip', 'regular'] });
	});

	it('books a reservation from a POS-style row in the venue’s local time', async () => {
		const { output, error } = await runV2(
			{
				resource: 'reservation',
				operation: 'create',
				venue: { __rl: true, mode: 'id', value: 'ven_nyc' },
				columns: autoMap(),
				options: {},
			},
			[
				{
					Covers: '4',
					'Reservation Time': '2027-07-04T19:30',
					'Guest First Name': 'Pia',
					'Guest Last Name': 'Pos',
					Phone: '(415) 555-2671',
					Occasion: 'birthday',
				},
			],
		);
		expect(error).toBeUndefined();
		expect(output[0]).toMatchObject({
			party_size: 4,
			start_time: '2027-07-04T23:30:00.000Z',
			tags: ['birthday'],
		});
	});

	it('says which column a reservation misses', async () => {
		const { output } = await runV2(
			{
				resource: 'reservation',
				operation: 'create',
				venue: { __rl: true, mode: 'id', value: 'ven_nyc' },
				columns: autoMap(),
				options: {},
			},
			[
				{ Covers: 'two', Time: '2027-07-04T19:30', 'First Name': 'Q' },
				{ Covers: 2, 'First Name': 'R' },
			],
			{ continueOnFail: true },
		);
		expect(output[0].error).toBe('Party Size (column "Covers") "two" is not a number');
		expect(output[1].error).toBe('Start Time is empty');
	});

	it('creates or updates on API 2.4 by the chosen match column', async () => {
		const rows = [
			{
				first_name: 'Vic',
				last_name: 'Twofour',
				email: 'vic.24@example.com',
				Mobile: '(646) 555-0142',
			},
		];
		const parameters = {
			resource: 'guest',
			operation: 'upsert',
			columns: autoMap(['email']),
			options: {},
		};
		const first = await runV2(parameters, rows, { api24: true });
		expect(first.error).toBeUndefined();
		expect(first.output[0]).toMatchObject({
			upsert_action: 'created',
			email: 'vic.24@example.com',
		});
		const again = await runV2(parameters, [{ ...rows[0], last_name: 'Again' }], { api24: true });
		expect(again.output[0]).toMatchObject({
			upsert_action: 'updated',
			id: first.output[0].id,
			last_name: 'Again',
		});
	});
});

describe('node version 1 workflows keep running', () => {
	it('runs a version-1 workflow JSON as saved before version 2', async () => {
		const saved: WorkflowJson = {
			nodes: [
				{
					id: 'trigger',
					name: 'Manual Trigger',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: 'sevenrooms',
					name: 'SevenRooms',
					type: 'n8n-nodes-sevenrooms.sevenRooms',
					typeVersion: 1,
					position: [200, 0],
					parameters: {
						operation: 'upsert',
						firstName: 'Vera',
						lastName: 'Version-One',
						email: 'vera.v1@example.com',
						phone: '(415) 555-0199',
						additionalFields: { tags: 'legacy', birthday: '--07-01' },
						options: {},
					},
					credentials: { sevenRoomsOAuth2Api: { id: 'cred-sevenrooms', name: 'SevenRooms' } },
				} as INode,
			],
			connections: {
				'Manual Trigger': { main: [[{ node: 'SevenRooms', type: 'main', index: 0 }]] },
			},
		};
		const credentialsHelper = sevenRoomsCredentials(sandbox.url);
		const first = await runWorkflow(saved, { credentialsHelper });
		expect(first.errorOf('SevenRooms')).toBeUndefined();
		expect(first.outputOf('SevenRooms')[0]).toMatchObject({
			upsert_action: 'created',
			first_name: 'Vera',
			phone: '+14155550199',
			tags: ['legacy'],
			birthday: '--07-01',
		});
		const again = await runWorkflow(saved, { credentialsHelper });
		expect(again.outputOf('SevenRooms')[0]).toMatchObject({ upsert_action: 'updated' });
		expect(guestsWithEmail('vera.v1@example.com')).toHaveLength(1);
	});
});
