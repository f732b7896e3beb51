"""The extraction pipeline: named stages, each a function ``Document -> Document``, run in order.

Like spaCy's components, each stage declares what it needs and what it adds, and ``parse`` checks
the order before running. Stages can be switched off by name (``parse(article, skip={"claims"})``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Iterable

from .errors import FactcheckError
from .models import Article, Document
from .stages.anchor import anchor_timexes
from .stages.claims import find_claims
from .stages.events import find_events
from .stages.quotes import find_quotes
from .stages.segment import segment
from .stages.timexes import find_timexes


@dataclass(frozen=True)
class Stage:
    name: str
    function: Callable[[Document], Document]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


STAGES: tuple[Stage, ...] = (
    Stage("segment", segment, (), ("paragraphs", "sentences")),
    Stage("timexes", find_timexes, ("sentences",), ("timexes",)),
    Stage("anchor", anchor_timexes, ("timexes",), ("timexes.value",)),
    Stage("quotes", find_quotes, ("sentences", "paragraphs"), ("quotes", "people")),
    Stage("events", find_events, ("sentences", "timexes.value"), ("events",)),
    Stage("claims", find_claims, ("sentences", "quotes", "timexes.value"), ("claims",)),
)


def check_order(stages: Iterable[Stage]) -> None:
    """Raise FactcheckError when a stage runs before a stage that assigns what it requires."""
    assigned: set[str] = set()
    for stage in stages:
        missing = [need for need in stage.requires if need not in assigned]
        if missing:
            raise FactcheckError(f"stage {stage.name!r} needs {', '.join(missing)}, which no earlier stage assigns")
        assigned.update(stage.assigns)


WARM_UP_TEXT = "On Monday, Smith told reporters: “The talks failed in 2008.” They will meet again on Friday, she said."


def warm_up() -> None:
    """Load the resources and compile the patterns that parsing an article needs (cached per process)."""
    parse(Article(id="warm-up", source="warm-up", text=WARM_UP_TEXT, published=dt.date(2000, 1, 1),
                  content_hash="warm-up"))


def parse(article: Article, skip: Iterable[str] = ()) -> Document:
    """Run the pipeline over an article: ``parse(article).quotes`` -> the attributed quotes."""
    skipped = set(skip)
    stages = [stage for stage in STAGES if stage.name not in skipped]
    check_order(stages)
    doc = Document(article=article)
    for stage in stages:
        doc = stage.function(doc)
        if not isinstance(doc, Document):
            raise FactcheckError(f"stage {stage.name!r} returned {type(doc).__name__}, not a Document")
    doc.check_spans()
    return doc
