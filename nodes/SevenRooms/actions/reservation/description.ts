import type { INodeProperties } from 'n8n-workflow';

/** Reservation fields a user can set on Create (as additional fields) and Update. */
export const reservationFieldOptions: INodeProperties[] = [
	{
		displayName: 'Duration (Minutes)',
		name: 'durationMinutes',
		type: 'number',
		typeOptions: { minValue: 15 },
		default: 90,
	},
	{ displayName: 'Notes', name: 'notes', type: 'string', typeOptions: { rows: 2 }, default: '' },
	{
		displayName: 'Table Names or IDs',
		name: 'tableIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getTables', loadOptionsDependsOn: ['venue.value'] },
		default: [],
		description:
			'Tables to seat the party at (API 2.4: table numbers); without them SevenRooms picks a free table. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		placeholder: 'e.g. anniversary, window',
		description: 'Comma-separated tags',
	},
];
