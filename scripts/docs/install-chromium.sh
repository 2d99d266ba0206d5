#!/usr/bin/env bash
# Installs Debian's `chromium-headless-shell` package for the browser test (tests/browser), when
# /usr/bin/chromium-headless-shell is missing. It is Chromium's "old" headless shell: the same
# Blink and V8 as `chromium`, without the browser around them, and what Playwright itself runs for
# headless tests. Rendering the four Redoc pages took about half the CPU of `chromium --headless`
# (14-15 against 24-28 CPU-seconds for docs-site.test.ts on a 2-core machine).
# Only Debian's package: the test drives it through playwright-core with that executablePath and
# never downloads a browser build (no `playwright install`). Without it, the browser tests are
# skipped with that reason. Its dependency chromium-common brings the fonts (fonts-liberation)
# the pages and screenshots are rendered with.
set -euo pipefail

CHROMIUM=/usr/bin/chromium-headless-shell

if [ -x "$CHROMIUM" ]; then
  echo "install-chromium: $CHROMIUM is already there ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: apt-get not found; install Debian's chromium-headless-shell package so that $CHROMIUM exists" >&2
  exit 1
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo -n)
  else
    echo "install-chromium: installing chromium-headless-shell needs root (or sudo), and neither is available" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-chromium: apt-get update"
"${as_root[@]}" apt-get update -q
echo "install-chromium: apt-get install chromium-headless-shell"
"${as_root[@]}" apt-get install -y -q chromium-headless-shell

if [ ! -x "$CHROMIUM" ]; then
  echo "install-chromium: the chromium-headless-shell package is installed but $CHROMIUM is missing" >&2
  exit 1
fi
echo "install-chromium: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM installed")"
