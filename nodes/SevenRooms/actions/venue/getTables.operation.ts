import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequestAllItems } from '../../transport';
import { venueLocator } from '../common.descriptions';

export const description = updateDisplayOptions(
	{ show: { resource: ['venue'], operation: ['getTables'] } },
	[venueLocator],
);

/** The floor layout: one item per table, with the venue's ID for joining. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const venueId = this.getNodeParameter('venue', itemIndex, '', { extractValue: true }) as string;
	const tables = await apiRequestAllItems.call(
		this,
		`/venues/${encodeURIComponent(venueId)}/tables`,
		{},
		{ itemIndex },
	);
	return tables.map((table) => ({ venue_id: venueId, ...table }));
}
