"""The built site as readers' browsers and crawlers get it (real strict builds, conftest's session sites):
exactly these pages, links that resolve, every page entirely in its language with its alternates and link
preview, a 404 page per language, nothing from another host, valid HTML, the real guide's pages within
their weight."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from conftest import FIXTURES, REPO, Site, make_project
from guide.content.graph import build_graph
from guide.content.loading import load_content
from guide.languages import BY_CODE, DEFAULT, LANGUAGES, site_folder
from guide.pages.labels import label, label_table
from guide.search import bundle_folder, search_key
from guide.tools.linkcheck import check_site
from pages_html import parse

SMALL_PAGES = (
    "index.html", "roles/index.html", "roles/marketing-director/index.html", "roles/shop-manager/index.html",
    "competencies/index.html", "competencies/data-driven/index.html", "concepts/index.html",
    "concepts/omnichannel/index.html", "sources/index.html", "sources/article/index.html",
    "sources/article-english/index.html", "debates/index.html", "debates/where-does-it-belong/index.html",
    "compare/index.html", "compare/marketing-director--shop-manager/index.html", "matrix/index.html",
    "evolution/index.html", "status/index.html", "404.html")
SMALL_DATA = ("graph.json", "sources/article/claims.json", "sources/article-english/claims.json")
ENTITY_FOLDERS = ("roles", "competencies", "concepts", "sources", "debates")
ENTITY_PAGE_LIMIT = 40_000  # bytes of HTML (issue 11)
FONT_BUDGET = 40 * 1024  # bytes of all the site's font files together (issue 18; what a page loads: test_browser)


def in_language(language: str, page: str) -> str:
    folder = site_folder(language)
    return f"{folder}/{page}" if folder else page


def html_pages(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html") if "assets" not in p.parts)


def language_of(page: str) -> str:
    first = page.split("/", 1)[0]
    return first if first in LANGUAGES and first != DEFAULT else DEFAULT


def validated(site: Site) -> tuple[str, ...]:
    """One built page of each type, checked by the Nu Html Checker in each language: the subject's role page,
    the open question's debate, and of the other kinds the longest page (the most to check)."""
    graph = build_graph(load_content(site.content))

    def longest(folder: str) -> str:
        pages = [page for page in (site.folder / folder).glob("*/index.html")
                 if not page.parent.name.startswith("page_")]
        return max(pages, key=lambda page: (page.stat().st_size, page.parent.name)).relative_to(site.folder).as_posix()

    return ("index.html", "roles/index.html", f"roles/{graph.subject.id}/index.html", longest("competencies"),
            longest("concepts"), longest("sources"), "debates/index.html",
            f"debates/{graph.open_question.id}/index.html", "compare/index.html", longest("compare"),
            "matrix/index.html", "evolution/index.html", "status/index.html", "404.html")


def resolve(site: Site, page: str, href: str) -> str:
    """The built file a link on a page leads to, relative to the site's folder."""
    url = urljoin(site.server.origin + "/" + page, href)
    path = urlsplit(url).path.lstrip("/")
    return path + "index.html" if path.endswith("/") or not path else path


# ---- what is built -------------------------------------------------------------------------------------

def test_the_small_site_has_exactly_the_golden_pages(small_site):
    expected = sorted(in_language(language, page) for language in LANGUAGES for page in SMALL_PAGES)
    assert html_pages(small_site.folder) == expected
    for language in LANGUAGES:
        for data in SMALL_DATA:
            assert json.loads((small_site.folder / in_language(language, data)).read_text("utf-8"))


@pytest.mark.parametrize("name", ["small", "guide"])
def test_every_href_and_src_of_every_language_resolves(request, name):
    site = request.getfixturevalue(f"{name}_site")
    broken, checked = check_site(site.folder)
    assert broken == []
    assert checked > (500 if name == "small" else len(html_pages(site.folder)))  # each page has links


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


def test_paged_overviews_build_strictly_and_every_link_resolves(tmp_path):
    """A real build with one entry per overview page (the hooks run in the build process, so the page size
    is set there before MkDocs starts)."""
    project = make_project(tmp_path / "project", FIXTURES / "small" / "content")
    start = ("import sys, guide.pages.paging; guide.pages.paging.OVERVIEW_PAGE_SIZE = 1; sys.argv[0] = 'mkdocs'; "
             "from mkdocs.__main__ import cli; cli()")
    result = subprocess.run([sys.executable, "-c", start, "build", "--strict"], cwd=project, capture_output=True,
                            text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert (site / "it/sources/page_2/index.html").is_file() and (site / "roles/page_2/index.html").is_file()
    broken, checked = check_site(site)
    assert broken == [] and checked > 500
    html = parse(site / "nl/roles/page_2/index.html")
    assert "‹ Vorige pagina" in [link.text for link in html.find("a", href="../")]


# ---- each page in its language ---------------------------------------------------------------------------

def test_every_page_is_in_its_language_with_absolute_alternates_and_a_link_preview(small_site):
    site_url = small_site.server.origin + "/"
    for page in html_pages(small_site.folder):
        if page.endswith("404.html"):
            continue
        language = language_of(page)
        html = parse(small_site.folder / page)
        assert html.one("html").attrs["lang"] == language, page
        url = urljoin(site_url, page.removesuffix("index.html"))
        assert html.one("link", rel="canonical").attrs["href"] == url, page
        bare = page.removeprefix(f"{language}/") if language != DEFAULT else page
        alternates = {e.attrs["hreflang"]: e.attrs["href"] for e in html.find("link", rel="alternate")}
        assert alternates == {**{code: urljoin(site_url, in_language(code, bare).removesuffix("index.html"))
                                 for code in LANGUAGES}, "x-default": site_url}, page
        description = html.meta("description")
        assert 0 < len(description) <= 160 and html.meta("og:description") == description, page
        assert html.meta("og:url") == url and html.meta("og:title") in html.find("title")[0].text, page
        assert html.meta("og:locale") == BY_CODE[language].locale, page
        image = html.meta("og:image")
        assert image == urljoin(site_url, f"assets/og/{language}.png") and \
            (small_site.folder / urlsplit(image).path.lstrip("/")).is_file(), page
        assert html.find("title")[0].text.endswith(label("home_title", language)), page
        assert all(json.loads(data) for data in html.data_scripts), page


def test_the_language_menu_leads_to_the_same_page_and_marks_the_current_language(small_site):
    for page in html_pages(small_site.folder):
        if page.endswith("404.html"):
            continue
        language = language_of(page)
        bare = page.removeprefix(f"{language}/") if language != DEFAULT else page
        links = parse(small_site.folder / page).find("a", class_="md-select__link")
        assert [link.attrs["hreflang"] for link in links] == list(LANGUAGES), page
        for link in links:
            code = link.attrs["hreflang"]
            assert resolve(small_site, page, link.attrs["href"]) == in_language(code, bare), (page, code)
            assert link.text.removesuffix(" ✓") == BY_CODE[code].native and link.attrs["lang"] == code
            assert (link.attrs.get("aria-current") == "true") == (code == language), (page, code)


def test_the_navigation_lists_the_home_page_and_the_overviews_in_the_pages_language(small_site):
    html = parse(small_site.folder / "nl/roles/shop-manager/index.html")
    nav = [(link.attrs["href"], link.text) for link in html.find("a", class_="md-nav__link")
           if not link.attrs["href"].startswith("#")]
    assert nav == [("../../", "Start"), ("../", "Rollen"), ("../../competencies/", "Competenties"),
                   ("../../concepts/", "Begrippenlijst"), ("../../sources/", "Bronnen"),
                   ("../../debates/", "Waar de bronnen het oneens zijn"),
                   ("../../matrix/", "Rollen en competenties"), ("../../evolution/", "Ontwikkeling en organisatie")]


ENGLISH_CHROME = ("Made with", "Table of contents", "Back to top", "Skip to content", "Initializing search")


def test_dutch_and_italian_pages_show_no_english_interface_text(small_site):
    # the language menu names each language in itself ("English"): that is intended
    english_only = {text["en"].strip() for key, text in label_table().items() if not key.startswith("language_")
                    and text["en"].strip() not in (text["nl"].strip(), text["it"].strip())}
    for language in ("nl", "it"):
        for page in (small_site.folder / language).rglob("*.html"):
            html = parse(page)
            visible = {text.strip().rstrip(":") for text in html.text}
            assert not (english_only & visible), page
            assert not [chrome for chrome in ENGLISH_CHROME if chrome in " ".join(html.text)], page


@pytest.mark.parametrize("name", ["small", "guide"])
def test_no_page_shows_a_markdown_escape_or_markup_as_text(request, name):
    """Text escaped for Markdown but placed where Markdown is not read (raw HTML) would show its backslashes."""
    site = request.getfixturevalue(f"{name}_site")
    for page in html_pages(site.folder):
        html = parse(site.folder / page)
        shown = [text for text in html.text if re.search(r"\\[-.()\[\]#*_!`{}+<>]|\{: |\]\(", text)]
        assert shown == [], page


# ---- the 404 pages ----------------------------------------------------------------------------------------

def test_each_language_has_a_404_page_entirely_in_it_with_links_that_work_from_any_address(small_site):
    for language in LANGUAGES:
        page = in_language(language, "404.html")
        html = parse(small_site.folder / page)
        assert html.one("html").attrs["lang"] == language
        assert html.find("title")[0].text.startswith(label("not_found_title", language))
        assert [h.text for h in html.find("h1")] == [label("not_found_title", language)]
        assert label("not_found_text", language) in " ".join(html.text)
        for link in html.find("a"):
            href = link.attrs["href"]
            assert href.startswith("/"), (page, href)  # served for any missing address, at any depth
            assert (small_site.folder / resolve(small_site, "x/y/z/", href)).is_file(), (page, href)
        overviews = {link.attrs["href"] for link in html.find("a")}
        assert {f"/{in_language(language, folder)}/" for folder in ENTITY_FOLDERS} <= overviews
        menu = html.find("a", class_="md-select__link")
        assert [link.text.removesuffix(" ✓") for link in menu] == [BY_CODE[code].native for code in LANGUAGES]
    root = parse(small_site.folder / "404.html")
    assert any('fetch(base + folders[i] + "/404.html")' in script for script in root.scripts)
    assert not any("404.html" in script for script in parse(small_site.folder / "nl/404.html").scripts)


# ---- search ------------------------------------------------------------------------------------------------

NOT_SEARCHED = ("status/", "roles/index.html", "competencies/index.html", "concepts/index.html",
                "sources/index.html", "debates/index.html", "compare/index.html", "matrix/", "404.html")
"""The editors' pages, the overviews and the matrix (each entry has its own page): not in readers' results."""


def test_the_search_index_holds_every_readers_page_of_each_language_and_nothing_else(small_site):
    """One bundle per language, in its folder (pagefind/, nl/pagefind/, it/pagefind/), with that language's
    index only."""
    entries = {language: json.loads((small_site.folder / bundle_folder(language) / "pagefind-entry.json")
                                    .read_text("utf-8"))["languages"] for language in LANGUAGES}
    indexed = {language: 0 for language in LANGUAGES}
    for page in html_pages(small_site.folder):
        html = parse(small_site.folder / page)
        body = html.find("div", **{"data-pagefind-body": ""})
        bare = page.removeprefix(f"{language_of(page)}/") if language_of(page) != DEFAULT else page
        assert len(body) == (0 if bare.startswith(NOT_SEARCHED) else 1), page
        if body:
            indexed[language_of(page)] += 1
            keys = body[0].attrs["data-guide-keys"].split()
            assert keys[0] == search_key(html.meta("og:title")), page
    counts = {language: {found: index["page_count"] for found, index in entry.items()}
              for language, entry in entries.items()}
    assert counts == {language: {language: count} for language, count in indexed.items()}
    bundles = small_site.folder.rglob("pagefind-entry.json")
    assert sorted(str(path.parent.relative_to(small_site.folder)) for path in bundles) \
        == sorted(bundle_folder(language) for language in LANGUAGES)
    role = parse(small_site.folder / "nl/roles/shop-manager/index.html").find("div", **{"data-pagefind-body": ""})[0]
    assert role.attrs["data-pagefind-meta"] == "keys[data-guide-keys], names:Manager webwinkel"
    assert role.attrs["data-guide-keys"] == "zqwebshopmanagerqz zqmanagerwebwinkelqz"


def test_indexing_a_language_stops_when_asked_and_keeps_the_bundle_it_would_have_replaced(small_site, tmp_path,
                                                                                         monkeypatch):
    """The preview stops an indexer still running when the next edit comes in (hooks/guide_serve.py): the
    indexer's process is ended at once, the reader's search keeps the earlier bundle, nothing half-written
    stays. (A stand-in indexer that would take a minute, so that the stop always comes first.)"""
    import threading
    import time

    import guide.search
    from conftest import tree_digest
    from guide.search import IndexingStopped, index_language

    site = tmp_path / "site"
    shutil.copytree(small_site.folder / "nl", site / "nl")
    before = tree_digest(site)
    monkeypatch.setattr(guide.search, "_pagefind", lambda: [sys.executable, "-c", "import time; time.sleep(60)"])
    stop = threading.Event()
    threading.Timer(0.5, stop.set).start()
    started = time.monotonic()
    with pytest.raises(IndexingStopped):
        index_language(site, "nl", stop)
    assert time.monotonic() - started < 5
    assert tree_digest(site) == before


def test_a_search_key_is_one_word_for_a_whole_name():
    assert search_key("E-commerce manager") == "zqecommercemanagerqz"
    assert search_key("Omnicanalità") == search_key("omnicanalita") == "zqomnicanalitaqz"
    assert search_key("Multi(omni)-channel &amp; more") == "zqmultiomnichannelmoreqz"


# ---- what a page loads -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["small", "guide"])
def test_no_page_requests_anything_from_another_host_nor_loads_the_themes_scripts(request, name):
    site = request.getfixturevalue(f"{name}_site")
    for page in html_pages(site.folder):
        html = parse(site.folder / page)
        loaded = html.values("script", "src") + html.values("img", "src") + html.values("iframe", "src") + [
            e.attrs["href"] for e in html.find("link") if e.attrs.get("rel") in ("stylesheet", "icon", "preload")]
        assert [url for url in loaded if urlsplit(url).netloc not in ("", urlsplit(site.server.origin).netloc)] \
            == [], page
        assert not [src for src in html.values("script", "src") if "javascripts/bundle" in src], page


# ---- the real guide -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("folder", ["roles", "competencies"])
def test_every_role_and_competency_appears_with_its_translated_name_in_every_language(guide_site, folder):
    content = REPO / "content"
    for path in sorted((content / "facts" / folder).glob("*.yaml")):
        for language in LANGUAGES:
            name = yaml.safe_load((content / language / folder / path.name).read_text("utf-8"))["name"]
            page = parse(guide_site.folder / in_language(language, f"{folder}/{path.stem}/index.html"))
            assert page.one("html").attrs["lang"] == language
            assert [h.text for h in page.find("h1")] == [name], (language, path.stem)
            overview = parse(guide_site.folder / in_language(language, f"{folder}/index.html"))
            assert name in [link.text for link in overview.find("a", href=f"{path.stem}/")], (language, path.stem)


def test_every_entity_page_is_at_most_40_kb_in_every_language(small_site):
    """What the generator adds around an entity's own text stays small. (How large the real guide's pages are
    depends on its articles: the benchmark measures them, bench/REPORT.md.)"""
    content = small_site.content
    sizes = {page: (small_site.folder / page).stat().st_size for page in html_pages(small_site.folder)
             if page.removeprefix("nl/").removeprefix("it/").split("/")[0] in ENTITY_FOLDERS
             and page.count("/") >= 2 + (language_of(page) != DEFAULT) and "/page_" not in page}
    entities = sum(len(list((content / "facts" / folder).glob("*.yaml"))) for folder in ENTITY_FOLDERS)
    assert len(sizes) == entities * len(LANGUAGES)
    assert {page: size for page, size in sizes.items() if size > ENTITY_PAGE_LIMIT} == {}


def test_the_site_ships_its_font_within_40_kib_with_its_licence_and_every_page_preloads_it(small_site):
    """The faces the stylesheet names are the files shipped, no more; every page, the 404 pages too, preloads
    each (the link check resolves their addresses), as a font, in CORS mode as fonts are fetched."""
    fonts = small_site.folder / "assets" / "fonts"
    files = sorted(path.name for path in fonts.glob("*.woff2"))
    css = (small_site.folder / "assets" / "guide.css").read_text(encoding="utf-8")
    assert sorted(re.findall(r"url\(fonts/([^)]+\.woff2)\)", css)) == files
    sizes = {name: (fonts / name).stat().st_size for name in files}
    assert sum(sizes.values()) <= FONT_BUDGET, sizes
    assert "SIL Open Font License" in (fonts / "LICENSE.txt").read_text(encoding="utf-8")
    for page in html_pages(small_site.folder):
        preloads = parse(small_site.folder / page).find("link", rel="preload")
        assert sorted(link.attrs["href"].rsplit("/", 1)[-1] for link in preloads) == files, page
        assert all((link.attrs.get("as"), link.attrs.get("type")) == ("font", "font/woff2") and "crossorigin" in
                   link.attrs for link in preloads), page


def test_the_nu_html_checker_finds_no_error_on_any_page_type_in_any_language(guide_site):
    vnu = REPO / "tests/node/node_modules/vnu-jar/build/dist/vnu.jar"
    assert vnu.is_file(), "vnu-jar is not installed: scripts/test.sh installs it (npm ci in tests/node)"
    assert shutil.which("java"), "Java is not installed: scripts/test.sh installs it (Debian's default-jre-headless)"
    pages = [guide_site.folder / in_language(language, page) for language in LANGUAGES
             for page in validated(guide_site)]
    result = subprocess.run(["java", "-jar", str(vnu), "--errors-only", "--format", "text", *map(str, pages)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, re.sub(re.escape(str(guide_site.folder)), "site", result.stderr)
