"""Sentence splitting on real news sentences."""

from __future__ import annotations

from factcheck.text import sentences


def split(text: str) -> list[str]:
    return [text[start:end] for start, end in sentences(text, 0, len(text))]


def test_initials_do_not_end_a_sentence():
    text = "The militia is a problem, said J.J. MacNab, an expert on extremism. It was in Nevada."
    assert split(text) == ["The militia is a problem, said J.J. MacNab, an expert on extremism.", "It was in Nevada."]


def test_a_period_before_a_capitalised_word_ends_a_sentence():
    text = "“It was not a convincing argument,” added another New Hampshire Republican. Yet another said no."
    assert split(text) == ["“It was not a convincing argument,” added another New Hampshire Republican.",
                           "Yet another said no."]
