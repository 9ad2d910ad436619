"""Shared test helpers: real MkDocs builds of a fixture project or of the repository itself, each built once
per session and served on 127.0.0.1 (the server's port is chosen first and given to MkDocs as site_url, as
on the real host), for the tests that read the built files and the browser tests alike."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from browser import SiteServer

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = REPO.parent / "shared" / "seeds"
FIXTURE_ARTICLES = FIXTURES / "small" / "articles"
ARTICLE_FOLDERS = tuple(Path(part) for part in (os.environ.get("GUIDE_ARTICLES") or str(SEEDS)).split(os.pathsep)
                        if part)
"""Where the real content's articles are: the folders GUIDE_ARTICLES names, else ../shared/seeds."""
# Every command the tests run finds the articles as an editor's would, and the fixture's too, wherever a test
# copies the fixture content to.
os.environ["GUIDE_ARTICLES"] = os.pathsep.join(str(folder) for folder in (*ARTICLE_FOLDERS, FIXTURE_ARTICLES))
PROJECT_FILES = ("mkdocs.yml",)
PROJECT_FOLDERS = ("hooks", "overrides", "docs/assets")


def run_mkdocs(project: Path, *arguments: str, site_url: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["GUIDE_SITE_URL"] = site_url
    return subprocess.run([sys.executable, "-m", "mkdocs", *arguments], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)


def make_project(destination: Path, content: Path) -> Path:
    """A copy of the repository's site setup (config, hooks, theme overrides, assets) around a content folder."""
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copytree(content, destination / "content")
    if (content.parent / "articles").is_dir():  # the fixture's article texts, where its guide.yaml names them
        shutil.copytree(content.parent / "articles", destination / "articles")
    for folder in PROJECT_FOLDERS:
        shutil.copytree(REPO / folder, destination / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in PROJECT_FILES:
        shutil.copy(REPO / name, destination / name)
    return destination


def tree_digest(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@dataclass
class Site:
    """A project built strictly into `folder`, served by `server` at the URL it was built for."""

    name: str
    content: Path
    project: Path
    server: SiteServer

    @property
    def folder(self) -> Path:
        return self.project / "site"

    def html(self, path: str) -> str:
        """The HTML of a page below the site root, e.g. 'nl/roles/cmo/' or '404.html'."""
        file = self.folder / path
        return (file / "index.html" if path.endswith("/") or not path else file).read_text(encoding="utf-8")


def build_site(name: str, content: Path, tmp_path_factory) -> Site:
    project = make_project(tmp_path_factory.mktemp(name) / "project", content)
    server = SiteServer(project / "site")
    result = run_mkdocs(project, "build", "--strict", site_url=server.origin + "/")
    assert result.returncode == 0, f"the {name} site did not build:\n{result.stderr}"
    return Site(name, content, project, server.start())


@pytest.fixture(scope="session")
def small_site(tmp_path_factory):
    site = build_site("small", FIXTURES / "small" / "content", tmp_path_factory)
    yield site
    site.server.stop()


@pytest.fixture(scope="session")
def guide_site(tmp_path_factory):
    """The real guide, built strictly from the repository's content."""
    site = build_site("guide", REPO / "content", tmp_path_factory)
    yield site
    site.server.stop()


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", FIXTURES / "small" / "content")


@pytest.fixture(scope="session")
def articles() -> tuple[Path, ...]:
    """The folders of the real content's articles (GUIDE_ARTICLES, else ../shared/seeds), for the tests marked
    `articles`."""
    missing = [folder.as_posix() for folder in ARTICLE_FOLDERS if not folder.is_dir()]
    if missing:
        pytest.fail(f"the articles are not at {', '.join(missing)}: quotes cannot be checked against them. Put "
                    "shared/ beside the project or name their folders in GUIDE_ARTICLES, or deselect these tests "
                    "explicitly with -m 'not articles'", pytrace=False)
    return ARTICLE_FOLDERS


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
