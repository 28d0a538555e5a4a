import {
	RESERVATION_STATUSES,
	SEVENROOMS_SCOPES,
	WAITLIST_STATUSES,
	WEBHOOK_EVENTS,
} from '../../nodes/SevenRooms/shared/contract';
import { verifySignature } from '../../nodes/SevenRooms/helpers/signature';
import { ALL_SCOPES } from '../../sandbox/auth';
import { RESERVATION_STATUSES as SANDBOX_RESERVATION_STATUSES } from '../../sandbox/routes/reservations';
import { WAITLIST_STATUSES as SANDBOX_WAITLIST_STATUSES } from '../../sandbox/routes/waitlist';
import {
	SIGNATURE_HEADER,
	WEBHOOK_EVENTS as SANDBOX_EVENTS,
	signatureHeader,
} from '../../sandbox/webhookDelivery';

/**
 * The node and the sandbox keep their own copies of the contract's lists on purpose (neither may
 * lean on the other), so this proves the copies agree: a drift would make the node offer an event
 * the API never sends, or refuse a signature the API makes.
 */
const sorted = (values: string[]) => [...values].sort();
const valuesOf = (options: Array<{ value: unknown }>) => options.map(({ value }) => String(value));

describe('the node and the sandbox agree on the contract', () => {
	it('offer the same webhook events', () => {
		expect(sorted(valuesOf(WEBHOOK_EVENTS))).toEqual(sorted(SANDBOX_EVENTS));
	});

	it('know the same scopes', () => {
		expect(sorted(SEVENROOMS_SCOPES)).toEqual(sorted(ALL_SCOPES));
	});

	it('know the same reservation and waitlist statuses', () => {
		expect(sorted(valuesOf(RESERVATION_STATUSES))).toEqual(sorted(SANDBOX_RESERVATION_STATUSES));
		expect(sorted(valuesOf(WAITLIST_STATUSES))).toEqual(sorted(SANDBOX_WAITLIST_STATUSES));
	});

	it('sign and verify deliveries the same way, under the same header', () => {
		expect(SIGNATURE_HEADER.toLowerCase()).toBe('x-sevenrooms-signature');
		const now = Math.floor(Date.now() / 1000);
		const body = JSON.stringify({
			id: 'evt_1',
			type: 'reservation.created',
			data: { note: 'é ✓' },
		});
		const header = signatureHeader('whsec_test', now, body);
		expect(verifySignature(header, Buffer.from(body), 'whsec_test', now)).toBe('valid');
		expect(verifySignature(header, Buffer.from(body), 'whsec_other', now)).toBe('mismatch');
		expect(verifySignature(header, Buffer.from(`${body} `), 'whsec_test', now)).toBe('mismatch');
	});
});
