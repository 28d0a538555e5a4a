import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, JsonObject } from 'n8n-workflow';

import { connectionOf } from './connection';
import { apiRequest } from './request';
import type { SevenRoomsFunctions } from './types';

/** More pages than any real list has (a million objects at the largest page size). */
export const MAX_PAGES = 5_000;
/**
 * Empty pages in a row that still name a next page, at which a list is taken for one that never
 * ends. The OAuth2 contract ends a list with `next_cursor: null`; one or two empty pages before
 * that (a block of deleted objects, a cursor handed to an empty last page) are tolerated. API 2.4
 * ends a list on its first empty page (its dialect names no next page for one), as the vendor says.
 */
export const EMPTY_PAGES_IN_A_ROW = 3;

function paginationError(
	context: SevenRoomsFunctions,
	path: string,
	problem: string,
	itemIndex?: number,
): NodeApiError {
	return new NodeApiError(context.getNode(), { pagination: problem } as JsonObject, {
		message: `SevenRooms' pages of ${path} do not end: ${problem}`,
		description:
			'The API kept answering with more pages where the list should have ended, so the node stopped instead of reading forever. Try again later; if it persists, report it to SevenRooms.',
		itemIndex,
	});
}

/**
 * Pages of a list endpoint, following the cursor until the dialect says the list ended (a page's
 * objects and cursor are read by the API's dialect; `listKey` names a list that is not the
 * usual one). A cursor that comes back a second time, `EMPTY_PAGES_IN_A_ROW` empty pages that
 * still name a next one, or more than `MAX_PAGES` pages, is an error naming the path: a server
 * that never ends its list can't make a node read forever.
 */
export async function* apiRequestPages(
	this: SevenRoomsFunctions,
	path: string,
	qs: IDataObject = {},
	{
		pageSize,
		itemIndex,
		listKey,
	}: { pageSize?: number; itemIndex?: number; listKey?: string } = {},
): AsyncGenerator<IDataObject[]> {
	const { dialect } = await connectionOf(this);
	const limit = Math.max(1, Math.min(dialect.maxPageSize, pageSize ?? dialect.maxPageSize));
	const cursorsSeen = new Set<string>();
	let cursor: string | undefined;
	let emptyInARow = 0;
	for (let page = 1; ; page++) {
		if (page > MAX_PAGES)
			throw paginationError(this, path, `more than ${MAX_PAGES} pages`, itemIndex);
		const body = await apiRequest.call(this, 'GET', path, {
			qs: { ...qs, limit, ...(cursor ? { cursor } : {}) },
			itemIndex,
			streamAnswer: true,
		});
		const next = dialect.pageOf(body, listKey);
		yield next.items;
		cursor = next.cursor;
		if (!cursor) return;
		if (cursorsSeen.has(cursor)) {
			throw paginationError(this, path, 'the same page cursor came back twice', itemIndex);
		}
		emptyInARow = next.items.length ? 0 : emptyInARow + 1;
		if (emptyInARow >= EMPTY_PAGES_IN_A_ROW) {
			const problem = `${EMPTY_PAGES_IN_A_ROW} empty pages in a row each named a next page`;
			throw paginationError(this, path, problem, itemIndex);
		}
		cursorsSeen.add(cursor);
	}
}

/** Every object of a list endpoint, or the first `limit` of them. */
export async function apiRequestAllItems(
	this: SevenRoomsFunctions,
	path: string,
	qs: IDataObject = {},
	{ limit, itemIndex, listKey }: { limit?: number; itemIndex?: number; listKey?: string } = {},
): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	const pageSize = limit === undefined ? undefined : Math.max(1, limit);
	for await (const page of apiRequestPages.call(this, path, qs, { pageSize, itemIndex, listKey })) {
		for (const item of page) items.push(item);
		if (limit !== undefined && items.length >= limit) return items.slice(0, limit);
	}
	return items;
}
