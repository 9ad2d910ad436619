"""Where the content files of each kind and area are: content/<facts|en|nl|it>/<kind folder>/<id>.yaml."""
from __future__ import annotations

import os
from pathlib import Path

from ..languages import LANGUAGES
from .model import FACTS, KIND_BY_FOLDER


def content_files(content_dir: Path | str) -> list[str]:
    """Every YAML file in a kind folder of an area, area by area, kind by kind, by name (paths as strings:
    tens of thousands of them, where a pathlib path costs more than the rest of the work on it)."""
    found: list[str] = []
    for area in (FACTS, *LANGUAGES):
        for folder in KIND_BY_FOLDER:
            directory = os.path.join(content_dir, area, folder)
            try:
                with os.scandir(directory) as listing:
                    names = sorted(entry.name for entry in listing
                                   if entry.name.endswith(".yaml") and not entry.name.startswith("."))
            except (FileNotFoundError, NotADirectoryError):
                continue
            found += [os.path.join(directory, name) for name in names]
    return found
