import type { IDataObject } from 'n8n-workflow';

import { headerValue } from './retryPolicy';

// How far each API's clock is ahead of ours (ms, negative when behind), from its `Date` headers.
const offsets = new Map<string, number>();

/** Remembers the API's clock from an answer's `Date` header. */
export function observeServerDate(apiKey: string, headers: IDataObject | undefined): void {
	const date = Date.parse(headerValue(headers, 'date') ?? '');
	if (!Number.isNaN(date)) offsets.set(apiKey, date - Date.now());
}

/**
 * The API's "now" in milliseconds, when one of its answers told it. Poll cursors are compared with
 * the API's timestamps, so they must come from the API's clock, not n8n's.
 */
export function serverNow(apiKey: string): number | undefined {
	const offset = offsets.get(apiKey);
	return offset === undefined ? undefined : Date.now() + offset;
}
