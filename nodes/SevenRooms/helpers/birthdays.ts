import { DateTime } from 'luxon';

/**
 * Birthday dates of a poll: from the day after the last date already handled up to `daysAhead`
 * days from today in the venue's zone (at most a week back, so a stopped instance catches up
 * without a flood). Each is an ISO date.
 */
export function birthdayTargetDates(
	now: Date,
	zone: string,
	daysAhead: number,
	lastHandled?: string,
	maxCatchUpDays = 7,
): string[] {
	const target = DateTime.fromJSDate(now).setZone(zone).startOf('day').plus({ days: daysAhead });
	let start = target;
	if (lastHandled) {
		const next = DateTime.fromISO(lastHandled, { zone }).plus({ days: 1 });
		if (next.isValid && next < target)
			start = DateTime.max(next, target.minus({ days: maxCatchUpDays }));
	}
	const dates: string[] = [];
	for (let day = start; day <= target; day = day.plus({ days: 1 }))
		dates.push(day.toISODate() as string);
	return dates;
}

/**
 * The date among `dates` (ISO) a birthday (YYYY-MM-DD or --MM-DD) falls on. Feb 29 birthdays are
 * celebrated on Feb 28 in years without Feb 29.
 */
export function birthdayDateIn(birthday: unknown, dates: string[]): string | undefined {
	if (typeof birthday !== 'string' || !/^(\d{4}|-)-\d{2}-\d{2}$/.test(birthday)) return undefined;
	const monthDay = birthday.slice(-5);
	return dates.find((date) => {
		const day = date.slice(5);
		if (day === monthDay) return true;
		return monthDay === '02-29' && day === '02-28' && !DateTime.fromISO(date).isInLeapYear;
	});
}

/** The MM-DD window to ask the API for (inclusive, may wrap the year end), Feb 29 included. */
export function birthdayQueryWindow(dates: string[]): { start: string; end: string } {
	const start = dates[0].slice(5);
	let end = dates[dates.length - 1].slice(5);
	if (end === '02-28' && !DateTime.fromISO(dates[dates.length - 1]).isInLeapYear) end = '02-29';
	return { start, end };
}

/** Age reached on `date`, when the birthday has a year. */
export function ageOn(birthday: unknown, date: string): number | undefined {
	if (typeof birthday !== 'string' || !/^\d{4}-/.test(birthday)) return undefined;
	return Number(date.slice(0, 4)) - Number(birthday.slice(0, 4));
}
