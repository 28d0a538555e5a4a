import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiOf } from '../../api';
import { RESERVATION_STATUSES } from '../../shared/contract';
import {
	collection,
	onlyFor,
	reservationLocator,
	timeInputZoneOption,
	venueTimeZoneOption,
} from '../../shared/descriptions';
import { idParameter, wholeNumber } from '../../shared/validation';
import { additionFieldOptions, splitAdditions } from '../additions';
import { reservationFieldsBody } from './body';
import { reservationFieldOptions } from './description';

export const description = updateDisplayOptions(
	{ show: { resource: ['reservation'], operation: ['update'] } },
	[
		reservationLocator,
		collection('Update Fields', 'updateFields', 'Add Field', [
			...reservationFieldOptions,
			...additionFieldOptions,
			// API 2.4 cannot move a reservation or change its party size.
			onlyFor(
				'oAuth2',
				{
					displayName: 'Party Size',
					name: 'partySize',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 2,
				},
				false,
			),
			onlyFor(
				'oAuth2',
				{
					displayName: 'Start Time',
					name: 'startTime',
					type: 'dateTime',
					default: '',
					description: "In the venue's local time unless Options say UTC",
				},
				false,
			),
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: RESERVATION_STATUSES,
				default: 'confirmed',
			},
		]),
		collection('Options', 'options', 'Add Option', [timeInputZoneOption, venueTimeZoneOption]),
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const reservationId = idParameter(this, 'reservationId', 'Reservation ID', itemIndex);
	const { replace: fields, add } = splitAdditions(
		this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
	);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body = reservationFieldsBody(fields);
	const partySize =
		fields.partySize !== undefined
			? wholeNumber(node, itemIndex, 'Party Size', fields.partySize)
			: undefined;
	const status = fields.status ? String(fields.status) : undefined;
	if (
		!Object.keys(body).length &&
		!Object.keys(add).length &&
		partySize === undefined &&
		!status &&
		!fields.startTime
	) {
		throw new NodeOperationError(node, 'Update Fields is empty: add at least one field to change', {
			itemIndex,
		});
	}
	return await apiOf(this).reservations.update(
		this,
		reservationId,
		{
			fields: body,
			partySize,
			status,
			startTime: fields.startTime || undefined,
			timeZone: options.timeZone,
			venueTimeZone: options.venueTimeZone,
			add,
		},
		itemIndex,
	);
}
