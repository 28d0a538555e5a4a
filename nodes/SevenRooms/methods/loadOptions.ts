import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { apiOf } from '../api';
import { checkedId } from '../shared/validation';
import { authenticationOf } from '../transport';

/**
 * The chosen venue's tables, with their section and party sizes. API 2.4 books by table number,
 * so its options' values are numbers; the OAuth2 API's are table IDs.
 */
export async function getTables(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const venueId = this.getCurrentNodeParameter('venue', { extractValue: true }) as
		| string
		| undefined;
	if (!venueId) return [];
	checkedId(this.getNode(), venueId, 'Venue');
	const tables = await apiOf(this).venues.tables(this, venueId);
	const byNumber = authenticationOf(this) === 'api24';
	return tables.map((table: IDataObject) => ({
		name: `${String(table.name ?? table.id)}${table.section ? ` · ${String(table.section)}` : ''} (${String(table.min_party_size ?? '?')}–${String(table.max_party_size ?? '?')})`,
		value: String(byNumber ? table.name : table.id),
	}));
}
