#!/usr/bin/env bash
# MailDev (a local SMTP server with a web inbox, where the demo's birthday emails land) from the
# npm registry into .n8n-install/maildev/ (or $MAILDEV_INSTALL), once. maildev@2 is CommonJS and
# runs on the machine's Node; 3.x is ESM-only and nearly three times the size.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/npm-install.sh

MAILDEV_VERSION="${MAILDEV_VERSION:-2.2.1}"
ROOT="${MAILDEV_INSTALL:-$PWD/.n8n-install/maildev}"
MARKER="$ROOT/.installed-maildev-$MAILDEV_VERSION"
[ -f "$MARKER" ] && exit 0

echo "» MailDev $MAILDEV_VERSION from the npm registry"
mkdir -p "$ROOT"
# Its own npm project and npmrc, as for n8n: the repo's .npmrc and the user's settings don't apply.
[ -f "$ROOT/package.json" ] || echo '{"name":"sevenrooms-maildev-host","private":true}' > "$ROOT/package.json"
printf 'audit=false\nfund=false\nupdate-notifier=false\n' > "$ROOT/npmrc"
(cd "$ROOT" && NPM_CONFIG_USERCONFIG="$ROOT/npmrc" npm_install --no-save --ignore-scripts --loglevel=error "maildev@$MAILDEV_VERSION" >/dev/null)
node "$ROOT/node_modules/maildev/bin/maildev" --version >/dev/null
touch "$MARKER"
