"""The page of each role, competency, concept, source and debate."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..content.graph import Entity
from ..content.model import STANCES
from .citations import CLAIM_ANCHOR, PageCitations
from .compare import compare_links
from .links import Link
from .planning import Cited, PlannedPage, Planner, leading_sentences

COMPETENCY_TYPES = ("trait", "skill", "knowledge")
WHERE_IT_SITS = ("reports_to", "leads", "member_of", "works_with", "evolves_into",  # a role at a glance
                 "demoted_to")
AGREED = 2  # the glance lists the competencies named by at least this many independent articles
AGREED_SHOWN = 6  # on the landing page's first screen; the role's glance lists them all


@dataclass
class Group:
    label: str         # a label key, translated by the template
    items: list[Cited]


def role_page(p: Planner, role: Entity, pairs: list[tuple[Entity, Entity]]) -> PlannedPage:
    here = p.path_of(role)
    cite = p.citations(here)
    description = cite(role.evidence)
    sits = [group for group in relation_groups(p, cite, role, "role") if group.label.split(".")[0] in WHERE_IT_SITS
            and group.label.endswith(".out")]
    needs = p.by_agreement(p.graph.relations_from(role, "needs"), "target")
    agreed = [p.cited(cite, r.target, r) for r in needs if p.articles(r) >= AGREED]
    competencies = {kind: [p.cited(cite, r.target, r) for r in needs if r.target.facts.type == kind]
                    for kind in COMPETENCY_TYPES}
    related = [group for group in relation_groups(p, cite, role, "role") if group not in sits]
    text = " ".join(role.text(p.language).description.split())
    lead = leading_sentences(text, 1)  # what the role is, in one sentence, above the glance; the rest below it
    return p.entity_page(role, cite, description_markers=description, lead=lead, more=text[len(lead):].strip(),
                         sits=sits, agreed=agreed,
                         competencies={kind: items for kind, items in competencies.items() if items},
                         related=related, debates=p.debates_about(here, role),
                         compare=compare_links(p, here, role, pairs), mappings=mapping_links(role))


def mapping_links(role: Entity) -> list[dict[str, str]]:
    """The classifications a role corresponds to, each with the public page of its code."""
    mappings = role.facts.mappings
    if mappings is None:
        return []
    found = []
    if mappings.esco:
        found.append({"label": "esco", "code": mappings.esco, "url": mappings.esco})
    if mappings.isco08:
        found.append({"label": "isco08", "code": mappings.isco08,
                      "url": f"http://data.europa.eu/esco/isco/C{mappings.isco08}"})
    if mappings.onet_soc:
        found.append({"label": "onet_soc", "code": mappings.onet_soc,
                      "url": f"https://www.onetonline.org/link/summary/{mappings.onet_soc}"})
    return found


def competency_page(p: Planner, competency: Entity) -> PlannedPage:
    here = p.path_of(competency)
    cite = p.citations(here)
    description = cite(competency.evidence)
    needed_by = [p.cited(cite, r.subject, r)
                 for r in p.by_agreement(p.graph.relations_to(competency, "needs"), "subject")]
    return p.entity_page(competency, cite, description_markers=description, needed_by=needed_by,
                         related=relation_groups(p, cite, competency, "competency"),
                         debates=p.debates_about(here, competency))


def concept_page(p: Planner, concept: Entity) -> PlannedPage:
    here = p.path_of(concept)
    cite = p.citations(here)
    description = cite(concept.evidence)
    return p.entity_page(concept, cite, description_markers=description,
                         related=relation_groups(p, cite, concept, "concept"), debates=p.debates_about(here, concept))


def source_page(p: Planner, source: Entity) -> PlannedPage:
    here = p.path_of(source)
    cite = p.citations(here)
    text = source.text(p.language)
    backs = cited_for(p, source, here)
    claims = []
    for claim in source.facts.claims:
        claims.append({"id": claim.id, "anchor": CLAIM_ANCHOR.format(claim.id), "text": text.claims[claim.id],
                       "quote": claim.quote, "backs": backs.get(claim.id, [])})
    editions = p.links(here, [r.target for r in p.graph.relations_from(source, "edition_of")]
                       + [r.subject for r in p.graph.relations_to(source, "edition_of")])
    return p.entity_page(source, cite, claims=claims, editions=editions, about=p.about_source(source))



def cited_for(p: Planner, source: Entity, here: str) -> dict[str, list[dict[str, Any]]]:
    """What each claim of a source is cited for, compactly: the relations of one type grouped by the end they
    share ("E-commerce director — needs: Sales-driven, Data-driven"; "Traffic optimisation — includes:
    Search engine marketing, ..."), and the debates whose positions cite it."""
    backs: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {}
    for relation in p.graph.relations_citing(source):
        for claim_id in dict.fromkeys(c.claim.id for c in relation.evidence if c.source is source):
            groups = backs.setdefault(claim_id, {})
            if relation.type.startswith("position:"):
                groups.setdefault(("position", relation.subject.key), {
                    "label": "position_in", "shared": p.link(here, relation.subject), "others": []})
                continue
            by_target = relation.type == "part_of"  # a broader competency gathers its parts
            shared, other = (relation.target, relation.subject) if by_target else (relation.subject, relation.target)
            group = groups.setdefault((relation.type, by_target, shared.key), {
                "label": f"rel_{relation.type}_{'in' if by_target else 'out'}", "shared": p.link(here, shared),
                "others": []})
            group["others"].append({"link": p.link(here, other), "criticised": relation.criticised})
    return {claim_id: _link_once(list(groups.values())) for claim_id, groups in backs.items()}


def _link_once(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Within one claim's line, an entity is a link where it first appears and plain text after that."""
    seen: set[str] = set()

    def once(link: Link) -> Link | str:
        if link.href in seen:
            return link.text
        seen.add(link.href)
        return link

    for group in groups:
        group["shared"] = once(group["shared"])
        for other in group["others"]:
            other["link"] = once(other["link"])
    return groups


def debate_page(p: Planner, debate: Entity) -> PlannedPage:
    here = p.path_of(debate)
    cite = p.citations(here)
    concerns = {entity for r in p.graph.relations_from(debate) for c in r.evidence
                for entity in supported(p, c.claim) if entity.kind == "role"}
    return p.entity_page(debate, cite, positions=positions(p, cite, debate), concerns=p.links(here, concerns))


def supported(p: Planner, claim: Any) -> list[Entity]:
    return [p.graph.get(kind, entity_id) for kind, ids in (("role", claim.supports.roles),
                                                            ("competency", claim.supports.competencies),
                                                            ("concept", claim.supports.concepts))
            for entity_id in ids]


def positions(p: Planner, cite: PageCitations, debate: Entity) -> list[dict[str, Any]]:
    """Each position of a debate: its text, its evidence, and, for each stance (holds, reports, rejects), the
    voices that take it: who wrote the article cited, and when."""
    text = debate.text(p.language)
    found = []
    for position in debate.facts.positions:
        relations = p.graph.relations_from(debate, f"position:{position.id}")
        stances = [{"stance": stance, **_voices(p, cite, [r.target for r in relations if r.stance == stance])}
                   for stance in STANCES]
        found.append({"text": text.positions[position.id], "markers": cite([c for r in relations for c in r.evidence]),
                      "stances": [stance for stance in stances if stance["voices"]]})
    return found


def _voices(p: Planner, cite: PageCitations, sources: list[Entity]) -> dict[str, Any]:
    """The sources grouped by voice: each voice once, described by the first of its articles cited (its authors,
    or none named), with the numbers of all of them."""
    by_voice: dict[tuple[str, str], list[Entity]] = {}
    for source in sources:
        by_voice.setdefault(p.graph.voice_of(source).key, []).append(source)
    return {"articles": len(by_voice), "voices": [
        {"about": p.about_source(cited[0]), "numbers": [cite.number(source) for source in cited]}
        for cited in by_voice.values()]}


def relation_groups(p: Planner, cite: PageCitations, entity: Entity, kind: str) -> list[Group]:
    """Relations to entities of the same kind, both directions, grouped under a label key
    ('<type>.out' or '<type>.in')."""
    groups: dict[str, list[Cited]] = {}
    for relation in p.by_agreement(p.graph.relations_from(entity), "target"):
        if relation.target.kind == kind:
            groups.setdefault(f"{relation.type}.out", []).append(p.cited(cite, relation.target, relation))
    for relation in p.by_agreement(p.graph.relations_to(entity), "subject"):
        if relation.subject.kind == kind:
            groups.setdefault(f"{relation.type}.in", []).append(p.cited(cite, relation.subject, relation))
    order = {name: index for index, name in enumerate(RELATION_ORDER)}
    return [Group(name, items) for name, items in sorted(groups.items(), key=lambda g: (
        order.get(g[0].split(".")[0], len(order)), g[0]))]


RELATION_ORDER = ("reports_to", "leads", "member_of", "works_with", "evolves_into", "demoted_to", "taken_over_by",
                  "also_called", "also_titled", "part_of", "related_to")
