import { DateTime } from 'luxon';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { venueLocator } from './actions/common.descriptions';
import { RESERVATION_LOCAL_FIELDS } from './actions/reservation/fields';
import { WAITLIST_LOCAL_FIELDS } from './actions/waitlist/get.operation';
import {
	ageOn,
	birthdayDateIn,
	birthdayQueryWindow,
	birthdayTargetDates,
} from './helpers/birthdays';
import { withLocalTimes } from './helpers/time';
import { cachedVenueTimezone } from './helpers/venues';
import { listSearch } from './methods';
import { apiRequestPages } from './transport';

/** Changes are asked for from a little before the last one seen: late writes are not missed. */
export const POLL_OVERLAP_MS = 2 * 60 * 1000;
/** What a manual test run shows. */
const MANUAL_SAMPLE = 5;

type ChangeEvent = 'guestChanged' | 'audienceSync' | 'reservationChanged' | 'waitlistAdded';

/** Where an event's changes come from and which field dates them. */
interface ChangeSource {
	path: string;
	qs: IDataObject;
	changedAt: (item: IDataObject) => string | undefined;
	/** whether the list takes `updated_at[gte]` (the waitlist's doesn't) */
	serverFilter: boolean;
}

interface ChangeCursor {
	/** newest change time seen (API clock, ISO) */
	cursor?: string;
	/** id → change time of what was emitted inside the overlap window */
	recent?: Record<string, string>;
}

function venueIdOf(value: unknown): string {
	const id = typeof value === 'object' && value !== null ? (value as IDataObject).value : value;
	return typeof id === 'string' ? id.trim() : '';
}

function time(value: unknown): number {
	return typeof value === 'string' ? Date.parse(value) : NaN;
}

/**
 * New and changed objects since the last poll, each once: asks from the cursor minus an overlap and
 * drops what was already emitted with the same change time. State stays as small as the overlap.
 */
async function pollChanges(
	context: IPollFunctions,
	state: ChangeCursor,
	{ path, qs, changedAt, serverFilter }: ChangeSource,
): Promise<IDataObject[]> {
	const since = state.cursor
		? new Date(time(state.cursor) - POLL_OVERLAP_MS).toISOString()
		: undefined;
	const recent = { ...(state.recent ?? {}) };
	const fresh: IDataObject[] = [];
	let newest = state.cursor;
	const query = serverFilter && since ? { ...qs, 'updated_at[gte]': since } : qs;
	for await (const page of apiRequestPages.call(context, path, query)) {
		for (const item of page) {
			const at = changedAt(item);
			const id = String(item.id ?? '');
			if (!at || !id || (since && time(at) < time(since))) continue;
			if (recent[id] === at) continue;
			recent[id] = at;
			fresh.push(item);
			if (!newest || time(at) > time(newest)) newest = at;
		}
	}
	const keepFrom = newest ? time(newest) - POLL_OVERLAP_MS : 0;
	state.cursor = newest;
	state.recent = Object.fromEntries(
		Object.entries(recent).filter(([, at]) => time(at) >= keepFrom),
	);
	return fresh;
}

export class SevenRoomsPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SevenRooms Poll Trigger',
		name: 'sevenRoomsPollTrigger',
		icon: {
			light: 'file:../../icons/sevenrooms.svg',
			dark: 'file:../../icons/sevenrooms.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] }}',
		description:
			'Checks SevenRooms on a schedule for changed guests, audience changes, upcoming birthdays, reservations and waitlist entries',
		defaults: { name: 'SevenRooms Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sevenRoomsOAuth2Api', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{
						name: 'Audience Sync (Email Opt-In)',
						value: 'audienceSync',
						description:
							'Each changed guest with audience_action subscribe or unsubscribe, for Mailchimp, Klaviyo or Brevo',
					},
					{
						name: 'Guest Created or Updated',
						value: 'guestChanged',
						description: 'Each new or changed guest, once per change',
					},
					{
						name: 'Reservation Created, Updated or Cancelled',
						value: 'reservationChanged',
						description: 'Reservation changes, for instances SevenRooms cannot reach by webhook',
					},
					{
						name: 'Upcoming Birthday',
						value: 'upcomingBirthday',
						description: 'Guests whose birthday is a set number of days away, once a year each',
					},
					{
						name: 'Waitlist Entry Added',
						value: 'waitlistAdded',
						description: 'New waitlist entries of a venue',
					},
				],
				default: 'guestChanged',
			},
			{
				...venueLocator,
				description:
					'The venue whose time zone decides what today is, and whose waitlist is watched',
				displayOptions: { show: { event: ['upcomingBirthday', 'waitlistAdded'] } },
			},
			{
				displayName: 'Days Ahead',
				name: 'daysAhead',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 60 },
				default: 0,
				description:
					'Emit guests whose birthday is this many days from today (0 = today). A guest born on February 29 celebrates on February 28 in other years.',
				displayOptions: { show: { event: ['upcomingBirthday'] } },
			},
			{
				displayName: 'Reservation Events',
				name: 'reservationEvents',
				type: 'multiOptions',
				options: [
					{ name: 'Cancelled', value: 'cancelled' },
					{ name: 'Created', value: 'created' },
					{ name: 'Updated', value: 'updated' },
				],
				default: ['created', 'updated', 'cancelled'],
				displayOptions: { show: { event: ['reservationChanged'] } },
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				displayOptions: { show: { event: ['reservationChanged'] } },
				options: [{ ...venueLocator, displayName: 'Only Venue', required: false }],
			},
		],
	};

	methods = { listSearch };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as ChangeEvent | 'upcomingBirthday';
		const staticData = this.getWorkflowStaticData('node');
		const manual = this.getMode() === 'manual';
		// A manual test run looks, it doesn't move the trigger's state.
		const state = (
			manual ? structuredClone(staticData[event] ?? {}) : (staticData[event] ??= {})
		) as IDataObject;

		let items: IDataObject[];
		if (event === 'upcomingBirthday') items = await pollBirthdays(this, state, manual);
		else items = await pollChangeEvent(this, event, state as ChangeCursor, manual);
		return items.length ? [this.helpers.returnJsonArray(items)] : null;
	}
}

async function pollChangeEvent(
	context: IPollFunctions,
	event: ChangeEvent,
	state: ChangeCursor,
	manual: boolean,
): Promise<IDataObject[]> {
	const updatedAt = (item: IDataObject) => item.updated_at as string | undefined;
	let source: ChangeSource;
	if (event === 'guestChanged' || event === 'audienceSync') {
		source = { path: '/guests', qs: {}, changedAt: updatedAt, serverFilter: true };
	} else if (event === 'reservationChanged') {
		const venueId = venueIdOf((context.getNodeParameter('filters', {}) as IDataObject).venue);
		source = {
			path: '/reservations',
			qs: venueId ? { venue_id: venueId } : {},
			changedAt: updatedAt,
			serverFilter: true,
		};
	} else {
		const venueId = venueIdOf(context.getNodeParameter('venue', ''));
		if (!venueId)
			throw new NodeOperationError(
				context.getNode(),
				'Venue is empty: choose the venue whose waitlist to watch',
			);
		// The waitlist list has no change filter; a venue's waitlist is short, so it is read whole.
		source = {
			path: '/waitlist',
			qs: { venue_id: venueId },
			changedAt: (entry) => entry.joined_at as string | undefined,
			serverFilter: false,
		};
	}

	if (manual) {
		// A test run samples the last month (on a copy of the state).
		state.cursor = new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString();
		state.recent = {};
	} else if (!state.cursor) {
		// First poll after activation: no history flood. The next poll looks back from here by the
		// overlap, so a change made between activation and this poll is not lost (a change made a
		// moment before activation may come out too: at least once, never a backlog).
		state.cursor = new Date().toISOString();
		state.recent = {};
		return [];
	}

	let items = await pollChanges(context, state, source);
	if (event === 'audienceSync') {
		items = items.map((guest) => ({
			...guest,
			audience_action: guest.email_opt_in === true ? 'subscribe' : 'unsubscribe',
		}));
	} else if (event === 'reservationChanged') {
		const wanted = context.getNodeParameter('reservationEvents', []) as string[];
		const reservations: IDataObject[] = [];
		for (const reservation of items) {
			const kind =
				reservation.status === 'cancelled'
					? 'cancelled'
					: reservation.created_at === reservation.updated_at
						? 'created'
						: 'updated';
			if (wanted.includes(kind))
				reservations.push(
					await localized(
						context,
						{ ...reservation, event: `reservation.${kind}` },
						RESERVATION_LOCAL_FIELDS,
					),
				);
		}
		items = reservations;
	} else if (event === 'waitlistAdded') {
		const entries: IDataObject[] = [];
		for (const entry of items) entries.push(await localized(context, entry, WAITLIST_LOCAL_FIELDS));
		items = entries;
	}
	if (manual)
		return items
			.sort((a, b) => time(b.updated_at ?? b.joined_at) - time(a.updated_at ?? a.joined_at))
			.slice(0, MANUAL_SAMPLE);
	return items;
}

async function localized(
	context: IPollFunctions,
	object: IDataObject,
	fields: string[],
): Promise<IDataObject> {
	if (typeof object.venue_id !== 'string') return object;
	const zone = await cachedVenueTimezone.call(context, object.venue_id).catch((error: Error) => {
		context.logger.warn(
			`SevenRooms Poll Trigger: no time zone for venue ${String(object.venue_id)}, times stay in UTC`,
			{ message: error.message },
		);
		return undefined;
	});
	return withLocalTimes(object, zone, fields);
}

interface BirthdayState extends IDataObject {
	/** last birthday date handled (venue-local ISO date) */
	lastDate?: string;
	/** guest ids emitted per birthday date, only for the last few dates */
	emitted?: Record<string, string[]>;
}

async function pollBirthdays(
	context: IPollFunctions,
	state: BirthdayState,
	manual: boolean,
): Promise<IDataObject[]> {
	const venueId = venueIdOf(context.getNodeParameter('venue', ''));
	if (!venueId)
		throw new NodeOperationError(
			context.getNode(),
			'Venue is empty: choose the venue whose time zone decides what today is',
		);
	const daysAhead = context.getNodeParameter('daysAhead', 0) as number;
	const zone = (await cachedVenueTimezone.call(context, venueId)) ?? 'UTC';
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
	for await (const page of apiRequestPages.call(context, '/guests', {
		birthday_start: start,
		birthday_end: end,
	})) {
		for (const guest of page) {
			const date = birthdayDateIn(guest.birthday, dates);
			const id = String(guest.id ?? '');
			if (!date || !id || emitted[date]?.includes(id)) continue;
			(emitted[date] ??= []).push(id);
			items.push({
				...guest,
				birthday_date: date,
				days_until_birthday: Math.round(DateTime.fromISO(date, { zone }).diff(today, 'days').days),
				...(ageOn(guest.birthday, date) !== undefined
					? { turning_age: ageOn(guest.birthday, date) }
					: {}),
				venue_id: venueId,
				venue_timezone: zone,
			});
		}
	}
	if (!manual) {
		const oldest = dates[0];
		state.lastDate = dates[dates.length - 1];
		// Only the dates this and the next polls can still see are kept: bounded by days, not guests.
		state.emitted = Object.fromEntries(Object.entries(emitted).filter(([date]) => date >= oldest));
	}
	return manual ? items.slice(0, MANUAL_SAMPLE) : items;
}
