import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { yesNo } from '../../shared/validation';
import { apiRequest, apiRequestObject, nodeErrorOf } from '../../transport';
import type { Additions } from '../types';
import { guestOf, tagNames } from './shapes';

/** A guest body (the OAuth2 API's field names) as API 2.4's client fields, and client updates. */

const clientPath = (id: string) => `/clients/${encodeURIComponent(id)}`;

/** Guest fields of the OAuth2 API that API 2.4's clients have no field for. */
const NO_2_4_FIELD: Record<string, string> = {
	anniversary: 'Anniversary',
	dietary_notes: 'Dietary Notes',
	preferences: 'Preferences (JSON)',
	sms_opt_in: 'SMS Opt-In',
};

function noField(context: IExecuteFunctions, field: string, itemIndex: number) {
	return new NodeOperationError(context.getNode(), `${field} has no field in SevenRooms API 2.4`, {
		itemIndex,
		description: `Remove ${field}, or use the OAuth2 API (Authentication) for it.`,
	});
}

/** The client form of a guest body (the OAuth2 API's field names); tags are handled apart. */
export function clientForm(
	context: IExecuteFunctions,
	body: IDataObject,
	itemIndex: number,
): IDataObject {
	const form: IDataObject = {};
	for (const [key, value] of Object.entries(body)) {
		if (NO_2_4_FIELD[key]) throw noField(context, NO_2_4_FIELD[key], itemIndex);
		if (key === 'tags') continue;
		if (key === 'phone') form.phone_number = value;
		else if (key === 'email_opt_in')
			form.venue_group_marketing_opt_in = yesNo(
				context.getNode(),
				itemIndex,
				'Email Opt-In',
				value,
			);
		else if (key === 'birthday') {
			// 2.4 keeps a birthday's day and month, no year.
			const [month, day] = String(value).slice(-5).split('-');
			form.birthday_month = Number(month);
			form.birthday_day = Number(day);
		} else form[key] = value;
	}
	return form;
}

function both(context: IExecuteFunctions, replaced: string, added: string, itemIndex: number) {
	return new NodeOperationError(context.getNode(), `Use either ${replaced} or ${added}, not both`, {
		itemIndex,
		description: `${replaced} replaces what is there; ${added} keeps it and adds to it.`,
	});
}

/**
 * One client's `POST /clients/updates`: a JSON list (the contract leaves the encoding open; its
 * sibling `/reservations/updates` takes JSON); a server that refuses it (400, 415) gets the one
 * client as a form. Tags go as `add_tags`/`remove_tags`: Tags (replace) become the difference.
 */
export async function updateClient(
	context: IExecuteFunctions,
	id: string,
	body: IDataObject,
	add: Additions,
	itemIndex: number,
): Promise<void> {
	const { tags, notes } = body;
	if (tags !== undefined && (add.addTags || add.removeTags))
		throw both(context, 'Tags', 'Add Tags/Remove Tags', itemIndex);
	if (notes !== undefined && add.appendNotes)
		throw both(context, 'Notes', 'Append to Notes', itemIndex);
	const item: IDataObject = { client_id: id, ...clientForm(context, body, itemIndex) };
	const added = tagNames(
		String(add.addTags ?? '')
			.split(',')
			.map((tag) => tag.trim()),
	);
	const removed = tagNames(
		String(add.removeTags ?? '')
			.split(',')
			.map((tag) => tag.trim()),
	);
	if (tags !== undefined || add.appendNotes) {
		const current = guestOf(
			await apiRequestObject.call(context, 'GET', clientPath(id), { itemIndex }),
		);
		if (Array.isArray(tags)) {
			const have = current.tags as string[];
			added.push(...(tags as string[]).filter((tag) => !have.includes(tag)));
			removed.push(...have.filter((tag) => !(tags as string[]).includes(tag)));
		}
		if (add.appendNotes) {
			const existing = typeof current.notes === 'string' ? current.notes.trim() : '';
			item.notes = [existing, String(add.appendNotes).trim()].filter(Boolean).join('\n');
		}
	}
	if (added.length) item.add_tags = added;
	if (removed.length) item.remove_tags = removed;
	try {
		await apiRequest.call(context, 'POST', '/clients/updates', {
			body: [item],
			encoding: 'json',
			itemIndex,
		});
	} catch (error) {
		const status = (error as { httpCode?: string }).httpCode;
		if (status !== '400' && status !== '415')
			throw nodeErrorOf(context.getNode(), error, itemIndex);
		try {
			await apiRequest.call(context, 'POST', '/clients/updates', { body: item, itemIndex });
		} catch {
			throw nodeErrorOf(context.getNode(), error, itemIndex);
		}
	}
}
