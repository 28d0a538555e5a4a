import type { SandboxContext } from '../context';
import { badGatewayPage } from '../faults';
import type { ApiDialect } from '../pipeline';
import { ApiError, contractErrorReply } from '../reply';
import type { Reply } from '../reply';
import { availabilityRoutes } from './availability';
import { countFault } from '../stats';
import { guestRoutes } from './guests';
import { reservationRoutes } from './reservations';
import { venueRoutes } from './venues';
import { waitlistRoutes } from './waitlist';
import { webhookRoutes } from './webhooks';

/** `POST /oauth/token`: client credentials in a form body, OAuth 2.0 errors. */
function tokenEndpoint(ctx: SandboxContext, rawForm: string): Reply {
	const failure = ctx.faults.tokenFailure;
	if (failure === 'server_error') {
		countFault(ctx.stats, 'token_server_error');
		return oauthError(500, 'server_error', 'The authorization server failed; try again later');
	}
	if (failure === 'html') {
		countFault(ctx.stats, 'token_html');
		return badGatewayPage();
	}
	const form = new URLSearchParams(rawForm);
	if (form.get('grant_type') !== 'client_credentials')
		return oauthError(400, 'unsupported_grant_type', 'Only client_credentials is supported');
	const client = ctx.auth.checkSecret(form.get('client_id') ?? '', form.get('client_secret') ?? '');
	if (!client) return oauthError(401, 'invalid_client', 'Unknown client or wrong secret');
	const requested = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
	const scopes = requested.length ? requested : client.scopes;
	if (scopes.some((scope) => !client.scopes.includes(scope)))
		return oauthError(400, 'invalid_scope', 'A requested scope is not granted to this client');
	ctx.stats.tokensIssued++;
	return {
		status: 200,
		body: {
			access_token: ctx.auth.issue(client.clientId, scopes),
			token_type: 'Bearer',
			expires_in: Math.round(ctx.auth.ttlMs / 1000),
			scope: scopes.join(' '),
		},
	};
}

function oauthError(status: number, error: string, description: string): Reply {
	return { status, body: { error, error_description: description } };
}

/** The API of shared/sevenrooms-api.md: OAuth bearer tokens with scopes, JSON bodies and errors. */
export const contractApi: ApiDialect = {
	prefix: '',
	routes: [
		...venueRoutes,
		...availabilityRoutes,
		...guestRoutes,
		...reservationRoutes,
		...waitlistRoutes,
		...webhookRoutes,
	],
	tokenEndpoint: { path: '/oauth/token', handle: tokenEndpoint },
	authenticate: (ctx, request) => ctx.auth.verify(request.headers.authorization),
	claimedClient: (ctx, request) => ctx.auth.claimedClient(request.headers.authorization),
	errorReply: contractErrorReply,
	idempotencyKeys: true,
	rateLimitHeaders: () => true,
	parseBody: (raw) => {
		if (!raw) return {};
		let parsed: unknown;
		try {
			parsed = JSON.parse(raw);
		} catch {
			parsed = undefined;
		}
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
			throw new ApiError(400, 'bad_request', 'The body must be a JSON object');
		return parsed as Record<string, unknown>;
	},
};
