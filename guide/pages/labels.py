"""Interface text in three languages (templates/labels.yaml): the words of the pages that are not content."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

LABELS_FILE = Path(__file__).parent / "templates" / "labels.yaml"


@cache
def label_table() -> dict[str, dict[str, str]]:
    """Every label: key -> language -> text."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    table: dict[str, dict[str, str]] = yaml.load(LABELS_FILE.read_text(encoding="utf-8"), Loader=loader)
    return table


def label(key: str, language: str) -> str:
    return label_table()[key][language].strip()


class Labels:
    """The labels of one language, for templates: `t.key` or `t["key"]` (an unknown key fails the render)."""

    def __init__(self, language: str):
        self.language = language

    def __getitem__(self, key: str) -> str:
        return label(key, self.language)
