import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequest, defaultIdempotencyKey, unwrap } from '../../transport';
import { reservationLocator } from '../common.descriptions';
import type { RunContext } from '../types';
import { RESERVATION_LOCAL_FIELDS } from './fields';

export const description = updateDisplayOptions(
	{ show: { resource: ['reservation'], operation: ['cancel'] } },
	[
		reservationLocator,
		{
			displayName: 'Reason',
			name: 'reason',
			type: 'string',
			default: '',
			placeholder: 'e.g. Guest called to cancel',
		},
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
	const reason = String(this.getNodeParameter('reason', itemIndex, '') ?? '').trim();
	const reservation = unwrap(
		await apiRequest.call(
			this,
			'POST',
			`/reservations/${encodeURIComponent(reservationId)}/cancel`,
			{
				body: reason ? { reason } : {},
				idempotencyKey: defaultIdempotencyKey(this, 'reservation.cancel', itemIndex),
				itemIndex,
			},
		),
	);
	return await run.withVenueLocalTimes(reservation, RESERVATION_LOCAL_FIELDS, itemIndex);
}
