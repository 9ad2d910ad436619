"""Shared test helpers: real MkDocs builds of a fixture project or of the repository itself."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(REPO))


def run_mkdocs(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", *arguments], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)


def make_project(destination: Path, content: Path) -> Path:
    """A copy of the repository's site setup (config, hooks, assets) around the given content folder."""
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copytree(content, destination / "content")
    shutil.copytree(REPO / "docs" / "assets", destination / "docs" / "assets")
    shutil.copytree(REPO / "hooks", destination / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "overrides", destination / "overrides")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (destination / "mkdocs.yml").write_text(config, encoding="utf-8")
    # the copied hooks import guide/ from beside them: link the package in
    (destination / "guide").symlink_to(REPO / "guide")
    return destination


def tree_digest(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", FIXTURES / "small" / "content")


@pytest.fixture(scope="session")
def built_small(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("small") / "project", FIXTURES / "small" / "content")
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def built_guide(tmp_path_factory) -> Path:
    """The real guide, built strictly from the repository's content."""
    project = make_project(tmp_path_factory.mktemp("guide") / "project", REPO / "content")
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return project / "site"


_skipped: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI a skipped test is a failure: nothing may be skipped silently (deselect it explicitly instead)."""
    if os.environ.get("CI") and _skipped:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if os.environ.get("CI") and _skipped:
        terminalreporter.write_line(f"CI: {len(_skipped)} test(s) skipped; in CI every test must run: "
                                    + ", ".join(_skipped), red=True)
