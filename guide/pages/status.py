"""The translation status pages (status/, for editors): one row per entity, one column per language."""
from __future__ import annotations

from collections.abc import Callable

from ..content.graph import Entity, Graph
from ..content.model import KINDS
from ..languages import LANGUAGES
from .links import Link, page_path, relative
from .paging import paginate
from .planning import OVERVIEW_ORDER, PlannedPage
from .rendering import render_page

STATUS_FOLDER = "status"  # status/index.md, then status/page_2.md ... (guide.pages.paging)
STATUS_PAGE_SIZE = 500  # rows of a table page: small, so more of them fit a page than an overview's entries
OK = "ok"


def status_pages(graph: Graph, states: dict[tuple[str, str], dict[str, str]]) -> dict[str, str]:
    """The status pages of every language, keyed by their paths under docs/ (e.g. 'nl/status/index.md').

    states: for each entity (kind, id), the state of its text in each language (guide/tools/status.py)."""
    pages = {}
    for language in LANGUAGES:
        entities = [entity for kind in OVERVIEW_ORDER
                    for entity in sorted(graph.of_kind(kind), key=lambda e: e.name(language).casefold())]
        for part in paginate(STATUS_FOLDER, entities, _name_in(language), STATUS_PAGE_SIZE):
            entries = []
            for entity in part.items:
                row = states.get(entity.key, {})
                cells = [row.get(other, OK) for other in LANGUAGES]
                target = page_path(KINDS[entity.kind].folder, entity.id)
                entries.append((entity.kind, Link(entity.name(language), relative(part.path, target)), cells))
            page = PlannedPage(part.path, "status.md.j2", "", {"entries": entries, "languages": LANGUAGES,
                                                               "pager": part.pager})
            pages[f"{language}/{part.path}"] = render_page(page, language)
    return pages


def _name_in(language: str) -> Callable[[Entity], str]:
    return lambda entity: entity.name(language)
