import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import { waitlistLocator } from '../common.descriptions';

export const description = updateDisplayOptions(
	{ show: { resource: ['waitlist'], operation: ['remove'] } },
	[waitlistLocator],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const waitlistId = this.getNodeParameter('waitlistId', itemIndex, '', {
		extractValue: true,
	}) as string;
	await apiRequest.call(this, 'DELETE', `/waitlist/${encodeURIComponent(waitlistId)}`, {
		itemIndex,
	});
	return { id: waitlistId, removed: true };
}
