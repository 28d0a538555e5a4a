import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequest, unwrap } from '../../transport';
import { collection, defaultPhoneCountryOption, guestLocator } from '../common.descriptions';
import { guestBody, guestFieldOptions } from './fields';

export const description = updateDisplayOptions(
	{ show: { resource: ['guest'], operation: ['update'] } },
	[
		guestLocator,
		collection('Update Fields', 'updateFields', 'Add Field', guestFieldOptions),
		collection('Options', 'options', 'Add Option', [defaultPhoneCountryOption]),
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const guestId = this.getNodeParameter('guestId', itemIndex, '', { extractValue: true }) as string;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body = guestBody(this, itemIndex, fields, String(options.defaultPhoneCountry || 'US'));
	if (!Object.keys(body).length) {
		throw new NodeOperationError(
			this.getNode(),
			'Update Fields is empty: add at least one field to change',
			{ itemIndex },
		);
	}
	return unwrap(
		await apiRequest.call(this, 'PATCH', `/guests/${encodeURIComponent(guestId)}`, {
			body,
			itemIndex,
		}),
	);
}
