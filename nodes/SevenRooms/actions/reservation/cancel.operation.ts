import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiOf } from '../../api';
import {
	collection,
	emailGuestOption,
	onlyFor,
	reservationLocator,
} from '../../shared/descriptions';
import { idParameter, yesNo } from '../../shared/validation';
import { idempotencyKeyFor } from '../idempotency';
import { RESERVATION_ID_ABOUT, filledByModel } from '../tool';

export const description = updateDisplayOptions(
	{ show: { resource: ['reservation'], operation: ['cancel'] } },
	[
		...filledByModel(reservationLocator, 'reservation_id', RESERVATION_ID_ABOUT),
		...filledByModel(
			onlyFor('oAuth2', {
				displayName: 'Reason',
				name: 'reason',
				type: 'string',
				default: '',
				placeholder: 'e.g. Guest called to cancel',
			}),
			'reason',
			'Why the reservation is cancelled, in a few words; may be empty',
			{ optional: true },
		),
		onlyFor('api24', collection('Options', 'options', 'Add Option', [emailGuestOption])),
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const reservationId = idParameter(this, 'reservationId', 'Reservation ID', itemIndex);
	const reason = String(this.getNodeParameter('reason', itemIndex, '') ?? '').trim();
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return await apiOf(this).reservations.cancel(this, reservationId, {
		reason,
		idempotencyKey: idempotencyKeyFor(this, 'reservation.cancel', itemIndex),
		itemIndex,
		extra:
			options.sendClientEmail !== undefined
				? {
						send_client_email: yesNo(
							this.getNode(),
							itemIndex,
							'Email the Guest',
							options.sendClientEmail,
						),
					}
				: {},
	});
}
