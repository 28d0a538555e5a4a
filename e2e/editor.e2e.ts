/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

import { N8nClient, OWNER, ROOT } from '../dev/n8n';
import { credential24Data, credentialData, demoWorkflows } from '../dev/demo';
import { startSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';
import { sharedN8n } from './shared';
import type { SharedN8n } from './shared';

/** The editor a user sees, in headless Debian Chromium: screenshots land in .artifacts/screenshots. */
const SCREENSHOTS = path.join(ROOT, '.artifacts/screenshots');
let n8n: SharedN8n;
let client: N8nClient;
let sandbox: Sandbox;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
	mkdirSync(SCREENSHOTS, { recursive: true });
	sandbox = await startSandbox({ guests: 300, rateLimitPerMinute: 0 });
	n8n = await sharedN8n('n8n');
	client = new N8nClient(n8n.url);
	await client.signIn();
	browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
	// Every wait for the editor is for something that comes: bounded against a hang, not timed.
	page.setDefaultTimeout(120_000);
	page.on('console', (message) => {
		if (message.type() === 'error') consoleErrors.push(message.text());
	});
	page.on('pageerror', (error) => consoleErrors.push(error.message));
});

afterAll(async () => {
	await browser?.close();
	await sandbox?.close();
});

const shot = async (name: string) =>
	await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });

describe('the SevenRooms node in the n8n editor', () => {
	it('adds SevenRooms → Guest → Create, renders its parameters and the credential form', async () => {
		await page.goto(`${n8n.url}/signin`);
		await page.getByLabel(/email/i).first().fill(OWNER.email);
		await page
			.getByLabel(/password/i)
			.first()
			.fill(OWNER.password);
		await page.getByRole('button', { name: /sign in/i }).click();
		await page.waitForURL((url) => !url.pathname.includes('signin'));
		// The sign-in page's session probe answers 401 before login: not ours.
		consoleErrors.length = 0;

		await page.goto(`${n8n.url}/workflow/new`);
		await page.getByText('Add first step').waitFor();
		await shot('0-new-workflow');
		// The + button opens the node creator (its label below does not); then its search box, once
		// there, instead of typing after a fixed wait, which a CI run on 2 busy cores lost.
		await page.locator('[data-test-id="canvas-plus-button"]').click();
		const search = page.locator('[data-test-id="node-creator-search-bar"]');
		await search.waitFor();
		await search.fill('SevenRooms');
		await page.getByText('SevenRooms', { exact: true }).first().click();
		await page.getByText('Actions (23)').waitFor();
		await shot('1-node-creator');
		// Installed from npm, the package opens on n8n's community-node details panel (Via npm,
		// Manage, Report): its triggers, then its actions, without a search box.
		const createGuest = page.getByText('Create a guest', { exact: true }).first();
		if (!(await createGuest.isVisible())) await page.getByText('Actions (23)').click();
		await createGuest.click();

		// A new node is version 2: the guest's fields are in n8n's column mapper (its mode, then the
		// values to send), listed from the node's schema without a credential.
		for (const label of [
			'Resource',
			'Operation',
			'Mapping Column Mode',
			'Values to Send',
			'First Name',
			'Last Name',
			'Email',
			'Phone',
			'Birthday',
			'Email Opt-In',
			'Options',
		]) {
			await page.getByText(label, { exact: true }).first().waitFor();
		}
		await shot('2-guest-create');

		// A fresh n8n offers "Connect to SevenRooms". This one is shared with other test files, and
		// n8n picks a SevenRooms credential one of them made: a new one is then made from the list,
		// as a user who has one already does. The same form either way.
		const connect = page.getByText('Connect to SevenRooms');
		const credentials = page.locator('[data-test-id="node-credentials-select"]');
		await connect.or(credentials).first().waitFor();
		if (await connect.isVisible()) await connect.click();
		else {
			await credentials.click();
			await page.locator('[data-test-id="node-credentials-select-item-new"]').click();
		}
		// Where the API is comes first, then who the client is, top to bottom.
		const tops: number[] = [];
		for (const label of [
			'Environment',
			'Client ID',
			'Client Secret',
			'Custom Scopes',
			'Requests per Minute',
		]) {
			const field = page.getByText(new RegExp(`^${label}`)).first();
			await field.waitFor();
			tops.push((await field.boundingBox())?.y ?? Number.NaN);
		}
		expect(tops).toEqual([...tops].sort((a, b) => a - b));
		await shot('3-credential-form');

		const ours = consoleErrors.filter((text) =>
			/seven ?rooms|CUSTOM\.|parameter|credential/i.test(text),
		);
		expect(ours).toEqual([]);
	});

	it('opens every demo workflow, shows subtitles in user words, and fetches a test event from an active poll trigger', async () => {
		const credentialId = await client.createCredential(
			'SevenRooms sandbox',
			'sevenRoomsOAuth2Api',
			credentialData(sandbox.url),
		);
		const credentialId24 = await client.createCredential(
			'SevenRooms sandbox (API 2.4)',
			'sevenRoomsApi',
			credential24Data(sandbox.url),
		);
		const outbox = n8n.outbox;
		const saved: Record<string, { id: string; versionId: string }> = {};
		for (const [file, workflow] of Object.entries(
			demoWorkflows(credentialId, outbox, credentialId24),
		))
			saved[file] = await client.createWorkflow(workflow);
		const audience = saved['audience-sync'];
		await client.activate(audience.id, audience.versionId);
		// A guest changes, so the sample has something recent to show.
		sandbox.updateGuests(['gst_000010'], (guest) => ({ email_opt_in: !guest.email_opt_in }));

		for (const [file, { id }] of Object.entries(saved)) {
			consoleErrors.length = 0;
			await page.goto(`${n8n.url}/workflow/${id}`);
			await page.locator('[data-test-id="canvas-node"]').first().waitFor();
			await page.waitForTimeout(1_000);
			await shot(`4-demo-${file}`);
			const ours = consoleErrors.filter((text) => /seven ?rooms|parameter|credential/i.test(text));
			expect({ file, errors: ours }).toEqual({ file, errors: [] });
		}

		await page.goto(`${n8n.url}/workflow/${audience.id}`);
		// The canvas says what the trigger does in the words of its Event list.
		await page.getByText('Audience Sync (Email Opt-In)').first().waitFor();
		await shot('5-canvas-subtitles');
		// The node's box, not its label below it (the canvas takes clicks there).
		await page
			.locator('[data-test-id="canvas-node"]')
			.filter({ hasText: 'Audience Changes' })
			.first()
			.dblclick();
		await page
			.getByRole('button', { name: /fetch test event/i })
			.first()
			.click();
		// A sample of changed guests, not "could not be cloned".
		await page
			.getByText(/\d+ items?/)
			.first()
			.waitFor();
		await expect(page.getByText(/could not be cloned/i).count()).resolves.toBe(0);
		await shot('6-poll-trigger-panel');
		await client.deactivate(audience.id);
	});
});
