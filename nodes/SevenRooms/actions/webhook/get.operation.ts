import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequest, unwrap } from '../../transport';
import { webhookLocator } from '../common.descriptions';
import { withoutSecret } from './fields';

export const description = updateDisplayOptions(
	{ show: { resource: ['webhook'], operation: ['get'] } },
	[webhookLocator],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const webhookId = this.getNodeParameter('webhookId', itemIndex, '', {
		extractValue: true,
	}) as string;
	return withoutSecret(
		unwrap(
			await apiRequest.call(this, 'GET', `/webhooks/${encodeURIComponent(webhookId)}`, {
				itemIndex,
			}),
		),
	);
}
