"""The guide in a real browser: Debian's Chromium, driven by Playwright, reading the built site from a local server.

A reader moves through the nav, follows links, switches language with Material's selector, searches in their
own language, lands in their browser's language at the root, and reads the matrix on a phone; axe-core checks
each page type of each language. Every page any test visits must load without a console error, a failed
request or a response >= 400, and must ask nothing of any host but the local server (checked when each test
ends, see the `open_tab` fixture).

Two sites: the real guide (content/) for everything that depends on real content (the reader's way through
it, accessibility of long pages, the matrix on a phone), the small fixture for what it pins down exactly
(the root redirect, names to search for); search runs on both. Both are built here, not taken from
conftest's built_small and built_guide: the server's port is chosen first and given to MkDocs as site_url
(GUIDE_SITE_URL), as on the real host. Only then are the hreflang alternates on the same origin as the pages,
so Material's own language-selector code takes over the click, exactly as it does for readers.

One Chromium for the session; the desktop reader's tab of each site is reused from test to test.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from browser import DESKTOP, LANGUAGES, PHONE, SiteServer, Tab, chromium_missing_message, launch_chromium, prefix
from conftest import FIXTURES, REPO, make_project

SITE_CONTENT = {"small": FIXTURES / "small" / "content", "guide": REPO / "content"}
NEXT_LANGUAGE = {"en": "nl", "nl": "it", "it": "en"}

# Alternative names a reader may type instead of a role's name: (site, language) -> (term, role id).
# Each must be listed in that role's alternative_names in content/<language>/roles/<id>.yaml (checked below).
ALTERNATIVE_NAMES = {
    ("small", "nl"): ("Manager webwinkel", "shop-manager"),
    ("small", "en"): ("Online store manager", "shop-manager"),
    ("guide", "nl"): ("webshopmanager", "e-commerce-manager"),
    ("guide", "it"): ("Responsabile del commercio elettronico", "e-commerce-manager"),
}
# A term every language's pages use, so each index has hits and a mixed index would show the others too.
SHARED_TERM = "omnichannel"


@dataclass
class Site:
    name: str
    content: Path
    folder: Path
    server: SiteServer

    def entity_pages(self, kind: str) -> list[str]:
        """The ids of one kind's pages (English build), the longest page first: the most to check."""
        pages = [p for p in (self.folder / kind).glob("*/index.html")]
        return [p.parent.name for p in sorted(pages, key=lambda p: (-p.stat().st_size, p.parent.name))]

    def richest(self, kind: str, *, linking_to: str | None = None) -> str:
        for entity in self.entity_pages(kind):
            html = (self.folder / kind / entity / "index.html").read_text(encoding="utf-8")
            article = html[html.index("<article"):html.index("</article>")]
            if linking_to is None or f'href="../../{linking_to}/' in article:
                return entity
        raise AssertionError(f"{self.name}: no {kind} page" + (f" links to {linking_to}" if linking_to else ""))


def build_and_serve(name: str, tmp_path_factory) -> Site:
    project = tmp_path_factory.mktemp(f"browser-{name}") / "project"
    server = SiteServer(project / "site")
    make_project(project, SITE_CONTENT[name])
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GUIDE_SITE_URL": server.origin + "/"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"the {name} site did not build:\n{result.stderr}"
    return Site(name, SITE_CONTENT[name], project / "site", server.start())


@pytest.fixture(scope="session")
def small_site(tmp_path_factory):
    site = build_and_serve("small", tmp_path_factory)
    yield site
    site.server.stop()


@pytest.fixture(scope="session")
def guide_site(tmp_path_factory):
    site = build_and_serve("guide", tmp_path_factory)
    yield site
    site.server.stop()


@pytest.fixture(scope="session", params=["small", "guide"])
def site(request) -> Site:
    return request.getfixturevalue(f"{request.param}_site")


@pytest.fixture(scope="session")
def browser():
    missing = chromium_missing_message()
    if missing:  # a failure, never a skip: a machine without the browser must not pass the browser tests
        pytest.fail(missing, pytrace=False)
    playwright = sync_playwright().start()
    try:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture(scope="session")
def _reused_tabs():
    tabs: dict[str, Tab] = {}
    yield tabs
    for tab in tabs.values():
        tab.close()


@pytest.fixture
def open_tab(browser, _reused_tabs):
    """Opens a tab on a site. The plain desktop English-speaking reader's tab of each site is reused from test
    to test (a new browser context costs more than the pages a test reads); any other locale or viewport
    gets a fresh context of its own, with its own localStorage. When the test ends, every request, console
    message and error of every page the test showed is checked."""
    used: list[tuple[Tab, bool]] = []

    def open_(site: Site, *, locale: str = "en-US", viewport: dict = DESKTOP) -> Tab:
        if (locale, viewport) == ("en-US", DESKTOP):
            if site.name not in _reused_tabs:
                _reused_tabs[site.name] = Tab(browser, site.server, locale=locale, viewport=viewport)
            tab = _reused_tabs[site.name]
            tab.recorder.reset()
            used.append((tab, False))
        else:
            tab = Tab(browser, site.server, locale=locale, viewport=viewport)
            used.append((tab, True))
        return tab

    yield open_
    for tab, own in used:
        if own:
            tab.close()  # closing first: nothing still loading can add to the record afterwards
    assert all(tab.recorder.requests for tab, _ in used), "a recorder saw no request at all: it is not attached"
    problems = [problem for tab, _ in used for problem in tab.recorder.problems]
    assert not problems, "while the pages were shown:\n" + "\n".join(problems)


# -- moving around and switching language --------------------------------------------------------------------

NAV = ".md-sidebar--primary nav.md-nav--primary"


def click_link_to(tab: Tab, scope: str, path: str) -> None:
    """Click the first link in `scope` (a CSS selector) that leads to `path` below the site root."""
    target = tab.server.url(path)
    links = tab.page.locator(f"{scope} a[href]")
    hrefs = links.evaluate_all("links => links.map(a => a.href.split('#')[0])")
    assert target in hrefs, f"{tab.path}: no link to {path} in {scope}; links: {sorted(set(hrefs))}"
    tab.click_and_wait(links.nth(hrefs.index(target)))
    assert tab.path == path, f"the link to {path} led to {tab.path}"


def first_article_link(tab: Tab, language: str, kind: str) -> str:
    """The path of the first link in the article to a page of `kind` (e.g. 'sources') in `language`."""
    pattern = re.compile(re.escape(tab.server.url(prefix(language) + kind + "/")) + r"[a-z0-9-]+/$")
    hrefs = tab.page.locator("article a[href]").evaluate_all("links => links.map(a => a.href.split('#')[0])")
    found = [h for h in hrefs if pattern.match(h)]
    assert found, f"{tab.path}: the article has no link to a page in {prefix(language)}{kind}/"
    return found[0][len(tab.server.origin) + 1:]


def assert_on(tab: Tab, language: str, path: str) -> None:
    assert (tab.path, tab.lang) == (prefix(language) + path, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_reader_moves_through_the_guide_and_switches_language_on_the_same_page(guide_site, open_tab, language):
    """On the real guide (the small site's pages are the same templates: its switcher links are checked by
    test_build_output, and a flow per language and site would double the time)."""
    site = guide_site
    other, third = NEXT_LANGUAGE[language], NEXT_LANGUAGE[NEXT_LANGUAGE[language]]
    role = site.richest("roles", linking_to="competencies")
    tab = open_tab(site)
    tab.goto(prefix(language))
    assert_on(tab, language, "")

    # home -> roles overview (nav) -> a role -> a competency it needs -> the same competency in another language
    click_link_to(tab, NAV, prefix(language) + "roles/")
    assert_on(tab, language, "roles/")
    click_link_to(tab, "article", prefix(language) + f"roles/{role}/")
    assert_on(tab, language, f"roles/{role}/")
    competency_path = first_article_link(tab, language, "competencies")
    click_link_to(tab, "article", competency_path)
    competency = competency_path[len(prefix(language)):]
    tab.switch_language(other)
    assert_on(tab, other, competency)

    # moving around in that language: a source the competency cites -> debates (nav) -> a debate, back and forth
    click_link_to(tab, "article", first_article_link(tab, other, "sources"))
    click_link_to(tab, NAV, prefix(other) + "debates/")
    debate_path = first_article_link(tab, other, "debates")
    click_link_to(tab, "article", debate_path)
    tab.page.go_back()
    tab.page.wait_for_load_state("load")
    assert_on(tab, other, "debates/")
    tab.page.go_forward()
    tab.page.wait_for_load_state("load")
    debate = debate_path[len(prefix(other)):]
    assert_on(tab, other, debate)
    tab.switch_language(third)
    assert_on(tab, third, debate)

    # and on in the third language: its nav and links stay in it, and the way back to the first language too
    click_link_to(tab, NAV, prefix(third) + "concepts/")
    concept_path = first_article_link(tab, third, "concepts")
    click_link_to(tab, "article", concept_path)
    tab.switch_language(language)
    assert_on(tab, language, concept_path[len(prefix(third)):])


# -- search ---------------------------------------------------------------------------------------------------

def language_of_url(tab: Tab, url: str) -> str:
    path = url[len(tab.server.origin) + 1:] if url.startswith(tab.server.origin + "/") else url
    return next((language for language in ("nl", "it") if path.startswith(language + "/")), "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_finds_only_pages_of_the_readers_language(site, open_tab, language):
    tab = open_tab(site)
    tab.goto(prefix(language) + "roles/")
    hrefs = tab.search(SHARED_TERM)
    assert all(h.startswith(tab.server.origin + "/") for h in hrefs), hrefs
    assert {language_of_url(tab, h) for h in hrefs} == {language}, hrefs
    assert any(h.split("?")[0] == tab.server.url(prefix(language) + f"concepts/{SHARED_TERM}/") for h in hrefs), hrefs
    indexes = [u for u in tab.recorder.requests if u.endswith("search_index.json")]
    assert indexes == [tab.server.url(prefix(language) + "search/search_index.json")]
    # the index of the other languages holds the term too: the answer above is not an accident
    for other in LANGUAGES:
        index = (site.folder / prefix(other) / "search" / "search_index.json").read_text(encoding="utf-8")
        assert SHARED_TERM in index.lower(), other


@pytest.mark.parametrize("site_name, language", sorted(ALTERNATIVE_NAMES))
def test_a_reader_finds_a_role_by_an_alternative_name_in_their_language(request, open_tab, site_name, language):
    site = request.getfixturevalue(f"{site_name}_site")
    term, role = ALTERNATIVE_NAMES[site_name, language]
    text = yaml.safe_load((site.content / language / "roles" / f"{role}.yaml").read_text(encoding="utf-8"))
    assert term.lower() in [name.lower() for name in text.get("alternative_names") or []], \
        f"{term!r} is no longer an alternative name of {role} in {language}: pick another one for this test"
    assert term.lower() not in text["name"].lower()

    tab = open_tab(site)
    tab.goto(prefix(language))
    hrefs = tab.search(term)
    role_url = tab.server.url(prefix(language) + f"roles/{role}/")
    pages = list(dict.fromkeys(h.split("?")[0].split("#")[0][len(tab.server.origin) + 1:] for h in hrefs))
    shown = tab.page.locator(".md-search-result__meta").inner_text()
    assert role_url[len(tab.server.origin) + 1:] in pages, \
        f"typing {term!r}, the reader does not see {role} among the results shown ({shown}): {pages}"
    assert {language_of_url(tab, h) for h in hrefs} == {language}, hrefs


# -- the site root and the reader's language ------------------------------------------------------------------
# The redirect is the template's and the hooks' work, whatever the content: checked on the small site only.

def open_root(tab: Tab, expected: str) -> None:
    """Open the site root; wait for the page the reader should end on (a redirect is a script in <head>)."""
    tab.goto("")
    if expected == "en":
        tab.page.wait_for_timeout(150)  # time enough for a redirect that should not happen to show
    else:
        tab.page.wait_for_url(tab.server.url(prefix(expected)))
    tab.page.wait_for_load_state("load")


@pytest.mark.parametrize("locale, expected", [("nl-NL", "nl"), ("it-IT", "it"), ("en-US", "en"), ("de-DE", "en")])
def test_the_root_sends_a_first_time_reader_to_their_browsers_language(small_site, open_tab, locale, expected):
    tab = open_tab(small_site, locale=locale)
    open_root(tab, expected)
    assert_on(tab, expected, "")


def test_once_the_reader_picks_a_language_the_root_no_longer_redirects(small_site, open_tab):
    tab = open_tab(small_site, locale="nl-NL")
    open_root(tab, "nl")
    assert_on(tab, "nl", "")
    tab.switch_language("en")
    assert_on(tab, "en", "")
    assert tab.page.evaluate("localStorage.getItem('guide.language')") == "en"
    open_root(tab, "en")
    assert_on(tab, "en", "")
    # also in a new tab of the same browser profile
    second = tab.context.new_page()
    second.goto(tab.server.url(""))
    second.wait_for_timeout(150)
    assert second.url == tab.server.url("")
    second.close()


# -- accessibility --------------------------------------------------------------------------------------------

def page_types(site: Site) -> dict[str, str]:
    return {
        "home": "",
        "overview": "roles/",
        "role": f"roles/{site.richest('roles')}/",
        "competency": f"competencies/{site.richest('competencies')}/",
        "concept": f"concepts/{site.richest('concepts')}/",
        "source": f"sources/{site.richest('sources')}/",
        "debates overview": "debates/",
        "debate": f"debates/{site.richest('debates')}/",
        "matrix": "matrix/",
        "evolution": "evolution/",
    }


AXE = Axe()


def serious_violations(tab: Tab) -> list[str]:
    results = AXE.run(tab.page).response
    found = []
    for violation in results["violations"]:
        if violation["impact"] in ("serious", "critical"):
            nodes = "".join(f"\n      {' '.join(map(str, node['target']))}: {node['html'][:160]}"
                            for node in violation["nodes"][:5])
            more = f"\n      ... and {len(violation['nodes']) - 5} more" if len(violation["nodes"]) > 5 else ""
            found.append(f"  {violation['id']} ({violation['impact']}, {len(violation['nodes'])} elements): "
                         f"{violation['help']}{nodes}{more}")
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_no_serious_or_critical_violation_on_any_page_type(guide_site, open_tab, language):
    """On the real guide only: its pages are the fixture's page types with real, longer content."""
    tab = open_tab(guide_site)
    report = []
    for page_type, path in page_types(guide_site).items():
        tab.goto(prefix(language) + path)
        found = serious_violations(tab)
        if found:
            report.append(f"{page_type} ({prefix(language) + path}):\n" + "\n".join(found))
    assert not report, "axe-core found serious or critical violations:\n" + "\n".join(report)


# -- the matrix on a phone ------------------------------------------------------------------------------------

BOXES = """container => {
    const box = el => {
        const r = el.getBoundingClientRect();
        return {x: r.x, y: r.y, right: r.right, bottom: r.bottom};
    };
    const table = container.querySelector('table');
    return {
        container: box(container),
        corner: box(table.querySelector('thead tr th:first-child')),
        header: box(table.querySelector('thead tr th:nth-child(3)')),
        rowHead: box(table.querySelector('tbody tr:nth-child(3) td:first-child')),
        cell: box(table.querySelector('tbody tr:nth-child(3) td:nth-child(3)')),
        scrollLeft: container.scrollLeft, scrollTop: container.scrollTop,
        scrollWidth: container.scrollWidth, clientWidth: container.clientWidth,
        scrollHeight: container.scrollHeight, clientHeight: container.clientHeight,
        pageWidth: document.documentElement.scrollWidth,
    };
}"""


def test_the_matrix_scrolls_sideways_on_a_phone_and_keeps_its_first_column_and_header_in_view(guide_site, open_tab):
    tab = open_tab(guide_site, viewport=PHONE)
    tab.goto("matrix/")
    container = tab.page.locator(".guide-matrix")
    container.scroll_into_view_if_needed()
    before = container.evaluate(BOXES)
    assert before["pageWidth"] <= PHONE["width"], f"the page itself scrolls sideways: {before['pageWidth']}px wide"
    assert before["scrollWidth"] > before["clientWidth"] + 100, f"the matrix frame (.guide-matrix) does not scroll sideways (the table fits, or an element inside scrolls instead): {before}"
    assert before["container"]["right"] <= PHONE["width"] + 0.5

    # sideways, as a thumb does (a horizontal wheel over the table)
    box = container.bounding_box()
    tab.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 200))
    tab.page.mouse.wheel(300, 0)
    tab.page.wait_for_function("el => el.scrollLeft > 0", arg=container.element_handle())
    tab.page.wait_for_timeout(100)
    after = container.evaluate(BOXES)
    moved = after["scrollLeft"]
    assert moved > 100, after
    assert after["cell"]["x"] == pytest.approx(before["cell"]["x"] - moved, abs=2)  # the body moved
    assert after["header"]["x"] == pytest.approx(before["header"]["x"] - moved, abs=2)
    for sticky in ("corner", "rowHead"):  # the first column did not
        assert after[sticky]["x"] == pytest.approx(after["container"]["x"], abs=2), (sticky, after)
        assert 0 <= after[sticky]["x"] and after[sticky]["right"] <= PHONE["width"], (sticky, after)

    # down: the header row stays at the top of the table's frame
    assert after["scrollHeight"] > after["clientHeight"], f"the table frame does not scroll down: {after}"
    tab.page.mouse.wheel(0, 400)
    tab.page.wait_for_function("el => el.scrollTop > 0", arg=container.element_handle())
    tab.page.wait_for_timeout(100)
    down = container.evaluate(BOXES)
    assert down["scrollLeft"] == moved
    assert down["rowHead"]["y"] == pytest.approx(after["rowHead"]["y"] - down["scrollTop"], abs=2)
    for sticky in ("corner", "header"):
        assert down[sticky]["y"] == pytest.approx(down["container"]["y"], abs=2), (sticky, down)
    for sticky in ("corner", "rowHead"):
        assert down[sticky]["x"] == pytest.approx(down["container"]["x"], abs=2), (sticky, down)
    # what stays in view is drawn over what scrolls beneath it, not under it
    on_top = """([x, y]) => { const cell = document.elementFromPoint(x, y).closest('td, th');
                             return cell && [cell.tagName, cell.cellIndex > 0]; }"""
    corner = down["corner"]
    for name, point, expected in (
            ("the corner", [corner["x"] + 4, corner["y"] + 4], ["TH", False]),
            ("the first column, under the header row", [corner["x"] + 4, corner["bottom"] + 8], ["TD", False]),
            ("the header row, right of the first column", [corner["right"] + 8, corner["y"] + 4], ["TH", True])):
        assert tab.page.evaluate(on_top, point) == expected, (name, point, down)
