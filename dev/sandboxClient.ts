import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';

/** Calls the sandbox API directly, as SevenRooms staff or another app would change data. */
export function sandboxClient(sandbox: Pick<Sandbox, 'url'>) {
	let token: string | undefined;
	const authorize = async () => {
		const answer = await fetch(`${sandbox.url}/oauth/token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: SANDBOX_CLIENT_ID,
				client_secret: SANDBOX_CLIENT_SECRET,
			}),
		});
		token = ((await answer.json()) as { access_token: string }).access_token;
		return token;
	};
	return async function call(
		method: string,
		path: string,
		body?: unknown,
	): Promise<{ status: number; data: Record<string, unknown> }> {
		const answer = await fetch(`${sandbox.url}${path}`, {
			method,
			headers: {
				Authorization: `Bearer ${token ?? (await authorize())}`,
				'Content-Type': 'application/json',
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await answer.text();
		return {
			status: answer.status,
			data: text
				? ((JSON.parse(text) as { data: Record<string, unknown> }).data ?? JSON.parse(text))
				: {},
		};
	};
}
