#!/usr/bin/env bash
# `npm start`: installs what is missing (npm packages, Node 24, n8n), builds, and runs the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npm run build --silent
bash scripts/install-n8n.sh
exec npx ts-node --transpile-only --prefer-ts-exts scripts/start.ts
