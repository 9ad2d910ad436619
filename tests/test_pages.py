"""The pages as guide/ plans and renders them (Markdown, no MkDocs): citations, a role at a glance, compare,
the landing page, debates, the matrix, source pages, diagrams, the glossary, descriptions, structured data."""
from __future__ import annotations

import itertools
import json
import re

import pytest

from conftest import FIXTURES, REPO
from guide.content.graph import Citation, Entity, Graph, Relation, build_graph
from guide.content.loading import load_content
from guide.content.model import KINDS
from guide.languages import LANGUAGES
from guide.pages.citations import PageCitations
from guide.pages.compare import CLOSEST_PER_ROLE, compared_pairs
from guide.pages.diagrams import Edge, Lane, Node, svg
from guide.pages.entities import AGREED, COMPETENCY_TYPES, RELATION_ORDER, WHERE_IT_SITS
from guide.pages.figures import ORGANISATION_TYPES
from guide.pages.glossary import Glossary, PageGlossary, Term, is_abbreviation
from guide.pages.labels import label, label_table
from guide.pages.markdown import front_matter_value, markdown_text
from guide.pages.planning import short_description
from guide.pages.views import HORIZONTAL_HEADERS_UP_TO, MAX_ARTICLE_DIAGRAMS, MAX_MATRIX_ROLES
from guide.site import render_site

SITE_URL = "https://example.org/guide/"
GOLDEN = FIXTURES / "golden"


@pytest.fixture(scope="module")
def small_graph():
    return build_graph(load_content(FIXTURES / "small" / "content"))


@pytest.fixture(scope="module")
def small(small_graph) -> dict[str, str]:
    return render_site(small_graph, SITE_URL)


@pytest.fixture(scope="module")
def golden_graph():
    """Content made for the exact pages the small fixture cannot show: two roles that both need competencies
    (at the same and at different levels, and some only one of them), a position two editions of one article
    hold, a criticised reporting line, what evolves into what, a title given to another role, classification
    codes, a role mentioned in another's description. Its quotes are checked against its own articles."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GUIDE_ARTICLES", str(GOLDEN / "articles"))
        graph = build_graph(load_content(GOLDEN / "content"))
    assert graph.notices == ()  # every quote, title, author, organisation and year found in its article
    return graph


@pytest.fixture(scope="module")
def golden(golden_graph) -> dict[str, str]:
    return render_site(golden_graph, SITE_URL)


@pytest.fixture(scope="module")
def guide_graph():
    """The real content: what the tests assert about it are rules that hold for any honest content (an
    article added, a need, a relation), computed from the graph; exact pages are the fixtures'."""
    return build_graph(load_content(REPO / "content"))


@pytest.fixture(scope="module")
def guide(guide_graph) -> dict[str, str]:
    return render_site(guide_graph, SITE_URL)


def section(page: str, heading: str) -> str:
    """The text under a '## heading' up to the next one."""
    return page.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def plain(markdown: str) -> str:
    """Markdown text without its backslash escapes."""
    return re.sub(r"\\(.)", r"\1", markdown)


def markers(line: str) -> list[tuple[str, str]]:
    """(number, link) of every citation marker in a line of Markdown."""
    return re.findall(r'\[(\d+)\]\(([^)]+#claim-[a-z0-9-]+)\)\{: aria-label="[^"]+"', line)


def marker_links(line: str) -> set[str]:
    return {link for _, link in markers(line)}


def cited_links(evidence, up: str = "../") -> set[str]:
    """The links of the markers that cite this evidence: one per source, to the first of its claims cited."""
    first: dict[str, str] = {}
    for citation in evidence:
        first.setdefault(citation.source.id, citation.claim.id)
    return {f"{up}sources/{source}.md#claim-{claim}" for source, claim in first.items()}


def href(entity: Entity, here: str) -> str:
    """The address of an entity's page from a page (e.g. 'roles/cmo.md', 'index.md')."""
    folder = KINDS[entity.kind].folder
    if "/" not in here:
        return f"{folder}/{entity.id}.md"
    return f"{entity.id}.md" if here.split("/")[0] == folder else f"../{folder}/{entity.id}.md"


def link(entity: Entity, language: str, here: str) -> str:
    """An entity's link as a page writes it: its name in the language, to its page."""
    return f"[{markdown_text(entity.name(language))}]({href(entity, here)})"


def items(line: str) -> dict[str, str]:
    """The links a line of a list holds, each with what follows it up to the next (its level, markers)."""
    parts = re.split(r"(\[(?:[^\]\\]|\\.)+\]\((?!\.\./sources/|sources/)[^)]+\))", line)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def glance(page: str) -> str:
    return page.split('<div class="guide-glance" markdown>', 1)[1].split("</div>", 1)[0] \
        if '<div class="guide-glance" markdown>' in page else ""


def articles_label(count: int, language: str = "en") -> str:
    return label("articles_one", language) if count == 1 else label("articles_many", language).format(count)


def ordered(graph: Graph, relations: list[Relation], other_end: str, language: str) -> list[Relation]:
    """In the order the pages promise: most independent articles first, essential before optional, by name."""
    return sorted(relations, key=lambda r: (-graph.voices(r.sources), r.level != "essential",
                                            getattr(r, other_end).name(language).casefold()))


# ---- text, labels ----------------------------------------------------------------------------------------

def test_every_label_exists_in_every_language():
    for key, translations in label_table().items():
        assert sorted(translations) == sorted(LANGUAGES), key
        assert all(isinstance(text, str) and text.strip() for text in translations.values()), key


DYNAMIC_LABELS = ("rel_", "kind_", "plural_", "intro_", "types_", "type_", "author_", "language_", "status_", "lane_",
                  "stance_")
"""Prefixes of the labels the code looks up by a computed key, e.g. t["rel_" ~ relation.type ~ "_out"]."""


def test_every_label_is_used():
    code = "".join(path.read_text(encoding="utf-8") for folder in ("guide", "hooks", "overrides")
                   for path in (REPO / folder).rglob("*") if path.suffix in (".py", ".j2", ".html"))
    unused = [key for key in label_table() if not key.startswith(DYNAMIC_LABELS)
              and not re.search(rf"\b{re.escape(key)}\b", code)]
    assert unused == []


def test_labels_used_inside_html_attributes_hold_no_quotes():
    for key in ("source_number", "matrix_title", "essential", "optional"):
        assert all('"' not in text for text in label_table()[key].values()), key


def test_markdown_text_escapes_markup_and_markdown():
    assert markdown_text("<script>alert(1)</script>") == "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"
    assert markdown_text("[x](javascript:alert(1))") == "\\[x\\]\\(javascript:alert\\(1\\)\\)"
    assert markdown_text("# not a heading\n- nor a list") == "\\# not a heading \\- nor a list"
    assert front_matter_value('a "quoted" <b>') == '"a &quot;quoted&quot; &lt;b&gt;"'


@pytest.mark.parametrize(("text", "expected"), [
    ("Short.", "Short."),
    ("A first sentence that is long enough to end the description here, past half of the limit. " + "x " * 100,
     "A first sentence that is long enough to end the description here, past half of the limit."),
    ("Too short to end. " + "y " * 100, "Too short to end. " + ("y " * 70).strip() + "…"),
    ("Word " * 50, ("Word " * 31).strip() + "…"),
])
def test_a_description_is_cut_near_160_characters_at_a_sentence_or_a_word(text, expected):
    assert short_description(text) == expected
    assert len(short_description(text)) <= 160


def test_every_page_has_a_description_of_at_most_160_characters(guide):
    for path, text in guide.items():
        if path.endswith(".md"):
            description = json.loads(re.search(r"^description: (.*)$", text, re.M).group(1))
            assert 0 < len(description) <= 160 + 20, (path, description)  # + HTML escapes of quotes


# ---- citations --------------------------------------------------------------------------------------------

def test_a_citation_marker_numbers_a_source_once_per_page_and_lists_the_claims_it_cites(small_graph):
    article, english = small_graph.get("source", "article"), small_graph.get("source", "article-english")
    claims = {c.id: c for s in (article, english) for c in s.facts.claims}
    cite = PageCitations("roles/x.md", lambda e: f"sources/{e.id}.md", lambda e: e.id)
    first = cite([Citation(english, claims["sales-first"]), Citation(article, claims["under-marketing"]),
                  Citation(article, claims["data-first"])])
    second = cite([Citation(article, claims["data-first"])])
    assert [(m.number, m.link.href, m.claims) for m in first] == [
        (1, "../sources/article-english.md#claim-sales-first", ("sales-first",)),
        (2, "../sources/article.md#claim-under-marketing", ("under-marketing", "data-first"))]
    assert [(m.number, m.link.href) for m in second] == [(2, "../sources/article.md#claim-data-first")]
    assert [(r.number, r.link.href) for r in cite.references] == [
        (1, "../sources/article-english.md"), (2, "../sources/article.md")]


def test_a_marker_is_a_link_to_the_claim_with_an_accessible_name_and_the_claims_it_opens(small):
    page = small["nl/debates/where-does-it-belong.md"]
    assert ('1. Bij marketing\\. [1](../sources/article.md#claim-under-marketing){: aria-label="Bron 1" }'
            in page)
    assert "1. [Wat doet een webshopmanager?](../sources/article.md)" in section(page, "Bronnen")


def test_every_relation_on_every_page_is_followed_by_its_markers(guide_graph, guide):
    for kind, headings in (("role", ("competencies", "related_roles")),
                           ("competency", ("roles_needing", "related_competencies"))):
        for entity in guide_graph.of_kind(kind):
            page = guide[f"en/{KINDS[kind].folder}/{entity.id}.md"]
            for heading in headings:
                if f"\n## {label(heading, 'en')}\n" in page:
                    for line in section(page, label(heading, "en")).splitlines():
                        if line.startswith("- ["):
                            assert markers(line), (entity.id, line)
            for line in glance(page).splitlines():
                if line.startswith("- *"):
                    assert all(markers(after) for after in items(line).values()), (entity.id, line)
    needs = guide_graph.relations_from(guide_graph.subject, "needs")
    lines = section(guide[f"en/roles/{guide_graph.subject.id}.md"], "Competencies").splitlines()
    assert len([line for line in lines if line.startswith("- [")]) == len(needs) > 0


def test_the_evidence_of_each_source_is_written_for_the_popups_in_each_language(guide_graph, guide, small):
    for source in guide_graph.of_kind("source"):
        for language in LANGUAGES:
            claims = json.loads(guide[f"{language}/sources/{source.id}/claims.json"])
            text = source.text(language)
            assert claims == {"title": text.title, "language": source.facts.original_language, "claims": {
                claim.id: {"quote": claim.quote, "text": text.claims[claim.id]} for claim in source.facts.claims}}
    assert json.loads(small["it/sources/article/claims.json"]) == {
        "title": "Che cosa fa un responsabile del negozio online?", "language": "nl", "claims": {
            "data-first": {"quote": "Een webshopmanager is data gedreven.",
                           "text": "Il responsabile del negozio online è orientato ai dati."},
            "under-marketing": {"quote": "De webshopmanager valt onder marketing.",
                                "text": "Il responsabile del negozio online dipende dal marketing."}}}


# ---- a role at a glance -----------------------------------------------------------------------------------

def test_a_role_page_opens_with_where_it_sits_what_several_articles_name_and_the_roles_to_compare(guide_graph,
                                                                                                 guide, golden):
    pairs = compared_pairs(guide_graph)
    for role in guide_graph.of_kind("role"):
        here = f"roles/{role.id}.md"
        top = guide[f"en/{here}"].split("\n## ")[0]
        sits = [r for r in guide_graph.relations_from(role, *WHERE_IT_SITS) if r.target.kind == "role"]
        assert ("**Where it sits**" in top) == bool(sits), role.id
        for relation in sits:  # each with its evidence, and marked where its article criticises it
            line = next(line for line in glance(top).splitlines()
                        if plain(line).startswith(f"- *{label(f'rel_{relation.type}_out', 'en')}:* "))
            after = items(line)[link(relation.target, "en", here)]
            assert marker_links(after) == cited_links(relation.evidence), (role.id, line)
            assert ("*(criticised by the article)*" in after) == relation.criticised, (role.id, line)
        agreed = {need.target.id for need in guide_graph.relations_from(role, "needs")
                  if guide_graph.voices(need.sources) >= AGREED}
        named = re.search(re.escape(f"**{label('glance_agreed', 'en')}:** ") + "(.*)", top)
        assert set(re.findall(r"\(\.\./competencies/([a-z0-9-]+)\.md\)", named.group(1) if named else "")) == agreed
        compared = {f"../compare/{a.id}--{b.id}.md" for a, b in pairs if role in (a, b)}
        shown = re.search(r"\*\*Compare with:\*\* (.*)", top)
        assert set(re.findall(r"\((\.\./compare/[a-z0-9-]+\.md)\)", shown.group(1) if shown else "")) == compared
    assert glance(golden["en/roles/shop-manager.md"]).strip() == (
        "**Where it sits**\n\n"
        "- *Reports to:* [Marketing department](marketing.md) [1](../sources/handbook.md#claim-reports-and-leads)"
        '{: aria-label="Source 1" }\n'
        "- *Leads:* [Web shop team](shop-team.md) [1](../sources/handbook.md#claim-reports-and-leads)"
        '{: aria-label="Source 1" }\n'
        "- *Evolves into:* [Digital lead](digital-lead.md) [2](../sources/retail-notes.md#claim-becomes-digital-lead)"
        '{: aria-label="Source 2" }\n\n'
        "**Named by more than one independent voice:** [Sales\\-driven](../competencies/sales-driven.md)\n\n"
        "**Compare with:** [Digital lead](../compare/digital-lead--shop-manager.md), [Marketing department]("
        "../compare/marketing--shop-manager.md), [Shop director](../compare/shop-director--shop-manager.md), "
        "[Web shop team](../compare/shop-manager--shop-team.md)")


def test_a_roles_competencies_are_grouped_by_type_and_ordered_by_agreement_then_level(guide_graph, guide, golden):
    for role in guide_graph.of_kind("role"):
        needs = guide_graph.relations_from(role, "needs")
        page = guide[f"en/roles/{role.id}.md"]
        if not needs:
            assert "\n## Competencies\n" not in page, role.id
            continue
        competencies = section(page, "Competencies")
        kinds = [kind for kind in COMPETENCY_TYPES if any(r.target.facts.type == kind for r in needs)]
        headings = [h for h in competencies.splitlines() if h.startswith("### ")]
        assert headings == [f"### {label(f'types_{kind}', 'en')}" for kind in kinds], role.id
        for kind, group in zip(kinds, competencies.split("\n### ")[1:], strict=True):
            expected = ordered(guide_graph, [r for r in needs if r.target.facts.type == kind], "target", "en")
            lines = [line for line in group.splitlines() if line.startswith("- [")]
            assert [line.split(" <small")[0] for line in lines] == [
                "- " + link(r.target, "en", f"roles/{role.id}.md") for r in expected], (role.id, kind)
            for line, need in zip(lines, expected, strict=True):
                assert f">{need.level} · {articles_label(guide_graph.voices(need.sources))}</small>" \
                    in line, line
    assert section(golden["en/roles/shop-manager.md"], "Competencies").split("\n### ", 1)[1].strip() == (
        "Traits\n\n"
        "- [Sales\\-driven](../competencies/sales-driven.md) <small>essential · 2 voices</small> "
        '[1](../sources/handbook.md#claim-sales-driven){: aria-label="Source 1" } '
        '[2](../sources/retail-notes.md#claim-sales-first){: aria-label="Source 2" }\n'
        "- [Data\\-driven](../competencies/data-driven.md) <small>essential · 1 voice</small> "
        '[1](../sources/handbook.md#claim-data-first){: aria-label="Source 1" }\n\n'
        "### Skills\n\n"
        '- [Team leadership](../competencies/team-leadership.md) <small class="optional">optional · 1 voice</small> '
        '[1](../sources/handbook.md#claim-a-plus){: aria-label="Source 1" }\n\n'
        "### Knowledge\n\n"
        '- [Web analytics](../competencies/web-analytics.md) <small class="optional">optional · 1 voice</small> '
        '[1](../sources/handbook.md#claim-a-plus){: aria-label="Source 1" }')


def test_a_competency_page_lists_the_roles_that_need_it_with_level_agreement_and_evidence(guide_graph, guide,
                                                                                          small):
    heading = label("roles_needing", "nl")
    for competency in guide_graph.of_kind("competency"):
        page = guide[f"nl/competencies/{competency.id}.md"]
        needs = ordered(guide_graph, guide_graph.relations_to(competency, "needs"), "subject", "nl")
        if not needs:
            assert f"\n## {heading}\n" not in page, competency.id
            continue
        lines = [line for line in section(page, heading).splitlines() if line.startswith("- ")]
        assert len(lines) == len(needs), competency.id
        for line, need in zip(lines, needs, strict=True):
            small_tag = '<small class="optional">' if need.level == "optional" else "<small>"
            count = articles_label(guide_graph.voices(need.sources), "nl")
            assert line.startswith(f"- {link(need.subject, 'nl', 'competencies/x.md')} {small_tag}"
                                   f"{label(need.level, 'nl').lower()} · {count}</small>"), line
            assert marker_links(line) == cited_links(need.evidence), line
    assert [line for line in small["nl/competencies/data-driven.md"].splitlines() if line.startswith("- ")] == [
        '- [Webshopmanager](../roles/shop-manager.md) <small>essentieel · 1 stem</small> '
        '[1](../sources/article.md#claim-data-first){: aria-label="Bron 1" }']


def test_classification_codes_link_to_their_public_pages(guide_graph, guide, golden):
    for role in guide_graph.of_kind("role"):
        mappings = role.facts.mappings
        page = guide[f"en/roles/{role.id}.md"]
        expected = [f"[{markdown_text(code)}]({url})" for code, url in (
            (mappings.esco, mappings.esco) if mappings and mappings.esco else (None, None),
            (mappings.isco08, f"http://data.europa.eu/esco/isco/C{mappings.isco08}") if mappings else (None, None),
            (mappings.onet_soc, f"https://www.onetonline.org/link/summary/{mappings.onet_soc}") if mappings
            else (None, None)) if code]
        assert ("\n## Classifications\n" in page) == bool(expected), role.id
        assert all(code in section(page, "Classifications") for code in expected), role.id
    assert section(golden["en/roles/shop-manager.md"], "Classifications").strip() == (
        "- ISCO\\-08 code: [1221](http://data.europa.eu/esco/isco/C1221)\n"
        "- O\\*NET\\-SOC code: [11\\-2021\\.00](https://www.onetonline.org/link/summary/11-2021.00)")


def test_no_page_shows_an_empty_section(guide):
    for path, text in guide.items():
        assert "None recorded" not in text and "Niets vastgelegd" not in text, path
        assert not re.search(r"\n## [^\n]+\n+(## |$)", text), path


def mentioned_in_also_linked(pages: dict[str, str]) -> tuple[dict[str, set[str]], int]:
    """The links of each page's 'Mentioned in' that another section of the page also has, and how many pages
    have that section."""
    found, checked = {}, 0
    for path, text in pages.items():
        heading = label("mentioned_in", path.split("/")[0])
        if f"\n## {heading}\n" not in text:
            continue
        mentioned = set(re.findall(r"\]\(([^)#]+\.md)\)", section(text, heading)))
        others = text.split(f"\n## {heading}\n")[0].split("\n## ", 1)[-1]
        listed = {href for line in others.splitlines() if line.startswith(("- ", "**"))
                  for href in re.findall(r"\]\(([^)#]+\.md)\)", line)}
        if mentioned & listed:
            found[path] = mentioned & listed
        checked += 1
    return found, checked


def test_mentioned_in_lists_only_what_no_other_section_of_the_page_links(guide, golden):
    assert mentioned_in_also_linked(guide)[0] == {}
    assert mentioned_in_also_linked(golden) == ({}, 5)
    team = golden["en/roles/shop-team.md"]  # the director's description names the team, which it is not related to
    assert section(team, "Mentioned in").strip() == "**Roles:** [Shop director](shop-director.md)"
    shop = golden["en/concepts/web-shop.md"]  # the debate cites claims about the web shop: not mentioned again
    assert section(shop, "Mentioned in").strip() == (
        "**Roles:** [Web shop manager](../roles/shop-manager.md), [Web shop team](../roles/shop-team.md)")


# ---- compare ------------------------------------------------------------------------------------------------

def needs_of(graph: Graph, role: Entity) -> dict[str, Relation]:
    return {r.target.id: r for r in graph.relations_from(role, "needs")}


def between(graph: Graph, first: Entity, second: Entity) -> list[Relation]:
    """The relations the articles give between two roles, either way."""
    return [r for a, b in ((first, second), (second, first)) for r in graph.relations_from(a) if r.target is b]


def test_every_pair_of_roles_the_guide_relates_directly_can_be_compared(guide_graph, golden_graph):
    pairs = compared_pairs(guide_graph)
    ids = {(a.id, b.id) for a, b in pairs}
    roles = guide_graph.of_kind("role")
    for relation in guide_graph.relations:
        if relation.subject.kind == relation.target.kind == "role" and (
                needs_of(guide_graph, relation.subject) or needs_of(guide_graph, relation.target)):
            assert tuple(sorted((relation.subject.id, relation.target.id))) in ids, relation
    for role in roles:  # and the roles it shares the most competencies with
        shared = {other.id: len(needs_of(guide_graph, role).keys() & needs_of(guide_graph, other).keys())
                  for other in roles if other is not role}
        closest = sorted((count for count in shared.values() if count), reverse=True)[:CLOSEST_PER_ROLE]
        partners = {b.id if a is role else a.id for a, b in pairs if role in (a, b)}
        assert all(other in partners for other, count in shared.items() if closest and count > closest[-1]), role.id
        assert len([other for other in partners if shared[other]]) >= len(closest), role.id
    for a, b in pairs:  # and no other: a pair is related, or shares competencies
        assert a.id < b.id and (between(guide_graph, a, b) or needs_of(guide_graph, a).keys() & needs_of(
            guide_graph, b).keys()), (a.id, b.id)
    assert [(a.id, b.id) for a, b in compared_pairs(golden_graph)] == [
        ("digital-lead", "shop-manager"), ("marketing", "shop-manager"), ("shop-director", "shop-manager"),
        ("shop-manager", "shop-team")]  # marketing reports to sales, but neither needs a competency


def test_comparing_two_roles_shows_what_both_need_where_levels_differ_and_what_only_one_needs(guide_graph, guide,
                                                                                              golden):
    compared = 0
    for first, second in compared_pairs(guide_graph):
        needs = needs_of(guide_graph, first), needs_of(guide_graph, second)
        if not all(needs):
            continue
        here = f"compare/{first.id}--{second.id}.md"
        page = guide[f"en/{here}"]
        title = label("compare_title", "en").format(first.name("en"), second.name("en"))
        assert f"\n# {markdown_text(title)}\n" in page, here
        relations = between(guide_graph, first, second)
        how = section(page, "How they relate")
        if relations:
            lines = [line for line in how.splitlines() if line.startswith("- ")]
            assert len(lines) == len(relations) and all(markers(line) for line in lines), here
        else:
            assert plain(how).strip() == "The articles do not relate these two roles directly.", here
        shared = needs[0].keys() & needs[1].keys()
        for heading, expected in (
                ("Needed by both, at different levels", {c for c in shared if needs[0][c].level != needs[1][c].level}),
                ("Needed by both", {c for c in shared if needs[0][c].level == needs[1][c].level}),
                (f"Only the {markdown_text(first.name('en'))}", needs[0].keys() - shared),
                (f"Only the {markdown_text(second.name('en'))}", needs[1].keys() - shared)):
            if not expected:
                assert f"\n## {heading}\n" not in page, (here, heading)
                continue
            rows = [line for line in section(page, heading).splitlines() if line.startswith(("- [", "| ["))]
            assert {re.search(r"\(\.\./competencies/([a-z0-9-]+)\.md\)", row).group(1) for row in rows} == expected
            for row in rows:
                competency = re.search(r"\(\.\./competencies/([a-z0-9-]+)\.md\)", row).group(1)
                cells = row.split(" | ")[1:] if row.startswith("|") else [row]
                sides = [side[competency] for side in needs if competency in side]
                assert [marker_links(cell) for cell in cells if marker_links(cell)] == [
                    cited_links(need.evidence) for need in sides], (here, row)
        compared += 1
    assert compared or not [pair for pair in compared_pairs(guide_graph) if all(
        needs_of(guide_graph, role) for role in pair)]
    page = golden["en/compare/shop-director--shop-manager.md"]
    assert page.split("\n# ", 1)[1].split("\n## Sources\n")[0] == (
        "Shop director and Web shop manager compared\n\n"
        "## How they relate\n\nThe articles do not relate these two roles directly\\.\n\n"
        "## Needed by both, at different levels\n\n"
        "| Competency | [Shop director](../roles/shop-director.md) | [Web shop manager](../roles/shop-manager.md) |\n"
        "|:--|:--|:--|\n"
        "| [Team leadership](../competencies/team-leadership.md) | <small>essential · 1 voice</small> "
        '[1](../sources/handbook.md#claim-director-leads){: aria-label="Source 1" } | <small class="optional">'
        'optional · 1 voice</small> [1](../sources/handbook.md#claim-a-plus){: aria-label="Source 1" } |\n\n'
        "## Needed by both\n\n"
        "| Competency | [Shop director](../roles/shop-director.md) | [Web shop manager](../roles/shop-manager.md) |\n"
        "|:--|:--|:--|\n"
        "| [Data\\-driven](../competencies/data-driven.md) | <small>essential · 1 voice</small> "
        '[1](../sources/handbook.md#claim-director-data){: aria-label="Source 1" } | <small>essential · 1 voice'
        '</small> [1](../sources/handbook.md#claim-data-first){: aria-label="Source 1" } |\n\n'
        "## Only the Shop director\n\n"
        "- [Leadership](../competencies/leadership.md) <small>essential · 1 voice</small> "
        '[1](../sources/handbook.md#claim-director-leads){: aria-label="Source 1" }\n\n'
        "## Only the Web shop manager\n\n"
        "- [Sales\\-driven](../competencies/sales-driven.md) <small>essential · 2 voices</small> "
        '[1](../sources/handbook.md#claim-sales-driven){: aria-label="Source 1" } '
        '[2](../sources/retail-notes.md#claim-sales-first){: aria-label="Source 2" }\n'
        "- [Web analytics](../competencies/web-analytics.md) <small class=\"optional\">optional · 1 voice</small> "
        '[1](../sources/handbook.md#claim-a-plus){: aria-label="Source 1" }\n')
    assert page.startswith('---\ntitle: "Shop director and Web shop manager compared"\n')


def test_comparing_a_role_with_one_the_articles_name_no_competencies_for_says_so_instead_of_listing(
        guide_graph, guide, small, golden):
    one_sided = 0
    for first, second in compared_pairs(guide_graph):
        needs = needs_of(guide_graph, first), needs_of(guide_graph, second)
        if all(needs):
            continue
        (some, count), without = ((first, len(needs[0])), second) if needs[0] else ((second, len(needs[1])), first)
        for language in ("en", "it"):
            page = guide[f"{language}/compare/{first.id}--{second.id}.md"]
            number = label("competencies_one" if count == 1 else "competencies_many", language).format(count)
            sentence = label("compare_one_sided", language).format(
                number, f"[{some.name(language)}](../roles/{some.id}.md)",
                f"[{without.name(language)}](../roles/{without.id}.md)")
            assert plain(section(page, label("compare_needs", language))).strip() == sentence, (first.id, second.id)
            assert "../competencies/" not in page, (first.id, second.id)  # the list is on the role's own page
        page = guide[f"en/compare/{first.id}--{second.id}.md"]
        assert "## Only the" not in page and markers(section(page, "How they relate"))  # related, or not compared
        cited = re.findall(r"\]\(\.\./sources/([a-z0-9-]+)\.md#claim-", page)
        listed = re.findall(r"^\d+\. \[.*\]\(\.\./sources/([a-z0-9-]+)\.md\)", section(page, "Sources"), re.M)
        assert listed == sorted(set(cited), key=cited.index)  # only the sources of what the page shows
        one_sided += 1
    assert section(small["en/compare/marketing-director--shop-manager.md"], "What they need").strip() == (
        "The articles name 1 competency for [Web shop manager](../roles/shop-manager.md) and none for "
        "[Marketing director](../roles/marketing-director.md), so there are no competencies to set side by side\\.")
    assert section(small["it/compare/marketing-director--shop-manager.md"], "Che cosa richiedono").strip() == (
        "Gli articoli indicano 1 competenza per [Responsabile del negozio online](../roles/shop-manager.md) e "
        "nessuna per [Direttore marketing](../roles/marketing-director.md): non ci sono competenze da mettere a "
        "confronto\\.")
    page = golden["en/compare/marketing--shop-manager.md"]
    assert section(page, "What they need").strip() == (
        "The articles name 4 competencies for [Web shop manager](../roles/shop-manager.md) and none for "
        "[Marketing department](../roles/marketing.md), so there are no competencies to set side by side\\.")
    assert "## Only the" not in page and "../competencies/" not in page
    assert section(page, "Sources").strip().splitlines() == [
        '1. [The web shop handbook](../sources/handbook.md) <span class="guide-about">(2020 · Ann Smith, Shop '
        'Academy · an agency)</span>']


def test_the_compare_overview_lists_every_roles_comparisons(small):
    overview = small["it/compare/index.md"]
    assert "- [Direttore marketing](../roles/marketing-director.md): [Responsabile del negozio online](" \
           "marketing-director--shop-manager.md)" in overview


# ---- the landing page -----------------------------------------------------------------------------------

def test_the_landing_page_answers_what_the_subject_role_is_from_the_content(guide_graph, guide):
    subject, question = guide_graph.subject, guide_graph.open_question
    for language in LANGUAGES:
        home = guide[f"{language}/index.md"]
        role = subject.text(language)
        heading = home.split("\n# ", 1)[1].splitlines()[0]
        assert plain(heading).startswith(role.name)
        lead = home.split('<div class="guide-answer" markdown>\n\n', 1)[1].splitlines()[0]
        first_sentence = re.split(r"(?<=[.!?])\s", " ".join(role.description.split()))[0]
        assert lead.startswith(markdown_text(first_sentence))  # the answer: what the role is, in its own words
        assert marker_links(lead) == cited_links(subject.evidence, up="") and markers(lead)
        assert f"**{label('home_open_question', language)}: {link(question, language, 'index.md')}**" in home


def test_the_landing_pages_subject_and_question_default_to_the_most_discussed(small_graph):
    assert small_graph.subject.id == "shop-manager"
    assert small_graph.open_question.id == "where-does-it-belong"


# ---- debates ------------------------------------------------------------------------------------------------

def about(source: Entity, language: str = "en") -> str:
    """When and by whom a source was written, as a page says it (without Markdown escapes)."""
    facts = source.facts
    by = [*facts.authors, *([facts.organisation] if facts.organisation else [])]
    return (str(facts.year) if facts.year is not None else label("not_dated", language)) + (
        f" · {', '.join(by)}" if by else "") + f" · {label(f'author_{facts.author_kind}', language)}"


def positions_lines(positions: str) -> list[list[str]]:
    """Each position's stance lines ('Held by …', 'Reported by …', 'Rejected by …')."""
    return [re.findall(r'<span class="guide-about">(.*?)</span>', item)
            for item in re.split(r"^\d+\. ", positions, flags=re.M)[1:]]


def test_a_debate_page_names_the_roles_it_concerns_and_who_holds_each_position_when(guide_graph, guide, golden):
    for debate in guide_graph.of_kind("debate"):
        page = guide[f"en/debates/{debate.id}.md"]
        numbers = {source: number for number, source in re.findall(
            r"^(\d+)\. \[.*\]\(\.\./sources/([a-z0-9-]+)\.md\)", section(page, "Sources"), re.M)}
        concerns = {role for r in guide_graph.relations_from(debate) for c in r.evidence
                    for role in c.claim.supports.roles}
        shown = re.search(r"^\*Roles it concerns:\* (.*)$", page, re.M)
        assert set(re.findall(r"\(\.\./roles/([a-z0-9-]+)\.md\)", shown.group(1) if shown else "")) == concerns
        positions = section(page, "Positions").split("\n")
        lines = positions_lines(section(page, "Positions"))
        assert len(lines) == len(debate.facts.positions), debate.id
        for index, position in enumerate(debate.facts.positions):
            relations = guide_graph.relations_from(debate, f"position:{position.id}")
            line = next(line for line in positions if line.startswith(f"{index + 1}. "))
            assert marker_links(line) == cited_links([c for r in relations for c in r.evidence]), line
            expected = []
            for stance in ("holds", "reports", "rejects"):  # each stance's voices, each once, under all numbers
                voices: dict[str, list[Entity]] = {}
                for source in (r.target for r in relations if r.stance == stance):
                    voices.setdefault(guide_graph.voice_of(source).id, []).append(source)
                if voices:
                    described = "; ".join(about(cited[0]) + (  # the article cited, not its voice's first
                        f" ({label('held_editions', 'en').format(len(cited), ', '.join(numbers[s.id] for s in cited))})"
                        if len(cited) > 1 else "") for cited in voices.values())
                    expected.append(f"{label(f'stance_{stance}', 'en')} {articles_label(len(voices))}: {described}")
            assert [plain(about_line) for about_line in lines[index]] == expected, (debate.id, position.id)
    page = golden["en/debates/who-leads-the-web-shop.md"]
    assert "*Roles it concerns:* [Marketing department](../roles/marketing.md), [Web shop manager](" \
           "../roles/shop-manager.md)" in page
    assert re.findall(r'<span class="guide-about">(.*)</span>', section(page, "Positions")) == [
        "Held by 1 voice: 2020 · Ann Smith, Shop Academy · an agency (one voice in 2 articles: sources 1, 2)",
        "Held by 1 voice: not dated · background not stated"]


def test_the_review_corrections_show_on_the_pages(guide_graph, guide, golden):
    """Each relation under the label of its type and direction (a title given to another role is not another
    name of it), and a relation its article criticises marked so, with its evidence, on both roles' pages."""
    criticised = label("criticised", "nl")
    for role in guide_graph.of_kind("role"):
        here = f"roles/{role.id}.md"
        page = guide[f"nl/{here}"]
        related = page.split('<div class="guide-glance" markdown>')[0] + page.split("</div>", 1)[-1]
        for kind in RELATION_ORDER:
            out = [r for r in guide_graph.relations_from(role, kind) if r.target.kind == "role"]
            into = [r for r in guide_graph.relations_to(role, kind) if r.subject.kind == "role"]
            if kind not in WHERE_IT_SITS:
                assert (f"**{markdown_text(label(f'rel_{kind}_out', 'nl'))}**" in related) == bool(out), (role.id, kind)
            assert (f"**{markdown_text(label(f'rel_{kind}_in', 'nl'))}**" in related) == bool(into), (role.id, kind)
        touching = [(r, r.target) for r in guide_graph.relations_from(role) if r.target.kind == "role"] + [
            (r, r.subject) for r in guide_graph.relations_to(role) if r.subject.kind == "role"]
        assert page.count(f"*({criticised})*") == sum(r.criticised for r, _ in touching), role.id
        for relation, other in touching:
            if relation.criticised:
                cited = re.search(re.escape(f"{link(other, 'nl', here)} *({criticised})*") + r"((?: \[\d+\]\([^)]+\)"
                                  r"\{[^}]*\})+)", page)
                assert cited and marker_links(cited.group(1)) == cited_links(relation.evidence), (role.id, other.id)
    marketing = glance(golden["nl/roles/marketing.md"])
    assert ("- *Rapporteert aan:* [Verkoopafdeling](sales.md) *(bekritiseerd door het artikel)* [1]("
            '../sources/retail-notes.md#claim-marketing-under-sales){: aria-label="Bron 1" }\n') in marketing
    lead = golden["en/roles/digital-lead.md"]
    assert "**Its title is also given to**\n\n- [Web shop manager](shop-manager.md) [2](../sources/handbook.md" \
           '#claim-also-digital-lead){: aria-label="Source 2" }' in lead and "**Also called**" not in lead


# ---- the matrix ----------------------------------------------------------------------------------------------

def test_the_matrix_puts_the_roles_with_most_needs_first_and_the_most_agreed_competencies_on_top(
        monkeypatch, guide_graph, guide, golden_graph, golden, small):
    needing = [role for role in guide_graph.of_kind("role") if guide_graph.relations_from(role, "needs")]
    roles = sorted(needing, key=lambda role: (-len(guide_graph.relations_from(role, "needs")),
                                              role.name("en").casefold()))[:MAX_MATRIX_ROLES]
    matrix = guide["en/matrix/index.md"]
    header = next(line for line in matrix.splitlines() if line.startswith("| Competency |"))
    assert [cell.strip() for cell in header.split("|")[3:-1]] == [link(role, "en", "matrix/index.md") for role in roles]
    rows = [line.split("|") for line in matrix.splitlines() if line.startswith("| [")]
    counts = [int(row[2]) for row in rows]
    assert counts == sorted(counts, reverse=True) and counts
    for row in rows:  # how many independent articles name it, for any of the roles shown
        competency = guide_graph.get("competency", re.search(r"competencies/([a-z0-9-]+)\.md", row[1]).group(1))
        needs = [r for r in guide_graph.relations_to(competency, "needs") if r.subject in roles]
        assert int(row[2]) == guide_graph.voices([s for r in needs for s in r.sources]), row[1]
    # side by side while the role names fit, else turned
    assert ("guide-matrix--wide-headers" in matrix) == (len(roles) <= HORIZONTAL_HEADERS_UP_TO)
    assert next(line for line in golden["en/matrix/index.md"].splitlines() if line.startswith("| Competency |")) == (
        "| Competency | Voices | [Web shop manager](../roles/shop-manager.md) | "
        "[Shop director](../roles/shop-director.md) |")
    assert [line.split(" | ")[:2] for line in golden["en/matrix/index.md"].splitlines() if line.startswith("| [")] == [
        ["| [Sales\\-driven](../competencies/sales-driven.md)", "2"],
        ["| [Data\\-driven](../competencies/data-driven.md)", "1"],
        ["| [Team leadership](../competencies/team-leadership.md)", "1"],
        ["| [Leadership](../competencies/leadership.md)", "1"],
        ["| [Web analytics](../competencies/web-analytics.md)", "1"]]
    assert "guide-matrix--wide-headers" in golden["en/matrix/index.md"] and \
        "guide-matrix--wide-headers" in small["en/matrix/index.md"]
    from guide.pages import views

    monkeypatch.setattr(views, "HORIZONTAL_HEADERS_UP_TO", 1)  # more roles than fit side by side
    assert "guide-matrix--wide-headers" not in render_site(golden_graph, SITE_URL)["en/matrix/index.md"]


# ---- source pages ----------------------------------------------------------------------------------------

def test_a_source_page_gives_each_claim_an_anchor_its_quote_and_what_it_is_cited_for(small, golden, guide_graph,
                                                                                      guide):
    page = small["en/sources/article.md"]
    claim = page[page.index('<div class="guide-claim" id="claim-under-marketing" markdown>'):]
    claim = claim[:claim.index("</div>")]
    assert '<blockquote lang="nl" markdown>\n“De webshopmanager valt onder marketing\\.”' in claim
    assert ("*Cited for:* [Web shop manager](../roles/shop-manager.md) — reports to: "
            "[Marketing director](../roles/marketing-director.md); a position in "
            "[Where does the web shop belong?](../debates/where-does-it-belong.md)") in claim
    handbook = golden["en/sources/handbook.md"]
    leads = handbook[handbook.index('id="claim-director-leads"'):].split("</div>")[0]
    assert leads.split("*Cited for:* ")[1].strip() == (  # a link where it first appears, then its name
        "[Shop director](../roles/shop-director.md) — needs: [Team leadership](../competencies/team-leadership.md), "
        "[Leadership](../competencies/leadership.md); Leadership — includes: Team leadership")
    for source in guide_graph.of_kind("source"):  # on every page: each claim, its quote, what cites it, linked once
        page = guide[f"en/sources/{source.id}.md"]
        cited = {c.claim.id for r in guide_graph.relations_citing(source) for c in r.evidence if c.source is source}
        for fact in source.facts.claims:
            claim = page[page.index(f'<div class="guide-claim" id="claim-{fact.id}" markdown>'):].split("</div>")[0]
            assert f'<blockquote lang="{source.facts.original_language}" markdown>' in claim
            assert ("*Cited for:*" in claim) == (fact.id in cited), (source.id, fact.id)
            links = re.findall(r"\]\(([^)]+\.md)\)", claim.split("*Cited for:*")[-1]) if fact.id in cited else []
            assert len(links) == len(set(links)), (source.id, fact.id)


# ---- diagrams ------------------------------------------------------------------------------------------------

def boxes_and_lines(drawing: str):
    boxes = [tuple(map(float, m)) for m in re.findall(
        r'<rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)"', drawing)]
    lines = [[tuple(map(float, p.split(","))) for p in m.split()] for m in re.findall(r'points="([^"]+)"', drawing)]
    return boxes, lines


def crosses(box, start, end) -> bool:
    """Whether the segment runs through the inside of the box (its ends may touch the border)."""
    x, y, w, h = box
    for step in range(1, 40):
        px, py = start[0] + (end[0] - start[0]) * step / 40, start[1] + (end[1] - start[1]) * step / 40
        if x + 2 < px < x + w - 2 and y + 2 < py < y + h - 2:
            return True
    return False


def drawn(graph: Graph) -> dict[str, dict[str, list[Relation]]]:
    """The relations each article's diagrams draw: by source, 'evolution' and 'organisation'."""
    by_article: dict[str, dict[str, list[Relation]]] = {}
    for relation in graph.relations:
        kind = "evolution" if relation.type == "evolves_into" else "organisation" \
            if relation.type in ORGANISATION_TYPES else None
        if kind and relation.evidence:
            by_article.setdefault(relation.evidence[0].source.id, {}).setdefault(kind, []).append(relation)
    return by_article


@pytest.mark.parametrize("name", ["golden", "guide"])
def test_no_edge_of_any_diagram_runs_through_a_box(request, name):
    graph, pages = request.getfixturevalue(f"{name}_graph"), request.getfixturevalue(name)
    drawings = re.findall(r"<svg class=\"guide-diagram\".*?</svg>", pages["en/evolution/index.md"], re.S)
    by_article = sorted(drawn(graph).values(), key=lambda kinds: -sum(map(len, kinds.values())))
    assert len(drawings) == sum(len(kinds) for kinds in by_article[:MAX_ARTICLE_DIAGRAMS]) > 0
    for drawing in drawings:
        boxes, lines = boxes_and_lines(drawing)
        for points in lines:
            for start, end in itertools.pairwise(points):
                assert not [box for box in boxes if crosses(box, start, end)], (start, end)


def test_diagrams_are_drawn_per_article_with_labelled_edges_and_criticised_ones_marked(guide_graph, guide, golden):
    page = guide["en/evolution/index.md"]
    for source_id, kinds in drawn(guide_graph).items():
        source = guide_graph.get("source", source_id)
        heading = f"\n## {link(source, 'en', 'evolution/index.md')}\n"
        if heading not in page:  # past the most diagrams the page draws
            continue
        drawings = page.split(heading, 1)[1].split("\n## ", 1)[0]
        for relation in kinds.get("organisation", []):
            drawn_as = f'<polyline class="{relation.type}{" criticised" if relation.criticised else ""}"'
            assert drawn_as in drawings, (source_id, relation.subject.id, relation.type, relation.target.id)
            words = label(f"rel_{relation.type}_out", "en").lower()
            assert (f"{words} (criticised by the article)" in drawings) == any(
                r.criticised for r in kinds["organisation"] if r.type == relation.type), (source_id, relation.type)
        if "evolution" in kinds:
            assert ">earlier → later</text>" in drawings, source_id
            for kind in {r.subject.kind for r in kinds["evolution"]}:
                assert f">{label(f'lane_{kind}', 'en')}</text>" in drawings, (source_id, kind)
        assert drawings.count('role="region" aria-label="') == len(kinds), source_id  # each frame named, focusable
    notes = section(golden["en/evolution/index.md"], "[Notes on retail](../sources/retail-notes.md)")
    assert '<polyline class="reports_to criticised"' in notes and "reports to (criticised by the article)" in notes
    assert '<text class="lane" x="2" y="22">earlier → later</text>' in notes
    assert ">Ways of selling</text>" in notes and ">Roles</text>" in notes
    assert 'role="region" aria-label="How things evolve, according to Notes on retail"' in notes
    handbook = section(golden["en/evolution/index.md"], "[The web shop handbook](../sources/handbook.md)")
    assert "criticised" not in handbook and '<polyline class="reports_to"' in handbook


def test_a_layered_diagram_puts_each_box_below_the_one_it_hangs_from():
    drawing = svg([Lane("", [Node("a", "Board", "a/"), Node("b", "Director", "b/"), Node("c", "Manager & co", "c/")],
                        [Edge("a", "b", "leads", "leads"), Edge("b", "c", "leads", "leads")])],
                  "T", "D", "d", horizontal=False)
    ys = [int(y) for y in re.findall(r'<rect x="\d+" y="(\d+)"', drawing)]
    assert len(set(ys)) == 3 and "Manager &amp; co" in drawing and '<text class="edge-label"' in drawing


# ---- glossary --------------------------------------------------------------------------------------------

def test_abbreviations_match_their_capitals_and_words_match_any_case():
    seo, omni, cmo = (Entity(k, i, None, {}) for k, i in (("concept", "seo"), ("concept", "omni"), ("role", "cmo")))
    glossary = Glossary([Term("SEO", seo, "Search engine optimisation."), Term("Omnichannel", omni, "One."),
                         Term("CMO", cmo, "Chief marketing officer")])
    found = [(text[s:e], t.entity.id) for text in ["seo and SEO; omnichannel, Omnichannel-ready, CMOs, cmo"]
             for s, e, t in glossary.find(text)]
    assert found == [("SEO", "seo"), ("omnichannel", "omni")]  # not inside a hyphenated word
    assert is_abbreviation("B2B") and is_abbreviation("A/B") and not is_abbreviation("Scrum")


def test_a_term_is_marked_once_per_page():
    seo = Entity("concept", "seo", None, {})
    page = PageGlossary(Glossary([Term("SEO", seo, 'Search "engine" optimisation.')]), "roles/x.md")
    assert page("SEO <b>first</b>, then SEO again.") == (
        '[SEO](../concepts/seo.md "Search &quot;engine&quot; optimisation.") &lt;b&gt;first&lt;/b&gt;, then '
        'SEO again\\.')
    assert page("SEO once more") == "SEO once more"


def test_the_glossary_never_marks_the_guides_own_subject_and_the_longest_name_wins(golden_graph, guide_graph):
    glossary = Glossary.of(golden_graph, "en", [label("home_title", "en")])
    found = [(text[s:e], t.entity.id) for text in ["e-commerce, the web shop and the web shop team, sales-driven, "
                                                    "the CDO"] for s, e, t in glossary.find(text)]
    assert found == [("web shop", "web-shop"), ("web shop team", "shop-team"), ("CDO", "digital-lead")]
    for language in LANGUAGES:  # on the real content: nothing of the site's name, and each term whole
        title = label("home_title", language)
        glossary = Glossary.of(guide_graph, language, [title])
        assert list(glossary.find(title)) == [], language
        for term in [*glossary.exact.values(), *glossary.folded.values()]:
            assert [(s, e, t.entity) for s, e, t in glossary.find(term.text)] == [
                (0, len(term.text), (glossary.exact.get(term.text) or glossary.folded[term.text.lower()]).entity)]


def test_a_concept_is_not_linked_on_its_own_page():
    seo = Entity("concept", "seo", None, {})
    assert PageGlossary(Glossary([Term("SEO", seo, "x")]), "concepts/seo.md", seo)("SEO") == "SEO"


def test_a_source_page_marks_the_subject_nowhere(golden, guide_graph, guide):
    page = golden["en/sources/handbook.md"]
    assert "e\\-commerce" in section(page, "Summary") if "\n## Summary\n" in page else "e\\-commerce" in page
    assert "../concepts/e-commerce.md" not in page and "../concepts/web-shop.md" in page
    for language in LANGUAGES:  # the real content: no page marks a concept the site's name holds
        title = label("home_title", language).lower()
        subject = [c for c in guide_graph.of_kind("concept") if any(
            re.search(r"(?<!\w)" + re.escape(name.lower()), title) for name in (c.name(language),
                                                                                *c.text(language).alternative_names))]
        for path, text in guide.items():
            if path.startswith(f"{language}/") and path.endswith(".md"):
                assert not [c.id for c in subject if re.search(rf"concepts/{c.id}\.md \"", text)], path


# ---- structured data -----------------------------------------------------------------------------------

def jsonld(page: str) -> dict:
    return json.loads(json.loads(re.search(r"^jsonld: (.*)$", page, re.M).group(1)))


def test_json_ld_describes_roles_as_occupations_with_their_skills(small):
    data = jsonld(small["nl/roles/shop-manager.md"])
    assert data["@type"] == "Occupation" and data["name"] == "Webshopmanager"
    assert data["url"] == "https://example.org/guide/nl/roles/shop-manager/"
    assert data["skills"] == ["Datagedreven"]
    assert data["occupationalCategory"][0]["codeValue"] == "1221"


def test_json_ld_describes_sources_as_articles_based_on_the_original(small):
    data = jsonld(small["en/sources/article.md"])
    assert data["@type"] == "Article" and data["inLanguage"] == "en" and len(data["description"]) <= 160
    assert data["isBasedOn"] == {"@type": "Article", "name": "Wat doet een webshopmanager?", "inLanguage": "nl",
                                 "author": [{"@type": "Person", "name": "Jan Jansen"}],
                                 "publisher": {"@type": "Organization", "name": "Voorbeeld BV"},
                                 "datePublished": "2018", "url": "https://example.org/artikel"}


def test_the_json_export_gives_every_relation_its_evidence(small):
    export = json.loads(small["it/graph.json"])
    assert (export["format"], export["version"], export["language"]) == ("guide-knowledge-graph", 3, "it")
    assert {"subject": "role:shop-manager", "type": "needs", "target": "competency:data-driven",
            "level": "essential", "sources": ["article"],
            "evidence": [{"source": "article", "claim": "data-first", "quote": "Een webshopmanager is data gedreven."}]
            } in export["relations"]
    debate = next(e for e in export["entities"] if e["kind"] == "debate")
    assert debate["positions"][0]["evidence"] == [{"source": "article", "claim": "under-marketing",
                                                   "quote": "De webshopmanager valt onder marketing.",
                                                   "stance": "holds"}]
    assert {stance: debate["positions"][0][stance] for stance in ("holds", "reports", "rejects")} == {
        "holds": ["article"], "reports": [], "rejects": []}
    source = next(e for e in export["entities"] if e["id"] == "article")
    assert source["author_kind"] == "agency" and source["claims"][0]["text"]


def test_the_export_marks_a_criticised_relation(golden, guide_graph, guide):
    export = json.loads(golden["en/graph.json"])
    assert [(r["subject"], r["type"], r["target"]) for r in export["relations"] if r.get("criticised")] == [
        ("role:marketing", "reports_to", "role:sales")]
    export = json.loads(guide["en/graph.json"])
    assert sorted((r["subject"], r["type"], r["target"]) for r in export["relations"] if r.get("criticised")) == \
        sorted((f"{r.subject.kind}:{r.subject.id}", r.type, f"{r.target.kind}:{r.target.id}")
               for r in guide_graph.relations if r.criticised)


# ---- overviews in pages ---------------------------------------------------------------------------------

def test_overviews_are_cut_into_pages_of_a_fixed_size_with_previous_next_and_initials(monkeypatch, small_graph):
    import guide.pages.paging

    monkeypatch.setattr(guide.pages.paging, "OVERVIEW_PAGE_SIZE", 1)
    site = render_site(small_graph, SITE_URL)
    assert sorted(path for path in site if "/page_" in path) == [
        f"{language}/{kind}/page_2.md" for language in ("en", "it", "nl") for kind in ("compare", "roles", "sources")]
    first, second = site["nl/roles/index.md"], site["nl/roles/page_2.md"]
    assert 'title: "Rollen"' in first and 'title: "Rollen (pagina 2 van 2)"' in second
    assert "\nPagina 1 van 2 · [Volgende pagina ›](page_2.md)\n{: .guide-pager }\n" in first
    assert "\nOp beginletter: **M** · [W](page_2.md)\n{: .guide-pager }\n" in first
    assert "\nPagina 2 van 2 · [‹ Vorige pagina](index.md)\n{: .guide-pager }\n" in second
    assert [line for line in first.splitlines() if line.startswith("- ")] == [
        "- [Marketingdirecteur](marketing-director.md) (CMO)"]


def test_an_initial_ignores_accents_and_case():
    from guide.pages.paging import initial, paginate

    assert [initial(name) for name in ("élan", "Omni", "ßtraße", "3D", "")] == ["E", "O", "S", "#", "#"]
    pages = paginate("roles", ["Alfa", "Beta", "Bravo", "Charlie"], str, page_size=2)
    assert [page.path for page in pages] == ["roles/index.md", "roles/page_2.md"]
    assert [(letter, link and link.href) for letter, link in pages[1].pager.initials] == [
        ("A", "index.md"), ("B", "index.md"), ("C", None)]


# ---- writing -------------------------------------------------------------------------------------------------

def test_writing_the_languages_writes_exactly_the_rendered_files_and_only_changed_ones_again(tmp_path):
    from conftest import tree_digest
    from guide.site import write_languages

    for content in (FIXTURES / "small" / "content", REPO / "content"):
        graph = build_graph(load_content(content))
        extra = {"nl/status/index.md": "status"}
        expected = {**render_site(graph, "https://example.org/guide/"), **extra}
        docs = tmp_path / content.parent.name
        assert write_languages(graph, "https://example.org/guide/", docs, extra) == len(expected)
        assert sorted(tree_digest(docs)) == sorted(expected)
        assert all((docs / path).read_text(encoding="utf-8") == text for path, text in expected.items())
        assert write_languages(graph, "https://example.org/guide/", docs, extra) == 0
