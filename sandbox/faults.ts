import { ApiError } from './reply';
import type { Reply } from './reply';
import type { FaultOptions } from './types';

export const DEFAULT_FAULTS: FaultOptions = {
	unavailableFraction: 0,
	unavailableNoRetryAfterFraction: 0,
	rateLimitedFraction: 0,
	resetFraction: 0,
	cutBodyFraction: 0,
	slowFraction: 0,
	slowMs: 2_000,
	serverErrorFraction: 0,
	retryAfterSeconds: 1,
	rateLimitRetryAfterSeconds: null,
	retryAfterOnRateLimit: true,
	rateLimitHeaders: true,
	repeatCursor: false,
	endlessEmptyPages: false,
	htmlFraction: 0,
	htmlErrorFraction: 0,
	tokenFailure: null,
	clockSkewMs: 0,
	loseNextAnswers: 0,
	v24RateLimitHeaders: false,
	v24SearchCap: 4000,
	v24SearchCapMode: 'end',
	v24CappedReservations: '/reservations/export',
	ratingKeepsUpdated: false,
};

const fraction = (value: unknown) => typeof value === 'number' && value >= 0 && value <= 1;
const count = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const flag = (value: unknown) => typeof value === 'boolean';
const whole = (value: unknown) => count(value) && Number.isInteger(value);
const oneOf =
	(...values: unknown[]) =>
	(value: unknown) =>
		values.includes(value);

/** The values each fault accepts: control requests are JSON from other processes, unchecked. */
const FAULT_VALUES: Record<keyof FaultOptions, (value: unknown) => boolean> = {
	unavailableFraction: fraction,
	unavailableNoRetryAfterFraction: fraction,
	rateLimitedFraction: fraction,
	resetFraction: fraction,
	cutBodyFraction: fraction,
	slowFraction: fraction,
	slowMs: count,
	serverErrorFraction: fraction,
	retryAfterSeconds: count,
	rateLimitRetryAfterSeconds: (value) => value === null || value === undefined || count(value),
	retryAfterOnRateLimit: flag,
	rateLimitHeaders: flag,
	repeatCursor: flag,
	endlessEmptyPages: flag,
	htmlFraction: fraction,
	htmlErrorFraction: fraction,
	tokenFailure: (value) => value === null || value === 'server_error' || value === 'html',
	clockSkewMs: (value) => typeof value === 'number' && Number.isFinite(value),
	loseNextAnswers: whole,
	v24RateLimitHeaders: flag,
	v24SearchCap: whole,
	ratingKeepsUpdated: flag,
	v24SearchCapMode: oneOf('end', 'error'),
	v24CappedReservations: oneOf('/reservations/export', '/reservations'),
};

/** Why `faults` cannot be applied (an unknown name, a value out of range), or undefined. */
export function faultsProblem(faults: Record<string, unknown>): string | undefined {
	for (const [name, value] of Object.entries(faults)) {
		const accepts = FAULT_VALUES[name as keyof FaultOptions] as
			| ((value: unknown) => boolean)
			| undefined;
		if (!accepts) return `Unknown fault ${name}`;
		if (!accepts(value)) return `${name} cannot be ${JSON.stringify(value)}`;
	}
	return undefined;
}

/** Faults a load balancer injects before the API sees the request (at most one per request). */
export type GatewayFault =
	| 'unavailable'
	| 'unavailable_no_retry_after'
	| 'rate_limited'
	| 'server_error'
	| 'reset'
	| 'cut_body'
	| 'slow';

/** Draws exactly one random number whatever the fractions, so a seed replays the same faults. */
export function rollGatewayFault(
	faults: FaultOptions,
	random: () => number,
): GatewayFault | undefined {
	const roll = random();
	const kinds: Array<[GatewayFault, number]> = [
		['unavailable', faults.unavailableFraction],
		['unavailable_no_retry_after', faults.unavailableNoRetryAfterFraction],
		['rate_limited', faults.rateLimitedFraction],
		['server_error', faults.serverErrorFraction],
		['reset', faults.resetFraction],
		['cut_body', faults.cutBodyFraction],
		['slow', faults.slowFraction],
	];
	let threshold = 0;
	return kinds.find(([, fraction]) => roll < (threshold += fraction))?.[0];
}

/** The refusal of an injected 503, 429 or 500. */
export function gatewayFaultError(
	kind: 'unavailable' | 'unavailable_no_retry_after' | 'rate_limited' | 'server_error',
	faults: FaultOptions,
): ApiError {
	const retryAfter = { 'Retry-After': String(faults.retryAfterSeconds) };
	switch (kind) {
		case 'unavailable':
			return new ApiError(
				503,
				'unavailable',
				'Under heavy load, try again shortly',
				{},
				retryAfter,
			);
		case 'unavailable_no_retry_after':
			return new ApiError(503, 'unavailable', 'Under heavy load, try again shortly');
		case 'rate_limited':
			return new ApiError(
				429,
				'rate_limited',
				'Slow down',
				{},
				faults.retryAfterOnRateLimit ? retryAfter : {},
			);
		case 'server_error':
			return new ApiError(500, 'internal_error', 'Something went wrong');
	}
}

export type ProxyPageFault = 'html' | 'html_error';

/** Draws a number only when a fraction is set, so seeds without HTML faults keep their sequence. */
export function rollProxyPage(
	faults: FaultOptions,
	random: () => number,
): ProxyPageFault | undefined {
	if (!(faults.htmlFraction > 0) && !(faults.htmlErrorFraction > 0)) return undefined;
	const roll = random();
	if (roll < faults.htmlFraction) return 'html';
	if (roll < faults.htmlFraction + faults.htmlErrorFraction) return 'html_error';
	return undefined;
}

/** A misconfigured proxy's answer: a sign-in page with 200, or nginx's 502 page. */
export function proxyPage(kind: ProxyPageFault): Reply {
	return kind === 'html'
		? {
				status: 200,
				html: page('Sign in', '<h1>Sign in to continue</h1><form method="post"></form>'),
			}
		: badGatewayPage();
}

export function badGatewayPage(): Reply {
	return {
		status: 502,
		html: page(
			'502 Bad Gateway',
			'<center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center>',
		),
	};
}

function page(title: string, body: string): string {
	return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body>${body}</body></html>\n`;
}
