/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tooling, runs in Node beside n8n, never inside it (Node globals) */
import type { SandboxState } from './state';

/**
 * The restaurant day's visits, on a compressed clock: a party arrives (a walk-in, booked for the
 * coming minute), is seated, leaves 90 simulated minutes later with a bill (the venue's currency),
 * and most guests rate the visit about an hour (simulated) after that; some parties booked for
 * now never come. At `visitSpeed` 600 a simulated minute takes 100 ms: a dinner lasts 9 seconds
 * and its rating follows 6 seconds later. Every step goes through the API, as the venue's apps
 * (host stand, POS, feedback survey) would write it.
 */
export type Call = (
	method: string,
	path: string,
	body?: unknown,
) => Promise<Record<string, unknown>>;

export interface SimulatedVisits {
	/** a party arrives and is seated; completion and rating follow on their own */
	seatParty(): Promise<string>;
	/** a party booked for now does not come */
	noShow(): Promise<string>;
	/** no more follow-ups; resolves once those under way have finished */
	stop(): Promise<void>;
}

const DINNER_MINUTES = 90;
const RATING_AFTER_MINUTES = 60;
const FEEDBACK: Record<number, string> = {
	5: 'Wonderful evening, thank you!',
	4: 'Great food, we will be back.',
	3: 'Good, but the mains took a while.',
	2: 'Our table was by the kitchen door and nobody came for 20 minutes.',
	1: 'Cold food and a long wait. Disappointed.',
};

export function simulatedVisits(
	call: Call,
	state: SandboxState,
	random: () => number,
	{ visitSpeed, record }: { visitSpeed: number; record: (kind: string, detail: string) => void },
): SimulatedVisits {
	const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
	const minuteMs = 60_000 / visitSpeed;
	const timers = new Set<NodeJS.Timeout>();
	const underWay = new Set<Promise<void>>();
	let stopped = false;

	const later = (minutes: number, kind: string, step: () => Promise<string | undefined>) => {
		const timer = setTimeout(() => {
			timers.delete(timer);
			if (stopped) return;
			const running = step()
				.then((detail) => {
					if (detail) record(kind, detail);
				})
				.catch(() => undefined)
				.finally(() => underWay.delete(running));
			underWay.add(running);
		}, minutes * minuteMs);
		timer.unref();
		timers.add(timer);
	};

	/** A reservation at a venue for the coming minute (a walk-in, or a party booked for now). */
	const bookNow = async () => {
		const start = new Date(Math.ceil((Date.now() + 1) / 60_000) * 60_000);
		const booked = await call('POST', '/reservations', {
			venue_id: pick([...state.venues.keys()]),
			party_size: 2 + Math.floor(random() * 4),
			start_time: start.toISOString().replace('.000Z', 'Z'),
			guest_id: pick([...state.guests.keys()]),
		});
		if (typeof booked.id !== 'string') throw new Error(`not booked (${String(booked.status)})`);
		return { id: booked.id, partySize: Number(booked.party_size) };
	};

	return {
		async seatParty() {
			const { id, partySize } = await bookNow();
			await call('PATCH', `/reservations/${id}`, { status: 'seated' });
			later(DINNER_MINUTES, 'visit completed', async () => {
				const amount = Math.round(partySize * (30 + random() * 40) * 100) / 100;
				await call('PATCH', `/reservations/${id}`, { status: 'completed', spend: { amount } });
				if (random() < 0.75) {
					const rating = pick([5, 5, 5, 4, 4, 3, 2, 1]);
					later(RATING_AFTER_MINUTES, 'visit rated', async () => {
						await call('PATCH', `/reservations/${id}`, { rating, feedback: FEEDBACK[rating] });
						return `${id} (${rating})`;
					});
				}
				return `${id} (${amount})`;
			});
			return id;
		},
		async noShow() {
			const { id } = await bookNow();
			await call('PATCH', `/reservations/${id}`, { status: 'no_show' });
			return id;
		},
		async stop() {
			stopped = true;
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			await Promise.all(underWay);
		},
	};
}
