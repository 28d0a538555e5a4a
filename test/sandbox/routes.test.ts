import { ALL_SCOPES, SANDBOX_CLIENT_ID } from '../../sandbox/auth';
import { createContext } from '../../sandbox/context';
import { handleApiRequest } from '../../sandbox/pipeline';
import type { Route } from '../../sandbox/route';
import { contractApi } from '../../sandbox/routes';
import { guestRoutes } from '../../sandbox/routes/guests';

/** Routes and the pipeline take their context explicitly: each can be run without a server. */
const NOW = '2026-11-24T10:00:00.000Z';
const routeOf = (routes: Route[], method: string, template: string) =>
	routes.find((route) => route.method === method && route.template === template)!;
const none = new URLSearchParams();

describe('sandbox routes on a bare context', () => {
	it('changes a guest, announces it and re-sorts the list', () => {
		const ctx = createContext({ guests: 30, now: () => new Date(NOW) });
		const patch = routeOf(guestRoutes, 'PATCH', '/guests/{id}');
		const reply = patch.handle(ctx, {
			params: ['gst_000001'],
			query: none,
			body: { notes: 'Window seat' },
		});
		expect(reply.status).toBe(200);
		expect(ctx.state.guests.get('gst_000001')).toMatchObject({
			notes: 'Window seat',
			updated_at: NOW,
		});
		expect(ctx.stats.webhookDeliveries.events).toBe(1);
		const list = routeOf(guestRoutes, 'GET', '/guests').handle(ctx, {
			params: [],
			query: new URLSearchParams('limit=200'),
			body: {},
		}).body as { data: Array<{ id: string }> };
		expect(list.data[list.data.length - 1].id).toBe('gst_000001');
	});

	it('runs the whole pipeline without a socket: auth, scopes, faults', async () => {
		const ctx = createContext({ guests: 10, rateLimitPerMinute: 2 });
		const request = (authorization?: string) => ({
			method: 'GET',
			path: '/venues',
			query: none,
			headers: authorization ? { authorization } : {},
			raw: '',
		});
		const bearer = `Bearer ${ctx.auth.issue(SANDBOX_CLIENT_ID, ALL_SCOPES)}`;
		const ok = await handleApiRequest(ctx, contractApi, request(bearer));
		expect(ok).toMatchObject({
			reply: { status: 200, headers: { 'X-RateLimit-Limit': '2', 'X-RateLimit-Remaining': '1' } },
		});
		expect(await handleApiRequest(ctx, contractApi, request())).toMatchObject({
			reply: { status: 401 },
		});
		const reader = `Bearer ${ctx.auth.issue(SANDBOX_CLIENT_ID, ['read:guests'])}`;
		expect(await handleApiRequest(ctx, contractApi, request(reader))).toMatchObject({
			reply: { status: 403 },
		});
		ctx.faults.resetFraction = 1;
		expect(await handleApiRequest(ctx, contractApi, request(bearer))).toEqual({ reset: true });
		expect(ctx.stats.requests['GET /venues']).toEqual({ '200': 1, '401': 1, '403': 1, reset: 1 });
	});
});
