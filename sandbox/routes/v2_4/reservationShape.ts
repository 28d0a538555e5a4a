import type { SandboxContext } from '../../context';
import type { Reservation } from '../../types';
import { clientReference } from './clientShape';
import { bad } from './fields';
import { tagObject } from './tags';
import {
	clockTime,
	localTime,
	naiveUtc,
	referenceCode,
	seededNumber,
	serviceDate,
	shiftAt,
	slotDateTime,
} from './time';
import { tableNumber } from './venues';
import { visit24 } from './visitShape';

/**
 * A reservation as 2.4 shows it. The stored reservation keeps the contract's status; a 2.4 status
 * code written through 2.4 is kept beside it (`status_code`) and shown while the contract status
 * still agrees with it. Contact details written through 2.4 are the reservation's own
 * (`contact`), over its client's.
 */
export interface ReservationExtras {
	external_id?: string | null;
	status_code?: string;
	contact?: Partial<Record<'first_name' | 'last_name' | 'email' | 'phone', string | null>>;
}
type StoredReservation = Reservation & ReservationExtras;

interface StatusInfo {
	contract: string;
	display: string;
	simple: 'Incomplete' | 'Complete' | 'Canceled' | 'No Show' | 'No Entry';
}

export const STATUSES: Record<string, StatusInfo> = {
	NOT_RECONCILED: { contract: 'booked', display: 'Booked', simple: 'Incomplete' },
	LEFT_MESSAGE: { contract: 'booked', display: 'Left Message', simple: 'Incomplete' },
	CONFIRMED: { contract: 'confirmed', display: 'Confirmed', simple: 'Incomplete' },
	// A venue's own status, as seen live: show `status_display`.
	CUSTOM_STATUS_27: { contract: 'confirmed', display: 'Running Late', simple: 'Incomplete' },
	ARRIVED: { contract: 'seated', display: 'Arrived', simple: 'Incomplete' },
	SEATED: { contract: 'seated', display: 'Seated', simple: 'Incomplete' },
	COMPLETE: { contract: 'completed', display: 'Left', simple: 'Complete' },
	CANCELED: { contract: 'cancelled', display: 'Canceled', simple: 'Canceled' },
	NO_SHOW: { contract: 'no_show', display: 'No Show', simple: 'No Show' },
	NO_ENTRY: { contract: 'cancelled', display: 'No Entry', simple: 'No Entry' },
};
const CANONICAL: Record<string, string> = {
	booked: 'NOT_RECONCILED',
	confirmed: 'CONFIRMED',
	seated: 'SEATED',
	completed: 'COMPLETE',
	cancelled: 'CANCELED',
	no_show: 'NO_SHOW',
};
/** Set through their own endpoints (cancel) or the venue's apps only. */
export const PROTECTED = ['CANCELED', 'NO_ENTRY'];

export const reservationReference = (id: string) => referenceCode(id, 8);
export const seededReservation = (ctx: SandboxContext, id: string) =>
	seededNumber(id, /^res_(\d+)$/, ctx.v24.seededReservations);

export function statusCode(ctx: SandboxContext, stored: Reservation): string {
	const reservation = stored as StoredReservation;
	const kept = reservation.status_code;
	if (kept && STATUSES[kept]?.contract === reservation.status) return kept;
	const n = seededReservation(ctx, reservation.id);
	if (n !== undefined && n % 11 === 4 && reservation.status === 'confirmed')
		return 'CUSTOM_STATUS_27';
	return CANONICAL[reservation.status] ?? reservation.status.toUpperCase();
}

/** The stored status of a 2.4 update's `status`, or 400. */
export function statusChange(code: string): { status: string; status_code: string } {
	const info = STATUSES[code];
	if (!info || PROTECTED.includes(code)) throw bad(`${code} is not a valid status`);
	return { status: info.contract, status_code: code };
}

/** What the 2.4 filters and answers read of a reservation. */
export function reservationFacts(ctx: SandboxContext, stored: Reservation) {
	const reservation = stored as StoredReservation;
	const local = localTime(ctx, reservation.venue_id, reservation.start_time);
	const guest = ctx.state.guests.get(reservation.guest_id);
	const contact = reservation.contact ?? {};
	const pick = (field: 'first_name' | 'last_name' | 'email' | 'phone') =>
		contact[field] !== undefined ? contact[field] : (guest?.[field] ?? null);
	return {
		local,
		date: serviceDate(local),
		shift: shiftAt(reservation.venue_id, local),
		code: statusCode(ctx, reservation),
		guest,
		firstName: pick('first_name'),
		lastName: pick('last_name'),
		email: pick('email'),
		phone: pick('phone'),
	};
}

export function presentReservation24(ctx: SandboxContext, stored: Reservation) {
	const reservation = stored as StoredReservation;
	const facts = reservationFacts(ctx, reservation);
	const info = STATUSES[facts.code];
	const n = seededReservation(ctx, reservation.id);
	const seeded = n !== undefined;
	const tables = reservation.table_ids.map((id) => tableNumber(ctx.state.tables.get(id), id));
	return {
		id: reservation.id,
		reference_code: reservationReference(reservation.id),
		venue_id: reservation.venue_id,
		client_id: reservation.guest_id,
		client_reference_code: clientReference(reservation.guest_id),
		external_id: reservation.external_id ?? (seeded && n % 3 === 0 ? 'None' : null),
		external_reference_code: !seeded
			? null
			: n % 5 === 0
				? 550_000 + n
				: n % 5 === 1
					? `EXT-${n}`
					: null,
		first_name: facts.firstName,
		last_name: facts.lastName,
		email: facts.email,
		phone_number: seeded && facts.phone && n % 4 === 1 ? Number(facts.phone.slice(1)) : facts.phone,
		date: facts.date,
		arrival_time: clockTime(facts.local),
		real_datetime_of_slot: slotDateTime(facts.local),
		duration: reservation.duration_minutes,
		max_guests: reservation.party_size,
		status: facts.code,
		status_display: info?.display ?? facts.code,
		status_simple: info?.simple ?? 'Incomplete',
		shift_category: facts.shift.category,
		shift_persistent_id: facts.shift.persistentId,
		table_numbers: tables,
		notes: reservation.notes,
		tags:
			reservation.tags.length || !seeded || n % 2 === 1
				? reservation.tags.map((tag) => tagObject(ctx, tag))
				: '',
		is_vip: facts.guest?.tags.includes('vip') ?? false,
		...visit24(ctx, reservation, facts.guest, n),
		created: naiveUtc(reservation.created_at),
		updated: naiveUtc(reservation.updated_at),
		deleted: seeded && n % 4 === 3 ? 'None' : null,
	};
}

/** The four ids a booking and a cancellation answer. */
export const bookingIds = (reservation: Reservation) => ({
	reservation_id: reservation.id,
	reservation_reference_code: reservationReference(reservation.id),
	client_id: reservation.guest_id,
	client_reference_code: clientReference(reservation.guest_id),
});
