"""Translation status: for every entity and language, is the text there, finished, and as new as the
original it translates? `python -m guide status` prints it; the site shows it on status/index.md."""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from .loading import LANGUAGE_NAMES
from .model import FACTS, KIND_BY_FOLDER, KINDS, LANGUAGES
from .pages.links import Link, page_path, relative
from .pages.paging import paginate
from .pages.planning import OVERVIEW_ORDER, PlannedPage
from .pages.rendering import render_page
from .placeholders import todo_problems
from .yamlfile import read_yaml

STATUS_FOLDER = "status"  # status/index.md, then status/page_2.md ... (guide.paging)
STATUS_PAGE_SIZE = 500  # rows of a table page: small, so more of them fit a page than an overview's entries
MISSING, TODO, ERROR, OUTDATED, ORIGINAL, OK = "missing", "todo", "error", "outdated", "original", "ok"
DESCRIPTIONS = {
    ORIGINAL: "the original the other languages translate",
    OK: "translated, and at least as new as the original",
    OUTDATED: "last changed before the original: check what changed there and update it",
    TODO: "still has TODO markers",
    ERROR: "cannot be read: run python -m guide check",
    MISSING: "no file",
}


@dataclass(frozen=True)
class TextFile:
    """What status needs to know of one text file: does it still say TODO (or not read at all), when it changed."""

    changed: float
    todo: bool = False
    readable: bool = True


@dataclass(frozen=True)
class Row:
    kind: str
    id: str
    original: str
    states: dict[str, str]  # language -> state


def translation_states(original: str, files: dict[str, TextFile]) -> dict[str, str]:
    """The state of each language's text of one entity. A pure function: files holds the texts that exist."""
    states = {}
    reference = files.get(original)
    for language in LANGUAGES:
        text = files.get(language)
        if text is None:
            states[language] = MISSING
        elif not text.readable:
            states[language] = ERROR
        elif text.todo:
            states[language] = TODO
        elif language == original:
            states[language] = ORIGINAL
        elif reference is not None and text.changed < reference.changed:
            states[language] = OUTDATED
        else:
            states[language] = OK
    return states


def status_rows(content_dir: Path, changed: dict[Path, float] | None = None,
                validated: dict[Path, BaseModel] | None = None) -> list[Row]:
    """Every entity with files under content_dir (complete or not), in overview order, then by id.

    validated: the records of files a build has already read and validated (guide.loading.LoadedContent.
    records()), so they are not read again; validation has rejected any file with a TODO left.
    """
    content_dir = Path(content_dir)
    changed = last_changes(content_dir) if changed is None else changed
    validated = validated or {}
    ids = sorted({(KIND_BY_FOLDER[path.parent.name].name, path.stem) for path in _content_files(content_dir)},
                 key=lambda key: (OVERVIEW_ORDER.index(key[0]), key[1]))
    rows = []
    for kind, entity_id in ids:
        folder = KINDS[kind].folder
        files = {}
        for language in LANGUAGES:
            path = content_dir / language / folder / f"{entity_id}.yaml"
            if path.is_file():
                files[language] = (TextFile(changed.get(path, 0.0)) if path in validated
                                   else _text_file(path, language, changed.get(path, 0.0)))
        facts_path = content_dir / FACTS / folder / f"{entity_id}.yaml"
        original = _original_language(facts_path, validated.get(facts_path)) if kind == "source" else LANGUAGES[0]
        rows.append(Row(kind, entity_id, original, translation_states(original, files)))
    return rows


def _content_files(content_dir: Path) -> list[Path]:
    return [path for area in (FACTS, *LANGUAGES) for folder in KIND_BY_FOLDER
            for path in sorted((content_dir / area / folder).glob("*.yaml"))]


def _text_file(path: Path, language: str, changed: float) -> TextFile:
    document, _ = read_yaml(path, path.as_posix())
    if document is None:
        return TextFile(changed, readable=False)
    return TextFile(changed, todo=bool(todo_problems(document, LANGUAGE_NAMES[language])))


def _original_language(facts_path: Path, record: BaseModel | None = None) -> str:
    if record is not None:
        language = getattr(record, "original_language", None)
    else:
        document, _ = read_yaml(facts_path, facts_path.as_posix()) if facts_path.is_file() else (None, [])
        language = document.data.get("original_language") if document and isinstance(document.data, dict) else None
    return language if language in LANGUAGES else LANGUAGES[0]


def last_changes(content_dir: Path) -> dict[Path, float]:
    """When each content file last changed: its last commit, or its modification time when git does not
    know it or it has uncommitted changes (or there is no git at all)."""
    times = {path: path.stat().st_mtime for path in _content_files(content_dir)}
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


def format_table(rows: list[Row]) -> str:
    """A plain-text table for the terminal: one line per entity, one column per language, then a legend."""
    header = ["entity", *LANGUAGES]
    lines = [[f"{row.kind} {row.id}", *(row.states[language] for language in LANGUAGES)] for row in rows]
    widths = [max(len(line[column]) for line in [header, *lines]) for column in range(len(header))]
    text = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip() for line in [header, *lines]]
    text.append("")
    text += [f"{state}: {description}" for state, description in DESCRIPTIONS.items()]
    return "\n".join(text) + "\n"


def status_pages(graph, content_dir: Path | None, validated: dict[Path, BaseModel] | None = None) -> dict[str, str]:
    """The status pages of every language, keyed by their paths under docs/ (e.g. 'nl/status/index.md').

    validated: the records of the files the build has read already (see status_rows)."""
    rows = {(row.kind, row.id): row for row in status_rows(content_dir, validated=validated)} if content_dir else {}
    pages = {}
    for language in LANGUAGES:
        entities = [entity for kind in OVERVIEW_ORDER
                    for entity in sorted(graph.of_kind(kind), key=lambda e: e.name(language).casefold())]
        for part in paginate(STATUS_FOLDER, entities, lambda entity: entity.name(language), STATUS_PAGE_SIZE):
            entries = []
            for entity in part.items:
                row = rows.get(entity.key)
                states = [row.states[other] if row else OK for other in LANGUAGES]
                target = page_path(KINDS[entity.kind].folder, entity.id)
                entries.append((entity.kind, Link(entity.name(language), relative(part.path, target)), states))
            page = PlannedPage(part.path, "status.md.j2", "", {"entries": entries, "languages": LANGUAGES,
                                                               "pager": part.pager})
            pages[f"{language}/{part.path}"] = render_page(page, language)
    return pages
