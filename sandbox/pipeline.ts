/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
import type http from 'node:http';

import type { Principal } from './auth';
import type { SandboxContext } from './context';
import { gatewayFaultError, proxyPage, rollGatewayFault, rollProxyPage } from './faults';
import { IdempotencyStore, MAX_KEY_LENGTH } from './idempotency';
import { rateLimitHeaders, rateLimitRetryAfter } from './rateLimit';
import { ApiError } from './reply';
import type { Reply } from './reply';
import { matchRoute } from './route';
import type { Route } from './route';
import { countFault, countRequest } from './stats';

export interface ApiRequest {
	method: string;
	/** relative to the dialect's prefix, without a trailing slash */
	path: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	raw: string;
}

/**
 * One way of speaking the API: its routes, how callers prove who they are, how errors and bodies
 * look. The pipeline, state, faults and rate limit are shared, so a second dialect (Reservations
 * API 2.4 under `/2_4`) is another one of these.
 */
export interface ApiDialect {
	/** path prefix, '' for the project's contract */
	prefix: string;
	routes: Route[];
	/** the token endpoint, outside the pipeline: no faults, no rate limit */
	tokenEndpoint: { path: string; handle(ctx: SandboxContext, raw: string): Reply };
	/** the caller, or ApiError 401 */
	authenticate(ctx: SandboxContext, request: ApiRequest): Principal;
	/** whom the request's credentials name, even if they no longer authenticate */
	claimedClient(ctx: SandboxContext, request: ApiRequest): string | undefined;
	errorReply(error: ApiError): Reply;
	/** the request body as fields, or ApiError 400 */
	parseBody(raw: string, request: ApiRequest): Record<string, unknown>;
	/** whether `Idempotency-Key` is honoured (2.4 has none: a repeated create creates again) */
	idempotencyKeys: boolean;
	/** whether answers carry X-RateLimit-* and 429s Retry-After (then as the fault knobs allow) */
	rateLimitHeaders(ctx: SandboxContext): boolean;
}

/** Answer with `reply`, or drop the connection (an injected reset). */
export type Outcome = { reply: Reply } | { reset: true };

/** A bug in the sandbox answers 500 like a server's would, rather than crashing the request. */
const asApiError = (error: unknown) =>
	error instanceof ApiError ? error : new ApiError(500, 'internal_error', String(error));

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * An API request, in the order a real deployment meets it: the load balancer's faults, then
 * authentication, the rate limit, a misbehaving proxy, idempotency, and finally the route.
 */
export async function handleApiRequest(
	ctx: SandboxContext,
	dialect: ApiDialect,
	request: ApiRequest,
): Promise<Outcome> {
	const { method, path } = request;
	let clientId = dialect.claimedClient(ctx, request);
	let template = `${method} (unknown)`;
	// Every API answer reports the caller's budget, errors and 429s included.
	const answer = (reply: Reply): Outcome => {
		countRequest(ctx.stats, template, reply.status);
		if (!dialect.rateLimitHeaders(ctx)) {
			const headers = { ...reply.headers };
			if (reply.status === 429) delete headers['Retry-After'];
			return { reply: { ...reply, headers } };
		}
		const limits = rateLimitHeaders(ctx.limiter, clientId, ctx.faults);
		return { reply: { ...reply, headers: { ...reply.headers, ...limits } } };
	};
	const refuse = (error: ApiError) => answer(dialect.errorReply(error));
	const reset = (fault: string): Outcome => {
		countFault(ctx.stats, fault);
		countRequest(ctx.stats, template, 'reset');
		return { reset: true };
	};

	let match: ReturnType<typeof matchRoute>;
	try {
		match = matchRoute(dialect.routes, method, path);
	} catch {
		return refuse(new ApiError(400, 'bad_request', `Malformed path ${path}`));
	}
	if (match.found === 'nothing')
		return refuse(new ApiError(404, 'not_found', `No route ${method} ${path}`));
	if (match.found === 'path')
		return refuse(
			new ApiError(
				405,
				'method_not_allowed',
				`${method} is not allowed on ${path}`,
				{},
				{ Allow: match.allowed.join(', ') },
			),
		);
	const { route, params } = match;
	template = `${route.method} ${route.template}`;

	// Injected faults come first, as a load balancer's would; at most one per request.
	const fault = rollGatewayFault(ctx.faults, ctx.random);
	let resetAfterProcessing = false;
	const cutBody = fault === 'cut_body';
	if (fault === 'reset') {
		// On a create, half the resets lose the answer after the object was made.
		if (route.creates && ctx.random() < 0.5) resetAfterProcessing = true;
		else return reset('reset');
	} else if (fault === 'slow') {
		countFault(ctx.stats, 'slow');
		await wait(ctx.faults.slowMs);
	} else if (fault && !cutBody) {
		countFault(ctx.stats, fault);
		return refuse(gatewayFaultError(fault, ctx.faults));
	}

	let principal: Principal;
	try {
		principal = dialect.authenticate(ctx, request);
	} catch (error) {
		return refuse(asApiError(error));
	}
	clientId = principal.clientId;
	if (route.scope && !principal.scopes.includes(route.scope))
		return refuse(
			new ApiError(403, 'insufficient_scope', `This call needs the ${route.scope} scope`),
		);
	if (!ctx.limiter.take(principal.clientId)) {
		ctx.stats.rateLimited++;
		return refuse(
			new ApiError(
				429,
				'rate_limited',
				`Over ${ctx.limiter.perMinute} requests per minute`,
				{},
				rateLimitRetryAfter(ctx.limiter, principal.clientId, ctx.faults),
			),
		);
	}

	// A proxy's page is not the API's answer: no rate-limit headers, nothing processed.
	const page = rollProxyPage(ctx.faults, ctx.random);
	if (page) {
		countFault(ctx.stats, page);
		countRequest(ctx.stats, template, page === 'html' ? 200 : 502);
		return { reply: proxyPage(page) };
	}

	let body: Record<string, unknown>;
	try {
		body = dialect.parseBody(request.raw, request);
	} catch (error) {
		return refuse(asApiError(error));
	}

	// Idempotency: a replay answers what the first request got, and creates nothing.
	const header = request.headers['idempotency-key'];
	const key =
		method === 'POST' && dialect.idempotencyKeys
			? Array.isArray(header)
				? header[0]
				: header
			: undefined;
	const fingerprint = IdempotencyStore.fingerprint(method, path, request.raw);
	if (key) {
		if (key.length > MAX_KEY_LENGTH)
			return refuse(
				new ApiError(
					400,
					'bad_request',
					`Idempotency-Key is longer than ${MAX_KEY_LENGTH} characters`,
				),
			);
		const previous = ctx.idempotency.lookup(principal.clientId, key, fingerprint);
		if (previous.outcome === 'reused')
			return refuse(
				new ApiError(
					422,
					'idempotency_key_reused',
					'This Idempotency-Key was used with a different request',
					{ field: 'Idempotency-Key' },
				),
			);
		if (previous.outcome === 'replay') {
			ctx.stats.idempotentReplays++;
			const { reply } = previous;
			return answer({ ...reply, headers: { ...reply.headers, 'Idempotent-Replayed': 'true' } });
		}
	}

	let result: Reply;
	try {
		result = route.handle(ctx, { params, query: request.query, body });
	} catch (error) {
		result = dialect.errorReply(asApiError(error));
	}
	// Results of requests that ran (created, or refused on their merits) are kept for replay.
	if (key && result.status < 500)
		ctx.idempotency.remember(principal.clientId, key, fingerprint, result);
	// A test's exact lost answers: the create ran, whatever it answered, and nobody hears it.
	if (route.creates && ctx.faults.loseNextAnswers > 0) {
		ctx.faults.loseNextAnswers--;
		return reset('lost_answer');
	}
	if (resetAfterProcessing) return reset('reset_after_processing');
	if (cutBody) {
		countFault(ctx.stats, 'cut_body');
		return answer({ ...result, cutBody: true });
	}
	return answer(result);
}

/** The token endpoint sits outside the pipeline: no faults, no rate limit, OAuth's own errors. */
export function handleTokenRequest(
	ctx: SandboxContext,
	dialect: ApiDialect,
	method: string,
	raw: string,
): Reply {
	const { path } = dialect.tokenEndpoint;
	const reply =
		method === 'POST'
			? dialect.tokenEndpoint.handle(ctx, raw)
			: dialect.errorReply(
					new ApiError(
						405,
						'method_not_allowed',
						`${method} is not allowed`,
						{},
						{ Allow: 'POST' },
					),
				);
	countRequest(ctx.stats, `${method} ${dialect.prefix}${path}`, reply.status);
	return reply;
}
