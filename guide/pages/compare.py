"""Two roles side by side: what both need (and where their levels differ), what only one needs, how the two
relate, each with its evidence. Where the articles name competencies for one of the two only, the page says
so instead of repeating that role's list, which its own page has. A page per pair, at
compare/<role>--<role>/ (ids in alphabetical order), for every pair the guide relates directly and, per
role, the few roles it shares most competencies with: pages grow with the relations, never with the square
of the roles."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..content.graph import Entity, Graph
from .labels import label
from .links import Link, relative
from .paging import paginate
from .planning import Cited, PlannedPage, Planner, short_description

COMPARE_FOLDER = "compare"
CLOSEST_PER_ROLE = 3  # roles without a direct relation, compared when they share competencies


def pair_path(first: Entity, second: Entity) -> str:
    a, b = sorted((first.id, second.id))
    return f"{COMPARE_FOLDER}/{a}--{b}.md"


class Pairs(list[tuple[Entity, Entity]]):
    """The compared pairs, in order, and for each role the pairs it is in (each page asks for one role's)."""

    def __init__(self, pairs: list[tuple[Entity, Entity]]):
        super().__init__(pairs)
        self.of: dict[tuple[str, str], list[tuple[Entity, Entity]]] = {}
        for pair in pairs:
            for role in pair:
                self.of.setdefault(role.key, []).append(pair)


def compared_pairs(graph: Graph) -> Pairs:
    """The pairs of roles that get a compare page, each once, as (a, b) with a.id < b.id: every pair with a
    relation between them where at least one needs competencies, and for each role the CLOSEST_PER_ROLE
    roles it shares most needed competencies with."""
    return graph.derived("compared pairs", lambda: _pairs_of(graph))


def _pairs_of(graph: Graph) -> Pairs:
    roles = graph.of_kind("role")
    needs = {role.key: {r.target.key for r in graph.relations_from(role, "needs")} for role in roles}
    pairs: dict[tuple[str, str], tuple[Entity, Entity]] = {}

    def add(first: Entity, second: Entity) -> None:
        a, b = sorted((first, second), key=lambda role: role.id)
        pairs.setdefault((a.id, b.id), (a, b))

    for role in roles:
        for relation in graph.relations_from(role):
            other = relation.target
            if other.kind == "role" and other is not role and (needs[role.key] or needs[other.key]):
                add(role, other)
    by_competency: dict[tuple[str, str], list[Entity]] = {}
    for role in roles:
        for competency in needs[role.key]:
            by_competency.setdefault(competency, []).append(role)
    for role in roles:
        shared: dict[str, int] = {}
        for competency in needs[role.key]:
            for other in by_competency[competency]:
                if other is not role:
                    shared[other.id] = shared.get(other.id, 0) + 1
        closest = sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:CLOSEST_PER_ROLE]
        for other_id, _ in closest:
            add(role, graph.get("role", other_id))
    return Pairs(sorted(pairs.values(), key=lambda pair: (pair[0].id, pair[1].id)))


def lists_needs(*needs: object) -> bool:
    """Whether a comparison lists what each role needs: only when the articles name competencies for both
    (for one only, it says how many, not which; that role's own page lists them)."""
    return all(needs)


@dataclass
class OneSided:
    """A comparison where the articles name competencies for one role only: how many, for which."""

    role: Link
    count: int
    without: Link


@dataclass
class Row:
    """A competency in the comparison: how each of the two roles needs it (None: not at all)."""

    competency: Link
    first: Cited | None
    second: Cited | None


def compare_page(planner: Planner, first: Entity, second: Entity) -> PlannedPage:
    here = pair_path(first, second)
    cite = planner.citations(here)
    graph = planner.graph
    needs = [{r.target.key: r for r in graph.relations_from(role, "needs")} for role in (first, second)]
    competencies = {key: side[key].target for side in reversed(needs) for key in side}

    def row(key: tuple[str, str]) -> Row:
        cells = [planner.cited(cite, competencies[key], side[key]) if key in side else None for side in needs]
        return Row(planner.link(here, competencies[key]), *cells)

    def agreement(key: tuple[str, str]) -> tuple[int, int, str]:
        sides = [side[key] for side in needs if key in side]
        return (-sum(planner.articles(r) for r in sides), -sum(r.level == "essential" for r in sides),
                planner.name(competencies[key]).casefold())

    both = sorted(needs[0].keys() & needs[1].keys(), key=agreement)
    relations = [planner.statement(here, r, cite) for role, other in ((first, second), (second, first))
                 for r in graph.relations_from(role) if r.target is other]
    names = (planner.name(first), planner.name(second))
    links = (planner.link(here, first), planner.link(here, second))
    one_sided = None
    if any(needs) and not lists_needs(*needs):
        some, none = (0, 1) if needs[0] else (1, 0)
        one_sided = OneSided(links[some], len(needs[some]), links[none])
    context: dict[str, Any] = {
        "first": links[0], "second": links[1],
        "relations": relations,
        "differ": [row(key) for key in both if needs[0][key].level != needs[1][key].level],
        "same": [row(key) for key in both if needs[0][key].level == needs[1][key].level],
        "only_first": [] if one_sided else [row(key) for key in sorted(needs[0].keys() - needs[1].keys(),
                                                                       key=agreement)],
        "only_second": [] if one_sided else [row(key) for key in sorted(needs[1].keys() - needs[0].keys(),
                                                                        key=agreement)],
        "one_sided": one_sided,
        "references": planner.references(cite),
    }
    title = label("compare_title", planner.language).format(*names)
    description = short_description(label("compare_description", planner.language).format(*names))
    jsonld = {"@context": "https://schema.org", "@type": "WebPage", "url": planner.url(here), "name": title,
              "inLanguage": planner.language,
              "about": [{"@type": "Occupation", "name": name, "url": planner.url_of(role)}
                                                         for name, role in zip(names, (first, second), strict=True)]}
    return PlannedPage(here, "compare.md.j2", description, {**context, "title": title}, jsonld)


def compare_links(planner: Planner, here: str, role: Entity, pairs: list[tuple[Entity, Entity]]) -> list[Link]:
    """Links from a page to the comparisons of one role, named after the other role."""
    mine = pairs.of.get(role.key, []) if isinstance(pairs, Pairs) else [pair for pair in pairs if role in pair]
    links = [Link(planner.name(b if a is role else a), relative(here, pair_path(a, b))) for a, b in mine]
    return sorted(links, key=lambda link: link.text.casefold())


def compare_overview(planner: Planner, pairs: list[tuple[Entity, Entity]]) -> list[PlannedPage]:
    """compare/: every role that has comparisons, with a link to each, in pages of a fixed size."""
    roles = planner.by_name({role.key: role for pair in pairs for role in pair}.values())
    pages = []
    for part in paginate(COMPARE_FOLDER, roles, planner.name):
        entries = [(planner.link(part.path, role), compare_links(planner, part.path, role, pairs))
                   for role in part.items]
        title = label("compare_overview_title", planner.language)
        jsonld = {"@context": "https://schema.org", "@type": "CollectionPage", "url": planner.url(part.path),
                  "name": title, "inLanguage": planner.language}
        pages.append(PlannedPage(part.path, "compare_overview.md.j2",
                                 short_description(label("compare_intro", planner.language)),
                                 {"entries": entries, "pager": part.pager}, jsonld))
    return pages
