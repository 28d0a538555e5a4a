import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { guestLocator } from '../../shared/descriptions';
import { idParameter } from '../../shared/validation';
import { apiOf } from '../../api';

export const description = updateDisplayOptions(
	{ show: { resource: ['guest'], operation: ['delete', 'removePersonalData'] } },
	[
		{
			displayName:
				'Deleting erases the guest and their personal data in SevenRooms. It cannot be undone.',
			name: 'deleteNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { authentication: ['oAuth2'] } },
		},
		{
			displayName:
				"API 2.4 cannot delete a guest: this blanks the guest's name, email, phone, birthday and address, here and on their reservations, and keeps the profile with its ID, loyalty and visit figures (and notes). It cannot be undone.",
			name: 'removePersonalDataNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { authentication: ['api24'] } },
		},
		guestLocator,
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const guestId = idParameter(this, 'guestId', 'Guest ID', itemIndex);
	return await apiOf(this).guests.remove(this, guestId, itemIndex);
}
