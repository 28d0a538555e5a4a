import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { ChangeSource } from '../api';
import {
	apiNowMs,
	firstCursor,
	MANUAL_SAMPLE,
	pagesSince,
	pollChanges,
	sourcePages,
	time,
} from './changes';
import type { ChangeCursor } from './changes';
import { changeSourceOf } from './events';
import {
	passes,
	pastHorizon,
	RememberedVisits,
	VISIT_HORIZON_DAYS,
	visitEventsOf,
	visitFiltersOf,
} from './visitEvents';
import type { VisitEvent, VisitFilters } from './visitEvents';
import { visitItems } from './visitItems';

/**
 * After the Visit: completed visits, no-shows and ratings, each once, from the reservations'
 * changes (the shared cursor of `changes.ts`). See `visitEvents.ts` for what makes an event news.
 */
export interface AfterVisitState extends ChangeCursor {
	/** fingerprints of the events told (or not wanted), by the day the visit started */
	emitted?: Record<string, string>;
	/** API 2.4: when the last days' reservations were last read again for ratings (ISO) */
	sweptAt?: string;
}

const DAY_MS = 24 * 60 * 60_000;
/**
 * Whether a rating moves a 2.4 reservation's `updated` is unverified: every quarter of an hour the
 * reservations of the last two service dates are read again, so a rating that did not move it is
 * still found (late, and at most once).
 */
const SWEEP_MS = 15 * 60_000;
const SWEEP_DAYS = 2;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The first poll after activation: what the visits of the last days already have (completed,
 * no-show, rated) is the starting point, not news, so a rating added later to a visit completed
 * before activation is told without a late Visit Completed. Reads those days' reservations once.
 */
async function startFrom(
	context: IPollFunctions,
	state: AfterVisitState,
	source: ChangeSource,
): Promise<void> {
	const cursor = await firstCursor(context, source);
	const now = time(cursor);
	const remembered = new RememberedVisits(undefined, now);
	const since = iso(now - (VISIT_HORIZON_DAYS + 1) * DAY_MS);
	for await (const page of pagesSince(context, source, since)) {
		for (const reservation of page) {
			for (const event of visitEventsOf(reservation)) remembered.add(event);
		}
	}
	Object.assign(state, { cursor, recent: {}, emitted: remembered.buckets, sweptAt: iso(now) });
}

/** A test click's sample: the newest few events of the last day, or of the last days. */
async function sampleVisits(
	context: IPollFunctions,
	source: ChangeSource,
	filters: VisitFilters,
	now: number,
): Promise<VisitEvent[]> {
	for (const days of [1, VISIT_HORIZON_DAYS]) {
		const events: VisitEvent[] = [];
		let pages = 0;
		for await (const page of pagesSince(context, source, iso(now - days * DAY_MS))) {
			for (const reservation of page) {
				for (const event of visitEventsOf(reservation)) {
					if (filters.kinds.includes(event.kind) && passes(filters, event)) events.push(event);
				}
			}
			if (++pages >= 2) break;
		}
		const newest = (event: VisitEvent) => time(event.reservation.updated_at) || 0;
		if (events.length) return events.sort((a, b) => newest(b) - newest(a)).slice(0, MANUAL_SAMPLE);
	}
	return [];
}

/** The reservations of the last service dates, when a 2.4 sweep for ratings is due. */
async function sweep(
	context: IPollFunctions,
	source: ChangeSource,
	state: AfterVisitState,
	filters: VisitFilters,
	now: number,
): Promise<IDataObject[] | undefined> {
	if (!source.recentVisits || !filters.kinds.includes('rated')) return undefined;
	if (time(state.sweptAt) > now - SWEEP_MS) return undefined;
	const reservations: IDataObject[] = [];
	for await (const page of sourcePages(context, source, source.recentVisits(SWEEP_DAYS))) {
		reservations.push(...page);
	}
	return reservations;
}

/** One poll (or a test click's sample, which leaves the state alone). */
export async function pollAfterVisit(
	context: IPollFunctions,
	state: AfterVisitState,
	manual: boolean,
): Promise<IDataObject[]> {
	const filters = visitFiltersOf(context);
	const source = changeSourceOf(context, 'afterVisit');
	if (manual) {
		const now = (await apiNowMs(context)) ?? Date.now();
		return await visitItems(context, await sampleVisits(context, source, filters, now));
	}
	if (!state.cursor) {
		await startFrom(context, state, source);
		return [];
	}
	const before = { cursor: state.cursor, recent: state.recent };
	const changed = (await pollChanges(context, state, source)).map(({ item }) => item);
	// The API's clock, as its last answer told it.
	const now = (await apiNowMs(context)) ?? Date.now();
	let swept: IDataObject[] | undefined;
	let read = false;
	try {
		swept = await sweep(context, source, state, filters, now);
		read = true;
	} finally {
		// A failed read leaves the state as it was: the next poll finds the same changes.
		if (!read) Object.assign(state, before);
	}
	const remembered = new RememberedVisits(state.emitted, now);
	const news: VisitEvent[] = [];
	for (const reservation of [...changed, ...(swept ?? [])]) {
		if (pastHorizon(reservation, now)) continue;
		for (const event of visitEventsOf(reservation)) {
			if (remembered.has(event)) continue;
			// Not wanted now is remembered (choosing it later brings no backlog); filtered out is
			// not (a bill corrected upwards may still pass Minimum Spend).
			if (filters.kinds.includes(event.kind) && !passes(filters, event)) continue;
			remembered.add(event);
			if (filters.kinds.includes(event.kind)) news.push(event);
		}
	}
	state.emitted = remembered.buckets;
	if (swept) state.sweptAt = iso(now);
	return await visitItems(context, news);
}
