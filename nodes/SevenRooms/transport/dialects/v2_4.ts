import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';

import { CREDENTIAL_TYPE_24 } from '../../shared/contract';
import { errorEntries } from '../errors';
import type { SevenRoomsApiErrorEntry } from '../errors';
import { serverNow } from '../serverClock';
import type { Dialect } from '../types';

/** A token this close to `token_expiration_datetime` is renewed before it is used. */
export const TOKEN_RENEWAL_MARGIN_MS = 5 * 60_000;

/**
 * A form value: booleans as `True`/`False` (the spelling the waitlist's opt-ins are confirmed to
 * take; a server that reads `true` case-insensitively takes it too), lists comma-separated.
 */
function formValue(value: unknown): string {
	if (typeof value === 'boolean') return value ? 'True' : 'False';
	if (Array.isArray(value)) return value.map(formValue).join(',');
	return value === null ? '' : String(value);
}

function cursorOf(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `{status, msg, code?}` as entries; an `errors` array (a proxy speaking the other API) too. */
function errorEntries24(body: unknown): SevenRoomsApiErrorEntry[] {
	const entries = errorEntries(body);
	if (entries.length) return entries;
	const { msg, code, status } = (body ?? {}) as { msg?: unknown; code?: unknown; status?: unknown };
	if (typeof msg !== 'string' || !msg.trim()) return [];
	return [{ code: String(code ?? status ?? 'error'), message: msg.trim().slice(0, 500) }];
}

/**
 * SevenRooms' Reservations API 2.4 (../shared/sevenrooms-api-2_4.md): a token from `POST /auth`
 * (the credential's `preAuthentication`, stored by n8n), form bodies, `{status, data}` answers,
 * `data.cursor` that ends a list in several ways, `{status, msg}` errors.
 */
export const v2_4: Dialect = {
	authentication: 'api24',
	credentialType: CREDENTIAL_TYPE_24,
	maxPageSize: 400,
	idempotencyHeader: false,
	baseUrlOf: (credentials) => credentials.apiBaseUrl,
	listQuery(credentials) {
		const group = String(credentials.venueGroupId ?? '').trim();
		return group ? { venue_group_id: group } : {};
	},
	encodeBody(request, body, encoding) {
		if (encoding === 'json') {
			request.body = body;
			return;
		}
		const form = new URLSearchParams();
		for (const [key, value] of Object.entries(body as IDataObject)) {
			if (value !== undefined) form.append(key, formValue(value));
		}
		request.body = form.toString();
		request.headers = { ...request.headers, 'Content-Type': 'application/x-www-form-urlencoded' };
	},
	/**
	 * n8n runs the credential's `preAuthentication` when the stored token is empty and saves what
	 * it returns; handing it the credential with the token emptied is how a renewal (after a 401,
	 * or near `sessionExpiresAt` on the API's clock) goes through n8n's own path.
	 */
	async send(context, request, auth) {
		const data = { ...(await context.getCredentials(CREDENTIAL_TYPE_24)) };
		const expiresAt = Date.parse(String(data.sessionExpiresAt ?? ''));
		const now = serverNow(auth.clientKey) ?? Date.now();
		if (auth.renew || (!Number.isNaN(expiresAt) && expiresAt - TOKEN_RENEWAL_MARGIN_MS <= now)) {
			data.sessionToken = '';
		}
		auth.renew = false;
		const stored = context.getNode().credentials?.[CREDENTIAL_TYPE_24];
		return (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE_24,
			request,
			{
				credentialsDecrypted: {
					id: stored?.id ?? '',
					name: stored?.name ?? '',
					type: CREDENTIAL_TYPE_24,
					data,
				},
			},
		)) as IN8nHttpFullResponse;
	},
	async reauthenticate(_context, auth) {
		auth.renew = true;
	},
	errorEntries: errorEntries24,
	objectOf(body) {
		const data = body?.data;
		if (Array.isArray(data) || Array.isArray(body)) return 'list';
		if (!data || typeof data !== 'object') return undefined;
		const object = data as IDataObject;
		if (Array.isArray(object.results) || Array.isArray(object.waitlist_entries)) return 'list';
		// The waitlist wraps its entry one level deeper.
		const entry = object.waitlist_entry;
		if (entry && typeof entry === 'object' && !Array.isArray(entry)) return entry as IDataObject;
		return object;
	},
	pageOf(body, listKey = 'results') {
		const data = (body?.data ?? body) as IDataObject | IDataObject[] | undefined;
		if (Array.isArray(data)) return { items: data };
		const list = [listKey, 'results', 'waitlist_entries']
			.map((key) => data?.[key])
			.find(Array.isArray) as IDataObject[] | undefined;
		const items = (list ?? []).filter((item) => typeof item === 'object' && item !== null);
		// An empty page ends the list whatever its cursor says (some routes repeat the last one).
		return { items, cursor: items.length ? cursorOf(data?.cursor) : undefined };
	},
	statusHints: {
		403: "The credential's access level (venue or venue group) does not allow this operation",
	},
};
