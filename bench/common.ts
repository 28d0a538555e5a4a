/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tooling, runs in Node beside n8n, never inside it (Node globals) */
/** Small helpers the benchmarks share: flags, output, memory sampling. */
export function flag(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

export function print(line = ''): void {
	process.stdout.write(`${line}\n`);
}

/** Samples RSS every 50 ms until stopped; returns the peak growth over the start, in MiB. */
export function sampleRss(): () => number {
	global.gc?.();
	const start = process.memoryUsage().rss;
	let peak = start;
	const timer = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
	}, 50);
	return () => {
		clearInterval(timer);
		return (Math.max(peak, process.memoryUsage().rss) - start) / 1024 / 1024;
	};
}

export const MiB = (bytes: number) => bytes / 1024 / 1024;
