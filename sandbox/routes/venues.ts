import type { SandboxContext } from '../context';
import { insertionOrder, paginate } from '../pagination';
import { ApiError } from '../reply';
import { defineRoute } from '../route';
import { findOr404 } from '../state';
import type { Venue } from '../types';
import { invalid } from '../validation';

/** The venue a reservation or waitlist body names in `venue_id`. */
export function venueOf(ctx: SandboxContext, body: Record<string, unknown>): Venue {
	if (typeof body.venue_id !== 'string' || !body.venue_id)
		throw invalid('venue_id', 'venue_id is required');
	const venue = ctx.state.venues.get(body.venue_id);
	if (!venue)
		throw new ApiError(404, 'not_found', `No venue ${body.venue_id}`, { field: 'venue_id' });
	return venue;
}

export const venueRoutes = [
	defineRoute('GET', '/venues', 'read:venues', (ctx, { query }) =>
		paginate(
			ctx,
			insertionOrder(ctx.state.venues),
			query,
			() => true,
			(venue) => venue,
		),
	),

	defineRoute('GET', '/venues/{id}', 'read:venues', (ctx, { params }) => ({
		status: 200,
		body: { data: findOr404(ctx.state.venues, params[0], 'venue') },
	})),

	defineRoute('GET', '/venues/{id}/tables', 'read:venues', (ctx, { params, query }) => {
		const venue = findOr404(ctx.state.venues, params[0], 'venue');
		const tables = [...ctx.state.tables.values()].filter((table) => table.venue_id === venue.id);
		return paginate(
			ctx,
			insertionOrder(new Map(tables.map((table) => [table.id, table]))),
			query,
			() => true,
			// The floor layout without the venue_id the sandbox keeps for itself.
			(table) => ({
				id: table.id,
				name: table.name,
				section: table.section,
				min_party_size: table.min_party_size,
				max_party_size: table.max_party_size,
			}),
		);
	}),
];
