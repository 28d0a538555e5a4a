import { IANAZone } from 'luxon';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { withLocalTimes } from '../helpers/time';
import { apiRequestObject, authenticationOf, connectionOf } from '../transport';
import type { SevenRoomsFunctions } from '../transport';

/**
 * Venues' IANA time zones, the one cache of them: per API client and venue, for an hour, in this
 * process. Every node reads venue-local times through here. API 2.4 has no venue time zone: the
 * node's Venue Time Zone parameter names it (`venueTimeZoneProperty` in shared/descriptions.ts).
 */
const CACHE_MS = 60 * 60_000;
const zones = new Map<string, { zone: string | undefined; until: number }>();
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
	const text = String(value ?? '').trim();
	if (!text) return validTimeZone(context.getTimezone()) ?? 'UTC';
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
		zones.set(`${clientKey}|${venue.id}`, { zone, until: Date.now() + CACHE_MS });
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
				zones.set(key, { zone, until: Date.now() + CACHE_MS });
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
