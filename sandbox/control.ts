import type { SandboxContext } from './context';
import { faultsProblem } from './faults';
import { ApiError, contractErrorReply } from './reply';
import type { Reply } from './reply';
import type { SandboxState } from './state';
import { findOr404 } from './state';
import { freshStats } from './stats';
import type { FaultOptions, Guest } from './types';

/**
 * What tests change while the sandbox runs: the same operations behind `Sandbox`'s methods (same
 * process) and behind `/__sandbox/*` (tests driving n8n in another process).
 */

export function setFaults(ctx: SandboxContext, faults: Partial<FaultOptions>): FaultOptions {
	const problem = faultsProblem(faults);
	if (problem) throw new Error(problem);
	return Object.assign(ctx.faults, faults);
}

/** Sets a guest's updated_at (any ISO 8601 time, future ones too) and re-sorts the guest list. */
export function touchGuest(ctx: SandboxContext, id: string, updatedAt: string): Guest {
	if (Number.isNaN(Date.parse(updatedAt))) throw new Error(`${updatedAt} is not an ISO 8601 time`);
	const guest = findOr404(ctx.state.guests, id, 'guest');
	guest.updated_at = updatedAt;
	ctx.guestOrder.changed();
	return guest;
}

/**
 * A bulk change made inside SevenRooms (an import, say): each guest changed as a PATCH would, with
 * guest.updated; `updated_at` is now unless `change` returns one.
 */
export function updateGuests(
	ctx: SandboxContext,
	ids: string[],
	change: (guest: Guest) => Partial<Guest>,
): void {
	for (const id of ids) {
		const guest = findOr404(ctx.state.guests, id, 'guest');
		const fields = change(guest);
		Object.assign(guest, fields, { updated_at: fields.updated_at ?? ctx.clock.timestamp() });
		ctx.events.emit('guest.updated', { ...guest }, null);
	}
	ctx.guestOrder.changed();
}

export function resetStats(ctx: SandboxContext): void {
	Object.assign(ctx.stats, freshStats());
}

const badRequest = (message: string) =>
	contractErrorReply(new ApiError(400, 'bad_request', message));

/** `/__sandbox/*`: no auth, no faults, JSON in and out. */
export async function handleControl(
	ctx: SandboxContext,
	method: string,
	path: string,
	query: URLSearchParams,
	raw: string,
): Promise<Reply> {
	let body: Record<string, unknown>;
	try {
		body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
	} catch {
		return badRequest('Body is not JSON');
	}
	const action = `${method} ${path.slice('/__sandbox'.length)}`;
	switch (action) {
		case 'GET /stats':
			return { status: 200, body: ctx.stats };
		case 'GET /faults':
			return { status: 200, body: ctx.faults };
		case 'POST /faults': {
			const problem = faultsProblem(body);
			return problem
				? badRequest(problem)
				: { status: 200, body: setFaults(ctx, body as Partial<FaultOptions>) };
		}
		case 'POST /clock': {
			if (typeof body.skewMs !== 'number') return badRequest('skewMs must be a number');
			ctx.faults.clockSkewMs = body.skewMs;
			return { status: 200, body: { skewMs: body.skewMs, now: ctx.clock.timestamp() } };
		}
		case 'POST /rate-limit':
			ctx.limiter.setLimit(Number(body.perMinute ?? 0));
			return { status: 200, body: { perMinute: ctx.limiter.perMinute } };
		case 'POST /revoke-tokens':
			ctx.auth.revokeAll();
			return { status: 204 };
		case 'POST /reset-stats':
			resetStats(ctx);
			return { status: 204 };
		case 'POST /events': {
			const ids = [];
			for (let n = 0; n <= Number(body.duplicate ?? 0); n++)
				ids.push(
					ctx.events.emit(
						String(body.type),
						(body.data ?? {}) as Record<string, unknown>,
						body.venue_id as string | undefined,
					),
				);
			return { status: 202, body: { ids } };
		}
		case 'POST /flush-webhooks':
			await ctx.events.flush();
			return { status: 204 };
	}
	const touched = /^POST \/guests\/([^/]+)\/touch$/.exec(action)?.[1];
	if (touched) {
		if (typeof body.updated_at !== 'string' || Number.isNaN(Date.parse(body.updated_at)))
			return badRequest('updated_at must be an ISO 8601 time');
		if (!ctx.state.guests.has(touched))
			return contractErrorReply(new ApiError(404, 'not_found', `No guest ${touched}`));
		return { status: 200, body: { data: touchGuest(ctx, touched, body.updated_at) } };
	}
	const collection = /^GET \/state\/(\w+)$/.exec(action)?.[1] as keyof SandboxState | undefined;
	if (collection && collection in ctx.state) {
		const filters = [...query.entries()];
		const items = [
			...(ctx.state[collection] as Map<string, Record<string, unknown>>).values(),
		].filter((item) => filters.every(([key, value]) => String(item[key]) === value));
		return { status: 200, body: { data: items, count: items.length } };
	}
	return {
		status: 404,
		body: { errors: [{ code: 'not_found', message: `No sandbox control ${method} ${path}` }] },
	};
}
