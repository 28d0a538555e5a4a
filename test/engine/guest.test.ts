import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { runWorkflow, sevenRoomsCredentials, sevenRoomsWorkflow } from './harness';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ guests: 300, rateLimitPerMinute: 0 });
});
afterAll(async () => await sandbox.close());

describe('Guest operations through the engine', () => {
	it('creates a guest with a local phone number sent as E.164', async () => {
		const credentials = sevenRoomsCredentials(sandbox.url);
		const result = await runWorkflow(
			sevenRoomsWorkflow({
				resource: 'guest',
				operation: 'create',
				firstName: 'Ada',
				lastName: 'Lovelace',
				email: 'ada.engine@example.com',
				phone: '(415) 555-2671',
				additionalFields: { birthday: '12-10', tags: 'vip, wine-lover', email_opt_in: true },
			}),
			{ credentialsHelper: credentials },
		);
		expect(result.errorOf('SevenRooms')).toBeUndefined();
		const [guest] = result.outputOf('SevenRooms');
		expect(guest).toMatchObject({ first_name: 'Ada', phone: '+14155552671', birthday: '--12-10', tags: ['vip', 'wine-lover'] });
		expect(sandbox.state.guests.get(String(guest.id))?.email).toBe('ada.engine@example.com');
		// n8n fetched a token and stored it in the credential.
		expect(credentials.store.get('cred-sevenrooms')?.oauthTokenData).toMatchObject({ token_type: 'Bearer' });
	});
});
