import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { defaultPhoneCountry } from '../../helpers/phone';
import { collection, defaultPhoneCountryOption, guestLocator } from '../../shared/descriptions';
import { idParameter } from '../../shared/validation';
import { apiOf } from '../../api';
import { additionFieldOptions, splitAdditions } from '../additions';
import { mapperProperties, readMapped, usesMapper } from '../mapping';
import { guestBody } from './body';
import { guestFieldOptions } from './description';

const options = collection('Options', 'options', 'Add Option', [defaultPhoneCountryOption]);
const show = { show: { resource: ['guest'], operation: ['update'] } };

export const description = updateDisplayOptions(show, [
	guestLocator,
	collection(
		'Update Fields',
		'updateFields',
		'Add Field',
		[...guestFieldOptions, ...additionFieldOptions].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	),
	options,
]);

/** Node version 2: the changes through the resource mapper (empty fields change nothing). */
export const descriptionV2 = updateDisplayOptions(show, [
	guestLocator,
	...mapperProperties('guestUpdate'),
	options,
]);

/** The fields to change as the node version has them, with their names for errors. */
function changes(context: IExecuteFunctions, itemIndex: number) {
	if (usesMapper(context)) return readMapped(context, itemIndex, 'guestUpdate');
	return {
		values: context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
		labels: {},
	};
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const guestId = idParameter(this, 'guestId', 'Guest ID', itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const { values, labels } = changes(this, itemIndex);
	const { replace, add } = splitAdditions(values);
	const body = guestBody(
		this,
		itemIndex,
		replace,
		defaultPhoneCountry(this.getNode(), options, itemIndex),
		labels,
	);
	if (!Object.keys(body).length && !Object.keys(add).length) {
		throw new NodeOperationError(
			this.getNode(),
			usesMapper(this)
				? 'Fields is empty: map at least one field to change'
				: 'Update Fields is empty: add at least one field to change',
			{ itemIndex },
		);
	}
	return await apiOf(this).guests.update(this, guestId, body, add, itemIndex);
}
