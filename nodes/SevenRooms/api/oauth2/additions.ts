import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequestObject } from '../../transport';

/**
 * Update fields that add to what a guest or reservation has (actions/additions.ts), on the OAuth2
 * API: its PATCH replaces lists and texts, so the object is read first and the merged value sent
 * (a change another app makes between the read and the write can be overwritten).
 */

function tagList(value: unknown): string[] {
	if (Array.isArray(value)) {
		// Tags may come back as strings or as objects with a name.
		return value
			.map((tag) => (typeof tag === 'object' && tag !== null ? (tag as IDataObject).name : tag))
			.map((tag) => String(tag ?? '').trim())
			.filter(Boolean);
	}
	return String(value ?? '')
		.split(',')
		.map((tag) => tag.trim())
		.filter(Boolean);
}

/**
 * The PATCH body with the additions merged into what the object at `path` has now. Replacing and
 * adding the same thing (Tags with Add Tags, Notes with Append to Notes) is refused as unclear.
 */
export async function withAdditions(
	context: IExecuteFunctions,
	path: string,
	body: IDataObject,
	add: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	if (!Object.keys(add).length) return body;
	const node = context.getNode();
	const both = (replaced: string, added: string) =>
		new NodeOperationError(node, `Use either ${replaced} or ${added}, not both`, {
			itemIndex,
			description: `${replaced} replaces what is there; ${added} keeps it and adds to it.`,
		});
	if (body.tags !== undefined && (add.addTags || add.removeTags))
		throw both('Tags', 'Add Tags/Remove Tags');
	if (body.notes !== undefined && add.appendNotes) throw both('Notes', 'Append to Notes');

	const current = await apiRequestObject.call(context, 'GET', path, { itemIndex });
	const merged: IDataObject = { ...body };
	if (add.addTags || add.removeTags) {
		const removed = new Set(tagList(add.removeTags));
		const tags = [...tagList(current.tags), ...tagList(add.addTags)].filter(
			(tag) => !removed.has(tag),
		);
		merged.tags = [...new Set(tags)];
	}
	if (add.appendNotes) {
		const existing = typeof current.notes === 'string' ? current.notes.trim() : '';
		merged.notes = [existing, String(add.appendNotes).trim()].filter(Boolean).join('\n');
	}
	return merged;
}
