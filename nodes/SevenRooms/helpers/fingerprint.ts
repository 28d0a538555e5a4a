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
