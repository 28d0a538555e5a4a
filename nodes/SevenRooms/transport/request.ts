import { NodeApiError, sleep } from 'n8n-workflow';
import type {
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';

import { jsonOrText, readAnswerBody } from './answerBody';
import { connectionOf } from './connection';
import {
	answerLostError,
	apiError,
	isTokenAcquisitionFailure,
	networkError,
	nodeErrorOf,
	notJsonError,
	rateLimitBudgetError,
	tokenError,
	unexpectedShapeError,
	waitTooLongError,
} from './errors';
import {
	exponentialBackoffMs,
	headerValue,
	isRetryableStatus,
	mayHaveActed,
	networkErrorCode,
	retryPolicy,
	waitAfterStatus,
} from './retryPolicy';
import { observeServerDate } from './serverClock';
import type { AuthState, SevenRoomsFunctions } from './types';

export interface ApiRequestOptions {
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/** how the body is sent; by default as the API's writes are (OAuth2: JSON, 2.4: a form) */
	encoding?: 'json' | 'form';
	/** sent as `Idempotency-Key` where the API has it; the same value on every retry */
	idempotencyKey?: string;
	/**
	 * A create the API can't recognise when repeated (2.4 has no idempotency key): never sent twice.
	 * A failure after which it may have happened (no answer, a 500) is an error the caller reads
	 * with `isAnswerLost` instead of a retry.
	 */
	once?: boolean;
	/**
	 * Read the answer as it arrives (`readAnswerBody`) instead of letting n8n's client buffer it:
	 * for list pages, whose copies in the client count. A single object's answer is small, and
	 * reading a stream costs a request several microseconds of CPU more than the client's buffering.
	 */
	streamAnswer?: boolean;
	/** for per-item errors */
	itemIndex?: number;
	/**
	 * `quick`: one attempt, a short timeout and no waiting for the rate limit, for requests on the way
	 * to a webhook answer (SevenRooms must hear back within seconds).
	 */
	patience?: 'normal' | 'quick';
}

function cancelSignal(context: SevenRoomsFunctions): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
}

/** The parsed JSON body of a 2xx answer; anything else that claims success is an error. */
function successBody(
	context: SevenRoomsFunctions,
	method: IHttpRequestMethods,
	response: IN8nHttpFullResponse,
	request: string,
	itemIndex?: number,
): IDataObject | undefined {
	const { body, statusCode: status } = response;
	const empty = body === undefined || body === null || body === '';
	if (empty && (status === 204 || method === 'DELETE')) return undefined;
	if (!empty && typeof body === 'object' && !Buffer.isBuffer(body)) return body as IDataObject;
	// JSON the HTTP helper left as text (a wrong content type) is still the API's answer.
	if (typeof body === 'string' || Buffer.isBuffer(body)) {
		const parsed = jsonOrText(String(body));
		if (typeof parsed === 'object' && parsed !== null) return parsed as IDataObject;
	}
	const contentType = headerValue(response.headers as IDataObject, 'content-type');
	throw notJsonError(context.getNode(), status, contentType, request, itemIndex);
}

/**
 * The one request function of the package: auth, rate control, retries, idempotency and error
 * mapping. Resolves to the parsed body (`undefined` for 204).
 *
 * Retries: network failures and 500/502/503/504 up to `maxAttempts`; 429s for up to
 * `rateLimitBudgetMs` of waiting; never other 4xx. No single wait is longer than `maxWaitMs`: a
 * server asking for more fails the request with a clear error.
 */
export async function apiRequest(
	this: SevenRoomsFunctions,
	method: IHttpRequestMethods,
	path: string,
	options: ApiRequestOptions = {},
): Promise<IDataObject | undefined> {
	const { qs, body, idempotencyKey, itemIndex, once } = options;
	const quick = options.patience === 'quick';
	const node = this.getNode();
	const connection = await connectionOf(this);
	const { dialect, rateControl } = connection;
	const abortSignal = cancelSignal(this);
	const described = `${method} ${path}`;

	const requestHeaders: IDataObject = { Accept: 'application/json' };
	if (idempotencyKey && dialect.idempotencyHeader)
		requestHeaders['Idempotency-Key'] = idempotencyKey;
	const request: IHttpRequestOptions = {
		method,
		url: `${connection.baseUrl}${path}`,
		qs: qs && Object.keys(qs).length ? qs : undefined,
		json: true,
		headers: requestHeaders,
		returnFullResponse: true,
		...(options.streamAnswer ? { encoding: 'stream' as const } : {}),
		// Statuses are ours to judge (Retry-After, the errors array); 401 is refreshed below.
		ignoreHttpStatusErrors: true,
		timeout: quick ? retryPolicy.quickTimeoutMs : retryPolicy.requestTimeoutMs,
	};
	if (body !== undefined) dialect.encodeBody(request, body, options.encoding);
	const auth: AuthState = { clientKey: connection.clientKey, renew: false };

	let tokenRefreshed = false;
	let apiMayHaveActed = false;
	let rateLimitedSince: number | undefined;
	let rateLimitedCount = 0;
	for (let attempt = 1; ; attempt++) {
		if (quick) {
			if (!rateControl.tryAcquire()) {
				throw new NodeApiError(node, { status: 429 } as JsonObject, {
					message: 'SevenRooms rate limit reached',
					description: `${described} was not sent: the client's rate budget is used up and this request cannot wait.`,
					httpCode: '429',
					itemIndex,
				});
			}
		} else if (!rateControl.tryAcquire()) {
			await rateControl.acquire(abortSignal);
		}

		let response: IN8nHttpFullResponse;
		try {
			const deadline = Date.now() + (request.timeout ?? retryPolicy.requestTimeoutMs);
			// n8n signs the options object in place; every attempt starts from a clean copy.
			response = await dialect.send(this, { ...request, headers: { ...requestHeaders } }, auth);
			// A body cut off or stalled midway fails here, like a lost connection.
			response.body = (await readAnswerBody(
				response.body,
				deadline,
			)) as IN8nHttpFullResponse['body'];
		} catch (error) {
			if (isTokenAcquisitionFailure(error)) throw tokenError(node, error, itemIndex);
			const code = networkErrorCode(error);
			// Not ours and not the network: only its message goes on (its config holds the token).
			if (!code) throw nodeErrorOf(node, error, itemIndex);
			if (once) throw answerLostError(node, `network error ${code}`, described, itemIndex);
			if (quick || attempt >= retryPolicy.maxAttempts) {
				throw networkError(node, code, described, attempt, itemIndex);
			}
			apiMayHaveActed = true;
			const waitMs = exponentialBackoffMs(attempt);
			this.logger.debug('SevenRooms request failed on the network, retrying', {
				code,
				attempt,
				waitMs,
				request: described,
			});
			await sleep(waitMs, abortSignal);
			continue;
		}

		const status = response.statusCode;
		const headers = response.headers as IDataObject | undefined;
		rateControl.observe(status, headers);
		observeServerDate(connection.clientKey, headers);
		if (status >= 200 && status < 300) {
			return successBody(this, method, response, described, itemIndex);
		}

		// A DELETE whose first answer was lost may already have happened.
		if (status === 404 && method === 'DELETE' && apiMayHaveActed) return undefined;

		if (status === 401 && !tokenRefreshed && !quick) {
			tokenRefreshed = true;
			this.logger.debug('SevenRooms token rejected, fetching a new one', { request: described });
			try {
				await dialect.reauthenticate(this, auth);
			} catch (error) {
				throw tokenError(node, error, itemIndex);
			}
			attempt--;
			continue;
		}

		const failure = () =>
			apiError(node, status, response.body, itemIndex, {
				entries: dialect.errorEntries(response.body),
				headline: dialect.statusHints[status],
			});
		if (quick || !isRetryableStatus(status)) throw failure();
		if (once && status !== 429 && mayHaveActed(status)) {
			throw answerLostError(node, `HTTP ${status}`, described, itemIndex);
		}
		if (status !== 429 && attempt >= retryPolicy.maxAttempts) throw failure();
		const waitMs = waitAfterStatus(status, headers, status === 429 ? ++rateLimitedCount : attempt);
		if (waitMs > retryPolicy.maxWaitMs) {
			throw waitTooLongError(node, status, waitMs, described, itemIndex);
		}
		if (status === 429) {
			// Always safe to repeat: bounded by time, not by attempts.
			rateLimitedSince ??= Date.now();
			const rateLimitedMs = Date.now() - rateLimitedSince;
			if (rateLimitedMs + waitMs > retryPolicy.rateLimitBudgetMs) {
				throw rateLimitBudgetError(node, rateLimitedMs, described, itemIndex);
			}
			attempt--;
		} else if (mayHaveActed(status)) {
			apiMayHaveActed = true;
		}
		this.logger.debug('SevenRooms asked to wait, retrying', {
			status,
			attempt,
			waitMs,
			request: described,
		});
		await sleep(waitMs, abortSignal);
	}
}

/**
 * One object's request (`{"data": {…}}`, as the dialect reads it): its object. A list or nothing where one object belongs
 * is an error, so an id that did not name one object can't pass a list off as its result.
 */
export async function apiRequestObject(
	this: SevenRoomsFunctions,
	method: IHttpRequestMethods,
	path: string,
	options: ApiRequestOptions = {},
): Promise<IDataObject> {
	const body = await apiRequest.call(this, method, path, options);
	const object = (await connectionOf(this)).dialect.objectOf(body);
	const described = `${method} ${path}`;
	if (object === 'list') {
		throw unexpectedShapeError(this.getNode(), described, 'a list', options.itemIndex);
	}
	if (object) return object;
	throw unexpectedShapeError(this.getNode(), described, 'no object', options.itemIndex);
}
