#!/usr/bin/env bash
# Re-lock every dependency, transitive ones too, with hashes: requirements.lock (the site) and
# requirements-dev.lock (the site, the tests and the checks), from pyproject.toml. Versions already locked
# are kept; to move one, name it: `bash scripts/lock.sh --upgrade-package mkdocs-material`.
# uv comes from PyPI into a throwaway venv (it is not one of the guide's dependencies).
# Both locks also pin setuptools, which builds the guide's own editable install (pip's --no-build-isolation, so
# nothing unpinned is fetched): Python 3.11's venv brings setuptools 65, which cannot build it without `wheel`;
# 70.1 and newer can.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/needs.sh
need_python scripts/lock.sh
tool=$(mktemp -d)
trap 'rm -rf "$tool"' EXIT
"${PYTHON:-python3}" -m venv "$tool"
"$tool/bin/pip" install -q --disable-pip-version-check uv==0.13.9
export UV_CUSTOM_COMPILE_COMMAND="bash scripts/lock.sh"
for extra in "" dev; do
  out=requirements${extra:+-$extra}.lock
  echo "setuptools>=70.1" | "$tool/bin/uv" pip compile pyproject.toml - ${extra:+--extra $extra} --generate-hashes --python-version 3.11.7 \
    --quiet -o "$out" "$@"
done
