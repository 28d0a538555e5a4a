import type { IDataObject } from 'n8n-workflow';

import { headerValue } from './retryPolicy';

// How far each API's clock is ahead of ours (ms, negative when behind), from its `Date` headers,
// and the header it was read from: answers within the same second repeat it (parsing costs more
// than the rest of reading an answer), and to the second is what the header tells anyway.
const offsets = new Map<string, { offset: number; header: string }>();

/** Remembers the API's clock from an answer's `Date` header. */
export function observeServerDate(apiKey: string, headers: IDataObject | undefined): void {
	const header = headerValue(headers, 'date');
	if (header === undefined || offsets.get(apiKey)?.header === header) return;
	const date = Date.parse(header);
	if (!Number.isNaN(date)) offsets.set(apiKey, { offset: date - Date.now(), header });
}

/**
 * The API's "now" in milliseconds, when one of its answers told it. Poll cursors are compared with
 * the API's timestamps, so they must come from the API's clock, not n8n's.
 */
export function serverNow(apiKey: string): number | undefined {
	const known = offsets.get(apiKey);
	return known === undefined ? undefined : Date.now() + known.offset;
}
