import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequest, unwrap } from '../../transport';
import { guestLocator } from '../common.descriptions';

export const description = updateDisplayOptions(
	{ show: { resource: ['guest'], operation: ['get'] } },
	[guestLocator],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const guestId = this.getNodeParameter('guestId', itemIndex, '', { extractValue: true }) as string;
	return unwrap(
		await apiRequest.call(this, 'GET', `/guests/${encodeURIComponent(guestId)}`, { itemIndex }),
	);
}
