import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeBaseDescription,
	INodeTypeDescription,
} from 'n8n-workflow';

import { router } from '../actions/router';
import { versionDescription } from '../actions/versionDescription';
import { listSearch, loadOptions } from '../methods';

/**
 * Version 1: guest and reservation fields as separate parameters (workflows saved before 2). Not a
 * `.node.ts` file: n8n loads the versioned SevenRooms.node.ts, whose base description has the icon.
 */
export class SevenRoomsV1 implements INodeType {
	description: INodeTypeDescription;

	constructor(baseDescription: INodeTypeBaseDescription) {
		this.description = versionDescription(baseDescription, 1);
	}

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
