"""Stage ``anchor``: resolve ``@fn(args)`` parts of time-expression values against the publication date.

Each function below is named in ``date_rules.tsv`` and reads the tense of the clause: "met Thursday"
looks back, "will meet Thursday" looks ahead, and "on September 30" in a June article, in a past-tense
clause, is the previous September. Without a publication date, values stay unresolved (``XXXX-09-30``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from typing import Callable

from ..models import Document, TimeExpression
from ..regex_trie import alternation
from ..resources import load_list, load_set
from ..tense import Tense, clause_tense, fronted_tense
from ..timevalues import SEASON_MONTHS, interval, is_valid_value

TIME_OF_DAY = re.compile(r"\d{4}-\d\d-\d\dT")
CALL = re.compile(r"@(\w+)\(([^)]*)\)")
YEARS_PER_UNIT = {"DE": 10, "CE": 100}
HALF_UNITS = {"Y": "6M", "D": "T12H", "TH": "30M", "TM": "30S"}
REFERENCES = {-1: "PAST_REF", 0: "PRESENT_REF", 1: "FUTURE_REF"}


class Context:
    """What an anchoring function may look at: the publication date, the clause's tense, and the
    previous calendar date mentioned in the article (``previous``) and in the same sentence."""

    def __init__(self, dct: dt.date | None, tense: Tense, previous: str | None = None,
                 previous_in_sentence: str | None = None) -> None:
        self.dct, self.tense = dct, tense
        self.previous, self.previous_in_sentence = previous, previous_in_sentence


def _sign(offset: str) -> int:
    return -1 if offset.startswith("-") else (1 if offset not in ("0", "+0") else 0)


def _shift_months(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def ref(ctx: Context, unit: str, offset: str) -> str:
    """``@ref(Y,-1)`` -> the year before the publication year; a vague offset (``-X``) -> PAST_REF."""
    if ctx.dct is None or "X" in offset or unit.startswith("T"):
        return REFERENCES[_sign(offset)]
    n, day = int(float(offset)), ctx.dct
    if unit == "D":
        return (day + dt.timedelta(days=n)).isoformat()
    if unit in ("W", "WE"):
        year, week, _ = (day + dt.timedelta(weeks=n)).isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if unit == "WE" else "")
    if unit == "M":
        year, month = _shift_months(day, n)
        return f"{year:04d}-{month:02d}"
    if unit == "Q":
        year, month = _shift_months(day, 3 * n)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if unit == "Y":
        return f"{day.year + n:04d}"
    if unit == "DE":
        return str(day.year // 10 + n)
    if unit == "CE":
        return f"{day.year // 100 + n:02d}"
    return REFERENCES[_sign(offset)]


SPAN_DAYS = {"day": 1, "D": 1, "week": 7, "W": 7, "month": 28, "M": 28, "quarter": 90, "Q": 90,
             "half": 180, "season": 90, "year": 365, "Y": 365}
KEEP_GRANULARITY = {"quarter", "month", "half", "season"}


def shift(ctx: Context, unit: str, offset: str, base: str = "narrative") -> str | None:
    """``@shift(Y,-1)`` ("a year earlier"): the previously mentioned date moved by the offset;
    ``@shift(Y,-1,dct)`` ("a year ago"): the publication date moved, unless the same sentence names a
    quarter or month, whose granularity a year-shift keeps ("the third quarter ... a year ago" -> last
    year's third quarter). With offset 0 ("later that year") the previous date at the unit's granularity."""
    anchor = ctx.previous_in_sentence if base == "dct" else ctx.previous
    if base == "dct" and anchor is None and unit == "Y" and _is_recent_quarter(ctx.previous, ctx.dct):
        anchor = ctx.previous  # earnings copy: "net rose 5% from a year ago" compares with the quarter just named
    if anchor and "X" not in offset:
        start, _, granularity = interval(anchor)
        if int(float(offset)) == 0 and base != "dct":  # "later that year", "that same day"
            if start is None or SPAN_DAYS.get(granularity or "", 10**4) > SPAN_DAYS.get(unit, 10**4):
                return None  # "that day" after a month names no day
            return ref(Context(start, ctx.tense), unit, offset)
        if unit == "Y" and granularity in KEEP_GRANULARITY | {"year"}:
            return f"{int(anchor[:4]) + int(offset)}{anchor[4:]}"
        if base != "dct" and start is not None:
            return ref(Context(start, ctx.tense), unit, offset)
    return ref(ctx, unit, offset)


def _is_recent_quarter(value: str | None, dct: dt.date | None) -> bool:
    """A quarter of the twelve months before publication: the one a results story is about."""
    if value is None or dct is None or not re.fullmatch(r"\d{4}-Q[1-4]", value):
        return False
    start, _, _ = interval(value)
    return start is not None and dct - dt.timedelta(days=366) < start <= dct


def _holiday_date(rule: str, year: int) -> dt.date:
    """The day of a holiday rule from holidays.tsv in ``year``: "12-25", "4-4-11" (4th Thursday of
    November), "L-1-05" (last Monday of May), "1-1-11+2" (the Tuesday after the first Monday), "E-2"
    (two days before Easter Sunday: Good Friday)."""
    if rule.startswith("E"):
        return easter_sunday(year) + dt.timedelta(days=int(rule[1:] or 0))
    if re.fullmatch(r"\d\d-\d\d", rule):
        return dt.date(year, int(rule[:2]), int(rule[3:]))
    nth, weekday_number, rest = rule.split("-")
    month_value, _, after = rest.partition("+")
    first = dt.date(year, int(month_value), 1)
    offset = (int(weekday_number) - first.isoweekday()) % 7
    day = first + dt.timedelta(days=offset)
    if nth == "L":
        while (day + dt.timedelta(days=7)).month == first.month:
            day += dt.timedelta(days=7)
    else:
        day += dt.timedelta(days=7 * (int(nth) - 1))
    if after:
        day += dt.timedelta(days=(int(after) - day.isoweekday()) % 7 or 7)
    return day


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher")."""
    golden, century, of_century = year % 19, year // 100, year % 100
    epact = (19 * golden + century - century // 4 - (8 * century + 13) // 25 + 15) % 30
    weekday = (32 + 2 * (century % 4) + 2 * (of_century // 4) - epact - of_century % 4) % 7
    shift = (golden + 11 * epact + 22 * weekday) // 451
    month, day = divmod(epact + weekday - 7 * shift + 114, 31)
    return dt.date(year, month, day + 1)


def holiday(ctx: Context, rule: str) -> str:
    """``@holiday(4-4-11)`` (Thanksgiving): the nearest one in the clause's direction."""
    if ctx.dct is None:
        return f"XXXX-{rule}" if re.fullmatch(r"\d\d-\d\d", rule) else "XXXX-XX-XX"
    options = [_holiday_date(rule, year) for year in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
    return _pick(options, ctx.dct, ctx.tense, None).isoformat()


def reference(ctx: Context, offset: str) -> str:
    """``@reference(-1)`` ("past years", "coming months"): PAST_REF, PRESENT_REF or FUTURE_REF."""
    return REFERENCES[_sign(offset)]


def yearmonth(ctx: Context, offset: str, month_value: str) -> str:
    """``@yearmonth(-1,06)`` ("June last year"): that month of the year ``offset`` from publication."""
    return f"XXXX-{month_value}" if ctx.dct is None else f"{ctx.dct.year + int(offset)}-{month_value}"


def yearquarter(ctx: Context, offset: str, number: str) -> str:
    """``@yearquarter(1,1)`` ("next year's first quarter")."""
    return f"XXXX-Q{number}" if ctx.dct is None else f"{ctx.dct.year + int(offset)}-Q{number}"


def _pick(candidates: list[dt.date], dct: dt.date, tense: Tense, offset: int | None) -> dt.date:
    """Choose among dated occurrences: by an explicit offset (last/this/next), else by tense, else the nearest."""
    candidates = sorted(candidates)
    position = bisect.bisect_left(candidates, dct)
    if offset == -1 or (offset is None and tense == "past"):
        earlier = [c for c in candidates if c <= dct] if offset is None else [c for c in candidates if c < dct]
        return earlier[-1] if earlier else candidates[0]
    if offset == 1 or (offset is None and tense == "future"):
        later = [c for c in candidates if c >= dct] if offset is None else [c for c in candidates if c > dct]
        return later[0] if later else candidates[-1]
    if position < len(candidates) and candidates[position] == dct:
        return dct
    return min(candidates, key=lambda c: (abs((c - dct).days), c < dct))


def monthday(ctx: Context, month: str, day: str, weekday_number: str | None = None) -> str | None:
    """``@monthday(09,30)``: the September 30 nearest the publication date in the clause's direction.

    With a weekday (``@monthday(06,17,5)``, "Friday, June 17") only years where the date falls on that
    weekday qualify.
    """
    if ctx.dct is None:
        return f"XXXX-{month}-{day}"
    options = []
    for year in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1):
        try:
            options.append(dt.date(year, int(month), int(day)))
        except ValueError:
            continue
    if weekday_number is not None:
        options = [o for o in options if o.isoweekday() == int(weekday_number)] or options
    if not options:
        return None  # "February 30": not a date
    return _pick(options, ctx.dct, ctx.tense, None).isoformat()


def month(ctx: Context, month_value: str, offset: str | None = None) -> str:
    """``@month(03)`` / ``@month(09,-1)`` ("last September"): a month of the nearest fitting year."""
    if ctx.dct is None:
        return f"XXXX-{month_value}"
    options = [dt.date(y, int(month_value), 1) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
    if offset == "0":
        return f"{ctx.dct.year:04d}-{month_value}"
    sign = None if offset is None else _sign(offset)
    reference = ctx.dct.replace(day=1) if ctx.tense or sign else ctx.dct
    chosen = _pick(options, reference, ctx.tense, sign)
    return f"{chosen.year:04d}-{chosen.month:02d}"


def weekday(ctx: Context, number: str, offset: str | None = None) -> str:
    """``@weekday(4)``: the publication day itself if it is a Thursday, else the Thursday before or after."""
    if ctx.dct is None:
        return f"XXXX-WXX-{number}"
    delta = int(number) - ctx.dct.isoweekday()
    options = [ctx.dct + dt.timedelta(days=delta + 7 * k) for k in (-1, 0, 1)]
    sign = None if offset in (None, "0") else _sign(offset)
    if sign is None and delta == 0:
        return ctx.dct.isoformat()
    tense = ctx.tense or "past"
    return _pick(options, ctx.dct, tense, sign).isoformat()


def weekend(ctx: Context) -> str:
    """``@weekend()`` ("the weekend"): the last weekend in a past clause, the coming one in a future
    clause, else the one of the publication week."""
    if ctx.dct is None:
        return "XXXX-WXX-WE"
    saturday = ctx.dct + dt.timedelta(days=6 - ctx.dct.isoweekday())
    if ctx.tense == "past" and saturday > ctx.dct:
        saturday -= dt.timedelta(weeks=1)
    year, week, _ = saturday.isocalendar()
    return f"{year:04d}-W{week:02d}-WE"


def season(ctx: Context, code: str, offset: str | None = None) -> str:
    """``@season(SU,-1)`` ("last summer") -> the previous summer's year with the season code."""
    if ctx.dct is None:
        return f"XXXX-{code}"
    first_month = SEASON_MONTHS[code][0]
    starts = [dt.date(y, first_month, 1) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
    if offset == "0" or (offset is None and ctx.tense is None):
        return f"{ctx.dct.year:04d}-{code}"
    sign = None if offset is None else _sign(offset)
    if sign == -1:
        current = [s for s in starts if s <= ctx.dct and interval(f"{s.year:04d}-{code}")[1] >= ctx.dct]
        starts = [s for s in starts if s not in current]
    chosen = _pick(starts, ctx.dct, ctx.tense, sign)
    return f"{chosen.year:04d}-{code}"


def quarter(ctx: Context, number: str) -> str:
    """``@quarter(1)``: that quarter of the publication year (last year's if it is still ahead in a past clause;
    "will report third-quarter results" in November is this year's)."""
    if ctx.dct is None:
        return f"XXXX-Q{number}"
    current, year = (ctx.dct.month - 1) // 3 + 1, ctx.dct.year
    if ctx.tense == "past" and int(number) > current:
        year -= 1
    return f"{year:04d}-Q{number}"


def duration(ctx: Context, number: str, unit: str) -> str:
    """``@duration(3,Y)`` -> P3Y; clock units go after T (PT5H); a vague number gives PXY."""
    amount = number if number == "X" else (str(int(float(number))) if float(number).is_integer() else number)
    if amount.endswith(".5") and unit in HALF_UNITS:
        whole = amount[:-2]  # "2 1/2 years" -> P2Y6M, "a minute and a half" -> PT1M30S
        return f"P{whole}{unit}{HALF_UNITS[unit]}" if not unit.startswith("T") else f"PT{whole}{unit[1:]}{HALF_UNITS[unit]}"
    if unit.startswith("T"):
        return f"PT{amount}{unit[1:]}"
    if unit in YEARS_PER_UNIT:  # TimeML writes decades and centuries in years: P20Y, P100Y
        return f"P{amount if amount == 'X' else int(float(number) * YEARS_PER_UNIT[unit])}Y"
    return f"P{amount}{unit}"


FUNCTIONS: dict[str, Callable[..., str | None]] = {
    "ref": ref,
    "monthday": monthday,
    "month": month,
    "weekday": weekday,
    "season": season,
    "weekend": weekend,
    "quarter": quarter,
    "duration": duration,
    "shift": shift,
    "reference": reference,
    "holiday": holiday,
    "yearmonth": yearmonth,
    "yearquarter": yearquarter,
}


def resolve(value: str, ctx: Context) -> str | None:
    """Replace every ``@fn(args)`` in ``value``; None when a part cannot be a date."""
    failed = False

    def call(match: re.Match[str]) -> str:
        nonlocal failed
        args = [arg.strip() for arg in match[2].split(",")] if match[2] else []
        try:
            result = FUNCTIONS[match[1]](ctx, *args)
        except (OverflowError, ValueError):  # past the ends of the calendar ("in 5,000 years" from 9998)
            result = None
        if result is None:
            failed = True
            return ""
        return result

    resolved = CALL.sub(call, value)
    return None if failed else resolved


class SentenceBounds:
    """The start and end of the sentence holding a position, found by bisection in starts listed once (a list
    made per date made anchoring quadratic in the number of sentences)."""

    def __init__(self, doc: Document) -> None:
        self.starts = [s.start for s in doc.sentences]
        self.ends = [s.end for s in doc.sentences]
        self.length = len(doc.text)

    def start_of(self, position: int) -> int:
        index = bisect.bisect_right(self.starts, position) - 1
        return self.starts[index] if index >= 0 else 0

    def end_of(self, position: int) -> int:
        index = bisect.bisect_right(self.starts, position) - 1
        return self.ends[index] if index >= 0 else self.length


REQUEST_LOOK_BACK = 120  # characters before a date searched for "asked X to testify"


def _is_deadline(text: str, timex: TimeExpression) -> bool:
    """A month or a day without a year right after a deadline word ("to Nov. 20", "by Oct. 31") or right
    before a deadline noun ("the Jan. 14 deadline", "set Nov. 10 as the deadline")."""
    if not timex.value.startswith(("@monthday(", "@month(")):
        return False
    before = text[max(0, timex.start - 12) : timex.start].split()
    if before and before[-1].lower() in load_set("deadline_words.txt"):
        return True
    return _deadline_noun().match(text, timex.end) is not None


def _is_requested(text: str, sentence_start: int, timex: TimeExpression) -> bool:
    """A month or a day without a year in an infinitive that a request or an order sets up ("subpoenaed Elian
    to testify before the committee on Feb. 10"): it comes after the asking, not before the publication date."""
    preceding = text[max(0, timex.start - 8) : timex.start].rstrip().lower()
    if not timex.value.startswith(("@monthday(", "@month(")) or preceding.endswith("since"):
        return False  # "allowed to carry out an inspection since Jan. 13" looks back
    return _request_infinitive().search(text, max(sentence_start, timex.start - REQUEST_LOOK_BACK), timex.start) is not None


@functools.cache
def _request_infinitive() -> re.Pattern[str]:
    """A request verb, up to four words (its object), "to" and a verb, then no clause break up to the date."""
    verbs = alternation(load_list("request_verbs.txt"))
    return re.compile(rf"\b(?:{verbs})\b(?:\s+[\w'’-]+){{0,4}}?\s+to\s+[a-z]+\b[^;:.!?]*$")


@functools.cache
def _deadline_noun() -> re.Pattern[str]:
    return re.compile(rf"\s+(?:as\s+the\s+)?(?:{alternation(load_list('deadline_nouns.txt'))})\b", re.I)


def anchor_timexes(doc: Document) -> Document:
    """Resolve every timex value and fill its date interval and granularity; drop impossible dates."""
    text, dct = doc.text, doc.article.published
    kept = []
    previous: tuple[str, int] | None = None  # last calendar value and its sentence start
    sentence_tense: tuple[int, Tense] = (-1, None)  # the last tense cue found in a sentence, and its start
    bounds = SentenceBounds(doc)
    for timex in doc.timexes:
        sentence_start = bounds.start_of(timex.start)
        if "@" in timex.value:
            tense = clause_tense(text, sentence_start, timex.start, timex.end)
            if _is_deadline(text, timex):
                # "extended to Nov. 20": the nearest Nov. 20, even after a past verb; but a deadline word that
                # opens the sentence ("By Jan. 18, he led ...") sets the time of the main clause, in its tense
                tense = fronted_tense(text, sentence_start, timex.start, timex.end, bounds.end_of(timex.start))
            elif tense == "past" and _is_requested(text, sentence_start, timex):
                tense = None  # "subpoenaed Elian to testify on Feb. 10": after the asking, so the nearest Feb. 10
            elif tense is None and sentence_tense[0] == sentence_start:
                tense = sentence_tense[1]  # "reached a high in June from $29.75 in March": June's tense
            elif tense is None:
                tense = fronted_tense(text, sentence_start, timex.start, timex.end, bounds.end_of(timex.start))
            elif tense is not None:
                sentence_tense = (sentence_start, tense)
            in_sentence = previous[0] if previous and previous[1] == sentence_start else None
            value = resolve(timex.value, Context(dct, tense, previous[0] if previous else None, in_sentence))
            if value is None:
                continue
            timex.value = value
        if not is_valid_value(timex.value):
            continue  # "February 30, 2023" and the like
        if timex.type == "DATE" and TIME_OF_DAY.search(timex.value):
            timex.type = "TIME"  # "Friday morning" (…TMO), "Wednesday at 3 p.m.": TimeML types a time of day TIME
        timex.date_start, timex.date_end, timex.granularity = interval(timex.value)
        if timex.date_start is not None and timex.type == "DATE":
            previous = (timex.value, sentence_start)
        if timex.granularity is None and timex.type == "DURATION":
            timex.granularity = "duration"
        kept.append(timex)
    doc.timexes = kept
    return doc
