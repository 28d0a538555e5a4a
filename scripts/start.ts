/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
import path from 'node:path';

import { startDemo } from '../dev/demo';
import type { Demo } from '../dev/demo';
import { OWNER } from '../dev/n8n';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../sandbox/server';

/**
 * The demo (`npm start`, `npm run queue-mode` with `--queue`): the local SevenRooms sandbox with a
 * simulated restaurant day, MailDev, and a real n8n with this package, its credentials and the demo
 * workflows (see dev/demo). Runs until Ctrl-C.
 */
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const relative = (file: string) => path.relative(process.cwd(), file) || '.';
const time = () => new Date().toTimeString().slice(0, 5);

/** One line a minute while the restaurant day runs: what it changed and what came of it. */
async function reportEveryMinute(demo: Demo): Promise<void> {
	// MailDev keeps the emails of earlier runs (in its mail folder): count from what is there now.
	const emailsBefore = (await demo.mailDev.emails().catch(() => [])).length;
	let last = { counts: {} as Record<string, number>, deliveries: 0, emails: emailsBefore };
	const timer = setInterval(() => {
		void (async () => {
			const counts = { ...(demo.day?.counts ?? {}) };
			const deliveries = demo.sandbox.stats.webhookDeliveries.acknowledged;
			const emails = (await demo.mailDev.emails().catch(() => [])).length;
			const changes = Object.entries(counts)
				.map(([kind, count]) => [kind, count - (last.counts[kind] ?? 0)] as const)
				.filter(([, count]) => count > 0)
				.map(([kind, count]) => `${count} ${kind}`);
			process.stdout.write(
				`${time()}  ${changes.join(', ') || 'no changes'} → ${deliveries - last.deliveries} webhook deliveries, ${emails - last.emails} emails\n`,
			);
			last = { counts, deliveries, emails };
		})();
	}, 60_000);
	timer.unref();
}

let stopping = false;

async function main() {
	const queue = process.argv.includes('--queue');
	const simulation = !/^(off|false|0|no)$/i.test(process.env.SANDBOX_SIMULATION ?? '');
	process.stdout.write('» starting the sandbox, MailDev and n8n (n8n takes about a minute)\n');
	const aborting = new AbortController();
	const starting = startDemo({
		queue,
		// (its data elsewhere than .n8n-data/demo or .n8n-data/queue-mode: the e2e tests')
		folder: process.env.DEMO_FOLDER ? path.resolve(process.env.DEMO_FOLDER) : undefined,
		ports: {
			sandbox: port('SANDBOX_PORT', 4010),
			n8n: port('N8N_PORT', 5678),
			webhook: port('N8N_WEBHOOK_PORT', 5680),
			smtp: port('MAILDEV_SMTP_PORT', 1025),
			inbox: port('MAILDEV_WEB_PORT', 1080),
		},
		guests: port('SANDBOX_GUESTS', 5000),
		simulation: simulation ? {} : false,
		signal: aborting.signal,
	});
	// Ctrl-C, or SIGINT or SIGTERM from whatever started `npm start` (npm hands them on to this
	// process): also while starting, which then stops what it has started.
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		process.stdout.write('\nstopping…\n');
		aborting.abort();
		await starting.then(
			async (started) => await started.stop(),
			() => undefined,
		);
		process.stdout.write('stopped\n');
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
	const demo = await starting;
	if (stopping) return;

	const { imported } = demo;
	const active = Object.values(imported.workflows).filter((workflow) => workflow.active);
	process.stdout.write(
		[
			'',
			`n8n editor:         ${demo.editorUrl}`,
			`  login:            ${OWNER.email} / ${OWNER.password}`,
			...demo.notes,
			`SevenRooms sandbox: ${demo.sandbox.url} (client ${SANDBOX_CLIENT_ID} / ${SANDBOX_CLIENT_SECRET})`,
			`Mail inbox:         ${demo.mailDev.url} (the birthday emails; SMTP on 127.0.0.1:${demo.mailDev.smtpPort})`,
			`Workflow outputs:   ${relative(demo.outbox)}`,
			`n8n's log:          ${relative(demo.logFile)}`,
			`Demo workflows:     ${Object.keys(imported.workflows).length}, ${active.length} active (README: "The demo")`,
			...demo.mcpUrls.map(
				(url) =>
					`MCP server:         ${url} (SevenRooms concierge: connect Claude Desktop, Cursor or any MCP client)`,
			),
			...(imported.resubscribed.length
				? [`  subscribed again:  ${imported.resubscribed.join(', ')}`]
				: []),
			...(demo.missingSubscriptions
				? [
						`  WARNING: ${demo.missingSubscriptions} SevenRooms Trigger workflow(s) did not subscribe; see n8n's log`,
					]
				: []),
			demo.day
				? 'Restaurant day:     a change every 4 to 15 s, a summary every minute (SANDBOX_SIMULATION=off: none)'
				: 'Restaurant day:     off (SANDBOX_SIMULATION); the sandbox changes only when you change it',
			'Press Ctrl-C to stop.',
			'',
		].join('\n'),
	);
	if (demo.day) await reportEveryMinute(demo);
}

main().catch((error: Error) => {
	if (stopping) return; // stopped by Ctrl-C while starting; `stop` says so and exits
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
