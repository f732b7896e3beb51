"""Stage ``segment``: paragraphs (one per line) and sentences, as spans into the text."""

from __future__ import annotations

from ..models import Document, TextSpan
from ..text import paragraphs, sentences


def segment(doc: Document) -> Document:
    """Fill ``doc.paragraphs`` and ``doc.sentences``."""
    text = doc.text
    doc.paragraphs = [TextSpan(start=s, end=e) for s, e in paragraphs(text)]
    doc.sentences = [
        TextSpan(start=s, end=e) for paragraph in doc.paragraphs for s, e in sentences(text, paragraph.start, paragraph.end)
    ]
    return doc
