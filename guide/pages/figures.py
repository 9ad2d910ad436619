"""The diagrams of one article: how things evolve, where the roles sit."""
from __future__ import annotations

from typing import Any

from ..content.graph import Entity, Relation
from .citations import PageCitations
from .diagrams import Edge, Lane, Node, svg
from .labels import label
from .links import relative_url
from .planning import Planner, Statement

ORGANISATION_TYPES = ("reports_to", "member_of", "leads")
EVOLUTION_TYPES = ("evolves_into", "demoted_to")  # what a role becomes, up or down
HANGS_FROM_TARGET = ("reports_to", "member_of")  # drawn below the role it points to; a leader sits above


def _node(p: Planner, here: str, entity: Entity) -> Node:
    return Node(f"{entity.kind}-{entity.id}", p.name(entity), relative_url(here, p.path_of(entity)))


def _statements(p: Planner, here: str, relations: list[Relation], cite: PageCitations | None) -> list[Statement]:
    return [p.statement(here, r, cite) for r in sorted(relations, key=lambda r: (r.type, p.name(r.subject)))]


def organisation_diagram(p: Planner, here: str, relations: list[Relation], source: Entity,
                         cite: PageCitations | None = None) -> dict[str, Any]:
    """Where the roles sit, as one article describes it: superiors, bodies and leaders on top."""
    nodes = {e.key: _node(p, here, e) for r in relations for e in (r.subject, r.target)}
    edges = []
    for r in relations:
        subject, target = nodes[r.subject.key].key, nodes[r.target.key].key
        words = label(f"rel_{r.type}_out", p.language).lower()
        if r.criticised:
            words += f" ({label('criticised', p.language)})"
        if r.type in HANGS_FROM_TARGET:
            edges.append(Edge(target, subject, r.type, words, pointing_back=True, criticised=r.criticised))
        else:
            edges.append(Edge(subject, target, r.type, words, criticised=r.criticised))
    identifier = f"organisation-{source.id}"
    title = label("diagram_organisation_title", p.language).format(p.name(source))
    drawing = svg([Lane("", list(nodes.values()), edges)], title, label("diagram_organisation_description", p.language),
                  identifier, horizontal=False)
    return {"name": "organisation", "title": title, "svg": drawing, "statements": _statements(p, here, relations, cite),
            "criticised": any(r.criticised for r in relations)}


def evolution_diagram(p: Planner, here: str, relations: list[Relation], source: Entity,
                      cite: PageCitations | None = None) -> dict[str, Any]:
    """What evolves into what in one article, from earlier (left) to later (right): the ways of selling
    (concepts) in one lane, the roles in another."""
    lanes = []
    for kind in ("concept", "role"):
        chosen = [r for r in relations if r.subject.kind == kind]
        nodes = {e.key: _node(p, here, e) for r in chosen for e in (r.subject, r.target)}
        edges = [Edge(nodes[r.subject.key].key, nodes[r.target.key].key, r.type,
                      label(f"rel_{r.type}_out", p.language).lower()) for r in chosen]
        lanes.append(Lane(label(f"lane_{kind}", p.language), list(nodes.values()), edges))
    identifier = f"evolution-{source.id}"
    title = label("diagram_evolution_title", p.language).format(p.name(source))
    drawing = svg(lanes, title, label("diagram_evolution_description", p.language), identifier, horizontal=True,
                  axis=label("diagram_axis", p.language))
    return {"name": "evolution", "title": title, "svg": drawing, "statements": _statements(p, here, relations, cite),
            "criticised": False}
