#!/usr/bin/env bash
# `npm start`: installs what is missing (npm packages, Node 24, n8n, MailDev), builds (when the
# sources changed since the last build), and runs the demo.
# `npm run queue-mode` (`--queue`): the same on n8n's queue mode, with Redis and PostgreSQL too.
#
# A signal to `npm start` must stop everything, as Ctrl-C does: npm hands SIGINT and SIGTERM to its
# child only, so no process may stand between npm and the demo. package.json runs this script with
# `exec` (no `sh -c` left waiting), this script `exec`s the demo's Node process at the end, and
# until then it runs each step as a job of its own that a signal here ends with it.
set -euo pipefail
cd "$(dirname "$0")/.."
set -m
step() {
	"$@" &
	STEP=$!
	wait "$STEP"
	STEP=
}
stop() {
	if [ -n "${STEP:-}" ]; then kill -TERM -- "-$STEP" 2>/dev/null; fi
	exit "$1"
}
trap 'stop 130' INT
trap 'stop 143' TERM

step bash scripts/ensure-deps.sh
step bash scripts/build.sh --if-changed
step bash scripts/install-n8n.sh
step bash scripts/install-maildev.sh
if [ "${1:-}" = "--queue" ]; then step bash scripts/install-queue-services.sh; fi
exec node_modules/.bin/ts-node --transpile-only --prefer-ts-exts scripts/start.ts "$@"
