import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import { webhookLocator } from '../common.descriptions';

export const description = updateDisplayOptions(
	{ show: { resource: ['webhook'], operation: ['delete'] } },
	[webhookLocator],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const webhookId = this.getNodeParameter('webhookId', itemIndex, '', {
		extractValue: true,
	}) as string;
	await apiRequest.call(this, 'DELETE', `/webhooks/${encodeURIComponent(webhookId)}`, {
		itemIndex,
	});
	return { id: webhookId, deleted: true };
}
