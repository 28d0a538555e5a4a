import { apiRequest, unwrap } from '../transport';
import type { SevenRoomsFunctions } from '../transport';

/** The venue's IANA time zone from `GET /venues/{id}`, or undefined when it has none. */
export async function fetchVenueTimezone(
	this: SevenRoomsFunctions,
	venueId: string,
	itemIndex?: number,
): Promise<string | undefined> {
	const venue = unwrap(
		await apiRequest.call(this, 'GET', `/venues/${encodeURIComponent(venueId)}`, { itemIndex }),
	);
	return typeof venue.timezone === 'string' && venue.timezone ? venue.timezone : undefined;
}

const TRIGGER_CACHE_MS = 60 * 60 * 1000;
const triggerCache = new Map<string, { zone: string | undefined; until: number }>();

/** The same, remembered for an hour in this process: triggers run often and zones rarely change. */
export async function cachedVenueTimezone(
	this: SevenRoomsFunctions,
	venueId: string,
): Promise<string | undefined> {
	const cached = triggerCache.get(venueId);
	if (cached && cached.until > Date.now()) return cached.zone;
	const zone = await fetchVenueTimezone.call(this, venueId);
	triggerCache.set(venueId, { zone, until: Date.now() + TRIGGER_CACHE_MS });
	return zone;
}
