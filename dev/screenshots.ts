/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

import type { Page } from 'playwright-core';

import { startSandbox } from '../sandbox/server';
import { launchChromium, signInToEditor } from './browser';
import { demoWorkflows, importDemo } from './demo';
import { N8nClient, ROOT, freePort, startN8n } from './n8n';

/**
 * Pictures of demo workflows for the docs: `docs/images/<file>.png`, the canvas of the demo
 * workflow `demo/<file>.json` as the editor shows it after `npm start`, zoomed to fit.
 *
 *   npm run build
 *   npx ts-node --transpile-only --prefer-ts-exts dev/screenshots.ts reservation-enrichment
 *
 * Arguments: demo file names (without `.json`) or workflow names; none: every demo workflow.
 * It starts its own sandbox and n8n (in `.n8n-data/screenshots`, made fresh) on free ports,
 * imports the demo as `npm start` does, and stops everything when done.
 */
const IMAGES = path.join(ROOT, 'docs/images');
const VIEWPORT = { width: 1200, height: 620 };

async function canvasPicture(page: Page, n8nUrl: string, workflowId: string, file: string) {
	await page.goto(`${n8nUrl}/workflow/${workflowId}`);
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60_000 });
	// Whatever n8n opens on top (a notice, a tooltip) goes; then the whole workflow in view.
	await page.keyboard.press('Escape');
	await page.locator('[data-test-id="zoom-to-fit"]').click();
	await page.mouse.move(0, VIEWPORT.height - 1);
	// The fit animates; let it settle before the picture.
	await page.waitForTimeout(1_000);
	const target = path.join(IMAGES, `${file}.png`);
	await page.screenshot({ path: target });
	return target;
}

async function main() {
	const wanted = process.argv.slice(2);
	// Names checked before anything starts: demo files and their workflow names.
	const demo = Object.entries(demoWorkflows('id', 'outbox', 'id', 'id')).map(
		([file, workflow]) => ({
			file,
			name: String(workflow.name),
		}),
	);
	const unknown = wanted.filter(
		(name) => !demo.some((each) => [each.file, each.name].includes(name)),
	);
	if (unknown.length)
		throw new Error(
			`No demo workflow ${unknown.join(', ')}; there are: ${demo.map((each) => each.file).join(', ')}`,
		);

	const userFolder = path.join(ROOT, '.n8n-data/screenshots');
	const sandbox = await startSandbox({ guests: 300 });
	const stops: Array<() => Promise<unknown>> = [async () => await sandbox.close()];
	try {
		const n8n = await startN8n({ userFolder, fresh: true });
		stops.unshift(n8n.stop);
		const client = new N8nClient(n8n.url);
		await client.signIn();
		// No mail goes out while the pictures are taken: the SMTP credential points at a closed port.
		const imported = await importDemo(client, {
			sandboxUrl: sandbox.url,
			outbox: path.join(userFolder, 'outbox'),
			smtp: { host: '127.0.0.1', port: await freePort(), secure: false, disableStartTls: true },
		});
		const chosen = Object.entries(imported.workflows).filter(
			([file, workflow]) =>
				!wanted.length || wanted.includes(file) || wanted.includes(workflow.name),
		);

		const browser = await launchChromium();
		stops.unshift(async () => await browser.close());
		const page = await browser.newPage({ viewport: VIEWPORT });
		await signInToEditor(page, n8n.url);
		mkdirSync(IMAGES, { recursive: true });
		for (const [file, workflow] of chosen) {
			const target = await canvasPicture(page, n8n.url, workflow.id, file);
			const size = Math.round(statSync(target).size / 1024);
			process.stdout.write(`${path.relative(ROOT, target)}  ${size} KB  (${workflow.name})\n`);
		}
	} finally {
		for (const stop of stops) await stop().catch(() => undefined);
	}
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
