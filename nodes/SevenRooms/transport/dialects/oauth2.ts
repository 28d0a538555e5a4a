import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';

import { CREDENTIAL_TYPE, MAX_PAGE_SIZE } from '../../shared/contract';
import { errorEntries } from '../errors';
import type { Dialect } from '../types';

/** The next page's cursor, or undefined on the last page (`next_cursor: null`). */
function nextCursorOf(body: IDataObject | undefined): string | undefined {
	const next = (body?.pagination as IDataObject | undefined)?.next_cursor;
	if (typeof next === 'number' && Number.isFinite(next)) return String(next);
	return typeof next === 'string' && next !== '' ? next : undefined;
}

/**
 * The OAuth2 API of ../shared/sevenrooms-api.md: n8n's OAuth2 client-credentials token (stored
 * and refreshed by n8n), JSON bodies, `{"data": …}` answers, `pagination.next_cursor` and an
 * `errors` array.
 */
export const oauth2: Dialect = {
	authentication: 'oAuth2',
	credentialType: CREDENTIAL_TYPE,
	maxPageSize: MAX_PAGE_SIZE,
	idempotencyHeader: true,
	baseUrlOf: (credentials) => credentials.apiBaseUrl,
	listQuery: () => ({}),
	encodeBody(request, body) {
		request.body = body as IDataObject;
	},
	async send(context, request) {
		return (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			request,
		)) as IN8nHttpFullResponse;
	},
	async reauthenticate(context) {
		await context.helpers.refreshOAuth2Token.call(context, CREDENTIAL_TYPE);
	},
	errorEntries,
	objectOf(body) {
		const data = body?.data;
		if (Array.isArray(data) || Array.isArray(body) || (body && 'pagination' in body)) return 'list';
		return data && typeof data === 'object' ? (data as IDataObject) : undefined;
	},
	pageOf(body) {
		if (Array.isArray(body)) return { items: body as IDataObject[] };
		const items = Array.isArray(body?.data) ? (body.data as IDataObject[]) : [];
		return { items, cursor: nextCursorOf(body) };
	},
	statusHints: {},
};
