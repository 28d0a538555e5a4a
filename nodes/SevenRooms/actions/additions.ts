import type { IDataObject, INodeProperties } from 'n8n-workflow';

/**
 * Update fields that add to what a guest or reservation has instead of replacing it, so a workflow
 * that tags a guest can't wipe their notes or other tags. The API's PATCH replaces lists and
 * texts, so the api/ layer reads the object first and sends the merged value
 * (api/oauth2/additions.ts; API 2.4 in its own guest and reservation updates).
 */
export const additionFieldOptions: INodeProperties[] = [
	{
		displayName: 'Add Tags',
		name: 'addTags',
		type: 'string',
		default: '',
		placeholder: 'e.g. vip, upcoming-reservation',
		description:
			'Comma-separated tags to add; the tags already there stay. API 2.4: each as Tag Group:Tag Name.',
	},
	{
		displayName: 'Append to Notes',
		name: 'appendNotes',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'Text added on a new line after the notes already there, which stay',
	},
	{
		displayName: 'Remove Tags',
		name: 'removeTags',
		type: 'string',
		default: '',
		placeholder: 'e.g. waitlisted',
		description:
			'Comma-separated tags to remove; the other tags stay. API 2.4: each as Tag Group:Tag Name.',
	},
];

const ADDITION_FIELDS = additionFieldOptions.map((option) => option.name);

/** The update fields without the additions, and the additions apart. */
export function splitAdditions(fields: IDataObject): { replace: IDataObject; add: IDataObject } {
	const replace: IDataObject = {};
	const add: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (ADDITION_FIELDS.includes(key)) {
			if (value !== '' && value !== undefined && value !== null) add[key] = value;
		} else replace[key] = value;
	}
	return { replace, add };
}
