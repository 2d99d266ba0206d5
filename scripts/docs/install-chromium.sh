#!/usr/bin/env bash
# Installs Debian's `chromium` package for the browser test (tests/browser), when
# /usr/bin/chromium is missing. Only Debian's package: the test drives it through
# playwright-core with executablePath /usr/bin/chromium and never downloads a browser build
# (no `playwright install`). Without it, the browser tests are skipped with that reason.
# Recommended packages are kept on purpose: they bring the fonts (fonts-liberation) the pages
# and screenshots are rendered with.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "install-chromium: $CHROMIUM is already there ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: apt-get not found; install Debian's chromium package so that $CHROMIUM exists" >&2
  exit 1
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo -n)
  else
    echo "install-chromium: installing chromium needs root (or sudo), and neither is available" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-chromium: apt-get update"
"${as_root[@]}" apt-get update -q
echo "install-chromium: apt-get install chromium"
"${as_root[@]}" apt-get install -y -q chromium

if [ ! -x "$CHROMIUM" ]; then
  echo "install-chromium: the chromium package is installed but $CHROMIUM is missing" >&2
  exit 1
fi
echo "install-chromium: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM installed")"
