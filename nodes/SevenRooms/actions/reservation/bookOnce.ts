import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiOf } from '../../api';
import type { NewReservation } from '../../api';
import { argumentKey } from '../idempotency';

/**
 * A booking made by an AI tool call, once per guest, venue, start time and party size: a model
 * that books again (it retried, lost track, or the guest said "yes" twice) gets the booking it
 * made, in this conversation or any other, even with other notes. Another party size or time is
 * another booking; so is the same one after the first was cancelled (the guest changed their mind
 * back), which is why the key also names the cancelled bookings of that guest at that time.
 */

/** Statuses of a reservation that no longer holds its table. */
const ENDED = ['cancelled', 'no_show', 'completed'];

const lower = (value: unknown) =>
	String(value ?? '')
		.trim()
		.toLowerCase();
const digits = (value: unknown) => String(value ?? '').replace(/\D/g, '');

/** Whom a reservation is for, in either API's words (OAuth2: the embedded guest; 2.4: its own). */
function contactOf(reservation: IDataObject) {
	const guest = (typeof reservation.guest === 'object' && reservation.guest) || {};
	const { id, email, phone, first_name: first, last_name: last } = guest as IDataObject;
	return {
		id: reservation.guest_id ?? id,
		email: email ?? reservation.email,
		phone: phone ?? reservation.phone_number ?? reservation.phone,
		name: `${lower(first ?? reservation.first_name)} ${lower(last ?? reservation.last_name)}`,
	};
}

/** One string per guest: their id, else email, else phone, else name. */
function identityOf(guest: IDataObject): string {
	if (guest.guest_id) return `id:${String(guest.guest_id)}`;
	const inline = (guest.guest ?? {}) as IDataObject;
	if (inline.email) return `email:${lower(inline.email)}`;
	if (inline.phone) return `phone:${digits(inline.phone)}`;
	return `name:${lower(inline.first_name)} ${lower(inline.last_name)}`;
}

function isFor(reservation: IDataObject, guest: IDataObject): boolean {
	const contact = contactOf(reservation);
	if (guest.guest_id) return String(contact.id ?? '') === String(guest.guest_id);
	const inline = (guest.guest ?? {}) as IDataObject;
	if (inline.email || inline.phone)
		return (
			(Boolean(inline.email) && lower(contact.email) === lower(inline.email)) ||
			(Boolean(inline.phone) && digits(contact.phone) === digits(inline.phone))
		);
	return contact.name === `${lower(inline.first_name)} ${lower(inline.last_name)}`;
}

/** `reservation.startTime` is a UTC instant here (`timeZone: 'utc'`). */
export async function bookOnce(
	context: IExecuteFunctions,
	reservation: NewReservation & { startTime: string },
	itemIndex: number,
): Promise<IDataObject> {
	const api = apiOf(context);
	const { venueId, startTime, partySize, guest } = reservation;
	const atThatTime = await api.reservations.list(
		context,
		{ venueId, startFrom: startTime, startTo: startTime },
		{ itemIndex },
	);
	const theirs = atThatTime.filter(
		(other) => isFor(other, guest) && Number(other.party_size) === partySize,
	);
	const live = theirs.find((other) => !ENDED.includes(String(other.status)));
	if (live) return { ...live, idempotent_replay: true };

	const cancelled = theirs.map((other) => String(other.id)).sort();
	let key = argumentKey(context, 'reservation.create', [
		venueId,
		startTime,
		partySize,
		identityOf(guest),
		...cancelled,
	]);
	// A key can still replay a booking cancelled since, where the list above could not tell whose
	// it was (an API whose reservations name no guest contact): then the next key.
	for (let attempt = 1; attempt <= 3; attempt++) {
		const booked = await api.reservations.create(
			context,
			{ ...reservation, timeZone: 'utc' },
			{ idempotencyKey: key, itemIndex, userKey: true },
		);
		const current = await api.reservations.get(context, String(booked.id), itemIndex);
		if (current.status !== 'cancelled')
			return booked.idempotent_replay ? { ...current, idempotent_replay: true } : current;
		key = argumentKey(context, 'reservation.create', [key, String(current.id)]);
	}
	throw new NodeOperationError(context.getNode(), 'The booking could not be made', {
		itemIndex,
		description: 'Each attempt found an earlier booking of the same guest and time, cancelled.',
	});
}
