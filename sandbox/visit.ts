import type { FaultOptions, Reservation, Venue } from './types';
import { invalid, optionalString } from './validation';

/**
 * The contract's *After the visit* fields of a reservation: `seated_at` and `completed_at` are set
 * when the status first becomes seated / completed (a party seated and completed between two
 * writes gets both); `spend`, `rating` and `feedback` are written by the venue's apps (the POS, the
 * feedback survey), through `PATCH /reservations/{id}` here.
 */
export const NO_VISIT_YET = {
	seated_at: null,
	completed_at: null,
	spend: null,
	rating: null,
	feedback: null,
} satisfies Partial<Reservation>;

/** The visit's times after a status change written at `at`. */
export function visitTimes(reservation: Reservation, status: string, at: string) {
	const seated = status === 'seated' || status === 'completed';
	return {
		seated_at: reservation.seated_at ?? (seated ? at : null),
		completed_at: reservation.completed_at ?? (status === 'completed' ? at : null),
	};
}

function spendOf(value: unknown, venue: Venue): Reservation['spend'] {
	if (value === null) return null;
	const spend = value as { amount?: unknown; currency?: unknown };
	const amount = spend?.amount;
	if (typeof value !== 'object' || typeof amount !== 'number' || !(amount >= 0))
		throw invalid('spend', 'spend must be {amount, currency} with an amount of 0 or more');
	const currency = spend.currency ?? venue.currency;
	if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency))
		throw invalid('spend', 'spend.currency must be an ISO 4217 code such as USD');
	return { amount: Math.round(amount * 100) / 100, currency };
}

function ratingOf(value: unknown): number | null {
	if (value === null) return null;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 5)
		throw invalid('rating', 'rating must be a whole number from 1 to 5, or null');
	return value;
}

/**
 * The bill, rating and feedback a write gives (checked; only what it names). With the fault
 * `ratingKeepsUpdated`, a write of a rating or feedback alone leaves `updated_at` as it was, as
 * API 2.4 may (unverified): the caller's `updated_at` is overridden.
 */
export function visitWrites(
	faults: FaultOptions,
	reservation: Reservation,
	venue: Venue,
	body: Record<string, unknown>,
): Partial<Reservation> {
	const writes: Partial<Reservation> = {};
	if (body.spend !== undefined) writes.spend = spendOf(body.spend, venue);
	if (body.rating !== undefined) writes.rating = ratingOf(body.rating);
	if (body.feedback !== undefined) writes.feedback = optionalString(body, 'feedback') ?? null;
	const ratingOnly =
		(body.rating !== undefined || body.feedback !== undefined) &&
		Object.keys(body).every((field) => field === 'rating' || field === 'feedback');
	if (ratingOnly && faults.ratingKeepsUpdated) writes.updated_at = reservation.updated_at;
	return writes;
}
