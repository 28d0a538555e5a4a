import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeBaseDescription,
	INodeTypeDescription,
} from 'n8n-workflow';

import { router } from '../actions/router';
import { versionDescription } from '../actions/versionDescription';
import { listSearch, loadOptions, resourceMapping } from '../methods';

/**
 * Version 2: guest and reservation fields through the resource mapper (see actions/mapping). Not a
 * `.node.ts` file: n8n loads the versioned SevenRooms.node.ts, whose base description has the icon.
 */
export class SevenRoomsV2 implements INodeType {
	description: INodeTypeDescription;

	constructor(baseDescription: INodeTypeBaseDescription) {
		this.description = versionDescription(baseDescription, 2);
	}

	methods = { listSearch, loadOptions, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
