"""Links between generated pages, ready for templates: relative .md paths MkDocs can check."""
from __future__ import annotations

import posixpath
from functools import lru_cache
from typing import NamedTuple

from .markdown import markdown_text


def page_path(kind_folder: str, entity_id: str | None = None) -> str:
    """The source path of a generated page inside a language folder."""
    return f"{kind_folder}/{entity_id}.md" if entity_id else f"{kind_folder}/index.md"


@lru_cache(maxsize=1 << 16)  # a page links to the same few pages again and again (a source per claim)
def relative(from_page: str, to_page: str) -> str:
    """The relative link from one page's source path to another's, e.g. '../roles/cmo.md'."""
    if from_page == to_page:
        return posixpath.basename(to_page)
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


class Link(NamedTuple):  # a tuple: pages make hundreds of thousands of links, and tuples are made fastest
    text: str
    href: str

    def __html__(self) -> str:  # Jinja treats it as safe output: it is Markdown we made
        return self.__markdown__()

    def __markdown__(self) -> str:
        return _markdown_link(self.text, self.href)


def page_url(site_url: str, language_prefix: str, path: str) -> str:
    """The absolute URL of a generated page (directory URLs): 'roles/x.md' -> '<site>/<lang>/roles/x/'."""
    if path == "index.md" or path.endswith("/index.md"):
        directory = path[: -len("index.md")]
    else:
        directory = path[: -len(".md")] + "/"
    return site_url.rstrip("/") + "/" + (language_prefix + "/" if language_prefix else "") + directory


def relative_url(from_page: str, to_page: str) -> str:
    """The relative URL between two generated pages' built locations (for raw HTML, e.g. inside SVG)."""
    def directory(path: str) -> str:
        return path[: -len("index.md")] if path.endswith("index.md") else path[: -len(".md")] + "/"
    start, target = directory(from_page), directory(to_page)
    link = posixpath.relpath(target or ".", start.rstrip("/") or ".")
    return "./" if link == "." else link + "/"


@lru_cache(maxsize=1 << 16)
def _markdown_link(text: str, href: str) -> str:
    href = href.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return f"[{markdown_text(text)}]({href})"
