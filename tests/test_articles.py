"""Where the articles' texts are found, what is said when one is not at hand, and how a quote that is not in its
article is shown (the messages of each broken rule are in bad_input.yaml)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, run_mkdocs
from guide.content.articles import article_folders, closest_passage, difference, quote_problem

ARTICLE = ("Wat doet een webshopmanager? Een webshopmanager is data gedreven. Elke beslissing begint bij de "
           "cijfers van de webshop. De webshopmanager valt onder marketing.")
NOTICE = ("Notice: quotes of 2 sources not checked: their articles are not at hand: article (webshopmanager.txt), "
          "article-english (web-shop-manager.txt); article folders: {folders}. Put the article files there, or "
          "name their folder in GUIDE_ARTICLES.")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The small fixture as an editor has it: content/ and, as its guide.yaml says, articles/ beside it."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "small" / "content", project / "content")
    shutil.copytree(FIXTURES / "small" / "articles", project / "articles")
    return project


def guide_check(project: Path, *arguments: str, articles: str | None = None) -> subprocess.CompletedProcess:
    environment = {name: value for name, value in os.environ.items() if name != "GUIDE_ARTICLES"}
    if articles is not None:
        environment["GUIDE_ARTICLES"] = articles
    return subprocess.run([sys.executable, "-m", "guide", "check", "--no-cache", *arguments], cwd=project,
                          capture_output=True, text=True, timeout=60, env={**environment, "PYTHONPATH": str(REPO)})


VALID = ("The content is valid: 2 role, 1 competency, 1 concept, 2 source, 1 debate; the quotes of {count} "
         "source{s} checked against their articles.\n")


def test_the_articles_are_found_where_guide_yaml_says(project):
    result = guide_check(project)
    assert (result.returncode, result.stderr, result.stdout) == (0, "", VALID.format(count=2, s="s"))


def test_guide_articles_comes_before_guide_yaml_and_names_several_folders(project, tmp_path):
    english = tmp_path / "english"
    english.mkdir()
    (project / "articles" / "web-shop-manager.txt").rename(english / "web-shop-manager.txt")
    only_english = guide_check(project, articles=str(english))
    assert only_english.returncode == 0
    assert only_english.stdout == VALID.format(count=1, s="")
    assert "quotes of 1 source not checked: its article is not at hand: article (webshopmanager.txt)" in \
        only_english.stderr
    both = guide_check(project, articles=os.pathsep.join([str(english), str(project / "articles")]))
    assert (both.returncode, both.stderr, both.stdout) == (0, "", VALID.format(count=2, s="s"))


def test_an_article_not_at_hand_is_named_in_one_notice_and_is_an_error_only_when_required(project):
    shutil.rmtree(project / "articles")
    folders = "articles, which does not exist (from articles: in content/guide.yaml)"
    noticed = guide_check(project)
    assert noticed.returncode == 0
    assert noticed.stderr.splitlines() == [NOTICE.format(folders=folders)]
    required = guide_check(project, "--articles-required")
    assert required.returncode == 1
    assert required.stderr.splitlines() == [
        "The content has 2 problems; nothing was built:",
        "content/facts/sources/article-english.yaml:16:7: the article file 'web-shop-manager.txt' is not in the "
        f"article folders: {folders}; correct the name, or put the file there",
        "content/facts/sources/article.yaml:23:7: the article file 'webshopmanager.txt' is not in the article "
        f"folders: {folders}; correct the name, or put the file there"]


def test_without_guide_articles_or_articles_in_guide_yaml_they_are_looked_for_in_shared_seeds(tmp_path):
    folders = article_folders(tmp_path / "project", (), environ={})
    assert folders.folders == (tmp_path / "shared" / "seeds",)
    assert article_folders(tmp_path, ["texts", "../more"], environ={}).folders == (tmp_path / "texts",
                                                                                    tmp_path.parent / "more")
    assert article_folders(tmp_path, ["texts"], environ={"GUIDE_ARTICLES": "/a:/b"}).folders == (Path("/a"),
                                                                                                 Path("/b"))


def test_a_source_whose_text_cannot_be_kept_says_why_instead_of_naming_a_seed(project):
    facts = project / "content" / "facts" / "sources" / "article-english.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        "seed: web-shop-manager.txt", "seed: null\nwhy_no_seed: the English edition was only printed"),
        encoding="utf-8")
    result = guide_check(project)
    assert (result.returncode, result.stderr, result.stdout) == (0, "", VALID.format(count=1, s=""))


@pytest.mark.parametrize(("quote", "expected"), [
    ("Een webshopmanager is data gedreven.", None),
    ("Een webshopmanager is data gedreven. … De webshopmanager valt onder marketing.", None),
    ("Een  webshopmanager\nis data gedreven.", None),  # line breaks and double spaces are no difference
    ("Een webshopmanager is datagedreven.",
     "the quote is not in the article a.txt: it has 'datagedreven.' where the article has 'data gedreven.'; the "
     "closest passage of the article is 'Een webshopmanager is data gedreven.': copy the words exactly as the "
     "article has them (join parts taken from different places with '…')"),
    ("Een webshopmanager is gedreven.",
     "the quote is not in the article a.txt: it leaves out 'data'; the closest passage of the article is 'Een "
     "webshopmanager is data gedreven.': copy the words exactly as the article has them (join parts taken from "
     "different places with '…')"),
    ("De webshopmanager valt onder marketing. … Elke beslissing begint bij de cijfers",
     "part 2 of 2 of the quote ('Elke beslissing begint bij de cijfers') comes before the part ahead of it in the "
     "article a.txt: put the parts in the article's order"),
])
def test_a_quote_is_each_of_its_parts_verbatim_in_the_articles_order(quote, expected):
    assert quote_problem(quote, ARTICLE, "a.txt") == expected


def test_the_closest_passage_is_what_the_editor_meant_to_copy():
    assert closest_passage("De webshopmanager valt onder sales.", ARTICLE) == "De webshopmanager valt onder marketing."
    assert difference("De webshopmanager valt onder sales.", "De webshopmanager valt onder marketing.") == \
        "it has 'sales.' where the article has 'marketing.'"


def test_the_build_names_the_sources_it_could_not_check_and_still_builds_strictly(small_project, monkeypatch):
    monkeypatch.setenv("GUIDE_ARTICLES", str(small_project / "nowhere"))
    result = run_mkdocs(small_project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert "quotes of 2 sources not checked: their articles are not at hand" in result.stderr


def test_the_build_fails_on_a_quote_that_is_not_in_its_article(small_project):
    facts = small_project / "content" / "facts" / "sources" / "article.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("is data gedreven", "is sterk data gedreven"),
                     encoding="utf-8")
    result = run_mkdocs(small_project, "build", "--strict")
    assert result.returncode == 1
    assert ("content/facts/sources/article.yaml:15: the quote is not in the article webshopmanager.txt: it adds "
            "'sterk'") in result.stderr
