"""What every page of one language is planned with: links between pages, names, citations, how many
independent articles back a relation, backlinks; and PlannedPage, what a template gets."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..content.graph import Entity, Graph, Relation
from ..content.model import KINDS
from ..languages import site_folder
from .citations import Marker, PageCitations
from .glossary import Glossary, PageGlossary
from .labels import label
from .links import Link, page_path, page_url, relative
from .structured import entity_jsonld

OVERVIEW_ORDER = ("role", "competency", "concept", "source", "debate")
DESCRIPTION_LENGTH = 160  # what search engines and link previews show of a page's description


@dataclass
class PlannedPage:
    path: str           # source path inside the language folder, e.g. "roles/cmo.md"
    template: str       # template file name
    description: str    # plain text for the meta description and link previews (see short_description)
    context: dict[str, Any] = field(default_factory=dict)
    jsonld: dict[str, Any] = field(default_factory=dict)


@dataclass
class Cited:
    """An entity a relation links to this page, with the markers of the relation's evidence."""

    link: Link
    markers: list[Marker]
    level: str | None = None       # for a need: essential or optional
    articles: int = 1              # how many independent articles back it
    criticised: bool = False


@dataclass
class Statement:
    """A relation in words: subject, type (a label key), target, and the markers of its evidence."""

    subject: Link
    type: str
    target: Link
    level: str | None = None
    criticised: bool = False
    markers: list[Marker] | None = None
    text: str = ""  # a debate position's text (type "position")


def short_description(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """The text cut to at most `limit` characters, at the end of a sentence if one ends late enough, else at
    a word (with an ellipsis)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    sentences = [m.end() for m in re.finditer(r"[.!?](?=\s)", text[: limit + 1])]
    if sentences and sentences[-1] >= limit // 2:
        return text[: sentences[-1]]
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def leading_sentences(text: str, at_least: int, at_most: int | None = None) -> str:
    """The first sentences of a text, as few as make at least `at_least` characters (all, if fewer), but not
    a sentence more than keeps them within `at_most` (the first one always)."""
    text = " ".join(text.split())
    ends = [m.end() for m in re.finditer(r"[.!?](?=\s+[A-ZÀ-Ý'\"‘“(])", text)] + [len(text)]
    chosen = next(end for end in ends if end >= at_least or end == len(text))
    if at_most is not None and chosen > at_most:
        chosen = max([end for end in ends if end <= at_most], default=ends[0])
    return text[:chosen]


class Planner:
    """The pages of one language are planned with one Planner."""

    def __init__(self, graph: Graph, language: str, site_url: str, subject: Iterable[str] = ()):
        self.graph = graph
        self.language = language
        self.site_url = site_url
        self.prefix = site_folder(language)
        self.set_names = {kind: label(f"plural_{kind}", language) for kind in KINDS}
        self.set_urls = {kind: self.url(page_path(KINDS[kind].folder)) for kind in KINDS}
        subject = tuple(subject)
        self.glossary = Glossary.of(graph, language, subject)
        self.mentions = graph.derived(("mentions", language, subject), self._text_mentions)

    # -- names, paths and links ---------------------------------------------------------------------

    def name(self, entity: Entity) -> str:
        return entity.name(self.language)

    def path_of(self, entity: Entity) -> str:
        return page_path(KINDS[entity.kind].folder, entity.id)

    def url(self, path: str) -> str:
        return page_url(self.site_url, self.prefix, path)

    def url_of(self, entity: Entity) -> str:
        return self.url(self.path_of(entity))

    def link(self, from_page: str, entity: Entity) -> Link:
        return Link(self.name(entity), relative(from_page, self.path_of(entity)))

    def links(self, from_page: str, entities: Iterable[Entity]) -> list[Link]:
        unique = {entity.key: entity for entity in entities}
        # two entities of one name: by address, not in the order a set happened to hold them
        return sorted((self.link(from_page, e) for e in unique.values()), key=lambda link: (link.text.casefold(),
                                                                                             link.href))

    def by_name(self, entities: Iterable[Entity]) -> list[Entity]:
        return sorted(entities, key=lambda e: (self.name(e).casefold(), e.kind, e.id))

    # -- evidence -----------------------------------------------------------------------------------

    def citations(self, here: str) -> PageCitations:
        return PageCitations(here, self.path_of, self.name)

    def articles(self, relation: Relation) -> int:
        """How many independent voices back a relation (articles that share their text count once)."""
        return self.graph.voices(relation.sources)

    def cited(self, cite: PageCitations, entity: Entity, relation: Relation) -> Cited:
        return Cited(self.link(cite.here, entity), cite(relation.evidence), relation.level, self.articles(relation),
                     relation.criticised)

    def statement(self, here: str, relation: Relation, cite: PageCitations | None = None) -> Statement:
        """A relation in words; with cite, the markers of its evidence."""
        if relation.type.startswith("position:"):
            position = relation.type.split(":", 1)[1]
            return Statement(self.link(here, relation.subject), "position", self.link(here, relation.target),
                             text=relation.subject.text(self.language).positions[position],
                             markers=cite(relation.evidence) if cite else None)
        return Statement(self.link(here, relation.subject), relation.type, self.link(here, relation.target),
                         relation.level, relation.criticised, cite(relation.evidence) if cite else None)

    def ranked(self, relations: Iterable[Relation], other_end: str) -> list[Relation]:
        """The same order in every language: most independent voices, essential before optional, most claims
        cited, then by the other end's id (a name's order differs between languages)."""
        return sorted(relations, key=lambda r: (-self.articles(r), r.level != "essential", -len(r.evidence),
                                                getattr(r, other_end).id))

    def by_agreement(self, relations: Iterable[Relation], other_end: str) -> list[Relation]:
        """Most independent voices first, essential before optional, then by the other end's name."""
        return sorted(relations, key=lambda r: (-self.articles(r), r.level != "essential",
                                                self.name(getattr(r, other_end)).casefold()))

    # -- what a page says about the entity it shows ---------------------------------------------------

    def entity_page(self, entity: Entity, cite: PageCitations, **context: Any) -> PlannedPage:
        text = entity.text(self.language)
        description = short_description(str(getattr(text, "description", None) or getattr(text, "summary", "")))
        here = self.path_of(entity)
        jsonld = entity_jsonld(self.graph, entity, self.language, self.url_of, self.set_names, self.set_urls,
                               description)
        return PlannedPage(here, f"{entity.kind}.md.j2", description,
                           {"entity": entity, "text": text, "facts": entity.facts,
                            "gloss": PageGlossary(self.glossary, here, entity),
                            "mentioned_in": self.mentioned_in(here, entity), **context,
                            "references": self.references(cite)}, jsonld)

    def references(self, cite: PageCitations) -> list[dict[str, Any]]:
        """The sources a page cites, once, with when and by whom each was written."""
        return [{"number": reference.number, "link": reference.link, "about": self.about_source(reference.source)}
                for reference in cite.references]

    def about_source(self, source: Entity) -> dict[str, Any]:
        facts = source.facts
        return {"year": facts.year, "authors": facts.authors, "organisation": facts.organisation,
                "author_kind": facts.author_kind, "language": facts.original_language}

    def debates_about(self, here: str, entity: Entity) -> list[Link]:
        """The debates whose positions cite claims about this entity."""
        return self.links(here, self.graph.debates_about(entity))

    def mentioned_in(self, here: str, entity: Entity) -> dict[str, list[Link]]:
        """Backlinks: the roles, competencies, concepts and debates that name this entity in their text, but
        for those the page already links as related (its relations either way, the debates about it; sources
        are listed where they are cited)."""
        shown = ({r.subject for r in self.graph.relations_to(entity)}
                 | {r.target for r in self.graph.relations_from(entity)}
                 | set(self.graph.debates_about(entity)) | {entity})
        mentioning = self.mentions.get(entity.key, set()) - shown
        return {kind: links for kind in OVERVIEW_ORDER if kind != "source"
                if (links := self.links(here, (e for e in mentioning if e.kind == kind)))}

    def _text_mentions(self) -> dict[tuple[str, str], set[Entity]]:
        """Which entities' texts name each glossary term (concepts, roles)."""
        mentions: dict[tuple[str, str], set[Entity]] = {}
        for by_id in self.graph.entities.values():
            for entity in by_id.values():
                for mentioned in self.glossary.mentions(" \n ".join(running_text(entity.text(self.language)))):
                    if mentioned is not entity:
                        mentions.setdefault(mentioned.key, set()).add(entity)
        return mentions


def running_text(text: Any) -> list[str]:
    """The prose of an entity's text in one language: what the glossary looks at."""
    parts = [getattr(text, "description", ""), getattr(text, "summary", "")]
    parts += list(getattr(text, "claims", {}).values()) + list(getattr(text, "positions", {}).values())
    for section in getattr(text, "sections", []):
        parts += [section.heading, *section.points]
    return [part for part in parts if part]
