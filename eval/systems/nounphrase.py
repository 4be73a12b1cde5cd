"""Noun-phrase heuristics of the rule-based coder: the subject before a verb, a quote's speaker.

Plain regular expressions over the sentence, no parser: clause boundaries are
punctuation and conjunctions; the word lists (discourse words dropped at the start,
auxiliaries and time words dropped at the end, prepositions that cannot open a
subject, speech verbs) live in ``lexicons.json`` beside this file.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from claimcoder.data.schema import Span

LEXICON_FILE = Path(__file__).with_name("lexicons.json")


@lru_cache(maxsize=1)
def lexicon_data() -> dict[str, Any]:
    """The parsed ``lexicons.json`` (cues, vetoes, speech verbs, noun-phrase word lists)."""
    return json.loads(LEXICON_FILE.read_text(encoding="utf-8"))


_WORDS = lexicon_data()["noun_phrase"]
_LEAD_DROP = frozenset(_WORDS["lead_drop"])
_TRAIL_DROP = frozenset(_WORDS["trail_drop"])
_NOT_SUBJECT = frozenset(_WORDS["not_subject"])
SPEECH_WORDS = "|".join(lexicon_data()["speech_verbs"])
#: a verb of saying ("said", "told", "according to")
SPEECH = re.compile(rf"\b(?:{SPEECH_WORDS})\b", re.IGNORECASE)
_BOUNDARY = re.compile(r"[,;:“”\"(\[—–]|\s-\s|\b(?:and|but|that|which|who|whom|while|after|before|because|when|"
                       r"as|if|although|though|saying|adding|where)\b", re.IGNORECASE)
_WORD = re.compile(r"[\w'’.&-]+")
_QUOTES = re.compile(r"“[^”]*”|\"[^\"]*\"|(?<!\w)['‘][^'’]*?['’](?!\w)")
_ATTR_AFTER = re.compile(rf"^\s*[,—–-]?\s*(?P<src>(?:[\w'’.&-]+\s+){{0,9}}?[\w'’.&-]+)\s+(?:{SPEECH_WORDS})\b",
                         re.IGNORECASE)
_ATTR_INVERTED = re.compile(rf"^\s*[,—–-]?\s*(?:{SPEECH_WORDS})\s+(?P<src>(?:[\w'’.&-]+\s+){{0,6}}?[\w'’.&-]+)"
                            r"(?=\s*(?:[,.;]|$))", re.IGNORECASE)
#: '..., X said' after the cue (attribution at the end of the sentence)
ATTR_TAIL = re.compile(rf"[,”\"’']\s*(?P<src>(?:[\w'’.&-]+\s+){{0,9}}?[\w'’.&-]+)\s+(?:{SPEECH_WORDS})\b", re.IGNORECASE)
#: transcripts: "MINISTER: ..."
SPEAKER = re.compile(r"^(?P<src>(?:[A-Z][A-Z.'’-]*\s+){0,3}[A-Z][A-Z.'’-]+)(?:\s*\([^)]*\))?:\s")


def trim_span(text: str, start: int, end: int) -> Span | None:
    """A span with surrounding spaces and punctuation trimmed (None if nothing left)."""
    strip = " \t\n\"“”‘’'(),.;:!?—–-"
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return Span(start, end, text[start:end]) if end > start else None


def np_span(text: str, start: int, end: int) -> Span | None:
    """A noun-phrase span without trailing auxiliaries, adverbs, time words or a possessive 's."""
    words = list(_WORD.finditer(text, start, end))
    while words and (words[-1].group().lower() in _TRAIL_DROP or
                     (words[-1].group().islower() and words[-1].group().endswith("ly"))):
        words.pop()
    while words and words[0].group().lower() in _LEAD_DROP:
        words.pop(0)
    if not words:
        return None
    last = words[-1].group()
    stop = words[-1].end() - (2 if last[-2:] in ("'s", "’s") and len(words) > 1 else 0)
    return trim_span(text, words[0].start(), stop)


def left_subject(text: str, pos: int) -> Span | None:
    """The noun phrase right before position ``pos`` (a verb), back to the clause boundary.

    Leading discourse words and trailing auxiliaries, adverbs and time phrases are
    dropped ("The mayor on Tuesday denied" -> "The mayor"). An appositive or an
    adverbial between commas is skipped ("Sunrise Pictures, in a statement, said").
    """
    end = pos
    for _ in range(4):  # at most a few comma-separated chunks back
        bounds = list(_BOUNDARY.finditer(text, 0, end))
        b = bounds[-1] if bounds else None
        span = np_span(text, b.end() if b else 0, end)
        if span is not None and span.text.split()[0].lower() not in _NOT_SUBJECT and len(span.text.split()) <= 10:
            return span
        if b is None or b.group() not in (",", "—", "–"):
            return None
        end = b.start()
    return None


def quote_of(text: str, pos: int) -> re.Match | None:
    """The quotation that holds position ``pos``, if any."""
    return next((q for q in _QUOTES.finditer(text) if q.start() < pos < q.end()), None)


def attribution(text: str, quote: re.Match) -> Span | None:
    """Who a quotation is attributed to: '"...," he said', '"...," said X', or 'X said: "..."'."""
    after = text[quote.end():]
    m = _ATTR_AFTER.match(after) or _ATTR_INVERTED.match(after)
    if m:
        return np_span(text, quote.end() + m.start("src"), quote.end() + m.end("src"))
    before = text[:quote.start()]
    speech = list(SPEECH.finditer(before))
    if speech and not before[speech[-1].end():].strip(" :,"):
        return left_subject(text, speech[-1].start())
    return None


