"""The records factcheck produces: the single source of truth for their fields.

The JSON Schemas in ``schemas/``, the SQLite columns (``storage.py``) and the exports all derive from
these pydantic models. Every span is ``[start, end)`` in Python ``str`` indices into ``Article.text``.
"""

from __future__ import annotations

import functools

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .errors import SpanError
from .resources import load_table

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
QuoteKind = Literal["direct", "mixed", "indirect"]
ClaimKind = Literal["quote", "reported"]
RecordKind = Literal["event", "quote", "claim"]


def review_statuses() -> tuple[str, ...]:
    """The review status vocabulary, in order, from ``resources/en/review_statuses.tsv``."""
    return tuple(row["status"] for row in load_table("review_statuses.tsv"))


class Record(BaseModel):
    """Common configuration: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class Spanned(Record):
    """A record anchored on a span of its article."""

    id: str = Field(description="Stable id derived from the article and the record's content.")
    article_id: str = Field(description="Id of the article the span points into.")
    start: int = Field(ge=0, description="Start offset (inclusive) in the article text.")
    end: int = Field(gt=0, description="End offset (exclusive) in the article text.")
    text: str = Field(description="article.text[start:end]")

    @model_validator(mode="after")
    def _span_is_ordered(self) -> "Spanned":
        if not 0 <= self.start < self.end:
            raise SpanError(f"span [{self.start}, {self.end}) is empty or reversed")
        return self


class Reviewable(Spanned):
    review_status: str = Field(default="unreviewed", description="Current review status (see Review).")
    stale: bool = Field(
        default=False, description="No longer produced by the latest extraction; kept because it has reviews."
    )

    @field_validator("review_status")
    @classmethod
    def _known_status(cls, value: str) -> str:
        if value not in review_statuses():
            raise ValueError(f"unknown review status {value!r}; known: {', '.join(review_statuses())}")
        return value


class Article(Record):
    """A news article exactly as read: offsets of every other record point into ``text``."""

    id: str = Field(description="Stable id: the record's id, or the file name without extension.")
    source: str = Field(description="Where it came from: the file name, or the record id in a JSON Lines file.")
    title: str | None = Field(default=None, description="Headline, when the file or record has one.")
    publisher: str | None = Field(default=None, description="Publisher or wire service, e.g. AP.")
    place: str | None = Field(default=None, description="Dateline place, e.g. BRUSSELS.")
    published: dt.date | None = Field(default=None, description="Publication date; relative dates anchor on it.")
    url: str | None = Field(default=None, description="Where the article was published.")
    text: str = Field(description="The full text as read, never stripped or normalised.")
    content_hash: str = Field(description="SHA-256 of the text, for deduplication.")


class TimeExpression(Spanned):
    """A TIMEX3 temporal expression, normalised and anchored on the publication date."""

    type: TimexType = Field(description="TIMEX3 type: DATE, TIME, DURATION or SET.")
    value: str = Field(description="TIMEX3 value: 2008, 2022-09-30, 2023-W24, P3Y, PRESENT_REF, ...")
    mod: str | None = Field(default=None, description="TIMEX3 mod: APPROX, BEFORE, START, ...")
    date_start: dt.date | None = Field(default=None, description="First day of the calendar interval.")
    date_end: dt.date | None = Field(default=None, description="Last day of the calendar interval.")
    granularity: str | None = Field(default=None, description="day, week, month, quarter, season, year, ...")
    rule: str = Field(description="Name of the rule in date_rules.tsv that found it.")


class Event(Reviewable):
    """A dated occurrence: ``text`` is the evidence clause, the trigger is its main verb."""

    trigger_start: int | None = Field(default=None, description="Start offset of the trigger (the event verb).")
    trigger_end: int | None = Field(default=None, description="End offset of the trigger.")
    trigger: str | None = Field(default=None, description="The event verb: agreed, requested, met, ...")
    description: str = Field(description="One line: who did what.")
    date: str | None = Field(default=None, description="TIMEX3 value (or ISO interval) of when it happened.")
    date_start: dt.date | None = Field(default=None, description="Earliest day the event can have happened.")
    date_end: dt.date | None = Field(default=None, description="Latest day the event can have happened.")
    granularity: str | None = Field(default=None, description="day, month, year, interval, ...")
    year: int | None = Field(default=None, description="Year the event happened in (of its earliest known day).")
    qualifier: str | None = Field(default=None, description="approximate, before, after, ...")
    edtf: str | None = Field(default=None, description="The date as an EDTF string, with uncertainty.")
    place: str | None = Field(default=None, description="Where it happened, e.g. Lithuania.")
    participants: list[str] = Field(default_factory=list, description="Names in the clause before the verb.")
    timex_id: str | None = Field(default=None, description="The time expression the date comes from.")
    entry_id: str | None = Field(default=None, description="The timeline entry this mention is linked to.")
    conflict: bool = Field(
        default=False, description="Linked to its entry, but its date interval cannot overlap the entry's."
    )


class Quote(Reviewable):
    """Attributed speech: ``text`` is the content (without the quotation marks)."""

    direct: bool = Field(description="In quotation marks, partial quotes included.")
    kind: QuoteKind = Field(description="direct, mixed (a paraphrase with a quoted fragment) or indirect.")
    speaker: str | None = Field(default=None, description="Resolved speaker name (e.g. through 'he').")
    speaker_start: int | None = Field(default=None, description="Start offset of the speaker mention.")
    speaker_end: int | None = Field(default=None, description="End offset of the speaker mention.")
    speaker_mention: str | None = Field(default=None, description="The mention in the text, maybe a pronoun.")
    cue: str | None = Field(default=None, description="The cue verb or phrase: said, told, according to.")
    cue_start: int | None = Field(default=None, description="Start offset of the cue.")
    cue_end: int | None = Field(default=None, description="End offset of the cue.")


class Claim(Reviewable):
    """A check-worthy statement with its claimant."""

    claimant: str | None = Field(default=None, description="Who makes the claim: a speaker or the publisher.")
    kind: ClaimKind = Field(description="quote (said by its claimant) or reported (stated by the publisher).")
    quote_id: str | None = Field(default=None, description="The quote it comes from, if any.")
    checkworthiness: float = Field(ge=0.0, le=1.0, description="Check-worthiness score in [0, 1].")
    features: list[str] = Field(default_factory=list, description="Features behind the score.")


NOTE_MAX_CHARS = 10_000  # a review note is a paragraph or two, not a document
URL_MAX_CHARS = 2_000


class Review(Record):
    """One review of a record; reviews are appended, never changed."""

    id: int | None = Field(default=None, description="Review number, in order of writing.")
    record_kind: RecordKind = Field(description="claim, quote or event.")
    record_id: str = Field(description="Id of the reviewed record.")
    status: str = Field(description="Status given by this review.")
    note: str | None = Field(default=None, max_length=NOTE_MAX_CHARS, description="The reviewer's note.")
    evidence_url: str | None = Field(default=None, max_length=URL_MAX_CHARS, description="Link to the evidence.")
    reviewer: str = Field(description="Who reviewed (the editor's login).")
    created: dt.datetime = Field(description="When the review was written (UTC).")

    _known_status = field_validator("status")(Reviewable._known_status.__func__)

    @field_validator("evidence_url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError("evidence URL must start with http:// or https://")
        return value


class TimelineEntry(Record):
    """A real-world event on the timeline: curated by editors, or created from a first mention."""

    id: str = Field(description="Stable id: the curated id, or derived from the first mention.")
    name: str = Field(description="Short name, e.g. NATO Vilnius summit.")
    date_start: dt.date | None = Field(default=None, description="First day of the event.")
    date_end: dt.date | None = Field(default=None, description="Last day of the event.")
    edtf: str | None = Field(default=None, description="The dates as an EDTF string (uncertainty kept).")
    place: str | None = Field(default=None, description="Where it happened.")
    description: str | None = Field(default=None, description="One line on what happened.")
    participants: list[str] = Field(default_factory=list, description="Who took part.")
    keywords: list[str] = Field(default_factory=list, description="Words a mention's trigger or text may share.")
    curated: bool = Field(default=False, description="Written by an editor (seeds/timeline.yml) or created automatically.")


class Person(Record):
    """A speaker across articles, with the names and roles seen for them."""

    id: str = Field(description="Stable id derived from the name.")
    name: str = Field(description="Full name, titles removed.")
    aliases: list[str] = Field(default_factory=list, description="Other forms seen: with titles, surname only.")
    roles: list[str] = Field(default_factory=list, description="Titles and roles seen before the name.")


class TextSpan(BaseModel):
    """A bare span (sentence, paragraph) used between stages; not stored."""

    start: int
    end: int


class Document(BaseModel):
    """One article passing through the pipeline; each stage adds records to it."""

    article: Article
    paragraphs: list[TextSpan] = Field(default_factory=list)
    sentences: list[TextSpan] = Field(default_factory=list)
    timexes: list[TimeExpression] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)

    @property
    def text(self) -> str:
        return self.article.text

    def check_spans(self) -> None:
        """Raise SpanError unless every record's span fits the text and its ``text`` equals the span."""
        text = self.text
        length = len(text)
        for record in [*self.timexes, *self.events, *self.quotes, *self.claims]:
            if record.end > length or text[record.start : record.end] != record.text:
                raise SpanError(
                    f"{type(record).__name__} {record.id}: span [{record.start}, {record.end}) "
                    f"does not match its text in article {self.article.id}"
                )
            for name in _inner_spans(type(record)):
                start, end = getattr(record, f"{name}_start"), getattr(record, f"{name}_end")
                if start is not None and not 0 <= start < end <= length:
                    raise SpanError(f"{type(record).__name__} {record.id}: bad {name} span [{start}, {end})")


@functools.cache
def _inner_spans(model: type[BaseModel]) -> tuple[str, ...]:
    """The spans inside a record that ``check_spans`` checks: speaker, cue, trigger (those the model has)."""
    return tuple(name for name in ("speaker", "cue", "trigger") if f"{name}_start" in model.model_fields)


RECORD_MODELS: dict[str, type[BaseModel]] = {
    "article": Article,
    "timex": TimeExpression,
    "event": Event,
    "quote": Quote,
    "claim": Claim,
    "review": Review,
    "person": Person,
    "timeline_entry": TimelineEntry,
}
