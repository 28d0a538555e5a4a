import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';

/** Raw HTTP against a sandbox, to see its answers exactly as a client would. */
export function sandboxHttp(sandbox: () => Sandbox) {
	async function token(clientId = SANDBOX_CLIENT_ID, clientSecret = SANDBOX_CLIENT_SECRET) {
		const response = await fetch(`${sandbox().url}/oauth/token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: clientId,
				client_secret: clientSecret,
			}),
		});
		return { status: response.status, headers: response.headers, text: await response.text() };
	}

	async function bearer(): Promise<string> {
		return (JSON.parse((await token()).text) as { access_token: string }).access_token;
	}

	async function call(
		method: string,
		path: string,
		{ bearer, body }: { bearer?: string; body?: unknown } = {},
	) {
		const response = await fetch(`${sandbox().url}${path}`, {
			method,
			headers: {
				...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
				'Content-Type': 'application/json',
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		const json = response.headers.get('content-type') === 'application/json';
		return {
			status: response.status,
			headers: response.headers,
			text,
			body: json && text ? JSON.parse(text) : {},
		};
	}

	return { token, bearer, call };
}

export const codeOf = (body: Record<string, unknown>) =>
	(body.errors as Array<{ code: string }>)[0].code;

/** The X-RateLimit-* headers of an answer, as numbers (NaN when absent). */
export function rateLimitOf(headers: Headers) {
	return {
		limit: Number(headers.get('x-ratelimit-limit') ?? NaN),
		remaining: Number(headers.get('x-ratelimit-remaining') ?? NaN),
		reset: Number(headers.get('x-ratelimit-reset') ?? NaN),
	};
}
