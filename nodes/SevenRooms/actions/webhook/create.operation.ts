import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { WEBHOOK_EVENTS } from '../../shared/contract';
import { collection, idempotencyKeyOption } from '../../shared/descriptions';
import { apiRequestObject } from '../../transport';
import { idempotencyKeyFor } from '../idempotency';

export const description = updateDisplayOptions(
	{ show: { resource: ['webhook'], operation: ['create'] } },
	[
		{
			displayName:
				'To start workflows from SevenRooms events, use the SevenRooms Trigger node instead: it subscribes and verifies deliveries for you',
			name: 'triggerNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'URL',
			name: 'url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/sevenrooms-events',
		},
		{
			displayName: 'Events',
			name: 'events',
			type: 'multiOptions',
			options: WEBHOOK_EVENTS,
			default: ['reservation.created'],
			required: true,
		},
		collection('Options', 'options', 'Add Option', [
			idempotencyKeyOption,
			{
				displayName: 'Signing Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'Secret SevenRooms signs deliveries with; left empty, SevenRooms generates one. The output of this operation is the only place it is shown.',
			},
		]),
	],
);

/** The one operation whose output holds the signing secret: showing it is what it is for. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const url = String(this.getNodeParameter('url', itemIndex) ?? '').trim();
	if (!/^https?:\/\/\S+$/i.test(url)) {
		throw new NodeOperationError(this.getNode(), `URL "${url}" is not an http(s) address`, {
			itemIndex,
		});
	}
	const events = this.getNodeParameter('events', itemIndex, []) as string[];
	if (!events.length) {
		throw new NodeOperationError(this.getNode(), 'Events is empty: choose at least one event', {
			itemIndex,
		});
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = { url, events, ...(options.secret ? { secret: options.secret } : {}) };
	const idempotencyKey = idempotencyKeyFor(this, 'webhook.create', itemIndex, options);
	return await apiRequestObject.call(this, 'POST', '/webhooks', {
		body,
		idempotencyKey,
		itemIndex,
	});
}
