"""Quote extraction and attribution on real news sentences."""

from __future__ import annotations

from conftest import parse_text


def quotes(text):
    return [(q.text, q.speaker, q.cue, q.kind) for q in parse_text(text).quotes]


def test_quote_split_around_its_attribution_is_one_quote():
    text = "Sen. Mary Smith spoke on Monday.\n“We will not back down,” she said, “not now and not ever.”"
    [(content, speaker, cue, kind)] = quotes(text)
    assert content.startswith("We will not back down") and content.endswith("not now and not ever.")
    assert (speaker, cue, kind) == ("Mary Smith", "said", "direct")


def test_said_before_name_inverted_attribution():
    text = '"The economy is growing faster than anyone expected," said Treasury Secretary Janet Yellen.'
    assert quotes(text) == [("The economy is growing faster than anyone expected,", "Janet Yellen", "said", "direct")]


def test_surname_resolves_to_full_name():
    text = ("President Joe Biden arrived in Vilnius.\n"
            "Biden said: “The alliance is stronger than it has ever been in its history.”")
    assert quotes(text)[0][1] == "Joe Biden"


def test_scare_quotes_are_not_quotes():
    assert quotes("The so-called “peace plan” was rejected by both sides.") == []


def test_quoted_title_is_not_a_quote():
    assert quotes("She starred in “Casablanca” before the war.") == []


def test_indirect_speech_with_that():
    text = "Officials said that the bridge would reopen by the end of the year."
    [(content, speaker, cue, kind)] = quotes(text)
    assert (content, speaker, cue, kind) == ("the bridge would reopen by the end of the year", "Officials", "said", "indirect")


def test_according_to_attribution():
    text = "Unemployment fell to 3.5 percent last month, according to the Labor Department."
    [(content, speaker, cue, kind)] = quotes(text)
    assert (content, speaker, cue, kind) == (
        "Unemployment fell to 3.5 percent last month", "Labor Department", "according to", "indirect")


def test_multi_paragraph_quote_keeps_its_speaker():
    text = ("Mayor Anne Hidalgo said: “We will plant trees on every street of the city.\n"
            "“And we will close the roads along the river to cars for good.”")
    found = quotes(text)
    assert [speaker for _, speaker, _, _ in found] == ["Anne Hidalgo", "Anne Hidalgo"]


def test_pronoun_resolves_to_previous_speaker():
    text = ("Chancellor Olaf Scholz met the ministers.\n"
            "“Germany will stand by Ukraine for as long as it takes,” he told reporters.")
    [(_, speaker, cue, _)] = quotes(text)
    assert (speaker, cue) == ("Olaf Scholz", "told")
