/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tooling, runs in Node beside n8n, never inside it (Node modules and timers) */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { retryPolicy } from '../../nodes/SevenRooms/transport';
import { DEFAULT_FAULTS } from '../../sandbox/faults';
import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { runWorkflow, sevenRoomsCredentials, sevenRoomsWorkflow } from '../../dev/engine';

/**
 * What a user meets in ordinary n8n use, continued: secrets over plain http, and answers no
 * contract promises. Each failed before the transport was hardened.
 */
let sandbox: Sandbox;
const defaults = { ...retryPolicy };

beforeAll(async () => {
	sandbox = await startSandbox({ guests: 1_200, rateLimitPerMinute: 0 });
});
afterAll(async () => await sandbox.close());
afterEach(() => {
	sandbox.setFaults(DEFAULT_FAULTS);
	sandbox.setRateLimit(0);
	Object.assign(retryPolicy, defaults);
});

describe('secrets travel only over https, except to this machine', () => {
	it('refuses a plain-http base URL elsewhere before anything is sent', async () => {
		const credentialsHelper = sevenRoomsCredentials('http://sevenrooms.example.com');
		const resolved = await credentialsHelper.getDecrypted(
			{} as never,
			{ id: 'cred-sevenrooms', name: 'SevenRooms' },
			'sevenRoomsOAuth2Api',
			'internal',
		);
		// The token request (client secret) and the API calls (token) go nowhere.
		expect(resolved.accessTokenUrl).toBe(
			'https://plain-http-is-only-allowed-for-localhost.invalid/oauth/token',
		);
		const result = await runWorkflow(
			sevenRoomsWorkflow({ resource: 'venue', operation: 'getAll', returnAll: true }),
			{ credentialsHelper },
		);
		expect(result.errorOf('SevenRooms')?.message).toBe(
			"The SevenRooms credential's Base URL uses plain http",
		);
	});

	it.each(['localhost', '127.0.0.1', '[::1]'])('allows plain http to %s', async (host) => {
		const url = sandbox.url.replace('127.0.0.1', host);
		const credentialsHelper = sevenRoomsCredentials(url);
		const resolved = await credentialsHelper.getDecrypted(
			{} as never,
			{ id: 'cred-sevenrooms', name: 'SevenRooms' },
			'sevenRoomsOAuth2Api',
			'internal',
		);
		expect(resolved.apiBaseUrl).toBe(url);
	});
});

describe('errors that say what happened', () => {
	it.each([
		['server_error' as const, 'HTTP 500'],
		['html' as const, 'HTTP 502'],
	])(
		'maps a token endpoint failure during a refresh (%s) like a first-token failure',
		async (kind, code) => {
			const credentialsHelper = sevenRoomsCredentials(sandbox.url);
			const venues = sevenRoomsWorkflow({
				resource: 'venue',
				operation: 'getAll',
				returnAll: true,
			});
			expect(
				(await runWorkflow(venues, { credentialsHelper })).errorOf('SevenRooms'),
			).toBeUndefined();
			sandbox.revokeTokens();
			sandbox.setFaults({ tokenFailure: kind });
			const error = (await runWorkflow(venues, { credentialsHelper })).errorOf('SevenRooms');
			expect(error?.message).toBe(
				'SevenRooms rejected the credential: could not get an access token',
			);
			expect(error?.description).toContain(`"${code}"`);
			expect(error?.httpCode).toBe('401');
			expect(`${error?.message} ${error?.description}`).not.toMatch(/<|html|nginx/i);
		},
	);

	it('treats an HTML page answered with 200 as an error, not as data or an empty list', async () => {
		sandbox.setFaults({ htmlFraction: 1 });
		const credentialsHelper = sevenRoomsCredentials(sandbox.url);
		for (const parameters of [
			{ resource: 'guest', operation: 'getAll', returnAll: true },
			{
				resource: 'guest',
				operation: 'get',
				guestId: { __rl: true, mode: 'id', value: 'gst_000001' },
			},
		]) {
			const error = (
				await runWorkflow(sevenRoomsWorkflow(parameters), { credentialsHelper })
			).errorOf('SevenRooms');
			expect(error?.message).toBe('SevenRooms answered with something that is not JSON');
			expect(error?.description).toContain('text/html');
		}
	});

	it('gives up on an answer that keeps trickling in, instead of reading it forever', async () => {
		// A server that answers a token, then sends an API answer's headers and a space every 20 ms:
		// never idle long enough for a socket timeout, never finished.
		let apiRequests = 0;
		const timers = new Set<NodeJS.Timeout>();
		const server = http.createServer((request, response) => {
			if (request.url?.startsWith('/oauth/token')) {
				response.writeHead(200, { 'Content-Type': 'application/json' });
				response.end(
					JSON.stringify({ access_token: 'tok', token_type: 'Bearer', expires_in: 3600 }),
				);
				return;
			}
			apiRequests++;
			response.writeHead(200, { 'Content-Type': 'application/json' });
			const timer = setInterval(() => response.write(' '), 20);
			timers.add(timer);
			response.on('close', () => clearInterval(timer));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		Object.assign(retryPolicy, {
			requestTimeoutMs: 1_500,
			maxAttempts: 2,
			backoffBaseMs: 10,
			backoffMaxMs: 20,
		});
		try {
			const result = await runWorkflow(
				sevenRoomsWorkflow({ resource: 'venue', operation: 'getAll', returnAll: true }),
				{
					credentialsHelper: sevenRoomsCredentials(
						`http://127.0.0.1:${(server.address() as AddressInfo).port}`,
					),
				},
			);
			const error = result.errorOf('SevenRooms');
			expect(error?.message).toBe('Could not reach SevenRooms after 2 attempts');
			// Our deadline ends it (ETIMEDOUT); should the test's own event loop stall past the
			// client's idle timeout, the client ends it first (a reset). Either way: no hang.
			expect(error?.description).toMatch(/network error (ETIMEDOUT|ECONNRESET)/);
			expect(apiRequests).toBe(2);
		} finally {
			for (const timer of timers) clearInterval(timer);
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('names the problem with a phone extension and a country code that is not ISO', async () => {
		const result = await runWorkflow(
			sevenRoomsWorkflow(
				{
					resource: 'guest',
					operation: 'create',
					firstName: 'Eli',
					phone: '={{ $json.phone }}',
					options: { defaultPhoneCountry: '={{ $json.country }}' },
				},
				{
					rows: [
						{ phone: '+1 415 555 2671 ext. 123', country: 'US' },
						{ phone: '(415) 555-2671', country: 'USA' },
					],
					continueOnFail: true,
				},
			),
			{ credentialsHelper: sevenRoomsCredentials(sandbox.url) },
		);
		expect(result.outputOf('SevenRooms').map((item) => item.error)).toEqual([
			'Phone "+1 415 555 2671 ext. 123" has an extension (123)',
			'Default Phone Country "USA" is not a two-letter ISO country code',
		]);
	});
});
