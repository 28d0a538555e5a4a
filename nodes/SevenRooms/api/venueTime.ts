import { IANAZone } from 'luxon';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { withLocalTimes } from '../helpers/time';
import { apiRequestObject, authenticationOf, connectionOf } from '../transport';
import type { SevenRoomsFunctions } from '../transport';

/**
 * Venues' IANA time zones, the one cache of them: per API client and venue, in this process. Every
 * node reads venue-local times through here. A zone is kept for an hour; a venue without a valid
 * one for a minute only (a fix in SevenRooms shows soon, while a list, a poll or a burst of
 * webhook deliveries still asks once, not per item); a lookup that fails is not kept. API 2.4 has
 * no venue time zone: the node's Venue Time Zone parameter names it (`venueTimeZoneProperty` in
 * shared/descriptions.ts).
 */
const CACHE_MS = 60 * 60_000;
const MISSING_CACHE_MS = 60_000;
const zones = new Map<string, { zone: string | undefined; until: number }>();
const cacheEntry = (zone: string | undefined) => ({
	zone,
	until: Date.now() + (zone ? CACHE_MS : MISSING_CACHE_MS),
});
const lookups = new Map<string, Promise<string | undefined>>();

/** The value as an IANA zone luxon knows, or undefined (`Mars/Olympus` is not one). */
export function validTimeZone(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' && IANAZone.isValidZone(value)
		? value
		: undefined;
}

function zoneOfVenue(context: SevenRoomsFunctions, venue: IDataObject): string | undefined {
	const zone = validTimeZone(venue.timezone);
	if (!zone && venue.timezone) {
		context.logger.warn(
			`SevenRooms: venue ${String(venue.id)} has an unknown time zone "${String(venue.timezone)}", its times stay in UTC`,
		);
	}
	return zone;
}

/** A Venue Time Zone typed on the node, checked; undefined when it is empty. */
function typedTimeZone(
	context: SevenRoomsFunctions,
	value: unknown,
	itemIndex: number,
): string | undefined {
	const text = String(value ?? '').trim();
	if (!text) return undefined;
	const zone = validTimeZone(text);
	if (!zone) {
		throw new NodeOperationError(
			context.getNode(),
			`Venue Time Zone "${text}" is not a time zone`,
			{
				itemIndex,
				description: 'Use an IANA time zone name such as America/New_York or Europe/London.',
			},
		);
	}
	return zone;
}

/** The node's Venue Time Zone (API 2.4), checked; n8n's time zone when it is empty. */
export function configuredTimeZone(context: SevenRoomsFunctions, itemIndex = 0): string {
	let value: unknown;
	try {
		value =
			'getInputData' in context
				? context.getNodeParameter('venueTimeZone', itemIndex, '')
				: context.getNodeParameter('venueTimeZone', '');
	} catch {
		value = '';
	}
	return typedTimeZone(context, value, itemIndex) ?? validTimeZone(context.getTimezone()) ?? 'UTC';
}

/** Keeps the zones of venues read anyway (a venue list), so later lookups need no request. */
export async function rememberVenueTimeZones(
	context: SevenRoomsFunctions,
	venues: IDataObject[],
): Promise<Record<string, string>> {
	const { clientKey } = await connectionOf(context);
	const known: Record<string, string> = {};
	for (const venue of venues) {
		if (typeof venue.id !== 'string') continue;
		const zone = zoneOfVenue(context, venue);
		zones.set(`${clientKey}|${venue.id}`, cacheEntry(zone));
		if (zone) known[venue.id] = zone;
	}
	return known;
}

/**
 * The venue's time zone from `GET /venues/{id}`, cached; undefined when it has none (or an unknown
 * one). Failed lookups are not cached: the next call tries again. `quick` makes one short attempt
 * (on the way to a webhook answer).
 */
export async function venueTimeZone(
	context: SevenRoomsFunctions,
	venueId: string,
	{ itemIndex, quick = false }: { itemIndex?: number; quick?: boolean } = {},
): Promise<string | undefined> {
	if (authenticationOf(context) === 'api24') return configuredTimeZone(context, itemIndex);
	const key = `${(await connectionOf(context)).clientKey}|${venueId}`;
	const cached = zones.get(key);
	if (cached && cached.until > Date.now()) return cached.zone;
	let lookup = lookups.get(key);
	if (!lookup) {
		lookup = apiRequestObject
			.call(context, 'GET', `/venues/${encodeURIComponent(venueId)}`, {
				itemIndex,
				patience: quick ? 'quick' : 'normal',
			})
			.then((venue) => {
				const zone = zoneOfVenue(context, venue);
				zones.set(key, cacheEntry(zone));
				return zone;
			})
			.finally(() => lookups.delete(key));
		lookups.set(key, lookup);
	}
	return await lookup;
}

/**
 * The API object plus `<field>_local` copies of `fields` in its venue's zone. Local times are an
 * extra: when the zone can't be had, the object goes out as the API sent it (UTC) and a warning is
 * logged.
 */
export async function withVenueLocalTimes(
	context: SevenRoomsFunctions,
	object: IDataObject,
	fields: string[],
	options: { itemIndex?: number; quick?: boolean; venueId?: unknown; knownZone?: string } = {},
): Promise<IDataObject> {
	const venueId = options.venueId ?? object.venue_id;
	if (typeof venueId !== 'string' || !venueId) return object;
	let zone = options.knownZone;
	if (!zone) {
		try {
			zone = await venueTimeZone(context, venueId, options);
		} catch (error) {
			context.logger.warn(`SevenRooms: no time zone for venue ${venueId}, times stay in UTC`, {
				message: (error as Error).message,
			});
			return object;
		}
	}
	return withLocalTimes(object, zone, fields);
}

/**
 * The zone a local time typed for a venue is read in: on API 2.4 the node's Venue Time Zone (or
 * the workflow's); on the OAuth2 API the venue's own, else `fallback` (the Venue Time Zone
 * option). Without one the item fails, naming the venue: a local time is never sent as UTC.
 */
export async function inputTimeZone(
	context: IExecuteFunctions,
	venueId: string,
	{
		itemIndex,
		fallback,
		field,
		value,
	}: { itemIndex: number; fallback?: unknown; field: string; value: unknown },
): Promise<string> {
	if (authenticationOf(context) === 'api24') return configuredTimeZone(context, itemIndex);
	const typed = typedTimeZone(context, fallback, itemIndex);
	const zone = venueId ? await venueTimeZone(context, venueId, { itemIndex }) : undefined;
	if (zone ?? typed) return (zone ?? typed) as string;
	const venue = venueId
		? `Venue ${venueId} has no valid time zone in SevenRooms`
		: 'The reservation names no venue';
	throw new NodeOperationError(
		context.getNode(),
		`${venue}, so ${field} "${String(value)}" cannot be read as its local time`,
		{
			itemIndex,
			description:
				"Set Options → Venue Time Zone to the venue's IANA time zone (e.g. America/New_York), give the time with its offset (2027-07-04T19:30-04:00), or set Options → Times Entered In to UTC.",
		},
	);
}
