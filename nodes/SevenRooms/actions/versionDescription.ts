import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeTypeBaseDescription, INodeTypeDescription } from 'n8n-workflow';

import {
	authenticationProperty,
	nodeCredentials,
	venueTimeZoneProperty,
} from '../shared/descriptions';
import * as guest from './guest';
import * as reservation from './reservation';
import { toolDescriptionProperties } from './toolDescriptions';
import * as venue from './venue';
import * as waitlist from './waitlist';
import * as webhook from './webhook';

/**
 * The action node's description in one node version. Version 1 keeps the parameters saved
 * workflows have; version 2 takes guest and reservation fields through the resource mapper
 * (Guest → Create, Update, Create or Update; Reservation → Create). Everything else is the same.
 */
export function versionDescription(
	baseDescription: INodeTypeBaseDescription,
	version: 1 | 2,
): INodeTypeDescription {
	const mapper = version >= 2;
	return {
		...baseDescription,
		version,
		// The action the user picked, as the node panel names it (a test checks it against the operations).
		subtitle:
			'={{ {"guest:create":"Create a Guest","guest:upsert":"Create or Update a Guest","guest:delete":"Delete a Guest","guest:findByContact":"Find a Guest from Email or Phone","guest:get":"Get a Guest","guest:getAll":"Get Many Guests","guest:removePersonalData":"Remove a Guest\'s Personal Data","guest:update":"Update a Guest","reservation:cancel":"Cancel a Reservation","reservation:checkAvailability":"Check Availability","reservation:create":"Create a Reservation","reservation:get":"Get a Reservation","reservation:getAll":"Get Many Reservations","reservation:update":"Update a Reservation","venue:get":"Get a Venue","venue:getAll":"Get Many Venues","venue:getTables":"Get the Tables of a Venue","waitlist:add":"Add to the Waitlist","waitlist:get":"Get a Waitlist Entry","waitlist:getAll":"Get Many Waitlist Entries","waitlist:remove":"Remove from the Waitlist","waitlist:update":"Update a Waitlist Entry","webhook:create":"Create a Webhook","webhook:delete":"Delete a Webhook","webhook:get":"Get a Webhook","webhook:getAll":"Get Many Webhooks"}[$parameter["resource"] + ":" + $parameter["operation"]] }}',
		defaults: { name: 'SevenRooms' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: nodeCredentials,
		properties: [
			...toolDescriptionProperties,
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
			...(mapper ? guest.descriptionV2 : guest.description),
			...(mapper ? reservation.descriptionV2 : reservation.description),
			...venue.description,
			...waitlist.description,
			...webhook.description,
		],
	};
}
