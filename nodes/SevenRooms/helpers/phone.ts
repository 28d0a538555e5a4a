import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

/**
 * A phone number as the API wants it (E.164), from whatever a spreadsheet holds: "(415) 555-2671"
 * with the default country, "+44 20 7946 0958", "00971 50 123 4567".
 */
export function toE164(
	node: INode,
	value: unknown,
	{
		field,
		defaultCountry,
		itemIndex,
	}: { field: string; defaultCountry: string; itemIndex: number },
): string {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	const country = (defaultCountry || 'US').toUpperCase() as CountryCode;
	const parsed = text ? parsePhoneNumberFromString(text.replace(/^00/, '+'), country) : undefined;
	if (!parsed?.isValid()) {
		const shown =
			typeof value === 'string' || typeof value === 'number' ? `"${String(value)}"` : String(value);
		throw new NodeOperationError(node, `${field} ${shown} is not a valid phone number`, {
			itemIndex,
			description: `Enter the number with its country code (e.g. +44 20 7946 0958) or as a local ${country} number, or change "Default Phone Country" in the node's options.`,
		});
	}
	return parsed.number;
}
