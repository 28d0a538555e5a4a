import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { RESERVATION_LOCAL_FIELDS } from '../../shared/contract';
import { reservationLocator } from '../../shared/descriptions';
import { idParameter } from '../../shared/validation';
import { withVenueLocalTimes } from '../../shared/venueTime';
import { apiRequestObject } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['reservation'], operation: ['get'] } },
	[reservationLocator],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const reservationId = idParameter(this, 'reservationId', 'Reservation ID', itemIndex);
	const reservation = await apiRequestObject.call(
		this,
		'GET',
		`/reservations/${encodeURIComponent(reservationId)}`,
		{ itemIndex },
	);
	return await withVenueLocalTimes(this, reservation, RESERVATION_LOCAL_FIELDS, { itemIndex });
}
