import type { FieldType } from 'n8n-workflow';

import type { Authentication } from '../../shared/contract';

/**
 * The fields node version 2 maps (Guest → Create, Update, Create or Update; Reservation →
 * Create), one schema per API. `id` is the key in the mapped value and what an input column
 * with the same name fills; `aliases` are other spellings a sheet, CSV, POS or form export uses
 * (compared after `columnKey`, so `First Name`, `first_name` and `firstName` are one spelling).
 * `about` is the field's description: the AI tool variant's `$fromAI` text and the hint in errors.
 */
export interface MappedField {
	id: string;
	displayName: string;
	type: FieldType;
	about: string;
	aliases: string[];
	/** the APIs that have the field; all when absent */
	apis?: Authentication[];
	/** needed to create on these APIs (marked required on Create) */
	requiredOn?: Authentication[];
	/** offered as a column to match guests on (Create or Update) */
	canMatch?: boolean;
	/**
	 * A date-time field: names of a column that holds its date alone, as exports keep a date and a
	 * time in two columns. Map Automatically joins such a column with a time-of-day value.
	 */
	dateColumns?: string[];
	/**
	 * The field's id in n8n's column mapper, where it differs from `id`. n8n's Match On select
	 * shows a chosen field by its mapper id (its options carry no label), so the fields one can
	 * match on go by their display name there: `Email`, not `email`.
	 */
	mapperId?: string;
}

/** The key of a field in the column mapper's schema, values and match columns. */
export const mapperIdOf = (field: MappedField): string => field.mapperId ?? field.id;

export type MappingTarget = 'guestCreate' | 'guestUpsert' | 'guestUpdate' | 'reservationCreate';
