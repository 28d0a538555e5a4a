import { createHash } from 'node:crypto';

/**
 * Short fingerprints of ids, kept joined in one string (static data stays small: 12 characters
 * an id). The webhook trigger remembers accepted events by them, Audience Sync its subscribers.
 */
export const FINGERPRINT_LENGTH = 12;

/** 72 bits of SHA-256 of the id: collisions are out of reach at any real volume. */
export function fingerprintOf(key: string): string {
	return createHash('sha256').update(key).digest('base64url').slice(0, FINGERPRINT_LENGTH);
}

/** The fingerprints of a joined string, as a set. */
export function fingerprintsIn(joined: string | undefined): Set<string> {
	const set = new Set<string>();
	for (let at = 0; joined && at < joined.length; at += FINGERPRINT_LENGTH) {
		set.add(joined.slice(at, at + FINGERPRINT_LENGTH));
	}
	return set;
}

/** Whether a joined string holds the fingerprint (at a fingerprint's start, not across two). */
export function holdsFingerprint(joined: string, fingerprint: string): boolean {
	for (let at = joined.indexOf(fingerprint); at !== -1; at = joined.indexOf(fingerprint, at + 1)) {
		if (at % FINGERPRINT_LENGTH === 0) return true;
	}
	return false;
}

/**
 * Fingerprints kept in numbered buckets (hours, days) of static data, joined per bucket: the
 * webhook trigger's accepted events, the After the Visit events emitted. Bounded by age and count.
 */
export type FingerprintBuckets = Record<string, string>;

/** Whether a bucket numbered `oldest` or later holds the fingerprint. */
export function bucketsHold(buckets: FingerprintBuckets, fingerprint: string, oldest: number) {
	return Object.entries(buckets).some(
		([bucket, joined]) => Number(bucket) >= oldest && holdsFingerprint(joined, fingerprint),
	);
}

/**
 * Adds the fingerprint to its bucket, then drops the buckets before `oldest`, and the oldest ones
 * while more than `max` fingerprints are kept (never the bucket just written to).
 */
export function addToBucket(
	buckets: FingerprintBuckets,
	bucket: number,
	fingerprint: string,
	{ oldest, max }: { oldest: number; max: number },
): void {
	const written = String(bucket);
	buckets[written] = (buckets[written] ?? '') + fingerprint;
	const keys = Object.keys(buckets).sort((a, b) => Number(a) - Number(b));
	let count = keys.reduce((sum, key) => sum + buckets[key].length / FINGERPRINT_LENGTH, 0);
	for (const key of keys) {
		if (Number(key) >= oldest && count <= max) break;
		if (key === written) continue;
		count -= buckets[key].length / FINGERPRINT_LENGTH;
		delete buckets[key];
	}
}
