"""The real guide's content: every role and competency in all three languages (tests/test_site.py: on the site)."""
from __future__ import annotations

import pytest
import yaml

from conftest import REPO
from guide.content.graph import build_graph
from guide.content.loading import load_content
from guide.languages import LANGUAGES

CONTENT = REPO / "content"


def ids(kind_folder: str) -> list[str]:
    return sorted(path.stem for path in (CONTENT / "facts" / kind_folder).glob("*.yaml"))


@pytest.mark.parametrize("folder", ["roles", "competencies"])
def test_every_role_and_competency_has_its_yaml_in_all_three_languages(folder):
    assert ids(folder), f"no {folder} in content/facts/{folder}"
    for entity_id in ids(folder):
        for language in LANGUAGES:
            path = CONTENT / language / folder / f"{entity_id}.yaml"
            assert path.is_file(), f"{path.relative_to(REPO)} is missing"
            assert yaml.safe_load(path.read_text(encoding="utf-8"))["name"].strip()


def test_the_guide_content_is_valid():
    graph = build_graph(load_content(CONTENT))
    assert graph.entities["source"] and graph.entities["role"] and graph.entities["competency"]
