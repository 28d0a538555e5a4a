import type { SandboxContext } from './context';
import type { Reply } from './reply';
import type { Keyed } from './state';
import { invalid } from './validation';

interface CursorClaims {
	/** the key of the last object served */
	k: string;
	/** the query's filters: a cursor is only valid with the same ones */
	f: string;
	/** expiry, real time ms */
	e: number;
	/** makes each cursor new (`faults.endlessEmptyPages`) */
	x?: number;
}

let endlessSerial = 0;

const encode = (claims: CursorClaims) => Buffer.from(JSON.stringify(claims)).toString('base64url');

/** Objects in a map's insertion order, keyed so keyset pagination can resume after any of them. */
export function insertionOrder<T>(map: Map<string, T>): Array<Keyed<T>> {
	return [...map.values()].map((item, index) => ({ key: String(index).padStart(9, '0'), item }));
}

/**
 * Keyset pagination over a sorted list: stable while objects change between pages. The cursor
 * names the last key served, so an object that moves (a guest updated) is seen again at its new
 * place, never skipped. With `faults.repeatCursor` every page names the same cursor, with
 * `faults.endlessEmptyPages` the end of the list a new one each time (server bugs).
 */
export function paginate<T>(
	ctx: SandboxContext,
	sorted: Array<Keyed<T>>,
	query: URLSearchParams,
	matches: (item: T) => boolean,
	present: (item: T) => unknown,
): Reply {
	const limitText = query.get('limit');
	const limit = limitText === null ? 50 : Number(limitText);
	if (!Number.isInteger(limit) || limit < 1 || limit > 200)
		throw invalid('limit', 'limit must be a whole number from 1 to 200');
	const filters = [...query.entries()]
		.filter(([key]) => key !== 'limit' && key !== 'cursor')
		.sort()
		.map(([key, value]) => `${key}=${value}`)
		.join('&');
	const cursor = query.get('cursor');
	const after = cursor ? decodeCursor(ctx, cursor, filters) : '';

	let low = 0;
	let high = sorted.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (sorted[middle].key <= after) low = middle + 1;
		else high = middle;
	}
	const data: unknown[] = [];
	let lastKey = after;
	let index = low;
	for (; index < sorted.length && data.length < limit; index++) {
		if (matches(sorted[index].item)) {
			data.push(present(sorted[index].item));
			lastKey = sorted[index].key;
		}
	}
	let more = false;
	for (; index < sorted.length && !more; index++) more = matches(sorted[index].item);

	const nextCursor = () =>
		encode({ k: lastKey, f: filters, e: ctx.clock.realMs() + ctx.cursorTtlMs });
	let next_cursor: string | null = more ? nextCursor() : null;
	if (ctx.faults.endlessEmptyPages && !more)
		next_cursor = encode({
			k: lastKey,
			f: filters,
			e: ctx.clock.realMs() + ctx.cursorTtlMs,
			x: ++endlessSerial,
		});
	if (ctx.faults.repeatCursor) next_cursor = cursor || nextCursor();
	return { status: 200, body: { data, pagination: { next_cursor, limit } } };
}

/** The key a cursor resumes after, or 422 invalid_cursor. */
function decodeCursor(ctx: SandboxContext, cursor: string, filters: string): string {
	let decoded: Partial<CursorClaims> = {};
	try {
		decoded = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) ??
			{}) as typeof decoded;
	} catch {
		decoded = {};
	}
	if (typeof decoded.k !== 'string' || decoded.f !== filters || typeof decoded.e !== 'number')
		throw invalid('cursor', 'The cursor is not valid for this query', 'invalid_cursor');
	if (decoded.e < ctx.clock.realMs())
		throw invalid('cursor', 'The cursor expired; start again without it', 'invalid_cursor');
	return decoded.k;
}
