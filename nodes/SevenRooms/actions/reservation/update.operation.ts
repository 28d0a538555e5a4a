import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequest, unwrap } from '../../transport';
import { wholeNumber } from '../common.guest';
import { collection, reservationLocator, timeInputZoneOption } from '../common.descriptions';
import type { RunContext } from '../types';
import {
	RESERVATION_LOCAL_FIELDS,
	reservationFieldOptions,
	reservationFieldsBody,
	startTimeUtc,
} from './fields';
import { RESERVATION_STATUSES } from './getAll.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['reservation'], operation: ['update'] } },
	[
		reservationLocator,
		collection('Update Fields', 'updateFields', 'Add Field', [
			...reservationFieldOptions,
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

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
): Promise<IDataObject> {
	const reservationId = this.getNodeParameter('reservationId', itemIndex, '', {
		extractValue: true,
	}) as string;
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const path = `/reservations/${encodeURIComponent(reservationId)}`;
	const body = reservationFieldsBody(fields);
	if (fields.partySize !== undefined)
		body.party_size = wholeNumber(this, itemIndex, 'Party Size', fields.partySize);
	if (fields.status) body.status = fields.status;
	if (fields.startTime) {
		// A local time needs the reservation's venue.
		const venueId =
			options.timeZone === 'utc'
				? ''
				: String(unwrap(await apiRequest.call(this, 'GET', path, { itemIndex })).venue_id ?? '');
		body.start_time = await startTimeUtc(
			this,
			run,
			itemIndex,
			fields.startTime,
			venueId,
			venueId ? options.timeZone : 'utc',
		);
	}
	if (!Object.keys(body).length) {
		throw new NodeOperationError(
			this.getNode(),
			'Update Fields is empty: add at least one field to change',
			{ itemIndex },
		);
	}
	const reservation = unwrap(await apiRequest.call(this, 'PATCH', path, { body, itemIndex }));
	return await run.withVenueLocalTimes(reservation, RESERVATION_LOCAL_FIELDS, itemIndex);
}
