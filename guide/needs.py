"""What a command of the README needs besides the standard library, and the one line that says what is missing
and the exact command that installs it: for `python -m guide`, scripts/*.py and bench/run.py, before they
import what they need (a missing package would otherwise end them in a traceback).

Only the standard library here: this runs before anything else is known to be installed. The shell scripts
(scripts/*.sh) say the same of Python itself, its venv module and Debian's packages (scripts/needs.sh).
"""
from __future__ import annotations

import importlib.util
import os
import shlex
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SITE_LOCK = "requirements.lock"
"""The site's packages (mkdocs, yaml, pydantic, ...): `bash scripts/serve.sh` installs them into .venv."""
DEV_LOCK = "requirements-dev.lock"
"""The site's and the tests' packages (playwright, pytest, ...): `bash scripts/test.sh` installs them."""
MAKE_VENV = "bash scripts/serve.sh build"
"""Makes .venv with the site's packages (and builds the site once)."""


_PACKAGES = {"yaml": "PyYAML"}
"""The package a module comes in, where the two are named differently."""


def rerun(*command: str) -> str:
    """The command that was run, as the README gives it: with the project's Python and the same arguments."""
    return shlex.join([".venv/bin/python", *command, *sys.argv[1:]])


def missing_modules(modules: Iterable[str]) -> list[str]:
    """The packages of the modules that cannot be imported here (found without importing them)."""
    return [_PACKAGES.get(module, module) for module in modules if importlib.util.find_spec(module) is None]


def packages_message(command: str, rerun: str, missing: list[str], lock: str, *, interpreter: str,
                     in_venv: bool, venv_exists: bool) -> str:
    """The line for packages missing from the Python that runs `command`: which ones, and how to get them.

    rerun is the command as the README gives it (with .venv/bin/python); lock the file that pins them."""
    packages = f"the Python package{'s' if len(missing) > 1 else ''} {', '.join(missing)}"
    install = f".venv/bin/pip install --require-hashes -r {lock}"
    if not venv_exists:  # nothing installed yet: make .venv first
        steps = MAKE_VENV if lock == SITE_LOCK else f"{MAKE_VENV} && {install}"
        return (f"{command}: {packages} {'are' if len(missing) > 1 else 'is'} missing and there is no .venv yet: "
                f"install {'them' if len(missing) > 1 else 'it'} with `{steps}`, then run `{rerun}`")
    if not in_venv:  # another Python than the project's
        return (f"{command}: {packages} {'are' if len(missing) > 1 else 'is'} missing from {interpreter}: run "
                f"`{rerun}` (the project's Python); if .venv lacks {'them' if len(missing) > 1 else 'it'} too, "
                f"install with `{install}`")
    return (f"{command}: {packages} {'are' if len(missing) > 1 else 'is'} missing: install "
            f"{'them' if len(missing) > 1 else 'it'} with `{install}`")


def require_packages(command: str, rerun: str, site: Iterable[str] = (), dev: Iterable[str] = ()) -> None:
    """Exit with one line on stderr if any of these modules is missing: `site` ones come with requirements.lock,
    `dev` ones with requirements-dev.lock (which has the site's too, so one install brings both)."""
    missing_dev = missing_modules(dev)
    missing = missing_modules(site) + missing_dev
    if missing:
        venv = PROJECT / ".venv"
        in_venv = Path(sys.prefix).resolve() == venv.resolve()
        fail(packages_message(command, rerun, missing, DEV_LOCK if missing_dev else SITE_LOCK,
                              interpreter=sys.executable, in_venv=in_venv, venv_exists=(venv / "bin").is_dir()))


def program_message(command: str, program: str, install: str, why: str = "") -> str | None:
    """The line for a program missing from PATH (a path to it is looked at as it is), else None."""
    found = os.access(program, os.X_OK) if os.sep in program else shutil.which(program) is not None
    if found:
        return None
    return f"{command}: {program} is missing{f' ({why})' if why else ''}: install it with `{install}`"


def fail(message: str) -> None:
    """Say what is missing and how to install it, in one line, and stop (exit status 1)."""
    print(message, file=sys.stderr)
    raise SystemExit(1)
