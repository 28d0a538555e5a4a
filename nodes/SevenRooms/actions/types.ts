import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** One `actions/<resource>/<operation>.operation.ts` module. */
export interface SevenRoomsOperation {
	description: INodeProperties[];
	/** Runs the operation for one input item; an array becomes several output items. */
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}
