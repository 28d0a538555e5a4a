import type { IDataObject } from 'n8n-workflow';

import type { MappedField } from './fields';

/**
 * Map Automatically: input columns matched to fields by name, tolerating the spellings exports
 * use. A name is compared as its letters and digits only, lower case and without accents, so
 * `First Name`, `first_name`, `firstName`, `FIRST-NAME` are one name, as are `E-mail` and `email`.
 * A column matches a field by its id, its display name or one of its aliases, in that order of
 * preference: where two columns match one field, the better match wins (`email` over `E-mail
 * Address`), then the first that has a value; the other is ignored and said so. A date-time
 * field's date column (`dateColumns`) is matched as `<id>#date`, as an alias is.
 */

/** The key of a date-time field's date column in `AutoMapped`: `start_time#date`. */
export const datePartOf = (id: string) => `${id}#date`;

export function columnKey(name: string): string {
	return name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '');
}

interface Hit {
	id: string;
	/** 0: the field's id, 1: its display name, 2: an alias */
	rank: number;
}

const indexes = new WeakMap<MappedField[], Map<string, Hit>>();

function indexOf(fields: MappedField[]): Map<string, Hit> {
	let index = indexes.get(fields);
	if (index) return index;
	index = new Map();
	const add = (id: string, name: string, rank: number) => {
		const key = columnKey(name);
		const taken = index?.get(key);
		if (key && (!taken || rank < taken.rank)) index?.set(key, { id, rank });
	};
	for (const field of fields) {
		const names = [field.id, field.displayName, ...field.aliases];
		names.forEach((name, position) => add(field.id, name, Math.min(position, 2)));
		for (const name of field.dateColumns ?? []) add(datePartOf(field.id), name, 2);
	}
	indexes.set(fields, index);
	return index;
}

export const isEmpty = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

export interface AutoMapped {
	/** field id (or a date column's `<id>#date`) → the value of the column mapped to it */
	values: IDataObject;
	/** field id → the input column it came from */
	columns: Record<string, string>;
	/** input columns that fill no field */
	ignored: string[];
}

/** One input item's columns as field values. */
export function autoMap(json: IDataObject, fields: MappedField[]): AutoMapped {
	const index = indexOf(fields);
	const chosen = new Map<string, { column: string; rank: number }>();
	const ignored: string[] = [];
	for (const [column, value] of Object.entries(json)) {
		const hit = index.get(columnKey(column));
		if (!hit) {
			ignored.push(column);
			continue;
		}
		const previous = chosen.get(hit.id);
		const better =
			!previous ||
			hit.rank < previous.rank ||
			(hit.rank === previous.rank && isEmpty(json[previous.column]) && !isEmpty(value));
		if (!better) {
			ignored.push(column);
			continue;
		}
		if (previous) ignored.push(previous.column);
		chosen.set(hit.id, { column, rank: hit.rank });
	}
	const values: IDataObject = {};
	const columns: Record<string, string> = {};
	for (const [id, { column }] of chosen) {
		values[id] = json[column];
		columns[id] = column;
	}
	return { values, columns, ignored };
}
