"""`python -m guide new <kind> <id>`: the four files of a new entity, every field present, TODO where
an editor must write something. The skeleton is derived from the content model, so it never lags behind."""
from __future__ import annotations

import json
import re
import types
import typing
from pathlib import Path
from typing import Any, Literal, Union

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..content.model import FACTS, KINDS, SLUG_PATTERN, Kind
from ..content.placeholders import MARKER
from ..languages import LANGUAGES
from .schema import SCHEMA_FOLDER, schema_name


class ScaffoldError(Exception):
    """The entity cannot be created; the message says why and what to do."""


def new_entity(content_dir: Path, kind_name: str, entity_id: str) -> list[Path]:
    """Create content/facts/<folder>/<id>.yaml and the text file of every language; return their paths."""
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
        path.write_text(skeleton(kind, area, entity_id), encoding="utf-8")
    return list(files.values())


def skeleton(kind: Kind, area: str, entity_id: str) -> str:
    """The text of one new file: a schema line for YAML editors, then every field of the model."""
    model = kind.facts if area == FACTS else kind.text
    lines = [f"# yaml-language-server: $schema=../../../{SCHEMA_FOLDER}/{schema_name(kind.name, area)}"]
    for name, info in model.model_fields.items():
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
    if isinstance(value, str) and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 ._-]*", value):
        return value
    return json.dumps(value, ensure_ascii=False)
