import type { IDataObject } from 'n8n-workflow';

/**
 * When to try again and how long to wait. The defaults follow the API guide; tests shorten them.
 * Every wait is bounded: no answer the API can give makes a request wait more than `maxWaitMs` at
 * a time, or more than `rateLimitBudgetMs` on 429s in all.
 */
export const retryPolicy = {
	/** attempts for network failures and 5xx answers (429s have a time budget instead) */
	maxAttempts: 6,
	/** network resets, timeouts and 500/502/504: exponential from here, with jitter */
	backoffBaseMs: 1_000,
	backoffMaxMs: 30_000,
	/** 503 without Retry-After: the guide says wait 30-60 s */
	unavailableMinMs: 30_000,
	unavailableMaxMs: 60_000,
	/** 429 without Retry-After or rate-limit headers: the first wait, doubling up to a minute */
	rateLimitedFallbackMs: 5_000,
	/** the shortest wait after a 429, whatever Retry-After says (0 must not mean a tight loop) */
	rateLimitedMinMs: 1_000,
	/** a 429 is always safe to repeat: how long one request may spend waiting on them */
	rateLimitBudgetMs: 10 * 60_000,
	/** the longest single wait; a server asking for more fails the request instead */
	maxWaitMs: 5 * 60_000,
	requestTimeoutMs: 30_000,
	/** requests on the way to a webhook answer: one attempt, no waiting */
	quickTimeoutMs: 3_000,
};

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

/** A response header by name, whatever its case. */
export function headerValue(headers: IDataObject | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const lower = name.toLowerCase();
	// Node's HTTP client gives names in lower case; other spellings are looked for only when absent.
	let value = headers[lower];
	if (value === undefined) {
		const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === lower);
		if (key !== undefined) value = headers[key];
	}
	if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
	return value === undefined || value === null ? undefined : String(value);
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds (never negative). */
export function retryAfterMs(
	headers: IDataObject | undefined,
	now = Date.now(),
): number | undefined {
	const value = headerValue(headers, 'retry-after')?.trim();
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function jitter(minMs: number, maxMs: number): number {
	return Math.round(minMs + Math.random() * Math.max(0, maxMs - minMs));
}

/** 1 s, 2 s, 4 s … up to the maximum, each with jitter in its upper half. */
export function exponentialBackoffMs(attempt: number): number {
	const ceiling = Math.min(
		retryPolicy.backoffMaxMs,
		retryPolicy.backoffBaseMs * 2 ** Math.max(0, attempt - 1),
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

/** Statuses worth another attempt; everything else (4xx) is final. */
export function isRetryableStatus(status: number): boolean {
	return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/**
 * Whether the API may have acted although the answer was an error: a 5xx other than 503 (a 503 is
 * the load balancer refusing before the API) or no answer at all.
 */
export function mayHaveActed(status: number | undefined): boolean {
	return status === undefined || (status >= 500 && status !== 503);
}

/** How long to wait before repeating a request that got a retryable status. */
export function waitAfterStatus(
	status: number,
	headers: IDataObject | undefined,
	attempt: number,
): number {
	const serverWait = retryAfterMs(headers);
	if (status === 429) {
		const wait =
			serverWait ??
			Math.min(60_000, retryPolicy.rateLimitedFallbackMs * 2 ** Math.max(0, attempt - 1));
		return Math.max(retryPolicy.rateLimitedMinMs, wait);
	}
	if (serverWait !== undefined) return serverWait;
	if (status === 503) return jitter(retryPolicy.unavailableMinMs, retryPolicy.unavailableMaxMs);
	return exponentialBackoffMs(attempt);
}
