/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tooling, runs in Node beside n8n, never inside it (Node globals: the Chromium path from the environment) */
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

import { OWNER } from './n8n';

/**
 * Debian's headless Chromium (`apt-get install chromium`; `CHROMIUM_PATH` for another binary, as
 * CI's Chrome), for the editor e2e test and the README screenshots.
 */
export async function launchChromium(): Promise<Browser> {
	return await chromium.launch({
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
}

/**
 * Signs in to the n8n editor at `n8nUrl` as the demo's owner, through its sign-in form, unless the
 * page is signed in already (a check can run on its own or after the others).
 */
export async function signInToEditor(page: Page, n8nUrl: string): Promise<void> {
	await page.goto(`${n8nUrl}/signin`);
	// Signed in, n8n leaves the sign-in page; otherwise it asks for the email.
	const email = page.getByLabel(/email/i).first();
	const asked = await Promise.race([
		page
			.waitForURL((url) => !url.pathname.includes('signin'))
			.then(
				() => false,
				() => false,
			),
		email.waitFor().then(
			() => true,
			() => false,
		),
	]);
	if (!asked) return;
	await email.fill(OWNER.email);
	await page
		.getByLabel(/password/i)
		.first()
		.fill(OWNER.password);
	await page.getByRole('button', { name: /sign in/i }).click();
	await page.waitForURL((url) => !url.pathname.includes('signin'));
}

/** A new workflow's node panel, searched for `text`; `onCanvas` runs on the empty canvas. */
export async function searchNodePanel(
	page: Page,
	n8nUrl: string,
	text: string,
	onCanvas?: () => Promise<unknown>,
): Promise<void> {
	await page.goto(`${n8nUrl}/workflow/new`);
	await page.getByText('Add first step').waitFor();
	await onCanvas?.();
	// The + button opens the node creator (its label below does not); then its search box, once
	// there, instead of typing after a fixed wait, which a CI run on 2 busy cores lost.
	await page.locator('[data-test-id="canvas-plus-button"]').click();
	const search = page.locator('[data-test-id="node-creator-search-bar"]');
	await search.waitFor();
	await search.fill(text);
}

/** Adds SevenRooms → `action` to a new workflow from the node panel. */
export async function addSevenRoomsAction(
	page: Page,
	n8nUrl: string,
	action: string,
	{
		onCanvas,
		onPanel,
	}: { onCanvas?: () => Promise<unknown>; onPanel?: () => Promise<unknown> } = {},
): Promise<void> {
	await searchNodePanel(page, n8nUrl, 'SevenRooms', onCanvas);
	await page.getByText('SevenRooms', { exact: true }).first().click();
	const actions = page.getByText(/^Actions \(\d+\)$/).first();
	await actions.waitFor();
	await onPanel?.();
	// Installed from npm, the package opens on n8n's community-node details panel (Via npm,
	// Manage, Report): its triggers, then its actions, without a search box.
	const item = page.getByText(action, { exact: true }).first();
	if (!(await item.isVisible())) await actions.click();
	await item.click();
}
