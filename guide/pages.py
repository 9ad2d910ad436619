"""Plan the pages of one language: which template, which path, and the objects the template shows."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .citations import CLAIM_ANCHOR, Marker, PageCitations
from .glossary import Glossary, PageGlossary
from .graph import Entity, Graph, Relation
from .links import Link, page_path, page_url, relative
from .model import KINDS, site_folder
from .paging import OverviewPage, paginate
from .rendering import label_table
from .structured import entity_jsonld
from .views import EVOLUTION_PAGE, MATRIX_PAGE, CrossViews, Statement

OVERVIEW_ORDER = ("role", "competency", "concept", "source", "debate")
HOME_SOURCES = 10  # the home page stays the same size however many sources there are


@dataclass
class PlannedPage:
    path: str          # source path inside the language folder, e.g. "roles/cmo.md"
    template: str      # template file name
    title: str         # plain text; escaped when written
    description: str   # plain text for the meta description
    context: dict[str, Any] = field(default_factory=dict)
    jsonld: dict[str, Any] = field(default_factory=dict)


@dataclass
class Cited:
    """A linked entity, with the markers of the evidence for the relation that links it here."""

    link: Link
    markers: list[Marker]
    criticised: bool = False


@dataclass
class Group:
    label: str         # a label key, translated by the template
    items: list[Cited]


class _Planner(CrossViews):
    def __init__(self, graph: Graph, language: str, site_url: str):
        self.graph = graph
        self.language = language
        self.site_url = site_url
        self.prefix = site_folder(language)
        labels = label_table()
        self.set_names = {kind: labels[f"plural_{kind}"][language] for kind in KINDS}
        self.set_urls = {kind: self.url(page_path(KINDS[kind].folder)) for kind in KINDS}
        self.glossary = Glossary.of(graph, language)
        self.mentions = self._text_mentions()

    def _text_mentions(self) -> dict[tuple[str, str], set[Entity]]:
        """Which entities' texts name each glossary term (concepts, role abbreviations)."""
        mentions: dict[tuple[str, str], set[Entity]] = {}
        for by_id in self.graph.entities.values():
            for entity in by_id.values():
                for mentioned in self.glossary.mentions(" \n ".join(_running_text(entity.text(self.language)))):
                    if mentioned is not entity:
                        mentions.setdefault(mentioned.key, set()).add(entity)
        return mentions

    def mentioned_in(self, here: str, entity: Entity) -> dict[str, list[Link]]:
        """Backlinks: everything that relates to this entity or names it in its text, by kind."""
        mentioning = {r.subject for r in self.graph.relations_to(entity)} | self.mentions.get(entity.key, set())
        mentioning.discard(entity)
        return {kind: links for kind in OVERVIEW_ORDER
                if (links := self.links(here, (e for e in mentioning if e.kind == kind)))}

    def url(self, path: str) -> str:
        return page_url(self.site_url, self.prefix, path)

    def url_of(self, entity: Entity) -> str:
        return self.url(self.path_of(entity))

    # -- links --------------------------------------------------------------------------------------

    def path_of(self, entity: Entity) -> str:
        return page_path(KINDS[entity.kind].folder, entity.id)

    def link(self, from_page: str, entity: Entity) -> Link:
        return Link(entity.name(self.language), relative(from_page, self.path_of(entity)))

    def links(self, from_page: str, entities) -> list[Link]:
        unique = {entity.key: entity for entity in entities}
        return sorted((self.link(from_page, e) for e in unique.values()), key=lambda l: l.text.casefold())

    def citations(self, here: str) -> PageCitations:
        return PageCitations(here, self.path_of, lambda entity: entity.name(self.language))

    def cited(self, cite: PageCitations, entity: Entity, relation: Relation) -> Cited:
        return Cited(self.link(cite.here, entity), cite(relation.evidence), relation.criticised)

    def sources_discussing(self, from_page: str, entity: Entity) -> list[Link]:
        return self.links(from_page, (r.subject for r in self.graph.relations_to(entity)
                                      if r.subject.kind == "source"))

    def by_name(self, entities) -> list[Entity]:
        return sorted(entities, key=lambda e: e.name(self.language).casefold())

    # -- pages --------------------------------------------------------------------------------------

    def plan(self) -> list[PlannedPage]:
        pages = [self.home(), self.matrix(), self.evolution()]
        for kind in OVERVIEW_ORDER:
            pages += self.debates_overview() if kind == "debate" else self.overview(kind)
            plan_entity = getattr(self, f"_{kind}")
            pages += [plan_entity(entity) for entity in self.graph.of_kind(kind)]
        return pages

    def home(self) -> PlannedPage:
        here = "index.md"
        sections = [(kind, Link(KINDS[kind].folder, page_path(KINDS[kind].folder)), len(self.graph.entities[kind]))
                    for kind in OVERVIEW_ORDER]
        sources = self.links(here, self.graph.of_kind("source"))[:HOME_SOURCES]
        views = {"matrix": Link("", MATRIX_PAGE), "evolution": Link("", EVOLUTION_PAGE),
                 "status": Link("", "status/index.md"), "export": Link("", "graph.json")}
        jsonld = {"@context": "https://schema.org", "@type": "WebSite", "url": self.url(here),
                  "inLanguage": self.language}
        return PlannedPage(here, "home.md.j2", "", "", {"sections": sections, "sources": sources, "views": views,
                                                      "all_sources": sections[OVERVIEW_ORDER.index("source")]},
                           jsonld)

    def overview(self, kind: str) -> list[PlannedPage]:
        """The A-Z list of a kind, in pages of at most OVERVIEW_PAGE_SIZE entries."""
        entities = self.by_name(self.graph.of_kind(kind))
        pages = []
        for part in paginate(KINDS[kind].folder, entities, lambda entity: entity.name(self.language)):
            entries = [(self.link(part.path, entity), getattr(entity.text(self.language), "alternative_names", []))
                       for entity in part.items]
            pages.append(self.overview_page(part, "overview.md.j2", self.set_names[kind],
                                            {"kind": kind, "entries": entries},
                                            "DefinedTermSet" if kind in ("competency", "concept") else "CollectionPage"))
        return pages

    def overview_page(self, part: OverviewPage, template: str, name: str, context: dict,
                      schema_type: str = "CollectionPage") -> PlannedPage:
        jsonld = {"@context": "https://schema.org", "url": self.url(part.path), "name": name,
                  "@type": schema_type, "inLanguage": self.language}
        return PlannedPage(part.path, template, "", "", {**context, "pager": part.pager}, jsonld)

    def _entity_page(self, entity: Entity, cite: PageCitations, **context) -> PlannedPage:
        text = entity.text(self.language)
        description = getattr(text, "description", None) or getattr(text, "summary", "")
        jsonld = entity_jsonld(self.graph, entity, self.language, self.url_of, self.set_names, self.set_urls)
        here = self.path_of(entity)
        return PlannedPage(here, f"{entity.kind}.md.j2", entity.name(self.language), description,
                           {"entity": entity, "text": text, "facts": entity.facts,
                            "gloss": PageGlossary(self.glossary, here, entity),
                            "mentioned_in": self.mentioned_in(here, entity), **context,
                            "references": cite.references}, jsonld)

    def _role(self, role: Entity) -> PlannedPage:
        cite = self.citations(self.path_of(role))
        needs = self.graph.relations_from(role, "needs")
        competencies = {level: [self.cited(cite, r.target, r) for r in self.by_target(needs) if r.level == level]
                        for level in ("essential", "optional")}
        groups = self.relation_groups(cite, role, "role")
        return self._entity_page(role, cite, competencies=competencies, related=groups,
                                 sources=self.sources_discussing(cite.here, role))

    def _competency(self, competency: Entity) -> PlannedPage:
        cite = self.citations(self.path_of(competency))
        needed_by = self.graph.relations_to(competency, "needs")
        roles = {level: [self.cited(cite, r.subject, r) for r in self.by_subject(needed_by) if r.level == level]
                 for level in ("essential", "optional")}
        return self._entity_page(competency, cite, roles=roles,
                                 related=self.relation_groups(cite, competency, "competency"),
                                 sources=self.sources_discussing(cite.here, competency))

    def _concept(self, concept: Entity) -> PlannedPage:
        cite = self.citations(self.path_of(concept))
        return self._entity_page(concept, cite, related=self.relation_groups(cite, concept, "concept"),
                                 sources=self.sources_discussing(cite.here, concept))

    def _source(self, source: Entity) -> PlannedPage:
        here = self.path_of(source)
        cite = self.citations(here)
        text = source.text(self.language)
        backs = self.backed_by_claims(source, here)
        claims = []
        for claim in source.facts.claims:
            supported = [r.target for r in self.graph.relations_from(source, f"claim:{claim.id}")]
            claims.append({"id": claim.id, "anchor": CLAIM_ANCHOR.format(claim.id), "text": text.claims[claim.id],
                           "quote": claim.quote, "backs": backs.get(claim.id, []),
                           "supports": {kind: self.links(here, (e for e in supported if e.kind == kind))
                                        for kind in ("role", "competency", "concept")}})
        discussed = [r.target for r in self.graph.relations_from(source, "discusses")]
        discusses = {kind: self.links(here, (e for e in discussed if e.kind == kind))
                     for kind in ("role", "competency", "concept")}
        editions = self.links(here, [r.target for r in self.graph.relations_from(source, "edition_of")]
                              + [r.subject for r in self.graph.relations_to(source, "edition_of")])
        debates = self.links(here, (r.subject for r in self.graph.relations_to(source) if r.subject.kind == "debate"))
        return self._entity_page(source, cite, claims=claims, discusses=discusses, editions=editions,
                                 debates=debates)

    def backed_by_claims(self, source: Entity, here: str) -> dict[str, list]:
        """What each claim of a source is cited for: the relations (as statements) and debate positions."""
        backs: dict[str, list[Statement]] = {}
        for relation in self.graph.relations_citing(source):
            if relation.type.startswith("position:"):
                position = relation.type.split(":", 1)[1]
                statement = Statement(self.link(here, relation.subject), "position", self.link(here, relation.target),
                                      text=relation.subject.text(self.language).positions[position])
            else:
                statement = self.statement(here, relation)
            for citation in relation.evidence:
                if citation.source is source:
                    backs.setdefault(citation.claim.id, []).append(statement)
        return backs

    def _debate(self, debate: Entity) -> PlannedPage:
        here = self.path_of(debate)
        cite = self.citations(here)
        return self._entity_page(debate, cite, positions=self.positions(cite, debate))

    def positions(self, cite: PageCitations, debate: Entity) -> list[dict]:
        text = debate.text(self.language)
        positions = []
        for position in debate.facts.positions:
            citations = [c for r in self.graph.relations_from(debate, f"position:{position.id}") for c in r.evidence]
            positions.append({"text": text.positions[position.id], "markers": cite(citations)})
        return positions

    # -- helpers ------------------------------------------------------------------------------------

    def by_target(self, relations: list[Relation]) -> list[Relation]:
        return sorted(relations, key=lambda r: r.target.name(self.language).casefold())

    def by_subject(self, relations: list[Relation]) -> list[Relation]:
        return sorted(relations, key=lambda r: r.subject.name(self.language).casefold())

    def relation_groups(self, cite: PageCitations, entity: Entity, kind: str) -> list[Group]:
        """Relations to entities of the same kind, both directions, grouped under a label key."""
        groups: dict[str, list[Cited]] = {}
        for relation in self.by_target(self.graph.relations_from(entity)):
            if relation.target.kind == kind:
                groups.setdefault(f"{relation.type}.out", []).append(self.cited(cite, relation.target, relation))
        for relation in self.by_subject(self.graph.relations_to(entity)):
            if relation.subject.kind == kind:
                groups.setdefault(f"{relation.type}.in", []).append(self.cited(cite, relation.subject, relation))
        return [Group(label, items) for label, items in sorted(groups.items())]


def _running_text(text) -> list[str]:
    """The prose of an entity's text in one language: what the glossary looks at."""
    parts = [getattr(text, "description", ""), getattr(text, "summary", "")]
    parts += list(getattr(text, "claims", {}).values()) + list(getattr(text, "positions", {}).values())
    for section in getattr(text, "sections", []):
        parts += [section.heading, *section.points]
    return [part for part in parts if part]


def plan_pages(graph: Graph, language: str, site_url: str = "http://127.0.0.1:8000/") -> list[PlannedPage]:
    """Every page of the site in one language; site_url makes the structured data's URLs absolute."""
    return _Planner(graph, language, site_url).plan()
