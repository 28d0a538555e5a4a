import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toUtcIso } from '../../helpers/time';
import { RESERVATION_LOCAL_FIELDS, RESERVATION_STATUSES } from '../../shared/contract';
import { collection, returnAllAndLimit, venueLocator } from '../../shared/descriptions';
import { withVenueLocalTimes } from '../../shared/venueTime';
import { apiRequestAllItems } from '../../transport';

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
	const qs: IDataObject = {};
	const venue = filters.venue as IDataObject | string | undefined;
	const venueId = typeof venue === 'object' && venue !== null ? venue.value : venue;
	if (venueId) qs.venue_id = String(venueId);
	if (filters.guestId) qs.guest_id = String(filters.guestId).trim();
	if (filters.status) qs.status = filters.status;
	if (filters.startFrom)
		qs['start_time[gte]'] = toUtcIso(node, filters.startFrom, {
			field: 'Starts After',
			zone: 'utc',
			itemIndex,
		});
	if (filters.startTo)
		qs['start_time[lte]'] = toUtcIso(node, filters.startTo, {
			field: 'Starts Before',
			zone: 'utc',
			itemIndex,
		});
	if (filters.updatedSince)
		qs['updated_at[gte]'] = toUtcIso(node, filters.updatedSince, {
			field: 'Updated Since',
			zone: 'utc',
			itemIndex,
		});
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const reservations = await apiRequestAllItems.call(this, '/reservations', qs, {
		limit,
		itemIndex,
	});
	const result: IDataObject[] = [];
	for (const reservation of reservations)
		result.push(
			await withVenueLocalTimes(this, reservation, RESERVATION_LOCAL_FIELDS, { itemIndex }),
		);
	return result;
}
