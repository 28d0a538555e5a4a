#!/usr/bin/env bash
# Installs the project's npm packages when they are missing or older than the lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/npm-install.sh
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	echo "» npm packages"
	# `npm install` rather than `npm ci`: npm 11 leaves unrs-resolver's other-platform optional
	# bindings out of the lockfile and `npm ci` then refuses it; install follows the lockfile too.
	npm_install --no-audit --no-fund --loglevel=error
fi
