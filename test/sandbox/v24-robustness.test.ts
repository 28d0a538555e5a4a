import { DEFAULT_FAULTS } from '../../sandbox/faults';
import { startSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';
import { sandboxHttp } from './helpers';
import { booking, sandbox24 } from './helpers24';

/** Lost answers, resets, rate limits and proxy pages in the 2.4 dialect (and loseNextAnswers in both). */
let sandbox: Sandbox;
let authorization: string;
const { token, call } = sandbox24(() => sandbox);
const contract = sandboxHttp(() => sandbox);

beforeAll(async () => {
	sandbox = await startSandbox({ guests: 100, rateLimitPerMinute: 0 });
	authorization = await token();
});
afterAll(async () => await sandbox.close());
afterEach(() => {
	sandbox.setFaults(DEFAULT_FAULTS);
	sandbox.setRateLimit(0);
});

/** The call's status, or 'lost' when the connection closed without an answer. */
const outcome = async (answer: Promise<{ status: number }>) =>
	answer.then(
		(result) => result.status,
		() => 'lost',
	);

describe('loseNextAnswers', () => {
	it('loses exactly the next N creates, after making them; other calls pass', async () => {
		const before = sandbox.state.reservations.size;
		sandbox.setFaults({ loseNextAnswers: 2 });
		const book = (time: string, phone: string) =>
			call('PUT', '/venues/ven_nyc/book', {
				authorization,
				form: booking({ date: '2031-07-01', time, phone }),
			});
		expect(await outcome(book('18:00', '+14155550201'))).toBe('lost');
		expect((await call('GET', '/venues', { authorization })).status).toBe(200);
		expect(await outcome(book('18:30', '+14155550202'))).toBe('lost');
		expect(await outcome(book('19:00', '+14155550203'))).toBe(200);
		expect(sandbox.state.reservations.size).toBe(before + 3);
		expect(sandbox.stats.faultsInjected.lost_answer).toBe(2);
	});

	it('lets a blind 2.4 retry duplicate a client; a booking retry meets the duplicate check', async () => {
		sandbox.setFaults({ loseNextAnswers: 1 });
		const form = {
			first_name: 'Lost',
			last_name: 'Answer',
			email: 'lost@example.com',
			phone_number: '+14155550300',
		};
		expect(await outcome(call('POST', '/clients', { authorization, form }))).toBe('lost');
		expect((await call('POST', '/clients', { authorization, form })).status).toBe(200);
		const twins = await call('GET', '/clients?email=lost@example.com', { authorization });
		expect(twins.body.data.results).toHaveLength(2);

		sandbox.setFaults({ loseNextAnswers: 1 });
		const reservation = booking({
			date: '2031-07-02',
			phone: '+14155550301',
			external_id: 'ext-9',
		});
		const send = () => call('PUT', '/venues/ven_nyc/book', { authorization, form: reservation });
		expect(await outcome(send())).toBe('lost');
		expect((await send()).body).toMatchObject({
			status: 400,
			msg: expect.stringMatching(/Duplicate/),
		});
		const found = await call(
			'GET',
			'/reservations?from_date=2031-07-02&to_date=2031-07-02&external_id=ext-9',
			{ authorization },
		);
		expect(found.body.data.results).toHaveLength(1);
	});

	it('loses contract creates too; their Idempotency-Key replays the first answer', async () => {
		const bearer = await contract.bearer();
		sandbox.setFaults({ loseNextAnswers: 1 });
		const send = () =>
			fetch(`${sandbox.url}/guests`, {
				method: 'POST',
				headers: {
					Authorization: `Bearer ${bearer}`,
					'Content-Type': 'application/json',
					'Idempotency-Key': 'lost-1',
				},
				body: JSON.stringify({ first_name: 'Kept', email: 'kept@example.com' }),
			});
		expect(await outcome(send())).toBe('lost');
		const retry = await send();
		expect(retry.status).toBe(201);
		expect(retry.headers.get('idempotent-replayed')).toBe('true');
	});
});

describe('faults in the 2.4 dialect', () => {
	it('resets creates, some after the object was made', async () => {
		sandbox.setFaults({ resetFraction: 1 });
		const outcomes = [];
		for (let n = 0; n < 12; n++)
			outcomes.push(
				await outcome(
					call('POST', '/waitlist', {
						authorization,
						form: {
							venue_id: 'ven_nyc',
							first_name: 'R',
							last_name: String(n),
							phone_number: `+1415555040${String(n).padStart(2, '0')}`,
							phone_number_locale: 'US',
							party_size: '2',
							shift_persistent_id: 'ven_nyc-DINNER-1443199311.5',
						},
					}),
				),
			);
		expect(new Set(outcomes)).toEqual(new Set(['lost']));
		const { reset, reset_after_processing: after } = sandbox.stats.faultsInjected;
		expect(reset).toBeGreaterThan(0);
		expect(after).toBeGreaterThan(0);
		expect(sandbox.stats.created.waitlist).toBe(after);
	});

	it('ignores Idempotency-Key: the same create twice makes two', async () => {
		const send = () =>
			call('POST', '/clients', {
				authorization,
				headers: { 'Idempotency-Key': 'same' },
				form: {
					first_name: 'Key',
					last_name: 'Less',
					email: 'keyless@example.com',
					phone_number: '+14155550500',
				},
			});
		const [first, second] = [await send(), await send()];
		expect(second.headers.get('idempotent-replayed')).toBeNull();
		expect(second.body.data.id).not.toBe(first.body.data.id);
	});

	it('answers 429 {status, msg} without rate-limit headers unless v24RateLimitHeaders', async () => {
		sandbox.setRateLimit(2);
		const statuses = [];
		let last;
		for (let n = 0; n < 3; n++) {
			last = await call('GET', '/venues', { authorization });
			statuses.push(last.status);
		}
		expect(statuses).toEqual([200, 200, 429]);
		expect(last!.body).toEqual({ status: 429, msg: expect.any(String) });
		const names = [...last!.headers.keys()];
		expect(names.filter((name) => /ratelimit|retry-after/.test(name))).toEqual([]);

		sandbox.setFaults({ v24RateLimitHeaders: true });
		const shown = await call('GET', '/venues', { authorization });
		expect(shown.status).toBe(429);
		expect(shown.headers.get('x-ratelimit-limit')).toBe('2');
		expect(Number(shown.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

		sandbox.setRateLimit(0);
		sandbox.setFaults({ v24RateLimitHeaders: false, rateLimitedFraction: 1 });
		const injected = await call('GET', '/venues', { authorization });
		expect([injected.status, injected.headers.get('retry-after')]).toEqual([429, null]);
	});

	it('answers injected 503s in {status, msg} and proxy errors as HTML', async () => {
		sandbox.setFaults({ unavailableFraction: 1 });
		const unavailable = await call('GET', '/venues', { authorization });
		expect(unavailable.body).toEqual({ status: 503, msg: expect.any(String) });
		sandbox.setFaults({ unavailableFraction: 0, htmlErrorFraction: 1 });
		const html = await call('GET', '/clients', { authorization });
		expect(html.status).toBe(502);
		expect(html.headers.get('content-type')).toBe('text/html');
	});

	it('sets the 2.4 knobs over the control endpoint and refuses bad values', async () => {
		const post = (body: unknown) =>
			fetch(`${sandbox.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify(body) });
		expect((await post({ loseNextAnswers: 3, v24SearchCapMode: 'error' })).status).toBe(200);
		expect((await post({ loseNextAnswers: 1.5 })).status).toBe(400);
		expect((await post({ v24CappedReservations: '/clients' })).status).toBe(400);
		const faults = (await (await fetch(`${sandbox.url}/__sandbox/faults`)).json()) as Record<
			string,
			unknown
		>;
		expect(faults).toMatchObject({ loseNextAnswers: 3, v24SearchCapMode: 'error' });
	});
});
