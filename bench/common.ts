/** Small helpers the benchmarks share: flags, output, memory sampling. */
export function flag(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

export function print(line = ''): void {
	process.stdout.write(`${line}\n`);
}

/**
 * Samples RSS and the JS heap every 20 ms until stopped; returns their peak growth over the start
 * (after a full GC when `--expose-gc` is on), in MiB.
 */
export function sampleRss(): () => {
	rss: number;
	heap: number;
	heapTotal: number;
	external: number;
} {
	global.gc?.();
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
		return {
			rss: MiB(peak.rss - start.rss),
			heap: MiB(peak.heapUsed - start.heapUsed),
			heapTotal: MiB(peak.heapTotal - start.heapTotal),
			external: MiB(peak.external - start.external),
		};
	};
}

export const MiB = (bytes: number) => bytes / 1024 / 1024;
