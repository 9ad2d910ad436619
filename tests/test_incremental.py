"""The preview regenerates only what an edit can change (guide.incremental, guide.pages.dependencies): after
random edits of every kind (texts, facts, entities added and deleted), the files it leaves in docs/ are
byte for byte those of a full render, and it reports every file it changed. bench/check_selective.py runs
the same check with more edits."""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from conftest import FIXTURES, REPO
from guide.content.articles import ArticleFolders
from guide.content.graph import build_graph
from guide.content.loading import load_content
from guide.incremental import Regenerator
from guide.languages import LANGUAGES
from guide.pages.compare import pair_path
from guide.pages.dependencies import changed_entities, reach
from guide.site import render_site

sys.path.insert(0, str(REPO / "bench"))

import check_selective


def test_random_edits_of_the_small_site_leave_docs_as_a_full_render_would():
    assert check_selective.run(FIXTURES / "small" / "content", edits=80, seed=11, quiet=True) == 0


def test_random_edits_of_the_real_content_leave_docs_as_a_full_render_would():
    assert check_selective.run(REPO / "content", edits=12, seed=5, quiet=True) == 0


def test_a_text_edit_plans_again_only_in_its_language_and_a_touch_plans_nothing(tmp_path: Path):
    checker = check_selective.Checker(FIXTURES / "small" / "content", tmp_path)
    regenerator: Regenerator = checker.regenerator
    role = checker.content / "nl/roles/shop-manager.yaml"
    role.write_text(role.read_text(encoding="utf-8").replace("description: ", "description: Bewerkt. "),
                    encoding="utf-8")
    result = regenerator.run()
    assert result.files_read == 1
    assert set(result.rendered) == {"nl"} and result.rendered["nl"] is not None
    assert "nl/roles/shop-manager.md" in result.changed["nl"]
    assert not [path for language in LANGUAGES if language != "nl" for path in result.changed[language]
                if not path.startswith(f"{language}/status/")]
    role.touch()
    again = regenerator.run()
    assert (again.files_read, again.rendered, again.paths) == (0, {}, [])


def test_a_sources_year_plans_again_exactly_the_comparisons_that_cite_the_source(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    unread = ArticleFolders((), "none: this is about what a change reaches, not about the article")
    old = build_graph(load_content(content, articles=unread))
    source = content / "facts/sources/what-is-a-good-e-commerce-manager.yaml"
    source.write_text(re.sub(r"^year: null$", "year: 2019", source.read_text(encoding="utf-8"), flags=re.M),
                      encoding="utf-8")
    new = build_graph(load_content(content, articles=unread))
    facts, texts = changed_entities(old, new)
    assert facts == {("source", source.stem)}
    pages = render_site(new, "http://127.0.0.1:8000/")
    for language in LANGUAGES:
        planned = {pair_path(*(new.get(*key) for key in pair)) for pair in
                   reach(old, new, language, facts | texts[language]).comparisons}
        citing = {path.split("/", 1)[1] for path, text in pages.items() if path.startswith(f"{language}/compare/")
                  and f"../sources/{source.stem}.md" in text}
        assert planned == citing and len(citing) > 2, language
