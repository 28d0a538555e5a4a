/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { createContext } from './context';
import type { SandboxOptions } from './context';
import { handleControl, resetStats, setFaults, touchGuest, updateGuests } from './control';
import { handleApiRequest, handleTokenRequest } from './pipeline';
import type { ApiDialect } from './pipeline';
import { send } from './reply';
import type { Reply } from './reply';
import { contractApi } from './routes';
import { api24 } from './routes/v2_4';
import type { SandboxState } from './state';
import type { FaultOptions, Guest, SandboxStats } from './types';

export { ALL_SCOPES, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from './auth';
export { inBirthdayWindow } from './routes/guests';
export { WEBHOOK_EVENTS } from './webhookDelivery';
export type { SandboxContext, SandboxOptions } from './context';
export type { SandboxState } from './state';
export type * from './types';

export interface Sandbox {
	url: string;
	port: number;
	state: SandboxState;
	stats: SandboxStats;
	/** changes the named faults only; the others keep their values */
	setFaults(faults: Partial<FaultOptions>): void;
	setRateLimit(perMinute: number): void;
	/** the API's clock runs `skewMs` ahead of real time (negative: behind); see FaultOptions */
	setClock(skewMs: number): void;
	revokeTokens(): void;
	/** emits an event to the subscribed webhooks as a change would */
	emitEvent(type: string, data: Record<string, unknown>, venueId?: string | null): string;
	/** resolves once every queued webhook delivery has been acknowledged or given up */
	flushWebhooks(): Promise<void>;
	/**
	 * A bulk change made inside SevenRooms (an import, say): each guest changed as a PATCH would,
	 * updated now unless `change` returns an `updated_at`.
	 */
	updateGuests(ids: string[], change: (guest: Guest) => Partial<Guest>): void;
	/** sets a guest's `updated_at` to any ISO 8601 time (the future too), no event */
	touchGuest(id: string, updatedAt: string): Guest;
	resetStats(): void;
	close(): Promise<void>;
}

/** The APIs served, longest prefix first so `/2_4/…` does not fall to the contract's ''. */
const DIALECTS: ApiDialect[] = [contractApi, api24].sort(
	(a, b) => b.prefix.length - a.prefix.length,
);

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const ctx = createContext(options);

	/** The answer to one request, or undefined when the connection is to be dropped. */
	const respond = async (
		request: http.IncomingMessage,
		raw: string,
	): Promise<Reply | undefined> => {
		const url = new URL(request.url ?? '/', 'http://sandbox');
		const method = request.method ?? 'GET';
		const path = url.pathname.replace(/\/+$/, '') || '/';
		if (path.startsWith('/__sandbox/'))
			return await handleControl(ctx, method, path, url.searchParams, raw);
		const dialect = DIALECTS.find(({ prefix }) => path === prefix || path.startsWith(`${prefix}/`));
		if (!dialect)
			return {
				status: 404,
				body: { errors: [{ code: 'not_found', message: `No API at ${path}` }] },
			};
		const local = path.slice(dialect.prefix.length) || '/';
		if (local === dialect.tokenEndpoint.path) return handleTokenRequest(ctx, dialect, method, raw);
		const outcome = await handleApiRequest(ctx, dialect, {
			method,
			path: local,
			query: url.searchParams,
			headers: request.headers,
			raw,
		});
		return 'reply' in outcome ? outcome.reply : undefined;
	};

	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			respond(request, raw)
				.then((reply) => {
					if (reply) send(response, reply, ctx.clock.now());
					else request.socket.destroy();
				})
				.catch((error: Error) => {
					if (!response.headersSent)
						send(
							response,
							{
								status: 500,
								body: { errors: [{ code: 'internal_error', message: error.message }] },
							},
							ctx.clock.now(),
						);
				});
			if (options.log) process.stdout.write(`${request.method} ${request.url}\n`);
		});
	});
	server.keepAliveTimeout = 5_000;
	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
		port,
		state: ctx.state,
		stats: ctx.stats,
		setFaults: (faults) => void setFaults(ctx, faults),
		setRateLimit: (perMinute) => ctx.limiter.setLimit(perMinute),
		setClock: (skewMs) => void setFaults(ctx, { clockSkewMs: skewMs }),
		revokeTokens: () => ctx.auth.revokeAll(),
		emitEvent: (type, data, venueId) => ctx.events.emit(type, data, venueId),
		flushWebhooks: () => ctx.events.flush(),
		updateGuests: (ids, change) => updateGuests(ctx, ids, change),
		touchGuest: (id, updatedAt) => touchGuest(ctx, id, updatedAt),
		resetStats: () => resetStats(ctx),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
