import type { INodeProperties } from 'n8n-workflow';

import { venueLocator } from '../shared/descriptions';

const show = { show: { event: ['afterVisit'] } };

/** The Poll Trigger's parameters for After the Visit (polling/afterVisit.ts reads them). */
export const afterVisitProperties: INodeProperties[] = [
	{
		displayName: 'Visit Events',
		name: 'visitEvents',
		type: 'multiOptions',
		options: [
			{
				name: 'No-Show',
				value: 'no_show',
				description: 'The party did not come',
			},
			{
				name: 'Rating Received',
				value: 'rated',
				description:
					'The guest rated the visit or left feedback, often hours later; again if the score changes',
			},
			{
				name: 'Visit Completed',
				value: 'completed',
				description: 'The party has left; with the bill when SevenRooms has it',
			},
		],
		default: ['completed'],
		description:
			'Which events to send. A visit completed and rated between two checks sends both, completed first.',
		displayOptions: show,
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Minimum Spend',
				name: 'minimumSpend',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
				description:
					"Completed visits only with a bill of at least this much, in the venue's currency. Visits whose bill is not known yet are left out.",
			},
			{ ...venueLocator, displayName: 'Only Venue', required: false },
			{
				displayName: 'Rating at Most',
				name: 'ratingAtMost',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 2,
				description:
					'Ratings only with this score or lower, e.g. 2 for a service-recovery alert. Feedback without a score is left out.',
			},
		],
	},
];
