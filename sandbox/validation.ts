import { ApiError } from './reply';

export const E164 = /^\+[1-9]\d{6,14}$/;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** a full date, or a month and day without a year */
export const GUEST_DATE = /^(\d{4}-\d{2}-\d{2}|--\d{2}-\d{2})$/;
export const MONTH_DAY = /^\d{2}-\d{2}$/;

/** 422 on one field: the contract's `invalid_field` unless a more precise code exists. */
export function invalid(field: string, message: string, code = 'invalid_field'): ApiError {
	return new ApiError(422, code, message, { field });
}

export function optionalString(
	body: Record<string, unknown>,
	field: string,
): string | null | undefined {
	const value = body[field];
	if (value === undefined) return undefined;
	if (value === null) return null;
	if (typeof value !== 'string') throw invalid(field, `${field} must be a string`);
	return value;
}

export function positiveInteger(
	value: unknown,
	field: string,
	{ min = 1, max = 10_000 } = {},
): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw invalid(field, `${field} must be a whole number from ${min} to ${max}`);
	}
	return value;
}

/** Only UTC with `Z` is accepted, as the contract says; answered normalised to milliseconds. */
export function utcTimestamp(value: unknown, field: string): string {
	if (typeof value !== 'string' || !/Z$/.test(value) || Number.isNaN(Date.parse(value))) {
		throw invalid(field, `${field} must be a UTC ISO 8601 timestamp ending in Z`);
	}
	return new Date(value).toISOString();
}

export function stringList(value: unknown, field: string): string[] {
	if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string'))
		throw invalid(field, `${field} must be a list of strings`);
	return value as string[];
}

/** The `field[gte]` / `field[lte]` filter of a list query, as a predicate on the field's value. */
export function rangeFilter(
	query: URLSearchParams,
	field: string,
): (value: string | null | undefined) => boolean {
	const gte = query.get(`${field}[gte]`);
	const lte = query.get(`${field}[lte]`);
	const from = gte === null ? undefined : Date.parse(gte);
	const to = lte === null ? undefined : Date.parse(lte);
	if (from !== undefined && Number.isNaN(from))
		throw invalid(`${field}[gte]`, `${field}[gte] must be an ISO 8601 timestamp`);
	if (to !== undefined && Number.isNaN(to))
		throw invalid(`${field}[lte]`, `${field}[lte] must be an ISO 8601 timestamp`);
	return (value) => {
		if (from === undefined && to === undefined) return true;
		const time = value ? Date.parse(value) : NaN;
		if (Number.isNaN(time)) return false;
		return (from === undefined || time >= from) && (to === undefined || time <= to);
	};
}
