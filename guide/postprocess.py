"""Fix-ups of the HTML MkDocs writes, for a multilingual site: absolute hreflang links, search per language."""
from __future__ import annotations

import json
import posixpath
import re
from urllib.parse import urljoin

_ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]+)">')
_CONFIG_START = '<script id="__config" type="application/json">'
_CONFIG = re.compile(f'({re.escape(_CONFIG_START)})(.*?)(</script>)', re.S)


def absolute_alternates(html: str, page_url: str) -> str:
    """Make the hreflang alternates absolute (search engines want absolute URLs), resolved from page_url.

    Only the document's head is searched: alternates are head links, and the body is most of the page."""
    head_end = html.find("</head>")
    head_end = len(html) if head_end < 0 else head_end
    head = _ALTERNATE.sub(lambda m: f'<link rel="alternate" href="{urljoin(page_url, m.group(1))}" '
                                    f'hreflang="{m.group(2)}">', html[:head_end])
    return head + html[head_end:]


def search_base_for_language(html: str, language_folder: str) -> str:
    """Point Material's search at the index of the page's own language (site/<lang>/search/).

    Material loads `<base>/search/search_index.json`, and base is the site root for every language;
    each language gets its own index, so the base of a page in /nl/ becomes the /nl/ folder.
    """
    if not language_folder:
        return html

    def rewrite(match: re.Match) -> str:
        config = json.loads(match.group(2))
        config["base"] = posixpath.join(config["base"], language_folder) + "/"
        return match.group(1) + json.dumps(config, separators=(",", ":")) + match.group(3)

    start = html.rfind(_CONFIG_START)  # Material writes its config near the end of the body
    if start < 0:
        return html
    return html[:start] + _CONFIG.sub(rewrite, html[start:], count=1)


def split_search_index(index: dict, language_folders: dict[str, str]) -> dict[str, dict]:
    """Split static-i18n's one mixed index into one per language (key: folder, '' for the default).

    Locations become relative to the language's folder; each index lists only its own language for lunr.
    """
    split = {folder: {"config": {**index["config"], "lang": [language]}, "docs": []}
             for language, folder in language_folders.items()}
    for doc in index["docs"]:
        folder = next((f for f in split if f and (doc["location"] == f + "/" or doc["location"].startswith(f + "/"))), "")
        location = doc["location"][len(folder) + 1:] if folder else doc["location"]
        split[folder]["docs"].append({**doc, "location": location})
    return split


def drop_duplicate_search_entries(entries: list[dict], language_prefixes: tuple[str, ...]) -> bool:
    """Remove, in place, the other-language search entries that duplicate a default-language entry (same
    title and text, location ending with the default entry's location), in linear time.

    mkdocs-static-i18n 1.3.1 does this in `reconfigure_search_duplicates` by comparing every default entry
    with every other-language entry: quadratic, minutes at a thousand pages per language, hours at tens of
    thousands. This gives the same list. It returns False, changing nothing, for the rare inputs where its
    result could differ from i18n's (a default entry after another language's, or one default entry
    matching several), so the caller can fall back to i18n's own method.
    """
    is_other = [entry["location"].startswith(language_prefixes) for entry in entries]
    if any(other and not later for other, later in zip(is_other, is_other[1:])):
        return False  # i18n stacks the languages in build order, default first; anything else: fall back
    candidates: dict[tuple, list[dict]] = {}
    for entry, other in zip(entries, is_other):
        if other:
            candidates.setdefault((entry["title"], entry["text"]), []).append(entry)
    removed: set[int] = set()
    for entry, other in zip(entries, is_other):
        if other:
            break
        matches = [candidate for candidate in candidates.get((entry["title"], entry["text"]), ())
                   if id(candidate) not in removed and candidate["location"].endswith(entry["location"])]
        if len(matches) > 1:
            return False
        removed.update(id(match) for match in matches)
    if removed:
        entries[:] = [entry for entry in entries if id(entry) not in removed]
    return True
