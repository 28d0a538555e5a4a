import { deepCopy, NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	INodeExecutionData,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import type { ChangeEvent, ChangeSource } from './api';
import { listSearch } from './methods';
import { pollBirthdays } from './polling/birthdays';
import type { BirthdayState } from './polling/birthdays';
import { changeSourceOf, itemsOf } from './polling/events';
import { oneAtATime } from './polling/oneAtATime';
import { audienceActions, currentSubscribers, sampleAudienceActions } from './polling/audience';
import type { AudienceState } from './polling/audience';
import { firstCursor, pollChanges, sampleChanges } from './polling/changes';
import { pollAfterVisit } from './polling/afterVisit';
import type { AfterVisitState } from './polling/afterVisit';
import { afterVisitProperties } from './polling/visitDescription';
import {
	authenticationProperty,
	nodeCredentials,
	venueLocator,
	venueTimeZoneProperty,
} from './shared/descriptions';
import { optionSubtitle } from './shared/subtitles';

/** What the trigger can watch for; `action` is how n8n's node panel lists each one. */
const POLL_EVENTS: INodePropertyOptions[] = [
	{
		name: 'After the Visit (Completed, No-Show, Rating)',
		value: 'afterVisit',
		action: 'On a completed visit, no-show or guest rating',
		description:
			'Guests after their visit, with the bill and the rating: for thank-you emails, review requests and loyalty points',
	},
	{
		name: 'Audience Sync (Email Opt-In)',
		value: 'audienceSync',
		action: 'On an email audience change',
		description:
			'Guests who opted in or out of marketing email, and subscribers whose details changed, with audience_action subscribe or unsubscribe',
	},
	{
		name: 'Guest Created or Updated',
		value: 'guestChanged',
		action: 'On a new or changed guest',
		description: 'Each new or changed guest, once per change',
	},
	{
		name: 'Reservation Created, Updated or Cancelled',
		value: 'reservationChanged',
		action: 'On a new, changed or cancelled reservation',
		description: 'Reservation changes, for n8n instances SevenRooms cannot reach by webhook',
	},
	{
		name: 'Upcoming Birthday',
		value: 'upcomingBirthday',
		action: 'On an upcoming guest birthday',
		description: 'Guests whose birthday is a set number of days away, once a year each',
	},
	{
		name: 'Waitlist Entry Added',
		value: 'waitlistAdded',
		action: 'On a new waitlist entry',
		description: "Each party that joins a venue's waitlist",
	},
];

/**
 * A change event's poll: the first one after activation only starts the cursor (no backlog), and
 * for Audience Sync reads the audience. The cursor is taken first, on the API's clock: reading a
 * large audience takes minutes (50,000 guests at 120 requests a minute: over three), and whatever
 * changes meanwhile must fall in the next poll's window.
 */
async function pollChangeEvent(
	context: IPollFunctions,
	event: ChangeEvent,
	source: ChangeSource,
	state: AudienceState,
): Promise<IDataObject[]> {
	const cursor = state.cursor ? undefined : await firstCursor(context, source);
	if (event === 'audienceSync' && state.subscribers === undefined) {
		Object.assign(state, await currentSubscribers(context));
	}
	if (cursor) {
		state.cursor = cursor;
		state.recent = {};
		return [];
	}
	const changes = await pollChanges(context, state, source);
	return event === 'audienceSync'
		? audienceActions(changes, state)
		: await itemsOf(context, event, changes);
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
		subtitle: optionSubtitle('event', POLL_EVENTS),
		description:
			'Checks SevenRooms on a schedule for changed guests, audience changes, upcoming birthdays, reservations, visits and waitlist entries',
		defaults: { name: 'SevenRooms Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: nodeCredentials,
		properties: [
			authenticationProperty,
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: POLL_EVENTS,
				default: 'guestChanged',
			},
			{
				...venueLocator,
				description:
					'The venue whose time zone decides what today is, and whose waitlist is watched',
				displayOptions: { show: { event: ['upcomingBirthday', 'waitlistAdded'] } },
			},
			{
				...venueTimeZoneProperty,
				displayOptions: {
					show: {
						authentication: ['api24'],
						event: ['upcomingBirthday', 'reservationChanged', 'waitlistAdded', 'afterVisit'],
					},
				},
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
			...afterVisitProperties,
		],
	};

	methods = { listSearch };

	/**
	 * Each event keeps its own state in the node's static data: a change cursor, or the birthday
	 * dates handled. A manual test run shows a sample and leaves the state alone.
	 */
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		if (this.getMode() === 'manual') return await pollOnce(this, true);
		const key = `${this.getWorkflow().id ?? ''}|${this.getNode().id}`;
		return (await oneAtATime(key, async () => await pollOnce(this, false))) ?? null;
	}
}

/** One poll, or a test click's sample (which leaves the trigger's state as it was). */
async function pollOnce(
	context: IPollFunctions,
	manual: boolean,
): Promise<INodeExecutionData[][] | null> {
	const event = context.getNodeParameter('event') as ChangeEvent | 'upcomingBirthday';
	const staticData = context.getWorkflowStaticData('node');
	// n8n hands nodes a proxy of the static data: a copy, not structuredClone, for a test run.
	const state = (
		manual ? deepCopy(staticData[event] ?? {}) : (staticData[event] ??= {})
	) as IDataObject;

	let items: IDataObject[];
	if (event === 'afterVisit') {
		items = await pollAfterVisit(context, state as AfterVisitState, manual);
	} else if (event === 'upcomingBirthday') {
		items = await pollBirthdays(
			context,
			context.getNodeParameter('venue', '', { extractValue: true }),
			state as BirthdayState,
			manual,
		);
	} else {
		const source = changeSourceOf(context, event);
		if (manual) {
			const sample = await sampleChanges(context, source);
			items =
				event === 'audienceSync'
					? sampleAudienceActions(sample)
					: await itemsOf(context, event, sample);
		} else {
			items = await pollChangeEvent(context, event, source, state);
		}
	}
	return items.length ? [context.helpers.returnJsonArray(items)] : null;
}
