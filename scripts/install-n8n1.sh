#!/usr/bin/env bash
# Installs the last n8n 1.x (from the npm registry) into .n8n-install/n8n1/, once, to run under the
# machine's Node 20 as many self-hosted 1.x instances do; e2e/n8n1.e2e.ts runs the e2e core on it.
# n8n 1.123's default expression engine needs isolated-vm 6, which needs Node 22 (no Node 20 build,
# and its source doesn't compile against Node 20's V8), so on Node 20 that n8n runs with
# N8N_EXPRESSION_ENGINE=legacy (dev/n8n.ts sets it). A second run is a quick no-op.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/npm-install.sh

N8N1_VERSION="${N8N1_VERSION:-1.123.81}"
ROOT="$PWD/.n8n-install"
DIR="$ROOT/n8n1"
MARKER="$DIR/.installed-n8n-$N8N1_VERSION"
[ -f "$MARKER" ] && exit 0

node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a === 20 && b >= 19 ? 0 : 1)' || {
	echo "n8n $N8N1_VERSION is tested here under Node 20.19 or newer 20.x; this machine has $(node --version)" >&2
	exit 1
}
NODE_HOME="$(dirname "$(dirname "$(command -v node)")")"
[ -f "$NODE_HOME/include/node/node_api.h" ] || {
	echo "Node's headers are missing ($NODE_HOME/include/node): sqlite3 can't be built" >&2
	exit 1
}

rm -rf "$DIR" && mkdir -p "$DIR"
# n8n-nodes-base 1.x takes xlsx from SheetJS's own server, which only the npm registry stands in
# for here: its last npm release (0.18.5) instead, used only by the Spreadsheet File nodes.
echo '{"name":"sevenrooms-n8n1-host","private":true,"overrides":{"xlsx":"0.18.5"}}' > "$DIR/package.json"
# Our own npmrc: the repo's .npmrc (ignore-scripts) and the user's nodedir must not apply here.
mkdir -p "$ROOT" && printf 'audit=false\nfund=false\nupdate-notifier=false\n' > "$ROOT/npmrc1"
export NPM_CONFIG_USERCONFIG="$ROOT/npmrc1"

echo "» n8n $N8N1_VERSION under Node $(node --version) (takes a few minutes)"
# --ignore-scripts: install scripts that download binaries (kafka's zlib, prebuilt sqlite3) can't work here.
(cd "$DIR" && npm_install --no-save --ignore-scripts --no-audit --loglevel=error "n8n@$N8N1_VERSION" >/dev/null)

echo "» sqlite3 against Node $(node --version)'s headers (n8n installed in ${SECONDS} s)"
(cd "$DIR/node_modules/sqlite3" && node "$DIR/node_modules/node-gyp/bin/node-gyp.js" rebuild --nodedir="$NODE_HOME" >/dev/null 2>"$ROOT/sqlite3-n8n1-build.log")
node -e "require('$DIR/node_modules/sqlite3')"

# The tests start n8n 1.x with the Node its sqlite3 was built for.
readlink -f "$(command -v node)" > "$DIR/node-path"
touch "$MARKER"
echo "» n8n $N8N1_VERSION ready in $DIR (${SECONDS} s)"
