import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { addToBucket, bucketsHold, fingerprintOf } from '../helpers/fingerprint';
import type { FingerprintBuckets } from '../helpers/fingerprint';
import { moneyOf, nonBlankText, ratingOf } from '../helpers/money';

/**
 * What After the Visit tells about a reservation, and what it remembers having told. A visit is
 * news once: each event has a key (the reservation's id; a rating's also its score), and the keys
 * emitted are kept as fingerprints by the day the visit started, for as long as a visit can still
 * make news (`VISIT_HORIZON_DAYS`). Neither API dates a no-show or a rating, and 2.4 often not the
 * end of a visit, so the keys, not a time window, decide: a bill corrected or a rating added days
 * later is a change of the reservation, not a second Visit Completed.
 */

export type VisitKind = 'completed' | 'no_show' | 'rated';
export const VISIT_KINDS: VisitKind[] = ['completed', 'no_show', 'rated'];

/** A visit older than this (by its start) is never news: ratings come within days. */
export const VISIT_HORIZON_DAYS = 7;
const DAY_MS = 24 * 60 * 60_000;
/** At most this many events remembered (600 KB of static data); the oldest days go first. */
export const MAX_REMEMBERED = 50_000;

export interface VisitEvent {
	kind: VisitKind;
	key: string;
	reservation: IDataObject;
}

/** The after-visit events a reservation has now, in the order they happen. */
export function visitEventsOf(reservation: IDataObject): VisitEvent[] {
	const id = reservation.id === undefined || reservation.id === null ? '' : String(reservation.id);
	if (!id) return [];
	const events: VisitEvent[] = [];
	if (reservation.status === 'completed')
		events.push({ kind: 'completed', key: `completed|${id}`, reservation });
	if (reservation.status === 'no_show')
		events.push({ kind: 'no_show', key: `no_show|${id}`, reservation });
	const rating = ratingOf(reservation.rating);
	if (rating !== null || nonBlankText(reservation.feedback))
		events.push({ kind: 'rated', key: `rated|${id}|${rating ?? ''}`, reservation });
	return events;
}

/** The day (UTC, days since 1970) a visit started; today's when it has no start. */
function visitDay(reservation: IDataObject, now: number): number {
	const start = Date.parse(String(reservation.start_time ?? ''));
	return Math.floor((Number.isNaN(start) ? now : start) / DAY_MS);
}

/** Whether the visit started too long ago to be news. */
export function pastHorizon(reservation: IDataObject, now: number): boolean {
	return visitDay(reservation, now) < Math.floor(now / DAY_MS) - VISIT_HORIZON_DAYS;
}

/** The events told (or not wanted) so far: fingerprints by visit day, bounded by days. */
export class RememberedVisits {
	readonly buckets: FingerprintBuckets;
	private readonly oldest: number;

	constructor(
		buckets: FingerprintBuckets | undefined,
		private readonly now: number,
	) {
		this.buckets = { ...(buckets ?? {}) };
		this.oldest = Math.floor(now / DAY_MS) - VISIT_HORIZON_DAYS - 1;
	}

	has({ key }: VisitEvent): boolean {
		return bucketsHold(this.buckets, fingerprintOf(key), this.oldest);
	}

	add({ key, reservation }: VisitEvent): void {
		addToBucket(this.buckets, visitDay(reservation, this.now), fingerprintOf(key), {
			oldest: this.oldest,
			max: MAX_REMEMBERED,
		});
	}
}

export interface VisitFilters {
	kinds: VisitKind[];
	minimumSpend?: number;
	ratingAtMost?: number;
}

function optionalNumber(context: IPollFunctions, value: unknown, name: string, min: number) {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
		throw new NodeOperationError(
			context.getNode(),
			`${name} "${String(value)}" must be a number of at least ${min}`,
		);
	}
	return value;
}

/** The node's Visit Events and filters, checked. */
export function visitFiltersOf(context: IPollFunctions): VisitFilters {
	const chosen = context.getNodeParameter('visitEvents', ['completed']) as unknown;
	const kinds = VISIT_KINDS.filter((kind) => Array.isArray(chosen) && chosen.includes(kind));
	if (!kinds.length) {
		throw new NodeOperationError(context.getNode(), 'Visit Events is empty: choose at least one');
	}
	const filters = context.getNodeParameter('filters', {}) as IDataObject;
	return {
		kinds,
		minimumSpend: optionalNumber(context, filters.minimumSpend, 'Minimum Spend', 0),
		ratingAtMost: optionalNumber(context, filters.ratingAtMost, 'Rating at Most', 0),
	};
}

/**
 * Whether an event passes the filters: Minimum Spend asks a completed visit for a bill of at least
 * that much (a visit without a known bill does not pass), Rating at Most asks a rating for a score.
 */
export function passes(filters: VisitFilters, { kind, reservation }: VisitEvent): boolean {
	if (kind === 'completed' && filters.minimumSpend !== undefined) {
		const amount = moneyOf(reservation.spend)?.amount;
		return typeof amount === 'number' && amount >= filters.minimumSpend;
	}
	if (kind === 'rated' && filters.ratingAtMost !== undefined) {
		const rating = ratingOf(reservation.rating);
		return rating !== null && rating <= filters.ratingAtMost;
	}
	return true;
}
