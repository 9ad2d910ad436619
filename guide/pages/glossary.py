"""Glossary terms in running text: the first occurrence on a page of a concept's or a role's name,
alternative name or abbreviation links to its page (a concept's with its definition as a tooltip, in the page's
language). Later
occurrences stay plain text, and the guide's own subject (the terms in the site's name, such as
"e-commerce") is never marked. Matching is one pass of a trie-shaped regular expression, so it stays fast
with thousands of terms; the longest term wins ("e-commerce team" links to the team, not to "e-commerce")."""
from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..content.graph import Entity, Graph
from ..content.model import KINDS
from .links import page_path, relative
from .markdown import markdown_escape, markdown_paragraphs

_TOOLTIP_LENGTH = 100


@dataclass(frozen=True)
class Term:
    text: str
    entity: Entity
    tooltip: str


def is_abbreviation(term: str) -> bool:
    """CMO, SEO, B2B, A/B: matched with their exact capitals; other terms in any case."""
    letters = [ch for ch in term if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters) and len(term) <= 8


def _tooltip(text: str) -> str:
    first = re.split(r"(?<=[.!?])\s", " ".join(text.split()), maxsplit=1)[0]
    return first if len(first) <= _TOOLTIP_LENGTH else first[: _TOOLTIP_LENGTH - 1].rstrip() + "…"


def _occurs(term: str, text: str) -> bool:
    """Whether the term starts a word of the text ("e-commerce" occurs in "de e-commercemanager")."""
    if not text or term.lower() not in text.lower():  # most terms do not occur: no pattern to compile for them
        return False
    flags = 0 if is_abbreviation(term) else re.IGNORECASE
    return re.search(r"(?<!\w)" + re.escape(term), text, flags) is not None


def _trie_pattern(words: list[str]) -> str:
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


class Glossary:
    """The terms of one language, and a matcher over them."""

    def __init__(self, terms: list[Term]):
        self.exact: dict[str, Term] = {}
        self.folded: dict[str, Term] = {}
        for term in sorted(terms, key=lambda t: (t.entity.kind != "concept", t.entity.id)):
            if is_abbreviation(term.text):
                self.exact.setdefault(term.text, term)
            else:
                self.folded.setdefault(term.text.lower(), term)
        words = {word.lower() for word in self.exact} | set(self.folded)
        # not inside a hyphenated word either: "sales" in "sales-driven" is not the sales department
        self.pattern = re.compile(r"(?<![\w-])(?:" + _trie_pattern(sorted(words)) + r")(?![\w-])", re.IGNORECASE) \
            if words else None

    @classmethod
    def of(cls, graph: Graph, language: str, subject: Iterable[str] = ()) -> Glossary:
        """The concepts' and roles' names in one language, except the entities whose names occur in the
        subject texts (the site's name): the guide's own subject is on every page."""
        subject = tuple(subject)
        return graph.derived(("glossary", language, subject), lambda: cls._made(graph, language, subject))

    @classmethod
    def _made(cls, graph: Graph, language: str, subject: tuple[str, ...]) -> Glossary:
        subject_text = " ".join(subject)
        terms = []
        for kind in ("concept", "role"):
            for entity in graph.of_kind(kind):
                text = entity.text(language)
                names = (text.name, *text.alternative_names)
                if any(_occurs(name, subject_text) for name in names):
                    continue
                # a glossary term's definition shows on hover; a role is a link to its page (and its
                # abbreviation is spelled out: "CMO" reads as "Chief marketing officer")
                tooltip = _tooltip(text.description) if kind == "concept" else (
                    text.name if any(is_abbreviation(name) for name in names) else "")
                # a role's one-word name is too often a plain word ("marketing", "sales"): only its longer
                # names and its abbreviations are marked
                terms += [Term(name, entity, tooltip) for name in names
                          if kind == "concept" or is_abbreviation(name) or len(name.split()) > 1]
        return cls(terms)

    def find(self, text: str) -> Iterator[tuple[int, int, Term]]:
        """(start, end, term) of every glossary term in the text."""
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            found = match.group(0)
            term = self.exact.get(found) or (None if is_abbreviation(found) and found.upper() == found
                                             and found not in self.exact else self.folded.get(found.lower()))
            if term is not None:
                yield match.start(), match.end(), term

    def mentions(self, text: str) -> set[Entity]:
        return {term.entity for _, _, term in self.find(text)}


@dataclass
class PageGlossary:
    """Glossary markup for one page: tooltips everywhere, a link at a term's first occurrence."""

    glossary: Glossary
    here: str
    itself: Entity | None = None
    linked: set[tuple[str, str]] = field(default_factory=set)

    def __call__(self, text: str) -> Markup:
        return Markup(markdown_paragraphs(text, self._line))

    def _line(self, text: str) -> str:
        text = " ".join(text.split())
        out, position = [], 0
        for start, end, term in self.glossary.find(text):
            if term.entity is self.itself:
                continue
            out.append(markdown_escape(text[position:start]))
            out.append(self._mark(text[start:end], term))
            position = end
        out.append(markdown_escape(text[position:]))
        return "".join(out)

    def _mark(self, shown: str, term: Term) -> str:
        if term.entity.key in self.linked:  # marked once per page: later occurrences are plain text
            return markdown_escape(shown)
        tooltip = f' "{html.escape(term.tooltip, quote=True)}"' if term.tooltip else ""
        self.linked.add(term.entity.key)
        href = relative(self.here, page_path(KINDS[term.entity.kind].folder, term.entity.id))
        return f'[{markdown_escape(shown)}]({href}{tooltip})'
