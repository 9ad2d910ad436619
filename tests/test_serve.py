"""Live preview: `mkdocs serve` rebuilds when content YAML is edited, added or deleted, reports content
errors in its log while it keeps serving the last good site, and recovers once they are fixed. It rebuilds
only what an edit changes (hooks/guide_serve.py): after each kind of edit, the site it serves must be byte for
byte the site a fresh strict build makes of the same content, and every page that shows what changed, in
every language, is served updated."""
from __future__ import annotations

import gzip
import os
import pty
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, make_project, run_mkdocs, tree_digest
from guide.languages import LANGUAGES

TIMEOUT = 60  # seconds for any one change to show; a rebuild of the small fixture takes about a second


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


class Server:
    """`mkdocs serve` of a project, its site (serve's temporary site_dir) in project/.servetmp; with terminal,
    its standard input is a terminal (a pseudo-terminal the test types into)."""

    def __init__(self, project: Path, terminal: bool = False):
        self.port = free_port()
        self.log_path = project / "serve.log"
        self.log = self.log_path.open("w")
        self.tmp = project / ".servetmp"
        self.tmp.mkdir(exist_ok=True)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(self.tmp)}
        self.keyboard = None
        stdin = subprocess.DEVNULL
        if terminal:
            self.keyboard, stdin = pty.openpty()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project, env=env, stdout=self.log, stderr=subprocess.STDOUT, stdin=stdin)
        if terminal:
            os.close(stdin)

    def press_enter(self) -> None:
        assert self.keyboard is not None
        os.write(self.keyboard, b"\n")

    def site(self) -> Path:
        """The folder the server serves (serve's site_dir)."""
        (site,) = self.tmp.glob("mkdocs_*")
        return site

    def rebuilds(self) -> int:
        return self.text().count("Reloading browsers")

    def searches_pending(self) -> int:
        """Search indexing started (after the pages were served) and not yet ended."""
        text = self.text()
        ended = ("guide: search indexed in", "guide: search indexing stopped", "Pagefind could not index")
        return text.count("guide: indexing the search of") - sum(text.count(end) for end in ended)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, what: str, condition) -> None:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"mkdocs serve stopped while waiting for {what}:\n{self.text()}"
            if condition():
                return
            time.sleep(0.2)
        pytest.fail(f"timed out waiting for {what}; the server log:\n{self.text()}")

    def wait_for_page(self, path: str, status: int, containing: str = "") -> None:
        def shown() -> bool:
            code, body = fetch(self.url(path))
            return code == status and containing in body
        self.wait_for(f"{path} to answer {status} with {containing!r}", shown)

    def rebuilt(self, before: int) -> None:
        """Wait for a rebuild after `before` rebuilds to finish, its search indexed, and for no other to start
        for a second."""
        self.wait_for("a rebuild", lambda: self.rebuilds() > before)
        while True:
            self.wait_for("the search indexed", lambda: not self.searches_pending())
            count, size = self.rebuilds(), len(self.text())
            time.sleep(1)
            if self.rebuilds() == count and "Detected file changes" not in self.text()[size:]:
                return

    def stop(self) -> None:
        if self.keyboard is not None:
            os.close(self.keyboard)
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.log.close()


@pytest.fixture
def server(tmp_path: Path):
    project = make_project(tmp_path / "project", FIXTURES / "small" / "content")
    running = Server(project)
    running.project = project
    try:
        running.wait_for_page("roles/shop-manager/", 200, "Web shop manager")
        yield running
    finally:
        running.stop()


BANNER = re.compile(r'<div class="admonition failure guide-content-problems".*?</pre></div>', re.S)


def html_pages(site: Path) -> dict[str, str]:
    """Every HTML page of a served site but the 404 pages (they show no content, nor its problems)."""
    return {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html"))
            if path.name != "404.html"}


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def discussed(content: Path, concept: str) -> None:
    """A new concept rests on a source, as guide check asks: the fixture's article discusses it."""
    replace_in(content / "facts/sources/article.yaml", "concepts: [omnichannel]", f"concepts: [omnichannel, {concept}]")


def test_serve_reloads_on_edit_add_and_delete_and_recovers_from_content_errors(server):
    content = server.project / "content"

    # edited: the page shows the new text
    replace_in(content / "en/roles/shop-manager.yaml", "name: Web shop manager", "name: Head of the web shop")
    server.wait_for_page("roles/shop-manager/", 200, "Head of the web shop")

    # added: a new concept (its four files) gets a page in every language
    for area in ("facts", "en", "nl", "it"):
        source = content / area / "concepts" / "omnichannel.yaml"
        text = source.read_text(encoding="utf-8").replace("omnichannel", "multichannel")
        (content / area / "concepts" / "multichannel.yaml").write_text(
            text.replace("name: Omnichannel", "name: Multichannel"), encoding="utf-8")
    discussed(content, "multichannel")
    server.wait_for_page("concepts/multichannel/", 200, "Multichannel")
    server.wait_for_page("nl/concepts/multichannel/", 200)

    # deleted: the page goes away
    for area in ("facts", "en", "nl", "it"):
        (content / area / "concepts" / "multichannel.yaml").unlink()
    replace_in(content / "facts/sources/article.yaml", "concepts: [omnichannel, multichannel]",
               "concepts: [omnichannel]")
    server.wait_for_page("concepts/multichannel/", 404)

    # broken: the log names the file and line; the server keeps serving the last good site: every page as it
    # was, with the problems above it; the generated Markdown untouched
    server.rebuilt(0)
    good_pages, good_docs = html_pages(server.site()), tree_digest(server.project / "docs")
    before = server.rebuilds()
    replace_in(content / "facts/roles/shop-manager.yaml", "level: essential", "level: sometimes")
    server.wait_for("the content error in the log", lambda: (
        "content/facts/roles/shop-manager.yaml:4:12: 'level' must be one of 'essential' or 'optional'"
        in server.text()))
    assert "Traceback" not in server.text()
    server.wait_for_page("roles/shop-manager/", 200, "Content problems: this preview shows the last good version")
    server.rebuilt(before)
    assert "Head of the web shop" in fetch(server.url("roles/shop-manager/"))[1]
    assert tree_digest(server.project / "docs") == good_docs
    shown = html_pages(server.site())
    assert all(BANNER.search(html) for html in shown.values())
    assert {path: BANNER.sub("", html) for path, html in shown.items()} == good_pages

    # fixed: the next build succeeds without a restart
    replace_in(content / "facts/roles/shop-manager.yaml", "level: sometimes", "level: optional")
    replace_in(content / "en/roles/shop-manager.yaml", "name: Head of the web shop", "name: Web shop lead")
    server.wait_for_page("roles/shop-manager/", 200, "Web shop lead")
    assert server.process.poll() is None


# ---- only what an edit changes, and every page that shows it -------------------------------------------------

PREFIX = {language: "" if language == LANGUAGES[0] else f"{language}/" for language in LANGUAGES}
OUTDATED = {"nl": "Ouder dan het origineel", "it": "Più vecchia dell'originale"}
ROLE_NAME = re.compile(r"^name: (.*)$", re.M)


def test_a_renamed_role_is_served_updated_on_every_page_that_shows_it_in_its_language(server):
    """Its page, the overview, the pages that link to it (the competency it needs, the role it reports to,
    their comparison, graph.json), in the language edited; and the other languages' pages that must change:
    after an edit of the original (English), their translation status says their text is older."""
    content = server.project / "content"
    for language in LANGUAGES:
        role = content / language / "roles" / "shop-manager.yaml"
        name = f"Renamed in {language}"
        before = server.rebuilds()
        replace_in(role, ROLE_NAME.search(role.read_text(encoding="utf-8")).group(0), f"name: {name}")
        here = PREFIX[language]
        server.wait_for_page(f"{here}roles/shop-manager/", 200, f">{name}</h1>")
        server.rebuilt(before)
        assert server.rebuilds() == before + 1, "one save, one rebuild (the generated pages are not watched)"
        for page in ("roles/", "competencies/data-driven/", "roles/marketing-director/",
                     "compare/marketing-director--shop-manager/", "graph.json"):
            assert name in fetch(server.url(here + page))[1], f"{here}{page} does not show the new name yet"
        for other in LANGUAGES:
            if other != language:
                assert name not in fetch(server.url(f"{PREFIX[other]}roles/shop-manager/"))[1]
        if language == LANGUAGES[0]:
            for other, words in OUTDATED.items():
                status = fetch(server.url(f"{other}/status/"))[1]
                row = next(line for line in status.split("<tr>") if "shop-manager" in line)
                assert words in row, f"{other}/status/ does not say the {other} text is older than the original"
    assert "Traceback" not in server.text()


def test_enter_in_the_terminal_or_saving_mkdocs_yml_rebuilds_everything(tmp_path: Path):
    project = make_project(tmp_path / "project", FIXTURES / "small" / "content")
    server = Server(project, terminal=True)
    try:
        server.wait_for_page("roles/shop-manager/", 200, "Web shop manager")
        server.wait_for("the key's announcement", lambda: "press Enter here for a full rebuild" in server.text())
        # the content is watched by the system's file events, and the generated docs/<lang>/ not at all
        assert "Watching paths for changes: 'mkdocs.yml', 'docs/assets'" in server.text()
        before = server.rebuilds()
        server.press_enter()
        server.wait_for("a full rebuild", lambda: "full rebuild (asked for (Enter))" in server.text())
        server.rebuilt(before)
        before = server.rebuilds()
        (project / "mkdocs.yml").touch()
        server.wait_for("a full rebuild", lambda: "full rebuild (changed: mkdocs.yml)" in server.text())
        server.rebuilt(before)
        assert "Traceback" not in server.text()
    finally:
        server.stop()


def test_serve_dirty_is_refused_with_a_message_that_says_why(small_project: Path):
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{free_port()}"]
    result = subprocess.run(command, cwd=small_project, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    said = result.stdout + result.stderr
    assert result.returncode == 1
    assert "rebuilds only what an edit changes by itself: run `mkdocs serve` without --dirty" in said
    assert "Traceback" not in said


# ---- the guard: the served site is a fresh strict build's, byte for byte -----------------------------------

_LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")


def _normalized(path: Path) -> bytes:
    """A built file as compared: the sitemap without its dates (a build writes the day it runs)."""
    data = path.read_bytes()
    if path.name == "sitemap.xml.gz":
        data = gzip.decompress(data)
    return _LASTMOD.sub(b"", data) if path.name.startswith("sitemap.xml") else data


def site_files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): _normalized(path) for path in sorted(folder.rglob("*"))
            if path.is_file()}


def fresh_build(content: Path, port: int, work: Path) -> dict[str, bytes]:
    """A strict build of a copy of the content (with its files' times, which the status pages show) for the
    server's address, in a project of its own."""
    shutil.rmtree(work, ignore_errors=True)
    project = make_project(work, content)
    result = run_mkdocs(project, "build", "--strict", site_url=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.stderr
    return site_files(project / "site")


def test_the_served_site_equals_a_fresh_strict_build_after_each_kind_of_edit(tmp_path: Path):
    """After a rename (English), a Dutch description edit, a facts edit, an entity added and one deleted: the
    served site, every language's pages, alternates, sitemap and search bundles included, is what a fresh
    strict build makes (but for the sitemap's dates), without a full build; and after the deletion nothing
    links to it any more."""
    project = make_project(tmp_path / "project", FIXTURES / "small" / "content")
    content = project / "content"
    server = Server(project)

    def same_as_a_fresh_build(after: str) -> None:
        fresh = fresh_build(content, server.port, tmp_path / "fresh")
        served = site_files(server.site())
        differing = sorted(path for path in served.keys() | fresh.keys() if served.get(path) != fresh.get(path))
        assert not differing, f"after {after}, the served site differs from a fresh build: {differing}"

    def edit(what: str, change, shown: tuple[str, int, str]) -> None:
        before = server.rebuilds()
        change()
        server.wait_for_page(*shown)
        server.rebuilt(before)
        same_as_a_fresh_build(what)

    try:
        server.wait_for_page("roles/shop-manager/", 200, "Web shop manager")
        edit("a role renamed in English", lambda: replace_in(
            content / "en/roles/shop-manager.yaml", "name: Web shop manager", "name: Head of the web shop"),
            ("roles/shop-manager/", 200, "Head of the web shop"))
        edit("a description edited in Dutch", lambda: replace_in(
            content / "nl/roles/shop-manager.yaml", "description: ", "description: Bewerkt. "),
            ("nl/roles/shop-manager/", 200, "Bewerkt."))
        edit("a need's level changed (facts)", lambda: replace_in(
            content / "facts/roles/shop-manager.yaml", "level: essential", "level: optional"),
            ("it/roles/shop-manager/", 200, ">facoltativa"))

        def add() -> None:
            for area in ("facts", *LANGUAGES):
                source = content / area / "concepts" / "omnichannel.yaml"
                text = source.read_text(encoding="utf-8").replace("omnichannel", "multichannel")
                (source.parent / "multichannel.yaml").write_text(text.replace("name: Omni", "name: Multi"),
                                                                  encoding="utf-8")
            discussed(content, "multichannel")
        edit("a concept added", add, ("nl/concepts/multichannel/", 200, "Multi"))

        def delete() -> None:
            for area in ("facts", *LANGUAGES):  # nothing's facts refer to a debate: it can go
                (content / area / "debates" / "where-does-it-belong.yaml").unlink()
        edit("a debate deleted", delete, ("it/debates/where-does-it-belong/", 404, ""))
        linking = [path.relative_to(server.site()).as_posix() for path in server.site().rglob("*")
                   if path.is_file() and path.suffix in (".html", ".json", ".xml")
                   and b"where-does-it-belong" in path.read_bytes()]
        assert linking == [], f"after the debate was deleted, these still name it: {linking}"
    finally:
        server.stop()
    assert "Traceback" not in server.text(), server.text()
    assert "guide: full rebuild" not in server.text(), "every edit, the pages that came and went included, is " \
        "rendered in place, without MkDocs' full build"


# ---- the preview's search indexing, in the process (hooks/guide_serve.py) ------------------------------------

def test_a_save_stops_the_search_indexing_and_the_rebuild_after_it_indexes_what_was_left(tmp_path, monkeypatch):
    """Indexing runs after the pages are served; a save meanwhile stops it (at 1,000 per kind a language
    takes seconds), and its languages are indexed after that rebuild, even one that had nothing to rebuild."""
    import importlib
    import threading
    from types import SimpleNamespace

    from guide.search import IndexingStopped

    monkeypatch.syspath_prepend(str(REPO / "hooks"))
    guide_serve = importlib.import_module("guide_serve")
    monkeypatch.setattr(guide_serve, "preview", guide_serve.Preview(config=SimpleNamespace(site_dir=str(tmp_path))))
    indexed, release = [], threading.Event()

    def index_language(site_dir, language, stop):  # a stand-in indexer: waits until released or stopped
        while not release.wait(0.05):
            if stop.is_set():
                raise IndexingStopped(language)
        indexed.append(language)
        return 1

    monkeypatch.setattr(guide_serve, "index_language", index_language)
    monkeypatch.setattr(guide_serve, "_rebuild_what_changed", lambda project: None)  # "nothing to rebuild"
    guide_serve.index_search_later(["nl", "it"])  # after the last rebuild's pages were served
    guide_serve._rebuild(tmp_path)  # the next save
    assert guide_serve.preview.unindexed == {"nl", "it"} and indexed == []
    release.set()
    guide_serve.preview.indexing.join(timeout=10)
    assert sorted(indexed) == ["it", "nl"] and not guide_serve.preview.unindexed


def test_pages_that_come_or_go_in_some_languages_only_ask_for_a_full_build(tmp_path, monkeypatch):
    """A page the preview renders in place comes or goes in every language at once (its language menu links
    the others); one that would come in one language only is left to MkDocs' full build."""
    import importlib
    from types import SimpleNamespace

    from guide.incremental import Regeneration

    monkeypatch.syspath_prepend(str(REPO / "hooks"))
    guide_serve = importlib.import_module("guide_serve")
    kept = {language: {f"{language}/roles/old.md": object()} for language in LANGUAGES}
    passes = {language: SimpleNamespace(files=SimpleNamespace(src_uris=uris)) for language, uris in kept.items()}
    monkeypatch.setattr(guide_serve, "preview", guide_serve.Preview(
        config=SimpleNamespace(docs_dir=str(tmp_path)), passes=passes))
    for language in LANGUAGES:
        (tmp_path / language / "roles").mkdir(parents=True)
        (tmp_path / language / "roles" / "new.md").write_text("# New\n", encoding="utf-8")

    def saved(languages: tuple[str, ...]) -> Regeneration:
        return Regeneration(None, {language: [f"{language}/roles/new.md", f"{language}/roles/old.md"]  # type: ignore
                                   if language in languages else [] for language in LANGUAGES})

    came, went = guide_serve._came_and_went(saved(LANGUAGES))
    assert came == {language: [f"{language}/roles/new.md"] for language in LANGUAGES}
    assert went == {language: [f"{language}/roles/old.md"] for language in LANGUAGES}
    with pytest.raises(guide_serve._NeedsFullBuild, match="some languages only"):
        guide_serve._came_and_went(saved(LANGUAGES[:1]))


def test_the_preview_checks_each_quote_against_its_article_and_names_the_sources_it_cannot(tmp_path, monkeypatch):
    project = make_project(tmp_path / "project", FIXTURES / "small" / "content")
    monkeypatch.setenv("GUIDE_ARTICLES", str(project / "articles"))
    (project / "articles" / "web-shop-manager.txt").unlink()
    running = Server(project)
    try:
        running.wait_for_page("roles/shop-manager/", 200, "Web shop manager")
        assert ("guide: quotes of 1 source not checked: its article is not at hand: article-english "
                "(web-shop-manager.txt)") in running.text()
        replace_in(project / "content/facts/sources/article.yaml", "is data gedreven", "is sterk data gedreven")
        running.wait_for("the quote's problem in the log", lambda: (
            "content/facts/sources/article.yaml:15:12: the quote is not in the article webshopmanager.txt: it adds "
            "'sterk'") in running.text())
        running.wait_for_page("roles/shop-manager/", 200, "Content problems: this preview shows the last good version")
    finally:
        running.stop()
