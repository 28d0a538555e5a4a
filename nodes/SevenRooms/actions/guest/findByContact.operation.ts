import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { defaultPhoneCountry, toE164 } from '../../helpers/phone';
import { apiOf } from '../../api';
import type { GuestFilters } from '../../api';
import { collection, defaultPhoneCountryOption } from '../../shared/descriptions';
import { filledByModel } from '../tool';

/**
 * The guest with exactly this email or phone: the lookup a guest-facing assistant makes. Never by
 * name (two Ana Garcías are two people), and only exact matches come back, whatever a server's
 * own filter lets through, so a lookup can't show one guest another's profile.
 */
export const description = updateDisplayOptions(
	{ show: { resource: ['guest'], operation: ['findByContact'] } },
	[
		...filledByModel(
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Looked for first, exactly (any case)',
			},
			'email',
			"The guest's email address, exactly as they gave it; empty if you only have their phone",
			{ optional: true },
		),
		...filledByModel(
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				default: '',
				placeholder: 'e.g. +14155552671',
				description: 'Looked for when no guest has the email; any common format, matched in E.164',
			},
			'phone',
			"The guest's phone number with its country code, e.g. +44 20 7946 0958; empty if you only have their email",
			{ optional: true },
		),
		collection('Options', 'options', 'Add Option', [defaultPhoneCountryOption]),
	],
);

const digits = (value: unknown) => String(value ?? '').replace(/\D/g, '');

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const node = this.getNode();
	const email = String(this.getNodeParameter('email', itemIndex, '') ?? '').trim();
	const phoneText = String(this.getNodeParameter('phone', itemIndex, '') ?? '').trim();
	if (!email && !phoneText) {
		throw new NodeOperationError(node, "Give the guest's email address or phone number", {
			itemIndex,
			description: 'Guests are found by their email or phone only, never by name.',
		});
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const phone = phoneText
		? toE164(node, phoneText, {
				field: 'Phone',
				defaultCountry: defaultPhoneCountry(node, options, itemIndex),
				itemIndex,
			})
		: undefined;
	const guests = apiOf(this).guests;
	const lookups: Array<[GuestFilters, (guest: IDataObject) => boolean]> = [];
	if (email)
		lookups.push([
			{ email },
			(guest) => String(guest.email ?? '').toLowerCase() === email.toLowerCase(),
		]);
	if (phone)
		lookups.push([
			{ phone },
			(guest) => digits(guest.phone ?? guest.phone_number) === digits(phone),
		]);
	for (const [filters, exact] of lookups) {
		const found = (await guests.list(this, filters, { limit: 50, itemIndex })).filter(exact);
		if (found.length) return found.map((guest) => ({ found: true, ...guest }));
	}
	return [
		{
			found: false,
			message: `No guest has ${[email && `the email ${email}`, phone && `the phone ${phone}`]
				.filter(Boolean)
				.join(' or ')}: this is a new guest.`,
		},
	];
}
