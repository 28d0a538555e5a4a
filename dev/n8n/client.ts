/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- dev tooling, runs in Node beside n8n, never inside it (Node globals; not a node, its errors are for the test) */
import { parse as parseFlatted } from 'flatted';

import { OWNER } from './launch';

/**
 * Node's fetch keeps connections open between requests. When n8n closes an idle one just as a
 * request goes out on it (likelier on a busy machine, and where several test files share one n8n),
 * the request fails unread ("other side closed"): it is sent again, on a new connection.
 */
async function fetchOnLiveConnection(url: string, init: RequestInit): Promise<Response> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await fetch(url, init);
		} catch (error) {
			const code = (error as { cause?: { code?: string } }).cause?.code;
			if (attempt >= 3 || (code !== 'UND_ERR_SOCKET' && code !== 'ECONNRESET')) throw error;
		}
	}
}

/** n8n's REST API as the editor uses it, logged in as the owner. */
export class N8nClient {
	private cookie = '';

	constructor(readonly url: string) {}

	async request<T = unknown>(
		method: string,
		route: string,
		body?: unknown,
	): Promise<{ status: number; data: T; raw: unknown }> {
		const response = await fetchOnLiveConnection(`${this.url}${route}`, {
			method,
			headers: {
				'Content-Type': 'application/json',
				...(this.cookie ? { Cookie: this.cookie } : {}),
				'browser-id': 'e2e-tests',
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.get('set-cookie');
		const auth = setCookie ? /n8n-auth=[^;]+/.exec(setCookie)?.[0] : undefined;
		if (auth) this.cookie = auth;
		const text = await response.text();
		let raw: unknown = text;
		try {
			raw = text ? JSON.parse(text) : undefined;
		} catch {
			raw = text;
		}
		const data = (
			raw && typeof raw === 'object' && 'data' in (raw as object) ? (raw as { data: T }).data : raw
		) as T;
		return { status: response.status, data, raw };
	}

	/** Creates the owner on a fresh instance, or logs in on one that has it. */
	async signIn(): Promise<void> {
		const setup = await this.request('POST', '/rest/owner/setup', OWNER);
		if (setup.status === 200) return;
		const login = await this.request('POST', '/rest/login', {
			emailOrLdapLoginId: OWNER.email,
			password: OWNER.password,
		});
		if (login.status !== 200)
			throw new Error(`Could not sign in to n8n: ${JSON.stringify(login.raw)}`);
	}

	async createCredential(
		name: string,
		type: string,
		data: Record<string, unknown>,
	): Promise<string> {
		const created = await this.request<{ id: string }>('POST', '/rest/credentials', {
			name,
			type,
			data,
		});
		if (created.status !== 200)
			throw new Error(`Could not create the credential: ${JSON.stringify(created.raw)}`);
		return created.data.id;
	}

	async testCredential(id: string, name: string, type: string, data: Record<string, unknown>) {
		const result = await this.request<{ status: string; message: string }>(
			'POST',
			'/rest/credentials/test',
			{ credentials: { id, name, type, data } },
		);
		return result.data;
	}

	async createWorkflow(
		workflow: Record<string, unknown>,
	): Promise<{ id: string; versionId: string }> {
		const created = await this.request<{ id: string; versionId: string }>(
			'POST',
			'/rest/workflows',
			{ ...workflow, active: false },
		);
		if (created.status !== 200)
			throw new Error(
				`Could not create workflow ${String(workflow.name)}: ${JSON.stringify(created.raw)}`,
			);
		return created.data;
	}

	async activate(id: string, versionId: string): Promise<void> {
		const result = await this.request('POST', `/rest/workflows/${id}/activate`, { versionId });
		if (result.status !== 200)
			throw new Error(`Could not activate workflow ${id}: ${JSON.stringify(result.raw)}`);
	}

	async deactivate(id: string): Promise<void> {
		const result = await this.request('POST', `/rest/workflows/${id}/deactivate`, {});
		if (result.status !== 200)
			throw new Error(`Could not deactivate workflow ${id}: ${JSON.stringify(result.raw)}`);
	}

	/** Runs a workflow from its Manual Trigger and waits for the execution to finish. */
	async runManually(
		id: string,
		triggerName = 'Manual Trigger',
		timeoutMs = 300_000,
	): Promise<ExecutionResult> {
		const body: Record<string, unknown> = { triggerToStartFrom: { name: triggerName } };
		// n8n 1.x runs the workflow it is sent (the editor's copy), so it wants it whole.
		if ((await this.majorVersion()) < 2)
			body.workflowData = (await this.request('GET', `/rest/workflows/${id}`)).data;
		const started = await this.request<{ executionId: string }>(
			'POST',
			`/rest/workflows/${id}/run`,
			body,
		);
		if (started.status !== 200 || !started.data?.executionId)
			throw new Error(`Could not run workflow ${id}: ${JSON.stringify(started.raw)}`);
		return await this.waitForExecution(started.data.executionId, timeoutMs);
	}

	private major?: number;

	/** n8n's major version, as its settings say. */
	async majorVersion(): Promise<number> {
		if (this.major === undefined) {
			const settings = await this.request<{ versionCli: string }>('GET', '/rest/settings');
			this.major = Number(settings.data.versionCli.split('.')[0]);
		}
		return this.major;
	}

	async waitForExecution(executionId: string, timeoutMs = 300_000): Promise<ExecutionResult> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.execution(executionId);
			if (
				execution &&
				execution.status !== 'running' &&
				execution.status !== 'new' &&
				execution.status !== 'waiting'
			)
				return execution;
			if (Date.now() > deadline) throw new Error(`Execution ${executionId} did not finish`);
			await new Promise((resolve) => setTimeout(resolve, 300));
		}
	}

	async execution(executionId: string): Promise<ExecutionResult | undefined> {
		const result = await this.request<{ id: string; status: string; data: string }>(
			'GET',
			`/rest/executions/${executionId}`,
		);
		if (result.status !== 200 || !result.data) return undefined;
		const data =
			typeof result.data.data === 'string'
				? (parseFlatted(result.data.data) as ExecutionData)
				: undefined;
		return {
			id: result.data.id,
			status: result.data.status,
			data,
			outputOf: (node) =>
				data?.resultData.runData[node]?.[0]?.data?.main?.[0]?.map((item) => item.json) ?? [],
		};
	}

	async executionIds(workflowId: string): Promise<string[]> {
		return (await this.executionSummaries(workflowId)).map((execution) => execution.id);
	}

	/**
	 * How many finished executions (of a status, when given) n8n's execution list counts for a
	 * workflow. Its pages can skip or repeat rows when many executions start in the same
	 * millisecond, its count does not.
	 */
	async executionCount(workflowId: string, status?: string[]): Promise<number> {
		const filter = encodeURIComponent(
			JSON.stringify({ workflowId, ...(status ? { status } : {}) }),
		);
		const page = await this.request<{ count: number; estimated: boolean }>(
			'GET',
			`/rest/executions?filter=${filter}&limit=1`,
		);
		if (page.status !== 200 || page.data.estimated)
			throw new Error(`n8n's execution list gave no exact count: ${JSON.stringify(page.data)}`);
		return page.data.count;
	}

	/**
	 * Every execution of a workflow in n8n's execution list, page by page, each once (pages can
	 * overlap); for a few executions; for many, `executionCount`.
	 */
	async executionSummaries(
		workflowId: string,
	): Promise<Array<{ id: string; status: string; mode: string }>> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const all = new Map<string, { id: string; status: string; mode: string }>();
		for (let cursor: string | null | undefined; ; ) {
			const page = await this.request<{
				results: Array<{ id: string; status: string; mode: string }>;
				nextCursor?: string | null;
			}>(
				'GET',
				`/rest/executions?filter=${filter}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
			);
			if (page.status !== 200)
				throw new Error(
					`n8n's execution list answered ${page.status}: ${JSON.stringify(page.data)}`,
				);
			for (const execution of page.data.results ?? []) all.set(execution.id, execution);
			cursor = page.data.nextCursor;
			if (!cursor) return [...all.values()];
		}
	}
}

interface ExecutionData {
	resultData: {
		error?: { message: string };
		runData: Record<
			string,
			Array<{
				error?: { message: string };
				data?: { main: Array<Array<{ json: Record<string, unknown> }>> };
			}>
		>;
	};
}

export interface ExecutionResult {
	id: string;
	status: string;
	data?: ExecutionData;
	outputOf(nodeName: string): Array<Record<string, unknown>>;
}
