import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequest, unwrap } from '../../transport';
import { venueLocator } from '../common.descriptions';

export const description = updateDisplayOptions(
	{ show: { resource: ['venue'], operation: ['get'] } },
	[venueLocator],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const venueId = this.getNodeParameter('venue', itemIndex, '', { extractValue: true }) as string;
	return unwrap(
		await apiRequest.call(this, 'GET', `/venues/${encodeURIComponent(venueId)}`, { itemIndex }),
	);
}
