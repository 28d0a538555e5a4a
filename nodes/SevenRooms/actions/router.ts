import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IPairedItemData,
} from 'n8n-workflow';

import * as guest from './guest';
import * as reservation from './reservation';
import { isToolCall, toolAnswerShape } from './tool';
import type { SevenRoomsOperation } from './types';
import * as venue from './venue';
import * as waitlist from './waitlist';
import * as webhook from './webhook';

const resources: Record<string, Record<string, SevenRoomsOperation>> = {
	guest: guest.operations,
	reservation: reservation.operations,
	waitlist: waitlist.operations,
	venue: venue.operations,
	webhook: webhook.operations,
};

/**
 * One output item, made once: what `constructExecutionMetaData(returnJsonArray([json]), { itemData })`
 * gives, without its two intermediate copies of every item (a 50,000-guest Return All would make
 * 100,000 throwaway wrappers and spread 50,000 arguments).
 */
function outputItem(data: IDataObject, pairedItem: IPairedItemData): INodeExecutionData {
	// returnJsonArray keeps an object that already has `json` as an item of its own
	if (data?.json) {
		const { json, ...rest } = data as unknown as INodeExecutionData;
		return { json, pairedItem, ...rest };
	}
	return { json: data, pairedItem };
}

/** What Continue On Fail puts out for a failed item: the message and, for API errors, the codes. */
function errorItem(error: Error): IDataObject {
	const json: IDataObject = { error: error.message };
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.description) json.description = error.description;
	}
	if (error instanceof NodeApiError) {
		if (error.httpCode) json.httpCode = error.httpCode;
		if (Array.isArray(error.context.errors)) json.errors = error.context.errors as IDataObject[];
	}
	return json;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = resources[resource]?.[operation]?.execute;
	if (!execute) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not supported for resource "${resource}"`,
		);
	}

	// A tool call's answer is read by a model: small objects, not the API's whole records.
	const shape = isToolCall(this) ? toolAnswerShape(resource, operation) : undefined;
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await execute.call(this, itemIndex);
			const pairedItem = { item: itemIndex };
			for (const json of Array.isArray(result) ? result : [result])
				returnData.push(outputItem(shape ? shape(json) : json, pairedItem));
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push({ json: errorItem(error as Error), pairedItem: { item: itemIndex } });
				continue;
			}
			const nodeError =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			nodeError.context.itemIndex ??= itemIndex;
			throw nodeError;
		}
	}
	return [returnData];
}
