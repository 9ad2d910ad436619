"""What readers get beyond entity pages: glossary tooltips, backlinks, matrix, diagrams, structured data, search."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from conftest import FIXTURES, make_project
from guide.pages.diagrams import Edge, Node, svg
from guide.pages.glossary import Glossary, PageGlossary, Term, is_abbreviation
from guide.graph import Entity, build_graph
from guide.linkcheck import check_site
from guide.pages.links import relative_url
from guide.loading import load_content
from guide.postprocess import absolute_alternates, search_base_for_language, write_search_index
from guide.site import render_site

SITE_URL = "https://example.org/guide/"


def small_site() -> dict[str, str]:
    return render_site(build_graph(load_content(FIXTURES / "small" / "content")), SITE_URL)


def test_abbreviations_match_their_capitals_and_words_match_any_case():
    seo, omni, cmo = (Entity(k, i, None, {}) for k, i in (("concept", "seo"), ("concept", "omni"), ("role", "cmo")))
    glossary = Glossary([Term("SEO", seo, "Search engine optimisation."), Term("Omnichannel", omni, "One."),
                         Term("CMO", cmo, "Chief marketing officer")])
    found = [(text[s:e], t.entity.id) for text in ["seo and SEO; omnichannel, Omnichannel-ready, CMOs, cmo"]
             for s, e, t in glossary.find(text)]
    assert found == [("SEO", "seo"), ("omnichannel", "omni"), ("Omnichannel", "omni")]
    assert is_abbreviation("B2B") and is_abbreviation("A/B") and not is_abbreviation("Scrum")


def test_a_term_links_at_its_first_occurrence_and_has_a_tooltip_everywhere():
    seo = Entity("concept", "seo", None, {})
    page = PageGlossary(Glossary([Term("SEO", seo, 'Search "engine" optimisation.')]), "roles/x.md")
    assert page("SEO <b>first</b>, then SEO again.") == (
        '[SEO](../concepts/seo.md "Search &quot;engine&quot; optimisation.") &lt;b&gt;first&lt;/b&gt;, then '
        '<abbr title="Search &quot;engine&quot; optimisation.">SEO</abbr> again\\.')


def test_a_concept_is_not_linked_on_its_own_page():
    seo = Entity("concept", "seo", None, {})
    assert PageGlossary(Glossary([Term("SEO", seo, "x")]), "concepts/seo.md", seo)("SEO") == "SEO"


def test_glossary_terms_in_page_text_link_to_their_concept_with_a_tooltip_in_the_pages_language():
    site = small_site()
    assert ("in ottica di [omnicanalità](../concepts/omnichannel.md \"Lo stesso trattamento su ogni canale.\")"
            in site["it/roles/shop-manager.md"])
    mentioned = site["it/concepts/omnichannel.md"].split("## Citato in")[1]
    assert "[Responsabile del negozio online](../roles/shop-manager.md)" in mentioned  # a text mention is a backlink


def test_every_entity_page_has_backlinks_to_what_mentions_it():
    site = small_site()
    page = site["en/roles/marketing-director.md"]
    mentioned = page[page.index("## Mentioned in"):]
    assert "**Roles:** [Web shop manager](shop-manager.md)" in mentioned
    assert "**Sources:** [What does a web shop manager do?](../sources/article.md)" in mentioned
    assert "**Debates:**" not in mentioned


def test_the_matrix_marks_essential_needs_and_cites_the_claim_that_says_so():
    matrix = small_site()["nl/matrix/index.md"]
    assert ("| [Datagedreven](../competencies/data-driven.md) | <span class=\"guide-mark\" role=\"img\" "
            "aria-label=\"Essentieel\">●</span> [1](../sources/article.md#claim-data-first)"
            "{: .guide-cite aria-label=\"Bron 1\" } |") in matrix
    assert "1. [Wat doet een webshopmanager?](../sources/article.md)" in matrix


def test_a_citation_marker_numbers_a_source_once_per_page_and_lists_the_claims_it_cites():
    from guide.pages.citations import PageCitations
    graph = build_graph(load_content(FIXTURES / "small" / "content"))
    article, english = graph.get("source", "article"), graph.get("source", "article-english")
    cite = PageCitations("roles/x.md", lambda e: f"sources/{e.id}.md", lambda e: e.id)
    claims = {c.id: c for s in (article, english) for c in s.facts.claims}
    from guide.graph import Citation
    first = cite([Citation(english, claims["sales-first"]), Citation(article, claims["under-marketing"]),
                  Citation(article, claims["data-first"])])
    second = cite([Citation(article, claims["data-first"])])
    assert [(m.number, m.link.href, m.claims) for m in first] == [
        (1, "../sources/article-english.md#claim-sales-first", ("sales-first",)),
        (2, "../sources/article.md#claim-under-marketing", ("under-marketing", "data-first"))]
    assert [(m.number, m.link.href) for m in second] == [(2, "../sources/article.md#claim-data-first")]
    assert [(r.number, r.link.href) for r in cite.references] == [
        (1, "../sources/article-english.md"), (2, "../sources/article.md")]


def test_the_debates_page_cites_the_claims_behind_every_position():
    debates = small_site()["en/debates/index.md"]
    assert ("- Under marketing\\. [1](../sources/article.md#claim-under-marketing)"
            "{: .guide-cite aria-label=\"Source 1\" }") in debates
    assert "- Under sales\\. [2](../sources/article-english.md#claim-sales-first)" in debates


def test_a_source_page_gives_each_claim_an_anchor_and_says_what_it_is_cited_for():
    page = small_site()["en/sources/article.md"]
    claim = page[page.index('<div class="guide-claim" id="claim-under-marketing" markdown>'):]
    claim = claim[:claim.index("</div>")]
    assert '<blockquote lang="nl" markdown>\n“De webshopmanager valt onder marketing\\.”' in claim
    assert ("- [Web shop manager](../roles/shop-manager.md) — reports to — "
            "[Marketing director](../roles/marketing-director.md)") in claim
    assert "- a position in [Where does the web shop belong?](../debates/where-does-it-belong.md): Under marketing\\." \
        in claim


def test_the_organisation_diagram_is_inline_svg_with_a_text_alternative():
    page = small_site()["it/evolution/index.md"]
    assert '<svg class="guide-diagram" role="group" aria-labelledby="diagram-organisation-title' in page
    assert '<title id="diagram-organisation-title">Dove si collocano i ruoli</title>' in page
    assert '<a href="../roles/marketing-director/">' in page
    assert "- [Responsabile del negozio online](../roles/shop-manager.md) — riporta a — " \
           "[Direttore marketing](../roles/marketing-director.md)" in page
    assert "<script" not in page


def test_diagram_layout_puts_each_node_below_the_one_it_hangs_from():
    drawing = svg([Node("a", "Board", "a/"), Node("b", "Director", "b/"), Node("c", "Manager & co", "c/")],
                  [Edge("a", "b"), Edge("b", "c")], "T", "D", "d", horizontal=False)
    ys = [int(y) for y in re.findall(r'<rect x="\d+" y="(\d+)"', drawing)]
    assert ys == sorted(ys) and len(set(ys)) == 3
    assert "Manager &amp; co" in drawing


def test_relative_urls_between_built_pages():
    assert relative_url("evolution/index.md", "roles/cmo.md") == "../roles/cmo/"
    assert relative_url("index.md", "roles/index.md") == "roles/"
    assert relative_url("roles/cmo.md", "roles/cmo.md") == "./"


def test_json_ld_describes_roles_as_occupations_with_competencies_as_defined_terms():
    page = small_site()["nl/roles/shop-manager.md"]
    data = json.loads(json.loads(re.search(r"^jsonld: (.*)$", page, re.M).group(1)))
    assert data["@type"] == "Occupation" and data["name"] == "Webshopmanager"
    assert data["url"] == "https://example.org/guide/nl/roles/shop-manager/"
    assert data["skills"][0]["@type"] == "DefinedTerm"
    assert data["skills"][0]["inDefinedTermSet"]["url"] == "https://example.org/guide/nl/competencies/"
    assert data["occupationalCategory"][0]["codeValue"] == "1221"


def test_json_ld_describes_sources_as_articles_based_on_the_original_with_citations():
    page = small_site()["en/sources/article.md"]
    data = json.loads(json.loads(re.search(r"^jsonld: (.*)$", page, re.M).group(1)))
    assert data["@type"] == "Article" and data["inLanguage"] == "en"
    assert data["isBasedOn"]["name"] == "Wat doet een webshopmanager?"
    assert data["isBasedOn"]["inLanguage"] == "nl" and data["isBasedOn"]["url"] == "https://example.org/artikel"
    assert data["citation"][0] == {"@type": "Quotation", "text": "Een webshopmanager is data gedreven.",
                                   "inLanguage": "nl"}


def test_the_json_export_holds_the_whole_graph_in_one_language():
    export = json.loads(small_site()["it/graph.json"])
    assert (export["format"], export["version"], export["language"]) == ("guide-knowledge-graph", 2, "it")
    names = {(e["kind"], e["id"]): e["name"] for e in export["entities"] if "name" in e}
    assert names[("role", "shop-manager")] == "Responsabile del negozio online"
    assert {"subject": "role:shop-manager", "type": "needs", "target": "competency:data-driven",
            "level": "essential", "sources": ["article"],
            "evidence": [{"source": "article", "claim": "data-first", "quote": "Een webshopmanager is data gedreven."}]
            } in export["relations"]
    debate = next(e for e in export["entities"] if e["kind"] == "debate")
    assert debate["positions"][0]["evidence"] == [{"source": "article", "claim": "under-marketing",
                                                   "quote": "De webshopmanager valt onder marketing."}]
    source = next(e for e in export["entities"] if e["id"] == "article")
    assert source["claims"][0] == {"id": "data-first", "quote": "Een webshopmanager is data gedreven.",
                                   "text": "Il responsabile del negozio online è orientato ai dati."}


def test_hreflang_alternates_become_absolute():
    html = '<link rel="alternate" href="../../../it/roles/x/" hreflang="it">'
    assert absolute_alternates(html, "https://example.org/guide/nl/roles/x/") == \
        '<link rel="alternate" href="https://example.org/guide/it/roles/x/" hreflang="it">'


def test_each_language_gets_a_search_index_of_its_own_and_searches_it(tmp_path):
    settings = {"lang": ["en", "nl", "it"], "separator": "[\\s]+"}
    dutch = [{"location": "nl/", "title": "Thuis"}, {"location": "nl/roles/x/#a", "title": "X nl"}]
    write_search_index(tmp_path / "nl.json", settings, dutch, "nl")
    assert json.loads((tmp_path / "nl.json").read_text("utf-8")) == {
        "config": {"lang": ["nl"], "separator": "[\\s]+"},
        "docs": [{"location": "", "title": "Thuis"}, {"location": "roles/x/#a", "title": "X nl"}]}
    english = [{"location": f"roles/x{n}/", "title": f"X {n} é"} for n in range(2500)]  # three batches
    write_search_index(tmp_path / "en.json", settings, english, "en")
    assert (tmp_path / "en.json").read_text("utf-8") == json.dumps(
        {"config": {**settings, "lang": ["en"]}, "docs": english}, ensure_ascii=False, separators=(",", ":"))
    page = '<script id="__config" type="application/json">{"base": "../../..", "search": "x.js"}</script>'
    assert '"base":"../../../nl/"' in search_base_for_language(page, "nl")
    assert search_base_for_language(page, "") == page


def test_the_built_site_has_one_search_index_per_language_with_only_its_pages(built_small):
    for folder in ("", "nl/", "it/"):
        index = json.loads((built_small / f"{folder}search/search_index.json").read_text("utf-8"))
        assert index["docs"] and not [d for d in index["docs"] if d["location"].startswith(("nl/", "it/"))]
    dutch = json.loads((built_small / "nl/search/search_index.json").read_text("utf-8"))
    assert any("Manager webwinkel" in doc["text"] for doc in dutch["docs"])  # alternative titles are searchable


def test_built_pages_carry_absolute_alternates_json_ld_and_a_meta_description(built_small):
    html = (built_small / "nl/roles/shop-manager/index.html").read_text("utf-8")
    assert '<link rel="alternate" href="http://127.0.0.1:8000/it/roles/shop-manager/" hreflang="it">' in html
    assert '<meta name="description" content="Leidt de webshop en is verantwoordelijk voor de resultaten.">' in html
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(ld)["@type"] == "Occupation"
    sitemap = (built_small / "sitemap.xml").read_text("utf-8")
    assert '<xhtml:link rel="alternate" hreflang="nl" href="http://127.0.0.1:8000/nl/roles/shop-manager/"/>' in sitemap
    assert (built_small / "nl/graph.json").is_file() and (built_small / "graph.json").is_file()


def test_no_page_requests_anything_from_another_host(built_small):
    for page in built_small.rglob("*.html"):
        html = page.read_text("utf-8")
        external = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?://[^"]+)"', html)
        assert [url for url in external if not url.startswith("http://127.0.0.1:8000/")] == [], page
        assert "fonts.googleapis" not in html and "cdn.jsdelivr" not in html and "unpkg.com" not in html


def test_the_home_page_lists_a_bounded_number_of_sources_and_links_to_all(monkeypatch):
    import guide.pages

    monkeypatch.setattr(guide.pages, "HOME_SOURCES", 1)
    home = small_site()["nl/index.md"]
    listed = home.split("## De bronartikelen")[1].split("## ")[0]
    assert listed.count("](sources/article") == 1
    assert "- [Alle bronnen](sources/index.md) (2)" in listed


def test_overviews_are_cut_into_pages_of_a_fixed_size_with_previous_next_and_initials(monkeypatch):
    import guide.pages.paging

    monkeypatch.setattr(guide.pages.paging, "OVERVIEW_PAGE_SIZE", 1)
    site = small_site()
    assert sorted(path for path in site if "/page_" in path) == [
        f"{language}/{kind}/page_2.md" for language in ("en", "it", "nl") for kind in ("roles", "sources")]
    first, second = site["nl/roles/index.md"], site["nl/roles/page_2.md"]
    assert 'title: "Rollen"' in first and 'title: "Rollen (pagina 2 van 2)"' in second
    assert "\nPagina 1 van 2 · [Volgende pagina ›](page_2.md)\n{: .guide-pager }\n" in first
    assert "\nOp beginletter: **M** · [W](page_2.md)\n{: .guide-pager }\n" in first
    assert "\nPagina 2 van 2 · [‹ Vorige pagina](index.md)\n{: .guide-pager }\n" in second
    assert "\nOp beginletter: [M](index.md) · **W**\n{: .guide-pager }\n" in second
    assert [line for line in first.splitlines() if line.startswith("- ")] == [
        "- [Marketingdirecteur](marketing-director.md) (CMO)"]
    assert [line for line in second.splitlines() if line.startswith("- ")] == [
        "- [Webshopmanager](shop-manager.md) (Manager webwinkel)"]
    assert '"url\\":\\"https://example.org/guide/nl/roles/page_2/\\"' in second
    assert "page_" not in site["nl/debates/index.md"] and "Pagina" not in site["nl/debates/index.md"]  # one page


def test_an_initial_ignores_accents_and_case():
    from guide.pages.paging import initial, paginate

    assert [initial(name) for name in ("élan", "Omni", "ßtraße", "3D", "")] == ["E", "O", "S", "#", "#"]
    pages = paginate("roles", ["Alfa", "Beta", "Bravo", "Charlie"], str, page_size=2)
    assert [page.path for page in pages] == ["roles/index.md", "roles/page_2.md"]
    assert [(letter, link and link.href) for letter, link in pages[1].pager.initials] == [
        ("A", "index.md"), ("B", "index.md"), ("C", None)]
    assert pages[0].pager.previous is None and pages[1].pager.next is None


def test_paged_overviews_build_strictly_and_every_link_resolves(tmp_path):
    """A real build with one entry per overview page (the hooks run in the build process, so the page size
    is set there before MkDocs starts)."""
    project = make_project(tmp_path / "project", FIXTURES / "small" / "content")
    start = "import sys, guide.pages.paging; guide.pages.paging.OVERVIEW_PAGE_SIZE = 1; sys.argv[0] = 'mkdocs'; " \
            "from mkdocs.__main__ import cli; cli()"
    result = subprocess.run([sys.executable, "-c", start, "build", "--strict"], cwd=project, capture_output=True,
                            text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert (site / "it/sources/page_2/index.html").is_file() and (site / "roles/page_2/index.html").is_file()
    broken, checked = check_site(site)
    assert broken == [] and checked > 500
    html = (site / "nl/roles/page_2/index.html").read_text("utf-8")
    assert '<p class="guide-pager">Pagina 2 van 2 · <a href="../">‹ Vorige pagina</a></p>' in html
