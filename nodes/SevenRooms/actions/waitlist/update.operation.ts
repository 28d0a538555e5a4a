import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiOf } from '../../api';
import type { WaitlistChanges } from '../../api';
import { WAITLIST_STATUSES } from '../../shared/contract';
import { collection, onlyFor, waitlistLocator } from '../../shared/descriptions';
import { idParameter, wholeNumber } from '../../shared/validation';

export const description = updateDisplayOptions(
	{ show: { resource: ['waitlist'], operation: ['update'] } },
	[
		waitlistLocator,
		collection('Update Fields', 'updateFields', 'Add Field', [
			onlyFor(
				'oAuth2',
				{ displayName: 'Notes', name: 'notes', type: 'string', default: '' },
				false,
			),
			{
				displayName: 'Party Size',
				name: 'partySize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 2,
			},
			onlyFor(
				'oAuth2',
				{
					displayName: 'Quoted Wait (Minutes)',
					name: 'quotedWaitMinutes',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 15,
				},
				false,
			),
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: WAITLIST_STATUSES,
				default: 'notified',
			},
		]),
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const waitlistId = idParameter(this, 'waitlistId', 'Waitlist Entry ID', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const changes: WaitlistChanges = {};
	if (fields.partySize !== undefined) {
		changes.partySize = wholeNumber(node, itemIndex, 'Party Size', fields.partySize);
	}
	if (fields.quotedWaitMinutes !== undefined) {
		changes.quotedWaitMinutes = wholeNumber(
			node,
			itemIndex,
			'Quoted Wait (Minutes)',
			fields.quotedWaitMinutes,
			0,
		);
	}
	if (fields.status) changes.status = String(fields.status);
	if (fields.notes !== undefined) changes.notes = fields.notes;
	if (!Object.keys(changes).length) {
		throw new NodeOperationError(node, 'Update Fields is empty: add at least one field to change', {
			itemIndex,
		});
	}
	return await apiOf(this).waitlist.update(this, waitlistId, changes, itemIndex);
}
