import fc from 'fast-check';
import { getCountries, getExampleNumber } from 'libphonenumber-js';
import type { CountryCode } from 'libphonenumber-js';
import examples from 'libphonenumber-js/examples.mobile.json';
import { DateTime } from 'luxon';
import type { INode } from 'n8n-workflow';

import {
	birthdayDateIn,
	birthdayQueryWindow,
	birthdayTargetDates,
} from '../../nodes/SevenRooms/helpers/birthdays';
import { toE164 } from '../../nodes/SevenRooms/helpers/phone';
import { signatureOf, verifySignature } from '../../nodes/SevenRooms/helpers/signature';
import { toUtcIso, toZonedIso } from '../../nodes/SevenRooms/helpers/time';
import { inBirthdayWindow } from '../../sandbox/server';

const node = {
	id: 'n',
	name: 'SevenRooms',
	type: 'sevenRooms',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as INode;
const countries = getCountries().filter((country) =>
	getExampleNumber(country, examples),
) as CountryCode[];

describe('phone normalisation (property)', () => {
	it('sends every real number, however it is written, as the same E.164', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...countries),
				fc.constantFrom('national', 'international', 'spaced', 'dashed', 'dotted'),
				(country, style) => {
					const example = getExampleNumber(country, examples)!;
					const written =
						style === 'national'
							? example.formatNational()
							: style === 'international'
								? example.formatInternational()
								: style === 'spaced'
									? example.formatInternational().replace(/\s/g, '  ')
									: style === 'dashed'
										? example.formatInternational().replace(/\s/g, '-')
										: example.formatInternational().replace(/\s/g, '.');
					const e164 = toE164(node, written, {
						field: 'Phone',
						defaultCountry: country,
						itemIndex: 0,
					});
					expect(e164).toBe(example.number);
					expect(e164).toMatch(/^\+[1-9]\d{6,14}$/);
					// Normalising twice changes nothing.
					expect(toE164(node, e164, { field: 'Phone', defaultCountry: 'US', itemIndex: 0 })).toBe(
						e164,
					);
				},
			),
			{ numRuns: 300 },
		);
	});

	it('refuses strings that are not phone numbers, naming the field and the value', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 5 }), (text) => {
				expect(() =>
					toE164(node, `${text}x`, { field: 'Guest Phone', defaultCountry: 'US', itemIndex: 4 }),
				).toThrow(/^Guest Phone ".*" is not a valid phone number$/s);
			}),
		);
	});
});

describe('venue-local time (property)', () => {
	const zones = [
		'America/New_York',
		'Europe/London',
		'Asia/Dubai',
		'Australia/Sydney',
		'America/Los_Angeles',
	];
	it('round-trips wall-clock times that exist, across DST changes', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...zones),
				fc.date({
					min: new Date('2026-01-01T00:00:00Z'),
					max: new Date('2028-12-31T00:00:00Z'),
					noInvalidDate: true,
				}),
				(zone, date) => {
					const wall = DateTime.fromJSDate(date, { zone }).set({ second: 0, millisecond: 0 });
					const typed = wall.toFormat("yyyy-MM-dd'T'HH:mm:ss");
					const utc = toUtcIso(node, typed, { field: 'Start Time', zone, itemIndex: 0 });
					expect(utc.endsWith('Z')).toBe(true);
					const back = DateTime.fromISO(toZonedIso(utc, zone)!, { setZone: true });
					// `wall` came from a real instant, so it exists in the zone: it must come back unchanged,
					// also in the repeated hour when clocks go back.
					expect(back.toFormat("yyyy-MM-dd'T'HH:mm:ss")).toBe(typed);
				},
			),
			{ numRuns: 500 },
		);
	});

	it('refuses a time in the spring-forward gap, naming the zone, instead of booking an hour later', () => {
		const inGap = () =>
			toUtcIso(node, '2026-03-08T02:30', {
				field: 'Start Time',
				zone: 'America/New_York',
				itemIndex: 0,
			});
		expect(inGap).toThrow(
			'Start Time "2026-03-08T02:30" does not exist in America/New_York: the clocks skip that hour when daylight saving time starts',
		);
		// Either side of the gap is fine, and an explicit offset is taken as written.
		expect(
			toUtcIso(node, '2026-03-08T03:30', {
				field: 'Start Time',
				zone: 'America/New_York',
				itemIndex: 0,
			}),
		).toBe('2026-03-08T07:30:00Z');
		expect(
			toUtcIso(node, '2026-03-08T02:30-05:00', {
				field: 'Start Time',
				zone: 'America/New_York',
				itemIndex: 0,
			}),
		).toBe('2026-03-08T07:30:00Z');
	});

	it('puts a New York dinner on the right UTC instant on both sides of the DST change', () => {
		expect(
			toUtcIso(node, '2026-03-07T19:30', {
				field: 'Start Time',
				zone: 'America/New_York',
				itemIndex: 0,
			}),
		).toBe('2026-03-08T00:30:00Z');
		expect(
			toUtcIso(node, '2026-03-09T19:30', {
				field: 'Start Time',
				zone: 'America/New_York',
				itemIndex: 0,
			}),
		).toBe('2026-03-09T23:30:00Z');
		expect(
			toUtcIso(node, '2026-11-02T19:30:00+01:00', {
				field: 'Start Time',
				zone: 'America/New_York',
				itemIndex: 0,
			}),
		).toBe('2026-11-02T18:30:00Z');
	});
});

describe('birthday windows (property)', () => {
	it('always asks the API for a window holding the target day, and maps each birthday to one date', () => {
		fc.assert(
			fc.property(
				fc.date({
					min: new Date('2026-01-01T00:00:00Z'),
					max: new Date('2032-12-31T00:00:00Z'),
					noInvalidDate: true,
				}),
				fc.integer({ min: 0, max: 60 }),
				fc.integer({ min: 0, max: 9 }),
				fc.constantFrom('America/New_York', 'Asia/Dubai', 'Pacific/Auckland'),
				(now, daysAhead, lastBack, zone) => {
					const target = DateTime.fromJSDate(now)
						.setZone(zone)
						.startOf('day')
						.plus({ days: daysAhead });
					const last = target.minus({ days: lastBack }).toISODate()!;
					const dates = birthdayTargetDates(now, zone, daysAhead, last);
					expect(dates[dates.length - 1]).toBe(target.toISODate());
					expect(dates.length).toBeLessThanOrEqual(8);
					const { start, end } = birthdayQueryWindow(dates);
					for (const date of dates) {
						const birthday = `1990-${date.slice(5)}`;
						expect(inBirthdayWindow(birthday, start, end)).toBe(true);
						expect(birthdayDateIn(birthday, dates)).toBe(date);
					}
				},
			),
			{ numRuns: 500 },
		);
	});

	it('celebrates February 29 on February 28 in other years, and on the 29th in leap years', () => {
		expect(birthdayDateIn('2000-02-29', ['2027-02-28'])).toBe('2027-02-28');
		expect(birthdayDateIn('--02-29', ['2028-02-28'])).toBeUndefined();
		expect(birthdayDateIn('--02-29', ['2028-02-29'])).toBe('2028-02-29');
		expect(birthdayQueryWindow(['2027-02-27', '2027-02-28'])).toEqual({
			start: '02-27',
			end: '02-29',
		});
		expect(birthdayQueryWindow(['2026-12-30', '2026-12-31', '2027-01-01'])).toEqual({
			start: '12-30',
			end: '01-01',
		});
	});
});

describe('webhook signature (property)', () => {
	it('accepts the genuine signature and refuses any changed byte, key or time', () => {
		fc.assert(
			fc.property(
				fc.uint8Array({ minLength: 1, maxLength: 2048 }),
				fc.string({ minLength: 8, maxLength: 64 }),
				fc.nat(),
				(bytes, secret, position) => {
					const body = Buffer.from(bytes);
					const t = 1_800_000_000;
					const header = `t=${t},v1=${signatureOf(secret, t, body)}`;
					expect(verifySignature(header, body, secret, t + 10)).toBe('valid');
					const changed = Buffer.from(body);
					changed[position % changed.length] ^= 0x01;
					expect(verifySignature(header, changed, secret, t)).toBe('mismatch');
					expect(verifySignature(header, body, `${secret}x`, t)).toBe('mismatch');
					expect(verifySignature(header, body, secret, t + 301)).toBe('stale');
					expect(
						verifySignature(`t=${t + 1},v1=${signatureOf(secret, t, body)}`, body, secret, t),
					).toBe('mismatch');
				},
			),
			{ numRuns: 300 },
		);
	});
});
