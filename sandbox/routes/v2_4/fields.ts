import type { ApiRequest } from '../../pipeline';
import { ApiError } from '../../reply';
import type { Reply } from '../../reply';
import { E164, EMAIL } from '../../validation';

/**
 * Bodies and fields of the Reservations API 2.4: forms of strings, loosely spelled. A JSON body is
 * kept whole under JSON_BODY: only the routes that take a list read it (`/clients/updates`,
 * `/clients/remove_personal_data`); to every other route it is a form without fields.
 */
export type Body = Record<string, unknown>;
export const JSON_BODY = '__json__';

/** `{status, msg}`; a 400 also carries `code`, as the vendor's example does. */
export function errorReply24(error: ApiError): Reply {
	return {
		status: error.status,
		headers: { ...error.headers },
		body: {
			status: error.status,
			...(error.status === 400 ? { code: 400 } : {}),
			msg: error.message,
		},
	};
}

export const bad = (message: string) => new ApiError(400, 'bad_request', message);
export const notFound = (message: string) => new ApiError(404, 'not_found', message);

export function parseBody24(raw: string, request: ApiRequest): Body {
	if (!raw) return {};
	const type = String(request.headers['content-type'] ?? '');
	const looksJson = /^\s*[[{]/.test(raw);
	if (type.includes('json') || (!type && looksJson)) {
		try {
			return { [JSON_BODY]: JSON.parse(raw) as unknown };
		} catch {
			throw bad('Malformed JSON body');
		}
	}
	const fields: Body = {};
	for (const [key, value] of new URLSearchParams(raw)) {
		const previous = fields[key];
		fields[key] =
			previous === undefined
				? value
				: [...(Array.isArray(previous) ? previous : [previous]), value];
	}
	return fields;
}

/** The objects of a body that carries a list: a JSON array or object, or one form. */
export function objectsOf(body: Body): Body[] {
	const json = body[JSON_BODY];
	if (json === undefined) return Object.keys(body).length ? [body] : [];
	const list = Array.isArray(json) ? json : [json];
	if (list.some((item) => typeof item !== 'object' || item === null || Array.isArray(item)))
		throw bad('Each item must be an object');
	return list as Body[];
}

/** A scalar field as text: undefined when absent, null when JSON null. */
export function text(body: Body, name: string): string | null | undefined {
	const value = body[name];
	if (value === undefined || value === null) return value;
	if (Array.isArray(value)) throw bad(`${name} was given more than once`);
	if (typeof value === 'object') throw bad(`${name} must be a single value`);
	return String(value);
}

export function required(body: Body, name: string): string {
	const value = text(body, name);
	if (!value || !value.trim()) throw bad(`Missing required field: ${name}`);
	return value.trim();
}

export function integer(
	body: Body,
	name: string,
	{ min = 1, max = 10_000 } = {},
): number | undefined {
	const value = text(body, name);
	if (value === undefined || value === null || value === '') return undefined;
	const number = Number(value);
	if (!/^-?\d+$/.test(value.trim()) || number < min || number > max)
		throw bad(`${name} must be a whole number from ${min} to ${max}`);
	return number;
}

/** A boolean spelled true/false, True/False or 1/0 (the vendor's spelling is unverified). */
export function flag(body: Body, name: string, fallback: boolean): boolean {
	const value = text(body, name);
	if (value === undefined || value === null || value === '') return fallback;
	if (/^(true|1)$/i.test(value)) return true;
	if (/^(false|0)$/i.test(value)) return false;
	throw bad(`${name} must be true or false`);
}

/** A waitlist opt-in, read as a Python server would: only the string 'True' is true. */
export function pythonTrue(body: Body, name: string): boolean | undefined {
	const value = text(body, name);
	return value === undefined || value === null ? undefined : value === 'True';
}

/** A comma list, or a JSON array of them. */
export function list(body: Body, name: string): string[] | undefined {
	const value = body[name];
	if (value === undefined || value === null) return undefined;
	return (Array.isArray(value) ? value : [value])
		.flatMap((item) => String(item).split(','))
		.map((item) => item.trim())
		.filter(Boolean);
}

export function email(body: Body, name = 'email'): string | null | undefined {
	const value = text(body, name);
	if (value && !EMAIL.test(value)) throw bad(`Invalid email address: ${value}`);
	return value === '' ? null : value;
}

/** A client's phone: any spelling of digits with the country code, stored as E.164. */
export function lenientPhone(body: Body, name: string): string | null | undefined {
	const value = text(body, name);
	if (value === undefined || value === null || value === '') return value === '' ? null : value;
	const digits = value.replace(/[\s().-]/g, '');
	const e164 = digits.startsWith('+') ? digits : `+${digits}`;
	if (!E164.test(e164)) throw bad(`Invalid phone number: ${value}`);
	return e164;
}

/** A booking's phone: E.164 exactly, as the vendor documents it. */
export function strictPhone(body: Body, name: string): string | undefined {
	const value = text(body, name);
	if (value === undefined || value === null || value === '') return undefined;
	if (!E164.test(value)) throw bad(`${name} must be in E.164 format, e.g. +14155552671`);
	return value;
}

/** Assigns the defined entries only, so an absent field leaves the stored one alone. */
export function defined<T extends object>(fields: T): Partial<T> {
	return Object.fromEntries(
		Object.entries(fields).filter(([, value]) => value !== undefined),
	) as Partial<T>;
}
