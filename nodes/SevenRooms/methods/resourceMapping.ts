import type {
	FieldType,
	ILoadOptionsFunctions,
	INodePropertyOptions,
	ResourceMapperField,
	ResourceMapperFields,
} from 'n8n-workflow';

import { mappedFields, mapperIdOf } from '../actions/mapping';
import type { MappedField, MappingTarget } from '../actions/mapping';
import { fromAi } from '../actions/tool';
import { authenticationOf } from '../transport';

const TARGETS: Record<string, MappingTarget> = {
	'guest:create': 'guestCreate',
	'guest:upsert': 'guestUpsert',
	'guest:update': 'guestUpdate',
	'reservation:create': 'reservationCreate',
};

/**
 * Yes/no fields (the opt-ins) as a choice that can stay empty. n8n draws a boolean as a switch,
 * and a switch has no "not set": the editor stores it as false (element-plus sets an unset switch
 * to its off value), which would withdraw every mapped guest's marketing consent unasked.
 */
const YES_NO: INodePropertyOptions[] = [
	{ name: 'Yes', value: true },
	{ name: 'No', value: false },
];

/**
 * How the mapper draws a field. A yes/no field is a choice (see YES_NO); a JSON object is a text
 * box: n8n's JSON editor marks an empty one as an error, and empty is valid (nothing is sent). The
 * node reads the text as JSON when it runs, and names the field when it is not.
 */
function mapperType(field: MappedField): FieldType {
	if (field.type === 'boolean') return 'options';
	if (field.type === 'object') return 'string';
	return field.type;
}

/** Where the mapper marks what the API needs up front (Create or Update may only update). */
const REQUIRING: MappingTarget[] = ['guestCreate', 'reservationCreate'];

const AI_TYPES: Partial<Record<string, 'boolean' | 'number' | 'json'>> = {
	boolean: 'boolean',
	number: 'number',
	object: 'json',
};

/**
 * What the AI tool variant pre-fills a field with: the model supplies it, told what it is (n8n's
 * own "defined automatically by the model" form, so the editor shows it as such). A text field the
 * operation can do without may be left out by the model; other optional fields (opt-ins, numbers,
 * preferences) start removed, so a model never sets a guest's consent or a booking's tables
 * unasked: the user adds them back to let it.
 */
function forModel(field: MappedField, required: boolean): Partial<ResourceMapperField> {
	const type = AI_TYPES[field.type];
	if (!required && type) return { removed: true };
	return { defaultValue: fromAi(field.id, field.about, type, required ? undefined : '') };
}

/**
 * The fields of the operation on the node's API (its Authentication): static schemas, so the
 * mapper opens without a credential or a request. API 2.4's client custom fields are not among
 * them: the contract's client fields list none, and neither creating nor updating a client takes
 * any (docs/column-mapper.md).
 */
export async function getMappingColumns(
	this: ILoadOptionsFunctions,
): Promise<ResourceMapperFields> {
	const resource = String(this.getNodeParameter('resource', 'guest'));
	const operation = String(this.getNodeParameter('operation', ''));
	const target = TARGETS[`${resource}:${operation}`];
	if (!target) return { fields: [] };
	const api = authenticationOf(this);
	const forTool = this.getNode().type.endsWith('Tool');
	const fields = mappedFields(target, api).map((field): ResourceMapperField => {
		const required = REQUIRING.includes(target) && Boolean(field.requiredOn?.includes(api));
		return {
			id: mapperIdOf(field),
			displayName: field.displayName,
			type: mapperType(field),
			options: field.type === 'boolean' ? YES_NO : undefined,
			required,
			defaultMatch: target === 'guestUpsert' && field.id === 'email',
			canBeUsedToMatch: target === 'guestUpsert' && field.canMatch === true,
			display: true,
			// A choice left alone sends nothing (never "false": an opt-in withdrawn by an untouched field).
			defaultValue: field.type === 'boolean' ? null : undefined,
			...(forTool ? forModel(field, required) : {}),
		};
	});
	return { fields };
}
