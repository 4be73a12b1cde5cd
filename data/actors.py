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
#: Head nouns of descriptors that point back to an earlier named actor.
DESCRIPTOR_HEADS = {
    "official", "officials", "spokesman", "spokeswoman", "spokesperson", "minister", "ministry", "president",
    "prime minister", "premier", "government", "administration", "company", "firm", "group", "club", "agency",
    "department", "party", "union", "council", "prosecutor", "prosecutors", "lawyer", "lawyers", "leader",
    "chairman", "chief", "executive", "mayor", "governor", "senator", "coach", "manager", "regulator", "board",
    "team", "campaign", "military", "army", "regime", "authorities", "organisation", "organization", "bank",
    "country", "state", "statement", "ambassador", "embassy", "foreign ministry", "the latter", "the former",
}
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


def reference_kind(text: str) -> str | None:
    """'person' or 'group' for a pronoun, 'descriptor' for "the ministry"-style phrases, else None."""
    low = text.strip().lower()
    if low in PERSON_PRONOUNS:
        return "person"
    if low in GROUP_PRONOUNS:
        return "group"
    bare = _DETERMINERS.sub("", low)
    if low != bare or low.startswith(("this ", "that ", "its ", "his ", "her ")):
        words = bare.split()
        if 0 < len(words) <= 3 and words[-1] in DESCRIPTOR_HEADS and not any(c.isupper() for c in text[4:]):
            return "descriptor"
    return None


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
        self.mentions: list[tuple[str, ResolvedActor]] = []  # (surface text, resolution), most recent last

    def resolve(self, text: str) -> ResolvedActor:
        ref = reference_kind(text)
        if ref is not None:
            ante = self._antecedent(text, ref)
            if ante is not None:
                surface, res = ante
                return ResolvedActor(res.actor, res.code, res.kind, resolved_from=surface)
            return ResolvedActor(clean_surface(text))
        hit = self.dictionary.match(text)
        res = ResolvedActor(hit.name, hit.code, hit.kind) if hit else ResolvedActor(clean_surface(text), kind="other")
        self.mentions.append((text, res))
        return res

    def _antecedent(self, text: str, ref: str) -> tuple[str, ResolvedActor] | None:
        if not self.mentions:
            return None
        if ref == "descriptor":
            head = _DETERMINERS.sub("", text.strip().lower()).split()[-1]
            for surface, res in reversed(self.mentions):
                if head in surface.lower():
                    return surface, res
            return self.mentions[-1]
        if ref == "person":  # prefer a named person (not a country or organisation)
            for surface, res in reversed(self.mentions):
                if res.kind == "other" and any(w[:1].isupper() for w in surface.split()[1:]):
                    return surface, res
        return self.mentions[-1]


__all__ = ["Actor", "ActorDictionary", "ArticleResolver", "ResolvedActor", "read_actor_file", "clean_surface",
           "reference_kind"]
