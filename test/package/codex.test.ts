/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The codex files n8n's node panel searches: a node's name and its `alias` words (n8n 2.41's
 * editor matches a search as letters in order within one of them; categories play no part). The
 * editor check (e2e/editor.e2e.ts) searches the real panel.
 */
interface Codex {
	node: string;
	categories: string[];
	alias?: string[];
}
const codexOf = (file: string) =>
	JSON.parse(
		readFileSync(path.resolve(__dirname, '../../nodes/SevenRooms', `${file}.node.json`), 'utf8'),
	) as Codex;
const action = codexOf('SevenRooms');
const webhookTrigger = codexOf('SevenRoomsTrigger');
const pollTrigger = codexOf('SevenRoomsPollTrigger');
const lower = (words: string[] = []) => words.map((word) => word.toLowerCase());

describe("the nodes' search words", () => {
	it.each([
		['SevenRooms', action, 'sevenRooms'],
		['SevenRoomsTrigger', webhookTrigger, 'sevenRoomsTrigger'],
		['SevenRoomsPollTrigger', pollTrigger, 'sevenRoomsPollTrigger'],
	])('%s.node.json names its node and has its own words, each once', (_file, codex, name) => {
		expect(codex.node).toBe(`n8n-nodes-sevenrooms.${name}`);
		expect(codex.alias?.length).toBeGreaterThan(10);
		expect(new Set(lower(codex.alias)).size).toBe(codex.alias?.length);
	});

	it('finds the Poll Trigger by what marketing people look for', () => {
		expect(lower(pollTrigger.alias)).toEqual(
			expect.arrayContaining([
				'birthday',
				'audience',
				'opt-in',
				'newsletter',
				'mailchimp',
				'klaviyo',
				'guest',
				'crm',
				'restaurant',
				'hospitality',
			]),
		);
	});

	it('finds the after-visit events and the booking tools by what people look for', () => {
		expect(lower(pollTrigger.alias)).toEqual(
			expect.arrayContaining([
				'review request',
				'thank you',
				'no-show',
				'rating',
				'loyalty points',
			]),
		);
		expect(lower(action.alias)).toEqual(
			expect.arrayContaining(['availability', 'ai agent', 'mcp', 'concierge']),
		);
	});

	it('finds the Poll Trigger and the SevenRooms node by the brand and a word (one string each)', () => {
		expect(lower(pollTrigger.alias)).toEqual(
			expect.arrayContaining(['sevenrooms birthday', 'sevenrooms audience']),
		);
		expect(lower(action.alias)).toEqual(
			expect.arrayContaining(['sevenrooms reservation', 'sevenrooms guest']),
		);
	});

	it('finds the SevenRooms node by reservations, tables, guests and the waitlist', () => {
		expect(lower(action.alias)).toEqual(
			expect.arrayContaining([
				'reservation',
				'booking',
				'table',
				'waitlist',
				'guest',
				'crm',
				'restaurant',
				'hospitality',
			]),
		);
	});

	it("has the webhook trigger's words on the SevenRooms node, whose entry lists its events", () => {
		// n8n's panel shows the trigger only inside the SevenRooms node's entry (same name without
		// "Trigger"), and that entry is searched by the SevenRooms node's words.
		expect(lower(action.alias)).toEqual(expect.arrayContaining(lower(webhookTrigger.alias)));
	});
});
