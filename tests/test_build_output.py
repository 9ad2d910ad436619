"""A real build of the small fixture site: exactly these pages, links that work, a switcher that keeps the page."""
from __future__ import annotations

import re
from pathlib import Path

from guide.linkcheck import check_site

GOLDEN_PAGES = sorted(
    prefix + page
    for prefix in ("", "nl/", "it/")
    for page in (
        "index.html",
        "roles/index.html",
        "roles/marketing-director/index.html",
        "roles/shop-manager/index.html",
        "competencies/index.html",
        "competencies/data-driven/index.html",
        "concepts/index.html",
        "concepts/omnichannel/index.html",
        "sources/index.html",
        "sources/article/index.html",
        "sources/article-english/index.html",
        "debates/index.html",
        "debates/where-does-it-belong/index.html",
        "matrix/index.html",
        "evolution/index.html",
        "status/index.html",
    )
) + ["404.html"]


def html_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if "assets" not in p.parts)


def test_the_small_site_has_exactly_the_golden_pages(built_small):
    assert html_pages(built_small) == sorted(GOLDEN_PAGES)


def test_every_href_and_src_of_every_language_resolves(built_small):
    broken, checked = check_site(built_small)
    assert checked > 500
    assert broken == []


def test_the_link_checker_reports_a_broken_link_and_a_broken_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="missing/">x</a>\n<a href="a/#nope">y</a>'
                                         '<a href="javascript:alert(1)">z</a>')
    (tmp_path / "a" / "index.html").write_text('<h1 id="top">A</h1>')
    broken, checked = check_site(tmp_path)
    assert checked == 4
    assert broken == [
        "index.html:1: broken link: missing/ (no file missing/index.html)",
        "index.html:2: broken anchor: a/#nope (no id 'nope' in a/index.html)",
        "index.html:2: link with the scheme 'javascript:' (javascript:alert(1)): only http(s) links are allowed",
    ]


def switcher_targets(page_html: str) -> dict[str, str]:
    return dict((lang, href) for href, lang in re.findall(
        r'<a href="([^"]*)" hreflang="([a-z]{2})" class="md-select__link"', page_html))


def test_the_language_switcher_leads_to_the_same_page_in_each_language(built_small):
    for page in GOLDEN_PAGES[:-1]:
        language = page[:2] if page[:3] in ("nl/", "it/") else "en"
        bare = page[3:] if language != "en" else page
        targets = switcher_targets((built_small / page).read_text(encoding="utf-8"))
        assert set(targets) == {"en", "nl", "it"}, page
        for target_language, href in targets.items():
            expected = bare if target_language == "en" else f"{target_language}/{bare}"
            resolved = (built_small / page).parent.joinpath(href.replace("/guide/", "/")).resolve()
            if href.startswith("/"):
                resolved = (built_small / href.lstrip("/")).resolve()
            if resolved.is_dir():
                resolved = resolved / "index.html"
            assert resolved == (built_small / expected).resolve(), (page, target_language, href)


def test_the_nav_lists_the_home_and_overview_pages_only(built_small):
    html = (built_small / "nl" / "roles" / "shop-manager" / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary"'):html.index('md-sidebar--secondary')]
    assert re.findall(r'<a href="([^"]+)" class="md-nav__link', nav) == [
        "../../", "../", "../../competencies/", "../../concepts/", "../../sources/", "../../debates/",
        "../../matrix/", "../../evolution/"]


def test_a_role_page_shows_names_competencies_relations_and_sources_in_its_language(built_small):
    html = (built_small / "it" / "roles" / "shop-manager" / "index.html").read_text(encoding="utf-8")
    for expected in ("<h1", "Responsabile del negozio online", "Noto anche come", "Web shop manager",
                     "Competenze", "Essenziali", 'href="../../competencies/data-driven/">Orientato ai dati</a>',
                     "Riporta a", 'href="../marketing-director/">Direttore marketing</a>',
                     "Fonti che ne parlano", 'href="../../sources/article/">'):
        assert expected in html, expected


def test_a_source_page_shows_metadata_claims_and_original_quotes(built_small):
    html = (built_small / "sources" / "article" / "index.html").read_text(encoding="utf-8")
    for expected in ("Original title", "Wat doet een webshopmanager?", "Dutch", "Jan Jansen", "Voorbeeld BV",
                     "2018", "The web shop manager is data-driven.", "Een webshopmanager is data gedreven.",
                     'href="../article-english/"', "Cited in debates"):
        assert expected in html, expected


def test_writing_the_languages_in_parallel_gives_exactly_the_same_files(tmp_path):
    from conftest import FIXTURES, REPO, tree_digest
    from guide.graph import build_graph
    from guide.loading import load_content
    from guide.site import render_site, write_languages

    for content in (FIXTURES / "small" / "content", REPO / "content"):
        graph = build_graph(load_content(content))
        extra = {"nl/status/index.md": "status"}
        expected = {**render_site(graph, "https://example.org/guide/"), **extra}
        written = {}
        for processes in (1, 3):
            docs = tmp_path / f"{content.parent.name}-{processes}"
            assert write_languages(graph, "https://example.org/guide/", docs, extra, processes) == len(expected)
            written[processes] = tree_digest(docs)
            assert sorted(written[processes]) == sorted(expected)
            assert all((docs / path).read_text(encoding="utf-8") == text for path, text in expected.items())
        assert written[1] == written[3]
