import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

const PRODUCTION_URL = 'https://svr-api.sevenrooms.com';

// One expression for the API root so the token URL, the credential test and the nodes agree.
const API_BASE_URL = `$self["environment"] === "custom" ? String($self["baseUrl"] || "").trim().replace(/\\/+$/, "") : "${PRODUCTION_URL}"`;

export const SEVENROOMS_SCOPES = [
	'read:guests',
	'write:guests',
	'read:reservations',
	'write:reservations',
	'read:waitlist',
	'write:waitlist',
	'read:venues',
	'read:webhooks',
	'write:webhooks',
];

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
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
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
			typeOptions: { minValue: 0 },
			default: 120,
			description:
				'Client-side limit shared by every SevenRooms node using this credential in an n8n process, so big syncs pace themselves instead of hitting 429s. 0 turns it off.',
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
