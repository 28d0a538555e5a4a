import type { SandboxContext } from '../../context';
import type { Guest, Reservation } from '../../types';
import { localTime } from './time';

/**
 * A reservation's visit and bill as 2.4 shows them (the spec's reservation schema): `seated_time`
 * and `left_time` as the venue's clock (`9:45:00 PM`, "None" until then), `total_payment` (the
 * bill: prepayment plus on-site payment) and `onsite_payment` in the venue's currency, which only
 * the venue tells (`currency_code`), `rating`, and the client's loyalty fields. Seeded reservations
 * (`n`) show the loose typing the spec's examples do: amounts as numeric strings when `n % 3 == 1`,
 * `left_time` "None" on a completed visit when `n % 4 == 0` (the spec's example of a complete
 * reservation), `"None"` for what is not known.
 */
export function visit24(
	ctx: SandboxContext,
	reservation: Reservation,
	guest: Guest | undefined,
	n: number | undefined,
) {
	const seeded = n !== undefined;
	const clock = (at: string | null) =>
		at ? localTime(ctx, reservation.venue_id, at).toFormat('h:mm:ss a') : 'None';
	const amount = reservation.spend?.amount;
	const money = (value: number | undefined) =>
		value === undefined
			? seeded
				? 'None'
				: null
			: seeded && n % 3 === 1
				? value.toFixed(2)
				: value;
	const present = reservation.seated_at !== null;
	return {
		arrived_guests: present ? reservation.party_size : seeded ? 'None' : null,
		seated_time: clock(reservation.seated_at),
		left_time: seeded && n % 4 === 0 ? 'None' : clock(reservation.completed_at),
		prepayment: seeded ? 'None' : null,
		onsite_payment: money(amount),
		total_payment: money(amount),
		min_price: 'None',
		comps: seeded && present ? 0 : 'None',
		pos_tickets: 'None',
		check_numbers: null,
		rating: reservation.rating ?? 'None',
		booked_by: null,
		served_by: null,
		loyalty_id: guest?.loyalty_id ?? null,
		loyalty_tier: guest?.loyalty_tier ?? null,
	};
}
