import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { webhookLocator } from '../../shared/descriptions';
import { idParameter } from '../../shared/validation';
import { apiRequest } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['webhook'], operation: ['delete'] } },
	[webhookLocator],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const webhookId = idParameter(this, 'webhookId', 'Webhook ID', itemIndex);
	await apiRequest.call(this, 'DELETE', `/webhooks/${encodeURIComponent(webhookId)}`, {
		itemIndex,
	});
	return { id: webhookId, deleted: true };
}
