/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling, runs in Node beside n8n, never inside it (Node globals; Node modules and dev packages) */
import { readFileSync, writeFileSync } from 'node:fs';

/** Small helpers the benchmarks share: flags, output, memory sampling. */
export function flag(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

export function print(line = ''): void {
	process.stdout.write(`${line}\n`);
}

/** The kernel's peak RSS of this process (VmHWM), bytes; undefined off Linux. */
function peakRssBytes(): number | undefined {
	try {
		const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
		return match ? Number(match[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Samples RSS and the JS heap every 20 ms until stopped; returns their peak growth over the start
 * (after a full GC when `--expose-gc` is on), in MiB. On Linux the RSS peak is the kernel's own
 * high-water mark, reset at the start, so no short peak between two samples is missed.
 */
export function sampleRss(): () => {
	rss: number;
	heap: number;
	heapTotal: number;
	external: number;
	retained: number;
} {
	global.gc?.();
	try {
		writeFileSync('/proc/self/clear_refs', '5'); // resets VmHWM to the current RSS
	} catch {
		// not Linux: the samples alone
	}
	const start = process.memoryUsage();
	const peak = { ...start };
	const sample = () => {
		const now = process.memoryUsage();
		peak.rss = Math.max(peak.rss, now.rss);
		peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
		peak.heapTotal = Math.max(peak.heapTotal, now.heapTotal);
		peak.external = Math.max(peak.external, now.external);
	};
	const timer = setInterval(sample, 20);
	return () => {
		clearInterval(timer);
		sample();
		peak.rss = Math.max(peak.rss, peakRssBytes() ?? 0);
		// What is still held once the garbage is gone (the caller still holds the run's result).
		global.gc?.();
		const retained = MiB(process.memoryUsage().heapUsed - start.heapUsed);
		return {
			retained,
			rss: MiB(peak.rss - start.rss),
			heap: MiB(peak.heapUsed - start.heapUsed),
			heapTotal: MiB(peak.heapTotal - start.heapTotal),
			external: MiB(peak.external - start.external),
		};
	};
}

export const MiB = (bytes: number) => bytes / 1024 / 1024;
