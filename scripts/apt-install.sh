#!/usr/bin/env bash
# Sourced by the install-*.sh scripts: `apt_install <tag> <package>` installs one Debian package, quietly, as root.
# Quiet on success; apt's whole output on failure, since that is when it is worth reading.

apt_install() {
  local tag="$1" package="$2"
  local as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "$tag: $package is missing and this user cannot run apt-get (not root, no sudo)" >&2
      exit 1
    fi
    as_root=(sudo)
  fi
  local log
  log="$(mktemp)"
  local step
  for step in "update -qq" "install -y -qq --no-install-recommends $package"; do
    # shellcheck disable=SC2086 # each step is words for apt-get
    if ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get $step >"$log" 2>&1; then
      echo "$tag: apt-get $step failed:" >&2
      cat "$log" >&2
      rm -f "$log"
      exit 1
    fi
  done
  rm -f "$log"
}
