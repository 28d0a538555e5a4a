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
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Manage SevenRooms guests, reservations, waitlist, venues and webhooks',
		defaults: { name: 'SevenRooms' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sevenRoomsOAuth2Api', required: true }],
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
