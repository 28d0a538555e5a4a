import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { defaultPhoneCountry } from '../../helpers/phone';
import { collection, defaultPhoneCountryOption, guestLocator } from '../../shared/descriptions';
import { idParameter } from '../../shared/validation';
import { apiOf } from '../../api';
import { additionFieldOptions, splitAdditions } from '../additions';
import { guestBody } from './body';
import { guestFieldOptions } from './description';

export const description = updateDisplayOptions(
	{ show: { resource: ['guest'], operation: ['update'] } },
	[
		guestLocator,
		collection(
			'Update Fields',
			'updateFields',
			'Add Field',
			[...guestFieldOptions, ...additionFieldOptions].sort((a, b) =>
				a.displayName.localeCompare(b.displayName),
			),
		),
		collection('Options', 'options', 'Add Option', [defaultPhoneCountryOption]),
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const guestId = idParameter(this, 'guestId', 'Guest ID', itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const { replace, add } = splitAdditions(
		this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
	);
	const body = guestBody(
		this,
		itemIndex,
		replace,
		defaultPhoneCountry(this.getNode(), options, itemIndex),
	);
	if (!Object.keys(body).length && !Object.keys(add).length) {
		throw new NodeOperationError(
			this.getNode(),
			'Update Fields is empty: add at least one field to change',
			{ itemIndex },
		);
	}
	return await apiOf(this).guests.update(this, guestId, body, add, itemIndex);
}
