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
 * Node version 2's `columns` parameter for one operation: Map Each Column Manually (the default,
 * as in n8n's own nodes) or Map Automatically, the fields from `getMappingColumns` (the
 * operation's schema on the node's API).
 */
export function columnsProperty(target: MappingTarget): INodeProperties {
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
