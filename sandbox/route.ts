import type { SandboxContext } from './context';
import type { Reply } from './reply';

/** What a route handler gets of the request, besides the context. */
export interface RouteRequest {
	/** the `{…}` segments of the path, decoded, in order */
	params: string[];
	query: URLSearchParams;
	/** the JSON body, `{}` when there is none */
	body: Record<string, unknown>;
}

export interface Route {
	method: string;
	/** `/guests/{id}`, relative to the dialect's prefix; also the name requests are counted by */
	template: string;
	pattern: RegExp;
	/** the OAuth scope a caller needs; none: any authenticated caller */
	scope?: string;
	/** a creating POST: an injected reset may come after the object was made */
	creates: boolean;
	handle(ctx: SandboxContext, request: RouteRequest): Reply;
}

export function defineRoute(
	method: string,
	template: string,
	scope: string | undefined,
	handle: Route['handle'],
	{ creates = false } = {},
): Route {
	const pattern = new RegExp(`^${template.replace(/\{[a-z_]+\}/g, '([^/]+)')}$`);
	return { method, template, pattern, scope, creates, handle };
}

export type RouteMatch =
	| { found: 'route'; route: Route; params: string[] }
	/** the path exists with other methods */
	| { found: 'path'; allowed: string[] }
	| { found: 'nothing' };

/** Throws URIError on a malformed %-escape in a path segment. */
export function matchRoute(routes: Route[], method: string, path: string): RouteMatch {
	const allowed: string[] = [];
	for (const route of routes) {
		const match = route.pattern.exec(path);
		if (!match) continue;
		if (route.method === method)
			return { found: 'route', route, params: match.slice(1).map(decodeURIComponent) };
		allowed.push(route.method);
	}
	return allowed.length ? { found: 'path', allowed } : { found: 'nothing' };
}
