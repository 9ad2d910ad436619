"""Plan the pages of one language: which template, which path, and the objects the template shows."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .graph import Entity, Graph, Relation
from .links import Link, page_path, relative
from .model import KINDS

OVERVIEW_ORDER = ("role", "competency", "concept", "source", "debate")


@dataclass
class PlannedPage:
    path: str          # source path inside the language folder, e.g. "roles/cmo.md"
    template: str      # template file name
    title: str         # plain text; escaped when written
    description: str   # plain text for the meta description
    context: dict[str, Any] = field(default_factory=dict)


@dataclass
class Evidence:
    """A linked entity with the sources that support the link."""

    link: Link
    sources: list[Link]
    note: str = ""


@dataclass
class Group:
    label: str         # a label key, translated by the template
    items: list[Evidence]


class _Planner:
    def __init__(self, graph: Graph, language: str):
        self.graph = graph
        self.language = language

    # -- links --------------------------------------------------------------------------------------

    def path_of(self, entity: Entity) -> str:
        return page_path(KINDS[entity.kind].folder, entity.id)

    def link(self, from_page: str, entity: Entity) -> Link:
        return Link(entity.name(self.language), relative(from_page, self.path_of(entity)))

    def links(self, from_page: str, entities) -> list[Link]:
        unique = {entity.key: entity for entity in entities}
        return sorted((self.link(from_page, e) for e in unique.values()), key=lambda l: l.text.casefold())

    def evidence(self, from_page: str, entity: Entity, relations: list[Relation], note: str = "") -> Evidence:
        sources = [source for relation in relations for source in relation.sources]
        return Evidence(self.link(from_page, entity), self.links(from_page, sources), note)

    def sources_discussing(self, from_page: str, entity: Entity) -> list[Link]:
        return self.links(from_page, (r.subject for r in self.graph.relations_to(entity)
                                      if r.subject.kind == "source"))

    def by_name(self, entities) -> list[Entity]:
        return sorted(entities, key=lambda e: e.name(self.language).casefold())

    # -- pages --------------------------------------------------------------------------------------

    def plan(self) -> list[PlannedPage]:
        pages = [self.home()]
        for kind in OVERVIEW_ORDER:
            pages.append(self.overview(kind))
            plan_entity = getattr(self, f"_{kind}")
            pages += [plan_entity(entity) for entity in self.graph.of_kind(kind)]
        return pages

    def home(self) -> PlannedPage:
        here = "index.md"
        sections = [(kind, Link(KINDS[kind].folder, page_path(KINDS[kind].folder)), len(self.graph.entities[kind]))
                    for kind in OVERVIEW_ORDER]
        sources = self.links(here, self.graph.of_kind("source"))
        return PlannedPage(here, "home.md.j2", "", "", {"sections": sections, "sources": sources})

    def overview(self, kind: str) -> PlannedPage:
        here = page_path(KINDS[kind].folder)
        entries = [(self.link(here, entity), getattr(entity.text(self.language), "alternative_names", []))
                   for entity in self.by_name(self.graph.of_kind(kind))]
        return PlannedPage(here, "overview.md.j2", "", "", {"kind": kind, "entries": entries})

    def _entity_page(self, entity: Entity, **context) -> PlannedPage:
        text = entity.text(self.language)
        description = getattr(text, "description", None) or getattr(text, "summary", "")
        return PlannedPage(self.path_of(entity), f"{entity.kind}.md.j2", entity.name(self.language), description,
                           {"entity": entity, "text": text, "facts": entity.facts, **context})

    def _role(self, role: Entity) -> PlannedPage:
        here = self.path_of(role)
        needs = self.graph.relations_from(role, "needs")
        competencies = {level: [self.evidence(here, r.target, [r]) for r in self.by_target(needs) if r.level == level]
                        for level in ("essential", "optional")}
        groups = self.relation_groups(here, role, "role")
        return self._entity_page(role, competencies=competencies, related=groups,
                                 sources=self.sources_discussing(here, role))

    def _competency(self, competency: Entity) -> PlannedPage:
        here = self.path_of(competency)
        needed_by = self.graph.relations_to(competency, "needs")
        roles = {level: [self.evidence(here, r.subject, [r]) for r in self.by_subject(needed_by) if r.level == level]
                 for level in ("essential", "optional")}
        return self._entity_page(competency, roles=roles, related=self.relation_groups(here, competency, "competency"),
                                 sources=self.sources_discussing(here, competency))

    def _concept(self, concept: Entity) -> PlannedPage:
        here = self.path_of(concept)
        return self._entity_page(concept, related=self.relation_groups(here, concept, "concept"),
                                 sources=self.sources_discussing(here, concept))

    def _source(self, source: Entity) -> PlannedPage:
        here = self.path_of(source)
        text = source.text(self.language)
        claims = []
        for claim in source.facts.claims:
            supported = [r.target for r in self.graph.relations_from(source, f"claim:{claim.id}")]
            claims.append({"id": claim.id, "text": text.claims[claim.id], "quote": claim.quote,
                           "supports": {kind: self.links(here, (e for e in supported if e.kind == kind))
                                        for kind in ("role", "competency", "concept")}})
        discussed = [r.target for r in self.graph.relations_from(source, "discusses")]
        discusses = {kind: self.links(here, (e for e in discussed if e.kind == kind))
                     for kind in ("role", "competency", "concept")}
        editions = self.links(here, [r.target for r in self.graph.relations_from(source, "edition_of")]
                              + [r.subject for r in self.graph.relations_to(source, "edition_of")])
        debates = self.links(here, (r.subject for r in self.graph.relations_to(source) if r.subject.kind == "debate"))
        return self._entity_page(source, claims=claims, discusses=discusses, editions=editions, debates=debates)

    def _debate(self, debate: Entity) -> PlannedPage:
        here = self.path_of(debate)
        text = debate.text(self.language)
        positions = [{"text": text.positions[position.id],
                      "sources": self.links(here, (self.graph.get("source", s) for s in position.sources))}
                     for position in debate.facts.positions]
        return self._entity_page(debate, positions=positions)

    # -- helpers ------------------------------------------------------------------------------------

    def by_target(self, relations: list[Relation]) -> list[Relation]:
        return sorted(relations, key=lambda r: r.target.name(self.language).casefold())

    def by_subject(self, relations: list[Relation]) -> list[Relation]:
        return sorted(relations, key=lambda r: r.subject.name(self.language).casefold())

    def relation_groups(self, here: str, entity: Entity, kind: str) -> list[Group]:
        """Relations to entities of the same kind, both directions, grouped under a label key."""
        groups: dict[str, list[Evidence]] = {}
        for relation in self.by_target(self.graph.relations_from(entity)):
            if relation.target.kind == kind:
                groups.setdefault(f"{relation.type}.out", []).append(self.evidence(here, relation.target, [relation]))
        for relation in self.by_subject(self.graph.relations_to(entity)):
            if relation.subject.kind == kind:
                groups.setdefault(f"{relation.type}.in", []).append(self.evidence(here, relation.subject, [relation]))
        return [Group(label, items) for label, items in sorted(groups.items())]


def plan_pages(graph: Graph, language: str) -> list[PlannedPage]:
    """Every page of the site in one language."""
    return _Planner(graph, language).plan()
