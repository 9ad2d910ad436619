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


def language_search_index(settings: dict, entries: list[dict], language: str, folder: str) -> dict:
    """One language's search index: its entries, located relative to its folder ('' for the default
    language's, at the site root), and only its own language for lunr."""
    prefix = folder + "/" if folder else ""
    return {"config": {**settings, "lang": [language]},
            "docs": [{**entry, "location": entry["location"][len(prefix):]}
                     if prefix and entry["location"].startswith(prefix) else entry for entry in entries]}
