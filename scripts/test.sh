#!/usr/bin/env bash
# Install everything the tests need into .venv, then run every test.
# Browser tests drive Debian's Chromium (/usr/bin/chromium); as root this script installs it if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing: install Debian's chromium package (sudo apt-get install chromium)." >&2
    exit 1
  fi
fi
python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest "$@"
