import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiOf } from '../../api';
import { WAITLIST_STATUSES } from '../../shared/contract';
import { collection, returnAllAndLimit, venueLocator } from '../../shared/descriptions';
import { checkedId } from '../../shared/validation';

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
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const status = filters.status ? String(filters.status) : undefined;
	return await apiOf(this).waitlist.list(this, venueId, status, { limit, itemIndex });
}
