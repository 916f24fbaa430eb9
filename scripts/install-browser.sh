#!/usr/bin/env bash
# Installs Debian's chromium for the GraphiQL browser test, only when /usr/bin/chromium is missing.
# playwright-core drives this system browser; Playwright's own browser download cannot work on this network.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

source "$(dirname "$0")/apt-install.sh"
echo "install-browser: installing Debian's chromium"
apt_install install-browser chromium

if [ ! -x /usr/bin/chromium ]; then
  echo "install-browser: apt-get finished but /usr/bin/chromium is still missing" >&2
  exit 1
fi
echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium installed')"
