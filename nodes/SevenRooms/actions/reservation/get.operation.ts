import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequest, unwrap } from '../../transport';
import { reservationLocator } from '../common.descriptions';
import type { RunContext } from '../types';
import { RESERVATION_LOCAL_FIELDS } from './fields';

export const description = updateDisplayOptions(
	{ show: { resource: ['reservation'], operation: ['get'] } },
	[reservationLocator],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
): Promise<IDataObject> {
	const reservationId = this.getNodeParameter('reservationId', itemIndex, '', {
		extractValue: true,
	}) as string;
	const reservation = unwrap(
		await apiRequest.call(this, 'GET', `/reservations/${encodeURIComponent(reservationId)}`, {
			itemIndex,
		}),
	);
	return await run.withVenueLocalTimes(reservation, RESERVATION_LOCAL_FIELDS, itemIndex);
}
