import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { SevenRooms } from '../../nodes/SevenRooms/SevenRooms.node';
import { autoMap, guestsWithEmail, hintsOf, runV2, sheetRows } from './mapper.helpers';

let sandbox: Sandbox;
beforeAll(async () => {
	// A few seeded guests only, so the rows' phones meet no one else's.
	sandbox = await startSandbox({ guests: 5, rateLimitPerMinute: 0 });
});
afterAll(async () => await sandbox.close());

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
			sandbox,
			{ resource: 'guest', operation: 'upsert', columns: autoMap(['Email']), options: {} },
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
			sandbox,
			{ resource: 'guest', operation: 'upsert', columns: autoMap(['Email']), options: {} },
			sheetRows(500, 'two'),
		);
		expect(second.error).toBeUndefined();
		expect(second.output.every((guest) => guest.upsert_action === 'updated')).toBe(true);
		for (let n = 0; n < 500; n += 37) {
			const found = guestsWithEmail(sandbox, `mapper.${n}@example.com`);
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
			sandbox,
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
			sandbox,
			{ resource: 'guest', operation: 'upsert', columns: autoMap(['Email']), options: {} },
			rows,
			{ continueOnFail: true },
		);
		expect(kept.output).toHaveLength(3);
		expect(kept.output[0]).toMatchObject({ email: 'good.1@example.com' });
		expect(kept.output[1].error).toBe('Phone (column "Mobile") "12" is not a valid phone number');
		expect(kept.output[2]).toMatchObject({ phone: '+12125550188' });

		const stopped = await runV2(
			sandbox,
			{ resource: 'guest', operation: 'upsert', columns: autoMap(['Email']), options: {} },
			rows,
		);
		expect(stopped.error?.message).toBe('Phone (column "Mobile") "12" is not a valid phone number');
		expect(stopped.error?.context?.itemIndex).toBe(1);
	});

	it('maps each column manually with expressions, typed and normalised', async () => {
		const { output, error } = await runV2(
			sandbox,
			{
				resource: 'guest',
				operation: 'create',
				columns: {
					mappingMode: 'defineBelow',
					value: {
						first_name: '={{ $json.who.split(" ")[0] }}',
						last_name: '={{ $json.who.split(" ")[1] }}',
						Email: '={{ $json.mail }}',
						Phone: '={{ $json.tel }}',
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
			sandbox,
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

	it('sends Preferences (JSON) typed as text, skips it empty, and names it when it is no JSON', async () => {
		const preferences = (...values: string[]) =>
			runV2(
				sandbox,
				{
					resource: 'guest',
					operation: 'create',
					columns: {
						mappingMode: 'defineBelow',
						value: { first_name: '={{ $json.name }}', preferences: '={{ $json.prefs }}' },
						matchingColumns: [],
						schema: [],
					},
					options: {},
				},
				values.map((prefs, n) => ({ name: `Pia${n}`, prefs })),
				{ continueOnFail: true },
			);
		const { output } = await preferences('{"seating": "booth"}', '', 'booth please');
		expect(output[0]).toMatchObject({ first_name: 'Pia0', preferences: { seating: 'booth' } });
		expect(output[1]).toMatchObject({ first_name: 'Pia1' });
		expect(output[1].preferences ?? {}).toEqual({});
		expect(output[2].error).toBe('Preferences (JSON) "booth please" is not valid JSON');
	});

	it('updates a guest with mapped changes, adding tags without replacing them', async () => {
		const created = await runV2(
			sandbox,
			{ resource: 'guest', operation: 'create', columns: autoMap(), options: {} },
			[{ 'First Name': 'Una', Email: 'una.update@example.com', Tags: 'vip' }],
		);
		const id = String(created.output[0].id);
		const { output, error } = await runV2(
			sandbox,
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
});
