"""Dated events on real news sentences: triggers, dates, clauses, qualifiers."""

from __future__ import annotations

import datetime as dt

from conftest import parse_text

PUBLISHED = dt.date(2011, 1, 17)


def events(text, published=PUBLISHED):
    return [(e.trigger, e.date, e.qualifier) for e in parse_text(text, published=published).events]


def test_two_past_verbs_joined_by_and_are_two_events_with_their_own_dates():
    text = "He fought pancreatic cancer in 2004 and took six months off in early 2009."
    assert events(text) == [("fought", "2004", None), ("took", "2009", None)]


def test_planned_event_with_a_date_is_on_the_timeline():
    assert events("The first jets will be delivered in 2014.") == [("delivered", "2014", "planned")]


def test_plan_without_a_date_is_not_an_event():
    assert events("Airbus will deliver the jets to the airline.") == []


def test_plain_reporting_verb_is_not_an_event_but_an_announcement_is():
    assert events("The spokesman said the plant was closed.")[0][0] == "closed"
    assert events("Apple announced a new iPhone.") == [("announced", "2011-01-17", None)]


def test_attributive_year_does_not_date_the_clause():
    assert events("Apple Corps argued that the 1991 settlement was breached.")[0] == ("argued", "2011-01-17", None)


def test_present_tense_headline_is_dated_on_the_publication_day():
    assert events("Apple unveils the iPhone 4") == [("unveils", "2011-01-17", None)]


def test_announcement_and_its_reported_past_are_separate_clauses():
    text = "Boeing has announced that development of the jet, begun two years ago, was pushed back."
    found = events(text)
    assert found[0] == ("announced", "2011-01-17", "on_or_before")


def test_infinitive_plan_gets_its_own_date():
    text = "Apple announced today another special event to be held on October 12."
    assert events(text, dt.date(2005, 10, 4)) == [("announced", "2005-10-04", None), ("held", "2005-10-12", None)]


def test_set_to_begin_on_a_weekday_looks_ahead():
    [(_, date, _)] = events("The trial is set to begin on Wednesday in London.", dt.date(2006, 3, 28))
    assert date == "2006-03-29"


def test_perfect_progressive_since_a_year():
    assert events("He has been fighting pancreatic cancer since 2004.") == [("fighting", "2004", None)]


def test_modal_and_noun_subject_presents_are_dated_on_the_publication_day():
    assert events("The 777-200LR can fly for 9,420 nautical miles.") == [("fly", "2011-01-17", None)]
    assert events("The company claims to own the trademark.") == [("claims", "2011-01-17", None)]


def test_exact_days_before_an_event_date_the_later_event():
    text = "The software will be available on June 17, two days before the phone launches."
    assert events(text, dt.date(2009, 6, 9))[-1] == ("launches", "2009-06-19", None)


def test_birth_in_an_appositive_is_its_own_event():
    text = "Jobs, born in San Francisco on February 24, 1955, has built the most valuable company."
    assert ("born", "1955-02-24", None) in events(text, dt.date(2011, 10, 6))


def test_holiday_before_a_noun_does_not_date_the_clause():
    text = "Apple enjoyed strong Christmas sales of the iPod."
    assert events(text, dt.date(2007, 1, 18)) == [("enjoyed", "2007-01-18", None)]


def test_description_drops_a_preposition_left_without_its_date():
    descriptions = [e.description for e in parse_text(
        "On April 4, 2023, Finland formally joined NATO at a ceremony in Brussels. Sweden applied in May 2022.",
        published=dt.date(2023, 4, 6)).events]
    assert descriptions == ["Finland formally joined NATO at a ceremony in Brussels", "Sweden applied"]


def test_description_mends_what_cutting_the_date_leaves_and_nothing_else():
    descriptions = [e.description for e in parse_text(
        "In Washington on Tuesday, the agency released the tapes. The rule was lifted in 1966 in a landmark ruling. "
        "Benghazi belongs on that list, he went on.", published=dt.date(2016, 4, 6)).events]
    assert descriptions == ["In Washington, the agency released the tapes", "The rule was lifted in a landmark ruling",
                            "Benghazi belongs on that list, he went on"]


def test_a_plan_inside_a_direct_quote_is_not_an_event_of_the_article():
    # the tweet's "will create" is the speaker's promise, dated by when he tweeted, not a planned event
    text = "“If elected POTUS- I will create borders & the drugs will stop pouring in,” he tweeted Saturday."
    assert events(text, dt.date(2015, 7, 20)) == []
    assert events("Trump said he will create jobs on Saturday.", dt.date(2015, 7, 20)) == [
        ("create", "2015-07-25", "planned")  # the same plan, reported outside the quote, is one
    ]


def test_short_regular_and_irregular_past_verbs_are_triggers():
    # four-letter past tenses escape the -ed rule (which skips "need", "seed"): "died", "sued", "fled"
    assert events("Steve Jobs died yesterday at the age of 56.", dt.date(2011, 10, 6)) == [("died", "2011-10-05", None)]
    assert events("The family fled the country in 2009.") == [("fled", "2009", None)]
    assert events("His call drew the ire of prominent Republicans.") == [("drew", "2011-01-17", None)]


def test_past_perfect_happened_on_or_before_the_event_before_it():
    text = "He fought cancer in 2004 and took six months off in 2009, revealing he had undergone a liver transplant."
    assert events(text)[1:] == [("took", "2009", None), ("undergone", "2009", "on_or_before")]
    # with no earlier event in its sentence, on or before the publication day (not on it)
    assert events("Police said the gunman had fled.") == [("fled", "2011-01-17", "on_or_before")]


def test_a_plural_noun_after_a_possessive_or_demonstrative_is_no_present_tense_verb():
    # "comments" after "campaign's" and "decisions" after "FBI's" are nouns, not verbs like "unveils"
    assert events("Trump drew criticism for his campaign’s comments about the judge.") == [
        ("drew", "2011-01-17", None)]
    assert events("The FBI's decisions on national security letters.") == []
    assert events("These rules apply to all.") == []


def test_an_adverb_after_a_modal_is_not_the_event():
    assert events("It could still bag the nomination.") == [("bag", "2011-01-17", None)]
    assert [trigger for trigger, _, _ in events("The agency could not be sure of the source.")] == ["be"]


def test_a_present_tense_verb_before_its_object_is_an_event():
    # no name or pronoun right before "operates"/"includes", but an article after it marks a verb, not a plural noun
    assert events("Aer Lingus already operates an all-Airbus fleet.") == [("operates", "2011-01-17", None)]
    assert events("The Air Canada deal includes the first 18 jets.") == [("includes", "2011-01-17", None)]
    # but not after a number ("three cents a share"), before a comma, or an adverb in -s ("not always the case")
    assert events("He earned three cents a share.") == [("earned", "2011-01-17", None)]
    assert events("In other words, the statistics matter.") == []
    assert events("That is not always the case.") == [("is", "2011-01-17", "state")]
