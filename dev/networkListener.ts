/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node modules) */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';

export interface NetworkListener {
	/** `address:port` on a network interface of this machine, not loopback */
	host: string;
	/** every request it got, as `METHOD /path` */
	received: string[];
	close(): Promise<void>;
}

/**
 * An HTTP server on this machine's network address (not loopback): where a request sent over plain
 * http to "another host" would arrive, so a test can show that none does.
 */
export async function listenOnNetwork(): Promise<NetworkListener> {
	const address = Object.values(networkInterfaces())
		.flat()
		.find((entry) => entry?.family === 'IPv4' && !entry.internal)?.address;
	if (!address) throw new Error('This test needs a network address other than loopback');
	const received: string[] = [];
	const server = http.createServer((request, response) => {
		received.push(`${request.method} ${request.url}`);
		response.end('{}');
	});
	await new Promise<void>((resolve) => server.listen(0, address, resolve));
	return {
		host: `${address}:${(server.address() as AddressInfo).port}`,
		received,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
