import {
	MAX_REMEMBERED,
	pastHorizon,
	RememberedVisits,
	VISIT_HORIZON_DAYS,
	visitEventsOf,
} from '../../nodes/SevenRooms/polling/visitEvents';

const DAY = 24 * 60 * 60_000;
const NOW = Date.parse('2026-11-20T12:00:00Z');
const visit = (id: string, daysAgo: number, fields: Record<string, unknown> = {}) => ({
	id,
	status: 'completed',
	start_time: new Date(NOW - daysAgo * DAY).toISOString(),
	...fields,
});

describe('what After the Visit remembers', () => {
	it('names each event by the reservation, a rating also by its score', () => {
		expect(visitEventsOf(visit('r1', 0, { rating: 4 })).map((event) => event.key)).toEqual([
			'completed|r1',
			'rated|r1|4',
		]);
		expect(visitEventsOf(visit('r2', 0, { status: 'no_show' })).map((event) => event.key)).toEqual([
			'no_show|r2',
		]);
		expect(visitEventsOf(visit('r3', 0, { status: 'seated', feedback: 'Lovely' }))).toEqual([
			expect.objectContaining({ kind: 'rated', key: 'rated|r3|' }),
		]);
		expect(visitEventsOf({ status: 'completed' })).toEqual([]);
	});

	it('keeps days, not guests: a week of visits, then the oldest days go', () => {
		let remembered = new RememberedVisits(undefined, NOW);
		for (let day = 0; day <= VISIT_HORIZON_DAYS; day++) {
			for (let n = 0; n < 100; n++) {
				const [event] = visitEventsOf(visit(`r${day}-${n}`, day));
				remembered.add(event);
			}
		}
		const [oldest] = visitEventsOf(visit('r7-0', VISIT_HORIZON_DAYS));
		expect(remembered.has(oldest)).toBe(true);
		expect(JSON.stringify(remembered.buckets).length).toBeLessThan(8 * (100 * 12 + 20) + 10);

		// Three days on, with that week's visits past the horizon: their days are dropped.
		const later = NOW + 3 * DAY;
		remembered = new RememberedVisits(remembered.buckets, later);
		const [today] = visitEventsOf(visit('new', -3));
		remembered.add(today);
		// Kept: the six days still within a day of the horizon, and the new visit's.
		expect(Object.keys(remembered.buckets)).toHaveLength(7);
		expect(pastHorizon(oldest.reservation, later)).toBe(true);
		expect(pastHorizon(today.reservation, later)).toBe(false);
	});

	it('keeps at most MAX_REMEMBERED, dropping the oldest days first', () => {
		const remembered = new RememberedVisits(undefined, NOW);
		const perDay = MAX_REMEMBERED / 4;
		for (let day = 4; day >= 0; day--) {
			for (let n = 0; n < perDay; n++) {
				const [event] = visitEventsOf(visit(`r${day}-${n}`, day));
				remembered.add(event);
			}
		}
		const total = Object.values(remembered.buckets).join('').length / 12;
		expect(total).toBeLessThanOrEqual(MAX_REMEMBERED);
		const [newest] = visitEventsOf(visit('r0-1', 0));
		const [oldest] = visitEventsOf(visit('r4-1', 4));
		expect(remembered.has(newest)).toBe(true);
		expect(remembered.has(oldest)).toBe(false);
	});
});
