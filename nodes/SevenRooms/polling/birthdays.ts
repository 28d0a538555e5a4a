import { DateTime } from 'luxon';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import {
	ageOn,
	birthdayDateIn,
	birthdayQueryWindow,
	birthdayTargetDates,
} from '../helpers/birthdays';
import { checkedId } from '../shared/validation';
import { venueTimeZone } from '../api/venueTime';
import { apiOf } from '../api';
import { MANUAL_SAMPLE } from './changes';

export interface BirthdayState extends IDataObject {
	/** last birthday date handled (venue-local ISO date) */
	lastDate?: string;
	/** guest ids emitted per birthday date, only for the last few dates */
	emitted?: Record<string, string[]>;
}

/**
 * Guests whose birthday is `Days Ahead` days from today in the venue's zone, each once per year:
 * the dates since the last poll (a week at most) are asked for in one birthday window, and the ids
 * already emitted for a date are skipped. State is bounded by days, not guests.
 */
export async function pollBirthdays(
	context: IPollFunctions,
	venueParameter: unknown,
	state: BirthdayState,
	manual: boolean,
): Promise<IDataObject[]> {
	const node = context.getNode();
	const venueId = checkedId(node, venueParameter, 'Venue');
	const daysAhead = context.getNodeParameter('daysAhead', 0) as number;
	if (!Number.isInteger(daysAhead) || daysAhead < 0 || daysAhead > 366) {
		throw new NodeOperationError(
			node,
			`Days Ahead "${String(daysAhead)}" must be a whole number from 0 to 366`,
		);
	}
	// An unknown zone from the API (venueTime warns about it) falls back to UTC.
	const zone = (await venueTimeZone(context, venueId)) ?? 'UTC';
	const dates = birthdayTargetDates(
		new Date(),
		zone,
		daysAhead,
		manual ? undefined : state.lastDate,
	);
	const { start, end } = birthdayQueryWindow(dates);
	const emitted = { ...(state.emitted ?? {}) };
	const today = DateTime.now().setZone(zone).startOf('day');
	const items: IDataObject[] = [];
	for await (const page of apiOf(context).guests.pages(context, {
		birthdayStart: start,
		birthdayEnd: end,
	})) {
		for (const guest of page) {
			const date = birthdayDateIn(guest.birthday, dates);
			const id = String(guest.id ?? '');
			if (!date || !id || emitted[date]?.includes(id)) continue;
			emitted[date] = [...(emitted[date] ?? []), id];
			const turningAge = ageOn(guest.birthday, date);
			items.push({
				...guest,
				birthday_date: date,
				days_until_birthday: Math.round(DateTime.fromISO(date, { zone }).diff(today, 'days').days),
				...(turningAge !== undefined ? { turning_age: turningAge } : {}),
				venue_id: venueId,
				venue_timezone: zone,
			});
		}
		if (manual && items.length >= MANUAL_SAMPLE) break;
	}
	if (!manual) {
		const oldest = dates[0];
		state.lastDate = dates[dates.length - 1];
		state.emitted = Object.fromEntries(Object.entries(emitted).filter(([date]) => date >= oldest));
	}
	return manual ? items.slice(0, MANUAL_SAMPLE) : items;
}
