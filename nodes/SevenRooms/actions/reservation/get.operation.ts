import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { reservationLocator } from '../../shared/descriptions';
import { idParameter } from '../../shared/validation';
import { apiOf } from '../../api';
import { RESERVATION_ID_ABOUT, filledByModel } from '../tool';

export const description = updateDisplayOptions(
	{ show: { resource: ['reservation'], operation: ['get'] } },
	filledByModel(reservationLocator, 'reservation_id', RESERVATION_ID_ABOUT),
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const reservationId = idParameter(this, 'reservationId', 'Reservation ID', itemIndex);
	return await apiOf(this).reservations.get(this, reservationId, itemIndex);
}
