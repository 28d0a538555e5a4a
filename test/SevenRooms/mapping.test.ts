import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { autoMap, columnKey, mappedFields } from '../../nodes/SevenRooms/actions/mapping';
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
			'email',
			'phone',
		]);
		expect(api24.fields.map((field) => field.id)).not.toContain('preferences');
		expect(api24.fields.map((field) => field.id)).toContain('external_user_id');
	});

	it('offers email (by default) and phone to match on for Create or Update only', async () => {
		const upsert = await getMappingColumns.call(
			editor({ authentication: 'oAuth2', resource: 'guest', operation: 'upsert' }),
		);
		expect(
			upsert.fields.filter((field) => field.canBeUsedToMatch).map((field) => field.id),
		).toEqual(['email', 'phone']);
		expect(upsert.fields.find((field) => field.defaultMatch)?.id).toBe('email');
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
		const value = (id: string) => booking.fields.find((field) => field.id === id)?.defaultValue;
		expect(value('party_size')).toMatch(/\$fromAI\('party_size', `[^`]+`, 'number'\) \}\}$/);
		expect(value('email')).toMatch(/\$fromAI\('email', `[^`]+`, 'string', ''\) \}\}$/);
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
