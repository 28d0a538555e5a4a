import { NodeHelpers } from 'n8n-workflow';
import type { INodeParameters } from 'n8n-workflow';

import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import {
	TestCredentialsHelper,
	runWorkflow,
	sevenRoomsCredentials,
	sevenRoomsWorkflow,
} from '../../dev/engine';

/** The credential form as n8n builds it from the credential and n8n's own OAuth2 credential. */
function visibleFields(data: INodeParameters): string[] {
	const properties = new TestCredentialsHelper().getCredentialsProperties('sevenRoomsOAuth2Api');
	return properties
		.filter((property) => property.type !== 'hidden')
		.filter((property) => NodeHelpers.displayParameter(data, property, null, null))
		.map((property) => property.displayName);
}

describe('the SevenRooms OAuth2 credential', () => {
	it('asks for the environment first, then the client, then the limits', () => {
		expect(visibleFields({ environment: 'production' })).toEqual([
			'Environment',
			'Client ID',
			'Client Secret',
			'Custom Scopes',
			'Requests per Minute',
		]);
		expect(
			visibleFields({ environment: 'custom', baseUrl: 'http://10.0.0.7' }).slice(0, 3),
		).toEqual([
			'Environment',
			'Base URL',
			'Plain http is only used for this machine (localhost, 127.0.0.1). Any other address needs https, or nothing is sent.',
		]);
	});

	describe('against the sandbox', () => {
		let sandbox: Sandbox;
		beforeAll(async () => {
			sandbox = await startSandbox({ guests: 20, rateLimitPerMinute: 0 });
		});
		afterAll(async () => await sandbox.close());

		it.each([
			[
				'filled in the form as it is now',
				{ apiClientId: 'sandbox-client', apiClientSecret: 'sandbox-secret' },
			],
			['saved by version 0.1', { clientId: 'sandbox-client', clientSecret: 'sandbox-secret' }],
		])('gets a token with a credential %s', async (_label, fields) => {
			const credentialsHelper = sevenRoomsCredentials(sandbox.url, {
				clientId: undefined,
				clientSecret: undefined,
				...fields,
			});
			const result = await runWorkflow(
				sevenRoomsWorkflow({ resource: 'venue', operation: 'getAll', returnAll: true }),
				{ credentialsHelper },
			);
			expect(result.errorOf('SevenRooms')).toBeUndefined();
			expect(result.outputOf('SevenRooms').length).toBeGreaterThan(0);
		});
	});
});
