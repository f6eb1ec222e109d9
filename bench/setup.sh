#!/bin/sh
# setup.sh: installs the two engines the benchmark compares pacta with, from
# their registries: SWI-Prolog (Debian package swi-prolog-nox) and
# json-rules-engine (npm, the version pinned in package-lock.json, into
# bench/node_modules); and GNU time, which measures peak memory. Run once,
# as root or with sudo available; idempotent.
set -eu
cd "$(dirname "$0")"
SUDO=
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
if ! command -v swipl >/dev/null 2>&1 || [ ! -x /usr/bin/time ]; then
    $SUDO apt-get update
    $SUDO apt-get install -y swi-prolog-nox time
fi
if ! command -v npm >/dev/null 2>&1; then
    $SUDO apt-get update
    $SUDO apt-get install -y nodejs npm
fi
if [ -f package-lock.json ]; then
    npm ci --no-audit --no-fund
else
    npm install --no-audit --no-fund
fi
swipl --version
node --version
node -e 'console.log("json-rules-engine " + require("json-rules-engine/package.json").version)'
