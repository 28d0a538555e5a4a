/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
import { createRequire } from 'node:module';
import path from 'node:path';

import { parsePhoneNumberFromString as parseWithLengthsOnly } from 'libphonenumber-js/min';
import type { INode } from 'n8n-workflow';

import * as source from '../../nodes/SevenRooms/helpers/phone';

// The built helper, with libphonenumber-js and its metadata bundled in (run `npm run build` first).
const built = createRequire(__filename)(
	path.resolve(__dirname, '../../dist/nodes/SevenRooms/helpers/phone.js'),
) as typeof source;

const node = { name: 'SevenRooms', type: 'n8n-nodes-sevenrooms.sevenRooms' } as INode;

/** The right number of digits for the country, but not a number its numbering plan assigns. */
const WRONG_FOR_THE_PLAN: Array<[string, string]> = [
	['US', '+1 800 100 1000'], // toll-free exchanges never start with 1
	['US', '(800) 100-1000'], // the same, typed as a local number
	['DE', '+49 1000 000000'],
	['AE', '+971 59 123 4567'], // no 59 mobile range
	['JP', '+81 90 0000 0000'],
	['BR', '+55 11 01234 5678'],
];

const VALID: Array<[string, string, string]> = [
	['US', '(415) 555-2671', '+14155552671'],
	['GB', '+44 20 7946 0958', '+442079460958'],
	['GB', '07911 123456', '+447911123456'],
	['FR', '+33 6 12 34 56 78', '+33612345678'],
	['DE', '0151 23456789', '+4915123456789'],
	['AE', '00971 50 123 4567', '+971501234567'],
	['JP', '+81 3 1234 5678', '+81312345678'],
	['BR', '+55 11 91234 5678', '+5511912345678'],
	['AU', '0412 345 678', '+61412345678'],
	['IN', '+91 98765 43210', '+919876543210'],
];

describe.each([
	['source', source],
	['built and bundled', built],
])('phone numbers (%s helper): the full numbering plan, not only lengths', (_, helper) => {
	const { toE164 } = helper;
	const convert = (value: string, defaultCountry: string) =>
		toE164(node, value, { field: 'Phone', defaultCountry, itemIndex: 0 });

	it.each(WRONG_FOR_THE_PLAN)(
		'%s %s: right length, not in the plan, rejected',
		(country, number) => {
			// Length-only metadata (libphonenumber's "min") would take it: the test needs the full plan.
			expect(parseWithLengthsOnly(number.replace(/^00/, '+'), country as 'US')?.isValid()).toBe(
				true,
			);
			expect(() => convert(number, country)).toThrow(/is not a valid phone number/);
		},
	);

	it.each(VALID)('%s %s is accepted as %s', (country, number, e164) => {
		expect(convert(number, country)).toBe(e164);
	});

	// API 2.4's waitlist wants the phone's country beside the number: the plan's, not the prefix's.
	it.each([
		['+14155552671', 'US'],
		['+442079460958', 'GB'],
		['+447911123456', 'GG'], // a Guernsey mobile range inside +44 7
		['+33612345678', 'FR'],
		['+5511912345678', 'BR'],
		['+16135550123', 'CA'],
	])('%s is a number of %s', (e164, country) => {
		expect(helper.countryOfPhone(e164)).toBe(country);
	});
});
