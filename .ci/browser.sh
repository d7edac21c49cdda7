#!/usr/bin/env bash
# Installs what tests/browser needs; idempotent, safe to call on every CI run.
#   - Debian's chromium at /usr/bin/chromium (apt, as root), when it is missing;
#   - the Playwright Python package, into the active Python environment.
# Playwright's own browser download (`playwright install`) is never used: it
# cannot reach its download host here. The tests launch Debian's chromium via
# executable_path=/usr/bin/chromium instead.
# If chromium cannot be installed, this says so and exits 0: tests/browser
# then skip themselves with a clear reason.
set -uo pipefail

PLAYWRIGHT_VERSION=1.65.2
CHROMIUM=/usr/bin/chromium

note() { echo "browser.sh: $*" >&2; }

if [ -x "$CHROMIUM" ]; then
  note "chromium present: $("$CHROMIUM" --version 2>/dev/null || echo unknown version)"
else
  if ! command -v apt-get >/dev/null 2>&1; then
    note "NOTE: apt-get is not available; cannot install chromium. tests/browser will be skipped."
  elif [ "$(id -u)" -ne 0 ]; then
    note "NOTE: not root; cannot apt-get install chromium. tests/browser will be skipped."
  elif ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
           && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }; then
    note "NOTE: apt-get install chromium failed. tests/browser will be skipped."
  elif [ -x "$CHROMIUM" ]; then
    note "installed chromium: $("$CHROMIUM" --version 2>/dev/null || echo unknown version)"
  else
    note "NOTE: chromium package installed but $CHROMIUM is missing. tests/browser will be skipped."
  fi
fi

PY=python
command -v "$PY" >/dev/null 2>&1 || PY=python3
have=$("$PY" -c 'import importlib.metadata as m; print(m.version("playwright"))' 2>/dev/null || true)
if [ "$have" = "$PLAYWRIGHT_VERSION" ]; then
  note "playwright $have present"
elif "$PY" -m pip install --quiet "playwright==$PLAYWRIGHT_VERSION"; then
  note "installed playwright $PLAYWRIGHT_VERSION into $("$PY" -c 'import sys; print(sys.prefix)')"
else
  note "NOTE: pip install playwright==$PLAYWRIGHT_VERSION failed. tests/browser will be skipped."
fi
exit 0
