import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import {
	AUTO_MAP_NOTICE,
	autoMap,
	columnKey,
	mappedFields,
	readMapped,
} from '../../nodes/SevenRooms/actions/mapping';
import type { MappingTarget } from '../../nodes/SevenRooms/actions/mapping';
import { getMappingColumns } from '../../nodes/SevenRooms/methods/resourceMapping';

/** The editor's load-options context for a node with these parameters. */
function editor(parameters: Record<string, string>, type = 'n8n-nodes-sevenrooms.sevenRooms') {
	return {
		getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
		getCurrentNodeParameter: (name: string) => parameters[name],
		getNode: () => ({ type, typeVersion: 2, parameters }),
	} as unknown as ILoadOptionsFunctions;
}

describe('the mapper schema per API', () => {
	it('marks what API 2.4 needs to create a guest, and nothing on the OAuth2 API', async () => {
		const oauth2 = await getMappingColumns.call(
			editor({ authentication: 'oAuth2', resource: 'guest', operation: 'create' }),
		);
		expect(oauth2.fields.filter((field) => field.required)).toEqual([]);
		expect(oauth2.fields.map((field) => field.id)).toEqual(
			expect.arrayContaining(['anniversary', 'preferences', 'sms_opt_in']),
		);
		const api24 = await getMappingColumns.call(
			editor({ authentication: 'api24', resource: 'guest', operation: 'create' }),
		);
		expect(api24.fields.filter((field) => field.required).map((field) => field.id)).toEqual([
			'first_name',
			'last_name',
			'Email',
			'Phone',
		]);
		expect(api24.fields.map((field) => field.id)).not.toContain('preferences');
		expect(api24.fields.map((field) => field.id)).toContain('external_user_id');
	});

	it('offers Email (by default) and Phone to match on for Create or Update only, by name', async () => {
		const upsert = await getMappingColumns.call(
			editor({ authentication: 'oAuth2', resource: 'guest', operation: 'upsert' }),
		);
		// n8n's Match Guests On select shows a chosen field by its id: the id is the name.
		const matchable = upsert.fields.filter((field) => field.canBeUsedToMatch);
		expect(matchable.map((field) => [field.id, field.displayName])).toEqual([
			['Email', 'Email'],
			['Phone', 'Phone'],
		]);
		expect(upsert.fields.find((field) => field.defaultMatch)?.id).toBe('Email');
		expect(upsert.fields.some((field) => field.required)).toBe(false);
		const update = await getMappingColumns.call(
			editor({ authentication: 'oAuth2', resource: 'guest', operation: 'update' }),
		);
		expect(update.fields.some((field) => field.canBeUsedToMatch)).toBe(false);
		expect(update.fields.map((field) => field.id)).toEqual(
			expect.arrayContaining(['addTags', 'removeTags', 'appendNotes']),
		);
	});

	it('types the fields and requires party size and start time for a reservation', async () => {
		const { fields } = await getMappingColumns.call(
			editor({ authentication: 'oAuth2', resource: 'reservation', operation: 'create' }),
		);
		const type = (id: string) => fields.find((field) => field.id === id)?.type;
		expect([type('party_size'), type('start_time'), type('first_name')]).toEqual([
			'number',
			'dateTime',
			'string',
		]);
		expect(fields.filter((field) => field.required).map((field) => field.id)).toEqual([
			'party_size',
			'start_time',
		]);
	});

	it('lets the AI agent fill the text fields, described, and leaves consent and numbers to the user', async () => {
		const { fields } = await getMappingColumns.call(
			editor(
				{ authentication: 'oAuth2', resource: 'guest', operation: 'upsert' },
				'n8n-nodes-sevenrooms.sevenRoomsTool',
			),
		);
		const removed = fields.filter((field) => field.removed).map((field) => field.id);
		expect(removed).toEqual(expect.arrayContaining(['email_opt_in', 'sms_opt_in', 'preferences']));
		for (const field of fields.filter((each) => !each.removed)) {
			// Optional: the model may leave it out (the tool's schema gets a default of "").
			expect(field.defaultValue).toMatch(
				/^=\{\{ .*\$fromAI\('\w+', `[^`]{10,}`, 'string', ''\) \}\}$/,
			);
		}
		const booking = await getMappingColumns.call(
			editor(
				{ authentication: 'oAuth2', resource: 'reservation', operation: 'create' },
				'n8n-nodes-sevenrooms.sevenRoomsTool',
			),
		);
		// By mapper id: Email and Phone go by their display names there (the Match On select's chips).
		const value = (id: string) => booking.fields.find((field) => field.id === id)?.defaultValue;
		expect(value('party_size')).toMatch(/\$fromAI\('party_size', `[^`]+`, 'number'\) \}\}$/);
		expect(value('Email')).toMatch(/\$fromAI\('email', `[^`]+`, 'string', ''\) \}\}$/);
		expect(booking.fields.find((field) => field.id === 'duration_minutes')?.removed).toBe(true);
	});

	it('offers the opt-ins as Yes / No that stay empty unless chosen (no switch that sends false)', async () => {
		const { fields } = await getMappingColumns.call(
			editor({ authentication: 'oAuth2', resource: 'guest', operation: 'upsert' }),
		);
		const optIn = fields.find((field) => field.id === 'email_opt_in');
		expect(optIn).toMatchObject({ type: 'options', defaultValue: null });
		expect(optIn?.options?.map((option) => option.value)).toEqual([true, false]);
		expect(fields.filter((field) => field.type === 'boolean')).toEqual([]);
	});

	it('offers Preferences (JSON) as text, which may stay empty (no JSON editor marking it red)', async () => {
		const { fields } = await getMappingColumns.call(
			editor({ authentication: 'oAuth2', resource: 'guest', operation: 'create' }),
		);
		expect(fields.find((field) => field.displayName === 'Preferences (JSON)')).toMatchObject({
			type: 'string',
			required: false,
		});
		expect(fields.filter((field) => field.type === 'object')).toEqual([]);
	});

	it('has no fields for operations without the mapper', async () => {
		const { fields } = await getMappingColumns.call(
			editor({ authentication: 'oAuth2', resource: 'guest', operation: 'get' }),
		);
		expect(fields).toEqual([]);
	});
});

describe('Map Automatically', () => {
	const fields = mappedFields('guestUpsert', 'oAuth2');

	it.each([
		['First Name', 'first_name'],
		['first_name', 'first_name'],
		['firstName', 'first_name'],
		['FIRST-NAME', 'first_name'],
		['Surname', 'last_name'],
		['E-mail', 'email'],
		['Email Address', 'email'],
		['Mobile', 'phone'],
		['Phone Number', 'phone'],
		['Cell', 'phone'],
		['DOB', 'birthday'],
		['Date of Birth', 'birthday'],
		['Opt In', 'email_opt_in'],
		['Tags', 'tags'],
		['Zip', undefined],
	])('reads the column "%s" as %s', (column, field) => {
		const mapped = autoMap({ [column]: 'x' }, fields);
		expect(Object.keys(mapped.values)[0]).toBe(field);
		expect(mapped.ignored).toEqual(field ? [] : [column]);
	});

	it('prefers the exact name when two columns fill one field, and ignores the other', () => {
		const mapped = autoMap({ 'E-mail Address': 'a@example.com', email: 'b@example.com' }, fields);
		expect(mapped.values).toEqual({ email: 'b@example.com' });
		expect(mapped.ignored).toEqual(['E-mail Address']);
	});

	it('takes the column with a value when two equally good ones fill a field', () => {
		const mapped = autoMap({ Mobile: '', 'Cell Phone': '(415) 555-2671' }, fields);
		expect(mapped.values).toEqual({ phone: '(415) 555-2671' });
		expect(mapped.columns).toEqual({ phone: 'Cell Phone' });
	});

	it('compares names without accents, case or punctuation', () => {
		expect(columnKey('Prénom_Ñame ')).toBe('prenomname');
	});
});

describe("Map Automatically's notice", () => {
	// The spellings the notice gives as examples, e.g. "(First Name, first_name, firstName)".
	const examples = [...AUTO_MAP_NOTICE.matchAll(/\(([^)]+)\)/g)].flatMap(([, list]) =>
		list.split(', '),
	);

	it('tells the user not to rename columns, and why', () => {
		expect(AUTO_MAP_NOTICE).toMatch(/^No need to rename columns/);
		expect(AUTO_MAP_NOTICE).not.toMatch(/Edit Fields/);
		expect(examples).toEqual(
			expect.arrayContaining(['First Name', 'first_name', 'firstName', 'E-mail', 'Mobile']),
		);
	});

	it.each([
		['guestCreate', 'oAuth2'],
		['guestUpsert', 'api24'],
		['guestUpdate', 'oAuth2'],
		['reservationCreate', 'api24'],
	] as const)('gives only spellings that %s on %s reads as a field', (target, api) => {
		for (const column of examples)
			expect({
				column,
				ignored: autoMap({ [column]: 'x' }, mappedFields(target, api)).ignored,
			}).toEqual({ column, ignored: [] });
	});
});

describe('Map Each Column Manually', () => {
	/** A node version 2 run's context with these `columns` (the mapper's value) on the OAuth2 API. */
	function run(columns: IDataObject) {
		const parameters = { authentication: 'oAuth2', columns };
		return {
			getNodeParameter: (name: string, _item: number, fallback?: unknown) =>
				(parameters as IDataObject)[name] ?? fallback,
			getNode: () => ({ type: 'n8n-nodes-sevenrooms.sevenRooms', typeVersion: 2, parameters }),
			getInputData: () => [{ json: {} }],
			addExecutionHints: () => undefined,
		} as unknown as IExecuteFunctions;
	}
	const read = (columns: IDataObject, target: MappingTarget = 'guestUpsert') =>
		readMapped(run({ mappingMode: 'defineBelow', schema: [], ...columns }), 0, target);

	it('reads the fields by their mapper ids and matches on the fields chosen, in that order', () => {
		const mapped = read({
			value: { first_name: 'Ana', Email: 'ana@example.com', Phone: '+12125550188' },
			matchingColumns: ['Phone', 'Email'],
		});
		expect(mapped.values).toEqual({
			first_name: 'Ana',
			email: 'ana@example.com',
			phone: '+12125550188',
		});
		expect(mapped.matchOn).toEqual(['phone', 'email']);
	});

	it('still reads a node saved with the field ids (email, phone)', () => {
		const mapped = read({
			value: { email: 'old@example.com', phone: '+12125550188' },
			matchingColumns: ['email'],
		});
		expect(mapped.values).toEqual({ email: 'old@example.com', phone: '+12125550188' });
		expect(mapped.matchOn).toEqual(['email']);
	});

	it('leaves out a field removed from the mapper, and matches on nothing else', () => {
		const mapped = read({
			value: { Email: 'ana@example.com', Phone: '+12125550188' },
			matchingColumns: ['Email', 'Phone', 'first_name'],
			schema: [{ id: 'Phone', displayName: 'Phone', removed: true }],
		});
		expect(mapped.values).toEqual({ email: 'ana@example.com' });
		expect(mapped.matchOn).toEqual(['email']);
	});

	it('sends nothing for an empty Preferences (JSON)', () => {
		const mapped = read({ value: { first_name: 'Ana', preferences: '' } }, 'guestCreate');
		expect(mapped.values).toEqual({ first_name: 'Ana' });
	});
});
