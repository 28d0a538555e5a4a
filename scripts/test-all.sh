#!/usr/bin/env bash
# The whole suite on a fresh clone: install, build, lint, type-check, unit + sandbox + engine +
# trigger tests, then end-to-end tests against a real n8n (installed into .n8n-install/).
#
# Three lanes at once, after the npm packages and the build: what only the end-to-end tests need
# installs in the background from the start (n8n 2.x and Node 24, n8n 1.x, MailDev, Redis and
# PostgreSQL, Chromium); the checks (lint, the package scan, the type-check, jest) run; and the
# end-to-end tests start once the installs are done, beside whatever checks still run. Every
# stage's output goes to .artifacts/logs/<stage>.log (follow one with `tail -f`) and its time to
# the screen and .artifacts/stage-times.txt as it ends. A failed stage stops only what needs it
# (a failed npm install stops everything; a failed build or n8n 2.x install skips the end-to-end
# tests; jest failing does not). It always ends with the stage times, the end of each failed
# stage's log, the slowest tests and `N passed, M failed`, and exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
ARTIFACTS=.artifacts
LOGS=$ARTIFACTS/logs
mkdir -p "$LOGS"
rm -f "$LOGS"/* "$ARTIFACTS"/jest.json "$ARTIFACTS"/jest-e2e.json
: >"$ARTIFACTS/stage-times.txt"
SUITE_START=$SECONDS

# A stage: runs a command with its output in <log>.log, then writes "<exit status> <seconds>" to
# <log>.status and its line to the screen and stage-times.txt. Lanes are subshells: they share
# nothing but these files.
stage() { # log-name stage-name command...
	local log=$1 name=$2 start=$SECONDS status
	shift 2
	"$@" >"$LOGS/$log.log" 2>&1
	status=$?
	finished "$log" "$name" "$status" $((SECONDS - start))
	return "$status"
}
finished() { # log-name stage-name exit-status seconds
	echo "$3 $4 $2" >"$LOGS/$1.status"
	printf '%5ss  %s%s\n' "$4" "$2" "$([ "$3" = 0 ] || echo "  FAILED (exit $3)")" |
		tee -a "$ARTIFACTS/stage-times.txt"
}
succeeded() { [ -f "$LOGS/$1.status" ] && [ "$(cut -d' ' -f1 "$LOGS/$1.status")" = 0 ]; }
skipped() { # log-name stage-name reason
	echo "skipped $2: $3" >"$LOGS/$1.log"
	echo "1 0 $2 (skipped: $3)" >"$LOGS/$1.status"
	printf '%5s   %s\n' - "$2: skipped, $3" | tee -a "$ARTIFACTS/stage-times.txt"
}

printf 'Stage logs: %s/ (tail -f one to follow it)\n\n' "$LOGS"
# Each install in the background; "(in the background)" in its name: its time overlaps the others'.
INSTALLS=()
in_background() { # log-name stage-name command...
	stage "$@" &
	INSTALLS+=($!)
}
in_background install-n8n "install Node 24 and n8n 2.41.1 (in the background)" bash scripts/install-n8n.sh
in_background install-n8n1 "install n8n 1.123.81, the last 1.x, under Node 20 (in the background)" \
	bash scripts/install-n8n1.sh
in_background install-maildev "install MailDev 2.2.1 (in the background)" bash scripts/install-maildev.sh
# Both use apt-get, which one process at a time may run: one after the other.
in_background install-system "install Redis, PostgreSQL 17 and Chromium (in the background)" \
	bash -c 'bash scripts/install-queue-services.sh && bash scripts/install-chromium.sh'

if stage npm "install npm packages" bash scripts/ensure-deps.sh; then
	stage build "build" bash scripts/build.sh
	(
		stage lint "lint" npm run lint --silent
		stage scan "package: tarball contents and size, n8n's community package scanner" \
			bash -c 'npm run scan --silent | tee .artifacts/package-scan.txt'
		stage typecheck "type-check" npm run typecheck --silent
		stage jest "unit, sandbox, engine and trigger tests (jest)" \
			npx jest --ci --json --outputFile="$ARTIFACTS/jest.json"
	) &
	CHECKS=$!
	wait "${INSTALLS[@]}"
	E2E="end-to-end tests: n8n 2.41.1 (also in queue mode), n8n 1.x, the demo, the editor"
	if ! succeeded build; then
		skipped e2e "$E2E" "the build failed"
	elif ! succeeded install-n8n; then
		skipped e2e "$E2E" "n8n 2.41.1 did not install"
	else
		stage e2e "$E2E" npx jest -c jest.e2e.config.js --ci --json --outputFile="$ARTIFACTS/jest-e2e.json"
	fi
	wait "$CHECKS"
else
	wait "${INSTALLS[@]}"
fi

printf '%5ss  %s\n' $((SECONDS - SUITE_START)) "the whole suite" | tee -a "$ARTIFACTS/stage-times.txt"
FAILED=()
for status in "$LOGS"/*.status; do
	read -r code _seconds name <"$status"
	[ "$code" = 0 ] && continue
	log="${status%.status}.log"
	FAILED+=("$(basename "$log" .log)")
	# What it said last (jest: its summary; the report below names the failed tests).
	printf '\n── failed: %s (the end of %s)\n' "$name" "$log"
	tail -n 40 "$log"
done
echo
# The slowest test files and tests, the failed tests by name, and last `N passed, M failed`
# (with the stages that failed, if any).
FAILED_STAGES="${FAILED[*]}" node scripts/test-report.mjs \
	"$ARTIFACTS/jest.json" "$ARTIFACTS/jest-e2e.json"
[ ${#FAILED[@]} = 0 ]
