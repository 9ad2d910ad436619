"""Browser helpers: a built site served on 127.0.0.1, Debian's Chromium driven by Playwright, and a tab that
records every request, failure and console error of the pages it visits.

Used by tests/test_browser.py and scripts/screenshots.py. Playwright never downloads a browser here: it drives
the Chromium at CHROMIUM, and fails with a clear message if that is missing.
"""
from __future__ import annotations

import functools
import os
import shutil
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from guide.languages import LANGUAGES, site_folder

__all__ = ["DESKTOP", "LANGUAGES", "PHONE", "SITE_FONT", "SiteServer", "Tab", "chromium_missing_message",
           "launch_chromium", "prefix"]

CHROMIUM = os.environ.get("GUIDE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# The font the site ships (docs/assets/guide.css, scripts/fonts.py): Liberation Sans, renamed, with Arial's
# metrics. A machine's own fonts play no part in a page's layout, so what a test measures holds on any machine.
SITE_FONT = "Guide Sans"


def prefix(language: str) -> str:
    """The folder of a language's pages below the site root, as a path prefix: '' (the default), 'nl/', 'it/'."""
    folder = site_folder(language)
    return f"{folder}/" if folder else ""


def chromium_missing_message() -> str | None:
    if Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK):
        return None
    found = shutil.which("chromium")
    return (f"Chromium is missing: the browser tests drive Debian's Chromium at {CHROMIUM}"
            + (f" (there is one at {found}: set GUIDE_CHROMIUM={found})" if found else "")
            + ". Install it with `apt-get install chromium` (scripts/test.sh does so as root); "
              "never `playwright install`.")


def launch_chromium(playwright):
    missing = chromium_missing_message()
    if missing:
        raise RuntimeError(missing)
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


_SEARCH_SETTLED = """() => {
    const list = document.querySelector('.guide-search__list');
    const html = list ? list.innerHTML : '';
    const now = performance.now();
    if (window.__guideResults !== html) { window.__guideResults = html; window.__guideSince = now; return false; }
    return list.childElementCount > 0 && now - window.__guideSince > 400;
}"""


class _StaticHostHandler(SimpleHTTPRequestHandler):
    """Serves files as a static host such as GitHub Pages does: a missing address gets the site's root
    404.html (with status 404), whatever folder it is in."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        pass


class SiteServer:
    """A threaded static server on a free port of 127.0.0.1. The socket is bound at once, so the URL is known
    (and can be given to MkDocs as site_url) before the site is built into `folder`."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0),
                                           functools.partial(_StaticHostHandler, directory=str(self.folder)))
        self._server.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread: threading.Thread | None = None

    def start(self) -> SiteServer:
        self._thread = threading.Thread(target=self._server.serve_forever, name="site-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread:
            self._thread.join(timeout=10)

    def url(self, path: str = "") -> str:
        return f"{self.origin}/{path.lstrip('/')}"


@dataclass
class Recorder:
    """Everything the pages of one browser context asked for, and everything that went wrong.

    A request the browser aborts (net::ERR_ABORTED) because the reader went on to another page before it
    finished (a worker script or favicon still loading) is no failure: only aborts that no later navigation
    (started or committed, in any page of the context) and no closing of the context explains are reported.
    """

    origin: str
    requests: list[str] = field(default_factory=list)
    _problems: list[str] = field(default_factory=list)
    _navigations: int = 0  # main-frame navigations started or committed so far, in any page of the context
    _issued: dict = field(default_factory=dict)  # request -> _navigations when it was issued
    _aborted: list = field(default_factory=list)  # (url, _navigations when it was issued)
    closing: bool = False
    missing: set[str] = field(default_factory=set)  # addresses a test asks for knowing they are missing

    def attach(self, context) -> None:
        context.on("request", self._request)
        context.on("requestfailed", self._failed)
        context.on("response", self._response)
        context.on("console", self._console)
        context.on("weberror", lambda e: self._problems.append(f"uncaught error: {e.error}"))
        context.on("page", lambda page: page.on("framenavigated", self._committed))

    def _committed(self, frame) -> None:
        if frame.parent_frame is None:
            self._navigations += 1

    def _request(self, request) -> None:
        self.requests.append(request.url)
        if request.is_navigation_request() and request.frame.parent_frame is None:
            self._navigations += 1
        self._issued[request] = self._navigations
        if not (request.url.startswith(self.origin + "/") or request.url.startswith("data:")):
            self._problems.append(f"request to another host: {request.url}")

    def _failed(self, request) -> None:
        if request.failure == "net::ERR_ABORTED":
            if not self.closing:  # closing the context aborts what still loads
                self._aborted.append((request.url, self._issued.get(request, 0)))
            return
        self._problems.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response) -> None:
        if response.status >= 400 and not (response.status == 404 and response.url in self.missing):
            self._problems.append(f"HTTP {response.status}: {response.url}")

    def _console(self, message) -> None:
        where = message.location or {}
        if where.get("url") in self.missing and "404" in message.text:
            return  # the browser's own note of the missing address a test asked for
        if message.type in ("error", "assert"):
            self._problems.append(f"console {message.type}: {message.text} "
                                  f"({where.get('url', '?')}:{where.get('lineNumber', '?')})")

    def reset(self) -> None:
        """Start a new record (a tab reused by the next test); the count of navigations goes on."""
        self.requests.clear()
        self._problems.clear()
        self._aborted.clear()
        self._issued.clear()
        self.missing.clear()

    @property
    def problems(self) -> list[str]:
        unexplained = [f"request aborted: {url} (and no navigation followed)"
                       for url, issued in self._aborted if self._navigations <= issued]
        return self._problems + unexplained


class Tab:
    """One page of a fresh browser context, with the context's recorder."""

    def __init__(self, browser, server: SiteServer, *, locale: str = "en-US", viewport: dict = DESKTOP,
                 touch: bool = False):
        self.server = server
        self.context = browser.new_context(locale=locale, viewport=viewport, service_workers="block",
                                           has_touch=touch, is_mobile=touch)
        self.context.set_default_timeout(10_000)
        self.recorder = Recorder(server.origin)
        self.recorder.attach(self.context)
        self.page = self.context.new_page()
        self._devtools = None  # Chromium's DevTools session on the page, opened when a test asks for fonts

    def close(self) -> None:
        self.recorder.closing = True
        self.context.close()

    # -- where the reader is ------------------------------------------------------------------------------------
    def goto(self, path: str = "") -> None:
        """Open a page and wait until its fonts are loaded: what a test measures then is set in them."""
        response = self.page.goto(self.server.url(path))
        assert response is not None and response.status < 400, f"{path}: HTTP {response and response.status}"
        self.fonts_ready()

    def goto_missing(self, path: str) -> None:
        """Open an address that does not exist, as a reader who mistyped it."""
        self.recorder.missing.add(self.server.url(path))
        response = self.page.goto(self.server.url(path))
        assert response is not None and response.status == 404, f"{path}: HTTP {response and response.status}"
        self.fonts_ready()

    def fonts_ready(self) -> None:
        """Wait until every font the page's layout asked for has loaded (or failed to)."""
        self.page.evaluate("document.fonts.ready.then(() => true)")

    def fonts_drawing(self, selector: str) -> set[str]:
        """The fonts Chromium draws the text of the elements matching `selector` and of everything in them
        in: the family names their font files give, as its DevTools protocol reports them. Unlike
        `document.fonts.check`, this says which font is really used, a system font included."""
        if self._devtools is None:
            self._devtools = self.context.new_cdp_session(self.page)
            self._devtools.send("DOM.enable")
            self._devtools.send("CSS.enable")
        root = self._devtools.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        nodes = self._devtools.send("DOM.querySelectorAll", {"nodeId": root, "selector": f"{selector}, {selector} *"})
        assert nodes["nodeIds"], f"{self.path}: nothing matches {selector}"
        return {font["familyName"] for node in nodes["nodeIds"]  # each element's own text, its list marker
                for font in self._devtools.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}

    @property
    def path(self) -> str:
        """The current URL below the site root, e.g. 'nl/roles/cmo/'."""
        url = self.page.url.split("#")[0].split("?")[0]
        assert url.startswith(self.server.origin + "/"), f"the browser left the site: {self.page.url}"
        return url[len(self.server.origin) + 1:]

    @property
    def lang(self) -> str:
        return self.page.locator("html").get_attribute("lang") or ""

    def wait_for_path(self, path: str) -> None:
        self.page.wait_for_url(self.server.url(path))
        self.page.wait_for_load_state("load")

    # -- what the reader does ------------------------------------------------------------------------------------
    def click_and_wait(self, locator) -> None:
        """Click a link and wait for the page it leads to (whatever the URL, redirects included)."""
        with self.page.expect_navigation():
            locator.click()
        self.page.wait_for_load_state("load")

    def switch_language(self, language: str) -> None:
        """Open Material's language selector in the header and pick a language, as a reader does."""
        selector = self.page.locator(".md-header .md-select")
        selector.locator("button").hover()
        link = selector.locator(f"a.md-select__link[hreflang='{language}']")
        link.wait_for(state="visible")
        self.click_and_wait(link)

    def search(self, term: str) -> list[str]:
        """Type a term in the header's search field; the absolute hrefs of the results, in their order, once
        they are shown."""
        box = self.page.locator("#guide-search-input")
        box.click()
        box.fill("")
        self.page.evaluate("delete window.__guideResults")
        box.press_sequentially(term, delay=20)
        try:  # the results of the whole term: shown, and unchanged for a moment
            self.page.wait_for_function(_SEARCH_SETTLED, polling=100)
        except PlaywrightTimeout:
            shown = self.page.locator(".guide-search__count").inner_text()
            raise AssertionError(f"searching {term!r} on {self.path} showed no result: {shown!r}") from None
        return self.page.eval_on_selector_all(".guide-search__list a", "links => links.map(a => a.href)")
