import axios from 'axios';
import type { INode } from 'n8n-workflow';

import { SevenRoomsApi } from '../../credentials/SevenRoomsApi.credentials';
import { PLAIN_HTTP_REFUSED_URL } from '../../nodes/SevenRooms/shared/baseUrl';
import { checkedBaseUrl } from '../../nodes/SevenRooms/transport/connection';
import { sevenRooms24Credentials, sevenRoomsCredentials } from '../../dev/engine';
import { listenOnNetwork } from '../../dev/networkListener';

/**
 * Plain http only to this machine, read as the URL parser reads a URL: the credentials' API Base
 * URL (what n8n's credential Test and token requests use) and the transport's check agree.
 */
async function resolved(type: 'sevenRoomsOAuth2Api' | 'sevenRoomsApi', baseUrl: string) {
	const helper =
		type === 'sevenRoomsApi'
			? sevenRooms24Credentials('unused', { baseUrl })
			: sevenRoomsCredentials(baseUrl);
	return await helper.getDecrypted(
		{} as never,
		{ id: 'cred-sevenrooms', name: 'SevenRooms' },
		type,
		'internal',
	);
}

const node = { name: 'SevenRooms' } as INode;
const transportVerdict = (url: string) => {
	try {
		return checkedBaseUrl(node, url);
	} catch (error) {
		return (error as Error).message;
	}
};

/** Plain http to another host, spelled as the URL parser still reads it. */
const ELSEWHERE = [
	'http://remote.example/2_4',
	'ht\ttp://remote.example/2_4',
	'h\nttp://remote.example/2_4',
	' http://remote.example/2_4',
	'\u0001http://remote.example/2_4',
	'HTTP://remote.example/2_4',
	'http:remote.example/2_4',
	'http:/remote.example/2_4',
	'http:\\\\remote.example/2_4',
	'http://localhost.evil.com',
	'http://127.0.0.1.nip.io',
	'http://localhost@remote.example',
	'http://localhost:4010@remote.example',
	'http://[::1]@remote.example',
];
const HERE = [
	['http://localhost:4010/', 'http://localhost:4010'],
	['http://127.0.0.1:4010/2_4', 'http://127.0.0.1:4010/2_4'],
	['http://[::1]:4010', 'http://[::1]:4010'],
	[' HTTP://LOCALHOST:4010 ', 'HTTP://LOCALHOST:4010'],
	['http://local\thost:4010', 'http://localhost:4010'],
	['https://remote.example/2_4/', 'https://remote.example/2_4'],
];

describe('the base URL of both credentials', () => {
	it.each(['sevenRoomsOAuth2Api', 'sevenRoomsApi'] as const)(
		'%s: plain http elsewhere becomes an address that cannot resolve, however it is spelled',
		async (type) => {
			for (const url of ELSEWHERE) {
				const data = await resolved(type, url);
				expect({ url, apiBaseUrl: data.apiBaseUrl }).toEqual({
					url,
					apiBaseUrl: PLAIN_HTTP_REFUSED_URL,
				});
				if (type === 'sevenRoomsOAuth2Api')
					expect(data.accessTokenUrl).toBe(`${PLAIN_HTTP_REFUSED_URL}/oauth/token`);
				expect(transportVerdict(url)).toBe("The SevenRooms credential's Base URL uses plain http");
			}
		},
	);

	it.each(['sevenRoomsOAuth2Api', 'sevenRoomsApi'] as const)(
		'%s: this machine over http and anything over https are kept, as the URL parser reads them',
		async (type) => {
			for (const [url, expected] of HERE) {
				expect((await resolved(type, url)).apiBaseUrl).toBe(expected);
				expect(transportVerdict(expected)).toBe(expected);
			}
		},
	);

	it('API 2.4: the token request of a tab-split http URL reaches no host on the network', async () => {
		const listener = await listenOnNetwork();
		try {
			const data = await resolved('sevenRoomsApi', `ht\ttp://${listener.host}/2_4`);
			const httpRequest = async (options: { url: string; method?: string; body?: unknown }) => {
				const answer = await axios.request({
					url: options.url,
					method: options.method,
					data: options.body,
					validateStatus: () => true,
					timeout: 5_000,
				});
				return { statusCode: answer.status, body: answer.data, headers: answer.headers };
			};
			await expect(
				new SevenRoomsApi().preAuthentication.call({ helpers: { httpRequest } } as never, data),
			).rejects.toThrow('did not issue a token (no answer)');
			expect(listener.received).toEqual([]);
		} finally {
			await listener.close();
		}
	});
});
