#!/usr/bin/env bash
# Install what the site needs into .venv (from requirements.lock: every package pinned, with hashes), then
# serve it with live reload (http://127.0.0.1:8000/), or build it into site/ with `scripts/serve.sh build`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/needs.sh
need_python scripts/serve.sh
"${PYTHON:-python3}" -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check --require-hashes -r requirements.lock
.venv/bin/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
export NO_MKDOCS_2_WARNING=1
if [ "${1:-serve}" = build ]; then
  exec .venv/bin/mkdocs build --strict
fi
exec .venv/bin/mkdocs serve
