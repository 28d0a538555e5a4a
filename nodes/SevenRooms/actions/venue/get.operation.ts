import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { venueLocator } from '../../shared/descriptions';
import { idParameter } from '../../shared/validation';
import { apiOf } from '../../api';

export const description = updateDisplayOptions(
	{ show: { resource: ['venue'], operation: ['get'] } },
	[venueLocator],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const venueId = idParameter(this, 'venue', 'Venue', itemIndex);
	return await apiOf(this).venues.get(this, venueId, itemIndex);
}
