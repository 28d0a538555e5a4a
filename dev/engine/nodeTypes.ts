import { NodeHelpers } from 'n8n-workflow';
import type { INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { HttpRequest } from 'n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node';
import { ManualTrigger } from 'n8n-nodes-base/dist/nodes/ManualTrigger/ManualTrigger.node';
import { NoOp } from 'n8n-nodes-base/dist/nodes/NoOp/NoOp.node';
import { Set as EditFields } from 'n8n-nodes-base/dist/nodes/Set/Set.node';
import { RemoveDuplicates } from 'n8n-nodes-base/dist/nodes/Transform/RemoveDuplicates/RemoveDuplicates.node';
import { SplitInBatches } from 'n8n-nodes-base/dist/nodes/SplitInBatches/SplitInBatches.node';
import { SplitOut } from 'n8n-nodes-base/dist/nodes/Transform/SplitOut/SplitOut.node';

import { SevenRooms } from '../../nodes/SevenRooms/SevenRooms.node';
import { SevenRoomsPollTrigger } from '../../nodes/SevenRooms/SevenRoomsPollTrigger.node';
import { SevenRoomsTrigger } from '../../nodes/SevenRooms/SevenRoomsTrigger.node';

/** Node types by the name a workflow export uses; community nodes are `<package>.<name>`. */
const NODE_FACTORIES: Record<string, () => INodeType | IVersionedNodeType> = {
	'n8n-nodes-sevenrooms.sevenRooms': () => new SevenRooms(),
	'n8n-nodes-sevenrooms.sevenRoomsTrigger': () => new SevenRoomsTrigger(),
	'n8n-nodes-sevenrooms.sevenRoomsPollTrigger': () => new SevenRoomsPollTrigger(),
	'n8n-nodes-base.manualTrigger': () => new ManualTrigger(),
	'n8n-nodes-base.set': () => new EditFields(),
	'n8n-nodes-base.noOp': () => new NoOp(),
	'n8n-nodes-base.splitOut': () => new SplitOut(),
	'n8n-nodes-base.splitInBatches': () => new SplitInBatches(),
	'n8n-nodes-base.removeDuplicates': () => new RemoveDuplicates(),
	'n8n-nodes-base.httpRequest': () => new HttpRequest(),
};

/** Extra node types a test adds (e.g. the trigger nodes), by workflow type name. */
export function registerNodeType(name: string, factory: () => INodeType | IVersionedNodeType) {
	NODE_FACTORIES[name] = factory;
	nodeTypeCache.delete(name);
}

const nodeTypeCache = new Map<string, INodeType | IVersionedNodeType>();

export const nodeTypes: INodeTypes = {
	getByName(type) {
		let nodeType = nodeTypeCache.get(type);
		if (!nodeType) {
			const factory = NODE_FACTORIES[type];
			if (!factory) throw new Error(`The test harness does not know node type ${type}`);
			nodeType = factory();
			nodeTypeCache.set(type, nodeType);
		}
		return nodeType;
	},
	getByNameAndVersion(type, version) {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	},
	getKnownTypes() {
		return {};
	},
};
