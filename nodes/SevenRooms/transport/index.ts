import { createHash, randomUUID } from 'node:crypto';
import { NodeApiError, sleep } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { apiError } from './errors';
import { limiterFor } from './rateLimiter';

export const CREDENTIAL_TYPE = 'sevenRoomsOAuth2Api';

export type SevenRoomsFunctions =
	| IExecuteFunctions
	| IPollFunctions
	| IHookFunctions
	| ILoadOptionsFunctions
	| IWebhookFunctions;

/** Largest page the API serves; Return All asks for it to spend the fewest requests. */
export const MAX_PAGE_SIZE = 200;

/**
 * How long to wait before trying again. The defaults follow the API guide; tests shorten them.
 */
export const retryPolicy = {
	maxAttempts: 6,
	/** network resets, timeouts and 500/502/504: exponential from here, with jitter */
	backoffBaseMs: 1_000,
	backoffMaxMs: 30_000,
	/** 503 without Retry-After: the guide says wait 30-60 s */
	unavailableMinMs: 30_000,
	unavailableMaxMs: 60_000,
	/** 429 without Retry-After */
	rateLimitedFallbackMs: 5_000,
	requestTimeoutMs: 30_000,
};

export interface ApiRequestOptions {
	qs?: IDataObject;
	body?: IDataObject;
	/** sent as `Idempotency-Key`; the same value on every retry of this request */
	idempotencyKey?: string;
	/** for per-item errors */
	itemIndex?: number;
}

interface ConnectionSettings {
	baseUrl: string;
	rateLimitKey: string;
	rateLimitPerMinute: number;
}

const NETWORK_ERROR_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'ERR_BAD_RESPONSE',
]);

const connectionCache = new WeakMap<object, ConnectionSettings>();

async function connectionSettings(this: SevenRoomsFunctions): Promise<ConnectionSettings> {
	const cached = connectionCache.get(this);
	if (cached) return cached;
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const baseUrl = String(credentials.apiBaseUrl ?? '').replace(/\/+$/, '');
	const credentialId = this.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? 'default';
	const rateLimitPerMinute = Number(credentials.rateLimitPerMinute ?? 120);
	const settings = {
		baseUrl,
		rateLimitKey: `${credentialId}|${String(credentials.clientId ?? '')}|${baseUrl}`,
		rateLimitPerMinute: Number.isFinite(rateLimitPerMinute) ? rateLimitPerMinute : 120,
	};
	connectionCache.set(this, settings);
	return settings;
}

function cancelSignal(context: SevenRoomsFunctions): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
}

function header(headers: IDataObject | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	return value === undefined || value === null ? undefined : String(value);
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds. */
export function retryAfterMs(headers: IDataObject | undefined): number | undefined {
	const value = header(headers, 'retry-after');
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function jitter(minMs: number, maxMs: number): number {
	return Math.round(minMs + Math.random() * Math.max(0, maxMs - minMs));
}

function exponentialBackoffMs(attempt: number): number {
	const ceiling = Math.min(
		retryPolicy.backoffMaxMs,
		retryPolicy.backoffBaseMs * 2 ** (attempt - 1),
	);
	return jitter(ceiling / 2, ceiling);
}

/** The network-level failure code of an error thrown by n8n's HTTP helpers, if it is one. */
export function networkErrorCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const { code, message } = current as { code?: unknown; message?: unknown };
		if (typeof code === 'string' && NETWORK_ERROR_CODES.has(code)) return code;
		if (typeof message === 'string') {
			if (/socket hang up/i.test(message)) return 'ECONNRESET';
			if (/timeout of \d+ms exceeded/i.test(message)) return 'ETIMEDOUT';
		}
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/** The OAuth error code when n8n could not get a token (bad client secret, scope, URL). */
function tokenAcquisitionFailure(error: unknown): string | undefined {
	let failed = false;
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const { message, body } = current as { message?: unknown; body?: { error?: unknown } };
		// Only the OAuth error code is kept: raw texts may echo the token request.
		if (typeof body?.error === 'string') return body.error;
		if (typeof message === 'string' && /acquire OAuth2 access token/i.test(message)) failed = true;
		current = (current as { cause?: unknown }).cause;
	}
	return failed ? 'token_request_failed' : undefined;
}

/**
 * The id of the SevenRooms event that started this execution, when a SevenRooms Trigger did. A
 * redelivered event that still got a second execution (two webhook processors in queue mode, each
 * with its own copy of the trigger's memory) then gets the same keys, so it cannot create twice.
 */
function triggeringEventId(context: IExecuteFunctions): string | undefined {
	if (typeof context.getParentNodes !== 'function') return undefined;
	const triggers = context
		.getParentNodes(context.getNode().name)
		.filter((node) => /(^|\.)sevenRoomsTrigger$/.test(node.type) && !node.disabled);
	for (const trigger of triggers) {
		try {
			const id = context.evaluateExpression(
				`{{ $(${JSON.stringify(trigger.name)}).first().json.id }}`,
				0,
			);
			if (typeof id === 'string' && id) return id;
		} catch {
			// That trigger did not run in this execution (another trigger started it).
		}
	}
	return undefined;
}

/**
 * A key that stays the same when n8n re-runs the same item of the same execution ("Retry On
 * Fail"), and for every execution of one SevenRooms event (redeliveries, retried executions), so a
 * create cannot happen twice; outside an execution a random one.
 */
export function defaultIdempotencyKey(
	context: SevenRoomsFunctions,
	scope: string,
	itemIndex: number,
): string {
	const executionId = 'getExecutionId' in context ? context.getExecutionId() : undefined;
	if (!executionId) return randomUUID();
	const eventId =
		'evaluateExpression' in context ? triggeringEventId(context as IExecuteFunctions) : undefined;
	const origin = eventId ? `event:${eventId}` : executionId;
	const hash = createHash('sha256')
		.update(
			`${context.getWorkflow().id ?? ''}|${origin}|${context.getNode().id}|${scope}|${itemIndex}`,
		)
		.digest('hex');
	// UUID-shaped so it reads like the API's default.
	return `${hash.slice(0, 8)}-${hash.slice(8, 12)}-${hash.slice(12, 16)}-${hash.slice(16, 20)}-${hash.slice(20, 32)}`;
}

/**
 * The one request function of the package: auth, client-side rate limit, retries, idempotency and
 * error mapping. Resolves to the parsed body (`undefined` for 204).
 */
export async function apiRequest(
	this: SevenRoomsFunctions,
	method: IHttpRequestMethods,
	path: string,
	options: ApiRequestOptions = {},
): Promise<IDataObject> {
	const { qs, body, idempotencyKey, itemIndex } = options;
	const node = this.getNode();
	const settings = await connectionSettings.call(this);
	const limiter = limiterFor(settings.rateLimitKey, settings.rateLimitPerMinute);
	const abortSignal = cancelSignal(this);

	const request: IHttpRequestOptions = {
		method,
		url: `${settings.baseUrl}${path}`,
		qs: qs && Object.keys(qs).length ? qs : undefined,
		body,
		json: true,
		headers: {
			Accept: 'application/json',
			...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
		},
		returnFullResponse: true,
		// Statuses are ours to judge (Retry-After, the errors array); 401 is refreshed below.
		ignoreHttpStatusErrors: true,
		timeout: retryPolicy.requestTimeoutMs,
	};

	let tokenRefreshed = false;
	let lostResponse = false;
	for (let attempt = 1; ; attempt++) {
		await limiter?.acquire(abortSignal);
		let response: IN8nHttpFullResponse;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				// n8n signs the options object in place; every attempt starts from a clean copy.
				{ ...request, headers: { ...request.headers } },
			)) as IN8nHttpFullResponse;
		} catch (error) {
			const tokenFailure = tokenAcquisitionFailure(error);
			if (tokenFailure) {
				throw new NodeApiError(
					node,
					{ oauth_error: tokenFailure },
					{
						message: 'SevenRooms rejected the credential: could not get an access token',
						description: `The token endpoint answered "${tokenFailure}". Check the Client ID, Client Secret, scopes and base URL of the SevenRooms credential.`,
						httpCode: '401',
						itemIndex,
					},
				);
			}
			const code = networkErrorCode(error);
			if (code && attempt < retryPolicy.maxAttempts) {
				lostResponse = true;
				const waitMs = exponentialBackoffMs(attempt);
				this.logger.debug('SevenRooms request failed on the network, retrying', {
					code,
					attempt,
					waitMs,
					method,
					path,
				});
				await sleep(waitMs, abortSignal);
				continue;
			}
			if (code) {
				throw new NodeApiError(
					node,
					{ network_error: code },
					{
						// n8n rewrites messages that name a network code, so the code goes in the description.
						message: `Could not reach SevenRooms after ${attempt} attempts`,
						description: `${method} ${path} got no answer (network error ${code}). Check the base URL and the network, then run again: creates are safe to repeat with the same Idempotency Key.`,
						itemIndex,
					},
				);
			}
			throw error instanceof NodeApiError
				? error
				: new NodeApiError(node, { message: String((error as Error)?.message ?? error) } as never, {
						itemIndex,
					});
		}

		const status = response.statusCode;
		const responseHeaders = response.headers as IDataObject | undefined;
		if (status >= 200 && status < 300) return (response.body ?? undefined) as IDataObject;

		// A DELETE whose first answer was lost may already have happened.
		if (status === 404 && method === 'DELETE' && lostResponse)
			return undefined as unknown as IDataObject;

		if (status === 401 && !tokenRefreshed) {
			tokenRefreshed = true;
			this.logger.debug('SevenRooms token rejected, fetching a new one', { method, path });
			await this.helpers.refreshOAuth2Token.call(this, CREDENTIAL_TYPE);
			attempt--;
			continue;
		}

		const retryable =
			status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
		if (retryable && attempt < retryPolicy.maxAttempts) {
			const serverWait = retryAfterMs(responseHeaders);
			let waitMs: number;
			if (status === 429) waitMs = serverWait ?? retryPolicy.rateLimitedFallbackMs;
			else if (status === 503)
				waitMs = serverWait ?? jitter(retryPolicy.unavailableMinMs, retryPolicy.unavailableMaxMs);
			else waitMs = serverWait ?? exponentialBackoffMs(attempt);
			// A 5xx other than 503 may come after the API acted: a later 404 on DELETE means done.
			if (status !== 429 && status !== 503) lostResponse = true;
			this.logger.debug('SevenRooms asked to wait, retrying', {
				status,
				attempt,
				waitMs,
				method,
				path,
			});
			await sleep(waitMs, abortSignal);
			continue;
		}
		throw apiError(node, status, response.body, itemIndex);
	}
}

/** Pages of a list endpoint, following `next_cursor` until it is null. */
export async function* apiRequestPages(
	this: SevenRoomsFunctions,
	path: string,
	qs: IDataObject = {},
	{ pageSize = MAX_PAGE_SIZE, itemIndex }: { pageSize?: number; itemIndex?: number } = {},
): AsyncGenerator<IDataObject[]> {
	let cursor: string | undefined;
	do {
		const page = await apiRequest.call(this, 'GET', path, {
			qs: { ...qs, limit: pageSize, ...(cursor ? { cursor } : {}) },
			itemIndex,
		});
		yield Array.isArray(page?.data) ? (page.data as IDataObject[]) : [];
		const next = (page?.pagination as IDataObject | undefined)?.next_cursor;
		cursor = typeof next === 'string' && next !== '' ? next : undefined;
	} while (cursor);
}

/** Every item of a list endpoint, or the first `limit` of them. */
export async function apiRequestAllItems(
	this: SevenRoomsFunctions,
	path: string,
	qs: IDataObject = {},
	{ limit, itemIndex }: { limit?: number; itemIndex?: number } = {},
): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	const pageSize =
		limit === undefined ? MAX_PAGE_SIZE : Math.max(1, Math.min(MAX_PAGE_SIZE, limit));
	for await (const page of apiRequestPages.call(this, path, qs, { pageSize, itemIndex })) {
		for (const item of page) items.push(item);
		if (limit !== undefined && items.length >= limit) return items.slice(0, limit);
	}
	return items;
}

/** The `data` object of a single-object response. */
export function unwrap(body: IDataObject | undefined): IDataObject {
	const data = body?.data;
	return data && typeof data === 'object' && !Array.isArray(data)
		? (data as IDataObject)
		: (body ?? {});
}
