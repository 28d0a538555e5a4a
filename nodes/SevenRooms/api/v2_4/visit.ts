import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { moneyOf, nonBlankText, numberOrNull, ratingOf } from '../../helpers/money';

const CLOCK_FORMATS = ['h:mm:ss a', 'h:mm a', 'H:mm:ss', 'H:mm'];

/**
 * A venue-local clock time (`7:00 PM`, `9:45:00 PM`, `21:45`) on a reservation's service date, as a
 * venue-local DateTime. A service day begins at 6 AM: earlier times are the next calendar day.
 */
export function localClockOn(date: unknown, clock: unknown, zone: string): DateTime | undefined {
	if (typeof date !== 'string' || typeof clock !== 'string') return undefined;
	const text = clock
		.trim()
		.toUpperCase()
		.replace(/\s*([AP]M)$/, ' $1');
	const time = CLOCK_FORMATS.map((format) =>
		DateTime.fromFormat(text, format, { locale: 'en-US' }),
	).find((parsed) => parsed.isValid);
	const day = DateTime.fromISO(date.trim(), { zone });
	if (!time || !day.isValid) return undefined;
	const local = day.set({ hour: time.hour, minute: time.minute, second: time.second });
	return time.hour < 6 ? local.plus({ days: 1 }) : local;
}

/** `seated_time` / `left_time` as a UTC instant: a clock time on the service date, or a full date-time. */
function visitInstant(value: unknown, date: unknown, zone: string): string | null {
	if (typeof value !== 'string' || !value.trim()) return null;
	const text = value.trim();
	let local = /^\d{4}-\d{2}-\d{2}[T ]\d/.test(text)
		? DateTime.fromISO(text.replace(' ', 'T'), { zone, setZone: true })
		: localClockOn(date, text, zone);
	if (local && !local.isValid) local = DateTime.fromSQL(text, { zone, setZone: true });
	return local?.isValid ? local.toUTC().toISO() : null;
}

/**
 * The visit and its bill of a 2.4 reservation (already cleaned of `"None"`), in the OAuth2 API's
 * words. The spec shows `seated_time` and `left_time` as the venue's clock ("9:45:00 PM"), so they
 * are read on the reservation's service `date`; either may be null even when the visit is
 * complete. `spend` is `total_payment` (prepayment plus on-site payment), else `onsite_payment`;
 * its currency, the venue's `currency_code`, is not on the reservation: null here, filled by who
 * reads the venue (After the Visit).
 * `rating` as 2.4 gives it (the spec says 1 to 10, its example is 4.2). A 2.4 reservation has no
 * feedback text: `feedback` is null unless a field of that name comes.
 */
export function visitOf24(r: IDataObject, zone: string): IDataObject {
	return {
		seated_at: visitInstant(r.seated_time, r.date, zone),
		completed_at: visitInstant(r.left_time, r.date, zone),
		spend: moneyOf(numberOrNull(r.total_payment) ?? numberOrNull(r.onsite_payment)),
		rating: ratingOf(r.rating),
		feedback: nonBlankText(r.feedback),
	};
}
