"""Canonical actors: map source and target spans to who they are ("the Kremlin" -> Russia).

Two steps, article by article:

1. a dictionary lookup: the longest alias found inside the span, whole words,
   case-insensitive (short all-capital acronyms such as "US" match only in capitals,
   so "told us" is not the United States);
2. pronouns ("he", "they") and descriptors ("the ministry", "the official") take
   the actor of the most recent compatible named mention earlier in the article.

A span with no match keeps its cleaned surface text as the actor.

Dictionary files are TSV with a header ``actor<TAB>code<TAB>kind<TAB>aliases``
(aliases separated by ``|``; lines starting with ``#`` are comments). The bundled
ones (countries with ISO 3166 alpha-3 codes, international organisations) live in
``data/actors/``; users add their own with ``--actors FILE``, which win on conflicts.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .corpus import data_dir
from .io import DataError, Problem

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "i", "me"}
GROUP_PRONOUNS = {"they", "them", "their", "we", "us", "our", "it", "its", "you"}
_DETERMINERS = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_TOKEN = re.compile(r"\w+(?:[.&'\-]\w+)*\.?", re.UNICODE)


@dataclass(frozen=True)
class Actor:
    """A canonical actor: display name, code (ISO alpha-3 for countries) and kind."""

    name: str
    code: str
    kind: str


def _normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"'s\b|s'(?=\s|$)", "", text)
    return text


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(_normalise(text))


def _is_acronym(alias: str) -> bool:
    letters = alias.replace(".", "")
    return letters.isupper() and len(letters) <= 4


class ActorDictionary:
    """Alias -> Actor lookup over whole-word token sequences."""

    def __init__(self, entries: Iterable[tuple[Actor, Sequence[str]]] = ()):
        self._ci: dict[tuple[str, ...], Actor] = {}  # case-insensitive aliases, lower-cased tokens
        self._cs: dict[tuple[str, ...], Actor] = {}  # short acronyms, exact case
        self.max_len = 1
        for actor, aliases in entries:
            self.add(actor, aliases)

    def add(self, actor: Actor, aliases: Iterable[str]) -> None:
        """Register an actor under its name and aliases (later additions win)."""
        for alias in [actor.name, *aliases]:
            alias = _DETERMINERS.sub("", alias.strip())
            toks = tuple(_tokens(alias))
            if not toks:
                continue
            if _is_acronym(alias):
                self._cs[toks] = actor
            else:
                self._ci[tuple(t.lower() for t in toks)] = actor
            self.max_len = max(self.max_len, len(toks))

    def __len__(self) -> int:
        return len(set(self._ci.values()) | set(self._cs.values()))

    def match(self, text: str) -> Actor | None:
        """The actor of the longest (then leftmost) alias inside ``text``, or None."""
        toks = _tokens(text)
        lowered = [t.lower() for t in toks]
        for n in range(min(self.max_len, len(toks)), 0, -1):
            for i in range(len(toks) - n + 1):
                key = tuple(toks[i:i + n])
                hit = self._cs.get(key) or self._ci.get(tuple(lowered[i:i + n]))
                if hit is None and key[-1].endswith("."):  # "U.S." at a sentence end keeps its dot; "Moscow." does not
                    hit = self._ci.get(tuple(lowered[i:i + n - 1]) + (lowered[i + n - 1].rstrip("."),))
                if hit is not None:
                    return hit
        return None

    @classmethod
    def load(cls, paths: Sequence[str | Path] | None = None, bundled: bool = True) -> "ActorDictionary":
        """The bundled dictionaries, then each user file in ``paths`` (which override)."""
        files = sorted((data_dir() / "actors").glob("*.tsv")) if bundled else []
        files += [Path(p) for p in paths or []]
        d = cls()
        for f in files:
            for actor, aliases in read_actor_file(f):
                d.add(actor, aliases)
        return d


def read_actor_file(path: Path) -> list[tuple[Actor, list[str]]]:
    """Parse one dictionary TSV; raise ``DataError`` naming file, line and field."""
    problems: list[Problem] = []
    out = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise DataError([Problem(str(path), 0, "(file)", "no such file")]) from None
    except UnicodeDecodeError as exc:
        raise DataError([Problem(str(path), 0, "(encoding)", f"not valid UTF-8 ({exc.reason})")]) from None
    body = [(i, line) for i, line in enumerate(lines, 1) if line.strip() and not line.lstrip().startswith("#")]
    if not body:
        raise DataError([Problem(str(path), 0, "(file)", "no header line")])
    header_no, header = body[0]
    cols = [c.strip() for c in header.split("\t")]
    if cols[:4] != ["actor", "code", "kind", "aliases"]:
        raise DataError([Problem(str(path), header_no, "(header)",
                                 f"expected columns actor, code, kind, aliases (tab-separated), got {cols}")])
    for lineno, row in ((i, next(csv.reader([line], delimiter="\t"))) for i, line in body[1:]):
        if len(row) < 4:
            problems.append(Problem(str(path), lineno, "(row)", f"expected 4 tab-separated fields, got {len(row)}"))
            continue
        name, code, kind, aliases = (c.strip() for c in row[:4])
        if not name:
            problems.append(Problem(str(path), lineno, "actor", "empty"))
            continue
        out.append((Actor(name, code, kind or "actor"), [a.strip() for a in aliases.split("|") if a.strip()]))
    if problems:
        raise DataError(problems)
    return out


def clean_surface(text: str) -> str:
    """The surface form used as actor name when nothing else is known."""
    text = text.strip().strip("\"'“”‘’()[],.;:")
    return re.sub(r"\s+", " ", _DETERMINERS.sub("", text))


_POSSESSIVE = {"his": "person", "her": "person", "its": "group", "their": "group", "our": "group"}
#: Descriptor heads that stand for a state ("the government", "the ministry"): they take the latest country or
#: organisation from the dictionary when no earlier mention shares the head noun.
_STATE_HEADS = {"ministry", "government", "administration", "military", "army", "regime", "authorities", "embassy",
                "state", "country", "foreign ministry", "cabinet", "kremlin", "junta"}


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
    words = _DETERMINERS.sub("", text.strip()).split()
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
        head = words[-1]
        for surface, res, _, _ in reversed(self.mentions):  # "the ministry" <- "Russia's defence ministry"
            if re.search(rf"\b{re.escape(head)}\b", surface.lower()):
                return surface, res
        if head in _STATE_HEADS:
            for surface, res, _, _ in reversed(self.mentions):
                if res.kind in ("country", "organization"):
                    return surface, res
            return None
        if head in {"official", "officials", "spokesman", "spokeswoman", "spokesperson", "minister", "ambassador"}:
            return self._latest(None)  # a person, or the body they speak for
        return None  # "the commission", "the company" with none named before: keep it as written


__all__ = ["Actor", "ActorDictionary", "ArticleResolver", "ResolvedActor", "read_actor_file", "clean_surface",
           "reference_kind"]
