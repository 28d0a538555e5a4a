import { DateTime } from 'luxon';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, ResourceMapperField } from 'n8n-workflow';

import { toUtcIso } from '../../helpers/time';
import { authenticationOf } from '../../transport';
import { mappedFields, mapperIdOf } from './fields';
import type { MappedField, MappingTarget } from './fields';
import { autoMap } from './match';

/** Node version 2 takes these operations' fields from the `columns` resource mapper. */
export function usesMapper(context: IExecuteFunctions): boolean {
	return context.getNode().typeVersion >= 2;
}

export interface MappedItem {
	/** field id → value, empty ones left out, booleans and numbers converted */
	values: IDataObject;
	/** field id → its name in errors: `Phone`, or `Phone (column "Mobile")` when auto-mapped */
	labels: Record<string, string>;
	/** Create or Update: the fields to find the guest by, in the order chosen */
	matchOn: string[];
}

interface ColumnsValue {
	mappingMode?: string;
	value?: IDataObject | null;
	matchingColumns?: string[];
	schema?: ResourceMapperField[];
}

const TRUE = /^(true|yes|y|1|on|x|opted in|subscribed)$/i;
const FALSE = /^(false|no|n|0|off|opted out|unsubscribed)$/i;

function invalid(context: IExecuteFunctions, itemIndex: number, message: string, hint: string) {
	return new NodeOperationError(context.getNode(), message, { itemIndex, description: hint });
}

/** A date picker's or sheet's date-time as the date the guest fields take (YYYY-MM-DD). */
function dateOnly(value: unknown): unknown {
	if (DateTime.isDateTime(value)) return value.toISODate();
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}[T ]/.test(value.trim()))
		return value.trim().slice(0, 10);
	return value;
}

/** One field's value as the operations take it; anything unreadable names the field (and column). */
function converted(
	context: IExecuteFunctions,
	itemIndex: number,
	field: MappedField,
	value: unknown,
	label: string,
): IDataObject[string] {
	const text = typeof value === 'string' ? value.trim() : value;
	switch (field.type) {
		case 'boolean':
			if (typeof text === 'boolean') return text;
			if (TRUE.test(String(text))) return true;
			if (FALSE.test(String(text))) return false;
			throw invalid(
				context,
				itemIndex,
				`${label} "${String(value)}" is not true or false`,
				'Use true or false, yes or no, 1 or 0.',
			);
		case 'number': {
			const number = typeof text === 'number' ? text : Number(text);
			if (typeof text === 'boolean' || !Number.isFinite(number))
				throw invalid(
					context,
					itemIndex,
					`${label} "${String(value)}" is not a number`,
					field.about,
				);
			return number;
		}
		case 'dateTime':
			// Read here only to name the column when it is no date; the operation reads it in the
			// venue's zone.
			toUtcIso(context.getNode(), text, { field: label, zone: 'utc', itemIndex });
			return text as IDataObject[string];
		default:
			if (field.id === 'birthday' || field.id === 'anniversary')
				return dateOnly(text) as IDataObject[string];
			return typeof text === 'number' || typeof text === 'boolean'
				? String(text)
				: (text as IDataObject[string]);
	}
}

const reported = new WeakMap<IExecuteFunctions, Set<string>>();

/** Tells the user once per run which input columns Map Automatically left out. */
function reportIgnored(context: IExecuteFunctions, columns: string[]) {
	let seen = reported.get(context);
	if (!seen) reported.set(context, (seen = new Set()));
	const fresh = columns.filter((column) => !seen.has(column));
	if (!fresh.length) return;
	for (const column of fresh) seen.add(column);
	const them = fresh.length === 1 ? 'it' : 'them';
	context.addExecutionHints({
		message: `Map Automatically ignored ${fresh.length === 1 ? 'the input column' : `${fresh.length} input columns`} ${fresh.map((column) => `"${column}"`).join(', ')}: no SevenRooms field has that name, or another column already fills the field. Rename ${them} (e.g. with an Edit Fields node) or map the fields manually to use ${them}.`,
		type: 'info',
		location: 'outputPane',
	});
}

const isEmpty = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** One item's mapped fields: from its input columns (Map Automatically) or the fields set below. */
export function readMapped(
	context: IExecuteFunctions,
	itemIndex: number,
	target: MappingTarget,
): MappedItem {
	const columns = context.getNodeParameter('columns', itemIndex, {}) as ColumnsValue;
	// The mapper keys fields by mapper id (`Email`); a workflow saved before that used the field id.
	const keys = (field: MappedField) => [mapperIdOf(field), field.id];
	const removed = new Set(
		(columns.schema ?? []).filter((field) => field.removed).map((field) => field.id),
	);
	const fields = mappedFields(target, authenticationOf(context)).filter(
		(field) => !keys(field).some((key) => removed.has(key)),
	);
	let raw: IDataObject = {};
	let columnOf: Record<string, string> = {};
	if (columns.mappingMode === 'autoMapInputData') {
		const mapped = autoMap(context.getInputData()[itemIndex]?.json ?? {}, fields);
		raw = mapped.values;
		columnOf = mapped.columns;
		reportIgnored(context, mapped.ignored);
	} else {
		const value = columns.value ?? {};
		for (const field of fields) raw[field.id] = value[mapperIdOf(field)] ?? value[field.id];
	}
	const values: IDataObject = {};
	const labels: Record<string, string> = {};
	for (const field of fields) {
		labels[field.id] = columnOf[field.id]
			? `${field.displayName} (column "${columnOf[field.id]}")`
			: field.displayName;
		if (isEmpty(raw[field.id])) continue;
		values[field.id] = converted(context, itemIndex, field, raw[field.id], labels[field.id]);
	}
	const matchOn = [
		...new Set(
			(columns.matchingColumns ?? []).flatMap((key) =>
				fields.filter((field) => field.canMatch && keys(field).includes(key)).map(({ id }) => id),
			),
		),
	];
	return { values, labels, matchOn };
}
