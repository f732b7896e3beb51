"""The extraction pipeline: named stages, each a function ``Document -> Document``, run in order.

Like spaCy's components, each stage declares what it needs and what it adds, and ``parse`` checks
the order before running. Stages can be switched off by name (``parse(article, skip={"claims"})``).
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Callable, Iterable

from .errors import FactcheckError, OverBudget
from .models import Article, Document
from .stages.anchor import anchor_timexes
from .stages.claims import find_claims
from .stages.events import find_events
from .stages.quotes import find_quotes
from .stages.segment import segment
from .stages.timexes import find_timexes


BUDGET_SECONDS = 30.0  # per article, plus BUDGET_SECONDS_PER_MB for each MB of its text
BUDGET_SECONDS_PER_MB = 30.0


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


def time_budget(article: Article) -> float:
    """Seconds an article may take to parse: every stage is linear in its length, and a news article takes
    well under a second a hundred KB (``benchmarks/bench_growth.py``); far past that, something is wrong."""
    return BUDGET_SECONDS + BUDGET_SECONDS_PER_MB * len(article.text) / 1_000_000


def parse(article: Article, skip: Iterable[str] = (), budget: float | None = None) -> Document:
    """Run the pipeline over an article: ``parse(article).quotes`` -> the attributed quotes. With a
    ``budget`` (seconds), OverBudget is raised after the stage that exceeds it: one pathological article
    cannot stall a batch."""
    skipped = set(skip)
    stages = [stage for stage in STAGES if stage.name not in skipped]
    check_order(stages)
    doc = Document(article=article)
    started = time.monotonic()
    for stage in stages:
        doc = stage.function(doc)
        if not isinstance(doc, Document):
            raise FactcheckError(f"stage {stage.name!r} returned {type(doc).__name__}, not a Document")
        if budget is not None and time.monotonic() - started > budget:
            raise OverBudget(f"parsing took over its budget of {budget:.0f} s (stage {stage.name!r}); "
                             f"skipped, nothing of it is stored")
    doc.check_spans()
    return doc
