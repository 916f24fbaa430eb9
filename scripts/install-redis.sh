#!/usr/bin/env bash
# Installs Debian's redis-server for the shared-store tests and `npm run scale-sim`, only when it is missing.
# The tests start their own redis-server on a free port per run (test/support/redis.ts); no service is enabled here.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-redis: redis-server is missing and this user cannot run apt-get (not root, no sudo)" >&2
  exit 1
fi

# Quiet on success; apt's whole output on failure, since that is when it is worth reading.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
apt() {
  if ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "$@" >"$log" 2>&1; then
    echo "install-redis: apt-get $* failed:" >&2
    cat "$log" >&2
    exit 1
  fi
}

echo "install-redis: installing Debian's redis-server"
apt update -qq
# policy-rc.d 101 keeps the package's own service from starting: the tests start theirs on a free port.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ] && [ "$(id -u)" -eq 0 ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod +x "$policy"
  created_policy=1
fi
apt install -y -qq --no-install-recommends redis-server
if [ "$created_policy" -eq 1 ]; then rm -f "$policy"; fi

if ! command -v redis-server >/dev/null 2>&1; then
  echo "install-redis: apt-get finished but redis-server is still missing" >&2
  exit 1
fi
echo "install-redis: $(redis-server --version)"
