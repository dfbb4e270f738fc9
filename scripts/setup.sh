#!/usr/bin/env bash
# Installs what the tests and the command line need on a fresh Debian machine:
# Chromium (browser tests, icon rendering), LibreOffice Calc (independent recalculation of
# the finance workbook), xmllint (manifest schema check), then the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    echo "Please install these Debian packages first: ${missing[*]}" >&2
    exit 1
  fi
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Installing ${missing[*]} from Debian's packages..."
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# npm install (not npm ci): the lockfile may carry entries for other platforms.
npm install --no-audit --no-fund
# The command line's bundle (bin/cli-bundle.js), so that the first command starts as fast as the
# rest; the command builds it itself where this did not, and runs through tsx where it cannot.
node bin/cli-bundle.js >/dev/null || true
