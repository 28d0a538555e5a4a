import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../shared/descriptions';
import { apiOf } from '../../api';

export const description = updateDisplayOptions(
	{ show: { resource: ['venue'], operation: ['getAll'] } },
	returnAllAndLimit,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	return await apiOf(this).venues.list(this, { limit, itemIndex });
}
