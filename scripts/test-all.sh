#!/usr/bin/env bash
# The whole suite on a fresh clone: install, build, lint, type-check, unit + sandbox + engine +
# trigger tests, then end-to-end tests against a real n8n (installed into .n8n-install/).
#
# What only the end-to-end tests need (n8n 2.x and Node 24, n8n 1.x, MailDev, Redis and PostgreSQL,
# Chromium) installs in the background from the start, while the rest runs. Every stage's output
# goes to .artifacts/logs/<stage>.log (follow one with `tail -f`); a failed stage does not stop the
# others that don't need it (jest failing still runs the end-to-end tests; a failed build or n8n
# install skips them). It always ends with the stage times, the slowest tests and `N passed, M
# failed`, and exits non-zero if anything failed. Stage times also go to .artifacts/stage-times.txt.
set -uo pipefail
cd "$(dirname "$0")/.."
ARTIFACTS=.artifacts
LOGS=$ARTIFACTS/logs
mkdir -p "$LOGS"
rm -f "$LOGS"/* "$ARTIFACTS"/jest.json "$ARTIFACTS"/jest-e2e.json
: >"$ARTIFACTS/stage-times.txt"
FAILED=()
SKIPPED=()
SUITE_START=$SECONDS

# One line per stage, on screen and in stage-times.txt: its time, its name, and FAILED if it did.
declare -A FAILED_LOGS
record() { # stage-name seconds exit-status log-name
	local verdict=''
	if [ "$3" != 0 ]; then
		verdict="  FAILED (exit $3)"
		FAILED+=("$1")
		FAILED_LOGS[$1]=$4
	fi
	printf '%5ss  %s%s\n' "$2" "$1" "$verdict" | tee -a "$ARTIFACTS/stage-times.txt"
	return "$3"
}

stage() { # log-name stage-name command...
	local log=$1 name=$2 start=$SECONDS status
	shift 2
	"$@" >"$LOGS/$log.log" 2>&1
	status=$?
	record "$name" $((SECONDS - start)) "$status" "$log"
}

# Background installs: each writes its log and, when done, "<exit status> <seconds>" to a .status file.
declare -A INSTALLS
install_in_background() { # log-name command...
	local log=$1
	shift
	(
		start=$SECONDS
		"$@" >"$LOGS/$log.log" 2>&1
		echo "$? $((SECONDS - start))" >"$LOGS/$log.status"
	) &
	INSTALLS[$log]=$!
}
await_install() { # log-name stage-name
	wait "${INSTALLS[$1]}"
	local status=1 seconds=0
	[ -f "$LOGS/$1.status" ] && read -r status seconds <"$LOGS/$1.status"
	record "$2 (in the background)" "$seconds" "$status" "$1"
}

printf 'Stage logs: %s/ (tail -f one to follow it)\n\n' "$LOGS"
install_in_background install-n8n bash scripts/install-n8n.sh
install_in_background install-n8n1 bash scripts/install-n8n1.sh
install_in_background install-maildev bash scripts/install-maildev.sh
# Both use apt-get, which one process at a time may run: one after the other.
install_in_background install-system bash -c 'bash scripts/install-queue-services.sh && bash scripts/install-chromium.sh'

BUILT=0
stage npm "install npm packages" bash scripts/ensure-deps.sh
if [ ${#FAILED[@]} = 0 ]; then
	stage build "build" bash scripts/build.sh && BUILT=1
	stage lint "lint" npm run lint --silent
	stage scan "package: tarball contents and size, n8n's community package scanner" \
		bash -c 'npm run scan --silent | tee .artifacts/package-scan.txt'
	stage typecheck "type-check" npm run typecheck --silent
	stage jest "unit, sandbox, engine and trigger tests (jest)" \
		npx jest --ci --json --outputFile="$ARTIFACTS/jest.json"
fi

N8N_READY=1
await_install install-n8n "install Node 24 and n8n 2.41.1" || N8N_READY=0
await_install install-n8n1 "install n8n 1.123.81 (the last 1.x) under Node 20"
await_install install-maildev "install MailDev 2.2.1 for the demo's birthday emails"
await_install install-system "install Redis, PostgreSQL 17 and Chromium"

if [ "$BUILT" = 1 ] && [ "$N8N_READY" = 1 ]; then
	stage e2e "end-to-end tests: n8n 2.41.1 (also in queue mode), n8n 1.x, the demo, the editor in Chromium" \
		npx jest -c jest.e2e.config.js --ci --json --outputFile="$ARTIFACTS/jest-e2e.json"
else
	SKIPPED+=("end-to-end tests (they need the build and n8n 2.41.1)")
fi

printf '%5ss  %s\n' $((SECONDS - SUITE_START)) "the whole suite" | tee -a "$ARTIFACTS/stage-times.txt"
# What each failed stage said last (for jest, its summary; the report below names the tests).
for name in "${FAILED[@]}"; do
	printf '\n── %s: the end of %s/%s.log\n' "$name" "$LOGS" "${FAILED_LOGS[$name]}"
	tail -n 40 "$LOGS/${FAILED_LOGS[$name]}.log"
done
echo
for name in "${SKIPPED[@]}"; do echo "skipped: $name"; done
for name in "${FAILED[@]}"; do echo "failed stage: $name"; done
# The slowest test files and tests, the failed tests by name, and last `N passed, M failed`.
node scripts/test-report.mjs "$ARTIFACTS/jest.json" "$ARTIFACTS/jest-e2e.json"
[ ${#FAILED[@]} = 0 ] && [ ${#SKIPPED[@]} = 0 ]
