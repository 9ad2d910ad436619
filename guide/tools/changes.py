"""When each content file last changed: its last commit, or its modification time when git does not know it,
it has uncommitted changes, or there is no git at all."""
from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path

from ..content.files import content_files


def last_changes(content_dir: Path | str) -> dict[str, float]:
    """When each content file last changed (by its path, content_dir joined with its place): its last commit,
    or its modification time when git does not know it or it has uncommitted changes (or there is no git)."""
    times = {}
    for path in content_files(content_dir):
        with contextlib.suppress(OSError):
            times[path] = os.stat(path).st_mtime
    git = _git_times(Path(content_dir))
    if not git:
        return times
    prefix = len(os.path.join(content_dir, ""))
    real_dir = os.path.realpath(content_dir)  # once: resolving every file is a third of the status page's time
    return {path: git.get(os.path.join(real_dir, path[prefix:]), mtime) for path, mtime in times.items()}


def _git_times(folder: Path) -> dict[str, float]:
    def git(*arguments: str) -> str:
        return subprocess.run(["git", *arguments], cwd=folder, capture_output=True, text=True, check=True,
                              timeout=60, env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"}).stdout
    try:
        top = os.path.realpath(git("rev-parse", "--show-toplevel").strip())
        log = git("log", "--format=%x00%ct", "--name-only", "--no-renames", "--", ".")
        dirty = git("status", "--porcelain", "-z", "--untracked-files=all", "--", ".")
    except (OSError, subprocess.SubprocessError):
        return {}
    uncommitted = {os.path.join(top, entry[3:]) for entry in dirty.split("\0") if len(entry) > 3}
    times: dict[str, float] = {}
    for commit in log.split("\0")[1:]:
        stamp, *names = commit.strip().splitlines()
        for name in names:
            path = os.path.join(top, name)
            if path not in uncommitted:
                times.setdefault(path, float(stamp))
    return times
