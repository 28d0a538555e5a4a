import { DateTime } from 'luxon';

import type { SandboxContext } from '../../context';
import type { Guest } from '../../types';
import type { Body } from './fields';
import { bad, defined, email, flag, integer, lenientPhone, list, text } from './fields';
import { changeTags, tagObject } from './tags';
import { naiveUtc, referenceCode, seededNumber } from './time';

/**
 * A guest as a 2.4 client. 2.4-only fields written through 2.4 are kept on the stored guest
 * (the contract dialect passes them through); seeded guests show the vendor's loose typing, the
 * same for the same id every time.
 */
export interface ClientExtras {
	external_user_id?: string | null;
	phone_number_locale?: string | null;
	gender?: string | null;
	address?: string | null;
	address_2?: string | null;
	city?: string | null;
	state?: string | null;
	postal_code?: string | null;
	country?: string | null;
	loyalty_rank?: number | null;
	marketing_opt_in_ts?: string | null;
	/** venue id → venue-level marketing opt-in */
	venue_marketing_opt_in?: Record<string, boolean>;
}
type StoredClient = Guest & ClientExtras;

const TEXT = [
	'first_name',
	'last_name',
	'phone_number_locale',
	'gender',
	'address',
	'address_2',
	'city',
	'state',
	'postal_code',
	'country',
	'external_user_id',
	'loyalty_id',
	'loyalty_tier',
	'notes',
] as const;

const LOCALES: Array<[string, string]> = [
	['+1', 'US'],
	['+44', 'GB'],
	['+971', 'AE'],
];
const HOME_VENUES = ['ven_nyc', 'ven_ldn', 'ven_dxb'];

export const clientReference = (id: string) => referenceCode(id, 11);

function birthdayParts(
	birthday: string | null,
): { year?: string; month: number; day: number } | null {
	const match = /^(\d{4}|-)-(\d{2})-(\d{2})$/.exec(birthday ?? '');
	if (!match) return null;
	return {
		year: match[1] === '-' ? undefined : match[1],
		month: Number(match[2]),
		day: Number(match[3]),
	};
}

/** Seeded clients' loose fields: numeric phones, object addresses, "None" for null. */
function looseFields(guest: StoredClient, n: number | undefined) {
	const phone = guest.phone;
	if (n === undefined)
		return { phone_number: phone, deleted: null, external_user_id: guest.external_user_id ?? null };
	// A guest whose address was written through 2.4 shows what was written.
	const place =
		guest.address !== undefined
			? {}
			: n % 7 === 3
				? {
						address: { street: `${100 + (n % 800)} Atlantic Ave`, city: 'Brooklyn' },
						city: 'Brooklyn',
						postal_code: 11201,
						country: 'United States',
					}
				: n % 7 === 5
					? {
							address: '12 Bankside',
							city: 'London',
							postal_code: 'SE1 9TG',
							country: 'United Kingdom',
						}
					: {};
	return {
		...place,
		phone_number: phone && n % 4 === 1 ? Number(phone.slice(1)) : phone,
		deleted: n % 5 === 2 ? 'None' : null,
		external_user_id: guest.external_user_id ?? (n % 9 === 4 ? 'None' : null),
	};
}

export function presentClient(ctx: SandboxContext, stored: Guest) {
	const guest = stored as StoredClient;
	const n = seededNumber(guest.id, /^gst_(\d+)$/, ctx.v24.seededGuests);
	const birthday = birthdayParts(guest.birthday);
	const venueStats: Record<string, Record<string, unknown>> = {};
	if (n !== undefined)
		venueStats[HOME_VENUES[(n - 1) % HOME_VENUES.length]] = {
			venue_marketing_opt_in: guest.email_opt_in,
			total_visits: guest.visit_count,
			total_spend: guest.lifetime_value.amount,
		};
	for (const [venueId, optIn] of Object.entries(guest.venue_marketing_opt_in ?? {}))
		venueStats[venueId] = { ...venueStats[venueId], venue_marketing_opt_in: optIn };
	return {
		id: guest.id,
		reference_code: clientReference(guest.id),
		first_name: guest.first_name,
		last_name: guest.last_name,
		email: guest.email,
		phone_number_locale:
			guest.phone_number_locale ??
			LOCALES.find(([prefix]) => guest.phone?.startsWith(prefix))?.[1] ??
			null,
		address: guest.address ?? null,
		address_2: guest.address_2 ?? null,
		city: guest.city ?? null,
		state: guest.state ?? null,
		postal_code: guest.postal_code ?? null,
		country: guest.country ?? null,
		gender: guest.gender ?? null,
		birthday_day: birthday?.day ?? null,
		birthday_month: birthday?.month ?? null,
		notes: guest.notes,
		client_tags: guest.tags.map((tag) => tagObject(ctx, tag)),
		marketing_opt_in: guest.email_opt_in,
		marketing_opt_in_ts:
			guest.marketing_opt_in_ts !== undefined
				? guest.marketing_opt_in_ts && naiveUtc(guest.marketing_opt_in_ts)
				: guest.email_opt_in
					? naiveUtc(guest.created_at)
					: null,
		venue_stats: venueStats,
		loyalty_id: guest.loyalty_id,
		loyalty_tier: guest.loyalty_tier,
		loyalty_rank: guest.loyalty_rank ?? null,
		total_visits: guest.visit_count,
		total_spend: guest.lifetime_value.amount,
		created: naiveUtc(guest.created_at),
		updated: naiveUtc(guest.updated_at),
		...looseFields(guest, n),
	};
}

/** birthday_day and birthday_month over the stored birthday, keeping its year when it has one. */
function birthdayChange(body: Body, current: string | null | undefined): string | undefined {
	const day = integer(body, 'birthday_day', { min: 1, max: 31 });
	const month = integer(body, 'birthday_month', { min: 1, max: 12 });
	if (day === undefined && month === undefined) return undefined;
	const old = birthdayParts(current ?? null);
	const newDay = day ?? old?.day;
	const newMonth = month ?? old?.month;
	if (newDay === undefined || newMonth === undefined)
		throw bad('birthday_day and birthday_month go together');
	const monthDay = `${String(newMonth).padStart(2, '0')}-${String(newDay).padStart(2, '0')}`;
	if (!DateTime.fromISO(`2024-${monthDay}`).isValid) throw bad(`No such birthday: ${monthDay}`);
	return old?.year && DateTime.fromISO(`${old.year}-${monthDay}`).isValid
		? `${old.year}-${monthDay}`
		: `--${monthDay}`;
}

/** The stored-guest changes of a 2.4 client create or update body. */
export function clientChanges(
	ctx: SandboxContext,
	body: Body,
	current?: Guest,
): Partial<StoredClient> {
	const changes: Partial<StoredClient> = {};
	for (const name of TEXT) {
		const value = text(body, name);
		if (value !== undefined) changes[name] = value === '' ? null : value;
	}
	Object.assign(
		changes,
		defined({
			email: email(body),
			phone: lenientPhone(body, 'phone_number'),
			birthday: birthdayChange(body, current?.birthday),
			loyalty_rank: integer(body, 'loyalty_rank', { min: 0, max: 1_000_000 }),
		}),
	);
	if (text(body, 'venue_group_marketing_opt_in') !== undefined) {
		changes.email_opt_in = flag(body, 'venue_group_marketing_opt_in', false);
		if (changes.email_opt_in !== current?.email_opt_in)
			changes.marketing_opt_in_ts = changes.email_opt_in ? ctx.clock.timestamp() : null;
	}
	if (text(body, 'venue_marketing_opt_in') !== undefined) {
		const venueId = text(body, 'venue_id');
		if (!venueId || !ctx.state.venues.has(venueId))
			throw bad('venue_marketing_opt_in needs the venue_id of a venue');
		changes.venue_marketing_opt_in = {
			...(current as StoredClient | undefined)?.venue_marketing_opt_in,
			[venueId]: flag(body, 'venue_marketing_opt_in', false),
		};
	}
	const add = list(body, 'add_tags');
	const remove = list(body, 'remove_tags');
	if (add || remove) changes.tags = changeTags(ctx, current?.tags ?? [], add, remove);
	return changes;
}
