import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, ResourceMapperField } from 'n8n-workflow';

import { calendarDate, toUtcIso } from '../../helpers/time';
import { yesNo } from '../../shared/validation';
import { authenticationOf } from '../../transport';
import { mappedFields, mapperIdOf } from './fields';
import type { MappedField, MappingTarget } from './fields';
import { joinDateColumns } from './dateColumns';
import type { JoinedDate } from './dateColumns';
import { autoMap, isEmpty } from './match';

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

function invalid(context: IExecuteFunctions, itemIndex: number, message: string, hint: string) {
	return new NodeOperationError(context.getNode(), message, { itemIndex, description: hint });
}

/** One field's value as the operations take it; anything unreadable names the field (and column). */
function converted(
	context: IExecuteFunctions,
	itemIndex: number,
	field: MappedField,
	value: unknown,
	label: string,
	autoMapped: boolean,
): IDataObject[string] {
	const text = typeof value === 'string' ? value.trim() : value;
	switch (field.type) {
		case 'boolean':
			return yesNo(context.getNode(), itemIndex, label, value);
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
			toUtcIso(context.getNode(), text, {
				field: label,
				zone: 'utc',
				itemIndex,
				noDate: autoMapped
					? 'Add the date in a column named Date (YYYY-MM-DD) beside it, or give a full date-time such as 2027-07-04T19:30.'
					: 'Give a full date-time such as 2027-07-04T19:30, e.g. {{ $json.Date }}T{{ $json.Time }} for the Date and Time columns of a sheet.',
			});
			return text as IDataObject[string];
		default:
			if (field.id === 'birthday' || field.id === 'anniversary')
				// A date picker's or sheet's date-time: its date.
				return (calendarDate(text) ?? text) as IDataObject[string];
			return typeof text === 'number' || typeof text === 'boolean'
				? String(text)
				: (text as IDataObject[string]);
	}
}

const reported = new WeakMap<IExecuteFunctions, Set<string>>();

/** Whether this run has not said `key` yet (each hint is given once per run). */
function firstTime(context: IExecuteFunctions, key: string): boolean {
	let seen = reported.get(context);
	if (!seen) reported.set(context, (seen = new Set()));
	if (seen.has(key)) return false;
	seen.add(key);
	return true;
}

const hint = (context: IExecuteFunctions, message: string) =>
	context.addExecutionHints({ message, type: 'info', location: 'outputPane' });

/** Tells the user once per run which input columns Map Automatically left out. */
function reportIgnored(context: IExecuteFunctions, columns: string[]) {
	const fresh = columns.filter((column) => firstTime(context, `ignored:${column}`));
	if (!fresh.length) return;
	const them = fresh.length === 1 ? 'it' : 'them';
	hint(
		context,
		`Map Automatically ignored ${fresh.length === 1 ? 'the input column' : `${fresh.length} input columns`} ${fresh.map((column) => `"${column}"`).join(', ')}: no SevenRooms field has that name, or another column already fills the field. Rename ${them} (e.g. with an Edit Fields node) or map the fields manually to use ${them}.`,
	);
}

/** Tells the user once per run which date and time columns Map Automatically joined. */
function reportJoined(
	context: IExecuteFunctions,
	fields: MappedField[],
	joined: Record<string, JoinedDate>,
) {
	for (const field of fields) {
		const columns = joined[field.id]?.columns;
		if (!columns || !firstTime(context, `joined:${field.id}:${columns.join('|')}`)) continue;
		hint(
			context,
			`Map Automatically joined the date of the column "${columns[0]}" and the time of the column "${columns[1]}" into ${field.displayName}.`,
		);
	}
}

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
	const autoMapped = columns.mappingMode === 'autoMapInputData';
	let raw: IDataObject = {};
	let columnOf: Record<string, string> = {};
	let joined: Record<string, JoinedDate> = {};
	if (autoMapped) {
		const mapped = autoMap(context.getInputData()[itemIndex]?.json ?? {}, fields);
		joined = joinDateColumns(context, itemIndex, fields, mapped);
		raw = mapped.values;
		columnOf = mapped.columns;
		reportIgnored(context, mapped.ignored);
		reportJoined(context, fields, joined);
	} else {
		const value = columns.value ?? {};
		for (const field of fields) raw[field.id] = value[mapperIdOf(field)] ?? value[field.id];
	}
	const values: IDataObject = {};
	const labels: Record<string, string> = {};
	for (const field of fields) {
		labels[field.id] =
			joined[field.id]?.label ??
			(columnOf[field.id]
				? `${field.displayName} (column "${columnOf[field.id]}")`
				: field.displayName);
		if (isEmpty(raw[field.id])) continue;
		values[field.id] = converted(
			context,
			itemIndex,
			field,
			raw[field.id],
			labels[field.id],
			autoMapped,
		);
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
