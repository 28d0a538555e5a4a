import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { WAITLIST_LOCAL_FIELDS, WAITLIST_STATUSES } from '../../shared/contract';
import { collection, waitlistLocator } from '../../shared/descriptions';
import { idParameter, wholeNumber } from '../../shared/validation';
import { withVenueLocalTimes } from '../../shared/venueTime';
import { apiRequestObject } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['waitlist'], operation: ['update'] } },
	[
		waitlistLocator,
		collection('Update Fields', 'updateFields', 'Add Field', [
			{ displayName: 'Notes', name: 'notes', type: 'string', default: '' },
			{
				displayName: 'Party Size',
				name: 'partySize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 2,
			},
			{
				displayName: 'Quoted Wait (Minutes)',
				name: 'quotedWaitMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 15,
			},
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
	const body: IDataObject = {};
	if (fields.partySize !== undefined) {
		body.party_size = wholeNumber(node, itemIndex, 'Party Size', fields.partySize);
	}
	if (fields.quotedWaitMinutes !== undefined) {
		body.quoted_wait_minutes = wholeNumber(
			node,
			itemIndex,
			'Quoted Wait (Minutes)',
			fields.quotedWaitMinutes,
			0,
		);
	}
	if (fields.status) body.status = fields.status;
	if (fields.notes !== undefined) body.notes = fields.notes;
	if (!Object.keys(body).length) {
		throw new NodeOperationError(node, 'Update Fields is empty: add at least one field to change', {
			itemIndex,
		});
	}
	const entry = await apiRequestObject.call(
		this,
		'PATCH',
		`/waitlist/${encodeURIComponent(waitlistId)}`,
		{ body, itemIndex },
	);
	return await withVenueLocalTimes(this, entry, WAITLIST_LOCAL_FIELDS, { itemIndex });
}
