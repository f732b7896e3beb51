"""Stable record ids, derived from content so that re-ingesting an article keeps them."""

from __future__ import annotations

import hashlib
from collections import Counter


def stable_id(prefix: str, *parts: object) -> str:
    """``stable_id("q", article_id, text)`` -> ``"q_3f2a9c0d1e7b4a55"``: same parts, same id."""
    digest = hashlib.sha1("\x1f".join(str(part) for part in parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:16]}"


class IdMaker:
    """Gives repeated content within one article distinct, still stable, ids (by order of occurrence)."""

    def __init__(self, prefix: str, article_id: str) -> None:
        self.prefix, self.article_id = prefix, article_id
        self.seen: Counter[str] = Counter()

    def __call__(self, *parts: object) -> str:
        key = "\x1f".join(str(part) for part in parts)
        occurrence = self.seen[key]
        self.seen[key] += 1
        return stable_id(self.prefix, self.article_id, key, occurrence)


def content_hash(text: str) -> str:
    """SHA-256 hex digest of an article's text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
