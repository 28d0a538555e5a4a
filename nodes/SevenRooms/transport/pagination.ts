import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, JsonObject } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../shared/contract';
import type { SevenRoomsFunctions } from './connection';
import { apiRequest } from './request';

/** More pages than any real list has (a million objects at the largest page size). */
export const MAX_PAGES = 5_000;

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

/** The objects of one list page (`{"data": […]}`); a missing or null list is an empty page. */
function pageItems(body: IDataObject | undefined): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	return Array.isArray(body?.data) ? (body.data as IDataObject[]) : [];
}

/** The cursor of the next page, or undefined on the last page. */
function nextCursorOf(body: IDataObject | undefined): string | undefined {
	const next = (body?.pagination as IDataObject | undefined)?.next_cursor;
	if (typeof next === 'number' && Number.isFinite(next)) return String(next);
	return typeof next === 'string' && next !== '' ? next : undefined;
}

/**
 * Pages of a list endpoint, following `next_cursor` until it is null. A cursor that comes back a
 * second time, or more than `MAX_PAGES` pages, is an error naming the path: a server that never
 * ends its list can't make a node read forever.
 */
export async function* apiRequestPages(
	this: SevenRoomsFunctions,
	path: string,
	qs: IDataObject = {},
	{ pageSize = MAX_PAGE_SIZE, itemIndex }: { pageSize?: number; itemIndex?: number } = {},
): AsyncGenerator<IDataObject[]> {
	const cursorsSeen = new Set<string>();
	let cursor: string | undefined;
	for (let page = 1; ; page++) {
		if (page > MAX_PAGES)
			throw paginationError(this, path, `more than ${MAX_PAGES} pages`, itemIndex);
		const body = await apiRequest.call(this, 'GET', path, {
			qs: { ...qs, limit: pageSize, ...(cursor ? { cursor } : {}) },
			itemIndex,
		});
		yield pageItems(body);
		cursor = nextCursorOf(body);
		if (!cursor) return;
		if (cursorsSeen.has(cursor)) {
			throw paginationError(this, path, 'the same page cursor came back twice', itemIndex);
		}
		cursorsSeen.add(cursor);
	}
}

/** Every object of a list endpoint, or the first `limit` of them. */
export async function apiRequestAllItems(
	this: SevenRoomsFunctions,
	path: string,
	qs: IDataObject = {},
	{ limit, itemIndex }: { limit?: number; itemIndex?: number } = {},
): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	const pageSize =
		limit === undefined ? MAX_PAGE_SIZE : Math.max(1, Math.min(MAX_PAGE_SIZE, limit));
	for await (const page of apiRequestPages.call(this, path, qs, { pageSize, itemIndex })) {
		for (const item of page) items.push(item);
		if (limit !== undefined && items.length >= limit) return items.slice(0, limit);
	}
	return items;
}
