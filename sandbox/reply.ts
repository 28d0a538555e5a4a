/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node modules and dev packages) */
import type http from 'node:http';

/** An answer the API refuses with: its status, the contract's error code, and headers it needs. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		/** extra fields of the error object: `field`, `existing_id` */
		readonly extra: Record<string, unknown> = {},
		readonly headers: Record<string, string> = {},
	) {
		super(message);
	}
}

/** What a handler answers; the server adds Date and rate-limit headers when it sends it. */
export interface Reply {
	status: number;
	/** sent as JSON */
	body?: unknown;
	/** sent as text/html instead of a JSON body (a proxy's page, never the API's) */
	html?: string;
	headers?: Record<string, string>;
	/** a fault: the connection drops halfway through the body */
	cutBody?: boolean;
}

/** The contract's error body: `{"errors": [{code, message, field?}]}`. */
export function contractErrorReply(error: ApiError): Reply {
	return {
		status: error.status,
		headers: { ...error.headers },
		body: { errors: [{ code: error.code, message: error.message, ...error.extra }] },
	};
}

export function send(response: http.ServerResponse, reply: Reply, date: Date): void {
	const headers: Record<string, string> = { ...reply.headers, Date: date.toUTCString() };
	let payload = '';
	if (reply.html !== undefined) {
		payload = reply.html;
		headers['Content-Type'] = 'text/html';
	} else if (reply.body !== undefined && reply.status !== 204) {
		payload = JSON.stringify(reply.body);
		headers['Content-Type'] = 'application/json';
	}
	if (reply.cutBody && payload) {
		const bytes = Buffer.from(payload);
		headers['Content-Length'] = String(bytes.length);
		response.writeHead(reply.status, headers);
		response.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => response.destroy());
		return;
	}
	response.writeHead(reply.status, headers);
	response.end(payload);
}
