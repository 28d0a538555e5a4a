import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { checkedBaseUrlExpression } from '../nodes/SevenRooms/shared/baseUrl';
import { SEVENROOMS_SCOPES } from '../nodes/SevenRooms/shared/contract';

const PRODUCTION_URL = 'https://svr-api.sevenrooms.com';

// Plain http only to this machine (shared/baseUrl.ts): anywhere else the URL becomes an address
// that can't resolve and says why, so the client secret and the token are never sent in clear.
// One expression for the API root so the token URL, the credential test and the nodes agree.
const API_BASE_URL = `$self["environment"] === "custom" ? ${checkedBaseUrlExpression('$self["baseUrl"]')} : "${PRODUCTION_URL}"`;

/**
 * OAuth2 client credentials on top of n8n's own `oAuth2Api`, so n8n stores the token, fetches a
 * new one on a 401 and serialises refreshes across processes (queue mode) - no "Connect" click.
 */
export class SevenRoomsOAuth2Api implements ICredentialType {
	name = 'sevenRoomsOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'SevenRooms OAuth2 API';

	icon: Icon = { light: 'file:../icons/sevenrooms.svg', dark: 'file:../icons/sevenrooms.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-sevenrooms/n8n-nodes-sevenrooms#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: PRODUCTION_URL },
				{
					name: 'Custom Base URL',
					value: 'custom',
					description: 'EU, demo, SevenRooms sandbox or the local sandbox',
				},
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://localhost:4010',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
			description: 'Root of the SevenRooms API, without a trailing path',
		},
		{
			displayName:
				'Plain http is only used for this machine (localhost, 127.0.0.1). Any other address needs https, or nothing is sent.',
			name: 'plainHttpNotice',
			type: 'notice',
			default: '',
			displayOptions: {
				show: { environment: ['custom'], baseUrl: [{ _cnd: { startsWith: 'http:' } }] },
			},
		},
		{
			// n8n's OAuth2 credential puts Client ID and Secret first; these fields come after the
			// environment, and the inherited ones below read them (credentials saved with the
			// inherited fields filled in keep working).
			displayName: 'Client ID',
			name: 'apiClientId',
			type: 'string',
			default: '',
			required: true,
			description:
				'SevenRooms issues API clients on request (there is no self-service page): ask your account manager or SevenRooms support for an API client for n8n',
		},
		{
			displayName: 'Client Secret',
			name: 'apiClientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Custom Scopes',
			name: 'customScopes',
			type: 'boolean',
			default: false,
			description:
				'Whether to request fewer scopes than all read and write scopes (e.g. a read-only audience sync)',
		},
		{
			displayName: 'Enabled Scopes',
			name: 'enabledScopes',
			type: 'string',
			displayOptions: { show: { customScopes: [true] } },
			default: SEVENROOMS_SCOPES.join(' '),
			description: 'Space-separated scopes, e.g. <code>read:guests read:venues</code>',
		},
		{
			displayName: 'Requests per Minute',
			name: 'rateLimitPerMinute',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 120,
			description:
				"Most requests per minute this client may send; the nodes also follow SevenRooms' own rate-limit answers, so a setting above your real limit only costs a few retries",
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'hidden',
			default: '={{$self["apiClientId"]}}',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'hidden',
			typeOptions: { password: true },
			default: '={{$self["apiClientSecret"]}}',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'clientCredentials',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{${API_BASE_URL}}}/oauth/token`,
		},
		{
			displayName: 'API Base URL',
			name: 'apiBaseUrl',
			type: 'hidden',
			default: `={{${API_BASE_URL}}}`,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: `={{$self["customScopes"] ? String($self["enabledScopes"] || "").trim().split(/\\s+/).join(" ") : "${SEVENROOMS_SCOPES.join(' ')}"}}`,
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// The contract's token request has no extra body fields: not a choice for users.
			displayName: 'Send Additional Body Properties',
			name: 'sendAdditionalBodyProperties',
			type: 'hidden',
			default: false,
		},
		{
			displayName: 'Additional Body Properties',
			name: 'additionalBodyProperties',
			type: 'hidden',
			default: '',
		},
		{
			// The contract's token endpoint takes client_id/client_secret in the form body.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{$credentials.apiBaseUrl}}`,
			url: '/venues',
			qs: { limit: 1 },
		},
	};
}
