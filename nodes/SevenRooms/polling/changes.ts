import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { ChangeSource } from '../api';
import { apiRequestPages, connectionOf, serverNow } from '../transport';

/** Changes are asked for from a little before the last one seen: late writes are not missed. */
export const POLL_OVERLAP_MS = 2 * 60 * 1000;
/** How far past the API's "now" a change time may move the cursor (clock jitter). */
export const FUTURE_TOLERANCE_MS = 60 * 1000;
/** Without the API's clock (no `Date` header), the first cursor allows for this much skew. */
export const UNKNOWN_CLOCK_ALLOWANCE_MS = 5 * 60 * 1000;
/** What a manual test run shows, and the windows it looks in (two requests at most). */
export const MANUAL_SAMPLE = 5;
const MANUAL_RECENT_MS = 24 * 60 * 60 * 1000;

function pagesOf(source: ChangeSource): NonNullable<ChangeSource['pages']> {
	return (
		source.pages ??
		((context, path, qs, options) => apiRequestPages.call(context, path, qs, options))
	);
}

function sinceQuery(source: ChangeSource, iso: string): IDataObject {
	return source.since ? source.since(iso) : { 'updated_at[gte]': iso };
}

/** A source's objects for another query (a sweep), page by page. */
export function sourcePages(
	context: IPollFunctions,
	source: ChangeSource,
	qs: IDataObject,
): AsyncGenerator<IDataObject[]> {
	return pagesOf(source)(context, source.path, qs, {});
}

/** A source's objects changed since an instant (ISO), page by page. */
export function pagesSince(
	context: IPollFunctions,
	source: ChangeSource,
	since: string,
): AsyncGenerator<IDataObject[]> {
	return sourcePages(context, source, { ...source.qs, ...sinceQuery(source, since) });
}

export interface ChangeCursor {
	/** newest change time seen (API clock, ISO), never past the API's now */
	cursor?: string;
	/** id → change time of what was emitted inside the overlap window (or in the future) */
	recent?: Record<string, string>;
}

/** A change found by a poll, with what the poll knew before it (for "created" vs "updated"). */
export interface Change {
	item: IDataObject;
	/** the id had been emitted before, inside the overlap window */
	seenBefore: boolean;
	/** start of the window this poll asked for (ms, API clock) */
	since: number;
}

export function time(value: unknown): number {
	return typeof value === 'string' ? Date.parse(value) : NaN;
}

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

export async function apiNowMs(context: IPollFunctions): Promise<number | undefined> {
	return serverNow((await connectionOf(context)).clientKey);
}

/**
 * The first cursor, from the API's clock: one small request tells it (its `Date` header). Changes
 * made from activation on are then found whatever n8n's own clock says.
 */
export async function firstCursor(context: IPollFunctions, source: ChangeSource): Promise<string> {
	const before = Date.now();
	for await (const page of pagesOf(source)(context, source.path, source.qs, { pageSize: 1 })) {
		void page;
		break;
	}
	return iso((await apiNowMs(context)) ?? before - UNKNOWN_CLOCK_ALLOWANCE_MS);
}

/**
 * New and changed objects since the last poll, each once: asks from the cursor minus an overlap and
 * drops what was already emitted with the same change time. The cursor follows the newest change
 * but never runs past the API's now (a record dated tomorrow must not hide today's changes), and
 * state stays as small as the overlap. The state is only changed once every page was read.
 */
export async function pollChanges(
	context: IPollFunctions,
	state: ChangeCursor,
	source: ChangeSource,
): Promise<Change[]> {
	const { path, qs, changedAt, serverFilter } = source;
	// A cursor past the API's now (left by an older version) is brought back to it.
	const start = Math.min(
		time(state.cursor),
		((await apiNowMs(context)) ?? Date.now()) + FUTURE_TOLERANCE_MS,
	);
	const since = start - POLL_OVERLAP_MS;
	const previous = state.recent ?? {};
	const recent = { ...previous };
	const changes: Change[] = [];
	let newest = start;
	const query = serverFilter ? { ...qs, ...sinceQuery(source, iso(since)) } : qs;
	for await (const page of pagesOf(source)(context, path, query, {})) {
		for (const item of page) {
			const at = changedAt(item);
			const id = String(item.id ?? '');
			if (typeof at !== 'string' || !id || Number.isNaN(time(at)) || time(at) < since) continue;
			if (recent[id] === at) continue;
			recent[id] = at;
			changes.push({ item, seenBefore: id in previous, since });
			if (time(at) > newest) newest = time(at);
		}
	}
	const ceiling = ((await apiNowMs(context)) ?? Date.now()) + FUTURE_TOLERANCE_MS;
	const cursor = Math.min(newest, ceiling);
	state.cursor = iso(cursor);
	state.recent = Object.fromEntries(
		Object.entries(recent).filter(([, at]) => time(at) >= cursor - POLL_OVERLAP_MS),
	);
	return changes;
}

/**
 * A manual test run's sample: the newest few changes of the last day, or of the whole list when
 * the day had none. Two requests at most, and the trigger's state is not touched.
 */
export async function sampleChanges(
	context: IPollFunctions,
	source: ChangeSource,
): Promise<Change[]> {
	const since = ((await apiNowMs(context)) ?? Date.now()) - MANUAL_RECENT_MS;
	const windows = source.serverFilter
		? [{ ...source.qs, ...sinceQuery(source, iso(since)) }, source.qs]
		: [source.qs];
	for (const qs of windows) {
		for await (const page of pagesOf(source)(context, source.path, qs, {})) {
			const newest = page
				.filter((item) => !Number.isNaN(time(source.changedAt(item))))
				.sort((a, b) => time(source.changedAt(b)) - time(source.changedAt(a)))
				.slice(0, MANUAL_SAMPLE);
			if (newest.length) return newest.map((item) => ({ item, seenBefore: false, since }));
			break;
		}
	}
	return [];
}
