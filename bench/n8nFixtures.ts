/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
/**
 * What the n8n benchmarks add to a real n8n process, written out as plain JavaScript (n8n loads
 * `*.node.js` from N8N_CUSTOM_EXTENSIONS and runs a `--require` preload):
 *
 * - a bare community trigger (`CUSTOM.benchBareTrigger`): a webhook node that is not n8n's own
 *   Webhook node and does nothing but hand the body on. It costs what n8n charges any node type of
 *   a package, and nothing of the SevenRooms Trigger's own work: the difference between it and n8n's
 *   Webhook node is n8n's, between it and the SevenRooms Trigger the node's.
 * - a probe that counts, inside n8n, the static-data saves and the expression isolates n8n takes
 *   for each delivery, and the process's CPU time, written to a file the benchmark reads.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { ROOT } from '../dev/n8n';

const BARE_TRIGGER = `'use strict';
class BenchBareTrigger {
	constructor() {
		this.description = {
			displayName: 'Bench Bare Trigger',
			name: 'benchBareTrigger',
			group: ['trigger'],
			version: 1,
			description: 'Benchmark fixture: hands the webhook body on, nothing else',
			defaults: { name: 'Bench Bare Trigger' },
			inputs: [],
			outputs: ['main'],
			webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'bare' }],
			properties: [],
		};
	}
	async webhook() {
		return { workflowData: [this.helpers.returnJsonArray([this.getBodyData()])] };
	}
}
module.exports = { BenchBareTrigger };
`;

const PROBE = `'use strict';
const { renameSync, writeFileSync } = require('fs');
const out = process.env.BENCH_PROBE_FILE;
// Only this process counts: n8n's own child processes (task runners) must not load the probe.
delete process.env.BENCH_PROBE_FILE;
process.env.NODE_OPTIONS = '';
const counts = { staticDataSaves: 0, staticDataSaveMs: 0, isolatesAcquired: 0 };
const patched = new WeakSet();
function patchSave(proto) {
	if (!proto || patched.has(proto) || typeof proto.saveStaticDataById !== 'function') return;
	patched.add(proto);
	const save = proto.saveStaticDataById;
	proto.saveStaticDataById = async function (...args) {
		const t0 = performance.now();
		try { return await save.apply(this, args); }
		finally { counts.staticDataSaves++; counts.staticDataSaveMs += performance.now() - t0; }
	};
}
function patchAcquire(proto) {
	if (!proto || patched.has(proto) || typeof proto.acquireIsolate !== 'function') return;
	patched.add(proto);
	const acquire = proto.acquireIsolate;
	proto.acquireIsolate = async function (...args) {
		const acquired = await acquire.apply(this, args);
		if (acquired) counts.isolatesAcquired++;
		return acquired;
	};
}
// Patch once n8n has loaded the modules (looking into a module while it loads would disturb it),
// then stop looking: the probe must cost n8n nothing while it is measured.
let saveFound = false;
let expressionFound = false;
const scan = setInterval(() => {
	for (const file in require.cache) {
		const loaded = require.cache[file];
		const exported = loaded && loaded.loaded ? loaded.exports : undefined;
		if (!exported) continue;
		if (!saveFound && file.endsWith('workflow-static-data.service.js') && exported.WorkflowStaticDataService) {
			patchSave(exported.WorkflowStaticDataService.prototype);
			saveFound = true;
		}
		if (!expressionFound && file.endsWith('/n8n-workflow/dist/cjs/expression.js') && exported.Expression) {
			patchAcquire(exported.Expression.prototype);
			expressionFound = true;
		}
	}
	if (saveFound && expressionFound) clearInterval(scan);
}, 1000);
scan.unref();
// The counts are written when the benchmark asks (SIGUSR2), whole and then renamed.
let seq = 0;
if (out) {
	process.on('SIGUSR2', () => {
		const cpu = process.cpuUsage();
		writeFileSync(out + '.tmp', JSON.stringify({ ...counts, seq: ++seq, cpuMs: (cpu.user + cpu.system) / 1000 }));
		renameSync(out + '.tmp', out);
	});
}
`;

export interface ProbeCounts {
	seq?: number;
	staticDataSaves: number;
	staticDataSaveMs: number;
	isolatesAcquired: number;
	cpuMs: number;
}

/** Writes the fixtures under `.n8n-data/<name>`; returns the extension folder and the probe. */
export function writeN8nFixtures(name: string): { extensionDir: string; probe: string } {
	const dir = path.join(ROOT, '.n8n-data', name);
	const extensionDir = path.join(dir, 'extension');
	mkdirSync(extensionDir, { recursive: true });
	writeFileSync(path.join(extensionDir, 'BenchBareTrigger.node.js'), BARE_TRIGGER);
	const probe = path.join(dir, 'probe.js');
	writeFileSync(probe, PROBE);
	return { extensionDir, probe };
}

/** The environment that loads this package, the bare trigger and the probe into an n8n process. */
export function probedEnvironment(
	fixtures: { extensionDir: string; probe: string },
	countsFile: string,
): NodeJS.ProcessEnv {
	return {
		N8N_CUSTOM_EXTENSIONS: fixtures.extensionDir,
		NODE_OPTIONS: `--require ${fixtures.probe}`,
		BENCH_PROBE_FILE: countsFile,
	};
}

const ZERO: ProbeCounts = {
	staticDataSaves: 0,
	staticDataSaveMs: 0,
	isolatesAcquired: 0,
	cpuMs: 0,
};

/** Asks the probe in process `pid` for its counts (SIGUSR2) and reads them. */
export async function readProbe(countsFile: string, pid: number): Promise<ProbeCounts> {
	const last = existsSync(countsFile)
		? (JSON.parse(readFileSync(countsFile, 'utf8')) as ProbeCounts).seq
		: undefined;
	process.kill(pid, 'SIGUSR2');
	for (let wait = 0; wait < 200; wait++) {
		await new Promise((resolve) => setTimeout(resolve, 10));
		if (!existsSync(countsFile)) continue;
		const counts = JSON.parse(readFileSync(countsFile, 'utf8')) as ProbeCounts;
		if (counts.seq !== last) return counts;
	}
	return ZERO;
}
