import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toUtcIso } from '../../helpers/time';
import { apiOf } from '../../api';
import type { ReservationFilters } from '../../api';
import { RESERVATION_STATUSES } from '../../shared/contract';
import { collection, returnAllAndLimit, venueLocator } from '../../shared/descriptions';

export const description = updateDisplayOptions(
	{ show: { resource: ['reservation'], operation: ['getAll'] } },
	[
		...returnAllAndLimit,
		collection('Filters', 'filters', 'Add Filter', [
			{ displayName: 'Guest ID', name: 'guestId', type: 'string', default: '' },
			{
				displayName: 'Starts After',
				name: 'startFrom',
				type: 'dateTime',
				default: '',
				description:
					'Only reservations starting at or after this time (UTC unless an offset is given)',
			},
			{
				displayName: 'Starts Before',
				name: 'startTo',
				type: 'dateTime',
				default: '',
				description:
					'Only reservations starting at or before this time (UTC unless an offset is given)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: RESERVATION_STATUSES,
				default: 'booked',
			},
			{
				displayName: 'Updated Since',
				name: 'updatedSince',
				type: 'dateTime',
				default: '',
				description:
					'Only reservations changed at or after this time (UTC unless an offset is given)',
			},
			{ ...venueLocator, required: false },
		]),
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const node = this.getNode();
	const query: ReservationFilters = {};
	const venue = filters.venue as IDataObject | string | undefined;
	const venueId = typeof venue === 'object' && venue !== null ? venue.value : venue;
	if (venueId) query.venueId = String(venueId);
	if (filters.guestId) query.guestId = String(filters.guestId).trim();
	if (filters.status) query.status = String(filters.status);
	if (filters.startFrom)
		query.startFrom = toUtcIso(node, filters.startFrom, {
			field: 'Starts After',
			zone: 'utc',
			itemIndex,
		});
	if (filters.startTo)
		query.startTo = toUtcIso(node, filters.startTo, {
			field: 'Starts Before',
			zone: 'utc',
			itemIndex,
		});
	if (filters.updatedSince)
		query.updatedSince = toUtcIso(node, filters.updatedSince, {
			field: 'Updated Since',
			zone: 'utc',
			itemIndex,
		});
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	return await apiOf(this).reservations.list(this, query, { limit, itemIndex });
}
