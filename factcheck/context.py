"""A record's span shown inside its article: the pieces a page needs to highlight it."""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT_CHARS = 600


@dataclass(frozen=True)
class Highlight:
    """Text before the span, the span, and text after it (plain strings: the template escapes them)."""

    before: str
    span: str
    after: str
    clipped_start: bool
    clipped_end: bool


def highlight(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Highlight:
    """``highlight(article_text, 10, 20)`` -> the span with up to ``context`` characters either side."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    left, right = max(0, start - context), min(len(text), end + context)
    return Highlight(text[left:start], text[start:end], text[end:right], left > 0, right < len(text))
