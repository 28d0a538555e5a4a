/** The sandbox's stored objects: the contract's fields, loosely typed where the API is loose. */
export interface Venue {
	id: string;
	name: string;
	timezone: string;
	currency: string;
	address: string;
	operating_hours: Array<{ day: string; open: string; close: string }>;
	created_at: string;
	updated_at: string;
}

export interface Table {
	id: string;
	venue_id: string;
	name: string;
	section: string;
	min_party_size: number;
	max_party_size: number;
}

export interface Guest {
	id: string;
	first_name: string | null;
	last_name: string | null;
	email: string | null;
	phone: string | null;
	birthday: string | null;
	anniversary: string | null;
	email_opt_in: boolean;
	sms_opt_in: boolean;
	dietary_notes: string | null;
	preferences: Record<string, unknown>;
	tags: string[];
	visit_count: number;
	lifetime_value: { amount: number; currency: string };
	last_visit_at: string | null;
	loyalty_id: string | null;
	loyalty_tier: string | null;
	notes: string | null;
	created_at: string;
	updated_at: string;
	[extra: string]: unknown;
}

export interface Reservation {
	id: string;
	venue_id: string;
	guest_id: string;
	party_size: number;
	start_time: string;
	duration_minutes: number;
	status: string;
	table_ids: string[];
	notes: string | null;
	tags: string[];
	source: string;
	created_at: string;
	updated_at: string;
	cancelled_at: string | null;
	/** after the visit: set when the status becomes seated / completed */
	seated_at: string | null;
	completed_at: string | null;
	/** the bill, from completion on */
	spend: { amount: number; currency: string } | null;
	/** the guest's score (1–5) and comment, often hours after the visit */
	rating: number | null;
	feedback: string | null;
	[extra: string]: unknown;
}

export interface WaitlistEntry {
	id: string;
	venue_id: string;
	guest_id: string;
	party_size: number;
	status: string;
	quoted_wait_minutes: number | null;
	joined_at: string;
	notes: string | null;
	updated_at: string;
	[extra: string]: unknown;
}

export interface Webhook {
	id: string;
	url: string;
	events: string[];
	secret: string;
	created_at: string;
}

export interface SandboxData {
	venues: Venue[];
	tables: Table[];
	guests: Guest[];
	reservations: Reservation[];
	waitlist: WaitlistEntry[];
}

/**
 * What can go wrong, and how the API bends the contract. Every knob is off by default; all can be
 * set at start (`faults`), by `sandbox.setFaults()` and by `POST /__sandbox/faults`.
 */
export interface FaultOptions {
	/** 503 with Retry-After */
	unavailableFraction: number;
	/** 503 without Retry-After (clients wait 30-60 s) */
	unavailableNoRetryAfterFraction: number;
	/** 429 with Retry-After */
	rateLimitedFraction: number;
	/** the socket is destroyed; on a create, half of them after the object was created */
	resetFraction: number;
	/** the headers and half the body are sent, then the socket is destroyed (the route has run) */
	cutBodyFraction: number;
	slowFraction: number;
	slowMs: number;
	/** 500 */
	serverErrorFraction: number;
	/** Retry-After of injected 503s and 429s, seconds, sent verbatim (86400 stays 86400) */
	retryAfterSeconds: number;
	/** Retry-After of the real rate limiter's 429s; unset: seconds until the window frees a request */
	rateLimitRetryAfterSeconds?: number | null;
	/** false: 429s (the limiter's and injected ones) come without Retry-After */
	retryAfterOnRateLimit: boolean;
	/** false: no X-RateLimit-* headers on any answer, as behind a proxy that strips them */
	rateLimitHeaders: boolean;
	/** a server bug: list pages all answer the same non-null next_cursor, so paging never ends */
	repeatCursor: boolean;
	/** a server bug: past the last object every page is empty and names a new next cursor */
	endlessEmptyPages: boolean;
	/** fraction of authenticated API requests answered 200 text/html (a proxy's page, not the API) */
	htmlFraction: number;
	/** fraction of authenticated API requests answered 502 text/html (a proxy's error page) */
	htmlErrorFraction: number;
	/** POST /oauth/token fails instead of issuing: 500 JSON `server_error`, or 502 with an HTML page */
	tokenFailure: null | 'server_error' | 'html';
	/**
	 * The API's clock runs this many ms ahead of ours (negative: behind). It shifts every timestamp
	 * the sandbox writes, events' created_at, webhook signature times and the Date header; tokens,
	 * cursors, idempotency and the rate limiter keep real time.
	 */
	clockSkewMs: number;
	/**
	 * The next this-many creating requests (both dialects) run, then their connection is destroyed
	 * without an answer: a lost answer, exactly. Counts down as it is used.
	 */
	loseNextAnswers: number;
	/**
	 * Reservations API 2.4 only: true sends X-RateLimit-* on its answers and Retry-After on its
	 * 429s (as the knobs above allow); false (default) sends neither.
	 */
	v24RateLimitHeaders: boolean;
	/** 2.4: objects one cursor chain of a search endpoint serves (the vendor's 4000); 0: no cap */
	v24SearchCap: number;
	/** 2.4: at the cap the chain ends as if the list were done ('end'), or the next page is a 400 */
	v24SearchCapMode: 'end' | 'error';
	/**
	 * A write of a reservation's rating or feedback alone leaves `updated_at` (2.4: `updated`) as it
	 * was, as API 2.4 may (unverified); the OAuth2 contract says every change moves it.
	 */
	ratingKeepsUpdated: boolean;
	/** 2.4: the reservation list that is the capped "Search" (the vendor labels /reservations/export so) */
	v24CappedReservations: '/reservations/export' | '/reservations';
}

export interface SandboxStats {
	requests: Record<string, Record<string, number>>;
	created: { guests: number; reservations: number; waitlist: number; webhooks: number };
	idempotentReplays: number;
	faultsInjected: Record<string, number>;
	rateLimited: number;
	tokensIssued: number;
	/** emails SevenRooms would have sent the guest (2.4 `send_client_email`, default true) */
	clientEmails: { confirmation: number; cancellation: number };
	webhookDeliveries: {
		attempted: number;
		acknowledged: number;
		failed: number;
		duplicatesSent: number;
		events: number;
		/** delivery attempts by the receiver's HTTP status ('no answer': reset or timeout) */
		answers: Record<string, number>;
	};
}

/**
 * The API's clocks. Real time runs what must not drift (tokens, cursors, the rate limiter,
 * idempotency); the API's clocks carry the skew a test sets, as a server whose clock is off.
 */
export interface SandboxClock {
	/** real time, ms */
	realMs(): number;
	/** the API's wall clock: real time plus the skew (webhook signature times) */
	wallMs(): number;
	/** the data clock plus the skew: what the API writes into objects and the Date header */
	now(): Date;
	/** `now()` as the contract's ISO 8601 UTC timestamp */
	timestamp(): string;
}
