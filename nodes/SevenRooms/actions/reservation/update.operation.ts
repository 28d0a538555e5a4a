import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { RESERVATION_LOCAL_FIELDS, RESERVATION_STATUSES } from '../../shared/contract';
import { collection, reservationLocator, timeInputZoneOption } from '../../shared/descriptions';
import { idParameter, wholeNumber } from '../../shared/validation';
import { withVenueLocalTimes } from '../../shared/venueTime';
import { apiRequestObject } from '../../transport';
import { additionFieldOptions, splitAdditions, withAdditions } from '../additions';
import { reservationFieldsBody, startTimeUtc } from './body';
import { reservationFieldOptions } from './description';

export const description = updateDisplayOptions(
	{ show: { resource: ['reservation'], operation: ['update'] } },
	[
		reservationLocator,
		collection('Update Fields', 'updateFields', 'Add Field', [
			...reservationFieldOptions,
			...additionFieldOptions,
			{
				displayName: 'Party Size',
				name: 'partySize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 2,
			},
			{
				displayName: 'Start Time',
				name: 'startTime',
				type: 'dateTime',
				default: '',
				description: "In the venue's local time unless Options say UTC",
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: RESERVATION_STATUSES,
				default: 'confirmed',
			},
		]),
		collection('Options', 'options', 'Add Option', [timeInputZoneOption]),
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const reservationId = idParameter(this, 'reservationId', 'Reservation ID', itemIndex);
	const { replace: fields, add } = splitAdditions(
		this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
	);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const path = `/reservations/${encodeURIComponent(reservationId)}`;
	const body = reservationFieldsBody(fields);
	if (fields.partySize !== undefined) {
		body.party_size = wholeNumber(node, itemIndex, 'Party Size', fields.partySize);
	}
	if (fields.status) body.status = fields.status;
	if (fields.startTime) {
		// A local time needs the reservation's venue.
		const venueId =
			options.timeZone === 'utc'
				? ''
				: String((await apiRequestObject.call(this, 'GET', path, { itemIndex })).venue_id ?? '');
		body.start_time = await startTimeUtc(
			this,
			itemIndex,
			fields.startTime,
			venueId,
			venueId ? options.timeZone : 'utc',
		);
	}
	const merged = await withAdditions(this, path, body, add, itemIndex);
	if (!Object.keys(merged).length) {
		throw new NodeOperationError(node, 'Update Fields is empty: add at least one field to change', {
			itemIndex,
		});
	}
	const reservation = await apiRequestObject.call(this, 'PATCH', path, {
		body: merged,
		itemIndex,
	});
	return await withVenueLocalTimes(this, reservation, RESERVATION_LOCAL_FIELDS, { itemIndex });
}
