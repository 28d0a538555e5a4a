import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { apiOf } from '../api';
import { validTimeZone, withVenueLocalTimes } from '../api/venueTime';
import { moneyOf, nonBlankText, numberOrNull, ratingOf } from '../helpers/money';
import { VISIT_LOCAL_FIELDS } from '../shared/contract';
import type { VisitEvent } from './visitEvents';

/**
 * After the Visit's items: the reservation (every field the API sent), the event, the venue's
 * name, the bill in the venue's currency, and the guest with enough to email them and to count
 * loyalty points, in the same words on both APIs. Each guest profile and venue is read once per
 * poll, and only for visits that are news: a poll that emits nothing reads nothing more.
 */

type Lookup = Promise<{ found?: IDataObject; error?: string }>;

function lookupOnce(
	cache: Map<string, Lookup>,
	key: string,
	read: () => Promise<IDataObject>,
): Lookup {
	let lookup = cache.get(key);
	if (!lookup) {
		lookup = read().then(
			(found) => ({ found }),
			(error: Error) => ({ error: error.message }),
		);
		cache.set(key, lookup);
	}
	return lookup;
}

const idText = (value: unknown) =>
	typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
const bool = (value: unknown) => (typeof value === 'boolean' ? value : null);

/**
 * The guest of a visit. From the profile when it could be read; else from what the reservation
 * carries (the OAuth2 API's `guest` summary, 2.4's own contact and loyalty fields), with the
 * opt-ins null: unknown is not consent.
 */
export function visitGuest(reservation: IDataObject, profile?: IDataObject): IDataObject {
	const summary =
		typeof reservation.guest === 'object' && reservation.guest !== null
			? (reservation.guest as IDataObject)
			: {};
	const own: IDataObject = {
		id: reservation.guest_id,
		first_name: reservation.first_name,
		last_name: reservation.last_name,
		email: reservation.email,
		phone: reservation.phone_number,
		loyalty_id: reservation.loyalty_id,
		loyalty_tier: reservation.loyalty_tier,
	};
	const pick = (field: string) =>
		[profile?.[field], summary[field], own[field]].find(
			(value) => value !== undefined && value !== null && value !== '',
		) ?? null;
	return {
		id: pick('id'),
		first_name: pick('first_name'),
		last_name: pick('last_name'),
		email: pick('email'),
		phone: pick('phone'),
		email_opt_in: bool(profile?.email_opt_in),
		sms_opt_in: bool(profile?.sms_opt_in),
		visit_count: numberOrNull(profile?.visit_count),
		lifetime_value: moneyOf(profile?.lifetime_value),
		last_visit_at: profile?.last_visit_at ?? null,
		loyalty_id: pick('loyalty_id'),
		loyalty_tier: pick('loyalty_tier'),
	};
}

/** The items of a poll's events, in their order. */
export async function visitItems(
	context: IPollFunctions,
	events: VisitEvent[],
): Promise<IDataObject[]> {
	const api = apiOf(context);
	const guests = new Map<string, Lookup>();
	const venues = new Map<string, Lookup>();
	const items: IDataObject[] = [];
	for (const { kind, reservation } of events) {
		const venueId = idText(reservation.venue_id);
		const venue = venueId
			? (await lookupOnce(venues, venueId, async () => await api.venues.get(context, venueId)))
					.found
			: undefined;
		const guestId = idText(reservation.guest_id ?? (reservation.guest as IDataObject)?.id);
		const profile = guestId
			? await lookupOnce(guests, guestId, async () => await api.guests.get(context, guestId))
			: {};
		if (profile.error) {
			context.logger.warn(
				`SevenRooms: guest ${guestId} of reservation ${String(reservation.id)} could not be read; the visit goes out with the reservation's contact details`,
				{ message: profile.error },
			);
		}
		const item: IDataObject = {
			...reservation,
			event: `visit.${kind}`,
			venue_name: venue?.name ?? null,
			spend: moneyOf(reservation.spend, venue?.currency),
			rating: ratingOf(reservation.rating),
			feedback: nonBlankText(reservation.feedback),
			guest: visitGuest(reservation, profile.found),
			...(profile.error ? { guest_profile_error: profile.error } : {}),
		};
		items.push(
			await withVenueLocalTimes(context, item, VISIT_LOCAL_FIELDS, {
				knownZone: validTimeZone(venue?.timezone),
			}),
		);
	}
	return items;
}
