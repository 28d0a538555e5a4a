import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { WAITLIST_LOCAL_FIELDS, WAITLIST_STATUSES } from '../../shared/contract';
import { collection, returnAllAndLimit, venueLocator } from '../../shared/descriptions';
import { checkedId } from '../../shared/validation';
import { withVenueLocalTimes } from '../../shared/venueTime';
import { apiRequestAllItems } from '../../transport';

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

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const venueId = checkedId(
		this.getNode(),
		this.getNodeParameter('venue', itemIndex, '', { extractValue: true }),
		'Venue',
		itemIndex,
	);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const qs: IDataObject = {
		venue_id: venueId,
		...(filters.status ? { status: filters.status } : {}),
	};
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const entries = await apiRequestAllItems.call(this, '/waitlist', qs, { limit, itemIndex });
	const result: IDataObject[] = [];
	for (const entry of entries) {
		result.push(await withVenueLocalTimes(this, entry, WAITLIST_LOCAL_FIELDS, { itemIndex }));
	}
	return result;
}
