import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequest, unwrap } from '../../transport';
import { waitlistLocator } from '../common.descriptions';
import type { RunContext } from '../types';

export const WAITLIST_LOCAL_FIELDS = ['joined_at'];

export const description = updateDisplayOptions(
	{ show: { resource: ['waitlist'], operation: ['get'] } },
	[waitlistLocator],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
): Promise<IDataObject> {
	const waitlistId = this.getNodeParameter('waitlistId', itemIndex, '', {
		extractValue: true,
	}) as string;
	const entry = unwrap(
		await apiRequest.call(this, 'GET', `/waitlist/${encodeURIComponent(waitlistId)}`, {
			itemIndex,
		}),
	);
	return await run.withVenueLocalTimes(entry, WAITLIST_LOCAL_FIELDS, itemIndex);
}
