import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import * as guest from './actions/guest';
import * as reservation from './actions/reservation';
import { router } from './actions/router';
import * as venue from './actions/venue';
import * as waitlist from './actions/waitlist';
import * as webhook from './actions/webhook';
import { listSearch, loadOptions } from './methods';
import { CREDENTIAL_TYPE } from './shared/contract';
import { actionSubtitle } from './shared/subtitles';

export class SevenRooms implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SevenRooms',
		name: 'sevenRooms',
		icon: {
			light: 'file:../../icons/sevenrooms.svg',
			dark: 'file:../../icons/sevenrooms.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: actionSubtitle({
			guest: guest.description,
			reservation: reservation.description,
			venue: venue.description,
			waitlist: waitlist.description,
			webhook: webhook.description,
		}),
		description:
			'Create and update guests, book and change reservations, run the waitlist and read venues in SevenRooms',
		defaults: { name: 'SevenRooms' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Guest', value: 'guest' },
					{ name: 'Reservation', value: 'reservation' },
					{ name: 'Venue', value: 'venue' },
					{ name: 'Waitlist', value: 'waitlist' },
					{ name: 'Webhook', value: 'webhook' },
				],
				default: 'guest',
			},
			...guest.description,
			...reservation.description,
			...venue.description,
			...waitlist.description,
			...webhook.description,
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
