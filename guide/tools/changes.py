"""When each content file last changed: its last commit, or its modification time when git does not know it,
it has uncommitted changes, or there is no git at all."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from ..content.files import content_files


def last_changes(content_dir: Path) -> dict[Path, float]:
    """When each content file last changed: its last commit, or its modification time when git does not
    know it or it has uncommitted changes (or there is no git at all)."""
    times = {path: path.stat().st_mtime for path in content_files(content_dir)}
    git = _git_times(content_dir)
    real_dir = content_dir.resolve()  # once: resolving every file is a third of the status page's time
    return {path: git.get(real_dir / path.relative_to(content_dir), mtime) for path, mtime in times.items()}


def _git_times(folder: Path) -> dict[Path, float]:
    def git(*arguments: str) -> str:
        return subprocess.run(["git", *arguments], cwd=folder, capture_output=True, text=True, check=True,
                              timeout=60, env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"}).stdout
    try:
        top = Path(git("rev-parse", "--show-toplevel").strip()).resolve()
        log = git("log", "--format=%x00%ct", "--name-only", "--no-renames", "--", ".")
        dirty = git("status", "--porcelain", "-z", "--untracked-files=all", "--", ".")
    except (OSError, subprocess.SubprocessError):
        return {}
    uncommitted = {top / entry[3:] for entry in dirty.split("\0") if len(entry) > 3}
    times: dict[Path, float] = {}
    for commit in log.split("\0")[1:]:
        stamp, *names = commit.strip().splitlines()
        for name in names:
            path = top / name
            if path not in uncommitted:
                times.setdefault(path, float(stamp))
    return times
