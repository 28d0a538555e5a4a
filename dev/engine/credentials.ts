import { ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { OAuth2Api } from 'n8n-nodes-base/dist/credentials/OAuth2Api.credentials';

import { SevenRoomsApi } from '../../credentials/SevenRoomsApi.credentials';
import { SevenRoomsOAuth2Api } from '../../credentials/SevenRoomsOAuth2Api.credentials';
import { nodeTypes } from './nodeTypes';

const CREDENTIAL_TYPES: Record<string, ICredentialType> = {
	sevenRoomsOAuth2Api: new SevenRoomsOAuth2Api(),
	sevenRoomsApi: new SevenRoomsApi(),
	oAuth2Api: new OAuth2Api(),
};

/** A node to resolve credential expressions on, as n8n's credentials helper does. */
function expressionWorkflow(): { workflow: Workflow; node: INode } {
	const node: INode = {
		id: 'cred',
		name: 'Credential',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	return {
		workflow: new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes }),
		node,
	};
}

/**
 * Credentials as n8n's own helper treats them: parent (`extends`) properties merged in, defaults
 * applied, `={{ $self… }}` expressions resolved, and OAuth token data stored back.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	/** stored data by credential id, as n8n keeps it (user fields + oauthTokenData) */
	readonly store = new Map<string, ICredentialDataDecryptedObject>();

	/** every token-data write n8n made, newest last */
	readonly tokenWrites: IDataObject[] = [];

	/** every `preAuthentication` output n8n stored (API 2.4 tokens), newest last */
	readonly preAuthentications: IDataObject[] = [];

	getParentTypes(name: string): string[] {
		const parents = CREDENTIAL_TYPES[name]?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	/** As n8n merges them: parents' first, an own property taking its parent's place. */
	getCredentialsProperties(type: string): INodeProperties[] {
		const merged: INodeProperties[] = [];
		for (const parent of CREDENTIAL_TYPES[type]?.extends ?? []) {
			NodeHelpers.mergeNodeProperties(merged, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(merged, CREDENTIAL_TYPES[type]?.properties ?? []);
		return merged;
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	/** n8n's generic `authenticate`: each `={{$credentials…}}` resolved onto the request. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		type: string,
		request: IHttpRequestOptions,
	) {
		const authenticate = CREDENTIAL_TYPES[type]?.authenticate;
		if (!authenticate || typeof authenticate !== 'object' || authenticate.type !== 'generic')
			return request;
		const { workflow, node } = expressionWorkflow();
		const resolve = (value: string) =>
			String(
				workflow.expression.getSimpleParameterValue(
					node,
					value,
					'internal',
					{ $credentials: credentials },
					undefined,
					'',
				) ?? '',
			);
		for (const [outer, values] of Object.entries(authenticate.properties)) {
			const target = ((request as unknown as IDataObject)[outer] ??= {}) as IDataObject;
			for (const [key, value] of Object.entries(values as IDataObject))
				target[resolve(key)] = resolve(String(value));
		}
		return request;
	}

	/**
	 * As n8n's credentials helper: a credential with a hidden expirable property runs its
	 * `preAuthentication` when that property is empty or the token expired, and stores the output.
	 */
	async preAuthentication(
		helpers: { helpers: { httpRequest: (options: IHttpRequestOptions) => Promise<unknown> } },
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	) {
		const type = CREDENTIAL_TYPES[typeName];
		const expirable = type?.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await type.preAuthentication.call(
			{ helpers: { httpRequest: helpers.helpers.httpRequest } } as never,
			credentials,
		);
		if (output[expirable.name] === undefined || !node.credentials) return undefined;
		const id = String(node.credentials[typeName].id);
		this.store.set(id, { ...this.store.get(id), ...(output as ICredentialDataDecryptedObject) });
		this.preAuthentications.push(output);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('getCredentials is not used by these tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		_mode: unknown,
		_executeData?: unknown,
		raw?: boolean,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.store.get(String(nodeCredentials.id));
		if (!stored) throw new Error(`No credential ${String(nodeCredentials.id)}`);
		const data = structuredClone(stored);
		if (raw) return data;
		const properties = this.getCredentialsProperties(type);
		const withDefaults = NodeHelpers.getNodeParameters(
			properties,
			data as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		for (const [key, value] of Object.entries(data))
			if (withDefaults[key] === undefined) withDefaults[key] = value;
		const { workflow, node } = expressionWorkflow();
		return workflow.expression.getComplexParameterValue(
			node,
			withDefaults as INodeParameters,
			'internal',
			{},
			undefined,
			undefined,
			withDefaults,
		) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	) {
		this.store.set(String(nodeCredentials.id), {
			...this.store.get(String(nodeCredentials.id)),
			...data,
		});
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	) {
		const id = String(nodeCredentials.id);
		this.tokenWrites.push(data.oauthTokenData as IDataObject);
		this.store.set(id, { ...this.store.get(id), oauthTokenData: data.oauthTokenData });
	}
}

export const CREDENTIAL_ID = 'cred-sevenrooms';

/** Stores a SevenRooms credential (as a user would fill it in) pointing at `baseUrl`. */
export function sevenRoomsCredentials(
	baseUrl: string,
	overrides: IDataObject = {},
): TestCredentialsHelper {
	const helper = new TestCredentialsHelper();
	helper.store.set(CREDENTIAL_ID, {
		environment: 'custom',
		baseUrl,
		clientId: 'sandbox-client',
		clientSecret: 'sandbox-secret',
		rateLimitPerMinute: 0,
		...overrides,
	});
	return helper;
}

/**
 * Stores a SevenRooms API 2.4 credential for a sandbox (its dialect at `<sandboxUrl>/2_4`), for
 * nodes whose `authentication` is `api24`.
 */
export function sevenRooms24Credentials(
	sandboxUrl: string,
	overrides: IDataObject = {},
): TestCredentialsHelper {
	const helper = new TestCredentialsHelper();
	helper.store.set(CREDENTIAL_ID, {
		region: 'custom',
		baseUrl: `${sandboxUrl}/2_4`,
		clientId: 'sandbox-client',
		clientSecret: 'sandbox-secret',
		rateLimitPerMinute: 0,
		...overrides,
	});
	return helper;
}

/** The credential a SevenRooms node with these parameters uses (its Authentication). */
export function nodeCredentialsFor(parameters: IDataObject): INode['credentials'] {
	const type = parameters.authentication === 'api24' ? 'sevenRoomsApi' : 'sevenRoomsOAuth2Api';
	return { [type]: { id: CREDENTIAL_ID, name: 'SevenRooms sandbox' } };
}
