import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { WAITLIST_LOCAL_FIELDS } from '../../shared/contract';
import { waitlistLocator } from '../../shared/descriptions';
import { idParameter } from '../../shared/validation';
import { withVenueLocalTimes } from '../../shared/venueTime';
import { apiRequestObject } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['waitlist'], operation: ['get'] } },
	[waitlistLocator],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const waitlistId = idParameter(this, 'waitlistId', 'Waitlist Entry ID', itemIndex);
	const entry = await apiRequestObject.call(
		this,
		'GET',
		`/waitlist/${encodeURIComponent(waitlistId)}`,
		{ itemIndex },
	);
	return await withVenueLocalTimes(this, entry, WAITLIST_LOCAL_FIELDS, { itemIndex });
}
