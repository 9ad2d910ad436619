"""The editorial rules the whole graph must keep, beyond what each reference needs: a level follows the claim
that decides it, a claim supports a glossary term only where its quote names it, every entity rests on a
source, translations are in their language, and what reviews found (content/guide.yaml, review:) stays true.

Each problem says what to fix, at the line where it is fixed."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..languages import LANGUAGES, NAMES
from .articles import quote_problem
from .model import STANCES
from .problems import Problem
from .yamlfile import KeyPath

if TYPE_CHECKING:  # the graph runs these rules on itself
    from .graph import Graph
    from .loading import LoadedContent

OPTIONAL_MARKERS = ("kunnen worden aangevuld met", "can be supplemented with", "belangrijke pré",
                    "omdat hij bijzondere interesse")
"""Words by which an article presents a competency as supplementary or a plus: a need whose deciding claim
says them is optional, never essential."""

NEED_NOT = ("hoeft niet", "hoeft geen", "hoeven niet", "need not", "does not need", "doesn't need",
            "non è necessario", "non serve")
"""Words by which an article says 'need not': the translation must not turn them into 'must not'."""

MUST_NOT = {"it": "non deve", "nl": "mag niet"}

ENGLISH_ONLY_WORDS = frozenset({"the", "and", "with", "which", "that", "this", "from", "their", "between",
                                "should", "would", "without", "because", "whose", "where", "these", "those",
                                "into"})
"""Words that occur in English sentences and never in Dutch or Italian ones: a text that has them is not
translated yet."""

_QUOTED = re.compile(r"[«“\"‘'][^»”\"’']*[»”\"’']")  # a quoted title keeps its language


def rule_problems(graph: Graph, content: LoadedContent) -> list[Problem]:
    """Every rule broken anywhere in the content."""
    problems = list(_levels(graph, content))
    problems += _concepts_named(graph, content)
    problems += _grounded(graph, content)
    problems += _translations(content)
    problems += _review(graph, content)
    return problems


def _facts_document(content: LoadedContent, kind: str, entity_id: str) -> Any:
    files = content.entities[kind][entity_id]
    assert files.facts is not None  # an entity of the graph has its facts
    return files.facts.document


def _levels(graph: Graph, content: LoadedContent) -> Iterator[Problem]:
    for role in graph.of_kind("role"):
        needs = graph.relations_from(role, "needs")
        for index, need in enumerate(needs):
            deciding = need.evidence[0]
            marker = next((words for words in OPTIONAL_MARKERS if words in deciding.claim.quote), None)
            if need.level == "essential" and marker:
                yield _facts_document(content, "role", role.id).problem(("needs", index, "level"), (
                    f"the first claim under evidence, {deciding.reference}, presents {need.target.id} as "
                    f"supplementary ('{marker}'): set 'level: optional', or put first a claim whose article "
                    "presents it as core or required for the role"))


def stems(text: str) -> list[str]:
    """Words cut to six letters: enough to match 'piattaforma' to 'piattaforme', 'testen' to 'test'."""
    return [word[:6] for word in re.findall(r"[a-z0-9à-ÿ]+", text.lower())]


def _concepts_named(graph: Graph, content: LoadedContent) -> Iterator[Problem]:
    """A claim's supports list only what its quote says; for a glossary term, that the quote uses one of its
    names (in any of the guide's languages)."""
    for source in graph.of_kind("source"):
        document = _facts_document(content, "source", source.id)
        for claim_index, claim in enumerate(source.facts.claims):
            quoted = stems(claim.quote)
            for index, concept_id in enumerate(claim.supports.concepts):
                concept = graph.entities["concept"].get(concept_id)
                if concept is None:
                    continue  # reported as unknown
                names = sorted({name for language in LANGUAGES for text in [concept.text(language)]
                                for name in (text.name, *text.alternative_names)})
                if not any(all(any(q.startswith(w) for q in quoted) for w in stems(name)) for name in names):
                    yield document.problem(("claims", claim_index, "supports", "concepts", index), (
                        f"the quote of claim '{claim.id}' does not name the concept '{concept_id}' (by any of its "
                        f"names: {', '.join(names)}): remove it from supports, or, if the article uses another "
                        f"name for it, add that name to the concept's alternative_names"))


def _grounded(graph: Graph, content: LoadedContent) -> Iterator[Problem]:
    for kind in ("role", "competency", "concept"):
        for entity in graph.of_kind(kind):
            if not any(r.subject.kind == "source" for r in graph.relations_to(entity)):
                yield _facts_document(content, kind, entity.id).problem(("id",), (
                    f"no source discusses or supports {kind} '{entity.id}': list it under a source's discusses, "
                    "or under the supports of a claim whose quote names it, or delete the entity"))


def _prose(record: Any) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Each piece of running text of a text file, with where it stands."""
    for field_name in ("description", "summary"):
        if getattr(record, field_name, None):
            yield (field_name,), getattr(record, field_name)
    for field_name in ("claims", "positions"):
        for key, text in (getattr(record, field_name, None) or {}).items():
            yield (field_name, key), text
    for section_index, section in enumerate(getattr(record, "sections", None) or ()):
        for index, point in enumerate(section.points):
            yield ("sections", section_index, "points", index), point


def _translations(content: LoadedContent) -> Iterator[Problem]:
    for by_id in content.entities.values():
        for _, files in sorted(by_id.items()):
            claims = {claim.id: claim.quote for claim in getattr(files.facts.record, "claims", [])} \
                if files.facts is not None else {}
            for language in ("nl", "it"):
                text = files.texts.get(language)
                if text is None:
                    continue
                for place, prose in _prose(text.record):
                    english = sorted({word.lower() for word in re.findall(r"[A-Za-z]+", _QUOTED.sub("", prose))
                                      if word.lower() in ENGLISH_ONLY_WORDS})
                    if english:
                        yield text.document.problem(place, (
                            f"this {NAMES[language]} text has English words ({', '.join(english)}): translate it "
                            "(a title in quotes may keep its language)"))
                    quote = claims.get(place[1], "") if place[0] == "claims" else ""
                    if MUST_NOT[language] in prose.lower() and any(words in quote.lower() for words in NEED_NOT):
                        yield text.document.problem(place, (
                            f"'{MUST_NOT[language]}' says 'must not', where the quote says 'need not': write it "
                            "as the article says it"))


def _review(graph: Graph, content: LoadedContent) -> Iterator[Problem]:
    if content.guide is None:
        return
    document = content.guide.document
    for index, finding in enumerate(content.guide.record.review):
        place = ("review", index)
        source = graph.entities["source"].get(finding.source)
        if source is None:
            yield document.problem(place + ("source",), f"unknown source '{finding.source}' in this finding")
            continue
        article = content.articles.texts.get(source.facts.seed or "")  # as the sources' check read it, if it did
        said = quote_problem(finding.says, article, source.facts.seed) if article is not None else None
        if said:
            yield document.problem(place + ("says",), said)
        yield from _kept(graph, content, finding, document, place)


def _kept(graph: Graph, content: LoadedContent, finding: Any, review: Any, place: KeyPath) -> Iterator[Problem]:
    """The finding's rule, broken: at the content that breaks it, naming the article and what it says."""
    title = graph.entities["source"][finding.source].facts.original_title
    says = f"the article '{title}' ({finding.source}) says '{finding.says}'"
    at = f" (the review's finding at {review.display_path}:{review.location(place)[0]})"
    if finding.relation is not None:
        subject_id, type_, target_id = finding.relation.split()
        subject = next((graph.entities[kind][subject_id] for kind in ("role", "competency", "concept")
                        if subject_id in graph.entities[kind]), None)
        if subject is None and any(subject_id in ids for ids in content.ids_on_disk.values()):
            return  # its files have problems of their own
        listed = _listed(subject.facts, type_, target_id) if subject else None
        if listed is None:
            if not finding.absent:
                yield review.problem(place + ("relation",), (
                    f"{says}, so '{finding.relation}' belongs in the guide: add that relation to {subject_id}, "
                    "citing the claim that quotes it"))
            return
        key_path, relation = listed
        document = _facts_document(content, subject.kind if subject else "role", subject_id)
        if finding.absent:
            yield document.problem(key_path, f"{says}: remove this relation{at}")
        if finding.criticised is not None and getattr(relation, "criticised", False) != finding.criticised:
            yield document.problem(key_path, (
                f"{says}: set 'criticised: {str(finding.criticised).lower()}' on this relation{at}"))
        if finding.level is not None and getattr(relation, "level", None) != finding.level:
            yield document.problem(key_path + ("level",), f"{says}: set 'level: {finding.level}'{at}")
    elif finding.debate is not None:
        debate = graph.entities["debate"].get(finding.debate)
        for position_index, position in enumerate(debate.facts.positions if debate else []):
            for stance in STANCES:
                for index, reference in enumerate(getattr(position, stance)):
                    if reference.split("/")[0] == finding.source:
                        yield _facts_document(content, "debate", finding.debate).problem(
                            ("positions", position_index, stance, index),
                            f"{says}, which takes no part in this debate: cite another claim{at}")
    elif finding.claim is not None:
        source_id, claim_id = finding.claim.split("/")
        source = graph.entities["source"].get(source_id)
        for claim_index, claim in enumerate(source.facts.claims if source else []):
            for kind_field in ("roles", "competencies", "concepts") if claim.id == claim_id else ():
                for index, listed_id in enumerate(getattr(claim.supports, kind_field)):
                    if listed_id in finding.not_supporting:
                        yield _facts_document(content, "source", source_id).problem(
                            ("claims", claim_index, "supports", kind_field, index),
                            f"{says}, which does not say {listed_id}: remove it from this claim's supports{at}")
    elif finding.year is not None:
        source = graph.entities["source"][finding.source]
        if source.facts.year != finding.year:
            yield _facts_document(content, "source", source.id).problem(("year",), (
                f"{says}: the article was written in {finding.year}: set 'year: {finding.year}'{at}"))


def _listed(facts: Any, type_: str, target_id: str) -> tuple[KeyPath, Any] | None:
    """Where the subject's facts file lists the relation, and its entry there."""
    if type_ == "needs":
        entries: list[tuple[KeyPath, Any]] = [(("needs", i), need) for i, need in enumerate(facts.needs)
                                              if need.competency == target_id]
    elif type_ == "part_of" and hasattr(facts, "part_of"):
        entries = [(("part_of",), facts.part_of)] if facts.part_of and facts.part_of.competency == target_id else []
    else:
        entries = [(("relations", i), entry) for i, entry in enumerate(getattr(facts, "relations", []))
                   if entry.type == type_ and getattr(entry, "role", getattr(entry, "concept", None)) == target_id]
    return entries[0] if entries else None
