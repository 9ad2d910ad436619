"""Search: a Pagefind index of the built site, one bundle per language, in the language's own folder
(site/pagefind/ for the default language, site/nl/pagefind/, site/it/pagefind/).

Pagefind (https://pagefind.app, MIT) indexes the pages of a folder; the browser loads the bundle of the
page's own language, in small chunks, only when the reader searches. A bundle per language means a language
can be indexed again on its own (the preview does so for the languages an edit changed) and the indexer
holds one language in memory at a time. Only the reader's pages are indexed: the theme marks their article
with `data-pagefind-body` (overrides/main.html), so navigation, footer and the editors' translation status
pages (front matter `search: {exclude: true}`) are left out.

The indexer is the `pagefind` binary of the pinned PyPI packages (pagefind, pagefind-bin); the same version
writes the browser side (pagefind.js, its worker and WebAssembly), so the two always match.
"""
from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from .languages import DEFAULT, LANGUAGES, site_folder

BUNDLE = "pagefind"
"""The bundle's folder in each language's folder of the built site."""


def search_key(name: str) -> str:
    """One word that stands for a whole name (a page's title, an alternative name): its letters and digits,
    lowercased, without accents, between 'zq' and 'qz'. Each page lists the keys of its names in Pagefind
    metadata, so searching the key of what the reader typed finds the pages named exactly so (Pagefind
    finds words by prefix, hence the closing 'qz'). docs/assets/search.js makes the same key of a query."""
    text = unicodedata.normalize("NFKD", html.unescape(name))
    return "zq" + "".join(c for c in text.lower() if c.isalnum() and not unicodedata.combining(c)) + "qz"


def bundle_folder(language: str) -> str:
    """Where a language's bundle sits, relative to the site's root: 'pagefind' or e.g. 'nl/pagefind'."""
    return f"{site_folder(language)}/{BUNDLE}".lstrip("/")


def index_site(site_dir: Path, languages: Iterable[str] = LANGUAGES) -> dict[str, int]:
    """Write each language's bundle from its pages in site_dir, one language at a time (the indexer holds a
    language in memory); the number of pages indexed per language."""
    return {language: index_language(site_dir, language) for language in languages}


def index_language(site_dir: Path, language: str, stop: threading.Event | None = None) -> int:
    """Write one language's bundle (an earlier one is replaced); the number of pages it indexed. When `stop`
    is set meanwhile, the indexer is stopped, the earlier bundle kept, and IndexingStopped raised.

    Runs Pagefind's command (its binary, from the pinned package) on the language's folder and waits for it
    to end: its Python API answered before the files were all written (an empty pagefind-entry.json, now and
    then). The default language's folder is the site's root, which holds the other languages' folders: a
    glob keeps Pagefind to the root's own pages."""
    folder = Path(site_dir) / site_folder(language)
    # written beside the bundle it replaces, then put in its place: a search meanwhile uses the old one, and
    # no file of the old one is left behind (Pagefind names its files by their content)
    written, replaced = folder / f".{BUNDLE}-new", folder / f".{BUNDLE}-old"
    for leftover in (written, replaced):
        shutil.rmtree(leftover, ignore_errors=True)
    command = [*_pagefind(), "--site", str(folder), "--output-path", str(written), "--quiet"]
    if language == DEFAULT:
        command += ["--glob", _own_pages(folder)]
    indexer = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    while True:
        try:
            output, errors = indexer.communicate(timeout=None if stop is None else 0.1)
            break
        except subprocess.TimeoutExpired:
            if stop is not None and stop.is_set():
                indexer.kill()
                indexer.communicate()
                shutil.rmtree(written, ignore_errors=True)
                raise IndexingStopped(language) from None
    entry_file = written / "pagefind-entry.json"
    if indexer.returncode != 0 or not entry_file.is_file():
        shutil.rmtree(written, ignore_errors=True)
        raise SearchIndexError(f"Pagefind could not index {folder}: {(errors or output).strip()}")
    if (folder / BUNDLE).exists():
        (folder / BUNDLE).rename(replaced)
    written.rename(folder / BUNDLE)
    shutil.rmtree(replaced, ignore_errors=True)
    entry = json.loads((folder / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    counts: dict[str, int] = {found: index["page_count"] for found, index in entry["languages"].items()}
    if set(counts) - {language}:
        raise SearchIndexError(f"Pagefind found pages in {', '.join(sorted(set(counts) - {language}))} among the "
                               f"{language} pages of {folder}: each page's <html lang> must be its folder's language")
    return counts.get(language, 0)


def _pagefind() -> list[str]:
    """The pinned package's binary (run directly: `python -m pagefind` finds it too, but costs a Python start
    and its imports, a quarter of a second, on every run), else Pagefind's Python command."""
    try:
        from pagefind_bin import get_executable

        binary = get_executable()
    except ImportError:
        binary = None
    return [str(binary)] if binary is not None else [sys.executable, "-m", "pagefind"]


def _own_pages(root: Path) -> str:
    """A Pagefind glob for the HTML pages of the root folder but those of the other languages' folders."""
    others = {site_folder(language) for language in LANGUAGES if language != DEFAULT} | {BUNDLE}
    folders = sorted(entry.name for entry in os.scandir(root)
                     if entry.is_dir() and entry.name not in others and not entry.name.startswith("."))
    return "{" + ",".join(["*.html", *(f"{name}/**/*.html" for name in folders)]) + "}"


class SearchIndexError(Exception):
    """The search index could not be written."""


class IndexingStopped(Exception):
    """Indexing was asked to stop (the preview does, when a new edit comes in)."""
