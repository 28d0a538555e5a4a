import { NodeApiError } from 'n8n-workflow';
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
 * client's error, whose config carries the bearer token.
 */
export function apiError(
	node: INode,
	status: number,
	body: unknown,
	itemIndex?: number,
): NodeApiError {
	const errors = errorEntries(body);
	const first = errors[0];
	const headline = STATUS_HINTS[status] ?? `SevenRooms answered HTTP ${status}`;
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
