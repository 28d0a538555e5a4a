#!/usr/bin/env bash
# Chromium from Debian's packages, once, for the editor check (e2e/editor.e2e.ts drives it headless
# through playwright-core). CHROMIUM_PATH points the check at another Chromium or Chrome instead.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
	echo "Chromium is missing: run this script as root once, or install it yourself (apt-get install chromium)" >&2
	exit 1
fi
echo "» Chromium from Debian's packages"
# Another apt run on the machine holds dpkg's lock for a while: wait for it rather than fail.
apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium >/dev/null
