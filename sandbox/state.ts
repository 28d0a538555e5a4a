import { seedData } from './seed';
import { ApiError } from './reply';
import type { Guest, Reservation, Table, Venue, WaitlistEntry, Webhook } from './types';

/** The API's data. Writable by tests (`sandbox.state`); guest changes must go through GuestOrder. */
export interface SandboxState {
	venues: Map<string, Venue>;
	tables: Map<string, Table>;
	guests: Map<string, Guest>;
	reservations: Map<string, Reservation>;
	waitlist: Map<string, WaitlistEntry>;
	webhooks: Map<string, Webhook>;
}

/** The last number used for each kind of id (`gst_000123`). */
export interface IdSequence {
	guest: number;
	reservation: number;
	waitlist: number;
	webhook: number;
	event: number;
}

export function seedState(options: { seed: number; guests: number; now: Date }): {
	state: SandboxState;
	sequence: IdSequence;
} {
	const seeded = seedData(options);
	const byId = <T extends { id: string }>(items: T[]) =>
		new Map(items.map((item) => [item.id, item]));
	return {
		state: {
			venues: byId(seeded.venues),
			tables: byId(seeded.tables),
			guests: byId(seeded.guests),
			reservations: byId(seeded.reservations),
			waitlist: byId(seeded.waitlist),
			webhooks: new Map(),
		},
		sequence: {
			guest: seeded.guests.length,
			reservation: seeded.reservations.length,
			waitlist: 0,
			webhook: 0,
			event: 0,
		},
	};
}

export interface Keyed<T> {
	key: string;
	item: T;
}

/**
 * Guests are listed oldest change first (`updated_at`, then id). Sorting thousands of guests per
 * page would dominate a sync, so the order is kept and rebuilt only after a change is reported.
 */
export class GuestOrder {
	private sorted: Array<Keyed<Guest>> | undefined;

	constructor(private readonly guests: Map<string, Guest>) {}

	list(): Array<Keyed<Guest>> {
		return (this.sorted ??= [...this.guests.values()]
			.map((item) => ({ key: `${sortableTime(item.updated_at)}|${item.id}`, item }))
			.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
	}

	/** After any guest was created, changed or deleted. */
	changed(): void {
		this.sorted = undefined;
	}
}

/** ISO 8601 in one spelling (UTC, milliseconds), so keys sort by time whatever a test wrote. */
function sortableTime(value: string): string {
	const time = Date.parse(value);
	return Number.isNaN(time) ? value : new Date(time).toISOString();
}

export function findOr404<T>(map: Map<string, T>, id: string, what: string): T {
	const item = map.get(id);
	if (!item) throw new ApiError(404, 'not_found', `No ${what} ${id}`);
	return item;
}
