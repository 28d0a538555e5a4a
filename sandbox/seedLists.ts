import type { Venue } from './types';

/**
 * The fixed lists the seed draws from: three venues in three time zones, names, tags (with their
 * API 2.4 tag groups), dietary notes, table sections, and phone numbers in the venues' countries.
 */
export const FIRST = [
	'Olivia',
	'Liam',
	'Amelia',
	'Noah',
	'Isla',
	'Omar',
	'Layla',
	'Mateo',
	'Sofia',
	'Yusuf',
	'Grace',
	'Hiro',
	'Chloe',
	'Arjun',
	'Emma',
	'Lucas',
	'Aisha',
	'Leo',
	'Maya',
	'Ethan',
	'Zara',
	'Daniel',
	'Nora',
	'Samuel',
];
export const LAST = [
	'Smith',
	'Johnson',
	'Patel',
	'Garcia',
	'Williams',
	'Brown',
	'Al Mansoori',
	'Kim',
	'Rossi',
	'Nguyen',
	'Taylor',
	'Hernandez',
	'Cohen',
	"O'Brien",
	'Khan',
	'Silva',
	'Jones',
	'Tanaka',
	'Murphy',
	'Haddad',
];
export const TAGS = [
	'vip',
	'regular',
	'wine-lover',
	'vegan',
	'allergy',
	'birthday-club',
	'corporate',
];

/** The 2.4 API's tag group of each seeded tag (guests' and reservations'). */
export const SEEDED_TAG_GROUPS: Record<string, string> = {
	vip: 'Guest Status',
	regular: 'Guest Status',
	corporate: 'Guest Status',
	'wine-lover': 'Preferences',
	vegan: 'Dietary',
	allergy: 'Dietary',
	'birthday-club': 'Marketing',
	anniversary: 'Occasion',
};

export const DIETARY = [
	'',
	'',
	'',
	'vegetarian',
	'vegan',
	'nut allergy',
	'gluten free',
	'shellfish allergy',
	'no pork',
];
export const SECTIONS = ['Main Room', 'Bar', 'Terrace', 'Private Dining'];

export const VENUES: Array<Omit<Venue, 'created_at' | 'updated_at'>> = [
	{
		id: 'ven_nyc',
		name: 'Harbor & Vine New York',
		timezone: 'America/New_York',
		currency: 'USD',
		address: '88 Greenwich St, New York, NY 10006, US',
		operating_hours: [],
	},
	{
		id: 'ven_ldn',
		name: 'Harbor & Vine London',
		timezone: 'Europe/London',
		currency: 'GBP',
		address: '12 Bankside, London SE1 9TG, UK',
		operating_hours: [],
	},
	{
		id: 'ven_dxb',
		name: 'Harbor & Vine Dubai',
		timezone: 'Asia/Dubai',
		currency: 'AED',
		address: 'Gate Village 4, DIFC, Dubai, AE',
		operating_hours: [],
	},
];

/** Guests' phone countries follow the venues': US, GB, AE. */
export const PHONE_COUNTRIES = ['US', 'GB', 'AE'];

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A valid, unique phone number for guest `index` in one of three countries. */
export function phoneFor(index: number, country: string): string {
	const line = String(index % 10_000).padStart(4, '0');
	const block = Math.floor(index / 10_000);
	if (country === 'GB') return `+44207${String(100 + (block % 800)).padStart(3, '0')}${line}`;
	if (country === 'AE') return `+97150${String(100 + (block % 800)).padStart(3, '0')}${line}`;
	// US exchange 2xx-8xx skipping N11 service codes.
	let exchange = 201 + (block % 690);
	if (exchange % 100 === 11) exchange += 1;
	return `+1212${exchange}${line}`;
}
