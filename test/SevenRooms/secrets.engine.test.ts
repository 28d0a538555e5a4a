/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node modules and dev packages) */
import { createRequire } from 'node:module';

import type { IDataObject } from 'n8n-workflow';

import { retryPolicy } from '../../nodes/SevenRooms/transport';
import { SANDBOX_CLIENT_SECRET, startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { SIGNATURE_HEADER, signatureHeader } from '../../sandbox/webhookDelivery';
import {
	CREDENTIAL_ID,
	runWorkflow,
	sevenRoomsCredentials,
	sevenRoomsWorkflow,
	triggerHarness,
} from '../../dev/engine';

const defaults = { ...retryPolicy };

// n8n-core resolves its own (nested) copies of the DI container and Logger: use those.
const coreRequire = createRequire(require.resolve('n8n-core'));
const { Container } = coreRequire('@n8n/di') as {
	Container: { set(type: unknown, value: unknown): void; reset(): void };
};
const { Logger } = coreRequire('@n8n/backend-common') as { Logger: unknown };

describe('secrets stay out of errors, outputs and logs', () => {
	let sandbox: Sandbox;
	const logged: unknown[][] = [];
	beforeAll(async () => {
		sandbox = await startSandbox({
			guests: 200,
			rateLimitPerMinute: 0,
			clients: [
				{ clientId: 'sandbox-client', clientSecret: SANDBOX_CLIENT_SECRET },
				{
					clientId: 'read-only-client',
					clientSecret: SANDBOX_CLIENT_SECRET,
					scopes: ['read:guests', 'read:venues'],
				},
			],
		});
		Object.assign(retryPolicy, {
			backoffBaseMs: 1,
			backoffMaxMs: 2,
			unavailableMinMs: 1,
			unavailableMaxMs: 2,
			rateLimitedFallbackMs: 1,
			rateLimitedMinMs: 1,
			maxAttempts: 2,
		});
		// Every log line n8n's logger receives from the nodes, whatever the level.
		const capture: object = new Proxy(
			{},
			{
				get: (_target, property) =>
					property === 'scoped'
						? () => capture
						: (...args: unknown[]) => {
								logged.push([property, ...args]);
							},
			},
		);
		Container.set(Logger, capture);
	});
	afterAll(async () => {
		Object.assign(retryPolicy, defaults);
		Container.reset();
		await sandbox.close();
	});

	it('never shows the client secret, the access token or the webhook secret on any failure path', async () => {
		const credentials = sevenRoomsCredentials(sandbox.url);
		const shown: unknown[] = [];
		const run = async (parameters: IDataObject, helper = credentials, rows?: IDataObject[]) => {
			const result = await runWorkflow(
				sevenRoomsWorkflow(parameters, { continueOnFail: true, rows }),
				{ credentialsHelper: helper },
			);
			const error = result.errorOf('SevenRooms');
			shown.push(
				result.outputOf('SevenRooms'),
				error?.message,
				error?.description,
				JSON.stringify(error ?? null),
			);
			return result;
		};

		// A successful call first, so there is a token to leak.
		await run({ resource: 'venue', operation: 'getAll', returnAll: true });
		const token = String(
			(credentials.store.get(CREDENTIAL_ID)?.oauthTokenData as { access_token: string })
				.access_token,
		);
		expect(token.length).toBeGreaterThan(20);

		await run({
			resource: 'guest',
			operation: 'get',
			guestId: { __rl: true, mode: 'id', value: 'gst_missing' },
		}); // 404
		await run({
			resource: 'guest',
			operation: 'create',
			firstName: 'Dup',
			email: sandbox.state.guests.get('gst_000001')?.email,
		}); // 409
		await run({
			resource: 'reservation',
			operation: 'create',
			venue: { __rl: true, mode: 'id', value: 'ven_nyc' },
			partySize: 60,
			startTime: '2027-05-01T19:00:00Z',
			guestMode: 'existing',
			guestId: 'gst_000001',
			options: { timeZone: 'utc' },
		}); // 422
		await run({ resource: 'guest', operation: 'create', firstName: 'Bad', phone: '555' }); // input error
		await run(
			{ resource: 'guest', operation: 'create', firstName: 'Scope' },
			sevenRoomsCredentials(sandbox.url, { clientId: 'read-only-client' }),
		); // 403 (token has no write scope)
		await run(
			{ resource: 'venue', operation: 'getAll', returnAll: true },
			sevenRoomsCredentials(sandbox.url, { clientSecret: 'definitely-not-it' }),
		); // bad client
		sandbox.setFaults({ unavailableFraction: 1, retryAfterSeconds: 0 });
		await run({ resource: 'venue', operation: 'getAll', returnAll: true }); // 503 until attempts run out
		sandbox.setFaults({ unavailableFraction: 0, resetFraction: 1 });
		await run({ resource: 'venue', operation: 'getAll', returnAll: true }); // connection resets
		sandbox.setFaults({ resetFraction: 0 });
		sandbox.revokeTokens();
		await run({ resource: 'venue', operation: 'getAll', returnAll: true }); // 401 then refresh

		const trigger = triggerHarness(
			'n8n-nodes-sevenrooms.sevenRoomsTrigger',
			{ events: ['guest.updated'], options: {} },
			credentials,
		);
		await trigger.hook('create');
		const webhookSecret = String(trigger.staticData().webhookSecret);
		const body = JSON.stringify({ id: 'evt_1', type: 'guest.updated', data: { id: 'gst_000001' } });
		const t = Math.floor(Date.now() / 1000);
		shown.push(
			await trigger.deliver(body, {
				[SIGNATURE_HEADER]: signatureHeader('forged', t, body),
			}),
		);
		shown.push(
			await trigger.deliver(body, {
				[SIGNATURE_HEADER]: signatureHeader(webhookSecret, t, body),
			}),
		);

		const everything = JSON.stringify({ shown, logged });
		expect(everything).toContain('SevenRooms'); // the collection really holds the errors
		expect(logged.some(([, message]) => String(message).includes('retrying'))).toBe(true); // and the log lines
		for (const secret of [SANDBOX_CLIENT_SECRET, 'definitely-not-it', token, webhookSecret])
			expect(everything).not.toContain(secret);
	});
});
