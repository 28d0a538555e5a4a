import type { SandboxContext } from '../../context';
import { badGatewayPage } from '../../faults';
import type { ApiDialect, ApiRequest } from '../../pipeline';
import { ApiError } from '../../reply';
import type { Reply } from '../../reply';
import { countFault } from '../../stats';
import { clientRoutes24 } from './clients';
import { errorReply24, parseBody24 } from './fields';
import { reservationRoutes24 } from './reservations';
import { naiveUtc } from './time';
import { venueRoutes24 } from './venues';
import { waitlistRoutes24 } from './waitlist';

/**
 * `POST /2_4/auth`: form `client_id`, `client_secret` → an opaque token and its expiry, a naive
 * UTC datetime on the API's clock (real time plus the skew). Wrong credentials: 401.
 */
function auth(ctx: SandboxContext, raw: string): Reply {
	const failure = ctx.faults.tokenFailure;
	if (failure === 'server_error') {
		countFault(ctx.stats, 'token_server_error');
		return { status: 500, body: { status: 500, msg: 'Internal Server Error' } };
	}
	if (failure === 'html') {
		countFault(ctx.stats, 'token_html');
		return badGatewayPage();
	}
	const form = new URLSearchParams(raw);
	const clientId = form.get('client_id');
	const clientSecret = form.get('client_secret');
	if (!clientId || !clientSecret)
		return {
			status: 400,
			body: { status: 400, code: 400, msg: 'client_id and client_secret are required' },
		};
	const client = ctx.auth.checkSecret(clientId, clientSecret);
	if (!client) return { status: 401, body: { status: 401, msg: 'Invalid client credentials' } };
	const { token, expiresAtMs } = ctx.auth.issueOpaque(client.clientId, ctx.v24.tokenTtlMs);
	ctx.stats.tokensIssued++;
	return {
		status: 200,
		body: {
			status: 200,
			msg: 'Successfully authenticated.',
			data: {
				token,
				token_expiration_datetime: naiveUtc(expiresAtMs + ctx.faults.clockSkewMs),
			},
		},
	};
}

/** `Authorization: <token>` as the vendor documents it; `Bearer <token>` is accepted too. */
const tokenOf = (request: ApiRequest) =>
	/^(?:Bearer\s+)?(\S+)$/i.exec(String(request.headers.authorization ?? '').trim())?.[1];

/** SevenRooms' Reservations API 2.4 under `/2_4`, on the same data as the contract's API. */
export const api24: ApiDialect = {
	prefix: '/2_4',
	routes: [...venueRoutes24, ...clientRoutes24, ...reservationRoutes24, ...waitlistRoutes24],
	tokenEndpoint: { path: '/auth', handle: auth },
	authenticate: (ctx, request) => {
		const token = tokenOf(request);
		const principal = token ? ctx.auth.verifyOpaque(token) : undefined;
		if (!principal) throw new ApiError(401, 'invalid_token', 'Permission denied');
		return principal;
	},
	claimedClient: (ctx, request) => {
		const token = tokenOf(request);
		return token ? ctx.auth.opaqueClient(token) : undefined;
	},
	errorReply: errorReply24,
	parseBody: parseBody24,
	idempotencyKeys: false,
	rateLimitHeaders: (ctx) => ctx.faults.v24RateLimitHeaders,
};
