"""The content model: what each kind of file holds. The single definition behind validation and schemas."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

FACTS = "facts"
"""The folder of language-neutral facts, beside the language folders."""

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Language = Literal["en", "nl", "it"]  # the codes of languages.LANGUAGES (a test checks they agree)


class Record(BaseModel):
    """A mapping with a fixed set of fields: unknown fields are errors, nothing is coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class EntityRecord(Record):
    """The record of an entity's file (facts or text): first of all, its id."""

    id: Slug = Field(description="The entity's id: the file name without .yaml.")


class NamedText(EntityRecord):
    """The text of an entity in one language."""

    name: Text = Field(description="The name in this language.")
    alternative_names: list[Text] = Field(
        description="Other names and abbreviations in this language; [] when there are none.")
    description: Text = Field(description="What it is, in this language: one or more sentences.")


CLAIM_REFERENCE_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$"
ClaimReference = Annotated[str, StringConstraints(pattern=CLAIM_REFERENCE_PATTERN)]
Evidence = Annotated[list[ClaimReference], Field(
    min_length=1,
    description="The claims whose quotes say it, each as <source id>/<claim id> (a claim of that source's "
                "facts file).")]
NeedEvidence = Annotated[list[ClaimReference], Field(
    min_length=1,
    description="The claims whose quotes say that the role needs this competency, each as <source id>/<claim "
                "id>. The first one decides the level: essential where its article presents the competency as "
                "core or required for the role, optional where it is supplementary, a plus or one option of "
                "several.")]


# ---- roles ----------------------------------------------------------------------------------------

class Need(Record):
    competency: Slug = Field(description="The id of a competency.")
    level: Literal["essential", "optional"] = Field(
        description="essential (the article presents it as core or required for the role) or optional "
                    "(supplementary, a plus, one option of several), as the first claim under evidence says.")
    evidence: NeedEvidence


RoleRelationType = Literal["reports_to", "leads", "member_of", "works_with", "evolves_into", "demoted_to",
                           "taken_over_by", "also_called", "also_titled"]


class RoleRelation(Record):
    type: RoleRelationType = Field(description=(
        "How this role relates to the other role: reports_to, leads, member_of, works_with, evolves_into, "
        "demoted_to (the article says the role is downgraded to the other, e.g. if not capable enough: no "
        "evolution), "
        "taken_over_by (where companies move beyond this role, the other takes over its responsibility), "
        "also_called (the article says both names mean the same role) or also_titled (the article gives this "
        "role the other role's title as well, e.g. among the titles some companies use, without saying the "
        "two are the same role)."))
    role: Slug = Field(description="The id of the other role.")
    evidence: Evidence
    criticised: bool = Field(default=False, description=(
        "true when the article describes this relation as a practice it criticises (it is shown as such, "
        "never as a recommendation); false (the default) when the article states or recommends it."))


ESCO_PATTERN = r"^http://data\.europa\.eu/esco/occupation/[0-9a-f-]+$"


class Mappings(Record):
    esco: Annotated[str, StringConstraints(pattern=ESCO_PATTERN)] | None = Field(
        default=None, description="ESCO occupation URI.")
    isco08: Annotated[str, StringConstraints(pattern=r"^[0-9]{1,4}$")] | None = Field(
        default=None, description="ISCO-08 code, as text, e.g. \"1221\".")
    onet_soc: Annotated[str, StringConstraints(pattern=r"^[0-9]{2}-[0-9]{4}\.[0-9]{2}$")] | None = Field(
        default=None, description="O*NET-SOC code, e.g. \"11-2021.00\".")


DescriptionEvidence = Annotated[list[ClaimReference], Field(
    default=[],
    description="Optional: the claims whose quotes back the description, each as <source id>/<claim id>; shown "
                "as citations after it. Each must list this entity under its supports.")]


class RoleFacts(EntityRecord):
    evidence: DescriptionEvidence
    needs: list[Need] = Field(default=[], description="The competencies this role needs.")
    relations: list[RoleRelation] = Field(default=[], description="Relations to other roles.")
    mappings: Mappings | None = Field(default=None, description="Classifications this role corresponds to.")


class RoleText(NamedText):
    pass


# ---- competencies ---------------------------------------------------------------------------------

class PartOfCompetency(Record):
    competency: Slug = Field(description="The id of the broader competency.")
    evidence: Evidence


class CompetencyFacts(EntityRecord):
    evidence: DescriptionEvidence
    type: Literal["trait", "skill", "knowledge"] = Field(description="trait, skill or knowledge.")
    part_of: PartOfCompetency | None = Field(default=None, description="A broader competency this one belongs to.")


class CompetencyText(NamedText):
    pass


# ---- concepts -------------------------------------------------------------------------------------

class ConceptRelation(Record):
    type: Literal["evolves_into", "related_to", "part_of"] = Field(description="How the concepts relate.")
    concept: Slug = Field(description="The id of the other concept.")
    evidence: Evidence


class ConceptFacts(EntityRecord):
    evidence: DescriptionEvidence
    relations: list[ConceptRelation] = Field(default=[], description="Relations to other concepts.")


class ConceptText(NamedText):
    pass


# ---- sources --------------------------------------------------------------------------------------

class Mentions(Record):
    roles: list[Slug] = Field(default=[], description="Ids of roles.")
    competencies: list[Slug] = Field(default=[], description="Ids of competencies.")
    concepts: list[Slug] = Field(default=[], description="Ids of concepts.")


class Claim(Record):
    id: Slug = Field(description="The claim's id, unique within the source.")
    quote: Text = Field(description="A verbatim quote from the article, in its original language, at most 40 words.")
    supports: Mentions = Field(default=Mentions(), description="What the claim is evidence for.")

    @field_validator("quote")
    @classmethod
    def _at_most_40_words(cls, quote: str) -> str:
        if len(quote.split()) > 40:
            raise ValueError(f"the quote has {len(quote.split())} words; shorten it to at most 40")
        return quote


HttpUrl = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"']+$")]


class SourceFacts(EntityRecord):
    original_language: Language = Field(description="The language the article was written in: en, nl or it.")
    original_title: Text = Field(description="The article's title in its original language.")
    authors: list[Text] = Field(description="The authors the article names; [] when it names none.")
    organisation: Text | None = Field(description="The organisation the article names, or null.")
    author_kind: Literal["agency", "vendor", "practitioner", "not-stated"] = Field(description=(
        "Who wrote it: agency (someone at an agency or consultancy), vendor (a company selling a product to "
        "the readers), practitioner (someone writing from their own work in e-commerce) or not-stated."))
    year: int | None = Field(description="The year the article was written, when the text gives it, else null.")
    url: HttpUrl | None = Field(default=None, description="Where the article is published (http or https), or null.")
    seed: Text | None = Field(default=None, description=(
        "The name of the article's text file in an article folder (GUIDE_ARTICLES, else articles: in "
        "content/guide.yaml, else ../shared/seeds), to check the quotes against; null only with why_no_seed."))
    why_no_seed: Text | None = Field(default=None, description=(
        "Only where seed is null: why the article's text cannot be kept (e.g. it is only in print)."))
    edition_of: Slug | None = Field(default=None, description="The id of a source this one is another version of.")
    reuses: list[Slug] = Field(default=[], description=(
        "The ids of sources whose text this article reuses, nearly word for word, without being an edition of "
        "them: with them it is one voice, counted once wherever the guide counts articles."))
    discusses: Mentions = Field(description="The roles, competencies and concepts the article discusses.")
    claims: list[Claim] = Field(min_length=1, description="The key claims, each with a verbatim quote.")


SUMMARY_WORDS = (80, 200)


class Section(Record):
    heading: Text = Field(description="The heading, in this language.")
    points: list[Text] = Field(default=[], description="The points under it, in this language.")


class SourceText(EntityRecord):
    title: Text = Field(description="The title in this language.")
    summary: Text = Field(description="A summary of 80-200 words in this language.")
    claims: dict[Slug, Text] = Field(description="The text of each claim in this language, by claim id.")
    sections: list[Section] = Field(default=[], description="Structure the article has, in this language.")

    @field_validator("summary")
    @classmethod
    def _sized_summary(cls, summary: str) -> str:
        fewest, most = SUMMARY_WORDS
        count = len(summary.split())
        if count < fewest:
            raise ValueError(f"the summary has {count} words; write at least {fewest} (at most {most}): what the "
                             "article says, its main claims and how it argues them")
        if count > most:
            raise ValueError(f"the summary has {count} words; shorten it to at most {most} (at least {fewest})")
        return summary


# ---- debates --------------------------------------------------------------------------------------

STANCES = ("holds", "reports", "rejects")
"""What an article does with a position it is cited for: argues for it, tells of it without taking it up, or
argues against it."""

class Position(Record):
    id: Slug = Field(description="The position's id, unique within the debate.")
    holds: list[ClaimReference] = Field(default=[], description=(
        "The claims (<source id>/<claim id>) whose articles hold the position: they argue for it."))
    reports: list[ClaimReference] = Field(default=[], description=(
        "The claims whose articles report the position (tell that others hold it) without taking it up."))
    rejects: list[ClaimReference] = Field(default=[], description=(
        "The claims whose articles reject the position: they argue against it."))

    @model_validator(mode="after")
    def _cites(self) -> Position:
        if not (self.holds or self.reports or self.rejects):
            raise ValueError("this position cites no evidence: list the claims whose articles hold it under "
                             "'holds:', those that only report it under 'reports:', those that reject it under "
                             "'rejects:', each as <source id>/<claim id>")
        return self


class DebateFacts(EntityRecord):
    positions: list[Position] = Field(min_length=2, description="The positions the sources take.")


class DebateText(NamedText):
    alternative_names: list[Text] = Field(default=[], description="Other ways to phrase the question.")
    positions: dict[Slug, Text] = Field(description="The text of each position in this language, by position id.")


# ---- the guide as a whole ---------------------------------------------------------------------------

GUIDE_FILE = "guide.yaml"
"""The optional file at the top of the content folder that says what the home page is about."""

RELATION_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)* [a-z_]+ [a-z0-9]+(-[a-z0-9]+)*$"


class Finding(Record):
    """What a review of the guide against an article found, kept as a rule: `guide check` fails, naming the
    article and what it says, if the content ever says otherwise again."""

    source: Slug = Field(description="The id of the source whose article says it.")
    says: Text = Field(description="What the article says, verbatim (checked against the article like a quote).")
    relation: Annotated[str, StringConstraints(pattern=RELATION_PATTERN)] | None = Field(default=None, description=(
        "A relation as '<subject id> <type> <target id>', e.g. 'cmo taken_over_by cco': it must exist "
        "(or, with absent: true, must not), with the criticised or level given here, if any."))
    absent: bool = Field(default=False, description="true: the relation must not exist.")
    criticised: bool | None = Field(default=None, description="The relation's criticised, as the article says.")
    level: Literal["essential", "optional"] | None = Field(default=None, description="The need's level.")
    debate: Slug | None = Field(default=None, description="A debate whose positions must not cite this source.")
    claim: ClaimReference | None = Field(default=None, description=(
        "A claim (<source id>/<claim id>) whose supports must not list the ids under not_supporting."))
    not_supporting: list[Slug] = Field(default=[], description="What the claim's quote does not say.")
    year: int | None = Field(default=None, description="The year the source's article was written.")

    @model_validator(mode="after")
    def _one_rule(self) -> Finding:
        rules = [name for name in ("relation", "debate", "claim", "year") if getattr(self, name) is not None]
        if len(rules) != 1:
            raise ValueError("a finding keeps exactly one of relation, debate, claim or year"
                             + (f"; this one has {', '.join(rules)}" if rules else ""))
        return self


class GuideFacts(Record):
    subject: Slug | None = Field(default=None, description=(
        "The id of the role the guide is about: the home page answers what it is. Without it, the role the "
        "most articles discuss."))
    open_question: Slug | None = Field(default=None, description=(
        "The id of the debate the home page puts forward. Without it, the debate about the subject that the "
        "most articles take part in."))
    articles: list[Text] = Field(default=[], description=(
        "The folders that hold the articles' text files (relative to the project folder), where the "
        "environment variable GUIDE_ARTICLES names none; without either, ../shared/seeds."))
    review: list[Finding] = Field(default=[], description=(
        "What reviews of the guide against its articles found, each kept as a rule guide check enforces."))


# ---- kinds ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Kind:
    """A kind of entity: its folder name and the models of its facts file and its text files."""

    name: str
    folder: str
    facts: type[EntityRecord]
    text: type[EntityRecord]


KINDS = {
    kind.name: kind
    for kind in (
        Kind("role", "roles", RoleFacts, RoleText),
        Kind("competency", "competencies", CompetencyFacts, CompetencyText),
        Kind("concept", "concepts", ConceptFacts, ConceptText),
        Kind("source", "sources", SourceFacts, SourceText),
        Kind("debate", "debates", DebateFacts, DebateText),
    )
}
KIND_BY_FOLDER = {kind.folder: kind for kind in KINDS.values()}
