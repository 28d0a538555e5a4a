import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** What one node run shares between its items. */
export interface RunContext {
	/** The venue's IANA time zone, fetched once per venue per execution. */
	venueTimezone(venueId: string, itemIndex: number): Promise<string | undefined>;
	/** The API object plus `<field>_local` times in its venue's zone (unchanged if none is known). */
	withVenueLocalTimes(
		object: IDataObject,
		fields: string[],
		itemIndex: number,
	): Promise<IDataObject>;
}

/** One `actions/<resource>/<operation>.operation.ts` module. */
export interface SevenRoomsOperation {
	description: INodeProperties[];
	/** Runs the operation for one input item; an array becomes several output items. */
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		run: RunContext,
	): Promise<IDataObject | IDataObject[]>;
}
