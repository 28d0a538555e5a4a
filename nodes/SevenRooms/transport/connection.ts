import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode } from 'n8n-workflow';

import { baseUrlText, isPlainHttpElsewhere, PLAIN_HTTP_REFUSED_URL } from '../shared/baseUrl';
import { dialectOf } from './dialects';
import { rateControllerFor } from './rateControl';
import type { RateController } from './rateControl';
import type { Dialect, SevenRoomsFunctions } from './types';

/** Where and as whom a node talks to SevenRooms. */
export interface Connection {
	baseUrl: string;
	/** one API client: credential, client id and base URL (rate budget, clock, caches) */
	clientKey: string;
	/** paces this client's requests (shared by every node run of the client in this process) */
	rateControl: RateController;
	/** the API the node speaks (its Authentication parameter) */
	dialect: Dialect;
	/** query every list of venues, guests and reservations carries */
	listQuery: IDataObject;
}

const connections = new WeakMap<object, Promise<Connection>>();

/**
 * The credential's API root, checked: an http(s) URL, and https unless it is this machine
 * (shared/baseUrl.ts, the rule the credentials apply too), so the client secret and the bearer
 * token never cross a network in clear.
 */
export function checkedBaseUrl(node: INode, value: unknown): string {
	const text = baseUrlText(value);
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
		throw new NodeOperationError(
			node,
			`The SevenRooms credential's Base URL "${text}" is not a web address`,
			{
				description: 'Enter the API root, e.g. https://svr-api.sevenrooms.com, in the credential.',
			},
		);
	}
	if (text === PLAIN_HTTP_REFUSED_URL || isPlainHttpElsewhere(text)) {
		throw new NodeOperationError(node, "The SevenRooms credential's Base URL uses plain http", {
			description:
				'Plain http would send the client secret and access token unencrypted. Use https; plain http is only allowed for this machine (localhost, 127.0.0.1, ::1).',
		});
	}
	return text;
}

/**
 * The connection of a node run, read once per context (the same promise for every request of the
 * run; a failed read is not kept, so each item reports it).
 */
export async function connectionOf(context: SevenRoomsFunctions): Promise<Connection> {
	let connection = connections.get(context);
	if (!connection) {
		connection = connect(context);
		connections.set(context, connection);
		connection.catch(() => connections.delete(context));
	}
	return await connection;
}

async function connect(context: SevenRoomsFunctions): Promise<Connection> {
	const dialect = dialectOf(context);
	const credentials = await context.getCredentials(dialect.credentialType);
	const node = context.getNode();
	const baseUrl = checkedBaseUrl(node, dialect.baseUrlOf(credentials));
	const credentialId = node.credentials?.[dialect.credentialType]?.id ?? 'default';
	const clientKey = `${credentialId}|${String(credentials.clientId ?? '')}|${baseUrl}`;
	return {
		baseUrl,
		clientKey,
		rateControl: rateControllerFor(clientKey, credentials.rateLimitPerMinute ?? 120),
		dialect,
		listQuery: dialect.listQuery(credentials),
	};
}
