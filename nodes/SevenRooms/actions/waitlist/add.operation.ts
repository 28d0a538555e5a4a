import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { defaultPhoneCountry } from '../../helpers/phone';
import { apiOf } from '../../api';
import {
	collection,
	defaultPhoneCountryOption,
	idempotencyKeyOption,
	onlyFor,
	venueLocator,
} from '../../shared/descriptions';
import { wholeNumber } from '../../shared/validation';
import {
	bookingGuestBody,
	bookingGuestProperties,
	partySizeOf,
	partySizeProperties,
} from '../bookingGuest';
import { idempotencyKeyFor } from '../idempotency';

export const description = updateDisplayOptions(
	{ show: { resource: ['waitlist'], operation: ['add'] } },
	[
		venueLocator,
		...partySizeProperties,
		...bookingGuestProperties,
		collection('Additional Fields', 'additionalFields', 'Add Field', [
			{ displayName: 'Notes', name: 'notes', type: 'string', default: '' },
			{
				displayName: 'Quoted Wait (Minutes)',
				name: 'quotedWaitMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 15,
			},
		]),
		collection('Options', 'options', 'Add Option', [
			defaultPhoneCountryOption,
			idempotencyKeyOption,
			onlyFor(
				'api24',
				{
					displayName: 'Shift Persistent ID',
					name: 'shiftPersistentId',
					type: 'string',
					default: '',
					description:
						"The shift the party joins (API 2.4 requires one). Left empty: the venue's shift that is open now, from its availability.",
				},
				false,
			),
		]),
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const venueId = String(
		this.getNodeParameter('venue', itemIndex, '', { extractValue: true }) ?? '',
	).trim();
	if (!venueId) {
		throw new NodeOperationError(node, 'Venue is empty: choose the venue of the waitlist', {
			itemIndex,
		});
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const partySize = partySizeOf(this, itemIndex);
	const guest = bookingGuestBody(this, itemIndex, defaultPhoneCountry(node, options, itemIndex));
	const quotedWaitMinutes =
		fields.quotedWaitMinutes !== undefined
			? wholeNumber(node, itemIndex, 'Quoted Wait (Minutes)', fields.quotedWaitMinutes, 0)
			: undefined;
	const idempotencyKey = idempotencyKeyFor(this, 'waitlist.add', itemIndex, options);
	const extra: IDataObject = {};
	if (options.shiftPersistentId) extra.shift_persistent_id = options.shiftPersistentId;
	return await apiOf(this).waitlist.add(
		this,
		{
			venueId,
			partySize,
			guest,
			quotedWaitMinutes,
			notes: fields.notes ? String(fields.notes) : undefined,
			extra,
		},
		{
			idempotencyKey,
			itemIndex,
			userKey: Boolean(String(options.idempotencyKey ?? '').trim()),
		},
	);
}
