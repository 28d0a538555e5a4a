import axios from 'axios';
import { constructExecutionMetaData, returnJsonArray } from 'n8n-core';
import { NodeApiError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';

export const TEST_BASE_URL = 'https://sr.test';
export const SENTINEL_CLIENT_VALUE = 'sentinel-client-value-9f8e7d';

export interface FakeContextOptions {
	/** node parameters, one object per input item (or one object for every item) */
	parameters: IDataObject | IDataObject[];
	items?: number;
	continueOnFail?: boolean;
	credentials?: IDataObject;
	executionId?: string;
}

export interface FakeContext {
	context: IExecuteFunctions;
	/** bearer tokens the fake OAuth2 layer has handed out, newest last */
	tokens: string[];
	logs: unknown[][];
}

function query(qs: IDataObject | undefined): string {
	const search = new URLSearchParams();
	for (const [key, value] of Object.entries(qs ?? {})) {
		if (value !== undefined && value !== null) search.append(key, String(value));
	}
	const text = search.toString();
	return text ? `?${text}` : '';
}

/**
 * An IExecuteFunctions good enough for nock tests of one node run: parameters per item, a fake
 * OAuth2 layer (a bearer token, a new one on refreshOAuth2Token) and n8n's HTTP semantics
 * (returnFullResponse, ignoreHttpStatusErrors, errors wrapped in NodeApiError).
 */
let contexts = 0;

export function createExecuteContext(options: FakeContextOptions): FakeContext {
	const perItem = Array.isArray(options.parameters) ? options.parameters : undefined;
	const itemCount = options.items ?? perItem?.length ?? 1;
	const node: INode = {
		id: 'node-1',
		name: 'SevenRooms',
		type: 'n8n-nodes-sevenrooms.sevenRooms',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		// A credential of its own per context: rate budgets and clocks are per API client.
		credentials: { sevenRoomsOAuth2Api: { id: `cred-${++contexts}`, name: 'SevenRooms account' } },
	};
	const tokens = ['token-1'];
	const logs: unknown[][] = [];
	const logger = {
		debug: (...args: unknown[]) => logs.push(args),
		info: (...args: unknown[]) => logs.push(args),
		warn: (...args: unknown[]) => logs.push(args),
		error: (...args: unknown[]) => logs.push(args),
	};

	const parameter = (
		name: string,
		itemIndex: number,
		fallback?: unknown,
		extra?: { extractValue?: boolean },
	) => {
		const source = perItem ? perItem[itemIndex] : (options.parameters as IDataObject);
		let value: unknown = source?.[name];
		if (value === undefined) {
			if (fallback === undefined) throw new Error(`Could not get parameter "${name}"`);
			return fallback;
		}
		if (
			extra?.extractValue &&
			value &&
			typeof value === 'object' &&
			'value' in (value as IDataObject)
		) {
			value = (value as IDataObject).value;
		}
		return value;
	};

	const context = {
		getNode: () => node,
		getWorkflow: () => ({ id: 'wf-1', name: 'Test', active: false }),
		getExecutionId: () => options.executionId ?? 'exec-1',
		getInputData: (): INodeExecutionData[] =>
			Array.from({ length: itemCount }, (_, index) => ({ json: { index } })),
		getNodeParameter: parameter,
		continueOnFail: () => options.continueOnFail ?? false,
		getCredentials: async () => ({
			apiBaseUrl: TEST_BASE_URL,
			clientId: 'client-1',
			clientSecret: SENTINEL_CLIENT_VALUE,
			rateLimitPerMinute: 0,
			...options.credentials,
		}),
		logger,
		helpers: {
			returnJsonArray,
			constructExecutionMetaData,
			async refreshOAuth2Token() {
				tokens.push(`token-${tokens.length + 1}`);
			},
			async httpRequestWithAuthentication(
				this: unknown,
				_type: string,
				request: IHttpRequestOptions,
			) {
				try {
					const response = await axios.request({
						method: request.method ?? 'GET',
						url: `${request.url}${query(request.qs)}`,
						data: request.body,
						headers: {
							...(request.headers as IDataObject),
							Authorization: `Bearer ${tokens[tokens.length - 1]}`,
						} as Record<string, string>,
						timeout: request.timeout,
						validateStatus: request.ignoreHttpStatusErrors ? () => true : undefined,
					});
					const body = response.data === '' ? undefined : response.data;
					return request.returnFullResponse
						? {
								body,
								headers: response.headers,
								statusCode: response.status,
								statusMessage: response.statusText,
							}
						: body;
				} catch (error) {
					throw new NodeApiError(node, error as never);
				}
			},
		},
	} as unknown as IExecuteFunctions;
	return { context, tokens, logs };
}
