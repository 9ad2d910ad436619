"""Find, read and check every content file; gather each entity's facts and texts."""
from __future__ import annotations

import gc
import os
import re
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

from pydantic import ValidationError

from ..languages import LANGUAGES, NAMES
from .articles import ArticleCheck, ArticleFolders, article_folders, check_sources
from .cache import ContentCache, Entry, content_key, settled_signature
from .messages import model_problems, suggestion
from .model import FACTS, GUIDE_FILE, KIND_BY_FOLDER, KINDS, SLUG_PATTERN, EntityRecord, GuideFacts, Kind, Record
from .placeholders import todo_problems
from .problems import Problem
from .yamlfile import YamlDocument, parse_yaml, read_bytes, read_yaml

_SLUG = re.compile(SLUG_PATTERN)
LANGUAGE_NAMES = NAMES


RecordT = TypeVar("RecordT", bound=Record)


@dataclass
class LoadedFile(Generic[RecordT]):
    """A content file that passed its model: the validated record and the document it came from."""

    record: RecordT
    document: YamlDocument


@dataclass
class EntityFiles:
    """All files of one entity: its facts and its text in each language."""

    kind: Kind
    id: str
    facts: LoadedFile[EntityRecord] | None = None
    texts: dict[str, LoadedFile[EntityRecord]] = field(default_factory=dict)


@dataclass
class LoadedContent:
    root: Path
    entities: dict[str, dict[str, EntityFiles]]  # kind name -> id -> files
    problems: list[Problem]
    ids_on_disk: dict[str, set[str]] = field(default_factory=dict)  # kind name -> ids with any file
    guide: LoadedFile[GuideFacts] | None = None  # content/guide.yaml, when there is one and it is valid
    article_folders: ArticleFolders | None = None  # where the articles' texts were looked for
    articles: ArticleCheck = field(default_factory=ArticleCheck)  # the sources checked against their articles

    def article_notice(self) -> str | None:
        """The line naming the sources whose quotes could not be checked (their articles are not at hand)."""
        return self.articles.notice(self.article_folders) if self.article_folders else None

    def records(self) -> dict[str, EntityRecord]:
        """The record of every file that passed its model, by its path (root/area/folder/id.yaml, a string)."""
        found = {}
        for kind, by_id in self.entities.items():
            folder = KINDS[kind].folder
            for entity_id, files in by_id.items():
                if files.facts is not None:
                    found[os.path.join(self.root, FACTS, folder, f"{entity_id}.yaml")] = files.facts.record
                for area, text in files.texts.items():
                    found[os.path.join(self.root, area, folder, f"{entity_id}.yaml")] = text.record
        return found


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """For reading all content (and building on it): everything made lives until the work ends, so the
    cyclic garbage collector would only scan an ever larger heap again and again (it took half of the
    loading time at 1,000 entities per kind). Reference counting still frees what is dropped."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def load_content(content_dir: Path, display_root: Path | None = None, cache: ContentCache | None = None,
                 articles: ArticleFolders | None = None, articles_required: bool = False) -> LoadedContent:
    """Read every file under content_dir; never raises for bad content, collects problems instead.

    With a cache (guide.content.cache), a file whose bytes were read before is not parsed or checked again:
    the same answer, from its earlier problems and record. Each source is checked against its article, which
    is read every time (it is not content: it changes without the YAML changing), from the article folders
    given, else from those the environment or content/guide.yaml names (guide.content.articles); with
    articles_required, a source whose article is not at hand is a problem."""
    content_dir = Path(content_dir)
    display_root = display_root or content_dir.parent
    problems: list[Problem] = []
    entities: dict[str, dict[str, EntityFiles]] = {name: {} for name in KINDS}
    if not content_dir.is_dir():
        problems.append(Problem(_display(content_dir, display_root), 1, 1,
                                "the content folder does not exist: create it with facts/, en/, nl/, it/ inside"))
        return LoadedContent(content_dir, entities, problems)
    files = _content_files(content_dir, display_root, problems)
    if cache is not None:
        cache.start()
    guide = None
    guide_path = content_dir / GUIDE_FILE
    if guide_path.is_file():
        document, file_problems = read_yaml(guide_path, _display(guide_path, display_root))
        problems += file_problems
        guide = _validate(GuideFacts, document, problems, None) if document is not None else None
    for path, shown, area, folder, stem in files:
        kind = KIND_BY_FOLDER[folder]
        model = kind.facts if area == FACTS else kind.text
        loaded = _load_file(path, shown, model, LANGUAGE_NAMES.get(area), problems, cache)
        if loaded is None:
            continue
        entity_id = loaded.record.id
        if entity_id != stem:
            owner = Path(path).with_name(f"{entity_id}.yaml")
            if owner.is_file():
                message = (f"duplicate id '{entity_id}': {_display(owner, display_root)} already has it; give "
                           f"this entity an id of its own and set 'id: {stem}' to match the file name")
            else:
                message = (f"the id '{entity_id}' does not match the file name '{stem}.yaml': rename the file "
                           f"to '{entity_id}.yaml' or set 'id: {stem}'")
            problems.append(loaded.document.problem(("id",), message))
            continue
        entity = entities[kind.name].setdefault(entity_id, EntityFiles(kind, entity_id))
        if area == FACTS:
            entity.facts = loaded
        else:
            entity.texts[area] = loaded
    problems += _missing_files(files, content_dir, display_root)
    if cache is not None:
        cache.keep_only({file.shown for file in files})
    ids_on_disk: dict[str, set[str]] = {name: set() for name in KINDS}
    for file in files:
        ids_on_disk[KIND_BY_FOLDER[file.folder].name].add(file.stem)
    if articles is None:
        articles = article_folders(content_dir.parent, guide.record.articles if guide is not None else ())
    checked = check_sources(((files.facts.record, files.facts.document) for _, files in
                             sorted(entities["source"].items()) if files.facts is not None),
                            articles, articles_required)
    problems += checked.problems
    return LoadedContent(content_dir, entities, problems, ids_on_disk, guide, articles, checked)


def _load_file(path: str, shown: str, model: type[EntityRecord], language_name: str | None,
               problems: list[Problem], cache: ContentCache | None) -> LoadedFile[EntityRecord] | None:
    """Read and check one entity file (or take what that gave from the cache, if its bytes are unchanged)."""
    if cache is None:
        document, file_problems = read_yaml(path, shown)
        problems += file_problems
        return _validate(model, document, problems, language_name) if document is not None else None
    entry = cache.unchanged(shown, path)
    if entry is not None:  # not written since it was hashed: not read either
        problems += entry.problems
        return _cached(entry, YamlDocument(shown, None, path=path))
    signature = settled_signature(path)  # before reading: a write meanwhile changes it
    raw, read_problems = read_bytes(path, shown)
    if raw is None:  # not read: nothing to remember
        problems += read_problems
        return None
    key = content_key(raw)
    entry = cache.lookup(shown, key)
    if entry is None:
        document, file_problems = parse_yaml(raw, shown)
        loaded = _validate(model, document, file_problems, language_name) if document is not None else None
        entry = Entry(key, file_problems, loaded.record if loaded is not None else None, signature)
        cache.store(shown, entry)
    else:
        if entry.signature != signature:  # e.g. touched: the same bytes, told by the new signature next time
            entry.signature = signature
            cache.store(shown, entry)
        loaded = _cached(entry, YamlDocument(shown, None, raw=raw))
    problems += entry.problems
    return loaded


def _cached(entry: Entry, document: YamlDocument) -> LoadedFile[EntityRecord] | None:
    """What a file gave when it was checked before (its document says where its parts stand, if asked)."""
    return LoadedFile(entry.record, document) if isinstance(entry.record, EntityRecord) else None


def _validate(model: type[RecordT], document: YamlDocument, problems: list[Problem],
              language_name: str | None) -> LoadedFile[RecordT] | None:
    if not isinstance(document.data, dict):
        problems.append(document.problem((), "the file must be a mapping of fields (like 'id: ...' on "
                                         f"its own line), not {_what(document.data)}"))
        return None
    todos = todo_problems(document, language_name)  # a TODO line needs no second message about its form
    problems.extend(todos)
    try:
        loaded = LoadedFile(model.model_validate(document.data), document)
    except ValidationError as error:
        todo_lines = {todo.line for todo in todos}
        problems.extend(p for p in model_problems(model, document, error) if p.line not in todo_lines)
        return None
    if todos:
        return None
    document.data = None  # the record holds it now; the document is kept to say where its parts stand
    return loaded


def _what(value: object) -> str:
    return "a list" if isinstance(value, list) else f"a single value ({value!r})"


class _Found(NamedTuple):
    """A content file in its right place: content/<area>/<folder>/<stem>.yaml, and how messages name it."""

    path: str
    shown: str
    area: str
    folder: str
    stem: str


def _content_files(content_dir: Path, display_root: Path, problems: list[Problem]) -> list[_Found]:
    """The YAML files in their right places, folder by folder and name by name (as os.walk lists them, top
    down and sorted); anything else found there is reported. One directory listing per folder: tens of
    thousands of files, where a system call per file costs more than reading the file."""
    allowed_areas = (FACTS, *LANGUAGES)
    found: list[_Found] = []
    real_root = content_dir.resolve()

    def visit(folder: str, parts: tuple[str, ...]) -> None:
        depth = len(parts)
        shown_folder = _display(folder, display_root)
        with os.scandir(folder) as listing:
            entries = sorted((entry for entry in listing if not entry.name.startswith(".")),
                             key=lambda entry: entry.name)
        expected = allowed_areas if depth == 0 else KIND_BY_FOLDER if depth == 1 else ()
        subfolders = []
        for entry in entries:
            if entry.is_dir():  # a link to a folder too, as os.walk lists it (and never follows it)
                if entry.is_symlink() or entry.name not in expected:
                    problems.append(Problem(_display(entry.path, display_root), 1, 1,
                                            _misplaced_folder(entry.name, depth, expected)))
                else:
                    subfolders.append(entry)
        for entry in entries:
            if entry.is_dir():
                continue
            name = entry.name
            path = entry.path
            shown = f"{shown_folder}/{name}" if shown_folder != "." else name
            if entry.is_symlink() and not _inside(Path(path).resolve(), real_root):
                problems.append(Problem(shown, 1, 1, "this is a link to a file outside content/: "
                                        "replace the link with the file itself"))
            elif depth == 0 and name == GUIDE_FILE:
                continue  # read on its own: it describes the guide, not an entity
            elif depth != 2:
                problems.append(Problem(shown, 1, 1, "a content file belongs in a kind folder, e.g. "
                                        "content/en/roles/: move it there"))
            elif name.endswith(".yml"):
                problems.append(Problem(shown, 1, 1,
                                        f"rename the file to '{name[:-4]}.yaml' (content files end in .yaml)"))
            elif not name.endswith(".yaml"):
                problems.append(Problem(shown, 1, 1, "only .yaml files belong in content/: move or delete this file"))
            elif not _SLUG.match(name[:-5]):
                problems.append(Problem(shown, 1, 1, f"the file name '{name}' is not a valid id: ids use only "
                                        "lowercase letters a-z, digits and single hyphens"))
            else:
                found.append(_Found(path, shown, parts[0], parts[1], name[:-5]))
        for sub in subfolders:
            visit(sub.path, (*parts, sub.name))

    visit(str(content_dir), ())
    return found


def _misplaced_folder(name: str, depth: int, expected: Collection[str]) -> str:
    if expected:
        return (f"unexpected folder '{name}'{suggestion(name, expected)}: the folders here are "
                f"{', '.join(expected)}")
    return f"unexpected folder '{name}': content files sit directly in their kind folder"


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _missing_files(files: list[_Found], content_dir: Path, display_root: Path) -> list[Problem]:
    """Every entity needs a facts file and a text file in each language: report the ones absent."""
    present: dict[tuple[str, str], set[str]] = {}
    for file in files:
        present.setdefault((file.folder, file.stem), set()).add(file.area)
    problems = []
    everywhere = len(LANGUAGES) + 1
    for (folder, entity_id), areas in sorted(present.items()):
        if len(areas) == everywhere:
            continue
        kind_name = KIND_BY_FOLDER[folder].name
        reference_area = next(area for area in (FACTS, *LANGUAGES) if area in areas)
        reference = _display(content_dir / reference_area / folder / f"{entity_id}.yaml", display_root)
        template = next((area for area in LANGUAGES if area in areas), None)
        for area in (FACTS, *LANGUAGES):
            if area in areas:
                continue
            missing = _display(content_dir / area / folder / f"{entity_id}.yaml", display_root)
            if area == FACTS:
                message = (f"{kind_name} '{entity_id}' has no facts file: add {missing}, or delete this "
                           "file if the entity should not exist")
            else:
                original = _display(content_dir / str(template) / folder / f"{entity_id}.yaml", display_root)
                copy = f"copy {original} and translate it" if template else "write its name and description"
                message = f"{kind_name} '{entity_id}' has no {LANGUAGE_NAMES[area]} text: add {missing} ({copy})"
            problems.append(Problem(reference, 1, 1, message))
    return problems


def _display(path: Path | str, display_root: Path) -> str:
    text, root = str(path), str(display_root).rstrip(os.sep)
    if text.startswith(root + os.sep) and os.sep + "." not in text[len(root):]:  # the usual case, cheaply
        return text[len(root) + 1:].replace(os.sep, "/")
    try:
        return Path(os.path.relpath(path, display_root)).as_posix()
    except ValueError:
        return Path(path).as_posix()

