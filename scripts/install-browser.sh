#!/usr/bin/env bash
# Installs Debian's chromium for the GraphiQL browser test, only when /usr/bin/chromium is missing.
# playwright-core drives this system browser; Playwright's own browser download cannot work on this network.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-browser: /usr/bin/chromium is missing and this user cannot run apt-get (not root, no sudo)" >&2
  exit 1
fi

# Quiet on success; apt's whole output on failure, since that is when it is worth reading.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
apt() {
  if ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "$@" >"$log" 2>&1; then
    echo "install-browser: apt-get $* failed:" >&2
    cat "$log" >&2
    exit 1
  fi
}

echo "install-browser: installing Debian's chromium"
apt update -qq
apt install -y -qq --no-install-recommends chromium

if [ ! -x /usr/bin/chromium ]; then
  echo "install-browser: apt-get finished but /usr/bin/chromium is still missing" >&2
  exit 1
fi
echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium installed')"
