import type { IDataObject } from 'n8n-workflow';

/**
 * Money and scores as the APIs send them, made plain: API 2.4 writes amounts as numbers, numeric
 * strings or `"None"`, the OAuth2 API as `{amount, currency}`. What is not a number is null, never
 * a guess (a marketer's "spent at least 100" must not count text as zero).
 */

const NUMERIC = /^-?\d+(\.\d+)?$/;
const THOUSANDS = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** A finite number from a number or a numeric string (`"1,303.09"` too); null otherwise. */
export function numberOrNull(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string') return null;
	const text = value.trim();
	if (NUMERIC.test(text)) return Number(text);
	if (THOUSANDS.test(text)) return Number(text.replace(/,/g, ''));
	return null;
}

const currencyText = (value: unknown) =>
	typeof value === 'string' && value.trim() ? value.trim().toUpperCase() : null;

/**
 * `{amount, currency}` from `{amount, currency}` or a bare amount; the currency given is used when
 * the value has none. Null when there is no amount.
 */
export function moneyOf(value: unknown, currency?: unknown): IDataObject | null {
	const object = typeof value === 'object' && value !== null && !Array.isArray(value);
	const amount = numberOrNull(object ? (value as IDataObject).amount : value);
	if (amount === null) return null;
	const own = object ? currencyText((value as IDataObject).currency) : null;
	return { amount, currency: own ?? currencyText(currency) };
}

/** A guest's score: a positive number (the scale is the API's), else null (0 is "not rated"). */
export function ratingOf(value: unknown): number | null {
	const rating = numberOrNull(value);
	return rating !== null && rating > 0 ? rating : null;
}

/** Text that says something, else null (`""` and blanks are no feedback). */
export function nonBlankText(value: unknown): string | null {
	return typeof value === 'string' && value.trim() ? value : null;
}
