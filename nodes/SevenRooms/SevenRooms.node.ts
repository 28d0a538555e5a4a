import { VersionedNodeType } from 'n8n-workflow';
import type { INodeTypeBaseDescription, IVersionedNodeType } from 'n8n-workflow';

import { SevenRoomsV1 } from './v1/SevenRoomsV1';
import { SevenRoomsV2 } from './v2/SevenRoomsV2';

/**
 * The action node. Version 2 (the default for new nodes) maps guest and reservation fields with
 * n8n's resource mapper; version 1 keeps the parameters of workflows saved before it.
 */
export class SevenRooms extends VersionedNodeType {
	constructor() {
		const baseDescription: INodeTypeBaseDescription = {
			displayName: 'SevenRooms',
			name: 'sevenRooms',
			icon: {
				light: 'file:../../icons/sevenrooms.svg',
				dark: 'file:../../icons/sevenrooms.dark.svg',
			},
			group: ['transform'],
			description:
				'Create and update guests, book and change reservations, run the waitlist and read venues in SevenRooms',
			defaultVersion: 2,
		};
		const nodeVersions: IVersionedNodeType['nodeVersions'] = {
			1: new SevenRoomsV1(baseDescription),
			2: new SevenRoomsV2(baseDescription),
		};
		super(nodeVersions, baseDescription);
	}
}
