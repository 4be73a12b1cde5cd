"""Who a span refers to, article by article: pronouns and descriptors take earlier named mentions.

Two steps, in reading order:

1. pronouns ("he", "they") and descriptors ("the ministry", "the official") take
   the actor of the most recent compatible named mention earlier in the article;
2. everything else is looked up in the actor dictionaries (``claimcoder.data.actor_dictionary``).

A span with no match keeps its cleaned surface text as the actor.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from claimcoder.data.actor_dictionary import DETERMINERS, ActorDictionary

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "i", "me"}
GROUP_PRONOUNS = {"they", "them", "their", "we", "us", "our", "it", "its", "you"}


def clean_surface(text: str) -> str:
    """The surface form used as actor name when nothing else is known."""
    text = text.strip().strip("\"'“”‘’()[],.;:")
    return re.sub(r"\s+", " ", DETERMINERS.sub("", text))


_POSSESSIVE = {"his": "person", "her": "person", "its": "group", "their": "group", "our": "group"}
#: Descriptor heads that stand for a state ("the government", "the foreign ministry"): they take the latest
#: country or organisation from the dictionary when no earlier mention shares the head. A head may be several
#: words: the longest one a descriptor ends with is its head.
_STATE_HEADS = {"ministry", "government", "administration", "military", "army", "regime", "authorities", "embassy",
                "state", "country", "foreign ministry", "cabinet", "kremlin", "junta"}


def _heads(words: list[str]) -> list[str]:
    """The heads of a descriptor, longest first: ["foreign ministry", "ministry"] for "the foreign ministry"."""
    longer = [" ".join(words[-n:]) for n in range(len(words) - 1, 1, -1) if " ".join(words[-n:]) in _STATE_HEADS]
    return [*longer, words[-1]]


def reference_kind(text: str) -> str | None:
    """How a span points back: 'person' or 'group' pronouns, 'descriptor' ("the ministry"),
    'possessive' ("her ministry", resolved through the pronoun), or None for a name.

    Indefinite phrases ("a senior official") introduce someone new and do not point back.
    """
    low = text.strip().lower()
    if low in PERSON_PRONOUNS:
        return "person"
    if low in GROUP_PRONOUNS:
        return "group"
    words = low.split()
    if len(words) < 2 or len(words) > 4 or any(c.isupper() for c in text.strip()[1:]):
        return None
    if words[0] in _POSSESSIVE:
        return "possessive"
    if words[0] in ("the", "this", "that", "these", "those"):
        return "descriptor"
    return None


_CAP_RUN = re.compile(r"(?:[A-Z][\w'’-]*\.?)(?:\s+(?:[A-Z][\w'’-]*\.?))+")
#: Last words that make a capitalised run an institution, not a person.
_INSTITUTION_WORDS = {"ministry", "council", "party", "union", "agency", "department", "office", "court", "commission",
                      "police", "service", "committee", "association", "group", "company", "bank", "news", "post",
                      "times", "airlines", "house", "street", "league", "fund", "organization", "organisation",
                      "authority", "university", "hospital", "club", "federation", "board", "press", "tribune"}
_SENTENCE_OPENERS = {"The", "A", "An", "In", "On", "At", "But", "And", "This", "That", "It", "He", "She", "They"}


def person_names(sentence: str) -> list[str]:
    """Capitalised runs that look like people's names ("Foreign Minister Rasa Kudirkaite"), in order.

    A light heuristic, enough for "she" to find the minister named a sentence earlier.
    """
    out = []
    for m in _CAP_RUN.finditer(sentence):
        words = m.group(0).split()
        if words[0] in _SENTENCE_OPENERS:
            words = words[1:]
        if len(words) < 2 or words[-1].lower().strip(".") in _INSTITUTION_WORDS or words[-1].isupper():
            continue
        out.append(" ".join(words))
    return out


def _is_named(text: str) -> bool:
    """A proper name is in the span: a capitalised word after any leading determiner."""
    words = DETERMINERS.sub("", text.strip()).split()
    return any(w[:1].isupper() for w in words)


def _looks_like_person(text: str) -> bool:
    """A name at the end of the span ("Foreign Minister Rasa Kudirkaite", "Sen. Hal Brenner", "ROB KEANE")."""
    words = [w.strip(",.'’s") for w in text.split()]
    tail = [w for w in words[-2:] if w]
    return len(tail) == 2 and all(w[:1].isupper() for w in tail) and reference_kind(text) is None


@dataclass
class ResolvedActor:
    """What a span refers to: the actor name, its code, and the antecedent it came from."""

    actor: str
    code: str | None = None
    kind: str | None = None
    resolved_from: str | None = None


class ArticleResolver:
    """Resolve spans one article at a time, in reading order (call ``resolve`` per span)."""

    def __init__(self, dictionary: ActorDictionary):
        self.dictionary = dictionary
        # (surface text, resolution, looks like a person, is named), most recent last
        self.mentions: list[tuple[str, ResolvedActor, bool, bool]] = []

    def resolve(self, text: str) -> ResolvedActor:
        ref = reference_kind(text)
        if ref is not None:
            ante = self._antecedent(text, ref)
            if ante is not None:
                surface, res = ante
                return ResolvedActor(res.actor, res.code, res.kind, resolved_from=surface)
            if ref in ("person", "group"):
                return ResolvedActor(clean_surface(text))
        hit = self.dictionary.match(text)
        res = ResolvedActor(hit.name, hit.code, hit.kind) if hit else ResolvedActor(clean_surface(text), kind="other")
        self.mentions.append((text, res, _looks_like_person(text), hit is not None or _is_named(text)))
        return res

    def observe(self, sentence: str) -> None:
        """Note the people named in a sentence (claims or not), so a later "he" or "she" can find them."""
        for name in person_names(sentence):
            if self.dictionary.match(name.split()[-1]) is None:
                hit = self.dictionary.match(name)
                res = ResolvedActor(hit.name, hit.code, hit.kind) if hit else ResolvedActor(clean_surface(name),
                                                                                          kind="other")
                self.mentions.append((name, res, True, True))

    def _latest(self, person: bool | None) -> tuple[str, ResolvedActor] | None:
        """The most recent *named* mention ("the team" or "26" never stand behind a pronoun)."""
        for surface, res, is_person, named in reversed(self.mentions):
            if named and (person is None or is_person == person):
                return surface, res
        return None

    def _antecedent(self, text: str, ref: str) -> tuple[str, ResolvedActor] | None:
        words = text.strip().lower().split()
        if ref == "person":
            return self._latest(person=True)
        if ref == "group":
            return self._latest(person=False) or self._latest(None)
        if ref == "possessive":  # "her ministry": the ministry of whoever "her" is
            return self._antecedent(words[0], "person" if _POSSESSIVE[words[0]] == "person" else "group")
        heads = _heads(words)
        for head in heads:  # "the ministry" <- "Russia's defence ministry", the longest shared head first
            for surface, res, _, _ in reversed(self.mentions):
                if re.search(rf"\b{re.escape(head)}\b", surface.lower()):
                    return surface, res
        head = heads[-1]
        if _STATE_HEADS.intersection(heads):
            for surface, res, _, _ in reversed(self.mentions):
                if res.kind in ("country", "organization"):
                    return surface, res
            return None
        if head in {"official", "officials", "spokesman", "spokeswoman", "spokesperson", "minister", "ambassador"}:
            return self._latest(None)  # a person, or the body they speak for
        return None  # "the commission", "the company" with none named before: keep it as written


__all__ = ["ArticleResolver", "ResolvedActor", "clean_surface", "person_names", "reference_kind"]
