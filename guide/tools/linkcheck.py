"""Check every href and src in a built site: the target file exists and so does the anchor."""
from __future__ import annotations

import posixpath
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_URL_ATTRIBUTES = {"href", "src"}
_EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "data"}


class _PageScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in _URL_ATTRIBUTES:
                self.urls.append((self.getpos()[0], value))
            elif name == "srcset":
                self.urls += [(self.getpos()[0], part.split()[0]) for part in value.split(",") if part.strip()]


def check_site(site: Path, base_path: str = "/") -> tuple[list[str], int]:
    """Return (broken link descriptions as 'page:line: message', number of links checked).

    base_path is the path part of the site's URL: absolute links must start with it.
    """
    base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    site = Path(site)
    pages = {path.relative_to(site).as_posix(): path for path in site.rglob("*.html")}
    scanned: dict[str, _PageScanner] = {}

    def scan(relative: str) -> _PageScanner:
        if relative not in scanned:
            scanner = _PageScanner()
            scanner.feed(pages[relative].read_text(encoding="utf-8", errors="replace"))
            scanned[relative] = scanner
        return scanned[relative]

    broken, checked = [], 0
    for relative in sorted(pages):
        for line, url in scan(relative).urls:
            checked += 1
            problem = _check_url(site, relative, url, pages, scan, base_path)
            if problem:
                broken.append(f"{relative}:{line}: {problem}")
    return broken, checked


def _check_url(site: Path, page: str, url: str, pages: dict[str, Path], scan: Callable[[str], _PageScanner],
               base_path: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme:
        if parts.scheme.lower() in _EXTERNAL_SCHEMES:
            return None
        return f"link with the scheme '{parts.scheme}:' ({url}): only http(s) links are allowed"
    if parts.netloc:
        return None  # protocol-relative external URL
    path = unquote(parts.path)
    if not path:
        target = page
    elif path.startswith("/"):
        if not (path + "/").startswith(base_path):
            return f"absolute link outside the site's base path {base_path}: {url}"
        target = path[len(base_path):]
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        if target.startswith(".."):
            return f"link leaves the site: {url}"
    if path.endswith("/") or target in ("", "."):
        target = posixpath.join(target, "index.html") if target not in ("", ".") else "index.html"
    elif not (site / target).is_file() and (site / target).is_dir():
        target = posixpath.join(target, "index.html")
    if not (site / target).is_file():
        return f"broken link: {url} (no file {target})"
    anchor = unquote(parts.fragment)
    if anchor and target in pages and anchor not in scan(target).ids:
        return f"broken anchor: {url} (no id '{anchor}' in {target})"
    return None
