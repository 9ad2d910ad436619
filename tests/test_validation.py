"""Every kind of content mistake gets one exact message naming the file, the line and the fix."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, run_mkdocs, tree_digest
from guide.graph import build_graph
from guide.loading import load_content
from guide.problems import ContentProblems


@pytest.fixture
def content(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "small" / "content", tmp_path / "content")
    return tmp_path / "content"


def problems(content: Path) -> list[str]:
    with pytest.raises(ContentProblems) as raised:
        build_graph(load_content(content))
    return [problem.format() for problem in raised.value.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_fixture_content_is_valid(content):
    graph = build_graph(load_content(content))
    assert graph.count() == 7


def test_yaml_syntax_error(content):
    edit(content / "en/roles/shop-manager.yaml", "alternative_names: [Online store manager]",
         "alternative_names: [Online store manager")
    assert problems(content) == [
        "content/en/roles/shop-manager.yaml:4: YAML syntax error: while parsing a flow sequence did not find "
        "expected ',' or ']'; check the indentation, colons and quotes on this line and the line before it"]


def test_unknown_field_with_a_suggestion(content):
    edit(content / "nl/roles/shop-manager.yaml", "description:", "descripton:")
    assert problems(content) == [
        "content/nl/roles/shop-manager.yaml:1: missing field 'description': add 'description: ...' "
        "(What it is, in this language: one or more sentences.)",
        "content/nl/roles/shop-manager.yaml:4: unknown field 'descripton' (did you mean 'description'?): "
        "remove or rename it; allowed here: id, name, alternative_names, description"]


def test_missing_field(content):
    edit(content / "facts/competencies/data-driven.yaml", "type: trait\n", "")
    assert problems(content) == [
        "content/facts/competencies/data-driven.yaml:1: missing field 'type': add 'type: ...' "
        "(trait, skill or knowledge.)"]


def test_wrong_type(content):
    edit(content / "it/roles/shop-manager.yaml", "alternative_names: [Web shop manager]",
         "alternative_names: Web shop manager")
    assert problems(content) == [
        "content/it/roles/shop-manager.yaml:3: 'alternative_names' must be a list (lines starting with '- ', "
        "or [a, b]), not the text 'Web shop manager'"]


def test_wrong_value_of_a_choice(content):
    edit(content / "facts/roles/shop-manager.yaml", "level: essential", "level: esential")
    assert problems(content) == [
        "content/facts/roles/shop-manager.yaml:4: 'level' must be one of 'essential' or 'optional', "
        "not the text 'esential' (did you mean 'essential'?)"]


def test_unknown_id_in_a_relation(content):
    edit(content / "facts/roles/shop-manager.yaml", "role: marketing-director", "role: marketing-directr")
    assert problems(content) == [
        "content/facts/roles/shop-manager.yaml:8: unknown role 'marketing-directr' (did you mean "
        "'marketing-director'?): use the id of a file in content/facts/roles/, or add that role"]


def test_unknown_source_of_a_relation(content):
    edit(content / "facts/roles/shop-manager.yaml", "sources: [article]\nrelations", "sources: [artcle]\nrelations")
    assert problems(content) == [
        "content/facts/roles/shop-manager.yaml:5: unknown source 'artcle' (did you mean 'article'?): use the id "
        "of a file in content/facts/sources/, or add that source"]


def test_relation_without_a_source(content):
    edit(content / "facts/roles/shop-manager.yaml", "    sources: [article]\nmappings", "mappings")
    assert problems(content) == [
        "content/facts/roles/shop-manager.yaml:7: this relation names no source: add 'sources: [<source id>]' "
        "with the sources that support it"]


def test_relation_with_an_empty_source_list(content):
    edit(content / "facts/roles/shop-manager.yaml", "sources: [article]\nrelations", "sources: []\nrelations")
    assert problems(content) == [
        "content/facts/roles/shop-manager.yaml:5: this relation names no source: list at least one source id "
        "in 'sources'"]


def test_duplicate_id(content):
    duplicate = content / "facts/roles/shop-manager-copy.yaml"
    shutil.copy(content / "facts/roles/shop-manager.yaml", duplicate)
    assert (
        "content/facts/roles/shop-manager-copy.yaml:1: duplicate id 'shop-manager': "
        "content/facts/roles/shop-manager.yaml already has it; give this entity an id of its own and set "
        "'id: shop-manager-copy' to match the file name") in problems(content)


def test_file_name_that_does_not_match_the_id(content):
    edit(content / "it/roles/shop-manager.yaml", "id: shop-manager", "id: web-shop-manager")
    assert problems(content) == [
        "content/it/roles/shop-manager.yaml:1: the id 'web-shop-manager' does not match the file name "
        "'shop-manager.yaml': rename the file to 'web-shop-manager.yaml' or set 'id: shop-manager'"]


def test_entity_missing_in_a_language(content):
    (content / "it/competencies/data-driven.yaml").unlink()
    assert problems(content) == [
        "content/facts/competencies/data-driven.yaml:1: competency 'data-driven' has no Italian text: add "
        "content/it/competencies/data-driven.yaml (copy content/en/competencies/data-driven.yaml and translate it)"]


def test_entity_without_facts(content):
    (content / "facts/concepts/omnichannel.yaml").unlink()
    assert problems(content) == [
        "content/en/concepts/omnichannel.yaml:1: concept 'omnichannel' has no facts file: add "
        "content/facts/concepts/omnichannel.yaml, or delete this file if the entity should not exist"]


def test_claim_text_missing_in_a_language(content):
    edit(content / "nl/sources/article.yaml", "  under-marketing: De webshopmanager valt onder marketing.\n", "")
    assert problems(content) == [
        "content/nl/sources/article.yaml:4: the claim 'under-marketing' has no Dutch text: add "
        "'under-marketing: ...' under 'claims'"]


def test_translations_that_disagree_on_structure(content):
    edit(content / "it/sources/article.yaml", "points: [Primo punto, Secondo punto]", "points: [Primo punto]")
    assert problems(content) == [
        "content/it/sources/article.yaml:7: the sections differ from content/en/sources/article.yaml "
        "(1 sections with 1 points here, 1 sections with 2 points there): every language lists the same "
        "sections with the same number of points"]


def test_id_that_is_not_a_slug(content):
    edit(content / "en/roles/shop-manager.yaml", "id: shop-manager", "id: Shop Manager")
    assert problems(content) == [
        "content/en/roles/shop-manager.yaml:1: 'Shop Manager' is not a valid id: ids use only lowercase "
        "letters a-z, digits and single hyphens, for example 'shop-manager'"]


def test_every_problem_is_reported_at_once(content):
    edit(content / "facts/competencies/data-driven.yaml", "type: trait", "type: quality")
    edit(content / "nl/roles/shop-manager.yaml", "name:", "nmae:")
    (content / "it/concepts/omnichannel.yaml").unlink()
    assert len(problems(content)) == 4


def test_a_failed_build_reports_every_problem_and_leaves_the_site_untouched(small_project):
    first = run_mkdocs(small_project, "build", "--strict")
    assert first.returncode == 0, first.stderr
    before = tree_digest(small_project / "site")
    edit(small_project / "content/facts/roles/shop-manager.yaml", "level: essential", "level: sometimes")
    edit(small_project / "content/en/roles/marketing-director.yaml", "name:", "title:")
    second = run_mkdocs(small_project, "build", "--strict")
    assert second.returncode == 1
    assert "Traceback" not in second.stderr
    assert "The content has 3 problems; nothing was built:\n" in second.stderr
    assert ("content/facts/roles/shop-manager.yaml:4: 'level' must be one of 'essential' or 'optional', "
            "not the text 'sometimes'\n") in second.stderr
    assert "content/en/roles/marketing-director.yaml:2: unknown field 'title'" in second.stderr
    assert tree_digest(small_project / "site") == before
