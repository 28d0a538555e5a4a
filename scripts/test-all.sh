#!/usr/bin/env bash
# The whole suite on a fresh clone: install, build, lint, type-check, unit + sandbox + engine +
# trigger tests, then end-to-end tests against a real n8n (installed into .n8n-install/).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .artifacts
# Each stage's name and duration, on screen and one line each in .artifacts/stage-times.txt.
stage() { printf '\n» %s\n' "$1"; STAGE_NAME=$1; STAGE_START=$SECONDS; }
took() {
	local seconds=$((SECONDS - STAGE_START))
	printf '  (%ss)\n' "$seconds"
	printf '%5ss  %s\n' "$seconds" "$STAGE_NAME" >>.artifacts/stage-times.txt
}
: > .artifacts/stage-times.txt

stage "install npm packages";  bash scripts/ensure-deps.sh;   took
stage "build";                 npm run build --silent;         took
stage "lint";                  npm run lint --silent;          took
stage "package: tarball contents and size, n8n's community package scanner"
npm run scan --silent | tee .artifacts/package-scan.txt; took
stage "type-check";            npm run typecheck --silent;     took
stage "unit, sandbox, engine and trigger tests"
npx jest --ci --json --outputFile=.artifacts/jest.json; took
stage "install n8n and Node 24"; bash scripts/install-n8n.sh;  took
stage "install n8n 1.123.81 (the last 1.x) under Node 20"; bash scripts/install-n8n1.sh; took
stage "install MailDev 2.2.1 for the demo's birthday emails"; bash scripts/install-maildev.sh; took
stage "install Redis and PostgreSQL 17 for the queue-mode test"; bash scripts/install-queue-services.sh; took
stage "install Chromium (Debian) for the editor check"
if ! command -v chromium >/dev/null 2>&1; then
	apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
took
stage "end-to-end tests in real n8n 2.41.1, in queue mode, in n8n 1.x, and the editor in headless Chromium"
npx jest -c jest.e2e.config.js --ci --json --outputFile=.artifacts/jest-e2e.json; took

node -e '
const a = require("./.artifacts/jest.json"), b = require("./.artifacts/jest-e2e.json");
const passed = a.numPassedTests + b.numPassedTests, failed = a.numFailedTests + b.numFailedTests;
console.log(`\n${passed} passed, ${failed} failed`);
'
