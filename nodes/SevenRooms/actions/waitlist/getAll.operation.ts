import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequestAllItems } from '../../transport';
import { collection, returnAllAndLimit, venueLocator } from '../common.descriptions';
import type { RunContext } from '../types';
import { WAITLIST_LOCAL_FIELDS } from './get.operation';

export const WAITLIST_STATUSES = [
	{ name: 'Cancelled', value: 'cancelled' },
	{ name: 'Notified', value: 'notified' },
	{ name: 'Seated', value: 'seated' },
	{ name: 'Waiting', value: 'waiting' },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['waitlist'], operation: ['getAll'] } },
	[
		venueLocator,
		...returnAllAndLimit,
		collection('Filters', 'filters', 'Add Filter', [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: WAITLIST_STATUSES,
				default: 'waiting',
			},
		]),
	],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
): Promise<IDataObject[]> {
	const venueId = this.getNodeParameter('venue', itemIndex, '', { extractValue: true }) as string;
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const qs: IDataObject = {
		venue_id: venueId,
		...(filters.status ? { status: filters.status } : {}),
	};
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const entries = await apiRequestAllItems.call(this, '/waitlist', qs, { limit, itemIndex });
	const result: IDataObject[] = [];
	for (const entry of entries)
		result.push(await run.withVenueLocalTimes(entry, WAITLIST_LOCAL_FIELDS, itemIndex));
	return result;
}
