import fc from 'fast-check';
import { getCountries, getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';
import type { INode } from 'n8n-workflow';

import { toE164 } from '../../nodes/SevenRooms/helpers/phone';
import { luxonZonedIso, toZonedIso } from '../../nodes/SevenRooms/helpers/time';

/**
 * The per-item caches (parsed phones, zone offsets per hour) must not change a single output: each
 * cached path is held against the uncached library call it replaces, cold and warm.
 */
const node = {
	id: 'n',
	name: 'SevenRooms',
	type: 'sevenRooms',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as INode;

/** What toE164 did before its cache: the library's answer, or the error's message. */
function uncachedE164(text: string, country: string): string {
	const trimmed = text.trim();
	const parsed = trimmed
		? parsePhoneNumberFromString(trimmed.replace(/^00/, '+'), country as CountryCode)
		: undefined;
	if (!parsed?.isValid()) return `Phone "${text}" is not a valid phone number`;
	if (parsed.ext) return `Phone "${text}" has an extension (${parsed.ext})`;
	return parsed.number;
}

function cachedE164(text: string, country: string): string {
	try {
		return toE164(node, text, { field: 'Phone', defaultCountry: country, itemIndex: 0 });
	} catch (error) {
		return (error as Error).message;
	}
}

describe('parsed-phone cache', () => {
	const countries = getCountries().filter((country) =>
		getExampleNumber(country, examples),
	) as CountryCode[];

	it('gives what libphonenumber-js (max metadata) gives, the first time and every time after', () => {
		const texts = countries.flatMap((country) => {
			const example = getExampleNumber(country, examples)!;
			return [
				example.formatNational(),
				example.formatInternational(),
				example.number,
				`00${example.number.slice(1)}`,
				`${example.formatNational()} ext. 12`,
				example.nationalNumber.slice(0, -2),
			];
		});
		for (const defaultCountry of ['US', 'GB', 'FR', 'AE', 'DE']) {
			for (const text of texts) {
				const expected = uncachedE164(text, defaultCountry);
				expect(cachedE164(text, defaultCountry)).toBe(expected);
				expect(cachedE164(text, defaultCountry)).toBe(expected);
			}
		}
	});

	it('holds for arbitrary digit strings and separators (property)', () => {
		fc.assert(
			fc.property(
				fc.stringMatching(/^[+0-9 ()\-.x]{0,20}$/),
				fc.constantFrom('US', 'GB', 'CA', 'AU', 'IN'),
				(text, country) => {
					const expected = uncachedE164(text, country);
					return cachedE164(text, country) === expected && cachedE164(text, country) === expected;
				},
			),
			{ numRuns: 3000 },
		);
	});

	it('stays bounded and correct past its size', () => {
		for (let n = 0; n < 10_500; n++) {
			const text = `(415) ${200 + (n % 800)}-${String(n % 10_000).padStart(4, '0')}`;
			expect(cachedE164(text, 'US')).toBe(uncachedE164(text, 'US'));
		}
		expect(cachedE164('(415) 555-2671', 'US')).toBe('+14155552671');
	});
});

describe('zone-offset cache', () => {
	const zones = [
		...Intl.supportedValuesOf('timeZone'),
		'UTC',
		'Etc/UTC',
		'GMT',
		'utc',
		'Europe/Kyiv',
		'Australia/Lord_Howe',
		'Asia/Kathmandu',
		'America/St_Johns',
		'Pacific/Chatham',
		'Mars/Olympus',
		'',
	];

	function agree(millis: number, zone: string) {
		const utc = new Date(millis).toISOString();
		const expected = luxonZonedIso(Date.parse(utc), zone);
		expect(toZonedIso(utc, zone)).toBe(expected);
		expect(toZonedIso(utc, zone)).toBe(expected);
	}

	it("writes what luxon writes, in every zone, around this year's and next year's transitions", () => {
		const start = Date.UTC(2026, 0, 1);
		// every 18 days, 5 hours and 17 minutes for two years: every season of every zone, on and off the hour
		for (const zone of zones) {
			for (let millis = start; millis < start + 2 * 365 * 86_400_000; millis += 1_574_220_000) {
				agree(millis, zone);
			}
		}
	});

	it('writes what luxon writes minute by minute through transition hours', () => {
		const transitions = [
			['America/New_York', Date.UTC(2026, 2, 8, 6)],
			['America/New_York', Date.UTC(2026, 10, 1, 5)],
			['Europe/London', Date.UTC(2026, 2, 29, 0)],
			['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 14)],
			['Asia/Kathmandu', Date.UTC(1986, 0, 1, 0)],
			['Pacific/Apia', Date.UTC(2011, 11, 30, 9)],
		] as const;
		for (const [zone, hour] of transitions) {
			for (let millis = hour - 3_600_000; millis < hour + 7_200_000; millis += 60_000) {
				agree(millis, zone);
				agree(millis + 999, zone);
			}
		}
	});

	it('writes what luxon writes for any instant, historic offsets and milliseconds included (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: Date.UTC(1800, 0, 1), max: Date.UTC(2200, 0, 1) }),
				fc.constantFrom(...zones),
				(millis, zone) => {
					const utc = new Date(millis).toISOString();
					const expected = luxonZonedIso(Date.parse(utc), zone);
					return toZonedIso(utc, zone) === expected && toZonedIso(utc, zone) === expected;
				},
			),
			{ numRuns: 20_000 },
		);
	});

	it('leaves non-instants alone', () => {
		for (const value of [undefined, null, '', 'soon', 12, '2026-13-45T00:00:00Z'])
			expect(toZonedIso(value, 'America/New_York')).toBeUndefined();
	});
});
