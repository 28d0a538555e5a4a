import { NodeHelpers, injectDomainRestrictionFields } from 'n8n-workflow';
import type { ICredentialType, INodeParameters, INodeProperties } from 'n8n-workflow';
import { OAuth2Api } from 'n8n-nodes-base/dist/credentials/OAuth2Api.credentials';

import { SevenRoomsApi } from '../../credentials/SevenRoomsApi.credentials';
import { SevenRoomsOAuth2Api } from '../../credentials/SevenRoomsOAuth2Api.credentials';

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

describe('both SevenRooms credential forms', () => {
	/**
	 * The form as n8n 2.41 draws it: at load, each credential type gets n8n's Allowed HTTP Request
	 * Domains fields unless it has them; a credential that extends another is drawn from the
	 * other's fields, its own replacing those of the same name in place and the rest after.
	 */
	const types: Record<string, ICredentialType> = Object.fromEntries(
		[new OAuth2Api(), new SevenRoomsOAuth2Api(), new SevenRoomsApi()].map((type) => [
			type.name,
			{ ...type, properties: injectDomainRestrictionFields(type) },
		]),
	);
	function form(name: string): INodeProperties[] {
		const merged: INodeProperties[] = [];
		for (const parent of types[name].extends ?? [])
			NodeHelpers.mergeNodeProperties(merged, form(parent));
		NodeHelpers.mergeNodeProperties(merged, types[name].properties);
		return merged;
	}
	const shown = (name: string, data: INodeParameters) =>
		form(name)
			.filter((property) => property.type !== 'hidden')
			.filter((property) => NodeHelpers.displayParameter(data, property, null, null))
			.map((property) => property.displayName);

	it("show n8n's Allowed HTTP Request Domains in the same place, first, then where the API is", () => {
		const oauth2 = shown('sevenRoomsOAuth2Api', {
			environment: 'production',
			allowedHttpRequestDomains: 'all',
		});
		const api24 = shown('sevenRoomsApi', { region: 'us', allowedHttpRequestDomains: 'all' });
		expect(oauth2.slice(0, 3)).toEqual([
			'Allowed HTTP Request Domains',
			'Environment',
			'Client ID',
		]);
		expect(api24.slice(0, 3)).toEqual(['Allowed HTTP Request Domains', 'Region', 'Client ID']);
		expect(shown('sevenRoomsApi', { region: 'us', allowedHttpRequestDomains: 'domains' })).toEqual(
			expect.arrayContaining(['Allowed Domains']),
		);
		expect(oauth2.filter((label) => label.startsWith('Allowed'))).toHaveLength(1);
		expect(api24.filter((label) => label.startsWith('Allowed'))).toHaveLength(1);
	});
});
