import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { venueLocator } from '../../shared/descriptions';
import { idParameter } from '../../shared/validation';
import { apiOf } from '../../api';

export const description = updateDisplayOptions(
	{ show: { resource: ['venue'], operation: ['getTables'] } },
	[venueLocator],
);

/** The floor layout: one item per table, with the venue's ID for joining. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const venueId = idParameter(this, 'venue', 'Venue', itemIndex);
	const tables = await apiOf(this).venues.tables(this, venueId, itemIndex);
	return tables.map((table) => ({ venue_id: venueId, ...table }));
}
