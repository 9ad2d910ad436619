"""Fix-ups of the HTML MkDocs writes, for a multilingual site: absolute hreflang links, search per language."""
from __future__ import annotations

import json
import posixpath
import re
from urllib.parse import urljoin

_ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]+)">')
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def absolute_alternates(html: str, page_url: str) -> str:
    """Make the hreflang alternates absolute (search engines want absolute URLs), resolved from page_url."""
    return _ALTERNATE.sub(lambda m: f'<link rel="alternate" href="{urljoin(page_url, m.group(1))}" '
                                    f'hreflang="{m.group(2)}">', html)


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

    return _CONFIG.sub(rewrite, html, count=1)


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
