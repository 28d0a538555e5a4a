/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (starts MailDev as a child process; Node globals; Node modules) */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

import { ROOT, freePort, stopProcess } from './n8n';

/**
 * MailDev (npm `maildev@2`), a local SMTP server with a web inbox, where the demo's birthday emails
 * land. scripts/install-maildev.sh installs it into `.n8n-install/maildev/` (or `$MAILDEV_INSTALL`);
 * it runs under the Node that runs this, on loopback only.
 */
export const MAILDEV_INSTALL =
	process.env.MAILDEV_INSTALL ?? path.join(ROOT, '.n8n-install/maildev');
const MAILDEV_BIN = path.join(MAILDEV_INSTALL, 'node_modules/maildev/bin/maildev');

export interface MailDev {
	/** the web inbox */
	url: string;
	smtpPort: number;
	/** the emails received, newest last (MailDev's REST API) */
	emails(): Promise<MailDevEmail[]>;
	stop(): Promise<void>;
}

export interface MailDevEmail {
	subject: string;
	text?: string;
	to: Array<{ address: string; name?: string }>;
	from: Array<{ address: string; name?: string }>;
}

export interface MailDevOptions {
	/** free ports when not given */
	smtpPort?: number;
	webPort?: number;
	/** where MailDev keeps the emails; a temporary folder of its own when not given */
	mailDirectory?: string;
}

/** Every email in the MailDev inbox served at `url` (its web address). */
export async function emailsIn(url: string): Promise<MailDevEmail[]> {
	return (await (await fetch(`${url}/email`)).json()) as MailDevEmail[];
}

export async function startMailDev({
	smtpPort,
	webPort,
	mailDirectory,
}: MailDevOptions = {}): Promise<MailDev> {
	if (!existsSync(MAILDEV_BIN))
		throw new Error(
			`MailDev is not installed in ${MAILDEV_INSTALL}: run scripts/install-maildev.sh`,
		);
	const smtp = smtpPort ?? (await freePort());
	const web = webPort ?? (await freePort());
	const args = [MAILDEV_BIN, '--ip', '127.0.0.1', '--smtp', String(smtp), '--web', String(web)];
	if (mailDirectory) {
		mkdirSync(mailDirectory, { recursive: true });
		args.push('--mail-directory', mailDirectory);
	}
	const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	const logs: string[] = [];
	child.stdout?.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
	const url = `http://127.0.0.1:${web}`;
	const deadline = Date.now() + 120_000;
	for (;;) {
		if (child.exitCode !== null)
			throw new Error(`MailDev exited with ${child.exitCode}:\n${logs.join('').slice(-2000)}`);
		const text = logs.join('');
		if (text.includes('SMTP Server running') && text.includes('webapp running')) {
			const health = await fetch(`${url}/healthz`).catch(() => undefined);
			if (health?.ok) break;
		}
		if (Date.now() > deadline)
			throw new Error(`MailDev did not start in time:\n${logs.join('').slice(-2000)}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return {
		url,
		smtpPort: smtp,
		emails: async () => await emailsIn(url),
		stop: async () => await stopProcess(child, 5_000),
	};
}

/** n8n's SMTP credential (type `smtp`) for a MailDev: no user, no TLS. */
export function smtpCredentialData(mailDev: Pick<MailDev, 'smtpPort'>) {
	return {
		host: '127.0.0.1',
		port: mailDev.smtpPort,
		user: '',
		password: '',
		secure: false,
		disableStartTls: true,
	};
}
