#!/usr/bin/env bash
# `npm start`: installs what is missing (npm packages, Node 24, n8n), builds, and runs the demo.
# `npm run queue-mode` (`--queue`): the same on n8n's queue mode, with Redis and PostgreSQL too.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npm run build --silent
bash scripts/install-n8n.sh
if [ "${1:-}" = "--queue" ]; then bash scripts/install-queue-services.sh; fi
exec npx ts-node --transpile-only --prefer-ts-exts scripts/start.ts "$@"
