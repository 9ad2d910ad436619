#!/usr/bin/env bash
# Install everything the tests need, then run the checks and every test (arguments go to pytest).
# Python packages: from requirements-dev.lock (every one pinned, with hashes) into .venv. The system's: Debian's
# Chromium (the browser tests), Java and npm (the Nu Html Checker, vnu-jar from npm, tests/node); as root this
# script installs those that are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/needs.sh
need_python scripts/test.sh
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "scripts/test.sh: missing Debian's ${missing[*]} (the browser tests, the HTML checker): install with \`sudo apt-get install ${missing[*]}\` (as root, this script installs them itself)" >&2
    exit 1
  fi
fi
"${PYTHON:-python3}" -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check --require-hashes -r requirements-dev.lock
.venv/bin/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
(cd tests/node && npm ci --silent --no-audit --no-fund)
export NO_MKDOCS_2_WARNING=1
.venv/bin/ruff check .
.venv/bin/mypy
exec .venv/bin/python -m pytest "$@"
