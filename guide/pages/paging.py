"""Overviews split into pages of a fixed size, so no page grows with the amount of content.

An overview of n entries becomes ceil(n / OVERVIEW_PAGE_SIZE) pages: the first at `<folder>/index.md`
(where the nav points), the others at `<folder>/page_<n>.md` (an underscore, which no entity id has, so
they never collide with an entity's page). Each page gets a Pager: previous / next, and the initials of
the whole list, each leading to the page where that initial starts.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from .links import Link, relative

OVERVIEW_PAGE_SIZE = 100
Item = TypeVar("Item")


@dataclass
class Pager:
    number: int                       # 1-based
    count: int
    previous: Link | None
    next: Link | None
    initials: list[tuple[str, Link | None]]  # None: the initial starts on this page


@dataclass
class OverviewPage(Generic[Item]):
    path: str
    items: list[Item]
    pager: Pager | None               # None when the whole overview fits on one page


def overview_path(folder: str, number: int) -> str:
    return f"{folder}/index.md" if number == 1 else f"{folder}/page_{number}.md"


def initial(name: str) -> str:
    """The letter a name is listed under: its first letter without accents, upper case; '#' for others."""
    first = unicodedata.normalize("NFKD", name.strip()[:1] or "#")[:1].upper()[:1]
    return first if first.isalpha() else "#"


def paginate(folder: str, items: list[Item], name_of: Callable[[Item], str],
             page_size: int | None = None) -> list[OverviewPage[Item]]:
    """items, already in reading order, cut into pages of page_size (default OVERVIEW_PAGE_SIZE)."""
    page_size = page_size or OVERVIEW_PAGE_SIZE
    chunks = [items[start:start + page_size] for start in range(0, len(items), page_size)] or [[]]
    if len(chunks) == 1:
        return [OverviewPage(overview_path(folder, 1), chunks[0], None)]
    starts: dict[str, int] = {}
    for index, item in enumerate(items):
        starts.setdefault(initial(name_of(item)), index // page_size + 1)
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        here = overview_path(folder, number)

        def link(text: str, to: int, here: str = here) -> Link:
            return Link(text, relative(here, overview_path(folder, to)))

        pager = Pager(number, len(chunks),
                      link("", number - 1) if number > 1 else None,
                      link("", number + 1) if number < len(chunks) else None,
                      [(letter, None if to == number else link(letter, to)) for letter, to in starts.items()])
        pages.append(OverviewPage(here, chunk, pager))
    return pages
