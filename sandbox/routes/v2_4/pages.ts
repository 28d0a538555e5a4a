import type { SandboxContext } from '../../context';
import type { Reply } from '../../reply';
import type { Keyed } from '../../state';
import { bad } from './fields';

/**
 * 2.4 pages: `limit` 1–400 (default 30; out of range is clamped, and the page says which limit it
 * used) and an opaque `cursor`. Routes end their lists differently, as the vendor's do:
 * - `empty-string`: the page with the last objects has `cursor: ""`
 * - `absent`: the page with the last objects has no `cursor` key
 * - `null`: the page with the last objects has `cursor: null`
 * - `empty-page-repeat`: every page with objects has a cursor; the next, empty page repeats it
 * - `empty-page-null`: likewise, and the empty page has `cursor: null`
 */
export type EndSignal =
	| 'empty-string'
	| 'absent'
	| 'null'
	| 'empty-page-repeat'
	| 'empty-page-null';

export interface PageOptions {
	/** `results`, or `waitlist_entries` on the waitlist */
	listKey: string;
	end: EndSignal;
	/** base64 (keyset, bound to the filters, expires) or an integer offset */
	cursor: 'base64' | 'integer';
	/** a search endpoint: at most `faults.v24SearchCap` objects per cursor chain */
	capped?: boolean;
	/** the page's `limit` as a string, as the vendor's client search schema has it */
	limitAsString?: boolean;
	descending?: boolean;
	/** fields beside cursor, limit and the list (the waitlist's `venue_id`) */
	extra?: Record<string, unknown>;
}

interface CursorClaims {
	k: string;
	n: number;
	f: string;
	e: number;
	/** makes each cursor new (`faults.endlessEmptyPages`) */
	x?: number;
}

let endlessSerial = 0;

/**
 * The bytes every base64 cursor starts with: they encode as `+/+/`, so a client that sends the
 * cursor back without URL-encoding it (a `+` read as a space) fails every time, not now and then.
 */
const CURSOR_HEAD = Buffer.from([0xfb, 0xff, 0xbf]);

export function page24<T>(
	ctx: SandboxContext,
	ordered: Array<Keyed<T>>,
	query: URLSearchParams,
	matches: (item: T) => boolean,
	present: (item: T) => unknown,
	options: PageOptions,
): Reply {
	const limitText = query.get('limit');
	const asked = limitText === null || limitText === '' ? 30 : Number(limitText);
	if (!Number.isFinite(asked)) throw bad('limit must be a number');
	const limit = Math.min(400, Math.max(1, Math.floor(asked)));
	const filters = [...query.entries()]
		.filter(([key]) => key !== 'limit' && key !== 'cursor')
		.sort()
		.map(([key, value]) => `${key}=${value}`)
		.join('&');
	const sent = query.get('cursor');
	const { after, served } = sent
		? readCursor(ctx, sent, filters, options.cursor)
		: { after: undefined, served: 0 };
	const cap = options.capped ? ctx.faults.v24SearchCap : 0;
	if (cap && served >= cap)
		throw bad(
			`A maximum of ${cap} objects can be paginated from the Search endpoint in a single sequence; use the Exports endpoint`,
		);
	const room = cap ? Math.min(limit, cap - served) : limit;

	const beyond = (key: string) =>
		after === undefined || (options.descending ? key < after : key > after);
	let index = 0;
	if (options.cursor === 'base64') {
		let high = ordered.length;
		while (index < high) {
			const middle = (index + high) >> 1;
			if (beyond(ordered[middle].key)) high = middle;
			else index = middle + 1;
		}
	}
	let skip = options.cursor === 'integer' ? served : 0;
	const results: unknown[] = [];
	let lastKey = after ?? '';
	for (; index < ordered.length && results.length < room; index++) {
		if (!matches(ordered[index].item)) continue;
		if (skip > 0) {
			skip--;
			continue;
		}
		results.push(present(ordered[index].item));
		lastKey = ordered[index].key;
	}
	let more = false;
	for (; index < ordered.length && !more; index++) more = matches(ordered[index].item);
	const total = served + results.length;
	const reachedCap = cap > 0 && total >= cap;
	if (reachedCap && ctx.faults.v24SearchCapMode === 'end') more = false;

	const next = () =>
		options.cursor === 'integer'
			? total
			: encode({ k: lastKey, n: total, f: filters, e: ctx.clock.realMs() + ctx.cursorTtlMs });
	let cursor: unknown;
	if (options.end === 'empty-page-repeat' || options.end === 'empty-page-null')
		cursor = results.length ? next() : options.end === 'empty-page-repeat' ? sent : null;
	else if (more) cursor = next();
	else cursor = { 'empty-string': '', absent: undefined, null: null }[options.end];
	if (ctx.faults.endlessEmptyPages && !more)
		cursor =
			options.cursor === 'integer'
				? total + ++endlessSerial
				: encode({
						k: lastKey,
						n: total,
						f: filters,
						e: ctx.clock.realMs() + ctx.cursorTtlMs,
						x: ++endlessSerial,
					});
	if (ctx.faults.repeatCursor) cursor = sent ?? next();

	const data: Record<string, unknown> = { ...options.extra };
	if (cursor !== undefined) data.cursor = cursor;
	data.limit = options.limitAsString ? String(limit) : limit;
	data[options.listKey] = results;
	return { status: 200, body: { status: 200, data } };
}

const encode = (claims: CursorClaims) =>
	Buffer.concat([CURSOR_HEAD, Buffer.from(JSON.stringify(claims))]).toString('base64');

function readCursor(
	ctx: SandboxContext,
	cursor: string,
	filters: string,
	kind: PageOptions['cursor'],
): { after: string | undefined; served: number } {
	if (kind === 'integer') {
		if (!/^\d+$/.test(cursor)) throw bad('Invalid cursor');
		return { after: undefined, served: Number(cursor) };
	}
	const bytes = Buffer.from(cursor, 'base64');
	let claims: Partial<CursorClaims> = {};
	try {
		if (bytes.subarray(0, 3).equals(CURSOR_HEAD))
			claims = JSON.parse(bytes.subarray(3).toString('utf8')) as Partial<CursorClaims>;
	} catch {
		claims = {};
	}
	if (typeof claims.k !== 'string' || typeof claims.n !== 'number' || claims.f !== filters)
		throw bad('Invalid cursor');
	if (typeof claims.e !== 'number' || claims.e < ctx.clock.realMs())
		throw bad('Cursor has expired');
	return { after: claims.k, served: claims.n };
}
