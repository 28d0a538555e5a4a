import { freePort } from '../dev/n8n';
import { runNpmScript } from './npmScript';

/**
 * `npm run queue-mode` (PostgreSQL, Redis, n8n main, 2 workers and a webhook processor) comes up
 * and stops everything on a signal to the npm process, as Ctrl-C does (e2e/npmScript.ts). On
 * ports of its own: `npm start`'s test (demo-restart.e2e.ts) may run at the same time.
 */
it('npm run queue-mode: SIGTERM to the npm process stops everything', async () => {
	const ports = {
		N8N_PORT: await freePort(),
		N8N_WEBHOOK_PORT: await freePort(),
		SANDBOX_PORT: await freePort(),
		MAILDEV_WEB_PORT: await freePort(),
		MAILDEV_SMTP_PORT: await freePort(),
	};
	const demo = await runNpmScript(
		'queue-mode',
		{
			DEMO_FOLDER: '.n8n-data/e2e-queue-mode-demo',
			...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])),
		},
		Object.values(ports),
	);
	try {
		expect(demo.output()).toContain('webhook processor:');
		// MailDev, PostgreSQL, Redis, n8n main, 2 workers and the webhook processor (and theirs).
		expect(demo.processes.length).toBeGreaterThanOrEqual(7);
		await demo.stopWith('SIGTERM');
	} finally {
		demo.kill();
	}
});
