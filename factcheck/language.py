"""Is a text English? A share-of-function-words test, enough to refuse German or Chinese copy clearly."""

from __future__ import annotations

import re

from .resources import load_set

MIN_WORDS = 30
MIN_ENGLISH_SHARE = 0.08  # English news runs at 0.3-0.45; other languages below 0.05
WORD_RE = re.compile(r"[^\W\d_]+")
NON_LATIN = re.compile(r"[^\u0000-\u024f]")  # a letter beyond the Latin blocks


def english_share(text: str) -> tuple[float, int]:
    """(share of words that are English function words, number of words) over the first 5,000 characters.
    A word in another script counts as one word per letter: Chinese or Japanese copy, written without spaces,
    was a few long "words", too few to judge, and was stored as English."""
    words = [w.lower() for w in WORD_RE.findall(text[:5000])]
    if not words:
        return 0.0, 0
    known = load_set("function_words_lower.txt")
    count = sum(len(w) if NON_LATIN.search(w) else 1 for w in words)
    return sum(w in known for w in words) / count, count


def judged_english(share: float, count: int) -> bool:
    """From an ``english_share`` result: True unless the text is long enough to judge and has almost no
    English function words."""
    return count < MIN_WORDS or share >= MIN_ENGLISH_SHARE
