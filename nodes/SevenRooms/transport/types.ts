import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { Authentication } from '../shared/contract';
import type { SevenRoomsApiErrorEntry } from './errors';

/** The n8n contexts that talk to SevenRooms: a node run, a poll, a webhook's life cycle, a list. */
export type SevenRoomsFunctions =
	| IExecuteFunctions
	| IPollFunctions
	| IHookFunctions
	| ILoadOptionsFunctions
	| IWebhookFunctions;

/** What one request attempt needs to authenticate: the node's credential and a renewal flag. */
export interface AuthState {
	/** the API client (connection's `clientKey`): its clock tells when a token runs out */
	clientKey: string;
	/** the API said the credential's token is no good: get a new one before the next attempt */
	renew: boolean;
}

/** One page of a list answer: its objects and the cursor of the next page (none: the last). */
export interface Page {
	items: IDataObject[];
	cursor?: string;
}

/**
 * Everything that differs between the two APIs the nodes speak, in one object per API: the
 * credential and how it authenticates, how bodies are sent, and how answers, pages and errors
 * read. The request path (`request.ts`) and the page loop (`pagination.ts`) are shared.
 */
export interface Dialect {
	authentication: Authentication;
	credentialType: string;
	/** the largest page the API serves */
	maxPageSize: number;
	/** whether the API honours `Idempotency-Key` (2.4 has none) */
	idempotencyHeader: boolean;
	/** the API root the credential names (checked by the connection) */
	baseUrlOf(credentials: ICredentialDataDecryptedObject): unknown;
	/** query every list of venues, guests and reservations carries (2.4: the venue group) */
	listQuery(credentials: ICredentialDataDecryptedObject): IDataObject;
	/** puts `body` on the request as the API wants it (`form`: urlencoded) */
	encodeBody(
		request: IHttpRequestOptions,
		body: IDataObject | IDataObject[],
		encoding?: 'json' | 'form',
	): void;
	/** sends one attempt with the credential's authentication */
	send(
		context: SevenRoomsFunctions,
		request: IHttpRequestOptions,
		auth: AuthState,
	): Promise<IN8nHttpFullResponse>;
	/** after a 401: renews the token (once per request) */
	reauthenticate(context: SevenRoomsFunctions, auth: AuthState): Promise<void>;
	/** an error answer's body as the entries `errors.ts` reports */
	errorEntries(body: unknown): SevenRoomsApiErrorEntry[];
	/** a one-object answer's object (undefined: none, `list` when it is a list) */
	objectOf(body: IDataObject | undefined): IDataObject | 'list' | undefined;
	/** a list answer's page; `listKey` names the list where it isn't the usual one */
	pageOf(body: IDataObject | undefined, listKey?: string): Page;
	/** headline of an error status where the API's meaning differs from the shared one */
	statusHints: Record<number, string>;
}
