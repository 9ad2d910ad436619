"""Safe Markdown from untrusted text: whatever an editor writes is shown as text, never as markup."""
from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from functools import lru_cache

# The characters Python-Markdown (with the tables extension) treats as escapable.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def markdown_text(value: object) -> str:
    """Text for a Markdown paragraph or heading: HTML-escaped, Markdown syntax escaped, one line."""
    return _markdown_line(value if type(value) is str else str(value))


@lru_cache(maxsize=1 << 16)  # names are written on many pages: each is escaped once
def _markdown_line(text: str) -> str:
    return markdown_escape(" ".join(text.split()))


def markdown_escape(text: str) -> str:
    """HTML-escape and Markdown-escape text as it is, spaces kept."""
    return _SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def markdown_paragraphs(value: object, line: Callable[[str], str] = markdown_text) -> str:
    """Text that may hold several paragraphs (separated by blank lines), each made safe by `line`."""
    paragraphs = re.split(r"\n\s*\n", str(value).strip())
    return "\n\n".join(line(paragraph) for paragraph in paragraphs if paragraph.strip())


def front_matter_value(value: object) -> str:
    """A front-matter string the theme may print raw into HTML: escaped, quoted, one line."""
    return json.dumps(html.escape(" ".join(str(value).split()), quote=True), ensure_ascii=False)
