/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node modules and dev packages) */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import type { Browser, Page } from 'playwright-core';

import {
	addSevenRoomsAction,
	launchChromium,
	searchNodePanel,
	signInToEditor,
} from '../dev/browser';
import { N8nClient, ROOT } from '../dev/n8n';
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
/** the OAuth2 API credential this file chooses in its nodes and gives its workflows */
let credentialId: string;
const consoleErrors: string[] = [];
const OAUTH2_CREDENTIAL = 'SevenRooms sandbox';

beforeAll(async () => {
	mkdirSync(SCREENSHOTS, { recursive: true });
	sandbox = await startSandbox({ guests: 300, rateLimitPerMinute: 0 });
	n8n = await sharedN8n('n8n');
	client = new N8nClient(n8n.url);
	await client.signIn();
	// An OAuth2 API credential to choose in the nodes, whatever other files have made.
	credentialId = await client.createCredential(
		OAUTH2_CREDENTIAL,
		'sevenRoomsOAuth2Api',
		credentialData(sandbox.url),
	);
	browser = await launchChromium();
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

/**
 * Chooses the OAuth2 API's sandbox credential in the open node. n8n gives a new node a SevenRooms
 * credential of this shared n8n, which may be another file's API 2.4 one (its guests have other
 * fields, its form other settings); the field list and a new credential follow the one chosen.
 */
async function chooseOAuth2Credential() {
	await page.locator('[data-test-id="node-credentials-select"]').click();
	await page
		.locator('.el-select-dropdown__item:visible')
		.filter({ has: page.getByText(OAUTH2_CREDENTIAL, { exact: true }) })
		.first()
		.click();
}

/** How far down the page each label is, in order (a label the page lacks fails the wait). */
async function topsOf(labels: string[], timeout?: number): Promise<number[]> {
	const tops: number[] = [];
	for (const label of labels) {
		const field = page.getByText(new RegExp(`^${label}`)).first();
		await field.waitFor({ timeout });
		tops.push((await field.boundingBox())?.y ?? Number.NaN);
	}
	return tops;
}

/** The names the node panel lists (a trigger with events loses " Trigger" there). */
const panelNames = async () =>
	(await page.locator('[data-test-id="node-creator-item-name"]').allInnerTexts()).map((name) =>
		name.trim(),
	);

describe('the SevenRooms node in the n8n editor', () => {
	it('adds SevenRooms → Guest → Create, renders its parameters and the credential form', async () => {
		await signInToEditor(page, n8n.url);
		// The sign-in page's session probe answers 401 before login: not ours.
		consoleErrors.length = 0;

		await addSevenRoomsAction(page, n8n.url, 'Create a guest', {
			onCanvas: () => shot('0-new-workflow'),
			onPanel: () => shot('1-node-creator'),
		});

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

		// This n8n has SevenRooms credentials (its own, other files'), so n8n gives the node one: a
		// new one is made from the list, as a user who has one already does, of the API chosen.
		await chooseOAuth2Credential();
		await page.locator('[data-test-id="node-credentials-select"]').click();
		await page.locator('[data-test-id="node-credentials-select-item-new"]').click();
		// Where the API is comes first, then who the client is, top to bottom.
		const tops = await topsOf([
			'Environment',
			'Client ID',
			'Client Secret',
			'Custom Scopes',
			'Requests per Minute',
		]);
		expect(tops).toEqual([...tops].sort((a, b) => a - b));
		await shot('3-credential-form');

		const ours = consoleErrors.filter((text) =>
			/seven ?rooms|CUSTOM\.|parameter|credential/i.test(text),
		);
		expect(ours).toEqual([]);
	});

	it('opens every demo workflow, shows subtitles in user words, and fetches a test event from an active poll trigger', async () => {
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

	it('finds the Poll Trigger by what people search for, and describes the SevenRooms entry as a whole', async () => {
		await signInToEditor(page, n8n.url);
		for (const [text, name] of [
			['birthday', 'birthday'],
			['audience', 'audience'],
			['sevenrooms audience', 'sevenrooms-audience'],
		]) {
			await searchNodePanel(page, n8n.url, text);
			// n8n lists a trigger with events without " Trigger": the Poll Trigger is "SevenRooms Poll".
			await page.getByText('SevenRooms Poll', { exact: true }).first().waitFor({ timeout: 15_000 });
			expect({ text, names: await panelNames() }).toEqual({
				text,
				names: expect.arrayContaining(['SevenRooms Poll']),
			});
			await shot(`7-search-${name}`);
		}
		await searchNodePanel(page, n8n.url, 'reservation');
		await page.getByText('SevenRooms', { exact: true }).first().waitFor({ timeout: 15_000 });

		// The SevenRooms entry lists the webhook trigger's events and the node's actions under the
		// trigger's description (n8n merges them by name): it speaks of both.
		await searchNodePanel(page, n8n.url, 'SevenRooms');
		await page.getByText('SevenRooms', { exact: true }).first().click();
		await page.getByText('Actions (25)').waitFor();
		const description = page.getByText(/^Starts a workflow when a SevenRooms reservation/).first();
		await description.waitFor();
		expect(await description.innerText()).toMatch(/SevenRooms actions create, update and look/);
		await shot('8-node-details');
	});

	it('says what Map Automatically does, matches guests on Email and Phone by name, and leaves an empty Preferences (JSON) unmarked', async () => {
		await signInToEditor(page, n8n.url);
		await addSevenRoomsAction(page, n8n.url, 'Create or update a guest');
		await chooseOAuth2Credential();

		// Match Guests On shows the field's name, as the list it is chosen from does.
		const chips = page.locator('[data-test-id="resource-mapper-container"] .el-tag');
		const chip = (name: string) => chips.filter({ hasText: new RegExp(`^${name}$`) }).first();
		await chip('Email').waitFor({ timeout: 15_000 });
		await chip('Email').click();
		await page.locator('[data-test-id="matching-column-option-Phone"]').click();
		await page.getByText('Match Guests On', { exact: true }).click();
		await chip('Phone').waitFor({ timeout: 15_000 });
		expect(await chips.allInnerTexts()).not.toEqual(
			expect.arrayContaining([expect.stringMatching(/^(email|phone)$/)]),
		);
		await shot('9-match-guests-on');

		// A new node's manual mapper: Preferences (JSON) is an empty text box, not a JSON editor
		// that marks the empty value as an error.
		const fields = page.locator('[data-test-id="mapping-fields-container"]');
		await fields.getByText('Preferences (JSON)', { exact: true }).scrollIntoViewIfNeeded();
		await fields.getByText('Tags', { exact: true }).scrollIntoViewIfNeeded();
		expect(await fields.locator('.cm-editor').count()).toBe(0);
		expect(await page.locator('.cm-lint-marker-error, .cm-lintRange-error').count()).toBe(0);
		await shot('10-preferences-empty');

		// Map Automatically: the node's own notice says columns need no renaming.
		await page.locator('[data-test-id="mapping-mode-select"]').click();
		await page
			.locator('.el-select-dropdown__item:visible', { hasText: 'Map Automatically' })
			.click();
		const notice = page.getByText(/^No need to rename columns/).first();
		await notice.waitFor({ timeout: 15_000 });
		expect(await notice.innerText()).toContain('First Name, first_name, firstName');
		await notice.scrollIntoViewIfNeeded();
		await shot('11-map-automatically');
	});

	it("shows n8n's Allowed HTTP Request Domains in the same place in both credential forms", async () => {
		await signInToEditor(page, n8n.url);
		const forms = {
			oauth2: {
				id: credentialId,
				labels: ['Allowed HTTP Request Domains', 'Environment', 'Client ID', 'Requests per Minute'],
			},
			api24: {
				id: await client.createCredential(
					'SevenRooms 2.4 (form order)',
					'sevenRoomsApi',
					credential24Data(sandbox.url),
				),
				labels: ['Allowed HTTP Request Domains', 'Region', 'Client ID', 'Requests per Minute'],
			},
		};
		for (const [name, { id, labels }] of Object.entries(forms)) {
			await page.goto(`${n8n.url}/home/credentials/${id}`);
			const tops = await topsOf(labels, 30_000);
			expect({ name, tops }).toEqual({ name, tops: [...tops].sort((a, b) => a - b) });
			await shot(`12-credential-${name}`);
		}
	});
});
