import type { INodeProperties, ResourceMapperTypeOptions } from 'n8n-workflow';

import type { MappingTarget } from './fields';

const MODES: Record<MappingTarget, ResourceMapperTypeOptions['mode']> = {
	guestCreate: 'add',
	guestUpsert: 'upsert',
	// The guest to update is the Guest parameter; the mapper only carries the changes.
	guestUpdate: 'map',
	reservationCreate: 'add',
};

/**
 * What Map Automatically really does (see match.ts), right under n8n's own notice in the mapper,
 * which asks for input columns named exactly as the fields, renamed with an Edit Fields node if
 * need be. Its examples are fields every mapped operation has.
 */
export const AUTO_MAP_NOTICE =
	'No need to rename columns: Map Automatically matches each input column to a field by its name, however it is written. Case, spaces, dashes and underscores make no difference (First Name, first_name, firstName), and common other names count too (E-mail, Mobile, Cell, Surname). Columns that fit no field are left out and listed in a hint above the output.';

const autoMapNotice: INodeProperties = {
	displayName: AUTO_MAP_NOTICE,
	name: 'autoMapNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { '/columns.mappingMode': ['autoMapInputData'] } },
};

/** The mapper itself. */
function columnsProperty(target: MappingTarget): INodeProperties {
	return {
		displayName: 'Fields',
		name: 'columns',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			loadOptionsDependsOn: ['authentication', 'resource', 'operation'],
			resourceMapper: {
				resourceMapperMethod: 'getMappingColumns',
				mode: MODES[target],
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: true,
				multiKeyMatch: true,
				supportAutoMap: true,
				matchingFieldsLabels: {
					title: 'Match Guests On',
					description:
						'A guest with the same value is updated, looked for by each field in the order chosen; without one a guest is created',
					hint: 'Email, Phone, or both (Email first finds the guest by email, then by phone)',
				},
			},
		},
	};
}

/**
 * Node version 2's `columns` parameter for one operation: Map Each Column Manually (the default,
 * as in n8n's own nodes) or Map Automatically, the fields from `getMappingColumns` (the
 * operation's schema on the node's API); then, in Map Automatically, the node's own notice.
 */
export function mapperProperties(target: MappingTarget): INodeProperties[] {
	return [columnsProperty(target), autoMapNotice];
}
