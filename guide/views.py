"""Cross-cutting pages: the role x competency matrix, where the sources disagree, evolution and organisation."""
from __future__ import annotations

from dataclasses import dataclass

from .citations import Marker, PageCitations
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
    markers: list[Marker]


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


class CrossViews:
    """Mixed into the page planner: needs its graph, language, links() and path_of()."""

    def matrix(self):
        from .pages import PlannedPage

        here = MATRIX_PAGE
        cite = self.citations(here)
        roles = sorted((role for role in self.graph.of_kind("role") if self.graph.relations_from(role, "needs")),
                       key=lambda role: (-len(self.graph.relations_from(role, "needs")),
                                         role.name(self.language).casefold()))[:MAX_MATRIX_ROLES]
        roles = self.by_name(roles)
        needs = {(r.subject.key, r.target.key): r for role in roles for r in self.graph.relations_from(role, "needs")}
        competencies = self.by_name({r.target for r in needs.values()})
        rows = []
        for competency in competencies:
            cells = []
            for role in roles:
                relation = needs.get((role.key, competency.key))
                cells.append(Cell(relation.level, cite(relation.evidence)) if relation else Cell(None, []))
            rows.append((self.link(here, competency), cells))
        return PlannedPage(here, "matrix.md.j2", "", "", {
            "roles": [self.link(here, role) for role in roles], "rows": rows, "references": cite.references,
            "truncated": len(roles) == MAX_MATRIX_ROLES})

    def debates_overview(self):
        pages = []
        for part in paginate("debates", self.by_name(self.graph.of_kind("debate")), lambda d: d.name(self.language),
                             DEBATES_PAGE_SIZE):
            cite = self.citations(part.path)
            debates = [{"link": self.link(part.path, debate), "description": debate.text(self.language).description,
                        "positions": self.positions(cite, debate)} for debate in part.items]
            pages.append(self.overview_page(part, "debates.md.j2", label_table()["debates_title"][self.language],
                                            {"debates": debates, "references": cite.references}))
        return pages

    def evolution(self):
        from .pages import PlannedPage

        here = EVOLUTION_PAGE
        cite = self.citations(here)
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
                             "statements": [self.statement(here, r, cite) for r in relations]})
        return PlannedPage(here, "evolution.md.j2", "", "", {"diagrams": diagrams, "references": cite.references})

    def statement(self, here: str, relation: Relation, cite: PageCitations | None = None) -> Statement:
        """A relation in words; with cite, the markers of its evidence."""
        kind = relation.type.split(":")[0]
        return Statement(self.link(here, relation.subject), kind, self.link(here, relation.target), relation.level,
                         relation.criticised, cite(relation.evidence) if cite else None)

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
