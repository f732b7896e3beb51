"""Regular expressions for attribution, built once from the resource word lists."""

from __future__ import annotations

import functools
import re
from typing import Iterator, Mapping

from .regex_trie import alternation
from .resources import load_list, load_mapping
from .text import NAME_JOINERS

# a character of an "according to" source: it ends at a comma, a bracket or a dash ("the poll - a sizable margin")
SOURCE = r"(?:(?!\s[-—–]+\s)[^,()—])"
NAME = rf"(?:[A-Z][\w’'.-]*)(?:\s+(?:[A-Z][\w’'.-]*|(?:{'|'.join(NAME_JOINERS)})\b)){{0,6}}(?<![’'].)"


@functools.cache
def parts(headline: bool = False) -> dict[str, str]:
    """Named regex fragments: cue, speaker, listener, adverb. In a headline, cues may be title case ("Tells")."""
    cues = alternation(list(load_mapping("speech_verbs.tsv")))
    adjacent_cues = alternation(list(load_mapping("speech_verbs.tsv")) + list(load_mapping("adjacent_cue_verbs.tsv")))
    pronouns = alternation([form for pronoun in load_mapping("pronouns.tsv") for form in (pronoun, pronoun.capitalize())])
    nouns = alternation(list(load_list("source_nouns.txt")))
    prepositions = alternation(list(load_list("prepositions.txt")))
    filler = rf"(?!(?i:{prepositions}|his|her|their|its|the|an?)\b)[\w-]+\s+"
    nominal = (
        rf"\b(?:(?:[Tt]he|[Aa]n?|[Oo]ne|two|three|several|some|many|other|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|{NAME}['’]s)\s+)?"
        rf"(?:{filler}){{0,3}}?(?:{nouns})\b(?:\s+(?:for|of|at|with)\s+(?:the\s+)?{NAME})?"
    )
    adverbs = alternation(list(load_list("speaker_adverbs.txt")))
    # "Clinton on Monday said", "Priebus later Thursday told": a weekday between speaker and cue
    day = rf"(?:on\s+)?(?:{alternation([w for w in load_mapping('weekdays.tsv') if w[-1] != '.' and len(w) > 3])})"
    partial = alternation(list(load_list("partial_quote_verbs.txt")))
    # a poll's share or a count of people: "59 percent said", "78 percent of voters in a recent poll said", "1,409 teachers said"
    qualifiers = alternation([form for word in load_list("count_qualifiers.txt") for form in (word, word.capitalize())])
    counted = (rf"\b(?:(?:{qualifiers})\s+)?"
               r"\d[\d,.]*(?:\s*(?:percent|%)(?:\s+of\s+(?:the\s+)?[\w’'-]+(?:\s+(?!said\b)[\w’'-]+){0,8}?)?|\s+[a-z]{3,}s)\b")
    # the cues whose object is the listener ("told reporters", "telling Mr. Trump"): looked behind for, one by one
    listener_lemmas = set(load_list("listener_verbs.txt"))
    listener_cues = [verb for verb, lemma in load_mapping("speech_verbs.tsv").items() if lemma in listener_lemmas]
    # capitalised words that never begin a speaker: "Monday", "March", "Then", "Still"
    not_names = alternation([w for w in [*load_mapping("weekdays.tsv"), *load_mapping("months.tsv")] if w[-1] != "."]
                            + list(load_list("not_speaker_starts.txt")))
    clause_words = rf"(?:{alternation(list(load_list('noun_phrase_stops.txt')))})\b"
    noun_phrase = (r"\b(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Ss]everal|[Ss]ome|[Mm]any|[Mm]ost|[Oo]ther|[Ff]ew|[Aa]ll|[Tt]wo|[Tt]hree)\s+"
                   rf"(?:(?!{clause_words})[\w.’'-]+\s+){{0,5}}?(?!{clause_words}|(?i:{prepositions})\b)[a-z0-9][\w-]*")
    return {
        "appositive": r"(?:\s+\([^()“”\"]{1,25}\))?(?:(?:,\s+(?:(?!--)[^,“”\"—–]){1,120}){1,3},(?:''|[”’])?)?",
        # "Mr. Sanders, who said ...": the relative pronoun's antecedent is the speaker
        # ("a White House official who spoke anonymously said": with no comma before "who", a short restrictive
        # clause may stand between the speaker and "said" or "told")
        "relative": r"(?:,?\s+(?P<relative>who|which)|(?<!,)\s+who\s+[^,;:“”\"]{1,80}?(?=\s+(?:said|told|says|tells)\b))?",
        # "He’s claiming", "They’ve said": a contracted auxiliary after a pronoun speaker
        "contraction": r"(?:['’](?:(?<=\b[Hh]e.)|(?<=\b[Ss]he.)|(?<=\b[Ii]t.)|(?<=\b[Tt]hey.)|(?<=\b[Ww]e.)|(?<=\bI.)"
                       r"|(?<=\b[Yy]ou.))(?:s|ve|d|re)(?=\s+[a-z]))?",  # (the mark first: most speakers fail there)
        "cue": rf"\b(?i:{cues})\b" if headline else rf"\b(?:{cues})\b",
        "adjacent_cue": rf"\b(?i:{adjacent_cues})\b" if headline else rf"\b(?:{adjacent_cues})\b",
        "participles": alternation([verb for verb in load_mapping("speech_verbs.tsv") if verb.endswith("ing")]),
        "partial_cue": rf"\b(?i:{cues}|{partial})\b" if headline else rf"\b(?:{cues}|{partial})\b",
        # (?<!...): a speaker starts a word, so most positions fail at once
        "speaker": rf"(?<![\w’'])(?:\b(?:{pronouns})\b|{nominal}|(?!(?:{not_names}|{prepositions})\b|(?:The|An?)\s+[a-z]){NAME}|{noun_phrase}"
                   rf"|{counted})",
        # a speaker named, or a pronoun: the subject of "X rejected the idea and said ..."
        "named_speaker": rf"(?<![\w’'])(?:\b(?:{pronouns})\b|(?!(?:{not_names}|{prepositions})\b|(?:The|An?)\s){NAME})",
        # said former secretary of state Hillary Clinton / said conservative activist Bob Klaus
        "titled_name": rf"(?:{NAME}\s+)?(?:(?!(?:{prepositions})\b|{clause_words})(?:[a-z]|\d+/)[\w./’'-]*\s+){{1,5}}(?!(?:{not_names})\b){NAME}",
        # before a colon: no verb among the lower-case words ("delivered a blunt message to Trump:")
        "colon_name": rf"(?:{NAME}\s+)?(?:(?!(?:{prepositions})\b|{clause_words}|[a-z]+(?:ed|ing)\b)[a-z][\w.’'-]*\s+){{1,5}}(?!(?:{not_names})\b){NAME}",
        # "gingerly said", "smiled and said"
        "adverb": rf"(?:(?:{adverbs}|[a-z]{{3,}}ly|{day})\s+){{0,2}}",
        "not_names": not_names,
        "prepositions": prepositions,
        "listener": rf"(?:\s+(?:{alternation(list(load_list('listeners.txt')))}|{NAME}))?",
        "leading": rf"(?:(?:{alternation(list(load_list('leading_conjunctions.txt')))})\s+){{0,2}}",
        # "reported Thursday that ...": a weekday between the cue and the content
        "day": day,
        # right after a cue that takes a listener ("told", "asked"): "said Dan Gerstein, ..." has none
        "after_listener_cue": "(?:" + "|".join(f"(?<=\\b{verb})" for verb in listener_cues if " " not in verb) + ")",
        # a determiner or a participle opening the sentence is no speaker ("Any ...", "Standing on the stage, ...")
        "not_a_subject": rf"(?!(?:{alternation(list(load_list('not_subject_starts.txt')))})\b|[A-Z][a-z]+ing\b)",
        "not_an_object": rf"(?!(?:{alternation(list(load_list('cue_objects.txt')))})\b)",
    }


@functools.cache
def cue_word_pattern() -> re.Pattern[str]:
    """The first word of every cue ("said", "according", "went"): a text without any needs no attribution pattern."""
    entries = [*load_mapping("speech_verbs.tsv"), *load_mapping("adjacent_cue_verbs.tsv"),
               *load_list("partial_quote_verbs.txt"), "according", "According"]
    return re.compile(rf"\b(?:{alternation(sorted({entry.split()[0] for entry in entries}))})\b")


@functools.cache
def speech_cue_words() -> frozenset[str]:
    """The first word of every speech verb and "according": what indirect speech and a mixed quote need."""
    return frozenset([entry.split()[0] for entry in load_mapping("speech_verbs.tsv")] + ["according", "According"])


@functools.cache
def base_form_cues() -> frozenset[str]:
    """The speech verbs in their base form ("say", "show"): a singular name does not take them."""
    return frozenset(verb for verb, lemma in load_mapping("speech_verbs.tsv").items() if verb == lemma)


@functools.cache
def before_end_words() -> frozenset[str]:
    """Words that can end a ``before`` match: a cue's last word, a listener's, a name joiner."""
    entries = [*load_mapping("speech_verbs.tsv"), *load_mapping("adjacent_cue_verbs.tsv"), *load_list("listeners.txt")]
    return frozenset(entry.split()[-1].lower() for entry in entries) | frozenset(NAME_JOINERS)


@functools.cache
def compiled(headline: bool = False) -> "LazyPatterns":
    """The attribution patterns used by the quotes stage (``headline``: for a headline line), each compiled
    when first used (compiling them all is most of a worker's start-up, and a headline needs few).

    Patterns that the stage applies with ``match(text, pos)`` must not start with ``^``: it would only
    match at the very start of the text, never at ``pos``."""
    p = parts(headline)
    speaker, cue, adverb = p["speaker"], p["cue"], p["adverb"]
    apposition = p["contraction"] + p["appositive"] + p["relative"]
    adjacent_cue = p["adjacent_cue"]
    not_names, prepositions = p["not_names"], p["prepositions"]
    not_a_subject, not_an_object = p["not_a_subject"], p["not_an_object"]
    return LazyPatterns({
        # “...,” he said / “...,” Stoltenberg told reporters
        "after_speaker_cue": _source(rf"^[\s,.!?;:—–'’\"”-]{{0,4}}(?P<speaker>{speaker}){apposition}\s+{adverb}(?P<cue>{adjacent_cue})"),
        # “...,” said Stoltenberg
        "after_cue_speaker": _source(rf"^[\s,.!?;:—–'’\"”-]{{0,4}}(?P<cue>{adjacent_cue})\s+(?P<speaker>{p['titled_name']}|{speaker})"),
        # “...,” according to the event organizer
        "after_according": _source(rf"^[\s,.!?;:—–'’\"”-]{{0,4}}(?P<cue>according\s+to)\s+(?P<speaker>{p['titled_name']}|{speaker})"),
        # “...”  - Bernie Sanders.  (a dash line naming the speaker under the quote)
        "after_dash": _source(rf"\s*[—–―-]\s*(?P<speaker>{NAME})(?P<cue>)\s*(?:[,.]|$)"),
        # Stoltenberg said: “...” / he told reporters, “...”
        "before": _source(
            rf"(?P<speaker>{speaker}){apposition}\s+{adverb}(?P<cue>{adjacent_cue}){p['listener']}(?:\s+(?:of|about|to)\s+[^,“”\"]{{1,40}})?\s*[:,]?\s*$"
        ),
        # ..., explained Rosenberg, “...” (the cue before the speaker, right before the quote)
        "before_inverted": _source(rf"(?:^|[,;]\s+)(?P<cue>{adjacent_cue})\s+(?P<speaker>{p['titled_name']}|{speaker})\s*[:,]\s*$"),
        # Philip Bump: “...” / Rep. Trey Gowdy (R-S.C.): “...” (a name opening the sentence or a comma-separated
        # part, and a colon or dash right before the quote; not "... supportive of Mr. Trump -- “...”")
        "before_colon": _source(
            rf"(?:^|(?<=[—–-]\s)|(?<=\s[—–-])|(?<=,\s)including\s+)\s*(?P<speaker>(?!(?:{not_names}|{prepositions})\b)(?:{p['colon_name']}|{NAME})(?:\s+and\s+{NAME})?)"
            rf"(?P<cue>)(?:\s+\([^()]{{1,25}}\))?(?:\s+in\s+[^:“”\"]{{1,30}})?\s*(?::|--|—)\s*$"
        ),
        # Stoltenberg said he hoped the alliance would “...” / Trump likened them to a “vicious snake”
        "mixed": _source(rf"(?P<speaker>{speaker}){apposition}\s+{adverb}(?P<cue>{cue})\b"),
        "partial": _source(rf"(?P<speaker>{speaker}){apposition}\s+{adverb}(?P<cue>{p['partial_cue']})\b"),
        # ... outlined his plan and vowed to punish “those who ...”, ... declined to comment but said “...” (the
        # speaker is the clause subject)
        "coordinated": _source(rf"\b(?:and|but)\s+(?P<speaker>){adverb}(?P<cue>{p['partial_cue']})\b"),
        # ..., calling him a “loser” (the speaker is found as the clause subject)
        "participle": _source(rf",\s+(?P<speaker>)(?P<cue>\b(?:{p['participles']})\b)"),
        # the noun phrase a sentence opens with, before a participle phrase: "Another intelligence source speaking to"
        "speaker_first": _source(rf"(?P<speaker>{speaker})\s+[a-z]+ing\b"),
        # a whole comma-separated part that is a speaker: ", Senator Harry Reid," / ", Gov. John Kasich (R-OH),"
        "speaker_alone": _source(rf"(?P<speaker>{speaker})(?:\s+\([^()]{{1,25}}\))?\s*$"),
        # a clause's subject right before its verb: "Trump went after Bush", "Rep. Trey Gowdy (R-S.C.) quickly said"
        "clause_subject": _source(rf"{p['leading']}(?P<speaker>{speaker})(?:\s+\([^()]{{1,25}}\))?\s+{adverb}(?P<verb>[a-z]+)\b"),
        # the subject a participle cue ("..., calling him a “loser”") belongs to, loosely: after a leading phrase
        "subject": _source(rf"(?:[^,“”\"]{{0,120}},\s+)?{p['leading']}(?P<speaker>{speaker}){apposition}\s+(?:[a-z]+\s+){{0,2}}?[a-z]+\b"),
        # Caddell continued:  (a paragraph that introduces the quote below it)
        "intro": _source(rf"(?P<speaker>{speaker})\s+{adverb}(?P<cue>[a-z]+)(?:\s+[^:,“”\"]{{0,80}})?:$"),
        # Trump: ‘I’m the worst ...’ (a headline naming its speaker before a colon)
        "headline": _source(rf"\s*(?P<speaker>{NAME}):\s"),
        # PENCE: Well, look, ... (a transcript line inside the quotation marks)
        "transcript": _source(r"(?P<speaker>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}|[A-Z][a-z’'-]+(?: [A-Z][a-z’'.-]+){1,2}):\s"),
        "according_to": _source(rf"\b(?P<cue>[Aa]ccording\s+to)\s+(?P<speaker>{speaker})"),
        # Stoltenberg has said (that) there is ...
        "indirect_lead": _source(
            rf"^(?:[^,“”\"]{{0,100}},\s+)?(?:[\w.’'-]+\s+){{0,6}}?(?P<speaker>{speaker}){apposition}\s+{adverb}(?P<cue>{cue})"
            rf"(?:{p['after_listener_cue']}{p['listener']})?(?:\s+{p['day']})?\s+(?:that\s+)?(?P<content>\S.*?)[\s.!?]*$",
            re.S,
        ),
        # The good news for Cruz, Woolson said, is that ... (the content is the whole sentence around it)
        "indirect_middle": _source(
            rf"^(?P<content>\S.*?,\s+(?P<speaker>{speaker})\s+{adverb}(?P<cue>{cue}),\s+\S.*?)[\s.!?]*$",
            re.S,
        ),
        # There is no consensus, Stoltenberg said.
        "indirect_tail": _source(
            rf"^(?P<content>\S.*?),\s+(?:(?P<speaker>{speaker})\s+{adverb}(?P<cue>{cue})|(?!\w+ing\b)(?P<cue2>{cue})\s+(?P<speaker2>{speaker}))"
            rf"[^,]{{0,60}}[.!?]?$",  # (", saying it would ..." is no inverted speaker: see indirect_participle)
            re.S,
        ),
        # Clinton criticized the plan, saying it would raise taxes (the subject of the sentence is the speaker)
        "indirect_participle": _source(
            rf"^(?:[^,“”\"]{{0,100}},\s+)?{not_a_subject}(?P<speaker>{speaker}){apposition}\s+{adverb}[a-z][\w’'-]*\b[^;:“”\"]*?,\s+"
            rf"(?:while\s+)?(?:also\s+)?(?!(?:{alternation(list(load_list('naming_participles.txt')))})\b)(?P<cue>{p['participles']})"
            rf"(?:{p['after_listener_cue']}{p['listener']})?"
            rf"\s+(?:that\s+)?{not_an_object}(?P<content>\S.*?)[\s.!?]*$",  # (after "telling", "asking": the listener)
            re.S,
        ),
        # Ms. Conway rejected the idea that ... and said that Mr. Manafort was not being diminished (the subject, named)
        "indirect_coordinated": _source(
            rf"^(?:[^,“”\"]{{0,100}},\s+)?{not_a_subject}(?P<speaker>{p['named_speaker']}){apposition}\s+{adverb}[a-z][\w’'-]*\s"
            rf"(?:[^;:“”\"]*?\s)?(?:and|but)\s+{adverb}(?P<cue>{cue})\s+(?:that\s+)?{not_an_object}(?P<content>\S.*?)[\s.!?]*$",
            re.S,
        ),
        # ..., said Steve Grubbs, an Iowa operative working for Rand Paul’s campaign. (a named speaker and an appositive)
        "indirect_tail_appositive": _source(
            rf"^(?P<content>\S.*?),\s+(?!\w+ing\b)(?P<cue>{cue})\s+(?P<speaker>(?=[A-Z]){speaker}),[^,“”\"]{{1,120}}[.!?]?$",
            re.S,
        ),
        # “...” that Sanders can catch Clinton, said Steve Elmendorf, a strategist. (the cue ends the sentence, or
        # a participle clause follows it: ", she said, referencing the bank’s drive to “cross-sell”")
        "sentence_tail": _source(
            rf",\s+(?:(?P<speaker>{speaker})\s+{adverb}(?P<cue>{cue})|(?P<cue2>{cue})\s+(?P<speaker2>{p['titled_name']}|{speaker}))"
            rf"(?:,\s+[a-z]+ing\b.*|(?:,[^,“”\"]{{1,120}})?[^,“”\"]{{0,60}}[.!?]?\s*)$", re.S
        ),
        # any word that can cue an attribution: a sentence or stretch without one needs no other pattern
        "any_cue": _source(rf"{p['partial_cue']}|{adjacent_cue}|\b(?:{p['participles']})\b|[Aa]ccording\s+to"),
        # (But) according to X, ...
        "according_lead": _source(rf"^{p['leading']}(?P<cue>[Aa]ccording\s+to)\s+(?P<speaker>{SOURCE}{{2,80}}),\s+"
                                  r"(?P<content>\S.*?)[\s.!?]*$", re.S),
        # ..., according to an analysis by Lee Epstein, a law professor ..., and Kevin Quinn, a political scientist ...
        # (appositives open with a determiner, a relative pronoun or "and"; no comma before a long source)
        "according_tail": _source(rf"^(?P<content>\S.*?)(?:,\s+|\s+(?=according))(?P<cue>according\s+to)\s+(?P<speaker>{SOURCE}{{2,120}}?)"
                                  rf"(?:,\s+(?:an?|the|who|which|one|his|her|its|their|and)\b[^,“”\"]{{1,120}}){{0,3}}"
                                  rf"(?:\s+[-—–]+\s+[^“”\"]{{1,120}}|\s*\([^()]{{1,60}}\)[^“”\"]{{0,60}})?[.!?]?$", re.S),
        # the next day, according to Roffman, Trump made further demands (the content is the whole sentence around it)
        "according_middle": _source(rf"^(?P<content>\S.*?,\s+(?P<cue>according\s+to)\s+(?P<speaker>{SOURCE}{{2,80}}?),\s+\S.*?)[\s.!?]*$",
                                    re.S),
    })


def _source(pattern: str, flags: int = 0) -> tuple[str, int]:
    return pattern, flags


class LazyPatterns(Mapping[str, "re.Pattern[str]"]):
    """Named pattern sources, compiled on first access and kept."""

    def __init__(self, sources: dict[str, tuple[str, int]]) -> None:
        self._sources = sources
        self._compiled: dict[str, re.Pattern[str]] = {}

    def __getitem__(self, name: str) -> re.Pattern[str]:
        pattern = self._compiled.get(name)
        if pattern is None:
            pattern = self._compiled[name] = re.compile(*self._sources[name])
        return pattern

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)
