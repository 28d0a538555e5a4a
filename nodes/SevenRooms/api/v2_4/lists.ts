import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, JsonObject } from 'n8n-workflow';

import { apiRequestPages, connectionOf, nodeErrorOf } from '../../transport';
import type { SevenRoomsFunctions } from '../../transport';
import { isoFromNaive } from './shapes';

/**
 * "A maximum of 4000 objects can be paginated from the Search endpoint in a single sequence": a
 * chain of cursors that served this many may have been cut short, silently or with a 400. (Tests
 * lower it, with the sandbox's cap.)
 */
export const searchCap = { objects: 4000 };

function capError(context: SevenRoomsFunctions, path: string, itemIndex?: number): NodeApiError {
	return new NodeApiError(context.getNode(), { search_cap: searchCap.objects } as JsonObject, {
		message: `SevenRooms stopped ${path} at ${searchCap.objects} objects`,
		description:
			'API 2.4 serves at most 4,000 objects per list, and the objects did not come oldest change first (or more than that share one change time), so the node cannot go on from where the list stopped. Narrow the filters (dates, venue) and run again.',
		itemIndex,
	});
}

/**
 * Every page of a 2.4 list, past the search cap. Pages come from the shared page loop; a chain
 * that served `searchCap` objects (and ended, or failed with a 400) is followed by a new chain
 * from the newest `updated` it served (`updated_since`, inclusive), the objects already served
 * left out. That works on any list that comes oldest change first, which is how the node asks
 * for clients (`sort_order=last_updated_ascending`) and how reservations come; a capped list that
 * does not is an error, never a silently short result.
 */
export async function* pages24(
	context: SevenRoomsFunctions,
	path: string,
	qs: IDataObject,
	{
		itemIndex,
		listKey,
		pageSize,
	}: { itemIndex?: number; listKey?: string; pageSize?: number } = {},
): AsyncGenerator<IDataObject[]> {
	let query: IDataObject = { ...(await connectionOf(context)).listQuery, ...qs };
	const served = new Set<string>();
	let previousNewest: string | undefined;
	for (;;) {
		let count = 0;
		let newest: { text: string; ms: number } | undefined;
		let ordered = true;
		try {
			for await (const page of apiRequestPages.call(context, path, query, {
				itemIndex,
				listKey,
				pageSize,
			})) {
				count += page.length;
				const fresh: IDataObject[] = [];
				for (const item of page) {
					const ms = Date.parse(isoFromNaive(item.updated) ?? '');
					if (newest && !Number.isNaN(ms) && ms < newest.ms) ordered = false;
					if (!Number.isNaN(ms) && (!newest || ms >= newest.ms))
						newest = { text: String(item.updated), ms };
					const id = String(item.id ?? '');
					if (id && served.has(id)) continue;
					if (id) served.add(id);
					fresh.push(item);
				}
				yield fresh;
			}
		} catch (error) {
			const status = (error as { httpCode?: string }).httpCode;
			if (count < searchCap.objects || status !== '400')
				throw nodeErrorOf(context.getNode(), error, itemIndex);
		}
		if (count < searchCap.objects) return;
		if (!ordered || !newest || newest.text === previousNewest) {
			throw capError(context, path, itemIndex);
		}
		previousNewest = newest.text;
		query = { ...query, updated_since: newest.text };
	}
}

/** The first `limit` objects (all when undefined) of a 2.4 list that pass `keep`. */
export async function collect24(
	context: SevenRoomsFunctions,
	path: string,
	qs: IDataObject,
	{
		limit,
		itemIndex,
		listKey,
		keep,
	}: {
		limit?: number;
		itemIndex?: number;
		listKey?: string;
		keep?: (item: IDataObject) => boolean;
	},
): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	// Filtered here: pages as large as the API serves; otherwise no larger than needed.
	const pageSize = keep ? undefined : limit;
	for await (const page of pages24(context, path, qs, { itemIndex, listKey, pageSize })) {
		for (const item of page) if (!keep || keep(item)) items.push(item);
		if (limit !== undefined && items.length >= limit) return items.slice(0, limit);
	}
	return items;
}
