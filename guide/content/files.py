"""Where the content files of each kind and area are: content/<facts|en|nl|it>/<kind folder>/<id>.yaml."""
from __future__ import annotations

from pathlib import Path

from ..languages import LANGUAGES
from .model import FACTS, KIND_BY_FOLDER


def content_files(content_dir: Path) -> list[Path]:
    """Every YAML file in a kind folder of an area, area by area, kind by kind, by name."""
    return [path for area in (FACTS, *LANGUAGES) for folder in KIND_BY_FOLDER
            for path in sorted((content_dir / area / folder).glob("*.yaml"))]
