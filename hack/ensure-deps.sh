#!/usr/bin/env bash
# Installs what kubelite needs, only when it is missing or stale, so the README's commands work
# on a fresh clone and cost nothing the second time. Debian packages are passed as arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=node_modules/.kubelite-deps
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  echo "==> installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi
# npm 11 skips dependencies' install scripts: make sure the LevelDB addon really loads.
node -e "require('classic-level')" || { echo "the LevelDB native addon (classic-level) does not load" >&2; exit 1; }

missing=()
for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "==> installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
    apt-get update >/dev/null && apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
  }
fi
