import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, TokenAuthority } from './auth';
import type { ClientCredentials } from './auth';
import { DEFAULT_FAULTS } from './faults';
import { IdempotencyStore } from './idempotency';
import { RateLimiter } from './rateLimit';
import { prng } from './seed';
import { SEEDED_TAG_GROUPS } from './seedLists';
import { GuestOrder, seedState } from './state';
import type { IdSequence, SandboxState } from './state';
import { freshStats } from './stats';
import type { FaultOptions, SandboxClock, SandboxStats } from './types';
import { DEFAULT_DELIVERY, WebhookDispatcher } from './webhookDelivery';
import type { DeliveryOptions } from './webhookDelivery';

export interface SandboxOptions {
	port?: number;
	host?: string;
	seed?: number;
	guests?: number;
	/** per client, sliding 60 s window; 0 turns the limit off */
	rateLimitPerMinute?: number;
	tokenTtlSeconds?: number;
	/** lifetime of Reservations API 2.4 tokens (`POST /2_4/auth`); the vendor says 24 hours */
	v24TokenTtlSeconds?: number;
	cursorTtlSeconds?: number;
	/**
	 * The data clock (seed, timestamps of changes, the Date header), real time when unset. The
	 * skew (`clockSkewMs`) is added to it; tokens, cursors and the rate limiter use real time.
	 */
	now?: () => Date;
	/** shorthand for `faults.clockSkewMs` */
	clockSkewMs?: number;
	faults?: Partial<FaultOptions>;
	webhookDelivery?: Partial<DeliveryOptions>;
	clients?: ClientCredentials[];
	/** quiet by default; `true` logs one line per request */
	log?: boolean;
}

/**
 * Everything a request handler may read or change, passed explicitly so a route can be read and
 * called on its own. One per sandbox; a second API dialect would share it.
 */
export interface SandboxContext {
	readonly state: SandboxState;
	readonly sequence: IdSequence;
	readonly guestOrder: GuestOrder;
	readonly stats: SandboxStats;
	/** live: setFaults and the control endpoint change it in place */
	readonly faults: FaultOptions;
	readonly clock: SandboxClock;
	/** seeded, for faults and delivery quirks */
	readonly random: () => number;
	readonly cursorTtlMs: number;
	readonly auth: TokenAuthority;
	readonly limiter: RateLimiter;
	readonly idempotency: IdempotencyStore;
	/** outbound webhook events */
	readonly events: WebhookDispatcher;
	/** what only the Reservations API 2.4 dialect needs */
	readonly v24: Api24Context;
}

/** The 2.4 dialect's own part of the context; its objects live in the shared state. */
export interface Api24Context {
	tokenTtlMs: number;
	/** how many guests and reservations were seeded: only these show the seeded loose typing */
	seededGuests: number;
	seededReservations: number;
	/** tag name → tag group (`Tag Group:Tag Name`); the contract's tags are bare names */
	tagGroups: Map<string, string>;
}

export function createContext(options: SandboxOptions = {}): SandboxContext {
	const faults: FaultOptions = {
		...DEFAULT_FAULTS,
		...options.faults,
		...(options.clockSkewMs === undefined ? {} : { clockSkewMs: options.clockSkewMs }),
	};
	const dataClock = options.now ?? (() => new Date());
	const clock: SandboxClock = {
		realMs: () => Date.now(),
		wallMs: () => Date.now() + faults.clockSkewMs,
		now: () => new Date(dataClock().getTime() + faults.clockSkewMs),
		timestamp: () => clock.now().toISOString(),
	};
	const seed = options.seed ?? 42;
	// Seeded relative to the API's clock, so the data is as old to it as to an unskewed one.
	const { state, sequence } = seedState({ seed, guests: options.guests ?? 2000, now: clock.now() });
	const stats = freshStats();
	const random = prng(seed ^ 0x5eed);
	return {
		state,
		sequence,
		guestOrder: new GuestOrder(state.guests),
		stats,
		faults,
		clock,
		random,
		cursorTtlMs: (options.cursorTtlSeconds ?? 600) * 1000,
		auth: new TokenAuthority(
			options.clients ?? [{ clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET }],
			(options.tokenTtlSeconds ?? 3600) * 1000,
			clock.realMs,
		),
		limiter: new RateLimiter(options.rateLimitPerMinute ?? 120, clock.realMs),
		idempotency: new IdempotencyStore(clock.realMs),
		v24: {
			tokenTtlMs: (options.v24TokenTtlSeconds ?? 86_400) * 1000,
			seededGuests: state.guests.size,
			seededReservations: state.reservations.size,
			tagGroups: new Map(Object.entries(SEEDED_TAG_GROUPS)),
		},
		events: new WebhookDispatcher({
			webhooks: state.webhooks,
			stats,
			sequence,
			random,
			clock,
			options: { ...DEFAULT_DELIVERY, ...options.webhookDelivery },
		}),
	};
}
