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
import { authenticationProperty, nodeCredentials } from './shared/descriptions';
import { venueTimeZoneProperty } from './shared/venueTime';

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
		// The action the user picked, as the node panel names it (a test checks it against the operations).
		subtitle:
			'={{ {"guest:create":"Create a Guest","guest:upsert":"Create or Update a Guest","guest:delete":"Delete a Guest","guest:get":"Get a Guest","guest:getAll":"Get Many Guests","guest:removePersonalData":"Remove a Guest\'s Personal Data","guest:update":"Update a Guest","reservation:cancel":"Cancel a Reservation","reservation:create":"Create a Reservation","reservation:get":"Get a Reservation","reservation:getAll":"Get Many Reservations","reservation:update":"Update a Reservation","venue:get":"Get a Venue","venue:getAll":"Get Many Venues","venue:getTables":"Get the Tables of a Venue","waitlist:add":"Add to the Waitlist","waitlist:get":"Get a Waitlist Entry","waitlist:getAll":"Get Many Waitlist Entries","waitlist:remove":"Remove from the Waitlist","waitlist:update":"Update a Waitlist Entry","webhook:create":"Create a Webhook","webhook:delete":"Delete a Webhook","webhook:get":"Get a Webhook","webhook:getAll":"Get Many Webhooks"}[$parameter["resource"] + ":" + $parameter["operation"]] }}',
		description:
			'Create and update guests, book and change reservations, run the waitlist and read venues in SevenRooms',
		defaults: { name: 'SevenRooms' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: nodeCredentials,
		properties: [
			authenticationProperty,
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
			{
				...venueTimeZoneProperty,
				displayOptions: {
					show: { authentication: ['api24'], resource: ['reservation', 'waitlist'] },
				},
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
