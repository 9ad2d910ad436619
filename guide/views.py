"""Cross-cutting pages: the role x competency matrix, where the sources disagree, evolution and organisation."""
from __future__ import annotations

from dataclasses import dataclass

from .diagrams import Edge, Node, svg
from .graph import Entity, Relation
from .links import Link, relative_url
from .paging import paginate
from .rendering import label_table

MATRIX_PAGE, EVOLUTION_PAGE = "matrix/index.md", "evolution/index.md"
MAX_MATRIX_ROLES, MAX_DIAGRAM_NODES = 40, 60
DEBATES_PAGE_SIZE = 25  # a debate takes a section (question, positions, sources), not a line: fewer a page
ORGANISATION_TYPES = ("reports_to", "member_of", "leads")
HANGS_FROM_TARGET = ("reports_to", "member_of")  # drawn below the role it points to; a leader sits above


@dataclass
class Cell:
    level: str | None
    sources: list[tuple[int, Link]]


@dataclass
class Statement:
    subject: Link
    type: str
    target: Link
    sources: list[Link]


class CrossViews:
    """Mixed into the page planner: needs its graph, language, links() and path_of()."""

    def matrix(self):
        from .pages import PlannedPage

        here = MATRIX_PAGE
        roles = sorted((role for role in self.graph.of_kind("role") if self.graph.relations_from(role, "needs")),
                       key=lambda role: (-len(self.graph.relations_from(role, "needs")),
                                         role.name(self.language).casefold()))[:MAX_MATRIX_ROLES]
        roles = self.by_name(roles)
        needs = {(r.subject.key, r.target.key): r for role in roles for r in self.graph.relations_from(role, "needs")}
        competencies = self.by_name({r.target for r in needs.values()})
        cited = {source.key for relation in needs.values() for source in relation.sources}
        sources = self.by_name(s for s in self.graph.of_kind("source") if s.key in cited)  # the legend's
        number = {source.key: index for index, source in enumerate(sources, start=1)}
        rows = []
        for competency in competencies:
            cells = []
            for role in roles:
                relation = needs.get((role.key, competency.key))
                cited = sorted(relation.sources, key=lambda s: number[s.key]) if relation else []
                cells.append(Cell(relation.level if relation else None,
                                  [(number[s.key], self.link(here, s)) for s in cited]))
            rows.append((self.link(here, competency), cells))
        legend = [(number[s.key], self.link(here, s)) for s in sources]
        return PlannedPage(here, "matrix.md.j2", "", "", {
            "roles": [self.link(here, role) for role in roles], "rows": rows, "legend": legend,
            "truncated": len(roles) == MAX_MATRIX_ROLES})

    def debates_overview(self):
        pages = []
        for part in paginate("debates", self.by_name(self.graph.of_kind("debate")), lambda d: d.name(self.language),
                             DEBATES_PAGE_SIZE):
            debates = []
            for debate in part.items:
                text = debate.text(self.language)
                positions = [(text.positions[p.id],
                              self.links(part.path, (self.graph.get("source", s) for s in p.sources)))
                             for p in debate.facts.positions]
                debates.append({"link": self.link(part.path, debate), "description": text.description,
                                "positions": positions})
            pages.append(self.overview_page(part, "debates.md.j2", label_table()["debates_title"][self.language],
                                            {"debates": debates}))
        return pages

    def evolution(self):
        from .pages import PlannedPage

        here = EVOLUTION_PAGE
        labels = label_table()
        evolution = [r for r in self.graph.relations if r.type == "evolves_into"]
        organisation = [r for r in self.graph.relations if r.type in ORGANISATION_TYPES]
        diagrams = []
        for name, relations, horizontal in (("evolution", evolution, True), ("organisation", organisation, False)):
            relations = self._limit(relations)
            if not relations:
                continue
            nodes = {e.key: Node(f"{e.kind}-{e.id}", e.name(self.language), relative_url(here, self.path_of(e)))
                     for r in relations for e in (r.subject, r.target)}
            edges = [Edge(nodes[r.target.key].key, nodes[r.subject.key].key) if r.type in HANGS_FROM_TARGET
                     else Edge(nodes[r.subject.key].key, nodes[r.target.key].key) for r in relations]
            title = labels[f"diagram_{name}_title"][self.language]
            description = labels[f"diagram_{name}_description"][self.language]
            diagrams.append({"name": name, "svg": svg(list(nodes.values()), edges, title, description,
                                                      f"diagram-{name}", horizontal),
                             "statements": [self.statement(here, r) for r in relations]})
        return PlannedPage(here, "evolution.md.j2", "", "", {"diagrams": diagrams})

    def statement(self, here: str, relation: Relation) -> Statement:
        return Statement(self.link(here, relation.subject), relation.type, self.link(here, relation.target),
                         self.links(here, relation.sources))

    def _limit(self, relations: list[Relation]) -> list[Relation]:
        """At most MAX_DIAGRAM_NODES entities in one diagram, so it stays readable at any content size."""
        kept: set = set()
        chosen = []
        for relation in sorted(relations, key=lambda r: (r.subject.kind, r.subject.id, r.target.id)):
            keys = {relation.subject.key, relation.target.key}
            if len(kept | keys) > MAX_DIAGRAM_NODES:
                continue
            kept |= keys
            chosen.append(relation)
        return chosen
