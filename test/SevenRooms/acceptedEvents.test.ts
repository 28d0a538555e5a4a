import type { IDataObject } from 'n8n-workflow';

import {
	RETENTION_MS,
	acceptOnce,
	storeAccepted,
} from '../../nodes/SevenRooms/webhooks/acceptedEvents';

describe('storeAccepted (the execution-phase write of an accepted event)', () => {
	it('stores a fingerprint once, and a later delivery of that event is refused after a restart', () => {
		const now = Date.UTC(2026, 10, 25, 12);
		const saved: IDataObject = {};
		expect(storeAccepted(saved, 'evt_1', now)).toBe(true);
		expect(storeAccepted(saved, 'evt_1', now + 1_000)).toBe(false);
		// a restarted process (new trigger key, empty memory) reads the saved static data
		const reloaded = JSON.parse(JSON.stringify(saved)) as IDataObject;
		expect(acceptOnce(reloaded, 'restarted|t', 'evt_1', now + 60_000)).toBe(false);
		expect(acceptOnce(reloaded, 'restarted|t', 'evt_2', now + 60_000)).toBe(true);
	});

	it('agrees with acceptOnce: what acceptOnce stored needs no second write', () => {
		const now = Date.UTC(2026, 10, 25, 13);
		const state: IDataObject = {};
		expect(acceptOnce(state, 'w|t', 'evt_3', now)).toBe(true);
		const before = JSON.stringify(state);
		expect(storeAccepted(state, 'evt_3', now)).toBe(false);
		expect(JSON.stringify(state)).toBe(before);
	});

	it('forgets an event after the retention window', () => {
		const now = Date.UTC(2026, 10, 25, 14);
		const state: IDataObject = {};
		storeAccepted(state, 'evt_4', now);
		expect(storeAccepted(state, 'evt_4', now + RETENTION_MS + 3_600_000)).toBe(true);
	});
});
