"""The guide's content is faithful to the five articles: verbatim quotes, complete translations, sized summaries."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from guide.graph import build_graph
from guide.loading import load_content
from guide.model import LANGUAGES

CONTENT = REPO / "content"
SEEDS = REPO.parent / "shared" / "seeds"
GRAPH = build_graph(load_content(CONTENT))
SOURCES = GRAPH.of_kind("source")


def words(text: str) -> int:
    return len(text.split())


def test_the_five_articles_are_all_there():
    assert sorted(source.facts.seed for source in SOURCES) == [
        "000_5c116ab3aff01315.txt", "001_335e48bedd4f5c78.txt", "002_686ff8d995a62695.txt",
        "003_e7d1bd5fd19730eb.txt", "004_c9609509dda7175d.txt"]
    assert {source.facts.original_language for source in SOURCES} == {"nl", "it", "en"}


def test_the_two_versions_of_one_article_are_modelled_as_editions():
    editions = [r for r in GRAPH.relations if r.type == "edition_of"]
    assert [(r.subject.facts.seed[:3], r.target.facts.seed[:3]) for r in editions] == [("004", "001")]


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.id)
def test_every_quote_appears_verbatim_in_its_article(source):
    if not SEEDS.is_dir():
        pytest.skip(f"the articles are not here ({SEEDS} is missing): quotes cannot be checked")
    article = (SEEDS / source.facts.seed).read_text(encoding="utf-8")
    for claim in source.facts.claims:
        assert claim.quote in article, f"{source.id}/{claim.id}: quote not found verbatim in {source.facts.seed}"
        assert words(claim.quote) <= 40


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.id)
def test_every_source_has_5_to_12_claims_and_a_summary_of_80_to_200_words_in_each_language(source):
    assert 5 <= len(source.facts.claims) <= 12
    for language in LANGUAGES:
        text = source.text(language)
        assert 80 <= words(text.summary) <= 200, (language, words(text.summary))
        assert set(text.claims) == {claim.id for claim in source.facts.claims}


def test_every_claim_supports_something_and_every_entity_is_grounded_in_a_source():
    for source in SOURCES:
        for claim in source.facts.claims:
            supported = claim.supports
            assert supported.roles or supported.competencies or supported.concepts, (source.id, claim.id)
    for kind in ("role", "competency", "concept"):
        for entity in GRAPH.of_kind(kind):
            assert any(r.subject.kind == "source" for r in GRAPH.relations_to(entity)) or \
                GRAPH.relations_from(entity) or GRAPH.relations_to(entity), (kind, entity.id)


def test_the_roles_and_concepts_the_issue_names_are_there():
    roles = {role.id for role in GRAPH.of_kind("role")}
    assert {"e-commerce-manager", "e-commerce-director", "chief-digital-officer", "cmo", "cco",
            "head-of-e-commerce", "head-of-digital", "digital-transformist"} <= roles
    names = {name.lower() for concept in GRAPH.of_kind("concept")
             for name in (concept.text("en").name, *concept.text("en").alternative_names)}
    for term in ("multichannel", "cross-channel", "omnichannel", "unified commerce", "customer journey mapping",
                 "front commerce", "back commerce", "first-party data", "a/b testing", "multivariate testing",
                 "seo", "ppc", "crm", "bi", "erp", "pos", "pim", "cx"):
        assert term in names, term


def test_the_debates_record_each_position_with_its_sources():
    debates = {debate.id: debate for debate in GRAPH.of_kind("debate")}
    assert {"does-the-role-disappear", "where-does-e-commerce-belong", "who-is-ultimately-responsible"} <= set(debates)
    for debate in debates.values():
        assert all(position.sources for position in debate.facts.positions)


ENGLISH_ONLY_WORDS = {"the", "and", "with", "which", "that", "this", "from", "their", "between", "should",
                      "would", "without", "because", "whose", "where", "these", "those", "into"}


def prose(language: str):
    for path in sorted((CONTENT / language).rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts = [data.get("description", ""), data.get("summary", "")]
        texts += list((data.get("claims") or {}).values()) + list((data.get("positions") or {}).values())
        texts += [point for section in data.get("sections", []) for point in section.get("points", [])]
        for text in texts:
            yield path, re.sub(r"[«“\"‘'][^»”\"’']*[»”\"’']", "", text)  # quoted titles keep their language


@pytest.mark.parametrize("language", ["nl", "it"])
def test_dutch_and_italian_prose_has_no_english_sentences(language):
    leftovers = [(path.relative_to(REPO).as_posix(), word) for path, text in prose(language)
                 for word in re.findall(r"[A-Za-z]+", text) if word.lower() in ENGLISH_ONLY_WORDS]
    assert leftovers == []
