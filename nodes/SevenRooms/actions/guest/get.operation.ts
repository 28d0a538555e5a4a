import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { guestLocator } from '../../shared/descriptions';
import { idParameter } from '../../shared/validation';
import { apiOf } from '../../api';

export const description = updateDisplayOptions(
	{ show: { resource: ['guest'], operation: ['get'] } },
	[guestLocator],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const guestId = idParameter(this, 'guestId', 'Guest ID', itemIndex);
	return await apiOf(this).guests.get(this, guestId, itemIndex);
}
