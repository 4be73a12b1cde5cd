"""The actor dictionaries: canonical actors and their aliases ("the Kremlin" -> Russia), read from TSV,
and the small English lexicon that says how a span points at an actor (pronoun, role noun, name).

Lookup is the longest alias found inside a span, whole words, case-insensitive
(short all-capital acronyms such as "US" match only in capitals, so "told us" is not
the United States). Resolving pronouns and descriptors within an article is the
scoring job's part (``claimcoder.scoring.actors``).

Dictionary files are UTF-8 TSV; lines starting with ``#`` are comments; the first other
line is a header naming the columns, in any order: ``actor``, ``kind`` and ``aliases``
are required, ``code`` and ``affiliation`` optional. Aliases are separated by ``|``.
``affiliation`` ties a person or body to a country or organisation code (a minister to
her country, a party to its country), so that summaries by country count them there.
The bundled files (countries with ISO 3166 alpha-3 codes, international organisations)
live in ``data/actors/``; users add their own (people, companies, agencies) with
``--actors FILE``, which win over the bundled ones. Within one file, and between a
user's files, an alias given to two different actors is a conflict, and an actor or
alias listed twice is a duplicate: both are reported with file and line.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from .bundled import data_dir
from .io import DataError, Problem
from .schema import ACTOR_KINDS, Actor

V = TypeVar("V")

#: A leading article, dropped before lookup ("the Kremlin" is "Kremlin").
DETERMINERS = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_TOKEN = re.compile(r"\w+(?:[.&'’\-]\w+)*\.?", re.UNICODE)
_POSSESSIVE_S = re.compile(r"['’]s$")
#: "Toronto-based", "Iran-backed": the place or country before the hyphen is what ties the phrase to a side.
_AFFIX = re.compile(r"-(based|registered|owned|born|headquartered|led|backed|run|funded|made|flagged)$", re.I)

#: Kind spellings users write, mapped to the codebook's kinds (``ACTOR_KINDS``).
KIND_SYNONYMS = {"company": "organization", "organisation": "organization", "org": "organization",
                 "agency": "organization", "party": "organization", "institution": "organization",
                 "state": "country", "nation": "country", "people": "person", "individual": "person"}


class Token(NamedTuple):
    """A word of a text with its character offsets; ``norm`` drops a possessive "'s" and an affix ("-based"),
    ``low`` is ``norm`` lower-cased. Computed once per token: every window of words looks them up."""

    text: str
    start: int
    end: int
    norm: str
    low: str


def _lower(word: str) -> str:
    """Lower case without the combining dot Python gives a Turkish dotted capital ("İzmir" -> "izmir"): a text's
    words and the dictionaries' keys are lowered by this one function, so that they meet."""
    return word.replace("İ", "I").lower()


def _token(word: str, start: int, end: int) -> Token:
    norm = word
    if "'" in word or "’" in word:
        norm = _POSSESSIVE_S.sub("", word.replace("’", "'"))
    if "-" in norm:
        norm = _AFFIX.sub("", norm)
    return Token(word, start, end, norm, _lower(norm))


_PLAIN = re.compile(r"[\w.&]+")  # a word with no apostrophe or hyphen: its own norm


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[Token, ...]:
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        if _PLAIN.fullmatch(word):
            out.append(Token(word, m.start(), m.end(), word, _lower(word)))
        else:
            out.append(_token(word, m.start(), m.end()))
    return tuple(out)


def _scan(toks: Sequence[Token], longest_at: Callable[[Token], int],
          lookup: Callable[[Sequence[Token], int, int], V | None]) -> Iterator[tuple[int, int, V]]:
    """Matches left to right, the longest first at each word, never overlapping: (first token, words, value).

    ``longest_at`` says how many words the longest entry starting at a token has (0: none starts there);
    ``lookup`` gives the value of the ``n`` words at ``i``, or None. Aliases, places and markers share it.
    """
    i = 0
    while i < len(toks):
        for n in range(min(longest_at(toks[i]), len(toks) - i), 0, -1):
            value = lookup(toks, i, n)
            if value is not None:
                yield i, n, value
                i += n
                break
        else:
            i += 1


def tokens(text: str) -> list[Token]:
    """Whole words with offsets ("U.S.", "Russia's" and "al-Shabab" are one word each); a sentence's words are
    asked for many times over (every lookup in it), so they are kept for the texts seen last."""
    return list(_tokens(text))


#: Capitalised aliases that are also English words: in a line written in capitals they are the word.
_WORD_CODES = {("WHO",)}


def _is_acronym(alias: str) -> bool:
    letters = alias.replace(".", "")
    return letters.isupper() and len(letters) <= 4


def _alias_key(alias: str) -> tuple[bool, tuple[str, ...]] | None:
    """How an alias is looked up: (case-sensitive?, its words); None for an empty alias."""
    alias = DETERMINERS.sub("", alias.strip())
    toks = tuple(t.norm for t in tokens(alias))
    if not toks:
        return None
    if _is_acronym(alias):
        return True, toks
    return False, tuple(_lower(t) for t in toks)


@dataclass(frozen=True)
class Hit:
    """An alias found in a text: character offsets of the matched words and the actor they name."""

    start: int
    end: int
    actor: Actor


class ActorDictionary:
    """Alias -> Actor lookup over whole-word token sequences."""

    def __init__(self, entries: Iterable[tuple[Actor, Sequence[str]]] = ()):
        self._ci: dict[tuple[str, ...], Actor] = {}  # case-insensitive aliases, lower-cased tokens
        self._cs: dict[tuple[str, ...], Actor] = {}  # short acronyms, exact case
        self._codes: dict[str, Actor] = {}
        self._places: dict[tuple[str, ...], str] = {}  # place words (lower-cased) -> country code
        self._markers: dict[tuple[str, ...], str] = {}  # one country's institution words -> its code
        self._markers_len = 0
        self._first: dict[str, int] = {}  # lower-cased first word of every alias and place -> its longest length
        self._words: dict[Actor, frozenset[str]] | None = None  # built on first use by ``alias_words``
        self._marker_first: dict[str, int] = {}  # lower-cased first word of each marker -> its longest length
        self._memo: dict[tuple[str, str], object] = {}  # (lookup, text) -> answer; emptied by every addition
        self.max_len = 1
        for actor, aliases in entries:
            self.add(actor, aliases)

    def add(self, actor: Actor, aliases: Iterable[str]) -> None:
        """Register an actor under its name and aliases (later additions win)."""
        for alias in [actor.name, *aliases]:
            key = _alias_key(alias)
            if key is None:
                continue
            (self._cs if key[0] else self._ci)[key[1]] = actor
            self._words = None
            self._memo.clear()
            self._first[_lower(key[1][0])] = max(self._first.get(_lower(key[1][0]), 0), len(key[1]))
            self.max_len = max(self.max_len, len(key[1]))
        if actor.code:
            self._codes[actor.code] = actor

    def add_place(self, place: str, country: str, aliases: Iterable[str] = ()) -> None:
        """Register a place (a state, province or city) that ties what is based there to ``country``."""
        for alias in [place, *aliases]:
            key = _alias_key(alias)
            if key is not None:
                self._places[tuple(_lower(t) for t in key[1])] = country
                self._memo.clear()
                self._first[_lower(key[1][0])] = max(self._first.get(_lower(key[1][0]), 0), len(key[1]))
                self.max_len = max(self.max_len, len(key[1]))

    def add_marker(self, marker: str, country: str, aliases: Iterable[str] = ()) -> None:
        """Register an institution or title found in one country only ("NHS", "gardaí", "Lok Sabha").

        It is a clue to an article's home country, never an actor or a side. An alias written with a
        capital matches only with that case ("Republican", not "dissident republicans").
        """
        for alias in [marker, *aliases]:
            words = tuple(t.norm for t in tokens(alias))
            if words:
                self._markers[words if any(c.isupper() for c in alias) else tuple(_lower(w) for w in words)] = country
                self._markers_len = max(self._markers_len, len(words))
                first = _lower(words[0]).rstrip(".")
                self._marker_first[first] = max(self._marker_first.get(first, 0), len(words))
                self._memo.clear()

    def remember(self, kind: str, text: str, compute: Callable[[str], Any]) -> Any:
        """One lookup's answer for one text, computed once: a resolver asks about the same sentence, span and
        phrase many times over (the memo is bounded and emptied whenever an entry is added). ``compute`` must
        depend on nothing but the text and this dictionary; ``kind`` names it."""
        key = (kind, text)
        try:
            return self._memo[key]
        except KeyError:
            pass
        if len(self._memo) > 20_000:  # bounded: bulk scoring sees millions of texts
            self._memo.clear()
        value = self._memo[key] = compute(text)
        return value

    def markers(self, text: str) -> list[str]:
        """The country codes of the institution markers named in ``text``, left to right."""
        if not self._markers:
            return []
        return list(self.remember("markers", text, self._markers_in))

    def _markers_in(self, text: str) -> tuple[str, ...]:
        first = self._marker_first
        return tuple(code for _, _, code in _scan(_tokens(text), lambda t: first.get(t.low.rstrip("."), 0),
                                                    self._marker_at))

    def _marker_at(self, toks: Sequence[Token], i: int, n: int) -> str | None:
        key = tuple(t.norm.rstrip(".") if j == n - 1 else t.norm for j, t in enumerate(toks[i:i + n]))
        return self._markers.get(key) or self._markers.get(tuple(_lower(w) for w in key))

    def places(self, text: str) -> list[tuple[int, int, str]]:
        """The places named in ``text`` (never actors): (start, end, country code), left to right."""
        return list(self.remember("places", text, self._places_in))

    def _places_in(self, text: str) -> tuple[tuple[int, int, str], ...]:
        toks = _tokens(text)
        return tuple((toks[i].start, toks[i + n - 1].end, code) for i, n, code in _scan(toks, self._starts,
                                                                                         self._place_at))

    def _place_at(self, toks: Sequence[Token], i: int, n: int) -> str | None:
        """A place's country code for the ``n`` words at ``i``; only a capitalised place ("Georgia", not "georgia")."""
        if not toks[i].text[:1].isupper():
            return None
        low = tuple(t.low for t in toks[i:i + n])
        return self._places.get(low[:-1] + (low[-1].rstrip("."),)) or self._places.get(low)

    def alias_words(self, actor: Actor) -> frozenset[str]:
        """The lower-cased words of every alias of ``actor`` ("alliance" for NATO, listed as "Atlantic alliance"):
        what a later common noun ("the alliance") may pick it up by."""
        if self._words is None:
            words: dict[Actor, set[str]] = {}
            for table in (self._ci, self._cs):
                for key, a in table.items():
                    words.setdefault(a, set()).update(_lower(w) for w in key)
            self._words = {a: frozenset(w) for a, w in words.items()}
        return self._words.get(actor, frozenset())

    def __len__(self) -> int:
        return len(set(self._ci.values()) | set(self._cs.values()))

    def by_code(self, code: str | None) -> Actor | None:
        """The actor whose own code is ``code`` ("RUS" -> Russia), for labels and affiliations."""
        return self._codes.get(code) if code else None

    def _starts(self, tok: Token) -> int:
        """How many words the longest alias or place that begins with this word has (0: none begins with it, the
        cheap test before trying windows)."""
        low = tok.low
        longest = self._first.get(low, 0)
        return max(longest, self._first.get(low.rstrip("."), 0)) if low[-1:] == "." else longest

    def _at(self, toks: Sequence[Token], i: int, n: int) -> Actor | None:
        if not self._starts(toks[i]):
            return None
        window = toks[i:i + n]
        key = tuple(t.norm for t in window)
        low = tuple(t.low for t in window)
        hit = self._cs.get(key)
        if hit is not None and key in _WORD_CODES and len(toks) > 1 and not any(
                c.islower() for t in toks for c in t.text):
            hit = None  # "WHO KNEW?": a line in capitals spells the word, not the body
        hit = hit or self._ci.get(low)
        if hit is None and key[-1].endswith("."):  # "U.S." at a sentence end keeps its dot; "Moscow." does not
            hit = self._cs.get(key[:-1] + (key[-1].rstrip("."),)) or self._ci.get(low[:-1] + (low[-1].rstrip("."),))
        return hit

    def find(self, text: str) -> list[Hit]:
        """Every alias in ``text``, left to right, longest first at each word, never overlapping."""
        return list(self.remember("find", text, self._find_in))

    def _find_in(self, text: str) -> tuple[Hit, ...]:
        toks = _tokens(text)
        return tuple(Hit(toks[i].start, toks[i + n - 1].end, hit) for i, n, hit in _scan(toks, self._starts, self._at))

    def match(self, text: str) -> Actor | None:
        """The actor of the longest (then leftmost) alias inside ``text``, or None."""
        return self.remember("match", text, self._match_in)

    def _match_in(self, text: str) -> Actor | None:
        toks = _tokens(text)
        starts = [i for i, t in enumerate(toks) if self._starts(t)]
        for n in range(min(self.max_len, len(toks)), 0, -1):
            for i in starts:
                if i + n > len(toks):
                    break
                hit = self._at(toks, i, n)
                if hit is not None:
                    return hit
        return None

    def exact(self, text: str) -> Actor | None:
        """The actor whose alias is the whole of ``text`` (after a leading "the"), or None."""
        return self.remember("exact", text, self._exact_in)

    def _exact_in(self, text: str) -> Actor | None:
        toks = _tokens(DETERMINERS.sub("", text.strip()))
        return self._at(toks, 0, len(toks)) if toks and len(toks) <= self.max_len else None

    @classmethod
    def load(cls, paths: Sequence[str | Path] | None = None, bundled: bool = True,
             base: Sequence[str | Path] | None = None) -> "ActorDictionary":
        """The bundled dictionaries (or the ``base`` files instead), then each user file in ``paths``.

        User files override the base on an alias; two user files that give one alias to different
        actors are a conflict (``DataError`` naming both files and lines).
        """
        base_files = [Path(p) for p in base] if base is not None else \
            (sorted(f for f in (data_dir() / "actors").glob("*.tsv")
                    if f.name not in (PLACES_FILE, MARKERS_FILE, FIRST_NAMES_FILE))
             if bundled else [])
        d = cls()
        if bundled and base is None:
            for place, country, aliases in read_place_file(data_dir() / "actors" / PLACES_FILE):
                d.add_place(place, country, aliases)
            for marker, country, aliases in read_place_file(data_dir() / "actors" / MARKERS_FILE):
                d.add_marker(marker, country, aliases)
        for f in base_files:
            for entry in read_actor_file(f):
                d.add(entry.actor, entry.aliases)
        user = [(Path(p), read_actor_file(p)) for p in paths or []]
        check_user_files(user)
        for _, entries in user:
            for entry in entries:
                d.add(entry.actor, entry.aliases)
        return d


#: The bundled table of places (states, provinces, cities): affiliations and home countries, never actors.
PLACES_FILE = "places.tsv"
#: The bundled table of institutions and titles of one country ("NHS", "Taoiseach"): home countries only.
MARKERS_FILE = "markers.tsv"
#: The bundled table of first names and the sex most of their bearers have (1990 US Census): he/she agreement only.
FIRST_NAMES_FILE = "first_names.tsv"


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    lines = (data_dir() / "actors" / FIRST_NAMES_FILE).read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")][1:]  # after the header
    return {name: sex for name, sex in rows}


def first_name_sex(name: str) -> str | None:
    """'m' or 'f' where the bundled table gives the first word of a person's name a sex ("Ray Oduya" -> m), else
    None. Only so that "she" does not look back to Ray Oduya: it is never written into any output."""
    words = name.split()
    return _first_names().get(words[0].strip(".,").capitalize()) if len(words) > 1 else None


def read_place_file(path: str | Path) -> list[tuple[str, str, list[str]]]:
    """Parse a places TSV (columns place, country, aliases): (place, country code, aliases) per line."""
    path = Path(path)
    rows, problems = [], []
    lines = [(i, ln) for i, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if ln.strip() and not ln.lstrip().startswith("#")]
    for lineno, line in lines[1:]:
        f = line.split("\t")
        if len(f) < 2 or not f[0].strip() or not f[1].strip():
            problems.append(Problem(str(path), lineno, "(row)", "expected place, country and aliases"))
            continue
        rows.append((f[0].strip(), f[1].strip(), [a.strip() for a in (f[2] if len(f) > 2 else "").split("|")
                                                  if a.strip()]))
    if problems:
        raise DataError(problems)
    return rows


@dataclass(frozen=True)
class Entry:
    """One dictionary line: the actor, its aliases, and where it was read."""

    actor: Actor
    aliases: tuple[str, ...]
    file: str
    line: int


def _norm_code(value: str) -> str | None:
    value = value.strip()
    return None if value in ("", "-") else value


#: Words that name no one alone: an alias of only these ("the") would never be found as an actor.
_FILLER = {"the", "a", "an", "of", "and", "or", "for", "in", "on", "at", "to", "by"}
#: An actor's code or affiliation: capitals, digits and ``._-`` ("USA", "EU", "UN-OCHA"); several joined by "|".
_CODE = re.compile(r"[A-Z0-9][A-Z0-9._-]*(?:\|[A-Z0-9][A-Z0-9._-]*)*")


def _code_problems(actor: Actor, file: str, line: int) -> list[Problem]:
    """A code or affiliation summaries could not count by ("acme corp", "US A"), or a country whose code is not
    ISO 3166 alpha-3 ("RU"): a dyad table keyed by it would split one country in two."""
    problems = []
    for field, value in (("code", actor.code), ("affiliation", actor.affiliation)):
        if value is not None and not _CODE.fullmatch(value):
            problems.append(Problem(file, line, field, f"{value!r}: a code is capitals, digits and . _ - (USA, EU, "
                                    "UN-OCHA), several joined by '|'"))
    if actor.kind == "country" and actor.code is not None and not re.fullmatch(r"[A-Z]{3}", actor.code):
        problems.append(Problem(file, line, "code", f"{actor.code!r}: a country's code is its ISO 3166 alpha-3 "
                                "code, three capitals (RUS, not RU)"))
    return problems


def read_actor_file(path: str | Path) -> list[Entry]:
    """Parse one dictionary TSV; raise ``DataError`` naming file, line and field (bad rows, kinds,
    duplicate actors or aliases, an alias given to two actors)."""
    path = Path(path)
    problems: list[Problem] = []
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem(str(path), 0, "(file)", "no such file")]) from None
    try:  # a byte-order mark, as spreadsheet programs write it, is not part of the header
        lines = raw.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise DataError([Problem(str(path), line, "(encoding)", f"not valid UTF-8 ({exc.reason}); save the file "
                                 "as UTF-8")]) from None
    body = [(i, line) for i, line in enumerate(lines, 1) if line.strip() and not line.lstrip().startswith("#")]
    if not body:
        raise DataError([Problem(str(path), 0, "(file)", "no header line")])
    header_no, header = body[0]
    cols = [c.strip().lower() for c in header.split("\t")]
    required, known = ("actor", "kind", "aliases"), ("actor", "code", "kind", "aliases", "affiliation")
    if any(c not in cols for c in required) or any(c not in known for c in cols) or len(set(cols)) != len(cols):
        raise DataError([Problem(str(path), header_no, "(header)",
                                 "expected tab-separated columns actor, code, kind, aliases and optionally "
                                 f"affiliation (code may be left out), got {cols}")])
    need = max(cols.index(c) for c in required) + 1
    out: list[Entry] = []
    for lineno, line in body[1:]:
        row = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(row) < need or len(row) > len(cols):
            problems.append(Problem(str(path), lineno, "(row)",
                                    f"expected {len(cols)} tab-separated fields ({', '.join(cols)}), got {len(row)}"))
            continue
        rec = dict(zip(cols, (c.strip() for c in row + [""] * (len(cols) - len(row)))))
        if not rec["actor"]:
            problems.append(Problem(str(path), lineno, "actor", "empty"))
            continue
        kind = KIND_SYNONYMS.get(rec["kind"].lower(), rec["kind"].lower() or "other")
        if kind not in ACTOR_KINDS:
            problems.append(Problem(str(path), lineno, "kind", f"{rec['kind']!r}: use one of {', '.join(ACTOR_KINDS)}"))
            kind = "other"  # still checked for duplicates below, so every problem is told at once
        actor = Actor(rec["actor"], kind, _norm_code(rec.get("code", "")), _norm_code(rec.get("affiliation", "")))
        problems += _code_problems(actor, str(path), lineno)
        listed = [a.strip() for a in rec["aliases"].split("|") if a.strip()]
        for alias in listed:
            if _alias_key(alias) is None or set(re.findall(r"\w+", alias.lower())) <= _FILLER:
                problems.append(Problem(str(path), lineno, "aliases", f"alias {alias!r} has no word beyond "
                                        "'the', 'of' and the like: it would never be found"))
        for alias in sorted({a for a in listed if listed.count(a) > 1}):
            problems.append(Problem(str(path), lineno, "aliases", f"alias {alias!r} is listed twice on this line"))
        out.append(Entry(actor, tuple(dict.fromkeys(listed)), str(path), lineno))
    problems += _duplicates(out)
    if problems:
        raise DataError(sorted(problems, key=lambda p: p.line))
    return out


def _identity(actor: Actor) -> tuple[str, str | None]:
    return actor.name.casefold(), actor.code


def _alias_index(entries: Sequence[Entry]) -> dict[tuple[bool, tuple[str, ...]], list[tuple[Entry, str]]]:
    """Every alias key (the actor's name included) with the entries that list it."""
    index: dict[tuple[bool, tuple[str, ...]], list[tuple[Entry, str]]] = {}
    for e in entries:
        seen = set()
        for alias in (e.actor.name, *e.aliases):
            key = _alias_key(alias)
            if key is not None and key not in seen:
                seen.add(key)
                index.setdefault(key, []).append((e, alias))
    return index


def _duplicates(entries: Sequence[Entry]) -> list[Problem]:
    """Within one file: an actor listed twice, an alias given twice or given to two actors."""
    problems = []
    first: dict[str, Entry] = {}
    for e in entries:
        prev = first.setdefault(e.actor.name.casefold(), e)  # one name, two codes: still one actor listed twice
        if prev is not e:
            problems.append(Problem(e.file, e.line, "actor", f"{e.actor.name!r} is already listed on line {prev.line}"))
    for listed in _alias_index(entries).values():
        (e0, _), rest = listed[0], listed[1:]
        for e, alias in rest:
            if e.actor.name.casefold() == e0.actor.name.casefold():
                continue  # reported above as a duplicate actor
            what = "conflicting alias" if e.actor != e0.actor else "duplicate alias"
            problems.append(Problem(e.file, e.line, "aliases", f"{what} {alias!r}: line {e0.line} gives it to "
                                                               f"{e0.actor.name!r}, this line to {e.actor.name!r}"))
    return problems


def check_user_files(files: Sequence[tuple[Path, Sequence[Entry]]]) -> None:
    """Two user files that give one alias to different actors: a ``DataError`` naming both places."""
    problems = []
    for listed in _alias_index([e for _, entries in files for e in entries]).values():
        e0, _ = listed[0]
        for e, alias in listed[1:]:
            if e.file != e0.file and _identity(e.actor) != _identity(e0.actor):
                problems.append(Problem(e.file, e.line, "aliases", f"conflicting alias {alias!r}: {e0.file}:{e0.line} "
                                                                   f"gives it to {e0.actor.name!r}"))
    if problems:
        raise DataError(problems)


# ------------------------------------------------------------------------------------------ lexicon
#: Pronouns: (gender 'm'/'f'/None, plural, person: True, False or None for either).
PRONOUNS: dict[str, tuple[str | None, bool, bool | None]] = {
    "he": ("m", False, True), "him": ("m", False, True), "his": ("m", False, True), "himself": ("m", False, True),
    "she": ("f", False, True), "her": ("f", False, True), "hers": ("f", False, True), "herself": ("f", False, True),
    "it": (None, False, False), "its": (None, False, False), "itself": (None, False, False),
    "they": (None, True, None), "them": (None, True, None), "their": (None, True, None),
    "themselves": (None, True, None),
    "i": (None, False, True), "me": (None, False, True), "my": (None, False, True),
    "we": (None, True, None), "us": (None, True, None), "our": (None, True, None),
    "you": (None, False, None), "your": (None, False, None),
}
FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}

#: Nouns for people in a role, singular -> gender ('m', 'f' or None); plurals are derived.
PERSON_ROLES: dict[str, str | None] = {
    "spokesman": "m", "spokeswoman": "f", "spokesperson": None, "spokesmen": "m", "spokeswomen": "f",
    "chairman": "m", "chairwoman": "f", "chair": None, "chairperson": None, "businessman": "m", "businesswoman": "f",
    "congressman": "m", "congresswoman": "f", "policeman": "m", "policewoman": "f", "king": "m", "queen": "f",
    "prince": "m", "princess": "f", "official": None, "minister": None, "ambassador": None, "envoy": None,
    "diplomat": None, "secretary": None, "president": None, "premier": None, "chancellor": None, "senator": None,
    "lawmaker": None, "legislator": None, "governor": None, "mayor": None, "general": None, "admiral": None,
    "commander": None, "chief": None, "director": None, "head": None, "leader": None, "delegate": None,
    "lawyer": None, "attorney": None, "prosecutor": None, "judge": None, "officer": None, "representative": None,
    "adviser": None, "advisor": None, "aide": None, "negotiator": None, "executive": None, "ceo": None,
    "founder": None, "boss": None, "analyst": None, "critic": None, "activist": None, "investigator": None,
    "inspector": None, "banker": None, "researcher": None, "scientist": None, "expert": None, "member": None,
    "manager": None, "coach": None, "player": None, "councillor": None, "councilor": None, "candidate": None,
    "counsel": None, "author": None, "campaigner": None, "resident": None, "witness": None, "official's": None,
    "protester": None, "worker": None, "employee": None, "mp": None, "mep": None, "deputy": None, "colonel": None,
    "captain": None, "sergeant": None, "lieutenant": None, "major": None, "marshal": None, "sheriff": None,
    "superintendent": None, "commissioner": None, "ombudsman": None, "auditor": None, "economist": None,
    "teacher": None, "doctor": None, "student": None, "journalist": None, "reporter": None, "editor": None,
    "producer": None, "national": None, "citizen": None, "suspect": None, "defendant": None, "migrant": None,
    "refugee": None, "soldier": None, "investor": None, "fan": None, "supporter": None, "speaker": None,
    "victim": None, "passenger": None, "patient": None, "voter": None, "shareholder": None, "jailer": None,
    "union": None, "source": None, "person": None, "man": "m", "woman": "f", "father": "m", "mother": "f",
    "son": "m", "daughter": "f", "husband": "m", "wife": "f", "brother": "m", "sister": "f", "boy": "m", "girl": "f",
    "surgeon": None, "nurse": None, "pilot": None, "driver": None, "tenant": None, "landlord": None,
    "solicitor": None, "barrister": None, "guest": None, "athlete": None, "runner": None,
    # sports that open a name ("Sprinter Kofi Mensah-Lowe"); those that are also surnames (Boxer, Winger, Striker,
    # Bowler) are left out
    "sprinter": None, "midfielder": None, "goalkeeper": None, "footballer": None, "cricketer": None, "cyclist": None,
    "swimmer": None, "jockey": None, "golfer": None, "gymnast": None, "batsman": None,
    "councilman": "m", "councilwoman": "f", "councilmember": None, "alderman": "m", "alderwoman": "f",
    "assemblyman": "m", "assemblywoman": "f", "assemblymember": None,
    # local and court offices that open a name ("Town Clerk Patrick Wandera", "Coroner Ann Lyle"); words that are also
    # common names (Dean, Bishop, Constable, Warden) are left out
    "clerk": None, "magistrate": None, "coroner": None, "registrar": None, "treasurer": None, "comptroller": None,
    "detective": None, "headteacher": None, "headmaster": "m", "headmistress": "f", "vicar": None,
    "archbishop": None, "consul": None,
    # occupations and relations that open a name in feature and court copy ("Singer Mara Vell", "Pensioner Ann
    # Ross"): a role, so the name is the person's and "the singer" later finds her
    "singer": None, "actor": None, "actress": "f", "rapper": None, "musician": None, "artist": None,
    "comedian": None, "presenter": None, "host": None, "chef": None, "star": None, "celebrity": None,
    "influencer": None, "blogger": None, "footballer": None, "striker": None, "goalkeeper": None, "boxer": None,
    "cyclist": None, "swimmer": None, "golfer": None, "jockey": None, "farmer": None, "fisherman": "m",
    "pensioner": None, "retiree": None, "entrepreneur": None, "billionaire": None, "tycoon": None, "writer": None,
    "novelist": None, "historian": None, "professor": None, "academic": None, "engineer": None, "priest": None,
    "pastor": None, "imam": None, "bishop": None, "cleric": None, "rabbi": None, "teenager": None, "pupil": None,
    "parent": None, "grandmother": "f", "grandfather": "m", "widow": "f", "widower": "m", "girlfriend": "f",
    "boyfriend": "m", "fiancé": "m", "fiancée": "f", "neighbour": None, "neighbor": None, "whistleblower": None,
    "volunteer": None, "paramedic": None, "firefighter": None, "physician": None, "veteran": None,
    "consultant": None, "accountant": None, "agent": None, "songwriter": None, "groomer": None,
    "carer": None, "caregiver": None, "referee": None,
    "landlady": "f", "td": None, "ex-wife": "f", "ex-husband": "m", "youtuber": None, "vlogger": None,
    "podcaster": None, "streamer": None, "tiktoker": None,
}
PERSON_ROLES.pop("union")  # a body, not a person
PERSON_ROLES.pop("official's")
_IRREGULAR = {"spokesmen": "spokesman", "spokeswomen": "spokeswoman", "chairmen": "chairman", "men": "man",
              "women": "woman", "people": "person", "police": "police", "congressmen": "congressman",
              "businessmen": "businessman", "attorneys": "attorney", "secretaries": "secretary",
              "deputies": "deputy", "wives": "wife", "chiefs": "chief"}

#: Nouns for bodies (non-person descriptors): "the ministry", "the company".
BODY_HEADS = {
    "ministry", "government", "administration", "military", "army", "navy", "air force", "coast guard", "embassy",
    "department", "agency", "company", "firm", "group", "union", "party", "commission", "council", "committee",
    "court", "police", "authorities", "authority", "office", "regime", "cabinet", "parliament", "side", "bank",
    "club", "federation", "alliance", "bloc", "organisation", "organization", "board", "team", "league", "body",
    "institute", "university", "hospital", "school", "newspaper", "broadcaster", "network", "station", "channel",
    "corporation", "operator", "airline", "manufacturer", "developer", "publisher", "insurer", "retailer",
    "watchdog", "regulator", "inspectorate", "tribunal", "senate", "congress", "assembly", "legislature",
    "campaign", "charity", "foundation", "movement", "coalition", "opposition", "junta", "state",
    "country", "nation", "kingdom", "republic", "forces", "troops", "service", "services", "force", "guard",
    "prosecution", "defence", "defense", "plaintiffs", "city", "county", "province", "region", "town",
    "municipality", "family", "families", "household", "platform", "website", "app", "brand",
    "consortium", "conglomerate", "supplier", "contractor", "utility", "startup", "lab", "laboratory",
    "mission", "delegation", "consulate", "secretariat", "directorate", "bureau", "unit", "centre", "center",
    "media", "press", "outlet", "paper", "daily", "magazine", "tabloid", "label", "studio",
    "vessel", "ship", "jet", "aircraft", "drone", "coastguard", "ngo", "owner", "ring",
    "gang", "cartel", "fund", "exchange", "panel", "chamber", "prefecture",
}
#: Bodies that stand for their state: "Russia's defence ministry", "the Chinese coast guard" are that country.
STATE_HEADS = {"ministry", "government", "administration", "military", "army", "navy", "air force", "coast guard",
               "embassy", "foreign ministry", "foreign office", "defence ministry", "defense ministry", "authorities",
               "regime", "cabinet", "side", "forces", "troops", "police", "junta", "state media", "consulate",
               "mission", "delegation", "interior ministry", "guard", "vessels", "ships", "jets", "aircraft",
               "drones", "warplanes", "fighter jets", "border guards", "security forces", "armed forces",
               "state department", "defense department", "defence department", "justice ministry", "presidency",
               "leadership", "officials", "diplomats", "parliament", "legislature", "country",
               "state", "nation"}

#: Titles before a person's name, and whether they say the person's gender.
TITLES: dict[str, str | None] = {
    "mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "sir": "m", "dame": "f",
    "lord": "m", "lady": "f", "sen.": None, "sen": None, "rep.": None, "gov.": None, "gen.": None, "lt.": None,
    "col.": None, "maj.": None, "capt.": None, "adm.": None, "sgt.": None, "cmdr.": None, "dr.": None, "dr": None,
    "prof.": None, "rev.": None, "st.": None, "hon.": None, "amb.": None, "pres.": None, "supt.": None,
    "insp.": None, "det.": None, "cpl.": None, "pvt.": None, "rear": None, "vice": None, "deputy": None,
    "cllr": None, "cllr.": None, "cr": None, "cr.": None, "coun.": None, "atty": None, "atty.": None,  # councillor,
    # attorney
    "foreign": None, "defense": None, "defence": None, "interior": None, "prime": None, "finance": None,
    "justice": None, "health": None, "trade": None, "home": None, "state": None, "chief": None, "senior": None,
    "acting": None, "former": None, "attorney": None, "solicitor": None, "press": None, "national": None,
    "security": None, "executive": None, "managing": None, "general": None, "secretary-general": None,
    "undersecretary": None, "under": None, "assistant": None, "associate": None, "lieutenant": None,
    "district": None, "county": None, "federal": None, "police": None, "fire": None, "union": None,
    "party": None, "opposition": None, "labour": None, "labor": None, "environment": None, "education": None,
    "energy": None, "economy": None, "transport": None, "agriculture": None, "culture": None, "information": None,
    "communications": None, "ministry": None, "department": None, "army": None, "navy": None, "military": None,
    "air": None, "force": None, "coast": None, "guard": None, "alliance": None, "council": None, "government": None,
    "presidential": None, "white": None, "house": None, "kremlin": None, "pentagon": None, "spokesperson": None,
}


@lru_cache(maxsize=8192)  # pure, and asked of the same words over and over
def singular(word: str) -> str:
    """The singular of a role or body noun ("officials" -> "official", "spokesmen" -> "spokesman")."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss") and (w[:-1] in PERSON_ROLES or w[:-1] in BODY_HEADS):
        return w[:-1]
    return w


@lru_cache(maxsize=8192)
def is_plural_noun(word: str) -> bool:
    """A plural role or body noun ("officials", "senators", "the authorities")."""
    w = word.lower()
    return (w in _IRREGULAR and w not in ("police",)) or (w != singular(w) and not w.endswith("ss")) or \
        w in ("authorities", "forces", "troops", "police", "plaintiffs", "families", "media")


@lru_cache(maxsize=8192)
def role_of(word: str) -> str | None:
    """The person role a noun names ("Spokeswoman" -> "spokeswoman", "officials" -> "official"), or None."""
    s = singular(word.strip(".,;:").lower())
    return s if s in PERSON_ROLES else None


_POST_MODIFIER = re.compile(r",|\s(?:of|for|to|in|at|from|on|with|(?-i:who)|which|that|whose|under|over|near)\s",
                            re.I)  # "who" in lower case only: "A WHO spokeswoman" is a post


@lru_cache(maxsize=8192)
def head_word(text: str) -> str:
    """The head noun of a phrase: its last word before a post-modifier ("spokesman" in "a spokesman for
    the council", "Department" in "the Department of Foreign Affairs")."""
    pre = _POST_MODIFIER.split(text.strip(), maxsplit=1)[0]
    words = [t.norm for t in tokens(pre)]
    return words[-1] if words else text.strip()


@lru_cache(maxsize=8192)
def mention_kind(text: str) -> str:
    """How a span names its actor: 'pronoun' ("he", "they"), 'named' (its head is a proper name: "Lin Haoran",
    "the Pentagon", "The Indian Army", "the Department of Foreign Affairs") or 'descriptor' (a common-noun head,
    whatever its modifiers: "the official", "a senior defense official", "Russia's defence ministry")."""
    clean = text.strip().strip("\"'“”‘’()[],.;:")
    if clean.lower() in PRONOUNS:
        return "pronoun"
    head = head_word(clean)
    if not head:
        return "descriptor"
    low = head.lower().rstrip(".")
    if role_of(low):
        return "descriptor"
    if not head[:1].isupper() and not any(c.isupper() for c in head[1:]):
        return "descriptor"
    if singular(low) in BODY_HEADS or low in BODY_HEADS:  # "the Ministry", "Police": a body, unless in a name
        words = [t.text for t in tokens(DETERMINERS.sub("", clean))]
        return "named" if sum(w[:1].isupper() for w in words) >= 2 else "descriptor"
    return "named"


__all__ = ["ActorDictionary", "Actor", "Entry", "Hit", "DETERMINERS", "KIND_SYNONYMS", "PRONOUNS", "FIRST_PERSON",
           "PERSON_ROLES", "BODY_HEADS", "STATE_HEADS", "TITLES", "read_actor_file", "check_user_files", "tokens",
           "Token", "PLACES_FILE", "MARKERS_FILE", "read_place_file", "singular", "is_plural_noun", "role_of",
           "head_word", "mention_kind"]
