"""The actor dictionaries: canonical actors and their aliases ("the Kremlin" -> Russia), read from TSV.

Lookup is the longest alias found inside a span, whole words, case-insensitive
(short all-capital acronyms such as "US" match only in capitals, so "told us" is not
the United States). Resolving pronouns and descriptors within an article is the
scoring job's part (``claimcoder.scoring.actors``).

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

from .bundled import data_dir
from .io import DataError, Problem

#: A leading article, dropped before lookup ("the Kremlin" is "Kremlin").
DETERMINERS = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
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
            alias = DETERMINERS.sub("", alias.strip())
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


__all__ = ["Actor", "ActorDictionary", "DETERMINERS", "read_actor_file"]
