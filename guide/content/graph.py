"""The knowledge graph: entities with their texts, and the relations between them, every reference resolved."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..languages import LANGUAGES
from .loading import LANGUAGE_NAMES, EntityFiles, LoadedContent, LoadedFile
from .messages import suggestion
from .model import KINDS, STANCES
from .problems import ContentProblems, Problem
from .rules import rule_problems
from .yamlfile import KeyPath

_T = TypeVar("_T")


@dataclass(eq=False)
class Entity:
    kind: str
    id: str
    facts: Any
    texts: dict[str, Any]
    _names: dict[str, str] = field(default_factory=dict, repr=False)
    evidence: tuple[Citation, ...] = ()  # the claims that back its description (roles, competencies, concepts)
    key: tuple[str, str] = field(init=False, repr=False)  # (kind, id): looked up hundreds of thousands of times

    def __post_init__(self) -> None:
        self.key = (self.kind, self.id)

    def text(self, language: str) -> Any:
        return self.texts[language]

    def name(self, language: str) -> str:
        try:
            return self._names[language]
        except KeyError:  # asked for hundreds of thousands of times while pages are planned: kept once known
            text = self.texts[language]
            name: str = getattr(text, "name", None) or text.title
            self._names[language] = name
            return name

    def __repr__(self) -> str:
        return f"<{self.kind} {self.id}>"


@dataclass(eq=False, slots=True)  # (not frozen: tens of thousands are made, and a frozen one is made 4x slower)
class Citation:
    """One claim of a source, cited as evidence: its quote (in the article's language) says the relation."""

    source: Entity
    claim: Any  # guide.model.Claim: id, quote, supports

    @property
    def reference(self) -> str:
        return f"{self.source.id}/{self.claim.id}"


@dataclass(eq=False, slots=True)  # (not frozen, as Citation)
class Relation:
    """subject --type--> target, supported by sources; `evidence` names the claims whose quotes say it (for a
    need, the first decides the level). `level` is set for role needs competency; `criticised` marks a
    relation its article describes as a practice it criticises; `stance` what a source does with a debate's
    position."""

    subject: Entity
    type: str
    target: Entity
    sources: tuple[Entity, ...]
    level: str | None = None
    evidence: tuple[Citation, ...] = ()
    criticised: bool = False
    stance: str | None = None  # for a debate position: holds, reports or rejects (guide.content.model.STANCES)


SHARED_TEXT = ("edition_of", "reuses")
"""The relations by which two sources share their text: they are one voice."""


def _cited(evidence: tuple[Citation, ...]) -> tuple[Entity, ...]:
    """The sources of the evidence, each once, in the order they are first cited."""
    return tuple({citation.source.key: citation.source for citation in evidence}.values())


@dataclass
class Graph:
    entities: dict[str, dict[str, Entity]]
    relations: list[Relation]
    outgoing: dict[tuple[str, str], list[Relation]] = field(default_factory=lambda: defaultdict(list))
    incoming: dict[tuple[str, str], list[Relation]] = field(default_factory=lambda: defaultdict(list))
    citing: dict[tuple[str, str], list[Relation]] = field(default_factory=lambda: defaultdict(list))
    debated: dict[tuple[str, str], list[Entity]] = field(default_factory=lambda: defaultdict(list))
    subject: Entity | None = None        # the role the guide is about (content/guide.yaml, or the most discussed)
    open_question: Entity | None = None  # the debate the home page puts forward
    notices: tuple[str, ...] = ()        # what the editor should know that is no problem (unchecked quotes)
    _derived: dict[Hashable, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        for relation in self.relations:
            self.outgoing[relation.subject.key].append(relation)
            self.incoming[relation.target.key].append(relation)
            if not relation.type.startswith("claim:"):  # a claim's supports are its own, not a citation of it
                for source in relation.sources if relation.evidence else ():
                    self.citing[source.key].append(relation)
            if relation.type.startswith("position:"):
                for citation in relation.evidence:
                    for kind, ids in _mentions(citation.claim.supports):
                        for entity_id in ids:
                            if relation.subject not in self.debated[(kind, entity_id)]:
                                self.debated[(kind, entity_id)].append(relation.subject)

    def derived(self, key: Hashable, work_out: Callable[[], _T]) -> _T:
        """What is worked out from the whole graph (a language's glossary, the compared pairs), worked out once:
        each language's pages, and the preview's rule of what an edit reaches, ask for it again."""
        try:
            value: _T = self._derived[key]
        except KeyError:
            value = self._derived[key] = work_out()
        return value

    def of_kind(self, kind: str) -> list[Entity]:
        return list(self.entities[kind].values())

    def get(self, kind: str, entity_id: str) -> Entity:
        return self.entities[kind][entity_id]

    def relations_from(self, entity: Entity, *types: str) -> list[Relation]:
        return [r for r in self.outgoing[entity.key] if not types or r.type in types]

    def relations_to(self, entity: Entity, *types: str) -> list[Relation]:
        return [r for r in self.incoming[entity.key] if not types or r.type in types]

    def debates_about(self, entity: Entity) -> list[Entity]:
        """The debates with a position that cites a claim about this entity."""
        return self.debated.get(entity.key, [])

    def relations_citing(self, source: Entity) -> list[Relation]:
        """The relations (and debate positions) whose evidence cites claims of this source."""
        return self.citing[source.key]

    def count(self) -> int:
        return sum(len(by_id) for by_id in self.entities.values())

    def voice_of(self, source: Entity) -> Entity:
        """The voice a source speaks with: the first (by id) of the sources it shares its text with, as
        editions of one article or by reusing another's text (itself, when it shares its text with none)."""
        return self.derived("voices", lambda: _voices(self)).get(source.key, source)

    def voices(self, sources: Iterable[Entity]) -> int:
        """How many independent voices the sources are: sources that share their text count once."""
        return len({self.voice_of(source).key for source in sources})


def build_graph(content: LoadedContent) -> Graph:
    """Resolve every reference; raise ContentProblems with all problems, the loader's included."""
    problems = list(content.problems)
    entities = {
        kind: {entity_id: Entity(kind, entity_id, files.facts.record,
                                 {lang: f.record for lang, f in files.texts.items()})
               for entity_id, files in sorted(by_id.items()) if files.facts is not None and _complete(files)}
        for kind, by_id in content.entities.items()
    }
    resolver = _Resolver(entities, content.ids_on_disk, problems)
    relations: list[Relation] = []
    for kind, by_id in content.entities.items():
        for entity_id, files in by_id.items():
            if files.facts is not None and _complete(files):
                entity = entities[kind][entity_id]
                relations += _RELATIONS_OF[kind](entity, files.facts, resolver)
                entity.evidence = _description_evidence(entity, files.facts, resolver)
                problems += _text_agreement(files, files.facts)
    subject, question = _guide_choices(content, resolver)
    graph = Graph(entities, relations)
    if not problems:  # the rules read the whole graph: with parts missing they would only echo those problems
        problems += rule_problems(graph, content)
    if problems:
        raise ContentProblems(problems)
    graph.subject = subject or _most_discussed(graph)
    graph.open_question = question or _most_debated(graph, graph.subject)
    notice = content.article_notice()
    graph.notices = (notice,) if notice else ()
    return graph


def _voices(graph: Graph) -> dict[tuple[str, str], Entity]:
    """Each source's voice: sources joined by edition_of or reuses, however far, are one."""
    voice = {source.key: source for source in graph.of_kind("source")}

    def find(key: tuple[str, str]) -> Entity:
        while voice[key].key != key:
            key = voice[key].key
        return voice[key]

    for relation in graph.relations:
        if relation.type in SHARED_TEXT:
            first, second = sorted((find(relation.subject.key), find(relation.target.key)), key=lambda s: s.id)
            voice[second.key] = first
    return {key: find(key) for key in voice}


def _guide_choices(content: LoadedContent, resolve: _Resolver) -> tuple[Entity | None, Entity | None]:
    """The subject role and open question content/guide.yaml names, if it names them."""
    if content.guide is None:
        return None, None
    facts: Any = content.guide.record  # guide.content.model.GuideFacts
    subject = resolve.entity("role", facts.subject, content.guide, ("subject",)) if facts.subject else None
    question = resolve.entity("debate", facts.open_question, content.guide, ("open_question",)) \
        if facts.open_question else None
    return subject, question


def _most_discussed(graph: Graph) -> Entity | None:
    """The role the most independent articles discuss (then the one with most needs, then by id)."""
    return min(graph.of_kind("role"), default=None, key=lambda role: (
        -graph.voices([r.subject for r in graph.relations_to(role, "discusses")]),
        -len(graph.relations_from(role, "needs")), role.id))


def _most_debated(graph: Graph, subject: Entity | None) -> Entity | None:
    """The debate about the subject that the most independent articles take part in (then by id)."""
    debates = graph.debates_about(subject) if subject else []
    return min(debates, default=None, key=lambda debate: (
        -graph.voices([r.target for r in graph.relations_from(debate)]), debate.id))


def _complete(files: EntityFiles) -> bool:
    return files.facts is not None and all(language in files.texts for language in LANGUAGES)


class _Resolver:
    """Looks up referenced ids, reporting unknown ones with a suggestion."""

    def __init__(self, entities: dict[str, dict[str, Entity]], ids_on_disk: dict[str, set[str]],
                 problems: list[Problem]):
        self.entities = entities
        self.ids_on_disk = ids_on_disk  # ids whose files exist but have problems of their own
        self.problems = problems
        self._claims: dict[str, dict[str, Any]] = {}  # source id -> its claims by id (the first of an id)

    def entity(self, kind: str, entity_id: str, loaded: LoadedFile[Any], place: KeyPath) -> Entity | None:
        found = self.entities[kind].get(entity_id)
        if found is None and entity_id not in self.ids_on_disk.get(kind, ()):
            folder = KINDS[kind].folder
            self.problems.append(loaded.document.problem(place, (
                f"unknown {kind} '{entity_id}'{suggestion(entity_id, self.entities[kind])}: use the id of "
                f"a file in content/facts/{folder}/, or add that {kind}")))
        return found

    def citations(self, references: list[str], loaded: LoadedFile[Any], place: KeyPath,
                  field_name: str = "evidence") -> tuple[Citation, ...] | None:
        """The claims cited under place + (field_name,); None when any of them cannot be found."""
        found: list[Citation | None] = []
        seen: set[str] = set()
        for index, reference in enumerate(references):
            where = place + (field_name, index)
            if reference in seen:
                self.problems.append(loaded.document.problem(where, (
                    f"the claim '{reference}' is cited twice here: keep one")))
            seen.add(reference)
            found.append(self.citation(reference, loaded, where))
        cited = tuple(citation for citation in found if citation is not None)
        return cited if len(cited) == len(found) else None

    def citation(self, reference: str, loaded: LoadedFile[Any], where: KeyPath) -> Citation | None:
        source_id, claim_id = reference.split("/", 1)
        source = self.entity("source", source_id, loaded, where)
        if source is None:
            return None
        claims = self._claims.get(source.id)
        if claims is None:
            claims = self._claims[source.id] = {}
            for claim in source.facts.claims:  # a second claim with the same id is reported where it stands
                claims.setdefault(claim.id, claim)
        if claim_id not in claims:
            self.problems.append(loaded.document.problem(where, (
                f"the source '{source_id}' has no claim '{claim_id}'{suggestion(claim_id, claims)}: cite one of "
                f"the claims in content/facts/sources/{source_id}.yaml, or add a claim whose quote says it")))
            return None
        return Citation(source, claims[claim_id])

    def relation(self, subject: Entity, type_: str, kind: str, target_id: str, references: list[str],
                 loaded: LoadedFile[Any], place: KeyPath, target_field: str, level: str | None = None,
                 criticised: bool = False) -> Iterator[Relation]:
        target = self.entity(kind, target_id, loaded, place + (target_field,))
        evidence = self.citations(references, loaded, place)
        if target is subject:
            self.problems.append(loaded.document.problem(place + (target_field,), (
                f"a {subject.kind} cannot relate to itself: name another {kind} here")))
        elif target is not None and evidence is not None:
            self.problems.extend(_unsupported(subject, type_, target, evidence, loaded, place))
            yield Relation(subject, type_, target, _cited(evidence), level, evidence, criticised)


_SUPPORTED_KINDS = {"role": "roles", "competency": "competencies", "concept": "concepts"}


def _unsupported(subject: Entity, type_: str, target: Entity, evidence: tuple[Citation, ...],
                 loaded: LoadedFile[Any], place: KeyPath) -> list[Problem]:
    """A cited claim must say what the relation says: its supports list both ends of the relation."""
    problems = []
    for index, citation in enumerate(evidence):
        for end in (subject, target):
            listed = getattr(citation.claim.supports, _SUPPORTED_KINDS[end.kind])
            if end.id not in listed:
                problems.append(loaded.document.problem(place + ("evidence", index), (
                    f"the claim '{citation.reference}' is cited for {subject.id} {type_.replace('_', ' ')} "
                    f"{target.id}, but its supports do not list {end.kind} '{end.id}': add it under "
                    f"supports: {_SUPPORTED_KINDS[end.kind]} of that claim if its quote says so, or cite a claim "
                    "whose quote does")))
    return problems


def _description_evidence(entity: Entity, facts: LoadedFile[Any], resolve: _Resolver) -> tuple[Citation, ...]:
    references = getattr(entity.facts, "evidence", [])
    evidence = resolve.citations(references, facts, ()) if references else ()
    for index, citation in enumerate(evidence or ()):
        if entity.id not in getattr(citation.claim.supports, _SUPPORTED_KINDS[entity.kind]):
            resolve.problems.append(facts.document.problem(("evidence", index), (
                f"the claim '{citation.reference}' is cited for the description of {entity.id}, but its supports "
                f"do not list {entity.kind} '{entity.id}': add it under supports: {_SUPPORTED_KINDS[entity.kind]} "
                "of that claim if its quote says so, or cite a claim whose quote does")))
    return evidence or ()


def _role_relations(role: Entity, facts: LoadedFile[Any], resolve: _Resolver) -> list[Relation]:
    relations: list[Relation] = []
    seen: dict[KeyPath, int] = {}
    for index, need in enumerate(role.facts.needs):
        _once(seen, ("needs", need.competency), facts, ("needs", index), resolve.problems,
              f"the competency '{need.competency}' is listed twice under 'needs': keep one")
        relations += resolve.relation(role, "needs", "competency", need.competency, need.evidence, facts,
                                      ("needs", index), "competency", need.level)
    for index, related in enumerate(role.facts.relations):
        _once(seen, (related.type, related.role), facts, ("relations", index), resolve.problems,
              f"the relation {related.type} '{related.role}' is listed twice: keep one")
        relations += resolve.relation(role, related.type, "role", related.role, related.evidence, facts,
                                      ("relations", index), "role", criticised=related.criticised)
    return relations


def _competency_relations(competency: Entity, facts: LoadedFile[Any], resolve: _Resolver) -> list[Relation]:
    part_of = competency.facts.part_of
    if part_of is None:
        return []
    return list(resolve.relation(competency, "part_of", "competency", part_of.competency, part_of.evidence,
                                 facts, ("part_of",), "competency"))


def _concept_relations(concept: Entity, facts: LoadedFile[Any], resolve: _Resolver) -> list[Relation]:
    relations: list[Relation] = []
    seen: dict[KeyPath, int] = {}
    for index, related in enumerate(concept.facts.relations):
        _once(seen, (related.type, related.concept), facts, ("relations", index), resolve.problems,
              f"the relation {related.type} '{related.concept}' is listed twice: keep one")
        relations += resolve.relation(concept, related.type, "concept", related.concept, related.evidence,
                                      facts, ("relations", index), "concept")
    return relations


def _source_relations(source: Entity, facts: LoadedFile[Any], resolve: _Resolver) -> list[Relation]:
    relations: list[Relation] = []
    itself = (source,)
    if source.facts.edition_of:
        edition = resolve.entity("source", source.facts.edition_of, facts, ("edition_of",))
        if edition is source:
            resolve.problems.append(facts.document.problem(("edition_of",), (
                "a source cannot be an edition of itself: name another source here, or write null")))
        elif edition is not None:
            relations.append(Relation(source, "edition_of", edition, itself))
    for index, reused_id in enumerate(source.facts.reuses):
        reused = resolve.entity("source", reused_id, facts, ("reuses", index))
        if reused is source:
            resolve.problems.append(facts.document.problem(("reuses", index), (
                "a source cannot reuse its own text: name another source here, or remove this id")))
        elif reused is not None:
            relations.append(Relation(source, "reuses", reused, itself))
    for kind, ids in _mentions(source.facts.discusses):
        for index, target_id in enumerate(ids):
            target = resolve.entity(kind, target_id, facts, ("discusses", KINDS[kind].folder, index))
            if target:
                relations.append(Relation(source, "discusses", target, itself))
    seen: dict[KeyPath, int] = {}
    for claim_index, claim in enumerate(source.facts.claims):
        _once(seen, ("claim", claim.id), facts, ("claims", claim_index, "id"), resolve.problems,
              f"two claims have the id '{claim.id}': give each claim its own id")
        for kind, ids in _mentions(claim.supports):
            for index, target_id in enumerate(ids):
                place = ("claims", claim_index, "supports", KINDS[kind].folder, index)
                target = resolve.entity(kind, target_id, facts, place)
                if target:
                    relations.append(Relation(source, f"claim:{claim.id}", target, itself,
                                              evidence=(Citation(source, claim),)))
    return relations


def _debate_relations(debate: Entity, facts: LoadedFile[Any], resolve: _Resolver) -> list[Relation]:
    relations: list[Relation] = []
    seen: dict[KeyPath, int] = {}
    for index, position in enumerate(debate.facts.positions):
        _once(seen, ("position", position.id), facts, ("positions", index, "id"), resolve.problems,
              f"two positions have the id '{position.id}': give each position its own id")
        for stance in STANCES:
            evidence = resolve.citations(getattr(position, stance), facts, ("positions", index), stance) or ()
            for source in _cited(evidence):
                relations.append(Relation(debate, f"position:{position.id}", source, (source,),
                                          evidence=tuple(c for c in evidence if c.source is source), stance=stance))
    return relations


_RELATIONS_OF: dict[str, Callable[[Entity, LoadedFile[Any], _Resolver], list[Relation]]] = {
    "role": _role_relations,
    "competency": _competency_relations,
    "concept": _concept_relations,
    "source": _source_relations,
    "debate": _debate_relations,
}


def _mentions(mentions: Any) -> Iterator[tuple[str, list[str]]]:
    yield "role", mentions.roles
    yield "competency", mentions.competencies
    yield "concept", mentions.concepts


def _once(seen: dict[KeyPath, int], key: KeyPath, loaded: LoadedFile[Any], place: KeyPath, problems: list[Problem],
          message: str) -> None:
    if key in seen:
        problems.append(loaded.document.problem(place, message))
    seen[key] = 1


def _text_agreement(files: EntityFiles, facts: LoadedFile[Any]) -> list[Problem]:
    """Texts keyed by the facts' claim and position ids, and sections shaped alike in every language."""
    problems = []
    keyed = {"source": ("claims", "claim", [claim.id for claim in getattr(facts.record, "claims", [])]),
             "debate": ("positions", "position", [p.id for p in getattr(facts.record, "positions", [])])}
    if files.kind.name in keyed:
        field_name, noun, expected = keyed[files.kind.name]
        known = set(expected)
        for language in LANGUAGES:
            text = files.texts[language]
            given = getattr(text.record, field_name)
            if given.keys() == known:
                continue
            for missing in [key for key in expected if key not in given]:
                problems.append(text.document.problem((field_name,), (
                    f"the {noun} '{missing}' has no {LANGUAGE_NAMES[language]} text: add "
                    f"'{missing}: ...' under '{field_name}'")))
            for extra in [key for key in given if key not in known]:
                problems.append(text.document.problem((field_name, extra), (
                    f"'{extra}' is not a {noun} of this {files.kind.name}{suggestion(extra, expected)}: "
                    f"{_ids_given(noun, field_name, expected, facts.document.display_path)}")))
    if files.kind.name == "source":
        reference = files.texts[LANGUAGES[0]]
        shape = _section_shape(reference.record)
        for language in LANGUAGES[1:]:
            text = files.texts[language]
            if _section_shape(text.record) != shape:
                problems.append(text.document.problem(("sections",), (
                    f"the sections differ from {reference.document.display_path} "
                    f"({_describe_shape(_section_shape(text.record))} here, {_describe_shape(shape)} there): "
                    "every language lists the same sections with the same number of points")))
    return problems


def _ids_given(noun: str, field_name: str, ids: list[str], facts_path: str) -> str:
    """Where the right ids are: listed when they are few, else the place to look them up."""
    unique = list(dict.fromkeys(ids))
    if len(unique) <= 8:
        return f"the {noun}s in {facts_path} are: {', '.join(unique)}"
    return f"use an id given under '{field_name}' in {facts_path}"


def _section_shape(text: Any) -> tuple[int, ...]:
    return tuple(len(section.points) for section in text.sections)


def _describe_shape(shape: tuple[int, ...]) -> str:
    points = "/".join(str(n) for n in shape) or "none"
    return f"{len(shape)} sections with {points} points"
