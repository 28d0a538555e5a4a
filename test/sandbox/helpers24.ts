import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';

/** Raw HTTP against a sandbox's Reservations API 2.4 (`/2_4`), as a 2.4 client would speak it. */
export function sandbox24(sandbox: () => Sandbox) {
	async function auth(clientId = SANDBOX_CLIENT_ID, clientSecret = SANDBOX_CLIENT_SECRET) {
		const response = await fetch(`${sandbox().url}/2_4/auth`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ client_id: clientId, client_secret: clientSecret }),
		});
		const text = await response.text();
		const json = response.headers.get('content-type') === 'application/json';
		return { status: response.status, body: json ? JSON.parse(text) : {} };
	}

	async function token(): Promise<string> {
		return (await auth()).body.data.token as string;
	}

	/**
	 * One call. `form` is sent form-urlencoded, `json` as JSON; `authorization` is sent verbatim
	 * (the raw token, as the vendor documents).
	 */
	async function call(
		method: string,
		path: string,
		{
			authorization,
			form,
			json,
			headers = {},
		}: {
			authorization?: string;
			form?: Record<string, string>;
			json?: unknown;
			headers?: Record<string, string>;
		} = {},
	) {
		const response = await fetch(`${sandbox().url}/2_4${path}`, {
			method,
			headers: {
				...(authorization ? { Authorization: authorization } : {}),
				...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
				...(json !== undefined ? { 'Content-Type': 'application/json' } : {}),
				...headers,
			},
			body: form
				? new URLSearchParams(form)
				: json !== undefined
					? JSON.stringify(json)
					: undefined,
		});
		const text = await response.text();
		const isJson = response.headers.get('content-type') === 'application/json';
		return {
			status: response.status,
			headers: response.headers,
			text,
			body: isJson && text ? JSON.parse(text) : {},
		};
	}

	/** Every page of a list, following `cursor` as the contract says to: stop on an empty list or
	 * an absent, null or empty cursor. */
	async function all(path: string, authorization: string, listKey = 'results') {
		const items: Array<Record<string, unknown>> = [];
		const pages: Array<Record<string, unknown>> = [];
		let cursor: unknown;
		for (let page = 0; page < 1000; page++) {
			const separator = path.includes('?') ? '&' : '?';
			const url = cursor ? `${path}${separator}cursor=${encodeURIComponent(String(cursor))}` : path;
			const answer = await call('GET', url, { authorization });
			if (answer.status !== 200) throw new Error(`${url}: ${answer.status} ${answer.text}`);
			const data = answer.body.data as Record<string, unknown>;
			pages.push(data);
			const list = data[listKey] as Array<Record<string, unknown>>;
			items.push(...list);
			cursor = data.cursor;
			if (!list.length || cursor === undefined || cursor === null || cursor === '') break;
		}
		return { items, pages };
	}

	return { auth, token, call, all };
}

/** A booking's form, with what a test changes. */
export const booking = (fields: Record<string, string> = {}) => ({
	date: '2031-03-14',
	time: '19:00',
	party_size: '2',
	first_name: 'Ada',
	last_name: 'Byron',
	phone: '+14155550100',
	...fields,
});
