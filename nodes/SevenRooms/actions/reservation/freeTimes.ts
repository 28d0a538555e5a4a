import { DateTime } from 'luxon';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { serviceDate } from '../../helpers/time';
import { apiOf } from '../../api';
import type { AvailabilityQuery } from '../../api';
import { serviceMoment } from '../../api/slots';
import { apiErrorsOf } from '../../transport';
import { isToolCall } from '../tool';

/**
 * Why a party can't have a time, in sentences a guest-facing assistant (or a person) can act on:
 * a party no table seats, a time that is taken (with the nearest free times that day).
 */

/** The most guests one of the venue's tables seats, or undefined when the floor plan says nothing. */
export async function largestTable(
	context: IExecuteFunctions,
	venueId: string,
	itemIndex: number,
): Promise<number | undefined> {
	const tables = await apiOf(context).venues.tables(context, venueId, itemIndex);
	const sizes = tables.map((table) => Number(table.max_party_size)).filter((size) => size > 0);
	return sizes.length ? Math.max(...sizes) : undefined;
}

/** What to tell a person or a model, in place of an error's own words. */
export interface Reason {
	message: string;
	description: string;
}

export function tooLarge(partySize: number, largest: number | undefined): Reason {
	const seats = largest === undefined ? '' : `: its largest table seats ${largest}`;
	return {
		message: `No table at this venue seats a party of ${partySize}${seats}`,
		description:
			'A group this size cannot be booked online: suggest calling the restaurant, or a smaller party.',
	};
}

function tooLargeError(
	context: IExecuteFunctions,
	partySize: number,
	largest: number | undefined,
	itemIndex: number,
): NodeOperationError {
	const { message, description } = tooLarge(partySize, largest);
	return new NodeOperationError(context.getNode(), message, { itemIndex, description });
}

/** The API's error, its status and error list kept, told in the node's words. */
export function retold(error: NodeApiError, reason: Reason | undefined): NodeApiError {
	if (reason) Object.assign(error, reason);
	return error;
}

/** Whether an API error says the party is larger than the venue (or the tables asked for) seats. */
export const isTooLarge = (error: unknown) =>
	error instanceof NodeApiError &&
	apiErrorsOf(error).some((entry) => entry.code === 'exceeds_capacity');

/** `18:30, 19:00 and 21:15` */
export function timesList(slots: IDataObject[]): string {
	const times = slots.map((slot) => String(slot.local_time));
	return times.length > 1 ? `${times.slice(0, -1).join(', ')} and ${times.at(-1)}` : times.join('');
}

/** The free times closest to `startMs`, in order of the clock. */
export function nearest(slots: IDataObject[], startMs: number, count = 4): IDataObject[] {
	return [...slots]
		.sort(
			(a, b) =>
				Math.abs(Date.parse(String(a.start_time)) - startMs) -
				Math.abs(Date.parse(String(b.start_time)) - startMs),
		)
		.slice(0, count)
		.sort((a, b) => Date.parse(String(a.start_time)) - Date.parse(String(b.start_time)));
}

export interface RefusedBooking {
	venueId: string;
	/** UTC ISO */
	startTime: string;
	partySize: number;
	zone: string;
	durationMinutes?: number;
}

/**
 * When a booking was refused: the reason, if it is the time (no longer free, with the nearest
 * free times that day) or the party's size; undefined when neither (the API's own error then says
 * why). Costs the floor plan and that day's free times, asked only after a refusal.
 */
export async function whyRefused(
	context: IExecuteFunctions,
	booking: RefusedBooking,
	itemIndex: number,
): Promise<Reason | undefined> {
	const largest = await largestTable(context, booking.venueId, itemIndex).catch(() => undefined);
	if (largest !== undefined && booking.partySize > largest)
		return tooLarge(booking.partySize, largest);
	const local = DateTime.fromISO(booking.startTime, { zone: booking.zone });
	const date = serviceDate(local);
	const free = await apiOf(context)
		.venues.availability(
			context,
			booking.venueId,
			{ date, partySize: booking.partySize, durationMinutes: booking.durationMinutes },
			itemIndex,
		)
		.catch(() => undefined);
	if (!free) return undefined;
	const startMs = local.toMillis();
	if (free.some((slot) => Date.parse(String(slot.start_time)) === startMs)) return undefined;
	const others = nearest(free, startMs);
	return {
		message: `No table for ${booking.partySize} at ${local.toFormat('HH:mm')} on ${date}: that time is taken. ${
			others.length
				? `Free that day: ${timesList(others)}.`
				: 'Nothing else is free that day either.'
		}`,
		description: others.length
			? 'Offer the guest one of the free times and book that one (check availability again for its start_time).'
			: 'Offer the guest another day.',
	};
}

/**
 * What Check Availability answers when nothing is free: for a party no table seats, an error on
 * either API; a workflow gets no items; a model a sentence with the nearest free times that day.
 */
export async function nothingFree(
	context: IExecuteFunctions,
	venueId: string,
	query: AvailabilityQuery,
	{ zone, wantedMinutes }: { zone: string; wantedMinutes?: number },
	itemIndex: number,
): Promise<IDataObject[]> {
	const { date, partySize, from, to } = query;
	const largest = await largestTable(context, venueId, itemIndex);
	if (largest !== undefined && partySize > largest)
		throw tooLargeError(context, partySize, largest, itemIndex);
	if (!isToolCall(context)) return [];
	if (wantedMinutes === undefined)
		return [
			{
				available: false,
				message: `Nothing is free for ${partySize} on ${date}: offer another day.`,
			},
		];
	const wholeDay = await apiOf(context).venues.availability(
		context,
		venueId,
		{ ...query, from: undefined, to: undefined },
		itemIndex,
	);
	const wanted = serviceMoment(date, wantedMinutes, zone).toMillis();
	const window = `between ${from ?? 'opening'} and ${to ?? 'closing'}`;
	return [
		{
			available: false,
			message: `Nothing is free for ${partySize} on ${date} ${window}. ${
				wholeDay.length
					? `The nearest free times that day: ${timesList(nearest(wholeDay, wanted, 6))}.`
					: 'Nothing is free all that day: offer another day.'
			}`,
		},
	];
}
