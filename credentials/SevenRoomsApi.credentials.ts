import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IN8nHttpFullResponse,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { DOMAIN_RESTRICTION_FIELDS } from 'n8n-workflow';

import { checkedBaseUrlExpression } from '../nodes/SevenRooms/shared/baseUrl';
import { API_24_HOSTS } from '../nodes/SevenRooms/shared/contract';

// Plain http only to this machine, as in the OAuth2 credential (shared/baseUrl.ts).
const API_BASE_URL = `$self["region"] === "custom" ? ${checkedBaseUrlExpression('$self["baseUrl"]')} : ({"us": "${API_24_HOSTS.us}", "eu": "${API_24_HOSTS.eu}", "demo": "${API_24_HOSTS.demo}"}[$self["region"]] || "${API_24_HOSTS.us}")`;

/** Why `POST /auth` gave no token, as a short code that is safe to show (never the answer's text). */
function authFailure(status: number, reason: string): Error {
	const error = new Error(
		`SevenRooms API 2.4 did not issue a token (${reason}). Check the Client ID, Client Secret and region of the credential.`,
	);
	// The transport recognises token failures by this shape, as it does n8n's OAuth2 ones.
	return Object.assign(error, {
		status,
		body: { error: reason.replace(/\W+/g, '_').toLowerCase() },
	});
}

/**
 * `expires` as an ISO instant: `token_expiration_datetime` has no offset and is read as UTC (the
 * contract leaves its zone unverified); an answer without a usable one gives '' (kept until a 401).
 */
function expiryOf(value: unknown): string {
	if (typeof value !== 'string' || !value.trim()) return '';
	const text = value.trim().replace(' ', 'T');
	const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text);
	const ms = Date.parse(hasZone ? text : `${text.replace(/(\.\d{3})\d+/, '$1')}Z`);
	return Number.isNaN(ms) ? '' : new Date(ms).toISOString();
}

/**
 * SevenRooms' Reservations API 2.4: `POST /auth` with the client id and secret gives a token that
 * every call sends as `Authorization: <token>`. n8n keeps the token in the hidden expirable
 * `sessionToken` (fetched when empty, and again after a 401); the nodes also renew it shortly
 * before `sessionExpiresAt`.
 */
export class SevenRoomsApi implements ICredentialType {
	name = 'sevenRoomsApi';

	displayName = 'SevenRooms 2.4 API';

	icon: Icon = { light: 'file:../icons/sevenrooms.svg', dark: 'file:../icons/sevenrooms.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-sevenrooms/n8n-nodes-sevenrooms#credentials';

	properties: INodeProperties[] = [
		// n8n adds its Allowed HTTP Request Domains fields at the end of a credential, but an OAuth2
		// one inherits them from n8n's OAuth2 credential, ahead of its own fields: the OAuth2
		// credential shows them first and can't do otherwise, so this one does the same. (n8n adds
		// nothing when a credential has them already; n8n versions without them have none here.)
		...(DOMAIN_RESTRICTION_FIELDS ?? []),
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'US', value: 'us', description: API_24_HOSTS.us },
				{ name: 'EU', value: 'eu', description: API_24_HOSTS.eu },
				{ name: 'Demo', value: 'demo', description: API_24_HOSTS.demo },
				{ name: 'Custom Base URL', value: 'custom', description: 'A test server' },
			],
			default: 'us',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://localhost:4010/2_4',
			required: true,
			displayOptions: { show: { region: ['custom'] } },
			description: 'Root of the API 2.4, up to and including /2_4',
		},
		{
			displayName:
				'Plain http is only used for this machine (localhost, 127.0.0.1). Any other address needs https, or nothing is sent.',
			name: 'plainHttpNotice',
			type: 'notice',
			default: '',
			displayOptions: {
				show: { region: ['custom'], baseUrl: [{ _cnd: { startsWith: 'http:' } }] },
			},
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description:
				'SevenRooms issues API clients on request (there is no self-service page): ask your account manager or SevenRooms support for an API client for n8n',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Venue Group ID',
			name: 'venueGroupId',
			type: 'string',
			default: '',
			description:
				'Sent as venue_group_id on lists of venues, clients and reservations; leave empty for a venue-level client',
		},
		{
			displayName: 'Requests per Minute',
			name: 'rateLimitPerMinute',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 120,
			description:
				'Most requests per minute this client may send; SevenRooms does not publish the limit of API 2.4, and the nodes slow down on its rate-limit answers',
		},
		{
			displayName: 'API Base URL',
			name: 'apiBaseUrl',
			type: 'hidden',
			default: `={{${API_BASE_URL}}}`,
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Session Expires At',
			name: 'sessionExpiresAt',
			type: 'hidden',
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const form = new URLSearchParams({
			client_id: String(credentials.clientId ?? ''),
			client_secret: String(credentials.clientSecret ?? ''),
		});
		let response: IN8nHttpFullResponse;
		try {
			response = (await this.helpers.httpRequest({
				method: 'POST',
				url: `${String(credentials.apiBaseUrl)}/auth`,
				body: form.toString(),
				headers: {
					'Content-Type': 'application/x-www-form-urlencoded',
					Accept: 'application/json',
				},
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: 30_000,
			})) as IN8nHttpFullResponse;
		} catch {
			// The HTTP client's error carries the request, secret included: only say what happened.
			throw authFailure(0, 'no answer');
		}
		const status = response.statusCode;
		let body = response.body as IDataObject | string | undefined;
		if (typeof body === 'string') {
			try {
				body = JSON.parse(body) as IDataObject;
			} catch {
				body = undefined;
			}
		}
		const data = (typeof body === 'object' && body ? body.data : undefined) as
			| IDataObject
			| undefined;
		if (status < 200 || status >= 300) throw authFailure(status, `HTTP ${status}`);
		if (typeof data?.token !== 'string' || !data.token) throw authFailure(status, 'no token');
		return { sessionToken: data.token, sessionExpiresAt: expiryOf(data.token_expiration_datetime) };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '={{$credentials.sessionToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.apiBaseUrl}}',
			url: '/venues',
			qs: { limit: 1 },
		},
	};
}
