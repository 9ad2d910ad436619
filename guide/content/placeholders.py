"""TODO markers: the placeholders `python -m guide new` writes, which `check` rejects until filled in."""
from __future__ import annotations

import re
from typing import Any

from .problems import Problem
from .yamlfile import KeyPath, YamlDocument

MARKER = "TODO"
_MARKER = re.compile(rf"\b{MARKER}\b")


def has_marker(value: Any) -> bool:
    return isinstance(value, str) and MARKER in value and bool(_MARKER.search(value))


def todo_problems(document: YamlDocument, language_name: str | None) -> list[Problem]:
    """One problem for every value (or mapping key) that still contains the TODO marker.

    language_name is the language of a text file ('Dutch'), None for a facts file.
    """
    found: list[Problem] = []

    def walk(value: Any, place: KeyPath) -> None:
        if has_marker(value):
            found.append(document.problem(place, _value_message(place, language_name)))
        elif isinstance(value, dict):
            for key, item in value.items():
                if has_marker(key):
                    found.append(document.problem(place + (key,), _key_message(place, language_name), at_key=True))
                else:
                    walk(item, place + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, place + (index,))

    walk(document.data, ())
    return found


def _field(place: KeyPath) -> str:
    names = [part for part in place if isinstance(part, str)]
    return names[-1] if names else "the file"


def _value_message(place: KeyPath, language_name: str | None) -> str:
    field = _field(place)
    what = field.replace("_", " ")
    if language_name is None:
        return f"'{field}' still says {MARKER}: replace {MARKER} with the {what}"
    return f"'{field}' still says {MARKER}: write the {language_name} {what}"


def _key_message(place: KeyPath, language_name: str | None) -> str:
    field = _field(place)
    text = f" and write its {language_name} text" if language_name else ""
    return (f"'{field}' still has the placeholder {MARKER}: replace it with an id given under "
            f"'{field}' in the facts file{text}")
