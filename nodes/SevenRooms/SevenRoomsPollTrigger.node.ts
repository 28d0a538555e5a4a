import { deepCopy, NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { listSearch } from './methods';
import { pollBirthdays } from './polling/birthdays';
import type { BirthdayState } from './polling/birthdays';
import { changeSourceOf, itemsOf } from './polling/events';
import type { ChangeEvent } from './polling/events';
import { firstCursor, pollChanges, sampleChanges } from './polling/changes';
import type { ChangeCursor } from './polling/changes';
import { CREDENTIAL_TYPE } from './shared/contract';
import { venueLocator } from './shared/descriptions';

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
		subtitle:
			'={{ {"audienceSync": "Audience Sync (Email Opt-In)", "guestChanged": "Guest Created or Updated", "reservationChanged": "Reservation Created, Updated or Cancelled", "upcomingBirthday": "Upcoming Birthday", "waitlistAdded": "Waitlist Entry Added"}[$parameter["event"]] }}',
		description:
			'Checks SevenRooms on a schedule for changed guests, audience changes, upcoming birthdays, reservations and waitlist entries',
		defaults: { name: 'SevenRooms Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
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

	/**
	 * Each event keeps its own state in the node's static data: a change cursor, or the birthday
	 * dates handled. A manual test run shows a sample and leaves the state alone.
	 */
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as ChangeEvent | 'upcomingBirthday';
		const staticData = this.getWorkflowStaticData('node');
		const manual = this.getMode() === 'manual';
		// n8n hands nodes a proxy of the static data: a copy, not structuredClone, for a test run.
		const state = (
			manual ? deepCopy(staticData[event] ?? {}) : (staticData[event] ??= {})
		) as IDataObject;

		let items: IDataObject[];
		if (event === 'upcomingBirthday') {
			items = await pollBirthdays(
				this,
				this.getNodeParameter('venue', '', { extractValue: true }),
				state as BirthdayState,
				manual,
			);
		} else {
			const source = changeSourceOf(this, event);
			const cursor = state as ChangeCursor;
			if (manual) {
				items = await itemsOf(this, event, await sampleChanges(this, source));
			} else if (!cursor.cursor) {
				// First poll after activation: no history flood, only changes from now on.
				cursor.cursor = await firstCursor(this, source);
				cursor.recent = {};
				items = [];
			} else {
				items = await itemsOf(this, event, await pollChanges(this, cursor, source));
			}
		}
		return items.length ? [this.helpers.returnJsonArray(items)] : null;
	}
}
