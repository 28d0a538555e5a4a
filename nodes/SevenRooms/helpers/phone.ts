import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode } from 'n8n-workflow';

/**
 * The node's "Default Phone Country" option as a country code: two letters libphonenumber knows
 * (US when empty). "USA" or "UK" is an error that says what is expected.
 */
export function defaultPhoneCountry(node: INode, options: IDataObject, itemIndex: number): string {
	if (options.defaultPhoneCountry === undefined || options.defaultPhoneCountry === '') return 'US';
	const value =
		String(options.defaultPhoneCountry ?? '')
			.trim()
			.toUpperCase() || 'US';
	if (!/^[A-Z]{2}$/.test(value) || !isSupportedCountry(value)) {
		throw new NodeOperationError(
			node,
			`Default Phone Country "${String(options.defaultPhoneCountry)}" is not a two-letter ISO country code`,
			{ itemIndex, description: 'Use a two-letter code such as US, GB, FR or AE.' },
		);
	}
	return value;
}

/** What parsing one text in one default country gave: all that `toE164` needs of it. */
interface ParsedPhone {
	valid: boolean;
	number: string;
	ext?: string;
	country?: string;
}

/**
 * Parsed numbers per default country and text: the same guest's phone comes back on every retry,
 * re-run and upsert, and parsing with the full metadata is the costly part of a create (a new
 * RegExp per pattern checked, in libphonenumber-js). Bounded: past PARSED_MAX the oldest go first.
 */
const PARSED_MAX = 10_000;
const parsedPhones = new Map<CountryCode, Map<string, ParsedPhone>>();
let parsedCount = 0;

function parsePhone(text: string, country: CountryCode): ParsedPhone {
	let byText = parsedPhones.get(country);
	if (!byText) {
		byText = new Map();
		parsedPhones.set(country, byText);
	}
	const cached = byText.get(text);
	if (cached) return cached;
	const parsed = parsePhoneNumberFromString(text.replace(/^00/, '+'), country);
	const result: ParsedPhone = parsed
		? { valid: parsed.isValid(), number: parsed.number, ext: parsed.ext, country: parsed.country }
		: { valid: false, number: '' };
	if (parsedCount >= PARSED_MAX) {
		// Drop the oldest tenth of the largest country's numbers (Maps keep insertion order).
		const largest = [...parsedPhones.values()].reduce((a, b) => (b.size > a.size ? b : a));
		let drop = Math.max(1, Math.floor(largest.size / 10));
		for (const oldest of largest.keys()) {
			largest.delete(oldest);
			parsedCount--;
			if (--drop === 0) break;
		}
	}
	byText.set(text, result);
	parsedCount++;
	return result;
}

/**
 * A phone number as the API wants it (E.164), from whatever a spreadsheet holds: "(415) 555-2671"
 * with the default country, "+44 20 7946 0958", "00971 50 123 4567". The API has no field for an
 * extension, so a number with one is refused rather than silently cut.
 */
export function toE164(
	node: INode,
	value: unknown,
	{
		field,
		defaultCountry,
		itemIndex,
	}: { field: string; defaultCountry: string; itemIndex: number },
): string {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	const country = (defaultCountry || 'US').toUpperCase() as CountryCode;
	const parsed = text ? parsePhone(text, country) : undefined;
	if (parsed?.valid && !parsed.ext) return parsed.number;
	const shown =
		typeof value === 'string' || typeof value === 'number' ? `"${String(value)}"` : String(value);
	if (!parsed?.valid) {
		throw new NodeOperationError(node, `${field} ${shown} is not a valid phone number`, {
			itemIndex,
			description: `Enter the number with its country code (e.g. +44 20 7946 0958) or as a local ${country} number, or change "Default Phone Country" in the node's options.`,
		});
	}
	throw new NodeOperationError(node, `${field} ${shown} has an extension (${parsed.ext})`, {
		itemIndex,
		description:
			'SevenRooms stores phone numbers without extensions. Remove the extension, or put it in the notes.',
	});
}

/** The country of a number in E.164 form (e.g. "US" for +1 415…), when the metadata knows it. */
export function countryOfPhone(e164: string): string | undefined {
	return parsePhone(e164, 'US').country;
}
