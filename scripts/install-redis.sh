#!/usr/bin/env bash
# Installs Debian's redis-server for the shared-store tests and `npm run scale-sim`, only when it is missing.
# The tests start their own redis-server on a free port per run (test/support/redis.ts); no service is enabled here.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi

source "$(dirname "$0")/apt-install.sh"
echo "install-redis: installing Debian's redis-server"
# policy-rc.d 101 keeps the package's own service from starting: the tests start theirs on a free port.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ] && [ "$(id -u)" -eq 0 ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod +x "$policy"
  created_policy=1
fi
apt_install install-redis redis-server
if [ "$created_policy" -eq 1 ]; then rm -f "$policy"; fi

if ! command -v redis-server >/dev/null 2>&1; then
  echo "install-redis: apt-get finished but redis-server is still missing" >&2
  exit 1
fi
echo "install-redis: $(redis-server --version)"
