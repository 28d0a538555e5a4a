#!/usr/bin/env bash
# `npm start`: installs what is missing (npm packages, Node 24, n8n, MailDev), builds, and runs the demo.
# `npm run queue-mode` (`--queue`): the same on n8n's queue mode, with Redis and PostgreSQL too.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
# The build's own chatter (gulp's task lines) goes to a file, shown only when the build fails.
mkdir -p .n8n-data
echo "» building the package"
if ! npm run build --silent >.n8n-data/build.log 2>&1; then
	cat .n8n-data/build.log >&2
	exit 1
fi
bash scripts/install-n8n.sh
bash scripts/install-maildev.sh
if [ "${1:-}" = "--queue" ]; then bash scripts/install-queue-services.sh; fi
exec npx ts-node --transpile-only --prefer-ts-exts scripts/start.ts "$@"
