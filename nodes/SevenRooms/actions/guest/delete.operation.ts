import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { guestLocator } from '../../shared/descriptions';
import { idParameter } from '../../shared/validation';
import { apiRequest } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['guest'], operation: ['delete'] } },
	[
		{
			displayName:
				'Deleting erases the guest and their personal data in SevenRooms. It cannot be undone.',
			name: 'deleteNotice',
			type: 'notice',
			default: '',
		},
		guestLocator,
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const guestId = idParameter(this, 'guestId', 'Guest ID', itemIndex);
	await apiRequest.call(this, 'DELETE', `/guests/${encodeURIComponent(guestId)}`, { itemIndex });
	return { id: guestId, deleted: true };
}
