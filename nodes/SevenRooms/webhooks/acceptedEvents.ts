import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { addToBucket, bucketsHold, fingerprintOf } from '../helpers/fingerprint';

/**
 * Which events a SevenRooms Trigger already started a workflow for, so a redelivery starts
 * nothing. SevenRooms retries a delivery for up to 24 hours, so an event is remembered for 25:
 * in the workflow's static data (across restarts), as 12-character fingerprints in hourly buckets,
 * and in this process's memory. n8n saves each request's copy of the static data whole, so two
 * deliveries handled at once can drop each other's fingerprint there; the process memory keeps
 * one n8n (or one webhook processor) exact all the same.
 */
const BUCKET_MS = 60 * 60_000;
export const RETENTION_MS = 25 * BUCKET_MS;
/** At most this many fingerprints in static data (600 KB); the oldest hours go first. */
export const MAX_STORED = 50_000;

const MEMORY_MAX = 100_000;
// key (workflow|node|fingerprint) → accepted at, oldest first
const acceptedHere = new Map<string, number>();

function bucketsOf(staticData: IDataObject): Record<string, string> {
	const buckets = staticData.acceptedEvents;
	if (typeof buckets === 'object' && buckets !== null && !Array.isArray(buckets)) {
		return buckets as Record<string, string>;
	}
	staticData.acceptedEvents = {};
	return staticData.acceptedEvents as Record<string, string>;
}

function rememberHere(key: string, now: number): boolean {
	for (const [oldest, at] of acceptedHere) {
		if (at > now - RETENTION_MS && acceptedHere.size < MEMORY_MAX) break;
		acceptedHere.delete(oldest);
	}
	if (acceptedHere.has(key)) return false;
	acceptedHere.set(key, now);
	return true;
}

const oldestHour = (now: number) => Math.floor((now - RETENTION_MS) / BUCKET_MS);

/** Whether the stored fingerprints (unexpired hours) hold this one. */
function stored(buckets: Record<string, string>, fingerprint: string, now: number): boolean {
	return bucketsHold(buckets, fingerprint, oldestHour(now));
}

/** Stores it in this hour's bucket; forgets what SevenRooms can no longer redeliver, bounded. */
function store(buckets: Record<string, string>, fingerprint: string, now: number): void {
	addToBucket(buckets, Math.floor(now / BUCKET_MS), fingerprint, {
		oldest: oldestHour(now),
		max: MAX_STORED,
	});
}

/**
 * True the first time an event reaches this trigger (and remembers it), false for a redelivery.
 * `triggerKey` names the trigger (workflow and node) for the process memory.
 */
export function acceptOnce(
	staticData: IDataObject,
	triggerKey: string,
	eventKey: string,
	now = Date.now(),
): boolean {
	const fingerprint = fingerprintOf(eventKey);
	const buckets = bucketsOf(staticData);
	const seenStored = stored(buckets, fingerprint, now);
	const firstHere = rememberHere(`${triggerKey}|${fingerprint}`, now);
	if (seenStored || !firstHere) return false;
	store(buckets, fingerprint, now);
	return true;
}

/**
 * Stores an accepted event's fingerprint in static data once (no change when it is there). For
 * the execution an accepted delivery starts: n8n 2.41 does not save static data changed on the
 * way to a webhook answer when that answer starts an execution (`WorkflowRunner.run` re-wraps the
 * same object, which clears its changed flag, and the execution reloads it from the database), but
 * it saves what the execution's own nodes change. Returns whether it changed anything.
 */
export function storeAccepted(
	staticData: IDataObject,
	eventKey: string,
	now = Date.now(),
): boolean {
	const fingerprint = fingerprintOf(eventKey);
	const buckets = bucketsOf(staticData);
	if (stored(buckets, fingerprint, now)) return false;
	store(buckets, fingerprint, now);
	return true;
}

/**
 * What identifies a delivered event: its id, or the signed body itself when it has none (only
 * signed content counts: an unsigned header could make a replay look new).
 */
export function eventKeyOf(event: IDataObject, rawBody: string): string {
	return typeof event.id === 'string' && event.id !== ''
		? event.id
		: `body:${createHash('sha256').update(rawBody).digest('hex')}`;
}

/**
 * The item property that carries an accepted event's key from the webhook to the execution it
 * starts (n8n hands the webhook's items to the trigger's execute() as they are); execute() stores
 * the key and takes the property off, so the workflow never sees it.
 */
export const EVENT_KEY_PROPERTY = 'sevenRoomsEventKey';

/** Moves the ids a trigger of version 0.1 kept (`recentEventIds`) into the fingerprint store. */
export function migrateRecentEventIds(staticData: IDataObject, now = Date.now()): void {
	const ids = staticData.recentEventIds;
	if (!Array.isArray(ids)) return;
	const buckets = bucketsOf(staticData);
	const hour = String(Math.floor(now / BUCKET_MS));
	buckets[hour] = (buckets[hour] ?? '') + ids.map((id) => fingerprintOf(String(id))).join('');
	delete staticData.recentEventIds;
}
