#!/usr/bin/env bash
# `npm run build`, and a note of when it started (.n8n-data/built-from) for `--if-changed`: then it
# builds only when something the build reads is newer than that (a file changed, added or removed
# under nodes/, credentials/ or icons/, the manifest, the lockfile, the build's own configuration),
# or dist/ is missing. `npm start` builds that way; the build's chatter goes to .n8n-data/build.log.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .n8n-data
NOTE=.n8n-data/built-from
SOURCES=(nodes credentials icons package.json package-lock.json tsconfig.json tsconfig.build.json
	gulpfile.js scripts/bundle-dependencies.mjs)
if [ "${1:-}" = "--if-changed" ] && [ -f "$NOTE" ] && [ -d dist ] &&
	[ -z "$(find "${SOURCES[@]}" -newer "$NOTE" -print -quit)" ]; then
	echo "» the package is built (nothing changed since)"
	exit 0
fi
echo "» building the package"
# Noted before it starts: a file changed while it runs makes the next one build again.
touch "$NOTE.next"
if ! npm run build --silent >.n8n-data/build.log 2>&1; then
	cat .n8n-data/build.log >&2
	exit 1
fi
mv "$NOTE.next" "$NOTE"
