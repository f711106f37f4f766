#!/usr/bin/env bash
# Installs what the cri runtime and its tests need from Debian, only what is missing: containerd,
# runc and the CNI plugins (the kubelet's own containerd), busybox-static (the pause and busybox
# images), iptables and iproute2 (the pod network), and for the tests a local registry
# (docker-registry) and skopeo to push to it. The kubelet never installs anything at run time.
# Extra package names may be given as arguments.
set -euo pipefail
pkgs=(containerd runc containernetworking-plugins busybox-static iptables iproute2 docker-registry skopeo "$@")
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ "${#missing[@]}" -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then echo "need root to install: ${missing[*]}" >&2; exit 1; fi
echo "==> installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Another test or tool may hold the dpkg lock: wait for it rather than fail.
apt_get() { apt-get -o DPkg::Lock::Timeout=300 "$@"; }
# Daemons must not start on install (no systemd here; the kubelet starts its own containerd).
if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; added_policy=1; fi
trap '[ -n "${added_policy:-}" ] && rm -f /usr/sbin/policy-rc.d' EXIT
apt_get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
  apt_get update >/dev/null && apt_get install -y --no-install-recommends "${missing[@]}" >/dev/null
}
