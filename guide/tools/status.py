"""Translation status: for every entity and language, is the text there, finished, and as new as the
original it translates? `python -m guide status` prints it; the site shows it on its status pages
(guide/pages/status.py)."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from ..content.files import content_files
from ..content.model import FACTS, KIND_BY_FOLDER, KINDS
from ..content.placeholders import todo_problems
from ..content.yamlfile import read_yaml
from ..languages import LANGUAGES, NAMES
from .changes import last_changes

KIND_ORDER = ("role", "competency", "concept", "source", "debate")
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


def status_rows(content_dir: Path | str, changed: Mapping[str, float] | None = None,
                validated: Mapping[str, BaseModel] | None = None) -> list[Row]:
    """Every entity with files under content_dir (complete or not), in overview order, then by id.

    changed: when each file last changed (guide.tools.changes.last_changes), by its path (content_dir joined
    with its place, as a string); validated: the records of files a build has already read and validated
    (guide.loading.LoadedContent.records(), by the same paths), so they are not read again; validation has
    rejected any file with a TODO left.
    """
    changed = last_changes(content_dir) if changed is None else changed
    validated = validated or {}
    existing = set(content_files(content_dir))  # one listing per folder, not a system call per file
    ids = sorted({(KIND_BY_FOLDER[os.path.basename(os.path.dirname(path))].name, os.path.basename(path)[:-5])
                  for path in existing}, key=lambda key: (KIND_ORDER.index(key[0]), key[1]))
    rows = []
    for kind, entity_id in ids:
        folder = KINDS[kind].folder
        files = {}
        for language in LANGUAGES:
            path = os.path.join(content_dir, language, folder, f"{entity_id}.yaml")
            if path in existing:
                files[language] = (TextFile(changed.get(path, 0.0)) if path in validated
                                   else _text_file(path, language, changed.get(path, 0.0)))
        facts_path = os.path.join(content_dir, FACTS, folder, f"{entity_id}.yaml")
        original = _original_language(facts_path, validated.get(facts_path)) if kind == "source" else LANGUAGES[0]
        rows.append(Row(kind, entity_id, original, translation_states(original, files)))
    return rows


def _text_file(path: str, language: str, changed: float) -> TextFile:
    document, _ = read_yaml(path, Path(path).as_posix())
    if document is None:
        return TextFile(changed, readable=False)
    return TextFile(changed, todo=bool(todo_problems(document, NAMES[language])))


def _original_language(facts_path: str, record: BaseModel | None = None) -> str:
    if record is not None:
        language = getattr(record, "original_language", None)
    else:
        document, _ = read_yaml(facts_path, Path(facts_path).as_posix()) if os.path.isfile(facts_path) \
            else (None, [])
        language = document.data.get("original_language") if document and isinstance(document.data, dict) else None
    return language if language in LANGUAGES else LANGUAGES[0]


def format_table(rows: list[Row]) -> str:
    """A plain-text table for the terminal: one line per entity, one column per language, then a legend."""
    header = ["entity", *LANGUAGES]
    lines = [[f"{row.kind} {row.id}", *(row.states[language] for language in LANGUAGES)] for row in rows]
    widths = [max(len(line[column]) for line in [header, *lines]) for column in range(len(header))]
    text = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
            for line in [header, *lines]]
    text.append("")
    text += [f"{state}: {description}" for state, description in DESCRIPTIONS.items()]
    return "\n".join(text) + "\n"
