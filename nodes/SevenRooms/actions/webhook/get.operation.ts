import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { webhookLocator } from '../../shared/descriptions';
import { idParameter } from '../../shared/validation';
import { apiRequestObject } from '../../transport';
import { withoutSecret } from './output';

export const description = updateDisplayOptions(
	{ show: { resource: ['webhook'], operation: ['get'] } },
	[webhookLocator],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const webhookId = idParameter(this, 'webhookId', 'Webhook ID', itemIndex);
	return withoutSecret(
		await apiRequestObject.call(this, 'GET', `/webhooks/${encodeURIComponent(webhookId)}`, {
			itemIndex,
		}),
	);
}
