import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequest, unwrap } from '../../transport';
import { wholeNumber } from '../common.guest';
import { collection, waitlistLocator } from '../common.descriptions';
import type { RunContext } from '../types';
import { WAITLIST_LOCAL_FIELDS } from './get.operation';
import { WAITLIST_STATUSES } from './getAll.operation';

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

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
): Promise<IDataObject> {
	const waitlistId = this.getNodeParameter('waitlistId', itemIndex, '', {
		extractValue: true,
	}) as string;
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.partySize !== undefined)
		body.party_size = wholeNumber(this, itemIndex, 'Party Size', fields.partySize);
	if (fields.quotedWaitMinutes !== undefined)
		body.quoted_wait_minutes = wholeNumber(
			this,
			itemIndex,
			'Quoted Wait (Minutes)',
			fields.quotedWaitMinutes,
			0,
		);
	if (fields.status) body.status = fields.status;
	if (fields.notes !== undefined) body.notes = fields.notes;
	if (!Object.keys(body).length) {
		throw new NodeOperationError(
			this.getNode(),
			'Update Fields is empty: add at least one field to change',
			{ itemIndex },
		);
	}
	const entry = unwrap(
		await apiRequest.call(this, 'PATCH', `/waitlist/${encodeURIComponent(waitlistId)}`, {
			body,
			itemIndex,
		}),
	);
	return await run.withVenueLocalTimes(entry, WAITLIST_LOCAL_FIELDS, itemIndex);
}
