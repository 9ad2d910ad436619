"""The A-Z overview of each kind, in pages of a fixed size so no page grows with the content."""
from __future__ import annotations

from ..content.model import KINDS
from .labels import label
from .paging import paginate
from .planning import PlannedPage, Planner, short_description


def overview_pages(p: Planner, kind: str) -> list[PlannedPage]:
    entities = p.by_name(p.graph.of_kind(kind))
    name = label(f"plural_{kind}", p.language)
    schema_type = "DefinedTermSet" if kind in ("competency", "concept") else "CollectionPage"
    pages = []
    for part in paginate(KINDS[kind].folder, entities, p.name):
        entries = [(p.link(part.path, entity), getattr(entity.text(p.language), "alternative_names", []))
                   for entity in part.items]
        jsonld = {"@context": "https://schema.org", "@type": schema_type, "url": p.url(part.path), "name": name,
                  "inLanguage": p.language}
        pages.append(PlannedPage(part.path, "overview.md.j2", short_description(label(f"intro_{kind}", p.language)),
                                 {"kind": kind, "entries": entries, "pager": part.pager}, jsonld))
    return pages
