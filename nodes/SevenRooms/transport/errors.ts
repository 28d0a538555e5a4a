import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

/** One entry of the contract's `errors` array. */
export interface SevenRoomsApiErrorEntry {
	code: string;
	message: string;
	field?: string;
	existing_id?: string;
	[key: string]: unknown;
}

const STATUS_HINTS: Record<number, string> = {
	400: 'SevenRooms could not read the request',
	401: 'SevenRooms rejected the credential',
	403: "The credential's scopes do not allow this operation",
	404: 'SevenRooms has no such object',
	409: 'SevenRooms refused because of a conflict',
	422: 'SevenRooms could not accept the values sent',
	429: 'SevenRooms rate limit reached',
	503: 'SevenRooms is temporarily unavailable',
};

const CODE_HINTS: Record<string, string> = {
	table_unavailable: 'The table is already booked at that time. Pick other tables or another time.',
	exceeds_capacity: 'The party is larger than the chosen tables seat. Pick bigger or more tables.',
	guest_exists:
		'A guest with this email or phone already exists. Use "Create or Update" to update them instead.',
	invalid_phone: 'Phone numbers must be in international E.164 form, e.g. +14155552671.',
	idempotency_key_reused:
		'This Idempotency Key was already used for a different request. Use a new key per distinct create.',
	insufficient_scope:
		'Add the missing scope to the credential (Custom Scopes) or use another client.',
	invalid_cursor: 'The page cursor expired (cursors live 10 minutes). Run the node again.',
	invalid_token: 'Check the Client ID and Client Secret of the SevenRooms credential.',
};

/** The `errors` array of an API error body, tolerant of bodies that are not the contract's shape. */
export function errorEntries(body: unknown): SevenRoomsApiErrorEntry[] {
	const errors = (body as { errors?: unknown } | null)?.errors;
	if (!Array.isArray(errors)) return [];
	return errors
		.filter(
			(entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null,
		)
		.map((entry) => ({
			...entry,
			code: String(entry.code ?? 'unknown'),
			message: String(entry.message ?? ''),
			...(entry.field !== undefined && entry.field !== null ? { field: String(entry.field) } : {}),
		}));
}

function describe(entry: SevenRoomsApiErrorEntry): string {
	const field = entry.field ? ` (field "${entry.field}")` : '';
	return `${entry.code}${field}: ${entry.message}`;
}

/**
 * An n8n API error built only from the status and the API's `errors` array: never from the HTTP
 * client's error, whose config carries the bearer token, nor from a body that is not the contract's
 * (an HTML page of a proxy).
 */
export function apiError(
	node: INode,
	status: number,
	body: unknown,
	itemIndex?: number,
	dialect: { entries?: SevenRoomsApiErrorEntry[]; headline?: string } = {},
): NodeApiError {
	const errors = dialect.entries ?? errorEntries(body);
	const first = errors[0];
	const headline = dialect.headline ?? STATUS_HINTS[status] ?? `SevenRooms answered HTTP ${status}`;
	const message = first ? `${headline}: ${first.message || first.code}` : headline;
	const hint = first ? CODE_HINTS[first.code] : undefined;
	const description = [...errors.map(describe), ...(hint ? [hint] : [])].join('\n') || undefined;
	const response: JsonObject = { status, errors: errors as unknown as JsonObject[] };
	const error = new NodeApiError(node, response, {
		message,
		description,
		httpCode: String(status),
		itemIndex,
	});
	error.context.errors = errors;
	return error;
}

/** The API's `errors` entries of an error this transport raised (empty for any other error). */
export function apiErrorsOf(error: unknown): SevenRoomsApiErrorEntry[] {
	const errors = (error as { context?: { errors?: SevenRoomsApiErrorEntry[] } })?.context?.errors;
	return Array.isArray(errors) ? errors : [];
}

/**
 * An error as n8n shows it: the transport's and the nodes' own pass through unchanged (with their
 * status and the API's errors), anything else becomes an API error carrying only its message.
 */
export function nodeErrorOf(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const message = String((error as Error)?.message ?? error).slice(0, 300);
	return new NodeApiError(node, { message } as JsonObject, { message, itemIndex });
}

/** Whether an error is the API's 404 (`not_found`). */
export function isNotFound(error: unknown): boolean {
	return (
		(error as { httpCode?: string })?.httpCode === '404' ||
		apiErrorsOf(error).some((entry) => entry.code === 'not_found')
	);
}

/**
 * What went wrong getting a token, as a short code safe to show: the OAuth `error` code, or the
 * token endpoint's HTTP status. Raw messages are never used: they can quote the token request or
 * the endpoint's HTML page.
 */
export function tokenFailureCode(error: unknown): string {
	let status: number | undefined;
	let current: unknown = error;
	for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
		const candidate = current as {
			body?: { error?: unknown };
			status?: unknown;
			statusCode?: unknown;
			response?: { status?: unknown };
			cause?: unknown;
		};
		const code = candidate.body?.error;
		if (typeof code === 'string' && /^[a-z_]{1,64}$/.test(code)) return code;
		for (const value of [candidate.status, candidate.statusCode, candidate.response?.status]) {
			if (status === undefined && typeof value === 'number' && value >= 100) status = value;
		}
		current = candidate.cause;
	}
	return status !== undefined ? `HTTP ${status}` : 'token_request_failed';
}

/** Whether an error of n8n's HTTP helpers is its failure to get the first OAuth2 token. */
export function isTokenAcquisitionFailure(error: unknown): boolean {
	let current: unknown = error;
	for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
		const { message, body } = current as { message?: unknown; body?: { error?: unknown } };
		if (typeof body?.error === 'string') return true;
		if (typeof message === 'string' && /acquire OAuth2 access token/i.test(message)) return true;
		current = (current as { cause?: unknown }).cause;
	}
	return false;
}

/** The same error for a first token and a refreshed one. */
export function tokenError(node: INode, error: unknown, itemIndex?: number): NodeApiError {
	const code = tokenFailureCode(error);
	return new NodeApiError(node, { oauth_error: code } as JsonObject, {
		message: 'SevenRooms rejected the credential: could not get an access token',
		description: `The token endpoint answered "${code}". Check the Client ID, Client Secret, scopes and base URL of the SevenRooms credential.`,
		httpCode: '401',
		itemIndex,
	});
}

/** No answer after every attempt. */
export function networkError(
	node: INode,
	code: string,
	request: string,
	attempts: number,
	itemIndex?: number,
): NodeApiError {
	return new NodeApiError(node, { network_error: code } as JsonObject, {
		// n8n rewrites messages that name a network code, so the code goes in the description.
		message: `Could not reach SevenRooms after ${attempts} attempts`,
		description: `${request} got no answer (network error ${code}). Check the base URL and the network, then run again: creates are safe to repeat with the same Idempotency Key.`,
		itemIndex,
	});
}

/** A 2xx answer that is not the API's JSON (a proxy's HTML page, a captive portal). */
export function notJsonError(
	node: INode,
	status: number,
	contentType: string | undefined,
	request: string,
	itemIndex?: number,
): NodeApiError {
	return new NodeApiError(node, { status, content_type: contentType ?? 'none' } as JsonObject, {
		message: 'SevenRooms answered with something that is not JSON',
		description: `${request} answered HTTP ${status} with content type "${contentType ?? 'none'}" instead of JSON. Check the credential's base URL: it may point at a web page or a proxy, not at the SevenRooms API.`,
		httpCode: String(status),
		itemIndex,
	});
}

/** A one-object request answered with a list (or nothing): the id did not name one object. */
export function unexpectedShapeError(
	node: INode,
	request: string,
	got: string,
	itemIndex?: number,
): NodeApiError {
	return new NodeApiError(node, { unexpected: got } as JsonObject, {
		message: `SevenRooms answered with ${got} where one object was expected`,
		description: `${request} should return one object. Check the ID: it must name exactly one object.`,
		itemIndex,
	});
}

/** The server asked for a longer wait than any request makes. */
export function waitTooLongError(
	node: INode,
	status: number,
	waitMs: number,
	request: string,
	itemIndex?: number,
): NodeApiError {
	const minutes = Math.round(waitMs / 60_000);
	const wait = minutes >= 120 ? `${Math.round(minutes / 60)} hours` : `${minutes} minutes`;
	return new NodeApiError(node, { status, retry_after_ms: waitMs } as JsonObject, {
		message: `SevenRooms asked to wait ${wait} before trying again`,
		description: `${request} answered HTTP ${status} with Retry-After of ${wait}, longer than this node waits. Run the workflow again later; creates are safe to repeat with the same Idempotency Key.`,
		httpCode: String(status),
		itemIndex,
	});
}

/** 429s kept coming for longer than the rate-limit budget. */
export function rateLimitBudgetError(
	node: INode,
	waitedMs: number,
	request: string,
	itemIndex?: number,
): NodeApiError {
	return new NodeApiError(node, { status: 429 } as JsonObject, {
		message: 'SevenRooms rate limit reached',
		description: `${request} was refused for being over the rate limit for ${Math.round(waitedMs / 60_000)} minutes. Lower "Requests per Minute" in the credential, or check what else uses this SevenRooms client.`,
		httpCode: '429',
		itemIndex,
	});
}

/**
 * A create that must not be sent twice (API 2.4 has no idempotency key) failed in a way that may
 * have created it: the caller looks for the object before trying again.
 */
export function answerLostError(
	node: INode,
	what: string,
	request: string,
	itemIndex?: number,
): NodeApiError {
	const error = new NodeApiError(node, { answer_lost: what } as JsonObject, {
		message: 'SevenRooms may have created the object, but its answer was lost',
		description: `${request} got ${what} instead of an answer, so it is not known whether it was created.`,
		itemIndex,
	});
	error.context.answerLost = true;
	return error;
}

/** Whether an error is `answerLostError`'s. */
export function isAnswerLost(error: unknown): boolean {
	return (error as { context?: { answerLost?: unknown } })?.context?.answerLost === true;
}
