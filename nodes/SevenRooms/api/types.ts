import type { IDataObject, IExecuteFunctions, IPollFunctions } from 'n8n-workflow';

import type { SevenRoomsFunctions } from '../transport';

/**
 * What the nodes ask of SevenRooms, in the words of ../shared/sevenrooms-api.md (guests,
 * `start_time` in UTC, `email_opt_in` …), whichever API answers. Each API has one implementation
 * (`oauth2/`, `v2_4/`); objects come back in that vocabulary, with venue-local copies of the times
 * a guest meets, and the API's own fields passed through.
 */

/** Guest list filters; dates are ISO instants, birthdays `MM-DD`. */
export interface GuestFilters {
	updatedSince?: string;
	updatedUntil?: string;
	email?: string;
	phone?: string;
	emailOptIn?: boolean;
	tags?: string[];
	birthdayStart?: string;
	birthdayEnd?: string;
}

export interface ListOptions {
	/** at most this many; undefined: all */
	limit?: number;
	itemIndex?: number;
}

export interface CreateOptions {
	idempotencyKey: string;
	itemIndex: number;
	/** the key came from the user (Options → Idempotency Key): a re-run must find the first create */
	userKey?: boolean;
}

/** The guest fields Create or Update may find a guest by, in the order they are tried. */
export type GuestMatchField = 'email' | 'phone';

export interface UpsertOptions extends CreateOptions {
	/**
	 * Look the guest up by these fields first (node version 2's match columns); without them each
	 * API's own rule applies (OAuth2: the 409 for the same email or phone; 2.4: email, then phone).
	 */
	matchOn?: GuestMatchField[];
}

/** Fields that add to what is there (see actions/additions.ts). */
export interface Additions {
	addTags?: unknown;
	removeTags?: unknown;
	appendNotes?: unknown;
}

export interface GuestsApi {
	/** every matching guest, page by page (for triggers: subscribers, birthdays) */
	pages(context: SevenRoomsFunctions, filters: GuestFilters): AsyncGenerator<IDataObject[]>;
	/** one guest; a poll asks too (the guest of a visit) */
	get(context: SevenRoomsFunctions, id: string, itemIndex?: number): Promise<IDataObject>;
	list(
		context: IExecuteFunctions,
		filters: GuestFilters,
		options: ListOptions,
	): Promise<IDataObject[]>;
	create(
		context: IExecuteFunctions,
		body: IDataObject,
		options: CreateOptions,
	): Promise<IDataObject>;
	/** create, or update the guest with the same email or phone; adds `upsert_action` */
	upsert(
		context: IExecuteFunctions,
		body: IDataObject,
		options: UpsertOptions,
	): Promise<IDataObject>;
	update(
		context: IExecuteFunctions,
		id: string,
		body: IDataObject,
		add: Additions,
		itemIndex: number,
	): Promise<IDataObject>;
	/** OAuth2: erase; 2.4: remove the personal data (the profile stays) */
	remove(context: IExecuteFunctions, id: string, itemIndex: number): Promise<IDataObject>;
}

/** Who a reservation or waitlist entry is for: `{guest_id}` or `{guest: {first_name, …}}`. */
export type BookingGuest = IDataObject;

export interface NewReservation {
	venueId: string;
	partySize: number;
	/** what the user typed, read in `zone` unless it has an offset */
	startTime: unknown;
	/** `utc`, or `venue`: the venue's zone */
	timeZone: unknown;
	/** OAuth2: the zone for a venue SevenRooms has no valid one for (Options → Venue Time Zone) */
	venueTimeZone?: unknown;
	guest: BookingGuest;
	/** duration_minutes, notes, table_ids, tags */
	fields: IDataObject;
	/** 2.4: the node's 2.4-only options (send_client_email, external_id) */
	extra: IDataObject;
}

export interface ReservationFilters {
	venueId?: string;
	guestId?: string;
	status?: string;
	startFrom?: string;
	startTo?: string;
	updatedSince?: string;
}

export interface ReservationChanges {
	/** duration_minutes, notes, table_ids, tags */
	fields: IDataObject;
	partySize?: number;
	status?: string;
	startTime?: unknown;
	timeZone?: unknown;
	/** OAuth2: the zone for a venue SevenRooms has no valid one for (Options → Venue Time Zone) */
	venueTimeZone?: unknown;
	add: Additions;
}

export interface ReservationsApi {
	get(context: IExecuteFunctions, id: string, itemIndex: number): Promise<IDataObject>;
	list(
		context: IExecuteFunctions,
		filters: ReservationFilters,
		options: ListOptions,
	): Promise<IDataObject[]>;
	create(
		context: IExecuteFunctions,
		reservation: NewReservation,
		options: CreateOptions,
	): Promise<IDataObject>;
	update(
		context: IExecuteFunctions,
		id: string,
		changes: ReservationChanges,
		itemIndex: number,
	): Promise<IDataObject>;
	cancel(
		context: IExecuteFunctions,
		id: string,
		options: { reason: string; idempotencyKey: string; itemIndex: number; extra: IDataObject },
	): Promise<IDataObject>;
}

export interface NewWaitlistEntry {
	venueId: string;
	partySize: number;
	guest: BookingGuest;
	quotedWaitMinutes?: number;
	notes?: string;
	/** 2.4: shift_persistent_id and other 2.4-only options */
	extra: IDataObject;
}

export interface WaitlistChanges {
	partySize?: number;
	quotedWaitMinutes?: number;
	status?: string;
	notes?: unknown;
}

export interface WaitlistApi {
	get(context: IExecuteFunctions, id: string, itemIndex: number): Promise<IDataObject>;
	list(
		context: IExecuteFunctions,
		venueId: string,
		status: string | undefined,
		options: ListOptions,
	): Promise<IDataObject[]>;
	add(
		context: IExecuteFunctions,
		entry: NewWaitlistEntry,
		options: CreateOptions,
	): Promise<IDataObject>;
	update(
		context: IExecuteFunctions,
		id: string,
		changes: WaitlistChanges,
		itemIndex: number,
	): Promise<IDataObject>;
	remove(context: IExecuteFunctions, id: string, itemIndex: number): Promise<IDataObject>;
}

/** A search for free times at a venue (Reservation → Check Availability). */
export interface AvailabilityQuery {
	/** the venue-local service date, YYYY-MM-DD (its times run from 6 AM to 6 AM the next day) */
	date: string;
	partySize: number;
	/** venue-local clock times, `HH:mm`; before 06:00 is the night after `date` */
	from?: string;
	to?: string;
	durationMinutes?: number;
}

export interface VenuesApi {
	get(context: SevenRoomsFunctions, id: string, itemIndex?: number): Promise<IDataObject>;
	list(context: SevenRoomsFunctions, options: ListOptions): Promise<IDataObject[]>;
	/** the floor layout, in the OAuth2 API's words (id, name, section, min/max_party_size) */
	tables(context: SevenRoomsFunctions, id: string, itemIndex?: number): Promise<IDataObject[]>;
	/** free times, earliest first, as `slotOf` shapes them (api/slots.ts); none: an empty list */
	availability(
		context: IExecuteFunctions,
		id: string,
		query: AvailabilityQuery,
		itemIndex: number,
	): Promise<IDataObject[]>;
}

export interface SevenRoomsApi {
	guests: GuestsApi;
	reservations: ReservationsApi;
	waitlist: WaitlistApi;
	venues: VenuesApi;
}

/** The Poll Trigger's change events. */
export type ChangeEvent =
	| 'guestChanged'
	| 'audienceSync'
	| 'reservationChanged'
	| 'waitlistAdded'
	| 'afterVisit';

/** Where an event's changes come from and which field dates them. */
export interface ChangeSource {
	path: string;
	qs: IDataObject;
	changedAt: (item: IDataObject) => unknown;
	/** whether the list takes a changed-since filter (the waitlist's doesn't) */
	serverFilter: boolean;
	/** the query for changes from an ISO instant on; default: the OAuth2 API's `updated_at[gte]` */
	since?: (iso: string) => IDataObject;
	/**
	 * API 2.4, After the Visit: the query for the reservations of the last `days` service dates, to
	 * look again for ratings that may come without moving `updated` (unverified)
	 */
	recentVisits?: (days: number) => IDataObject;
	/** pages of objects in the nodes' vocabulary; default: the shared page loop */
	pages?: (
		context: IPollFunctions,
		path: string,
		qs: IDataObject,
		options: { pageSize?: number },
	) => AsyncGenerator<IDataObject[]>;
}
