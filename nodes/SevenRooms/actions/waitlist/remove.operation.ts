import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { waitlistLocator } from '../../shared/descriptions';
import { idParameter } from '../../shared/validation';
import { apiOf } from '../../api';

export const description = updateDisplayOptions(
	{ show: { resource: ['waitlist'], operation: ['remove'] } },
	[waitlistLocator],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const waitlistId = idParameter(this, 'waitlistId', 'Waitlist Entry ID', itemIndex);
	return await apiOf(this).waitlist.remove(this, waitlistId, itemIndex);
}
