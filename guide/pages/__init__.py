"""The pages of the guide, planned from the knowledge graph (objects and ready links for the templates) and
rendered to Markdown through guide/pages/templates. Knows nothing of MkDocs."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..content.graph import Entity, Graph
from .compare import compare_overview, compare_page, compared_pairs, pair_path
from .entities import competency_page, concept_page, debate_page, role_page, source_page
from .home import home_page
from .labels import label
from .overviews import overview_pages
from .planning import OVERVIEW_ORDER, PlannedPage, Planner
from .views import debates_overview, evolution_page, matrix_page

if TYPE_CHECKING:
    from .dependencies import Reach

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


def plan_pages(graph: Graph, language: str, site_url: str = DEFAULT_SITE_URL) -> list[PlannedPage]:
    """Every page of the site in one language; site_url makes the structured data's URLs absolute."""
    return plan_some(graph, language, site_url)[0]


def plan_some(graph: Graph, language: str, site_url: str = DEFAULT_SITE_URL,
              only: Reach | None = None) -> tuple[list[PlannedPage], list[str]]:
    """The pages of one language, and the paths of those left out. With `only` (what an edit can reach, see
    guide.pages.dependencies), the pages of other entities and comparisons are left out; the pages that list
    or count everything are always planned."""
    planner = Planner(graph, language, site_url, subject=[label("home_title", language)])
    pairs = compared_pairs(graph)
    pages = [home_page(planner, pairs), matrix_page(planner), evolution_page(planner),
             *compare_overview(planner, pairs)]
    skipped = []
    for a, b in pairs:
        if only is None or (a.key, b.key) in only.comparisons:
            pages.append(compare_page(planner, a, b))
        else:
            skipped.append(pair_path(a, b))
    for kind in OVERVIEW_ORDER:
        pages += debates_overview(planner) if kind == "debate" else overview_pages(planner, kind)
        for entity in graph.of_kind(kind):
            if only is None or entity.key in only.entities:
                pages.append(_entity_page(planner, entity, pairs))
            else:
                skipped.append(planner.path_of(entity))
    return pages, skipped


def _entity_page(planner: Planner, entity: Entity, pairs: list[tuple[Entity, Entity]]) -> PlannedPage:
    if entity.kind == "role":
        return role_page(planner, entity, pairs)
    page_of = {"competency": competency_page, "concept": concept_page, "source": source_page,
               "debate": debate_page}[entity.kind]
    return page_of(planner, entity)
