import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { checkedId } from '../shared/validation';
import { apiRequestAllItems } from '../transport';

/** The chosen venue's tables, with their section and party sizes. */
export async function getTables(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const venueId = this.getCurrentNodeParameter('venue', { extractValue: true }) as
		| string
		| undefined;
	if (!venueId) return [];
	checkedId(this.getNode(), venueId, 'Venue');
	const tables = await apiRequestAllItems.call(
		this,
		`/venues/${encodeURIComponent(venueId)}/tables`,
	);
	return tables.map((table: IDataObject) => ({
		name: `${String(table.name ?? table.id)}${table.section ? ` · ${String(table.section)}` : ''} (${String(table.min_party_size ?? '?')}–${String(table.max_party_size ?? '?')})`,
		value: String(table.id),
	}));
}
