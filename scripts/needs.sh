# What scripts/serve.sh, test.sh and lock.sh need before they can install anything: a Python 3.11.5 or newer
# with its venv module (Debian ships that apart, as python3-venv). Sourced by them; each missing piece is one
# line on stderr with the command that installs it, and exit status 1. PYTHON names another Python than python3.
need_python() {
  local script=$1 python=${PYTHON:-python3} version
  if ! command -v "$python" >/dev/null 2>&1; then
    echo "$script: $python is missing: install Python 3.11.5 or newer with \`sudo apt-get install python3 python3-venv\`" >&2
    exit 1
  fi
  if ! version=$("$python" -c 'import sys; print(".".join(map(str, sys.version_info[:3]))); sys.exit(sys.version_info < (3, 11, 5))' 2>/dev/null); then
    # Debian 12's python3 is 3.11.2: a newer one comes from elsewhere, e.g. pyenv
    echo "$script: Python 3.11.5 or newer is needed, $python is ${version:-unknown}: install one (e.g. \`pyenv install 3.11.7\`) and run \`PYTHON=\$(pyenv root)/versions/3.11.7/bin/python3 bash $script\`" >&2
    exit 1
  fi
  if ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    echo "$script: $python has no venv module (to make .venv): install it with \`sudo apt-get install python3-venv\`" >&2
    exit 1
  fi
}
