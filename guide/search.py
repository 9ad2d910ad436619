"""Search: a Pagefind index of the built site, one bundle (site/pagefind/) holding an index per language.

Pagefind (https://pagefind.app, MIT) splits the pages by their `<html lang>` and the browser loads the index
of the page's own language, in small chunks, only when the reader searches. Only the reader's pages are
indexed: the theme marks their article with `data-pagefind-body` (overrides/main.html), so navigation, footer
and the editors' translation status pages (front matter `search: {exclude: true}`) are left out.

The indexer is the `pagefind` binary of the pinned PyPI packages (pagefind, pagefind-bin); the same version
writes the browser side (pagefind.js, its worker and WebAssembly), so the two always match.
"""
from __future__ import annotations

import html
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

BUNDLE = "pagefind"
"""The bundle's folder in the built site."""


def search_key(name: str) -> str:
    """One word that stands for a whole name (a page's title, an alternative name): its letters and digits,
    lowercased, without accents, between 'zq' and 'qz'. Each page lists the keys of its names in Pagefind
    metadata, so searching the key of what the reader typed finds the pages named exactly so (Pagefind
    finds words by prefix, hence the closing 'qz'). docs/assets/search.js makes the same key of a query."""
    text = unicodedata.normalize("NFKD", html.unescape(name))
    return "zq" + "".join(c for c in text.lower() if c.isalnum() and not unicodedata.combining(c)) + "qz"


def index_site(site_dir: Path) -> dict[str, int]:
    """Write site_dir/pagefind/ from the HTML pages in site_dir; the number of pages indexed per language.

    Runs Pagefind's command (its binary, from the pinned package) and waits for it to end: its Python API
    answered before the files were all written (an empty pagefind-entry.json, now and then)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE, "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True)
    entry_file = site_dir / BUNDLE / "pagefind-entry.json"
    if result.returncode != 0 or not entry_file.is_file():
        raise SearchIndexError(f"Pagefind could not index {site_dir}: {(result.stderr or result.stdout).strip()}")
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    return {language: index["page_count"] for language, index in entry["languages"].items()}


class SearchIndexError(Exception):
    """The search index could not be written."""
