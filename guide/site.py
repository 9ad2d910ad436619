"""Turn the content into the Markdown pages of every language, writing only what changed."""
from __future__ import annotations

import json
import os
from pathlib import Path

from .content.graph import Graph, build_graph
from .content.loading import load_content
from .content.model import KINDS
from .languages import LANGUAGES, site_folder
from .pages import plan_some
from .pages.dependencies import Reach
from .pages.links import page_path, page_url
from .pages.rendering import render_page
from .pages.status import status_pages
from .pages.structured import claims_json, export_graph
from .tools.status import status_rows

EXPORT_FILE = "graph.json"
CLAIMS_FILE = "claims.json"  # beside a source's page: what the evidence popups show (docs/assets/guide.js)


def render_site(graph: Graph, site_url: str) -> dict[str, str]:
    """Every generated file, keyed by its path under docs/ (e.g. 'nl/roles/cmo.md', 'nl/graph.json')."""
    files = {}
    for language in LANGUAGES:
        files.update(render_language(graph, language, site_url))
    return files


def write_languages(graph: Graph, site_url: str, docs_dir: Path, extra: dict[str, str]) -> int:
    """Render every language and bring its folder, docs/<lang>/, up to date with its files and the extra
    files that belong in it (e.g. 'nl/status/index.md'). Returns the number of files changed."""
    changed = 0
    for language in LANGUAGES:
        files = render_language(graph, language, site_url)
        files.update((path, text) for path, text in extra.items() if path.startswith(language + "/"))
        changed += sync_folder(docs_dir, files, owned=(language,))
    return changed


def render_language(graph: Graph, language: str, site_url: str) -> dict[str, str]:
    """The generated files of one language."""
    return render_some(graph, language, site_url)[0]


def render_some(graph: Graph, language: str, site_url: str,
                only: Reach | None = None) -> tuple[dict[str, str], set[str]]:
    """The generated files of one language, and the paths of those left out; with `only` (what an edit can
    reach), the files of other entities and comparisons are left out (guide.pages.plan_some)."""
    pages, skipped = plan_some(graph, language, site_url, only)
    files = {f"{language}/{page.path}": render_page(page, language) for page in pages}
    left_out = {f"{language}/{path}" for path in skipped}
    folder = site_folder(language)
    export = export_graph(graph, language, lambda entity: page_url(site_url, folder, page_path(
        KINDS[entity.kind].folder, entity.id)))
    files[f"{language}/{EXPORT_FILE}"] = _json(export)
    for source in graph.of_kind("source"):
        path = f"{language}/{KINDS['source'].folder}/{source.id}/{CLAIMS_FILE}"
        if only is None or source.key in only.entities:
            files[path] = _json(claims_json(source, language))
        else:
            left_out.add(path)
    return files, left_out


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def generate(content_dir: Path, docs_dir: Path, display_root: Path,
             site_url: str = "http://127.0.0.1:8000/") -> tuple[Graph, int]:
    """Validate the content (raising ContentProblems), then bring docs/<lang>/ up to date.

    Nothing is written unless all content is valid. Returns the graph and the number of files changed.
    """
    content = load_content(content_dir, display_root)
    graph = build_graph(content)
    # the translation status reuses the files read here instead of reading every one again
    rows = status_rows(content_dir, validated=content.records())
    status = status_pages(graph, {(row.kind, row.id): row.states for row in rows})
    del content  # the files read (their texts are kept to say where a problem is) are not needed any more
    changed = write_languages(graph, site_url, docs_dir, status)
    return graph, changed


def sync_folder(docs_dir: Path, pages: dict[str, str], owned: tuple[str, ...],
                changed_paths: list[str] | None = None) -> int:
    """Write pages whose text changed and delete files of the owned folders that are no longer generated;
    changed_paths, if given, gets the path (relative to docs_dir) of each file written or deleted.

    Unchanged files keep their modification time, so `mkdocs serve` does not rebuild in a loop.
    (Plain os calls: tens of thousands of files at a time, where pathlib's objects cost more than the I/O.)
    """
    changed = 0
    folders_made: set[str] = set()
    for relative_path, text in pages.items():
        path = os.path.join(docs_dir, relative_path)
        data = text.encode("utf-8")
        try:
            with open(path, "rb") as existing:
                if existing.read() == data:
                    continue
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            pass
        folder = os.path.dirname(path)
        if folder not in folders_made:
            os.makedirs(folder, exist_ok=True)
            folders_made.add(folder)
        with open(path, "wb") as written:
            written.write(data)
        changed += 1
        if changed_paths is not None:
            changed_paths.append(relative_path)
    wanted = {os.path.normpath(os.path.join(docs_dir, relative_path)) for relative_path in pages}
    for owned_folder in owned:
        for folder, _, filenames in os.walk(os.path.join(docs_dir, owned_folder), topdown=False):
            for filename in filenames:
                path = os.path.join(folder, filename)
                if os.path.normpath(path) not in wanted:
                    os.unlink(path)
                    changed += 1
                    if changed_paths is not None:
                        changed_paths.append(os.path.relpath(path, docs_dir).replace(os.sep, "/"))
            if not os.listdir(folder):
                os.rmdir(folder)
    return changed
