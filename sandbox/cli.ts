/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tooling, runs in Node beside n8n, never inside it (Node globals) */
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, startSandbox } from './server';

/** `npm run sandbox -- --port 4010 --guests 5000 --seed 42 --rate-limit 120 --v24-token-ttl 86400` */
function flag(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	const value = index >= 0 ? process.argv[index + 1] : undefined;
	return value === undefined ? fallback : Number(value);
}

async function main() {
	const sandbox = await startSandbox({
		port: flag('port', Number(process.env.SANDBOX_PORT ?? process.env.PORT ?? 4010)),
		host: process.env.SANDBOX_HOST ?? '127.0.0.1',
		guests: flag('guests', 2000),
		seed: flag('seed', 42),
		rateLimitPerMinute: flag('rate-limit', 120),
		v24TokenTtlSeconds: flag('v24-token-ttl', 86_400),
		log: process.argv.includes('--log'),
	});
	process.stdout.write(
		[
			`SevenRooms sandbox listening on ${sandbox.url}`,
			`  client id:     ${SANDBOX_CLIENT_ID}`,
			`  client secret: ${SANDBOX_CLIENT_SECRET}`,
			`  Reservations API 2.4: ${sandbox.url}/2_4 (POST /2_4/auth)`,
			`  venues: ${sandbox.state.venues.size}, guests: ${sandbox.state.guests.size}, reservations: ${sandbox.state.reservations.size}`,
			`  stats: ${sandbox.url}/__sandbox/stats`,
			'',
		].join('\n'),
	);
	const stop = () => {
		void sandbox.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
