import { tokenEndpoint } from '../auth';
import type { ApiDialect } from '../pipeline';
import { ApiError, contractErrorReply } from '../reply';
import { guestRoutes } from './guests';
import { reservationRoutes } from './reservations';
import { venueRoutes } from './venues';
import { waitlistRoutes } from './waitlist';
import { webhookRoutes } from './webhooks';

/** The API of shared/sevenrooms-api.md: OAuth bearer tokens with scopes, JSON bodies and errors. */
export const contractApi: ApiDialect = {
	prefix: '',
	routes: [
		...venueRoutes,
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
