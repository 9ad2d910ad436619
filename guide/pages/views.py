"""Pages across entities: the role x competency matrix, where the sources disagree, and the diagrams of how
roles evolve and where they sit (drawn per article: two articles' organisations are never merged into one
as if one company said so)."""
from __future__ import annotations

from dataclasses import dataclass

from ..content.graph import Relation
from .citations import Marker
from .entities import positions
from .figures import EVOLUTION_TYPES, ORGANISATION_TYPES, evolution_diagram, organisation_diagram
from .labels import label
from .paging import paginate
from .planning import PlannedPage, Planner, short_description

MATRIX_PAGE, EVOLUTION_PAGE = "matrix/index.md", "evolution/index.md"
MAX_MATRIX_ROLES, MAX_MATRIX_ROWS, MAX_ARTICLE_DIAGRAMS = 12, 150, 10
HORIZONTAL_HEADERS_UP_TO = 6  # role names fit side by side above this many columns
DEBATES_PAGE_SIZE = 25  # a debate takes a section (question, positions, sources), not a line: fewer a page


@dataclass
class Cell:
    level: str | None
    markers: list[Marker]


def matrix_page(p: Planner) -> PlannedPage:
    """Which role needs which competency: the roles with the most needs (the guide's subject first), the
    competencies most independent articles name first."""
    here = MATRIX_PAGE
    cite = p.citations(here)
    graph = p.graph
    roles = sorted((role for role in graph.of_kind("role") if graph.relations_from(role, "needs")),
                   key=lambda role: (-len(graph.relations_from(role, "needs")), p.name(role).casefold()))
    roles = roles[:MAX_MATRIX_ROLES]
    needs = {(r.subject.key, r.target.key): r for role in roles for r in graph.relations_from(role, "needs")}
    by_competency: dict[tuple[str, str], list[Relation]] = {}
    for relation in needs.values():
        by_competency.setdefault(relation.target.key, []).append(relation)
    competencies = sorted(by_competency, key=lambda key: (
        -graph.voices([s for r in by_competency[key] for s in r.sources]),
        -len(by_competency[key]), p.name(graph.get(*key)).casefold()))[:MAX_MATRIX_ROWS]
    rows = []
    for key in competencies:
        cells = []
        for role in roles:
            need = needs.get((role.key, key))
            cells.append(Cell(need.level, cite(need.evidence)) if need else Cell(None, []))
        articles = graph.voices([s for r in by_competency[key] for s in r.sources])
        rows.append((p.link(here, graph.get(*key)), articles, cells))
    return PlannedPage(here, "matrix.md.j2", short_description(label("matrix_intro", p.language)), {
        "roles": [p.link(here, role) for role in roles], "rows": rows, "references": p.references(cite),
        "horizontal": len(roles) <= HORIZONTAL_HEADERS_UP_TO,
        "truncated": len(roles) == MAX_MATRIX_ROLES or len(competencies) == MAX_MATRIX_ROWS})


def debates_overview(p: Planner) -> list[PlannedPage]:
    """Every debate with its positions, in pages of DEBATES_PAGE_SIZE."""
    pages = []
    for part in paginate("debates", p.by_name(p.graph.of_kind("debate")), p.name, DEBATES_PAGE_SIZE):
        cite = p.citations(part.path)
        debates = [{"link": p.link(part.path, debate), "description": debate.text(p.language).description,
                    "positions": positions(p, cite, debate)} for debate in part.items]
        title = label("plural_debate", p.language)
        jsonld = {"@context": "https://schema.org", "@type": "CollectionPage", "url": p.url(part.path),
                  "name": title, "inLanguage": p.language}
        pages.append(PlannedPage(part.path, "debates.md.j2", short_description(label("intro_debate", p.language)),
                                 {"debates": debates, "references": p.references(cite), "pager": part.pager}, jsonld))
    return pages


def evolution_page(p: Planner) -> PlannedPage:
    """Per article: how things evolve (a time axis, concepts and roles in lanes) and where the roles sit."""
    here = EVOLUTION_PAGE
    cite = p.citations(here)
    by_article: dict[tuple[str, str], dict[str, list[Relation]]] = {}
    for relation in p.graph.relations:
        kind = "evolution" if relation.type in EVOLUTION_TYPES else "organisation" \
            if relation.type in ORGANISATION_TYPES else None
        if kind and relation.evidence:
            source = relation.evidence[0].source
            by_article.setdefault(source.key, {}).setdefault(kind, []).append(relation)
    articles = sorted(by_article, key=lambda key: (-sum(len(v) for v in by_article[key].values()),
                                                    p.name(p.graph.get(*key)).casefold()))
    sections = []
    for key in articles[:MAX_ARTICLE_DIAGRAMS]:
        source = p.graph.get(*key)
        diagrams = []
        if "evolution" in by_article[key]:
            diagrams.append(evolution_diagram(p, here, by_article[key]["evolution"], source, cite))
        if "organisation" in by_article[key]:
            diagrams.append(organisation_diagram(p, here, by_article[key]["organisation"], source, cite))
        sections.append({"source": p.link(here, source), "about": p.about_source(source), "diagrams": diagrams})
    return PlannedPage(here, "evolution.md.j2", short_description(label("evolution_intro", p.language)), {
        "sections": sections, "more": max(0, len(articles) - MAX_ARTICLE_DIAGRAMS),
        "references": p.references(cite)})
