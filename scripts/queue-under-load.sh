#!/usr/bin/env bash
# The queue-mode end-to-end tests while two busy loops keep both cores of a 2-core machine busy, as
# another job on a shared CI runner would (after `npm run test:all` has installed what they need).
# Their verdict is the same as without the load: nothing lost, nothing run twice once deliveries
# settle; only the printed rate drops.
set -uo pipefail
cd "$(dirname "$0")/.."
busy=()
for _ in 1 2; do
	(while :; do :; done) &
	busy+=($!)
done
trap 'kill "${busy[@]}" 2>/dev/null' EXIT
start=$SECONDS
npx jest -c jest.e2e.config.js --ci e2e/queue.e2e.ts e2e/queue-duplicates.e2e.ts
status=$?
echo "queue-mode e2e beside two busy loops: exit $status in $((SECONDS - start)) s"
exit "$status"
