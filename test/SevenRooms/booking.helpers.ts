/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { DateTime } from 'luxon';
import type { IDataObject, INode } from 'n8n-workflow';

import { nodeCredentialsFor } from '../../dev/engine';

import type { Sandbox } from '../../sandbox/server';
import type { Reservation } from '../../sandbox/types';
import { NO_VISIT_YET } from '../../sandbox/visit';

/**
 * Venues made for a booking test: a zone, opening hours (every day alike unless `days` says) and
 * tables of the given sizes, so what is free is known exactly. Added to the sandbox's state, which
 * both dialects serve.
 */
export function addVenue(
	sandbox: Sandbox,
	{
		id,
		timezone,
		open = '17:00',
		close = '23:00',
		tables,
	}: { id: string; timezone: string; open?: string; close?: string; tables: number[] },
): void {
	const at = new Date().toISOString();
	sandbox.state.venues.set(id, {
		id,
		name: `Test venue ${id}`,
		timezone,
		currency: 'USD',
		address: '1 Test St, Testville',
		operating_hours: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => ({
			day,
			open,
			close,
		})),
		created_at: at,
		updated_at: at,
	});
	tables.forEach((size, index) => {
		const tableId = `${id}_t${index + 1}`;
		sandbox.state.tables.set(tableId, {
			id: tableId,
			venue_id: id,
			name: `T${index + 1}`,
			section: 'Main Room',
			min_party_size: 1,
			max_party_size: size,
		});
	});
}

let booked = 0;

/** A live reservation on every table of a venue from `from` for `minutes` (a full evening). */
export function fillVenue(sandbox: Sandbox, venueId: string, from: string, minutes: number) {
	const tables = [...sandbox.state.tables.values()].filter((table) => table.venue_id === venueId);
	for (const table of tables) {
		const id = `res_fill_${++booked}`;
		const reservation: Reservation = {
			id,
			venue_id: venueId,
			guest_id: 'gst_000001',
			party_size: 1,
			start_time: from,
			duration_minutes: minutes,
			status: 'booked',
			table_ids: [table.id],
			notes: null,
			tags: [],
			source: 'phone',
			created_at: from,
			updated_at: from,
			cancelled_at: null,
			...NO_VISIT_YET,
		};
		sandbox.state.reservations.set(id, reservation);
	}
}

/** A venue-local date some days ahead (never today: its evening may be over). */
export const daysAhead = (zone: string, days: number) =>
	DateTime.now().setZone(zone).plus({ days }).toISODate() as string;

/** The next date on or after `days` ahead that falls on `weekday` (1 Monday … 7 Sunday). */
export function nextWeekday(zone: string, weekday: number, days = 2): string {
	let date = DateTime.now().setZone(zone).plus({ days });
	while (date.weekday !== weekday) date = date.plus({ days: 1 });
	return date.toISODate() as string;
}

/**
 * The next night on which `zone`'s clocks jump (`forward`: daylight saving time starts, an hour is
 * skipped; `back`: it ends, an hour comes twice): `eve` is the service date of that night.
 */
export function nextDstChange(zone: string, direction: 'forward' | 'back') {
	let day = DateTime.now().setZone(zone).startOf('day').plus({ days: 1 });
	for (let n = 0; n < 400; n++, day = day.plus({ days: 1 })) {
		const next = day.plus({ days: 1 });
		const change = next.set({ hour: 12 }).offset - day.set({ hour: 12 }).offset;
		if ((direction === 'forward' && change > 0) || (direction === 'back' && change < 0))
			return { eve: day.toISODate() as string, day: next.toISODate() as string };
	}
	throw new Error(`${zone} changes no clocks within a year`);
}

const conciergeDemo = JSON.parse(
	readFileSync(path.join(__dirname, '../../demo/concierge-mcp.json'), 'utf8'),
) as { nodes: INode[] };

/** The demo's concierge tool nodes (demo/concierge-mcp.json) on one API, booking at `venueId`. */
export function conciergeTools(api: 'oAuth2' | 'api24', venueId: string): INode[] {
	return conciergeDemo.nodes
		.filter((node) => node.type.endsWith('Tool'))
		.map((node) => {
			const parameters: IDataObject = { ...node.parameters, authentication: api };
			if (api === 'api24') parameters.venueTimeZone = 'America/New_York';
			if (parameters.venue) parameters.venue = { __rl: true, mode: 'id', value: venueId };
			return { ...node, parameters, credentials: nodeCredentialsFor(parameters) } as INode;
		});
}
