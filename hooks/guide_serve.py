"""The serve adapter: what the preview (`mkdocs serve`) needs of MkDocs', its live-reload server's and
static-i18n's internals, in one place (hooks/guide_theme.py is the theme's adapter; guide/ knows neither).
tests/test_stack_contract.py asserts each behaviour relied on here and says what to revisit.

MkDocs' own serve builder loads the configuration again and builds every page of every language on each
save (static-i18n runs a build per language); its `--dirty` mode aborts under `strict` at the first rebuild,
leaves pages of deleted files and other pages stale, and at 1,000 entities per kind spends most of its time in
static-i18n making the files of every page again. So, through MkDocs' `on_serve` event, the preview
replaces the live-reload server's builder with its own, which on a save:

1. regenerates the Markdown of the pages the change can reach (guide.incremental.Regenerator), learning which
   files of docs/ it wrote or deleted, per language;
2. renders again just those pages, in their language, with the MkDocs objects of that language's pass kept
   from the last build (configuration, files, navigation, theme environment), as MkDocs' build does
   (`_populate_page`, `_build_page`). A page that went leaves the kept files and its output is deleted; a
   page that came is made a file by static-i18n as its pass makes every file (`reconfigure_files`, with its
   other languages' files: its alternates), then a page. When pages came or went, the sitemap is written
   again (MkDocs' `_build_theme_template`, static-i18n's template, each language's pages in the order its
   pass lists them);
3. indexes the search of the languages whose pages changed (a bundle each: guide/search.py) in the
   background: the server serves the new pages, and tells browsers to reload, as soon as they are written
   (MkDocs' server holds every request until its builder returns); a search meanwhile finds the old bundle,
   replaced when the new one is complete; a save meanwhile stops the indexing, and the rebuild that follows
   indexes its languages too;
4. and runs MkDocs' full build instead when anything else changed (mkdocs.yml, the theme's overrides, the
   assets, the guide's templates), when content problems appear, change or go (every page shows them), when
   rendering logged a warning (a full strict build reports it), when pages came or went in some languages
   only, or when Enter is pressed in the terminal.

Content is watched with the system's file events (inotify) where there are, for writes only (reading every
content file, as a rebuild may, would otherwise queue two events per file); else by MkDocs' polling. The
generated docs/<lang>/ folders are not watched (writing them made every save rebuild twice).
"""
from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from guide.content.problems import ContentProblems
from guide.incremental import Regeneration, Regenerator
from guide.languages import DEFAULT, LANGUAGES
from guide.search import IndexingStopped, SearchIndexError, index_language
from guide.tools.preview import report_problems

log = get_plugin_logger(__name__)
I18N = "i18n"
PROJECT_FILES = ("mkdocs.yml", "overrides", "hooks", "docs/assets")  # any change: a full build
GUIDE = Path(__file__).resolve().parent.parent / "guide"


@dataclass
class LanguagePass:
    """What MkDocs built one language with, kept to render its pages again."""

    files: Files
    nav: Any = None
    env: Any = None


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory (jinja2 compiles a template again when its source changed: it
    compares a checksum of the source)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


@dataclass
class Preview:
    serving: bool = False
    problems: str | None = None          # the report shown on every page while the content has problems
    notices: tuple[str, ...] = ()        # the content's notices last logged (unchecked quotes)
    regenerator: Regenerator | None = None
    passes: dict[str, LanguagePass] = field(default_factory=dict)
    config: MkDocsConfig | None = None   # the configuration of the last build (the same object in every pass)
    full_builder: Callable[[], None] | None = None
    generated: bool = False              # the builder has regenerated docs/ already: the build must not again
    full_wanted: threading.Event = field(default_factory=threading.Event)
    fingerprint: dict[str, tuple[int, int]] = field(default_factory=dict)
    code: str = ""
    indexing: threading.Thread | None = None  # the search being indexed after the pages were served
    indexing_stop: threading.Event = field(default_factory=threading.Event)  # set: the indexing stops
    unindexed: set[str] = field(default_factory=set)  # languages whose search is older than their pages
    compiled_templates: CompiledTemplates = field(default_factory=lambda: CompiledTemplates())


preview = Preview()


# ---- the hooks' part: every full build ---------------------------------------------------------------------

def start(command: str, dirty: bool) -> None:
    preview.serving = command == "serve"
    if preview.serving and dirty:  # MkDocs warns at every dirty build, and the strict build stops at the first
        raise Abort("The guide's preview rebuilds only what an edit changes by itself: run `mkdocs serve` without "
                    "--dirty (bash scripts/serve.sh does); with it, the strict build stops at its first warning.")


def generate(config: MkDocsConfig, project: Path) -> None:
    """The default language's on_pre_build while serving: bring docs/ up to date, or keep the last good pages
    and show the content's problems on every page."""
    if preview.generated:  # the serve builder did it, then asked for this build
        preview.generated = False
        return
    if preview.regenerator is None:
        preview.regenerator = Regenerator(project / "content", Path(config.docs_dir), project, config.site_url)
    try:
        result = preview.regenerator.run()
    except ContentProblems as problems:
        if not (Path(config.docs_dir) / DEFAULT / "index.md").is_file():
            raise PluginError(problems.report()) from None
        preview.problems = problems.report(with_col=True)
        report_problems(preview.problems)
        return
    preview.problems = None
    log.info(f"guide: {result.graph.count()} entities; {result.summary()}")
    _tell_notices(result)


def _tell_notices(result: Regeneration) -> None:
    """Name the sources whose quotes cannot be checked when that first shows or changes (not at every save)."""
    if result.graph.notices != preview.notices:
        preview.notices = result.graph.notices
        for notice in preview.notices:
            log.info(f"guide: {notice}")


def keep_files(files: Files, config: MkDocsConfig) -> None:
    """on_files, after static-i18n has made this language's files: kept to render its pages again."""
    if preview.serving:
        preview.config = config
        preview.passes[_language(config)] = LanguagePass(files)


def keep_nav(nav: Any, config: MkDocsConfig) -> None:
    """on_nav, after static-i18n: kept."""
    if preview.serving:
        preview.passes[_language(config)].nav = nav


def keep_env(env: Any, config: MkDocsConfig) -> None:
    """on_env: kept; and the theme's templates, compiled once while the preview runs, instead of again in every
    language pass of every full rebuild (MkDocs makes a new template environment for each)."""
    if preview.serving:
        env.bytecode_cache = preview.compiled_templates
        preview.passes[_language(config)].env = env


def _language(config: MkDocsConfig) -> str:
    language: str = config.plugins[I18N].current_language
    return language


# ---- on_serve: the builder, the watchers, the key -----------------------------------------------------------

def install(server: Any, config: MkDocsConfig, builder: Callable[[], None]) -> None:
    """Replace the live-reload server's builder (the documented seam: `on_serve` gets the server and the
    builder), watch the content, and stop watching the generated folders."""
    project = Path(config.config_file_path).resolve().parent
    preview.full_builder = builder
    preview.fingerprint, preview.code = _fingerprint(project, Path(config.docs_dir)), _code()
    if not _watch_natively(server, project / "content"):
        server.watch(str(project / "content"))
    server.unwatch(config.docs_dir)  # docs/<lang>/ is written by the build: watching it rebuilt every save twice
    for entry in os.scandir(config.docs_dir):
        if entry.name not in LANGUAGES:
            server.watch(entry.path)
    server.builder = functools.partial(_rebuild, project)
    _keep_out_of_collections()  # MkDocs' serve has built the site once already
    if _interactive():
        threading.Thread(target=_read_keys, args=(server,), daemon=True, name="guide-keys").start()
        log.info("guide: press Enter here for a full rebuild")


def _interactive() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):
        return False


def _read_keys(server: Any) -> None:
    for _ in sys.stdin:
        preview.full_wanted.set()
        _wake(server)


def _wake(server: Any) -> None:
    """Wake the server's build loop, as its own watcher does (LiveReloadServer internals, MkDocs 1.6)."""
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()


def _watch_natively(server: Any, folder: Path) -> bool:
    """Watch the content with the system's file events (inotify on Linux) instead of MkDocs' polling, which
    looks at every file every half second: a save is seen at once, and no time goes to polling tens of
    thousands of files. False where there are none (MkDocs' polling then watches it)."""
    from watchdog import events
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    if Observer is PollingObserver:
        return False
    writes: list[type[FileSystemEvent]] = [
        events.FileCreatedEvent, events.FileModifiedEvent, events.FileDeletedEvent, events.FileMovedEvent,
        events.FileClosedEvent, events.DirCreatedEvent, events.DirDeletedEvent, events.DirMovedEvent]

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if not event.is_directory:
                _wake(server)

    observer = Observer()
    try:
        observer.schedule(Handler(), str(folder), recursive=True, event_filter=writes)  # asked of the system
        observer.daemon = True
        observer.start()
    except OSError:  # e.g. no inotify watches left
        return False
    return True


def _fingerprint(project: Path, docs_dir: Path) -> dict[str, tuple[int, int]]:
    """When and how large each file is that a full build depends on, besides the content (saving one, even
    unchanged, asks for a full build): the configuration, theme overrides, hooks, assets (docs/ but for the
    generated language folders), the guide's templates and labels."""
    roots = [project / name for name in PROJECT_FILES] + [GUIDE / "pages" / "templates"]
    roots += [Path(entry.path) for entry in os.scandir(docs_dir) if entry.name not in LANGUAGES]
    found = {}
    for root in roots:
        for path in _files(root):
            with contextlib.suppress(OSError):
                stat = path.stat()
                found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


def _files(root: Path) -> Iterator[Path]:
    if root.is_file():
        yield root
    for folder, folders, names in os.walk(root):
        folders[:] = [name for name in folders if name != "__pycache__"]
        yield from (Path(folder) / name for name in names)


def _code() -> str:
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(_files(GUIDE)):
        if path.suffix == ".py":
            digest.update(path.read_bytes())
    return digest.hexdigest()


# ---- the builder ------------------------------------------------------------------------------------------

def _keep_out_of_collections() -> None:
    """After a full build, what the preview keeps (each language pass's files, pages, navigation and theme;
    the content's cache and graph) is moved out of the cyclic garbage collector's reach (gc.freeze): the
    collection after each save's rebuild scanned all of it again, a second of the save at 1,000 entities per
    kind. Reference counting still frees what is dropped (a replaced graph or record: none is in a cycle);
    a page that went leaves its page and file, a cycle, until the next full build."""
    gc.collect()
    gc.freeze()


class _NeedsFullBuild(Exception):
    pass


def _rebuild(project: Path) -> None:
    """What the server runs after a change (see the module's docstring)."""
    stop_indexing()
    try:
        _rebuild_what_changed(project)
    finally:
        if preview.indexing is None and preview.unindexed and preview.config is not None:
            index_search_later(())  # e.g. nothing to rebuild: what the stopped indexing had left


def _rebuild_what_changed(project: Path) -> None:
    start = time.perf_counter()
    reason = _full_build_reason(project)
    if reason:
        return _full(reason, forget=True)
    regenerator = preview.regenerator
    assert regenerator is not None
    try:
        result = regenerator.run()
    except ContentProblems as problems:  # (any other error: the regenerator renders everything next time)
        report = problems.report(with_col=True)
        if report == preview.problems:
            log.info("guide: the content still has the same problems")
            return None
        preview.problems = report
        report_problems(report)
        preview.generated = True
        return _full("content problems: every page shows them above its last good version")
    if preview.problems is not None:
        preview.problems = None
        preview.generated = True
        return _full("the content problems are fixed")
    _tell_notices(result)
    generated = time.perf_counter() - start
    if not result.paths:
        log.info(f"guide: nothing to rebuild ({result.summary()}, {generated:.2f} s)")
        return None
    try:
        rendered = _render_again(result)
    except _NeedsFullBuild as why:
        preview.generated = True
        return _full(str(why))
    except BaseException:
        preview.full_wanted.set()  # pages may be left half done: the next rebuild does them all
        raise
    rendered_at = time.perf_counter()
    pages = ", ".join(f"{language} {count}" for language, (count, _) in rendered.items())
    searched = [language for language, (_, searchable) in rendered.items() if searchable]
    log.info(f"guide: rebuilt in {rendered_at - start:.2f} s: generated in {generated:.2f} s "
             f"({result.summary()}); pages rendered {pages} in {rendered_at - start - generated:.2f} s"
             + ("" if searched else "; search unchanged"))
    if searched:
        index_search_later(searched)
    return None


def _full_build_reason(project: Path) -> str | None:
    if preview.full_wanted.is_set():
        preview.full_wanted.clear()
        return "asked for (Enter)"
    if preview.config is None or set(preview.passes) != set(LANGUAGES) or preview.regenerator is None:
        return "no earlier build to start from"
    fingerprint = _fingerprint(project, Path(preview.config.docs_dir))
    if fingerprint != preview.fingerprint:
        changed = sorted(path for path in fingerprint.keys() | preview.fingerprint.keys()
                         if fingerprint.get(path) != preview.fingerprint.get(path))
        return "changed: " + ", ".join(os.path.relpath(path, project) for path in changed[:5])
    if _code() != preview.code:
        preview.code = _code()
        log.warning("guide: the guide's Python code changed: stop the preview (Ctrl+C) and start it again to use it")
    return None


def _full(reason: str, forget: bool = False) -> None:
    """MkDocs' own builder: the configuration loaded again, every page of every language built."""
    log.info(f"guide: full rebuild ({reason})")
    if forget and preview.regenerator is not None:
        preview.regenerator.forget()  # every page generated again too
    preview.passes.clear()
    preview.config = None
    gc.unfreeze()  # what the last build kept may go now
    assert preview.full_builder is not None
    try:
        preview.full_builder()
    except BaseException:
        preview.full_wanted.set()  # a build that failed half-way: the next one is full again, as MkDocs' would be
        raise
    finally:
        preview.generated = False
        _keep_out_of_collections()
    if preview.config is not None:
        preview.fingerprint = _fingerprint(Path(preview.config.config_file_path).resolve().parent,
                                           Path(preview.config.docs_dir))


def _render_again(result: Regeneration) -> dict[str, tuple[int, int]]:
    """Each language's changed files, rendered as its pass renders them (pages that came made, pages that
    went taken away); per language, the number of pages, and of those that are searched (the others, e.g.
    the status pages, are not in the search index)."""
    from mkdocs.commands.build import _build_page, _build_theme_template, _populate_page  # MkDocs' own (1.6)

    config = preview.config
    assert config is not None
    i18n = config.plugins[I18N]
    came, went = _came_and_went(result)
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    mkdocs_logger = logging.getLogger("mkdocs")
    mkdocs_logger.addHandler(counter)
    rendered = {}
    kept = None
    try:
        for language in LANGUAGES:
            paths = result.changed[language]
            if not paths:
                rendered[language] = (0, 0)
                continue
            kept = preview.passes[language]
            i18n.current_language = language
            with _quiet(logging.getLogger("mkdocs.plugins.mkdocs_static_i18n")):
                config = i18n.on_config(config)  # this language's site name, theme language, language menu
            config.theme.dirs[:] = list(dict.fromkeys(config.theme.dirs))  # it adds its sitemap's folder each time
            for path in went[language]:
                file = kept.files.src_uris[path]
                _delete(file.abs_dest_path, config.site_dir)
                kept.files.remove(file)
            for file in _files_of(came[language], config, i18n):
                kept.files.append(file)
                if file.is_documentation_page():
                    Page(None, file, config)  # as MkDocs makes the page of a file the navigation does not list
            pages = []
            for path in paths:
                file = kept.files.src_uris.get(path)
                if file is None:  # went
                    continue
                if file.is_documentation_page():
                    pages.append(file.page)
                else:
                    file.copy_file()
            doc_files = kept.files.documentation_pages()
            # links looked up by MkDocs' own Files: for a path in the pass's language (every link the guide
            # writes) static-i18n's lookup finds the same file, in several times the time (pathlib paths)
            links = Files(list(kept.files))
            for page in pages:
                _populate_page(page, config, links)
            for page in pages:
                _build_page(page, config, doc_files, kept.nav, kept.env)
            for page in pages:
                page.validate_anchor_links(files=kept.files, log_level=config.validation.links.anchors)
            if came[language] or went[language]:  # the list the sitemap shows, in the order the pass makes it
                i18n.i18n_files_per_language[language] = sorted(doc_files, key=lambda f: _walk_order(f.src_uri))
            searchable = [page for page in pages if not (page.meta.get("search") or {}).get("exclude", False)]
            rendered[language] = (len(pages), len(searchable))
        if any(came.values()) or any(went.values()):  # (every language changed, the last one's objects kept)
            assert kept is not None
            _build_theme_template("sitemap.xml", kept.env, kept.files, config, kept.nav)
    finally:
        mkdocs_logger.removeHandler(counter)
    if counter.get_counts():
        raise _NeedsFullBuild("a warning while rendering pages again: a full build reports it as strict mode does")
    return rendered


def _came_and_went(result: Regeneration) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Per language, the changed docs/ files that are new to its pass, and those deleted. The same pages in
    every language, or a full build (a page in one language only would leave the others' language menus
    pointing at nothing)."""
    assert preview.config is not None
    docs_dir = preview.config.docs_dir
    came: dict[str, list[str]] = {}
    went: dict[str, list[str]] = {}
    for language in LANGUAGES:
        files = preview.passes[language].files.src_uris
        came[language], went[language] = [], []
        for path in result.changed[language]:
            if not os.path.exists(os.path.join(docs_dir, path)):
                if path in files:
                    went[language].append(path)
            elif path not in files:
                came[language].append(path)
    if not (_alike(came) and _alike(went)):
        raise _NeedsFullBuild("pages came or went in some languages only")
    return came, went


def _alike(paths: dict[str, list[str]]) -> bool:
    return len({tuple(sorted(map(_inside_language, by_language))) for by_language in paths.values()}) == 1


def _inside_language(path: str) -> str:
    """A docs/ path without its language folder: 'nl/roles/x.md' -> 'roles/x.md'."""
    return path.split("/", 1)[1]


def _files_of(paths: list[str], config: MkDocsConfig, i18n: Any) -> list[File]:
    """The new docs/ files of this language's pass, made as static-i18n makes every file of it (from MkDocs'
    File of each language's version of the path: the alternates)."""
    if not paths:
        return []
    docs_dir = config.docs_dir
    versions = sorted({f"{language}/{_inside_language(path)}" for path in paths for language in LANGUAGES})
    raw = Files([File(uri, docs_dir, config.site_dir, config.use_directory_urls) for uri in versions
                 if os.path.exists(os.path.join(docs_dir, uri))])
    wanted = set(paths)
    return [file for file in i18n.reconfigure_files(raw, config) if file.src_uri in wanted]


def _walk_order(src_uri: str) -> tuple[tuple[int, Any], ...]:
    """Where MkDocs' get_files lists a file: os.walk from the top, each folder's files (index first, then by
    name) before its subfolders (by name)."""
    from mkdocs.structure.files import _file_sort_key

    *folders, name = src_uri.split("/")
    return (*((1, folder) for folder in folders), (0, _file_sort_key(name)))


@contextlib.contextmanager
def _quiet(logger: logging.Logger) -> Iterator[None]:
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def index_search_later(languages: Iterable[str] = LANGUAGES) -> None:
    """Index the search of these languages, and of those whose indexing an edit stopped, in the background,
    side by side on as many cores as there are (a build indexes one at a time, for its memory)."""
    assert preview.config is not None
    site_dir = Path(preview.config.site_dir)
    preview.unindexed.update(languages)
    chosen = [language for language in LANGUAGES if language in preview.unindexed]
    stop = threading.Event()
    log.info(f"guide: indexing the search of {', '.join(chosen)} (the pages are served meanwhile)")

    def index_one(language: str) -> int:
        count = index_language(site_dir, language, stop)
        preview.unindexed.discard(language)
        return count

    def index() -> None:
        start = time.perf_counter()
        try:
            with ThreadPoolExecutor(max_workers=INDEXERS) as pool:  # each thread waits for its indexer's process
                pages = dict(zip(chosen, pool.map(index_one, chosen), strict=True))
        except IndexingStopped:
            log.info("guide: search indexing stopped for the next rebuild (it will index "
                     f"{', '.join(language for language in LANGUAGES if language in preview.unindexed)})")
            return
        except SearchIndexError as error:
            if site_dir.is_dir():  # (not when the server has stopped and removed its site)
                log.error(str(error))
                preview.full_wanted.set()  # the next rebuild indexes every language again
            return
        log.info(f"guide: search indexed in {time.perf_counter() - start:.2f} s: "
                 + ", ".join(f"{language} {count} pages" for language, count in pages.items()))

    preview.indexing = threading.Thread(target=index, name="guide-search", daemon=True)
    preview.indexing_stop = stop
    preview.indexing.start()


def stop_indexing() -> None:
    """A rebuild starts from a site no indexer writes in: one still running is stopped (its languages are
    indexed after the rebuild; at 1,000 entities per kind a language takes seconds)."""
    if preview.indexing is not None:
        preview.indexing_stop.set()
        preview.indexing.join()
        preview.indexing = None


INDEXERS = os.cpu_count() or 1


def _delete(path: str, site_dir: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
        folder = os.path.dirname(path)
        while os.path.abspath(folder) != os.path.abspath(site_dir) and not os.listdir(folder):
            os.rmdir(folder)
            folder = os.path.dirname(folder)

