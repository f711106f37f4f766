#!/usr/bin/env bash
# Prints the path of Debian's kubectl 1.20 (package kubernetes-client), extracting it once into
# .cache/ — it conflicts with the preinstalled kubectl when installed, so it is only unpacked.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.cache/kubernetes-client
bin="$PWD/$dir/usr/bin/kubectl"
if [ ! -x "$bin" ]; then
  mkdir -p "$dir" && cd "$dir"
  apt-get download kubernetes-client >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get download kubernetes-client >/dev/null; }
  dpkg-deb -x kubernetes-client_*.deb . && rm -f kubernetes-client_*.deb
fi
echo "$bin"
