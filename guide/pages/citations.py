"""Citations on a page: numbered markers after a statement, each opening the evidence for it (the quotes of
the claims that say it, with their text in the page's language) and linking to the first of those claims
on its source page; the page lists the sources it numbers once, at its end."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..content.graph import Citation, Entity
from .links import Link, relative

CLAIM_ANCHOR = "claim-{}"
"""The id of a claim's block on its source page."""


@dataclass(frozen=True)
class Marker:
    """One numbered marker: the claims of one source that back the statement it follows."""

    number: int
    link: Link       # to the first of the claims on its source page
    claims: tuple[str, ...]


@dataclass(frozen=True)
class Reference:
    """A source the page cites, under the number its markers show."""

    number: int
    source: Entity
    link: Link


@dataclass
class PageCitations:
    """Numbers the sources one page cites, in the order they are first cited, and makes the markers."""

    here: str                                  # the page's source path
    path_of: Callable[[Entity], str]           # an entity's page
    name_of: Callable[[Entity], str]           # its name in the page's language
    references: list[Reference] = field(default_factory=list)
    _numbers: dict[tuple[str, str], int] = field(default_factory=dict)

    def __call__(self, evidence: Iterable[Citation]) -> list[Marker]:
        """The markers for one statement, by source number."""
        by_source: dict[tuple[str, str], list[Citation]] = {}
        for citation in evidence:
            by_source.setdefault(citation.source.key, []).append(citation)
        markers = []
        for citations in by_source.values():
            source = citations[0].source
            href = relative(self.here, self.path_of(source)) + "#" + CLAIM_ANCHOR.format(citations[0].claim.id)
            markers.append(Marker(self.number(source), Link(str(self.number(source)), href),
                                  tuple(citation.claim.id for citation in citations)))
        return sorted(markers, key=lambda marker: marker.number)

    def number(self, source: Entity) -> int:
        if source.key not in self._numbers:
            self._numbers[source.key] = len(self._numbers) + 1
            self.references.append(Reference(self._numbers[source.key], source,
                                             Link(self.name_of(source), relative(self.here, self.path_of(source)))))
        return self._numbers[source.key]
