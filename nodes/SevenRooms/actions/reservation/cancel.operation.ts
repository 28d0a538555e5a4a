import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { RESERVATION_LOCAL_FIELDS } from '../../shared/contract';
import { reservationLocator } from '../../shared/descriptions';
import { idParameter } from '../../shared/validation';
import { withVenueLocalTimes } from '../../shared/venueTime';
import { apiRequestObject } from '../../transport';
import { idempotencyKeyFor } from '../idempotency';

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

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const reservationId = idParameter(this, 'reservationId', 'Reservation ID', itemIndex);
	const reason = String(this.getNodeParameter('reason', itemIndex, '') ?? '').trim();
	const reservation = await apiRequestObject.call(
		this,
		'POST',
		`/reservations/${encodeURIComponent(reservationId)}/cancel`,
		{
			body: reason ? { reason } : {},
			idempotencyKey: idempotencyKeyFor(this, 'reservation.cancel', itemIndex),
			itemIndex,
		},
	);
	return await withVenueLocalTimes(this, reservation, RESERVATION_LOCAL_FIELDS, { itemIndex });
}
