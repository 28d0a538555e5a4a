import type { IDataObject, ITaskData } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox/server';
import {
	runWorkflow,
	sevenRooms24Credentials,
	sevenRoomsCredentials,
	sevenRoomsWorkflow,
} from '../../dev/engine';
import type { RunResult } from '../../dev/engine';

/** What the column mapper's engine tests share: a version-2 run, its hints, sheet-like rows. */
export const autoMap = (matchingColumns: string[] = []) => ({
	mappingMode: 'autoMapInputData',
	value: null,
	matchingColumns,
	schema: [],
});

export async function runV2(
	sandbox: Sandbox,
	parameters: IDataObject,
	rows: IDataObject[],
	{ continueOnFail = false, api24 = false } = {},
) {
	const result = await runWorkflow(
		sevenRoomsWorkflow(api24 ? { authentication: 'api24', ...parameters } : parameters, {
			rows,
			continueOnFail,
			typeVersion: 2,
		}),
		{
			credentialsHelper: api24
				? sevenRooms24Credentials(sandbox.url)
				: sevenRoomsCredentials(sandbox.url),
		},
	);
	return { result, output: result.outputOf('SevenRooms'), error: result.errorOf('SevenRooms') };
}

export const hintsOf = (result: RunResult): string[] =>
	((result.run.data.resultData.runData.SevenRooms?.[0] as ITaskData | undefined)?.hints ?? []).map(
		(hint) => hint.message,
	);

export const guestsWithEmail = (sandbox: Sandbox, email: string) =>
	[...sandbox.state.guests.values()].filter(
		(guest) => guest.email?.toLowerCase() === email.toLowerCase(),
	);

/** A guest list as sheets, CSV exports, POS and forms spell it: three spellings, one per third. */
export function sheetRows(count: number, run: string): IDataObject[] {
	return Array.from({ length: count }, (_, n) => {
		const email = `mapper.${n}@example.com`;
		const local = `(646) 3${String(n % 100).padStart(2, '0')}-${1000 + n}`;
		switch (n % 3) {
			case 0: // Google Sheets, typed by hand
				return {
					'First Name': `Ana${n}`,
					'Last Name': `Sheet ${run}`,
					'E-mail': email,
					Mobile: local,
					Birthday: '1990-04-12',
					Tags: 'vip, wine-lover',
					'Opt In': 'yes',
					'Row ID': n,
				};
			case 1: // a CSV export in snake case
				return {
					first_name: `Ben${n}`,
					last_name: `Csv ${run}`,
					email: email.toUpperCase(),
					phone_number: `+1 ${local}`,
					date_of_birth: '04-12',
					email_opt_in: 'false',
				};
			default: // a form tool in camel case
				return {
					firstName: `Cy${n}`,
					lastName: `Form ${run}`,
					emailAddress: email,
					cellPhone: local,
					notes: `Row ${n}`,
				};
		}
	});
}
