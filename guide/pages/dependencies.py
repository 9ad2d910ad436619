"""Which pages an edit can change: the rule the preview (`mkdocs serve`) plans and renders again by.

After an edit, the entities whose records differ (their facts, or their text in a language, or that came or
went) are the seeds. A page of one language can only differ if it shows something of a seed in that
language, and a page shows another entity only where it links to it, or through the glossary. So the pages
planned again are, in each language:

- the pages of the seeds, and of every entity at the other end of a relation of a seed (in the graph before
  or after the edit: a relation that went is shown on both ends' pages until they are rendered again),
  with the sources those relations cite and the entities whose description cites a seed;
- the debates about a seed (a debate page names the roles its cited claims are about), and the roles a seed
  is compared with (a role page links to its comparisons by the other role's name); the roles whose
  comparisons came or went;
- the comparisons that came, and those that show a seed: one of their two roles, a competency either needs
  (when both need some: else the page says how many, not which), or a source cited by the relations they
  show (in the graph before or after the edit);
- for the glossary: the entities a seed's text names (their "mentioned in" lists it) before and after the
  edit, and, when a term was added, removed or got another definition, the entities whose text contains that
  term (its links, tooltips and first occurrences can move) and the entities the term names;
- and always the pages that list or count everything (home, overviews, matrix, evolution, the comparisons'
  and debates' overviews, graph.json, the status pages), whatever the edit.

A text edit affects only its own language (and the status pages of all); a facts edit, or an entity added or
removed, every language. Pages planned again whose Markdown comes out the same are not written, so MkDocs
renders only what really changed. bench/check_selective.py and tests/test_incremental.py check the rule
against full renders: a page the rule leaves out must come out the same as before.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..content.graph import Entity, Graph
from ..languages import LANGUAGES
from .compare import compared_pairs, lists_needs
from .glossary import Glossary
from .labels import label
from .planning import running_text

Key = tuple[str, str]


def glossary_of(graph: Graph, language: str) -> Glossary:
    """The glossary the pages of one language are planned with (guide.pages.plan_pages)."""
    return Glossary.of(graph, language, subject=[label("home_title", language)])


def changed_entities(old: Graph, new: Graph) -> tuple[set[Key], dict[str, set[Key]]]:
    """(entities whose facts differ, or that came or went; per language, the other entities whose text in
    that language differs)."""
    facts: set[Key] = set()
    texts: dict[str, set[Key]] = {language: set() for language in LANGUAGES}
    for kind in new.entities.keys() | old.entities.keys():
        before, after = old.entities.get(kind, {}), new.entities.get(kind, {})
        facts.update((kind, entity_id) for entity_id in before.keys() ^ after.keys())
        for entity_id in before.keys() & after.keys():
            was, now = before[entity_id], after[entity_id]
            if was.facts is not now.facts and was.facts != now.facts:
                facts.add((kind, entity_id))
                continue
            for language in LANGUAGES:
                if was.texts[language] is not now.texts[language] and was.texts[language] != now.texts[language]:
                    texts[language].add((kind, entity_id))
    return facts, texts


@dataclass
class Reach:
    """What an edit can change in one language: the entities whose pages, and the comparisons (pairs of role
    keys, as guide.pages.compare.compared_pairs orders them) whose pages, are planned again."""

    entities: set[Key]
    comparisons: set[tuple[Key, Key]]


def reach(old: Graph, new: Graph, language: str, seeds: set[Key]) -> Reach:
    """The pages in `language` that can differ after the seeds changed (see the module's rule)."""
    return Reach(affected_entities(old, new, language, seeds), _comparisons_reached(old, new, seeds))


def affected_entities(old: Graph, new: Graph, language: str, seeds: set[Key]) -> set[Key]:
    """The entities whose pages in `language` can differ after the seeds changed (see the module's rule)."""
    old_glossary, new_glossary = glossary_of(old, language), glossary_of(new, language)
    affected = set(seeds)
    for key in seeds:
        for graph, glossary in ((old, old_glossary), (new, new_glossary)):
            entity = _get(graph, key)
            if entity is None:
                continue
            affected |= _neighbours(graph, entity)
            affected |= {e.key for e in glossary.mentions(_text(entity, language))}
    affected |= _pairs_changed(old, new)
    affected |= _term_changes(old_glossary, new_glossary, new, language)
    return {key for key in affected if _get(new, key) is not None}


def _get(graph: Graph, key: Key) -> Entity | None:
    return graph.entities.get(key[0], {}).get(key[1])


def _text(entity: Entity, language: str) -> str:
    return " \n ".join(running_text(entity.text(language)))


def _neighbours(graph: Graph, entity: Entity) -> set[Key]:
    """What shows a seed, or what a seed's page shows, in one graph."""
    found: set[Key] = set()
    relations = graph.relations_from(entity) + graph.relations_to(entity)
    if entity.kind == "source":
        relations += graph.relations_citing(entity)
        found |= {other.key for other in _all(graph) if any(citation.source is entity for citation in other.evidence)}
    for relation in relations:
        found |= {relation.subject.key, relation.target.key}
        found |= {source.key for source in relation.sources}
        found |= {citation.source.key for citation in relation.evidence}
    found |= {citation.source.key for citation in entity.evidence}
    found |= {debate.key for debate in graph.debates_about(entity)}
    if entity.kind == "debate":  # what it is about: the entities its positions' claims support
        found |= {(kind, entity_id) for relation in graph.relations_from(entity) for citation in relation.evidence
                  for kind, ids in (("role", citation.claim.supports.roles),
                                    ("competency", citation.claim.supports.competencies),
                                    ("concept", citation.claim.supports.concepts)) for entity_id in ids}
    if entity.kind == "role":
        found |= _compared_with(graph, entity)
    return found


def _compared_with(graph: Graph, role: Entity) -> set[Key]:
    return {other.key for pair in compared_pairs(graph).of.get(role.key, ()) for other in pair}


def _pair_keys(graph: Graph) -> set[tuple[Key, Key]]:
    return {(a.key, b.key) for a, b in compared_pairs(graph)}


def _comparisons_reached(old: Graph, new: Graph, seeds: set[Key]) -> set[tuple[Key, Key]]:
    before = _pair_keys(old)
    return {(a.key, b.key) for a, b in compared_pairs(new)
            if (a.key, b.key) not in before or any(_comparison_shows(graph, a.key, b.key) & seeds
                                                   for graph in (old, new))}


def _comparison_shows(graph: Graph, *keys: Key) -> set[Key]:
    """The entities a comparison's page shows (guide.pages.compare): its roles, how they relate and, if both
    need competencies (else it says how many, not which), what each needs; with the sources of that evidence."""
    roles = [role for key in keys if (role := _get(graph, key)) is not None]
    needs = [graph.relations_from(role, "needs") for role in roles]
    shown = set(keys)
    for relation in [r for role in roles for r in graph.relations_from(role) if r.target.key in keys] + (
            [r for side in needs for r in side] if len(needs) == 2 and lists_needs(*needs) else []):
        shown.add(relation.target.key)
        shown.update(source.key for source in relation.sources)  # (a role's relations: its evidence's sources)
    return shown


def _pairs_changed(old: Graph, new: Graph) -> set[Key]:
    """The roles whose comparisons came or went."""
    return {key for pair in _pair_keys(old) ^ _pair_keys(new) for key in pair}


def _term_changes(old: Glossary, new: Glossary, graph: Graph, language: str) -> set[Key]:
    """The entities whose pages a change of the glossary's terms can reach: those a changed term names, and
    those whose text contains a changed term (where its links, tooltips and first occurrences can move)."""
    changed: dict[str, set[Key]] = {}
    for table in ("exact", "folded"):
        before, after = getattr(old, table), getattr(new, table)
        for text in before.keys() | after.keys():
            was, now = before.get(text), after.get(text)
            if was is None or now is None or was.entity.key != now.entity.key or was.tooltip != now.tooltip:
                changed[text] = {term.entity.key for term in (was, now) if term is not None}
    if not changed:
        return set()
    found = {key for keys in changed.values() for key in keys}
    # in any case: the matcher finds every term's letters in any case, then looks its exact spelling up
    terms = [text.lower() for text in changed]
    for entity in _all(graph):
        text = _text(entity, language).lower()
        if any(term in text for term in terms):
            found.add(entity.key)
    return found


def _all(graph: Graph) -> Iterable[Entity]:
    for by_id in graph.entities.values():
        yield from by_id.values()
