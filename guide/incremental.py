"""Generation for the preview (`mkdocs serve`): after an edit, only what it can change is done again.

A Regenerator lives as long as the preview. Each run reads the content through a cache (a file whose bytes
are unchanged is not parsed or checked again: guide.content.cache), builds the graph, and compares it with
the graph of the last run: the entities whose records differ are the seeds, and guide.pages.dependencies
says which pages of which language they can change. Only those are planned and rendered; of those, only
the files whose text changed are written (sync_folder), and the files of pages that went are deleted. The
run says which files of docs/ it wrote or deleted, language by language: what MkDocs must render again.

The first run, and any run after one that did not finish, renders everything, as guide.site.generate does;
the files written are the same either way (tests/test_incremental.py).
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .content.cache import ContentCache
from .content.graph import Graph, build_graph
from .content.loading import cyclic_gc_paused, load_content
from .languages import LANGUAGES
from .pages.dependencies import changed_entities, reach
from .pages.status import STATUS_FOLDER, status_pages
from .site import render_some, sync_folder
from .tools.status import status_rows


@dataclass
class Regeneration:
    """What one run did."""

    graph: Graph
    changed: dict[str, list[str]]  # language -> the docs/ paths written or deleted ('nl/roles/x.md', ...)
    # language -> the entities and comparisons planned (None: all)
    rendered: dict[str, int | None] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # phase -> seconds
    files_read: int = 0  # content files parsed and checked again (not taken from the cache)

    @property
    def paths(self) -> list[str]:
        return [path for paths in self.changed.values() for path in paths]

    def summary(self) -> str:
        planned = ", ".join(f"{language} {'all' if count is None else count}"
                            for language, count in self.rendered.items()) or "none"
        return (f"{self.files_read} content files read, entities and comparisons planned: {planned}; "
                f"{len(self.paths)} generated files changed")


class Regenerator:
    def __init__(self, content_dir: Path, docs_dir: Path, display_root: Path, site_url: str):
        self.content_dir, self.docs_dir, self.display_root = Path(content_dir), Path(docs_dir), Path(display_root)
        self.site_url = site_url
        self.cache = ContentCache()
        self.graph: Graph | None = None     # the graph docs/ was last brought up to date with
        self.status: tuple[object, dict[str, str]] | None = None  # what the status pages show, and those pages
        self.paths: dict[str, set[str]] = {}  # language -> the docs/ paths of every file generated for it

    def forget(self) -> None:
        """Render everything at the next run (e.g. docs/ may have been changed by someone else)."""
        self.graph = None

    def run(self) -> Regeneration:
        """Validate the content (raising ContentProblems, with nothing written), then bring docs/<lang>/ up to
        date, rendering what the changes since the last run can reach."""
        seconds: dict[str, float] = {}
        start = time.perf_counter()
        with cyclic_gc_paused():
            content = load_content(self.content_dir, self.display_root, self.cache)
            seconds["load"] = time.perf_counter() - start
            graph = build_graph(content)
            seconds["graph"] = time.perf_counter() - start - seconds["load"]
            mark = time.perf_counter()
            rows = status_rows(self.content_dir, validated=content.records())
            shown = (rows, [(entity.key, [entity.name(language) for language in LANGUAGES])
                            for by_id in graph.entities.values() for entity in by_id.values()])
            if self.status is None or self.status[0] != shown:  # most edits change no status (a second at 1,000)
                self.status = shown, status_pages(graph, {(row.kind, row.id): row.states for row in rows})
            status = self.status[1]
            seconds["status"] = time.perf_counter() - mark
            files_read = self.cache.misses
            del content
            old, self.graph = self.graph, None  # until this run has written everything
            result = Regeneration(graph, {}, seconds=seconds, files_read=files_read)
            seeds = changed_entities(old, graph) if old is not None else None
            for language in LANGUAGES:
                mark = time.perf_counter()
                status_files = {path: text for path, text in status.items() if path.startswith(language + "/")}
                result.changed[language] = self._language(language, graph, old, seeds, status_files, result)
                seconds[language] = time.perf_counter() - mark
            self.graph = graph
        return result

    def _language(self, language: str, graph: Graph, old: Graph | None,
                  seeds: tuple[set[tuple[str, str]], dict[str, set[tuple[str, str]]]] | None,
                  status_files: dict[str, str], result: Regeneration) -> list[str]:
        changed: list[str] = []
        if old is None or seeds is None or language not in self.paths:  # everything, as generate() does
            files, _ = render_some(graph, language, self.site_url)
            files.update(status_files)
            sync_folder(self.docs_dir, files, owned=(language,), changed_paths=changed)
            self.paths[language] = set(files)
            result.rendered[language] = None
            return changed
        facts, texts = seeds
        language_seeds = facts | texts[language]
        if language_seeds:
            only = reach(old, graph, language, language_seeds)
            files, left_out = render_some(graph, language, self.site_url, only)
            result.rendered[language] = len(only.entities) + len(only.comparisons)
        else:  # nothing of this language changed but, perhaps, its translation status
            files, left_out = {}, {path for path in self.paths[language]
                                   if not path.startswith(f"{language}/{STATUS_FOLDER}/")}
        files.update(status_files)
        sync_folder(self.docs_dir, files, owned=(), changed_paths=changed)
        expected = set(files) | left_out
        for gone in sorted(self.paths[language] - expected):
            _remove(self.docs_dir, gone)
            changed.append(gone)
        self.paths[language] = expected
        return changed


def _remove(docs_dir: Path, relative_path: str) -> None:
    """Delete a generated file and the folders it leaves empty (up to its language's folder)."""
    path = os.path.join(docs_dir, relative_path)
    try:
        os.unlink(path)
    except FileNotFoundError:
        return
    folder = os.path.dirname(path)
    language_folder = os.path.join(docs_dir, relative_path.split("/", 1)[0])
    while folder != language_folder and not os.listdir(folder):
        os.rmdir(folder)
        folder = os.path.dirname(folder)
