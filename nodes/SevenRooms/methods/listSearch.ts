import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { apiOf } from '../api';
import { rememberVenueTimeZones } from '../api/venueTime';

/** Venues for the resource locator; a group has a handful, so one list filtered here is enough. */
export async function searchVenues(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const venues = await apiOf(this).venues.list(this, {});
	await rememberVenueTimeZones(this, venues);
	const needle = filter?.trim().toLowerCase();
	return {
		results: venues
			.filter(
				(venue: IDataObject) =>
					!needle || `${String(venue.name)} ${String(venue.id)}`.toLowerCase().includes(needle),
			)
			.map((venue: IDataObject) => ({
				name: venue.timezone
					? `${String(venue.name)} (${String(venue.timezone)})`
					: String(venue.name ?? venue.id),
				value: String(venue.id),
			})),
	};
}
