"""Search: a Pagefind index of the built site, one bundle (site/pagefind/) holding an index per language.

Pagefind (https://pagefind.app, MIT) splits the pages by their `<html lang>` and the browser loads the index
of the page's own language, in small chunks, only when the reader searches. Only the reader's pages are
indexed: the theme marks their article with `data-pagefind-body` (overrides/main.html), so navigation, footer
and the editors' translation status pages (front matter `search: {exclude: true}`) are left out.

The indexer is the `pagefind` binary of the pinned PyPI package (pagefind[bin], requirements.txt); the same
version writes the browser side (pagefind.js, its worker and WebAssembly), so the two always match.
"""
from __future__ import annotations

import asyncio
import html
import json
import unicodedata
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

BUNDLE = "pagefind"
"""The bundle's folder in the built site."""


def search_key(name: str) -> str:
    """One word that stands for a whole name (a page's title, an alternative name): its letters and digits,
    lowercased, without accents, between 'zq' and 'qz'. Each page lists the keys of its names in Pagefind
    metadata, so searching the key of what the reader typed finds the pages named exactly so (Pagefind
    finds words by prefix, hence the closing 'qz'). docs/assets/search.js makes the same key of a query."""
    text = unicodedata.normalize("NFKD", html.unescape(name))
    return "zq" + "".join(c for c in text.lower() if c.isalnum() and not unicodedata.combining(c)) + "qz"


async def _index(site_dir: Path) -> None:
    async with PagefindIndex(config=IndexConfig(output_path=str(site_dir / BUNDLE))) as index:
        await index.add_directory(str(site_dir))  # the bundle is written when the block ends


def index_site(site_dir: Path) -> dict[str, int]:
    """Write site_dir/pagefind/ from the HTML pages in site_dir; the number of pages indexed per language."""
    asyncio.run(_index(site_dir.resolve()))
    entry = json.loads((site_dir / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    return {language: index["page_count"] for language, index in entry["languages"].items()}
