"""`python -m guide new <kind> <id>`: the four files of a new entity, every field present, TODO where
an editor must write something. The skeleton is derived from the content model, so it never lags behind.

`python -m guide new source <id> --article PATH` fills in, in the facts file, what the article's text states
(guide/tools/article_head.py reads it); everything else is as in any new source."""
from __future__ import annotations

import json
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Union

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..content.model import FACTS, KINDS, SLUG_PATTERN, Kind
from ..content.placeholders import MARKER
from ..languages import LANGUAGES, NAMES
from .article_head import read_head
from .schema import SCHEMA_FOLDER, schema_name


class ScaffoldError(Exception):
    """The entity cannot be created; the message says why and what to do."""


@dataclass(frozen=True)
class Filled:
    """A facts field's value taken from the article, and a comment saying where it comes from."""

    value: Any
    note: str


_MAX_ARTICLE_BYTES = 5_000_000  # the longest article is 17 KB: a file this big is not an article's text


def read_article(path: Path) -> str:
    """The text of an article's file; a ScaffoldError naming the path and the fix when it is not UTF-8 text."""
    shown = path.as_posix()
    again = "and run the command again"
    if not path.exists():
        raise ScaffoldError(f"there is no file {shown}: give the path of the article's text file (check its "
                            "spelling, or the folder you run the command in)")
    if path.is_dir():
        raise ScaffoldError(f"{shown} is a folder, not a file: give the path of the article's text file in it")
    try:
        with path.open("rb") as file:
            raw = file.read(_MAX_ARTICLE_BYTES + 1)
    except OSError as error:
        raise ScaffoldError(f"{shown} cannot be read ({error.strerror or error}): make it readable "
                            f"(e.g. chmod u+r {shown}) {again}") from None
    if len(raw) > _MAX_ARTICLE_BYTES:
        raise ScaffoldError(f"{shown} is over {_MAX_ARTICLE_BYTES // 1_000_000} MB, far more than an article's "
                            f"text: give the article saved as plain text {again}")
    if b"\0" in raw:
        raise ScaffoldError(f"{shown} is not a text file (it holds NUL bytes, as PDF and Word files do): save "
                            f"the article as plain text (.txt, UTF-8) {again}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise ScaffoldError(f"{shown} is not UTF-8 text (byte 0x{raw[error.start]:02x} on line {line}): save "
                            f"it as plain text with UTF-8 encoding {again}") from None
    if not text.strip():
        raise ScaffoldError(f"{shown} is empty: save the article's text in it {again}")
    return text


def article_facts(path: Path, text: str) -> dict[str, Filled]:
    """The facts fields of a source that its article's text states, each with where it says so."""
    head = read_head(text)
    filled = {"seed": Filled(path.name, "Filled in: the name of the article's file.")}

    def said(line: int, text: str) -> str:
        return f'Filled in from line {line} of the article: "{" ".join(text.split())}"; check it.'

    if head.language is not None:
        counts = ", ".join(f"{code} {count}" for code, count in head.language.counts.items())
        filled["original_language"] = Filled(head.language.code, (
            f"Filled in: most of the text's common little words are {NAMES[head.language.code]} ({counts}); "
            "check it."))
    if head.title is not None:
        filled["original_title"] = Filled(_spaced(head.title.value), said(head.title.line, head.title.text))
    if head.authors is not None:
        names = [_spaced(name) for name in typing.cast(tuple[str, ...], head.authors.value)]
        filled["authors"] = Filled(names, said(head.authors.line, head.authors.text))
    if head.organisation is not None:
        filled["organisation"] = Filled(_spaced(head.organisation.value),
                                        said(head.organisation.line, head.organisation.text))
    if head.year is not None:
        filled["year"] = Filled(head.year.value, said(head.year.line, head.year.text))
    return filled


ARTICLE_FIELDS = ("seed", "original_language", "original_title", "authors", "organisation", "year")
"""The facts fields an article's text can fill in, in the facts file's order."""


def filled_report(article: Path, filled: Mapping[str, Filled]) -> list[str]:
    """What `new --article` tells the editor: what it took from the text, what it left, where the file goes."""
    def shown(value: Any) -> str:
        return ", ".join(value) if isinstance(value, list) else str(value)

    taken = ", ".join(name if name == "seed" else f"{name} ({shown(filled[name].value)})"
                      for name in ARTICLE_FIELDS if name in filled)
    left = [name for name in ARTICLE_FIELDS if name not in filled]
    lines = [f"From {article.name}: {taken}; check them against the text."]
    if left:
        lines.append(f"Not stated in its first lines (or not clearly), so left as in any new source: "
                     f"{', '.join(left)}.")
    lines.append(f"The article's quotes are checked only where its file is found: put {article.name} in one of "
                 "the article folders (GUIDE_ARTICLES, or articles: in content/guide.yaml, default ../shared/seeds).")
    return lines


def _spaced(value: object) -> str:
    """The text with each run of spaces (no-break spaces too, as web pages have them) as one space."""
    return " ".join(str(value).split())


def new_entity(content_dir: Path, kind_name: str, entity_id: str,
               filled: Mapping[str, Filled] | None = None) -> list[Path]:
    """Create content/facts/<folder>/<id>.yaml and the text file of every language; return their paths.

    `filled` gives values of the facts file's fields (from the article) instead of their placeholders."""
    kind = KINDS[kind_name]
    if not re.match(SLUG_PATTERN, entity_id):
        slug = re.sub(r"[^a-z0-9]+", "-", entity_id.lower()).strip("-")
        hint = f", for example '{slug}'" if slug else ""
        raise ScaffoldError(f"'{entity_id}' is not a valid id: ids use only lowercase letters a-z, digits and "
                            f"single hyphens{hint}")
    files = {area: content_dir / area / kind.folder / f"{entity_id}.yaml" for area in (FACTS, *LANGUAGES)}
    existing = [path for path in files.values() if path.exists()]
    if existing:
        raise ScaffoldError(f"{existing[0]} already exists: choose another id, or edit the existing files")
    for area, path in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(skeleton(kind, area, entity_id, filled if area == FACTS else None), encoding="utf-8")
    return list(files.values())


def skeleton(kind: Kind, area: str, entity_id: str, filled: Mapping[str, Filled] | None = None) -> str:
    """The text of one new file: a schema line for YAML editors, then every field of the model (with the
    values `filled` gives, each after a comment saying where it comes from)."""
    model = kind.facts if area == FACTS else kind.text
    filled = filled or {}
    lines = [f"# yaml-language-server: $schema=../../../{SCHEMA_FOLDER}/{schema_name(kind.name, area)}"]
    for name, info in model.model_fields.items():
        if name in filled:
            field_lines = _field_lines(name, info, filled[name].value, "")
            lines += [*field_lines[:-1], f"# {filled[name].note}", field_lines[-1]]
            continue
        value = entity_id if name == "id" else _placeholder(info, _keys_for(kind, name))
        lines += _field_lines(name, info, value, "")
    return "\n".join(lines) + "\n"


def _keys_for(kind: Kind, field_name: str) -> int:
    """A text file's mapping keyed by ids of the facts file (claims, positions) gets one key per required item."""
    facts_field = kind.facts.model_fields.get(field_name)
    return _min_length(facts_field) if facts_field else 1


def _field_lines(name: str, info: FieldInfo, value: Any, indent: str) -> list[str]:
    lines = [f"{indent}# {_comment(info)}"] if _comment(info) else []
    if isinstance(value, dict) and value:
        lines.append(f"{indent}{name}:")
        for key, item in value.items():
            lines.append(f"{indent}  {_scalar(key)}: {_scalar(item)}")
    elif isinstance(value, list) and value and isinstance(value[0], tuple):
        lines.append(f"{indent}{name}:")
        for item in value:  # a list of records, each a tuple of (name, info, value)
            item_lines = [line for (name_, info_, value_) in item for line in _field_lines(name_, info_, value_,
                                                                                           indent + "    ")]
            first = next(index for index, line in enumerate(item_lines) if not line.lstrip().startswith("#"))
            lines += [f"{indent}  {line.lstrip()}" for line in item_lines[:first]]
            lines += [f"{indent}  - {item_lines[first].lstrip()}", *item_lines[first + 1:]]
    elif isinstance(value, tuple):  # a nested record
        lines.append(f"{indent}{name}:")
        for name_, info_, value_ in value:
            lines += _field_lines(name_, info_, value_, indent + "  ")
    else:
        lines.append(f"{indent}{name}: {_scalar(value)}")
    return lines


def _comment(info: FieldInfo) -> str:
    choices = _choices(info.annotation)
    described = info.description or ""
    if choices and not all(choice in described for choice in choices):
        described = f"{described.rstrip('.')}: one of {' | '.join(choices)}"
    return described


def _placeholder(info: FieldInfo, keys: int) -> Any:
    annotation = _strip(info.annotation)
    if not info.is_required():
        default = info.get_default(call_default_factory=True)
        if isinstance(default, BaseModel):
            return _record(type(default))
        if default is not None and default != []:
            return default
    if _allows_none(info.annotation):
        return None
    origin = typing.get_origin(annotation)
    if origin is list:
        item = _strip(typing.get_args(annotation)[0])
        count = _min_length(info)
        if _is_model(item) and count:
            return [_record(item, index if count > 1 else None) for index in range(count)]
        return []
    if origin is dict:
        return {(f"{MARKER}-{index + 1}" if keys > 1 else MARKER): MARKER for index in range(keys)}
    if _is_model(annotation):
        return _record(annotation)
    return MARKER


FieldSpec = tuple[str, FieldInfo, Any]  # a field's name, its model information and its placeholder value


def _record(model: type[BaseModel], index: int | None = None) -> tuple[FieldSpec, ...]:
    fields: list[FieldSpec] = []
    for name, info in model.model_fields.items():
        value = _placeholder(info, 1)
        if name == "id" and index is not None:
            value = f"{MARKER}-{index + 1}"
        fields.append((name, info, value))
    return tuple(fields)


def _strip(annotation: Any) -> Any:
    """The annotation without Annotated[...] and without None in Optional[...]."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (Union, types.UnionType):  # Optional[X] and X | None
        members = [member for member in typing.get_args(annotation) if member is not type(None)]
        return _strip(members[0]) if len(members) == 1 else annotation
    return annotation


def _allows_none(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (Union, types.UnionType) and type(None) in typing.get_args(annotation)


def _choices(annotation: Any) -> list[str]:
    annotation = _strip(annotation)
    return list(typing.get_args(annotation)) if typing.get_origin(annotation) is Literal else []


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _min_length(info: FieldInfo) -> int:
    constraints = list(info.metadata) + [m for a in typing.get_args(info.annotation)
                                         for m in getattr(a, "__metadata__", ())]
    return max([getattr(c, "min_length", 0) or 0 for c in constraints] + [0])


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value == []:
        return "[]"
    # plain where YAML reads it back as the same text (a title "No" or "2018" would be a boolean or a number)
    if isinstance(value, str) and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 ._-]*", value) \
            and yaml.safe_load(value) == value:
        return value
    return json.dumps(value, ensure_ascii=False)
