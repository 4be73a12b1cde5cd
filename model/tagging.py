"""Between character spans and token tags: labels for training, spans from predictions."""
from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from claimcoder.data.schema import Claim, Span

from .config import TAGS

O, B_SRC, I_SRC, B_TGT, I_TGT = range(len(TAGS))
IGNORE = -100


def _token_range(offsets: Sequence[tuple[int, int]], start: int, end: int) -> list[int]:
    """Indices of (non-special) tokens overlapping the character range [start, end)."""
    return [i for i, (a, b) in enumerate(offsets) if b > a and a < end and b > start]


def spans_to_tags(claims: Sequence[Claim], offsets: Sequence[tuple[int, int]],
                  type_index: dict[str, int]) -> np.ndarray:
    """Token labels ``[n_tokens, n_types]``: BIO over SOURCE/TARGET, per claim type.

    Special tokens (offset (0, 0)) get ``IGNORE`` so the loss skips them, and so
    does every column of a type the sentence does not hold: spans are only read
    for predicted types, so the tagger learns where sources and targets are,
    not whether a claim exists (the type head's job). This keeps the all-"O"
    columns from drowning the few span tokens.
    """
    tags = np.full((len(offsets), len(type_index)), IGNORE, dtype=np.int64)
    present = sorted({type_index[c.type] for c in claims})
    for i, (a, b) in enumerate(offsets):
        if a != b:
            tags[i, present] = O
    for claim in claims:
        t = type_index[claim.type]
        for span, begin, inside in ((claim.source, B_SRC, I_SRC), (claim.target, B_TGT, I_TGT)):
            if span is None:
                continue
            toks = _token_range(offsets, span.start, span.end)
            for k, tok in enumerate(toks):
                tags[tok, t] = begin if k == 0 else inside
    return tags


_FUNCTION_WORDS = {"the", "a", "an", "of", "and", "or", "to", "in", "on", "at", "by", "for", "with", "from", "'s", "s"}


#: Dotted abbreviations and initials ("U.S.", "F.B.I.", the "B." of "James B. Comey"): a span never
#: cuts one, and its final full stop belongs to it.
_ABBREVIATION = re.compile(r"(?<![\w.])(?:[A-Za-z]\.){2,}|(?<![\w.])[A-Z]\.(?=\s+[A-Z])")
_LEADING_JUNK = ".,;:!?)]}\"'“”‘’-–—"
_TRAILING_JUNK = ",;:!?([{\"'“”‘’-–—"


def _clean_span(text: str, start: int, end: int) -> Span | None:
    """Widen a span to whole words (a tag on "##leader" alone must not cut "ringleader", nor "U" cut
    "U.S."), trim punctuation at its edges (". Smith" -> "Smith") and drop what is only function
    words or punctuation (a lone "the" is no actor)."""
    start, end = _whole_words(text, start, end)
    for m in _ABBREVIATION.finditer(text, max(0, start - 12), min(len(text), end + 12)):
        if m.start() < end and m.end() > start:
            start, end = min(start, m.start()), max(end, m.end())
    while start < end and (text[start].isspace() or text[start] in _LEADING_JUNK):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRAILING_JUNK
                           or (text[end - 1] == "." and not _ends_abbreviation(text, end))):
        end -= 1
    if start >= end:
        return None
    words = [w.strip(".,;:!?\"'“”‘’()[]-").lower() for w in text[start:end].split()]
    if not any(w and w not in _FUNCTION_WORDS for w in words):
        return None
    start, end = _trim_edge_words(text, start, end)
    return Span(start, end, text[start:end])


#: Words no actor's name ends with ("The former first lady and", "the Ministry of") or, for the coordinators,
#: starts with ("and U.S. officials"): a tagger that runs one token long or starts one early leaves them.
_TRAILING_WORDS = {"and", "or", "but", "nor", "of", "the", "a", "an", "for", "in", "at", "to", "by", "with",
                   "from", "on"}
_LEADING_WORDS = {"and", "or", "but", "nor"}
_LAST_WORD = re.compile(r"\s+(\w+)[,;:]?$")
_FIRST_WORD = re.compile(r"(\w+)\s+")


def _trim_edge_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` less the function words at its edges, and the punctuation that trimming them bares
    ("The minister, and" -> "The minister"); the caller has checked a content word is left. A trailing word
    is trimmed only in lower case: the "A" of "Group A" is a name's."""
    while True:
        last, first = _LAST_WORD.search(text, start, end), _FIRST_WORD.match(text, start, end)
        if last and last.group(1) in _TRAILING_WORDS:
            end = last.start()
            while end > start and (text[end - 1].isspace() or text[end - 1] in _TRAILING_JUNK
                                   or (text[end - 1] == "." and not _ends_abbreviation(text, end))):
                end -= 1
        elif first and first.group(1).lower() in _LEADING_WORDS:
            start = first.end()
        else:
            return start, end


#: A capitalised word that goes on a name ("Council" after "the Human Rights"); the days and months that
#: follow a name in news copy ("Russia Tuesday") do not.
_NAME_GOES_ON = re.compile(r" ([A-Z][a-z]+)\b(?![-'’])")
_NOT_NAME = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
             "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}


def _finish_name(text: str, span: Span) -> Span:
    """A span that stops before the rest of a capitalised name ("the Human Rights" of "the Human Rights
    Council", "Kessler" of "Kessler Pay") takes the rest of it.

    The tagger decides token by token and sometimes drops a name's last words. A headline in title case
    ("Protesters in Mexico Demand Answers") capitalises its verbs too, so there the span is left as tagged.
    """
    if not span.text.split()[-1][:1].isupper() or _title_case(text):
        return span
    end = span.end
    while (m := _NAME_GOES_ON.match(text, end)) and m.group(1).lower() not in _NOT_NAME:
        end = m.end()
    return span if end == span.end else Span(span.start, end, text[span.start:end])


def _title_case(text: str) -> bool:
    """Whether a sentence capitalises four in five of its longer words, as a headline in title case does (a
    sentence of names still has lowercase verbs and nouns)."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` so it cuts no word: "American" of "Mexican-American" takes the whole
    compound, "Brien" of "O'Brien" the whole name. To the right a hyphen is crossed only before a
    capital ("Mexican-American", not "Kremlin-backed"), and a possessive "'s" is never taken."""
    while start > 0 and start < len(text) and text[start].isalnum():
        before = text[start - 1]
        if before.isalnum():
            start -= 1
        elif before in "'’-" and start > 1 and text[start - 2].isalnum():
            start -= 2
        else:
            break
    while 0 < end < len(text) and text[end - 1].isalnum():
        after = text[end]
        if after.isalnum():
            end += 1
        elif after == "-" and end + 1 < len(text) and text[end + 1].isupper():
            end += 2
        else:
            break
    return start, end


def _ends_abbreviation(text: str, end: int) -> bool:
    """Whether the full stop at ``end - 1`` closes an abbreviation or initial ("U.S.", "B.")."""
    return any(m.end() == end for m in _ABBREVIATION.finditer(text, max(0, end - 12), end))


def tags_to_spans(tags: Sequence[int], offsets: Sequence[tuple[int, int]], text: str,
                  begin: int, inside: int) -> list[Span]:
    """Read spans of one role from a tag sequence; a stray I- starts a span too."""
    spans: list[Span] = []
    cur: list[int] | None = None
    for i, tag in enumerate(tags):
        a, b = offsets[i]
        if a == b:  # special or padding token ends any span
            tag = O
        if tag == begin or (tag == inside and cur is None):
            if cur is not None:
                spans.append(cur)
            cur = [a, b]
        elif tag == inside and cur is not None:
            cur[1] = b
        else:
            if cur is not None:
                spans.append(cur)
            cur = None
    if cur is not None:
        spans.append(cur)
    out: list[Span] = []
    for a, b in _joined(spans, text):
        span = _clean_span(text, a, b)
        if span is not None:
            span = _finish_name(text, span)
        if span is not None and (not out or span.start >= out[-1].end):  # widening may merge neighbours
            out.append(span)
    return out


#: What may lie between two pieces of one role's tags and still be one phrase: whitespace, connecting words (of,
#: for, the, at, in) and at most one other word that is neither a coordinator nor a reporting verb: "A spokeswoman
#: for" + "National Security Council" across "the", "Kanchan" + "Prasad" across a space, "White" + "Chief of
#: Staff" across "House", "Foreign Ministry" + "Wang Wenbin" across "spokesman". A comma, "and", "said" or two
#: other words keep them apart ("Russia and Iran" are two actors; a span never crosses a reporting verb). The
#: one-word gap was measured on dev (claim F1 0.733 -> 0.736; see the README for the variants tried). The gap
#: may also be a piece of one word: the "U" of "U.S. senator" left untagged between "The former first lady and"
#: and ".S. senator" (one speaker, not two).
_GAP_WORD = (r"(?!(?:and|or|but|nor|as|than|versus|vs|said|says|say|told|tells|added|accused|accuses|denied|"
             r"denies|blamed|blames|demanded|demands|asked|asks|claimed|claims|urged|urges|called|calls|warned|"
             r"insisted|rejected|dismissed)\b)[\w.'’-]+")
_JOIN = re.compile(r"\s*(?:(?:of|for|the|at|in)\s+)*(?:" + _GAP_WORD + r"\s*)?(?:(?:of|for|the|at|in)\s+)*",
                   re.IGNORECASE)


def _joined(spans: list[list[int]], text: str) -> list[list[int]]:
    """Merge neighbouring pieces of one role that only whitespace, connecting words or one other word separate.

    The tagger decides token by token, so it sometimes drops a token in the middle of a long
    phrase; read as two spans, that phrase would become two claims, each with half an actor.
    """
    out: list[list[int]] = []
    for a, b in spans:
        if out and _JOIN.fullmatch(text[out[-1][1]:a]):
            out[-1][1] = b
        else:
            out.append([a, b])
    return out


def pair_claims(ctype: str, score: float, sources: list[Span], targets: list[Span]) -> list[Claim]:
    """Turn the spans tagged for one type into claims.

    One source and one target make one claim. Several sources (two accusers in one
    sentence) make one claim each, each paired with the nearest following target,
    else the nearest target.
    """
    if len(sources) <= 1 and len(targets) <= 1:
        return [Claim(ctype, sources[0] if sources else None, targets[0] if targets else None, score)]
    if not sources:
        return [Claim(ctype, None, t, score) for t in targets]
    claims = []
    for s in sources:
        after = [t for t in targets if t.start >= s.end]
        pool = after or targets
        tgt = min(pool, key=lambda t: abs(t.start - s.start)) if pool else None
        claims.append(Claim(ctype, s, tgt, score))
    return claims
