import { createHmac, timingSafeEqual } from 'node:crypto';

/** Deliveries older (or newer) than this are refused, so a captured one can't be replayed later. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type SignatureVerdict = 'valid' | 'missing' | 'malformed' | 'stale' | 'mismatch';

/** `v1` of `X-SevenRooms-Signature`: hex HMAC-SHA256 of "<t>.<raw body>" keyed by the secret. */
export function signatureOf(
	secret: string,
	timestamp: number | string,
	rawBody: Buffer | string,
): string {
	return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/**
 * Checks `X-SevenRooms-Signature: t=<unix seconds>,v1=<hex>` over the raw body with a
 * constant-time compare. Any `v1` may match (the sender may list several during a secret roll).
 */
export function verifySignature(
	header: string | undefined,
	rawBody: Buffer | string | undefined,
	secret: string | undefined,
	nowSeconds = Math.floor(Date.now() / 1000),
): SignatureVerdict {
	if (!header || !secret || rawBody === undefined) return 'missing';
	let timestamp: string | undefined;
	const signatures: string[] = [];
	for (const part of header.split(',')) {
		const [key, ...rest] = part.trim().split('=');
		const value = rest.join('=');
		if (key === 't') timestamp = value;
		else if (key === 'v1') signatures.push(value);
	}
	if (!timestamp || !/^\d+$/.test(timestamp) || !signatures.length) return 'malformed';
	if (Math.abs(nowSeconds - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) return 'stale';
	const expected = Buffer.from(signatureOf(secret, timestamp, rawBody), 'hex');
	const matches = signatures.some((signature) => {
		if (!/^[0-9a-f]+$/i.test(signature)) return false;
		const given = Buffer.from(signature, 'hex');
		return given.length === expected.length && timingSafeEqual(given, expected);
	});
	return matches ? 'valid' : 'mismatch';
}
