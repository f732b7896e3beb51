"""Every rule in date_rules.tsv on its own example, anchoring by tense, and phrases that are not dates."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.timex_rules import date_rules, negative_rules
from factcheck.resources import load_table

from conftest import parse_text


@pytest.mark.parametrize("rule", date_rules(), ids=lambda r: r.name)
def test_rule_example_gives_expected_value(rule):
    doc = parse_text(rule.example + ".")
    values = [t.value for t in doc.timexes]
    assert rule.expected in values, f"{rule.example!r} gave {values}"


@pytest.mark.parametrize("sentence, value", [
    ("The ministers will meet Friday.", "2023-06-16"),
    ("The ministers met Friday.", "2023-06-09"),
    ("He said he will travel to Kyiv on Monday.", "2023-06-19"),
    ("The vote is scheduled for September 30.", "2023-09-30"),
    ("The army withdrew on September 30.", "2022-09-30"),
    ("Talks collapsed in March.", "2023-03"),
    ("The deal expires in December.", "2023-12"),
    ("Sales fell 5 percent last year.", "2022"),
    ("Prices rose two weeks ago.", "2023-W22"),
    ("The company will report next month.", "2023-07"),
    ("Relatives vowed to fight Wednesday's ruling, which they would appeal.", "2023-06-14"),
    ("He must be returned to his father by June 22.", "2023-06-22"),
])
def test_relative_dates_anchor_on_publication_date_by_tense(sentence, value):
    assert [t.value for t in parse_text(sentence).timexes] == [value]


@pytest.mark.parametrize("sentence", [
    "Ukraine would one day join the organization.",
    "Farkas expressed the hope he one day follow in the footsteps of fellow astronauts.",
    "The 31-year-old soldier was wounded.",
    "He paid $2008 for the car.",
    "Turnout rose 2010 percent.",
    "The team won 21-14 on the road.",
    "They may march to the capital.",
    "We can do this together.",
    "The White House is at 1600 Pennsylvania Avenue.",
    "Thousands joined the Women's March in Washington.",
    "You can't build an organization, and you can't do that overnight.",
])
def test_phrases_that_are_not_dates(sentence):
    assert [t.text for t in parse_text(sentence).timexes] == []


def test_impossible_date_is_dropped():
    assert [t.text for t in parse_text("The law took effect on February 30.").timexes] == []


def test_modifier_joins_the_span_and_sets_mod():
    [timex] = parse_text("The plant closed in early December.").timexes
    assert (timex.text, timex.mod, timex.value) == ("early December", "START", "2022-12")


def test_without_publication_date_relative_values_stay_unresolved():
    doc = parse_text("Ukraine requested access on September 30 and met Thursday.", published=None)
    assert [t.value for t in doc.timexes] == ["XXXX-09-30", "XXXX-WXX-4"]


def test_every_negative_rule_example_is_vetoed():
    for row in load_table("negative_rules.tsv"):
        doc = parse_text(row["example"] + ".")
        assert doc.timexes == [], f"{row['name']}: {row['example']!r} gave {[t.text for t in doc.timexes]}"
    assert len(negative_rules()) == len(load_table("negative_rules.tsv"))


def test_year_ago_keeps_the_quarter_named_in_its_sentence():
    doc = parse_text("Profit rose in the first quarter from $5 million a year ago.")
    assert [t.value for t in doc.timexes] == ["2023-Q1", "2022-Q1"]


def test_year_earlier_shifts_the_previously_mentioned_date():
    doc = parse_text("The plant opened in 2008.\nA year earlier, the company had moved to Ohio.")
    assert [t.value for t in doc.timexes] == ["2008", "2007"]


def test_clock_time_before_weekday_takes_the_weekday():
    [timex] = parse_text("He was kidnapped at 10 p.m. EDT Wednesday, police said.").timexes
    assert (timex.text, timex.value) == ("10 p.m. EDT Wednesday", "2023-06-14T22:00")


def test_clock_time_with_its_gmt_conversion_before_weekday_takes_the_weekday():
    [timex] = parse_text("The blast in Nairobi occurred at about 10:35 a.m. (0735 GMT) Friday, toppling a building.",
                         published=dt.date(1998, 8, 8)).timexes
    assert (timex.text, timex.value) == ("10:35 a.m. (0735 GMT) Friday", "1998-08-07T10:35")


def test_date_before_a_comma_and_a_name_is_found():
    [timex] = parse_text("On August 24, Jobs resigned from his post as CEO.").timexes
    assert (timex.text, timex.value) == ("August 24", "2022-08-24")


@pytest.mark.parametrize("sentence, published, value", [
    ("In January, a week after the 25th anniversary of the Roe vs. Wade decision, a bomb exploded at a clinic.",
     dt.date(1998, 10, 25), "1998-01"),
    ("On Tuesday, the National Abortion and Reproductive Rights Action League plans to hold a news conference.",
     dt.date(1998, 10, 26), "1998-10-27"),
])
def test_a_date_opening_its_sentence_takes_the_tense_of_the_main_clause(sentence, published, value):
    assert parse_text(sentence, published=published).timexes[0].value == value


def test_a_present_passive_is_not_a_past_tense():
    doc = parse_text("Elian's relatives lose a fight to keep him when the case is heard in May in the appeals court.",
                     published=dt.date(2000, 3, 29))
    assert [t.value for t in doc.timexes] == ["2000-05"]  # the nearest May, not the past one


def test_the_coming_years_is_a_vague_duration_not_one_year():
    values = [(t.text, t.value) for t in parse_text("They will buy equipment in the coming years, and again over "
                                                    "the next year.").timexes]
    assert values == [("the coming years", "PXY"), ("the next year", "P1Y")]


def test_fractional_and_compound_numbers_in_durations():
    found = [(t.text, t.value) for t in parse_text("It took 2 1/2 years, then 5 1/2 hours and the last twenty four hours.").timexes]
    assert found == [("2 1/2 years", "P2Y6M"), ("5 1/2 hours", "PT5H30M"), ("the last twenty four hours", "PT24H")]


@pytest.mark.parametrize("sentence, published, value", [
    ("Voters head to the polls on Election Day.", dt.date(2016, 10, 1), "2016-11-08"),
    ("They will travel home for Thanksgiving.", dt.date(2023, 6, 15), "2023-11-23"),
    ("The couple married on Christmas Eve.", dt.date(2016, 1, 5), "2015-12-24"),
])
def test_holidays_resolve_to_their_day(sentence, published, value):
    assert [t.value for t in parse_text(sentence, published=published).timexes] == [value]


def test_fractions_of_a_group_are_not_quarters():
    assert parse_text("Three-quarters of voters agreed, and a quarter of the party left.").timexes == []


@pytest.mark.parametrize("sentence, published, text, value", [
    # an -ed adjective after a determiner is not a past tense
    ("The reduced dividend is payable Jan. 2 to stock of record Dec. 15.", dt.date(1989, 11, 2), "Jan. 2", "1990-01-02"),
    # "will" outweighs an -ed adjective nearer the date
    ("Hudson's Bay said it will redeem 9.5 million Series H preferred shares on Oct. 31 at a price of C$27.75.",
     dt.date(1989, 10, 25), "Oct. 31", "1989-10-31"),
    # a participle after "can be" is not the clause's tense
    ("The rights, which expire Nov. 21, can be exercised for $100 each.", dt.date(1989, 11, 2), "Nov. 21", "1989-11-21"),
    # "the plan" is a noun, not a plan for the future
    ("The thrift announced the plan Aug. 21.", dt.date(1989, 10, 27), "Aug. 21", "1989-08-21"),
    # "next to" is a place
    ("Hundreds were wounded in the blasts next to the U.S. embassies in Kenya and Tanzania on Friday.",
     dt.date(1998, 8, 9), "Friday", "1998-08-07"),
    # a plan in the past perfect has no direction: the nearest Friday
    ("It had been due to expire Friday evening.", dt.date(1989, 10, 30), "Friday evening", "1989-10-27TEV"),
    # a quarter in a future clause is still this year's
    ("The company said it expects to report net income of 15 cents a share for the third quarter.",
     dt.date(1989, 11, 2), "the third quarter", "1989-Q3"),
    # the verb far back in a long clause still gives the tense
    ("He succeeds James A. Taylor, who stepped down as chairman, president and chief executive in March.",
     dt.date(1989, 11, 2), "March", "1989-03"),
    ("His father could come to the U.S. from Cuba as early as Tuesday.", dt.date(2000, 4, 3), "Tuesday", "2000-04-04"),
])
def test_tense_cues_in_business_and_wire_copy(sentence, published, text, value):
    doc = parse_text(sentence, published=published)
    assert (text, value) in [(t.text, t.value) for t in doc.timexes]


@pytest.mark.parametrize("sentence, published, text, value", [
    ("Nearly 1,000 people were arrested in nineteen ninety-six.", dt.date(1998, 2, 27), "nineteen ninety-six", "1996"),
    ("The bug strikes computers in the year two thousand.", dt.date(1998, 2, 5), "the year two thousand", "2000"),
    ("Sales peaked in January nineteen ninety-seven.", dt.date(1998, 2, 27), "January nineteen ninety-seven", "1997-01"),
    ("Net income for the year ended Aug. 31 was C$2.7 million.", dt.date(1989, 10, 27), "the year", "P1Y"),
    ("The stock rose to a high for the year of $42.875 a share.", dt.date(1989, 10, 27), "the year", "1989"),
    ("Flights rise to six a week, up from the current four flights a week.", dt.date(1998, 2, 13), "current",
     "PRESENT_REF"),
    ("The offer was extended over the weekend.", dt.date(1990, 8, 13), "the weekend", "1990-W32-WE"),
    ("Talks will resume over the weekend.", dt.date(1990, 8, 13), "the weekend", "1990-W33-WE"),
])
def test_spelled_years_fiscal_years_current_and_weekends(sentence, published, text, value):
    doc = parse_text(sentence, published=published)
    assert (text, value) in [(t.text, t.value) for t in doc.timexes]


@pytest.mark.parametrize("sentence", [
    "The empire lasted more than two thousand years.",
    "Investors sold shares at the then current market price.",
])
def test_spelled_numbers_and_then_current_are_not_dates(sentence):
    assert [t.text for t in parse_text(sentence).timexes] == []


@pytest.mark.parametrize("sentence, published, text, value", [
    ("Police gathered evidence in the October slaying of Dr. Barnett Slepian.", dt.date(1999, 4, 19), "October",
     "1998-10"),
    ("Munero fled to Florida in June 1998 and returned to Cuba later that year.", dt.date(2000, 1, 28),
     "later that year", "1998"),
    ("Angkor Wat is an 11th-century temple.", dt.date(1998, 2, 19), "11th-century", "10"),
    ("Net income rose in the third quarter. Sales were up 5% from a year ago.", dt.date(1989, 11, 2), "a year ago",
     "1988-Q3"),
    ("Earnings fell from the year-ago third quarter.", dt.date(1989, 11, 2), "the year-ago third quarter", "1988-Q3"),
])
def test_month_modifiers_narrative_units_centuries_and_results_copy(sentence, published, text, value):
    doc = parse_text(sentence, published=published)
    assert (text, value) in [(t.text, t.value) for t in doc.timexes]


def test_that_day_after_a_month_names_no_day():
    doc = parse_text("The shares were sold in September. Trading was heavy that day.", published=dt.date(1989, 10, 27))
    assert "that day" not in [t.text for t in doc.timexes]


def test_a_rule_requiring_an_unknown_vocabulary_is_refused():
    from factcheck.errors import ResourceError
    from factcheck.timex_rules import _scanner_fields

    with pytest.raises(ResourceError, match="unknown vocabulary"):
        _scanner_fields({"name": "bad", "pattern": "{month}", "requires": "{monthz}"}, "date_rules.tsv:bad")


def test_rules_anchored_on_a_vocabulary_find_dates_anywhere_in_a_long_text():
    filler = "The committee discussed the budget at length. " * 200
    doc = parse_text(filler + "The ministers met on September 30. " + filler + "They will meet again Friday.")
    assert [(t.text, t.value) for t in doc.timexes] == [("September 30", "2022-09-30"), ("Friday", "2023-06-16")]


def test_a_time_of_day_is_typed_time():
    doc = parse_text("The ministers met Thursday morning and talks resumed this evening.")
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("Thursday morning", "TIME", "2023-06-15TMO"), ("this evening", "TIME", "2023-06-15TEV")]


@pytest.mark.parametrize("sentence, text, value", [
    ("The strike could last two more weeks.", "two more weeks", "P2W"),
    ("Shares fell for eight trading days.", "eight trading days", "P8D"),
    ("The plan gives them an additional year to comply.", "an additional year", "P1Y"),
    ("Rates should stay low in the next couple of years.", "the next couple of years", "P2Y"),
    ("Elections are held each November.", "each November", "XXXX-11"),
])
def test_more_durations_and_monthly_sets(sentence, text, value):
    assert (text, value) in [(t.text, t.value) for t in parse_text(sentence).timexes]


@pytest.mark.parametrize("sentence, value", [
    ("The partnership extended to July 20 its $45-a-share offer for all shares.", "2023-07-20"),
    ("The parent asked the unit to respond by June 30.", "2023-06-30"),
    ("Lenders extended up to $90 million in revolving loans through August.", "2023-08"),
    ("The dividend would be paid to holders of record July 21.", "2023-07-21"),
    ("Dunkin' has set July 10 as the deadline for the receipt of offers.", "2023-07-10"),
    ("Meissner gave no reason for the July 14 deadline.", "2023-07-14"),
    ("The army withdrew on September 30.", "2022-09-30"),  # no deadline word: the clause's tense decides
])
def test_a_deadline_date_is_the_nearest_occurrence_whatever_the_tense(sentence, value):
    assert [t.value for t in parse_text(sentence).timexes if t.type == "DATE"] == [value]


@pytest.mark.parametrize("sentence, published, text, value", [
    # no cue within reach of "March": it takes the tense found for "June" earlier in the sentence
    ("The stock rose on takeover speculation, rising to a high for the year of $42.875 a share in June from "
     "$29.75 in March.", dt.date(1989, 10, 30), "March", "1989-03"),
    # a present progressive points neither way: the nearest Dec. 7, not the past one that "said" suggests
    ("Conseco Inc. said it is calling for the redemption on Dec. 7 of all the remaining shares.",
     dt.date(1989, 10, 30), "Dec. 7", "1989-12-07"),
])
def test_tense_of_a_date_from_its_sentence(sentence, published, text, value):
    assert (text, value) in [(t.text, t.value) for t in parse_text(sentence, published=published).timexes]


def test_day_range_after_a_month_is_two_dates_but_a_score_is_none():
    text = "Monmouth conducted its poll March 17-20, after the Broncos won 21-14."
    found = [(t.text, t.value) for t in parse_text(text, published=dt.date(2016, 4, 1)).timexes]
    assert found == [("March 17", "2016-03-17"), ("20", "2016-03-20")]


@pytest.mark.parametrize("sentence, expected", [
    # the address rule wants a capitalised street name; run case-insensitively it took "9 in St." for one
    ("Pence will co-moderate the second debate, Oct. 9 in St. Louis.", [("Oct. 9", "2016-10-09")]),
    ("The debate on February 6, 2016 at St. Anselm College was heated.", [("February 6, 2016", "2016-02-06")]),
    # a number after the day is no year: "Jan. 18, 10 days after" keeps the date
    ("By Jan. 18, 10 days after the primary, he was ahead.", [("Jan. 18", "2016-01-18"), ("10 days", "P10D")]),
])
def test_dates_next_to_look_alikes_are_kept(sentence, expected):
    assert [(t.text, t.value) for t in parse_text(sentence, published=dt.date(2016, 9, 1)).timexes] == expected


@pytest.mark.parametrize("sentence, value", [
    ("In an August speech, Trump attacked the ideology.", "2016-08"),
    ("He spoke before the party's July convention.", "2016-07"),
    ("His campaign said he ended December with $28 million in cash.", "2015-12"),
    ("The race will not be settled going into November.", "2016-11"),
])
def test_a_bare_month_after_an_article_possessive_or_verb_of_time(sentence, value):
    assert [t.value for t in parse_text(sentence, published=dt.date(2016, 9, 1)).timexes] == [value]


def test_the_same_day_is_the_day_last_named_unless_a_clause_defines_it():
    text = "Donors gave $2,400 on April 30, 2014. Five more gave on the same day. It came the same day that Trump spoke."
    found = [(t.text, t.value) for t in parse_text(text, published=dt.date(2016, 9, 1)).timexes]
    assert found == [("April 30, 2014", "2014-04-30"), ("the same day", "2014-04-30")]


@pytest.mark.parametrize("sentence, expected", [
    ("Churches were full on Good Friday.", [("Good Friday", "2016-03-25")]),  # Easter 2016: March 27
    ("He visited on Easter Sunday.", [("Easter Sunday", "2016-03-27")]),
    ("They sailed to Easter Island with Easter Seals.", []),
    ("He will be sworn in on Inauguration Day.", [("Inauguration Day", "2017-01-20")]),
    ("Troops should arrive by the end of the month.", [("the end of the month", "2016-04")]),
    ("At the end of the day, voters decide.", []),
])
def test_movable_feasts_and_parts_of_the_current_unit(sentence, expected):
    assert [(t.text, t.value) for t in parse_text(sentence, published=dt.date(2016, 4, 12)).timexes] == expected


def test_easter_sunday_follows_the_gregorian_computus():
    from factcheck.stages.anchor import easter_sunday

    assert [easter_sunday(year).isoformat() for year in (1961, 1998, 2000, 2019, 2024)] == [
        "1961-04-02", "1998-04-12", "2000-04-23", "2019-04-21", "2024-03-31"]


def test_mid_year_keeps_its_modifier():
    [timex] = parse_text("Output will recover by mid-2008.", published=dt.date(2007, 1, 1)).timexes
    assert (timex.text, timex.value, timex.mod) == ("mid-2008", "2008", "MID")


def test_a_date_someone_is_asked_to_act_on_is_the_nearest_not_a_past_one():
    text = "The committee subpoenaed Elian to testify before the Committee on Government Reform on Feb. 10."
    assert [t.value for t in parse_text(text, published=dt.date(2000, 1, 7)).timexes] == ["2000-02-10"]
    # a plain past, or "since", still looks back
    assert [t.value for t in parse_text("He testified on Feb. 10.", published=dt.date(2000, 1, 7)).timexes] == [
        "1999-02-10"]
    since = "Inspectors were not allowed to carry out an inspection since Jan. 13."
    assert [t.value for t in parse_text(since, published=dt.date(2000, 1, 7)).timexes] == ["1999-01-13"]
