import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import { ApiError } from './reply';

export const SANDBOX_CLIENT_ID = 'sandbox-client';
export const SANDBOX_CLIENT_SECRET = 'sandbox-secret';
export const ALL_SCOPES = [
	'read:guests',
	'write:guests',
	'read:reservations',
	'write:reservations',
	'read:waitlist',
	'write:waitlist',
	'read:venues',
	'read:webhooks',
	'write:webhooks',
];

export interface ClientCredentials {
	clientId: string;
	clientSecret: string;
	scopes?: string[];
}

/** Who a verified token belongs to. */
export interface Principal {
	clientId: string;
	scopes: string[];
}

interface Claims {
	sub: string;
	scope: string;
	iat: number;
	exp: number;
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * Issues and verifies HS256 JWTs signed with a key made at start. Lifetimes and revocation use
 * real time, whatever the data clock or its skew says.
 */
export class TokenAuthority {
	private readonly signingKey = randomBytes(32);
	private readonly clients: Map<string, Required<ClientCredentials>>;
	/** Reservations API 2.4 tokens: opaque strings, remembered here until they expire */
	private readonly opaque = new Map<string, { clientId: string; iat: number; exp: number }>();
	private validAfterMs = 0;

	constructor(
		clients: ClientCredentials[],
		readonly ttlMs: number,
		private readonly nowMs: () => number = Date.now,
	) {
		this.clients = new Map(
			clients.map((client) => [
				client.clientId,
				{ ...client, scopes: client.scopes ?? ALL_SCOPES },
			]),
		);
	}

	client(clientId: string): Required<ClientCredentials> | undefined {
		return this.clients.get(clientId);
	}

	/** The client these credentials name, or undefined (compared in constant time). */
	checkSecret(clientId: string, clientSecret: string): Required<ClientCredentials> | undefined {
		const client = this.clients.get(clientId);
		const secret = Buffer.from(clientSecret);
		const expected = Buffer.from(client?.clientSecret ?? '');
		return client && secret.length === expected.length && timingSafeEqual(secret, expected)
			? client
			: undefined;
	}

	/** A 2.4 token: opaque, no scopes, `ttlMs` of real time. */
	issueOpaque(clientId: string, ttlMs: number): { token: string; expiresAtMs: number } {
		const issuedAt = this.nowMs();
		for (const [token, claims] of this.opaque)
			if (claims.exp <= issuedAt) this.opaque.delete(token);
		const token = randomBytes(32).toString('hex');
		this.opaque.set(token, { clientId, iat: issuedAt, exp: issuedAt + ttlMs });
		return { token, expiresAtMs: issuedAt + ttlMs };
	}

	/** The caller of a 2.4 token, or undefined when it is unknown, expired or revoked. */
	verifyOpaque(token: string): Principal | undefined {
		const claims = this.opaque.get(token);
		if (!claims || claims.exp <= this.nowMs() || claims.iat <= this.validAfterMs) return undefined;
		return { clientId: claims.clientId, scopes: [] };
	}

	/** Whom a 2.4 token was issued to, even expired or revoked. */
	opaqueClient(token: string): string | undefined {
		return this.opaque.get(token)?.clientId;
	}

	issue(clientId: string, scopes: string[]): string {
		const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
		const issuedAt = this.nowMs();
		const claims = {
			sub: clientId,
			scope: scopes.join(' '),
			iat: issuedAt,
			exp: issuedAt + this.ttlMs,
			jti: randomBytes(8).toString('hex'),
		};
		const payload = base64url(JSON.stringify(claims));
		return `${header}.${payload}.${this.sign(`${header}.${payload}`).toString('base64url')}`;
	}

	/** Every token issued so far answers 401 from now on. */
	revokeAll(): void {
		this.validAfterMs = this.nowMs();
	}

	/** The caller of `Authorization: Bearer <token>`, or 401 invalid_token. */
	verify(authorization: string | undefined): Principal {
		const unauthorized = (message: string) => new ApiError(401, 'invalid_token', message);
		const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
		if (!token) throw unauthorized('Missing bearer token');
		const claims = this.signedClaims(token);
		if (!claims) throw unauthorized('Bad token');
		if (claims.exp <= this.nowMs()) throw unauthorized('Token expired');
		if (claims.iat <= this.validAfterMs) throw unauthorized('Token revoked');
		return { clientId: claims.sub, scopes: claims.scope.split(' ') };
	}

	/**
	 * The client a bearer token was issued to, even expired or revoked: answers refused before or at
	 * authentication still report that client's rate-limit budget.
	 */
	claimedClient(authorization: string | undefined): string | undefined {
		const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
		return token ? this.signedClaims(token)?.sub : undefined;
	}

	private signedClaims(token: string): Claims | undefined {
		const [header, payload, signature] = token.split('.');
		if (!payload) return undefined;
		const expected = this.sign(`${header}.${payload}`);
		const given = Buffer.from(signature ?? '', 'base64url');
		if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
		try {
			const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
			return typeof claims.sub === 'string' && typeof claims.scope === 'string'
				? claims
				: undefined;
		} catch {
			return undefined;
		}
	}

	private sign(payload: string): Buffer {
		return createHmac('sha256', this.signingKey).update(payload).digest();
	}
}
