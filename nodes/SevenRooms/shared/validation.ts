import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INode } from 'n8n-workflow';

/** Strings that expressions make of nothing: never an object's id. */
const NOT_IDS = new Set(['undefined', 'null', '[object Object]', 'NaN']);

/**
 * An id as it may go into a URL path: one non-empty segment. An expression that evaluated to
 * nothing, `.`/`..` or anything with a slash would address another resource (`/guests/` is the
 * list, `/guests/..` the root), so it is an error naming the field.
 */
export function checkedId(node: INode, value: unknown, field: string, itemIndex?: number): string {
	const text =
		typeof value === 'number' && Number.isFinite(value)
			? String(value)
			: typeof value === 'string'
				? value.trim()
				: '';
	if (!text || NOT_IDS.has(text)) {
		throw new NodeOperationError(node, `${field} is empty`, {
			itemIndex,
			description: `Enter the ${field} or map it from an earlier node; an expression that finds nothing leaves it empty.`,
		});
	}
	if (text === '.' || text === '..' || /[/\\?#%\s]/.test(text) || text.length > 255) {
		throw new NodeOperationError(node, `${field} "${text.slice(0, 80)}" is not a valid ID`, {
			itemIndex,
			description: 'An ID is one word such as gst_000123: no slashes, spaces, "?", "#" or "%".',
		});
	}
	return text;
}

/** A resource locator or string parameter holding an id, checked. */
export function idParameter(
	context: IExecuteFunctions,
	name: string,
	field: string,
	itemIndex: number,
): string {
	const value = context.getNodeParameter(name, itemIndex, '', { extractValue: true });
	return checkedId(context.getNode(), value, field, itemIndex);
}

/** A whole number of at least `min` from a number field, or a clear error naming the field. */
export function wholeNumber(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
	min = 1,
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min) {
		throw new NodeOperationError(
			node,
			`${field} "${String(value)}" must be a whole number of at least ${min}`,
			{ itemIndex },
		);
	}
	return number;
}

const YES = /^(true|yes|y|1|on|x|opted in|subscribed)$/i;
const NO = /^(false|no|n|0|off|opted out|unsubscribed)$/i;

/**
 * A yes/no field as a boolean: true or false, or the text sheets, forms and expressions give for
 * them (`"true"`, yes, 1, on, opted in, …). Anything else is an error naming the field, never a
 * quiet false: a consent or an email to the guest would be withdrawn unasked.
 */
export function yesNo(node: INode, itemIndex: number, field: string, value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	const text = typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : value;
	if (typeof text === 'string' || typeof text === 'number') {
		if (YES.test(String(text))) return true;
		if (NO.test(String(text))) return false;
	}
	throw new NodeOperationError(node, `${field} "${String(value)}" is not true or false`, {
		itemIndex,
		description: 'Use true or false, yes or no, 1 or 0.',
	});
}
