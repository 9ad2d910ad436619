"""Check the external (http and https) links of a built site: opt-in, because it needs the network.

Each distinct URL is requested once (HEAD, then GET when a server refuses HEAD), a few at a time, each
with a bounded timeout. Reports 'page:line: message' for every link whose URL does not answer 2xx/3xx.
"""
from __future__ import annotations

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from .linkcheck import _PageScanner

USER_AGENT = "guide-linkcheck/1"


def external_links(site: Path) -> list[tuple[str, str]]:
    """Every http(s) link in the site's HTML as ('page:line', URL without its #fragment), in page order."""
    site = Path(site)
    links = []
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        scanner = _PageScanner()  # the internal link checker's parser: same pages, same lines
        scanner.feed(page.read_text(encoding="utf-8", errors="replace"))
        links += [(f"{relative}:{line}", url.split("#", 1)[0]) for line, url in scanner.urls
                  if urlsplit(url).scheme.lower() in ("http", "https")]
    return links


def check_url(url: str, timeout: float) -> str | None:
    """None when the URL answers, else what went wrong."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read(0)
            return None
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue  # some servers refuse HEAD: ask again with GET
            return f"HTTP {error.code}"
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError):
                return f"no answer within {timeout:g} s"
            return f"unreachable: {getattr(reason, 'strerror', None) or reason}"
    return None


def check_external(site: Path, timeout: float = 10.0, workers: int = 8) -> tuple[list[str], int]:
    """(broken links as 'page:line: message' in page order, number of distinct URLs checked)."""
    links = external_links(site)
    urls = list(dict.fromkeys(url for _, url in links))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        problems = dict(zip(urls, pool.map(lambda url: check_url(url, timeout), urls), strict=True))
    broken = [f"{place}: broken external link: {url} ({problems[url]})" for place, url in links if problems[url]]
    return broken, len(urls)
