import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * The node as an AI tool (`sevenRoomsTool`, which n8n makes of every `usableAsTool` node for its AI
 * Agent and MCP Server Trigger): which parameters a model fills by default, and the small answers
 * a model reads. A tool call runs the node with the model's arguments as its one input item.
 */

/** Whether this run is a tool call of an AI Agent or MCP client (the tool variant of the node). */
export function isToolCall(context: Pick<IExecuteFunctions, 'getNode'>): boolean {
	return context.getNode().type.endsWith('Tool');
}

/** n8n's mark for "defined automatically by the model": the editor shows such a field so. */
const FROM_AI_MARKER = '/*n8n-auto-generated-fromAI-override*/';

/**
 * A `$fromAI()` expression: the model supplies `key`, told what it is; with `fallback` the model
 * may leave it out (the tool's input schema marks it optional).
 */
export function fromAi(
	key: string,
	about: string,
	type: 'string' | 'number' | 'boolean' | 'json' = 'string',
	fallback?: string | number,
): string {
	const args = [`'${key}'`, `\`${about.replace(/[`\\]/g, '')}\``, `'${type}'`];
	if (fallback !== undefined)
		args.push(typeof fallback === 'number' ? String(fallback) : `'${fallback.replace(/'/g, '')}'`);
	return `={{ ${FROM_AI_MARKER} $fromAI(${args.join(', ')}) }}`;
}

/**
 * A parameter as the node shows it, and in the tool variant filled by the model (`$fromAI`), so a
 * SevenRooms tool dropped on an agent works before anyone touches it. The user may still set it.
 */
export function filledByModel(
	property: INodeProperties,
	key: string,
	about: string,
	options: { type?: 'string' | 'number'; optional?: boolean } = {},
): INodeProperties[] {
	const expression = fromAi(key, about, options.type, options.optional ? '' : undefined);
	const when = (tool: boolean) => ({
		...property.displayOptions,
		show: { ...property.displayOptions?.show, '@tool': [tool] },
	});
	return [
		{ ...property, displayOptions: when(false) },
		{
			...property,
			default:
				property.type === 'resourceLocator'
					? { __rl: true, mode: 'id', value: expression }
					: expression,
			displayOptions: when(true),
		},
	];
}

export const RESERVATION_ID_ABOUT =
	'The id of the reservation, as booking returned it, e.g. res_000123';

const pick = (object: IDataObject, fields: string[]): IDataObject =>
	Object.fromEntries(
		fields
			.filter(
				(field) => object[field] !== undefined && object[field] !== null && object[field] !== '',
			)
			.map((field) => [field, object[field]]),
	);

const nameOf = (object: IDataObject) => {
	const guest = (typeof object.guest === 'object' && object.guest) || object;
	const { first_name: first, last_name: last } = guest as IDataObject;
	return [first, last].filter((part) => typeof part === 'string' && part.trim()).join(' ') || null;
};

/** A reservation as a model needs it: who, when (venue time), how many, its state. */
export function compactReservation(reservation: IDataObject): IDataObject {
	return {
		...pick(reservation, ['id', 'reference_code', 'status', 'venue_id', 'start_time_local']),
		...pick(reservation, ['start_time', 'party_size', 'duration_minutes', 'guest_id']),
		...(nameOf(reservation) ? { guest_name: nameOf(reservation) } : {}),
		...pick(reservation, ['notes', 'tags', 'table_numbers', 'idempotent_replay']),
		...(reservation.idempotent_replay
			? {
					note: 'This reservation already existed (the same guest, time and party size were booked before); nothing was booked twice.',
				}
			: {}),
	};
}

/** A guest as a model needs it: who it is and how to reach them, nothing else of the profile. */
export function compactGuest(guest: IDataObject): IDataObject {
	return pick(guest, [
		'found',
		'id',
		'first_name',
		'last_name',
		'email',
		'phone',
		'visit_count',
		'loyalty_tier',
		'upsert_action',
		'message',
	]);
}

/** What a tool call answers per operation: small objects instead of the API's whole records. */
export function toolAnswerShape(
	resource: string,
	operation: string,
): ((object: IDataObject) => IDataObject) | undefined {
	if (resource === 'reservation' && operation !== 'checkAvailability') return compactReservation;
	if (resource === 'guest' && !['delete', 'removePersonalData'].includes(operation))
		return compactGuest;
	return undefined;
}
