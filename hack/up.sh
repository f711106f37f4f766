#!/usr/bin/env bash
# Starts a working one-node cluster from a fresh clone (README: `npm start`): installs what it
# needs, builds, and runs `kubelite server` on the embedded LevelDB store. Extra arguments go to
# `kubelite server` (npm start -- --data-dir /tmp/k).
set -euo pipefail
cd "$(dirname "$0")/.."
bash hack/ensure-deps.sh
node hack/build.mjs
exec node bin/kubelite.cjs server "$@"
