"""The real guide: every role and competency in all three languages, in the YAML and on the built site."""
from __future__ import annotations

import html
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from guide.graph import build_graph
from guide.linkcheck import check_site
from guide.loading import load_content
from guide.model import LANGUAGES

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


@pytest.mark.parametrize("folder", ["roles", "competencies"])
def test_every_role_and_competency_appears_with_its_translated_name_in_every_language(built_guide, folder):
    for entity_id in ids(folder):
        for language in LANGUAGES:
            name = yaml.safe_load((CONTENT / language / folder / f"{entity_id}.yaml").read_text("utf-8"))["name"]
            prefix = "" if language == LANGUAGES[0] else f"{language}/"
            page = built_guide / f"{prefix}{folder}/{entity_id}/index.html"
            assert page.is_file(), page
            page_html = page.read_text(encoding="utf-8")
            assert f'<html lang="{language}"' in page_html
            assert f">{html.escape(name, quote=False)}</h1>" in page_html, (language, entity_id, name)
            overview = (built_guide / f"{prefix}{folder}/index.html").read_text(encoding="utf-8")
            assert f'href="{entity_id}/">{html.escape(name, quote=False)}</a>' in overview, (language, entity_id)


def test_the_guide_builds_strictly_and_every_link_of_every_language_resolves(built_guide):
    broken, checked = check_site(built_guide)
    assert checked > 1000
    assert broken == []
