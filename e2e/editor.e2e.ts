/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

import { N8nClient, OWNER, ROOT, startN8n } from '../dev/n8n';
import type { N8nInstance } from '../dev/n8n';

/** The editor a user sees, in headless Debian Chromium: screenshots land in .artifacts/screenshots. */
const SCREENSHOTS = path.join(ROOT, '.artifacts/screenshots');
let n8n: N8nInstance;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
	mkdirSync(SCREENSHOTS, { recursive: true });
	n8n = await startN8n({ userFolder: path.join(ROOT, '.n8n-data/e2e-editor') });
	await new N8nClient(n8n.url).signIn();
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
	page.on('console', (message) => {
		if (message.type() === 'error') consoleErrors.push(message.text());
	});
	page.on('pageerror', (error) => consoleErrors.push(error.message));
}, 300_000);

afterAll(async () => {
	await browser?.close();
	await n8n?.stop();
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
		await page.getByText('Add first step').click();
		// The node creator opens with its search box focused.
		await page.waitForTimeout(1500);
		await page.keyboard.type('SevenRooms');
		await page.getByText('SevenRooms', { exact: true }).first().click();
		await page.getByText('Actions (23)').waitFor();
		await shot('1-node-creator');
		// Installed from npm, the package opens on n8n's community-node details panel (Via npm,
		// Manage, Report): its triggers, then its actions, without a search box.
		const createGuest = page.getByText('Create a guest', { exact: true }).first();
		if (!(await createGuest.isVisible())) await page.getByText('Actions (23)').click();
		await createGuest.click();

		for (const label of [
			'Resource',
			'Operation',
			'First Name',
			'Last Name',
			'Email',
			'Phone',
			'Additional Fields',
			'Options',
		]) {
			await page.getByText(label, { exact: true }).first().waitFor({ timeout: 15_000 });
		}
		await shot('2-guest-create');

		await page.getByText('Connect to SevenRooms').click();
		for (const label of [
			'Environment',
			'Client ID',
			'Client Secret',
			'Custom Scopes',
			'Requests per Minute',
		]) {
			await page
				.getByText(new RegExp(`^${label}`))
				.first()
				.waitFor({ timeout: 15_000 });
		}
		await shot('3-credential-form');

		const ours = consoleErrors.filter((text) =>
			/seven ?rooms|CUSTOM\.|parameter|credential/i.test(text),
		);
		expect(ours).toEqual([]);
	});
});
