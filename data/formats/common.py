"""What the annotation formats share: how claims become labelled spans and relations, and back.

The tools (Label Studio, doccano, Prodigy) annotate spans with a label and relations between two
spans with a label; a codebook claim is a type with a source and a target span, either of which
may be missing. One mapping serves all three, so a file round-trips whatever the tool:

* a span that takes part in a claim is a labelled span; spans at the same offsets (with the same
  resolved actor) are one span, shared by every claim that uses it;
* a claim with both a source and a target is a relation source -> target labelled with its type
  (``accusation``); its spans are labelled ``ACTOR``;
* a claim with no target is its source span labelled ``<type>:source-only``; a claim with no
  source is its target span labelled ``<type>:target-only``. Such a span may also be the end of
  relations (it then stands for the actor in those claims too); a second one-sided claim on the
  same span adds a second span at the same offsets;
* a claim with neither span is a sentence-level label: Label Studio choices
  ``claims_without_spans``, doccano ``cats``, Prodigy ``accept``.

An ``ACTOR`` span in no relation would carry no claim: readers report it as a problem. The order of claims within a sentence carries
no meaning and is not kept. Each format carries the sentence's ``id`` as ``sentence_id``, and its
``doc_id``, ``meta`` and ``context``, where the tool keeps them (``data`` in Label Studio, top-level
keys in doccano and Prodigy). A span's optional ``actor`` and a claim's ``score`` ride on the span
or relation object as extra keys (tools may drop them; claimcoder's own round trip keeps them).
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..io import DataError, Problem, _check_actor
from ..schema import Actor, Claim, Sentence, Span

#: The label of a span that is only the end of relations.
ACTOR = "ACTOR"
SOURCE_ONLY = "source-only"
TARGET_ONLY = "target-only"

AddProblem = Callable[[str, str], None]


def marker_label(claim_type: str, role: str) -> str:
    """``accusation:source-only``: the span is the source of an accusation with no target in the sentence."""
    return f"{claim_type}:{role}"


def span_labels(claim_types: Sequence[str]) -> list[str]:
    """Every span label for these claim types, ``ACTOR`` first (for labelling configs)."""
    return [ACTOR] + [marker_label(t, r) for t in claim_types for r in (SOURCE_ONLY, TARGET_ONLY)]


def parse_span_label(label: Any, claim_types: Sequence[str] | None) -> tuple[str, str] | None | str:
    """``None`` for ``ACTOR``, ``(type, role)`` for a one-sided claim, or an error message (a ``str``)."""
    if not isinstance(label, str) or not label:
        return f"must be a non-empty string, got {label!r}"
    if label == ACTOR:
        return None
    ctype, _, role = label.rpartition(":")
    if role not in (SOURCE_ONLY, TARGET_ONLY) or not ctype:
        return (f"unknown span label {label!r}: expected {ACTOR!r}, '<type>:{SOURCE_ONLY}' or "
                f"'<type>:{TARGET_ONLY}'")
    bad = check_type(ctype, claim_types)
    return bad if bad else (ctype, role)


def check_type(ctype: Any, claim_types: Sequence[str] | None) -> str | None:
    """An error message if ``ctype`` is not a claim type (any non-empty string when ``claim_types`` is None)."""
    if not isinstance(ctype, str) or not ctype:
        return f"a claim type must be a non-empty string, got {ctype!r}"
    if claim_types is not None and ctype not in claim_types:
        return f"unknown claim type {ctype!r} (expected one of {', '.join(claim_types)})"
    return None


@dataclass
class Entity:
    """A labelled span of the sentence (``score``: of the one-sided claim its label states)."""

    start: int
    end: int
    text: str
    label: str = ACTOR
    actor: Actor | None = None
    score: float | None = None

    def span(self) -> Span:
        return Span(self.start, self.end, self.text, self.actor)


@dataclass
class Relation:
    """A claim with both spans: entity ``head`` (source) -> entity ``child`` (target), labelled with its type."""

    head: int
    child: int
    type: str
    score: float | None = None


@dataclass
class Graph:
    """A sentence's claims as the tools see them: spans, relations, and claims with no span."""

    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    whole: list[tuple[str, float | None]] = field(default_factory=list)

    def orphan_problems(self, add: "AddProblem", where: str) -> None:
        """Report every ``ACTOR`` span in no relation: it carries no claim, so an annotator who marked the
        actors and forgot the arrow would otherwise turn a claim into a no-claim example unseen."""
        ends = {i for r in self.relations for i in (r.head, r.child)}
        for i, e in enumerate(self.entities):
            if e.label == ACTOR and i not in ends:
                add(where, f"{ACTOR} span {e.text!r} ({e.start}-{e.end}) is in no relation: draw the claim from "
                           f"its source to its target, or label a one-sided claim's span '<type>:{SOURCE_ONLY}' "
                           f"or '<type>:{TARGET_ONLY}'")

    def claims(self, claim_types: Sequence[str] | None = None) -> list[Claim]:
        """The codebook claims (labels already checked by the reader)."""
        out = [Claim(r.type, self.entities[r.head].span(), self.entities[r.child].span(), r.score)
                for r in self.relations]
        for e in self.entities:
            parsed = parse_span_label(e.label, claim_types)
            if isinstance(parsed, tuple):
                ctype, role = parsed
                out.append(Claim(ctype, e.span() if role == SOURCE_ONLY else None,
                                 e.span() if role == TARGET_ONLY else None, e.score))
        out.extend(Claim(t, None, None, s) for t, s in self.whole)
        # The same claim drawn twice (one relation copied, a span marked twice) is one claim: kept twice, it
        # would be counted twice, and the codebook reader refuses a claim listed twice.
        unique: dict[tuple, Claim] = {}
        for c in out:
            unique.setdefault(c.key(), c)
        return list(unique.values())


def to_graph(sentence: Sentence) -> Graph:
    """The spans, relations and span-less claims that represent ``sentence.claims`` (module docstring)."""
    g = Graph()

    def key(e: Entity | Span) -> tuple:
        return e.start, e.end, e.actor

    def actor_entity(span: Span) -> int:
        for i, e in enumerate(g.entities):
            if key(e) == key(span):
                return i
        g.entities.append(Entity(span.start, span.end, span.text, ACTOR, span.actor))
        return len(g.entities) - 1

    for c in sentence.claims:
        if c.source is not None and c.target is not None:
            g.relations.append(Relation(actor_entity(c.source), actor_entity(c.target), c.type, c.score))
        elif c.source is not None or c.target is not None:
            span, role = (c.source, SOURCE_ONLY) if c.source is not None else (c.target, TARGET_ONLY)
            label = marker_label(c.type, role)
            plain = [e for e in g.entities if key(e) == key(span) and e.label == ACTOR]
            if plain:  # the actor span of some relation takes the label: one span on screen, not two
                plain[0].label, plain[0].score = label, c.score
            else:
                g.entities.append(Entity(span.start, span.end, span.text, label, span.actor, c.score))
        else:
            g.whole.append((c.type, c.score))
    order = sorted(range(len(g.entities)), key=lambda i: (g.entities[i].start, g.entities[i].end, i))
    new_index = {old: new for new, old in enumerate(order)}
    g.entities = [g.entities[i] for i in order]
    for r in g.relations:
        r.head, r.child = new_index[r.head], new_index[r.child]
    return g


# ----------------------------------------------------------------------------- reading helpers
class Problems:
    """Every problem in one input file, collected so the user fixes the file in one pass."""

    def __init__(self, file: str | Path):
        self.file = str(file)
        self.items: list[Problem] = []

    def at(self, line: int, prefix: str = "") -> AddProblem:
        """An ``add(field, message)`` for one task or line; ``prefix`` locates it (``task 3: ``)."""
        def add(fld: str, message: str) -> None:
            self.items.append(Problem(self.file, line, f"{prefix}{fld}", message))
        return add

    def raise_if_any(self) -> None:
        if self.items:
            raise DataError(self.items)


def utf16_to_codepoints(text: str, offset: int) -> int | None:
    """The code-point offset of a UTF-16 code-unit offset in ``text`` (None if it splits a character)."""
    units = 0
    for i, ch in enumerate(text):
        if units == offset:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text) if units == offset else None


def check_span(text: str, start: Any, end: Any, given: Any, where: str, add: AddProblem) -> tuple[int, int] | None:
    """Validated code-point offsets ``(start, end)`` of a span, or None (a problem is recorded).

    ``given`` is the span's own text when the format stores it. Tools written in JavaScript once
    counted UTF-16 units: when the offsets only match ``given`` read that way, they are converted.
    """
    if isinstance(start, bool) or isinstance(end, bool) or not (isinstance(start, int) and isinstance(end, int)):
        add(where, f"start and end must be integers, got {start!r} and {end!r}")
        return None
    if given is not None and not isinstance(given, str):
        add(f"{where}.text", f"must be a string, got {type(given).__name__}")
        return None
    if given is not None and text[start:end] != given:
        s, e = utf16_to_codepoints(text, start), utf16_to_codepoints(text, end)
        if s is not None and e is not None and text[s:e] == given:
            return s, e
    if not 0 <= start < end <= len(text):
        add(where, f"offsets [{start}, {end}) fall outside the sentence (length {len(text)})")
        return None
    if given is not None and text[start:end] != given:
        add(f"{where}.text", f"{given!r} does not match text[{start}:{end}] = {text[start:end]!r}")
        return None
    return start, end


def check_score(value: Any, where: str, add: AddProblem) -> float | None:
    """An optional score: a number or null."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        add(where, f"must be a number or null, got {value!r}")
        return None
    return float(value)


def check_actor(value: Any, where: str, add: AddProblem) -> Actor | None:
    """A span's optional codebook actor (same rules as the codebook reader)."""
    return _check_actor(value, where, add)


def carried(sentence: Sentence) -> dict[str, Any]:
    """The sentence's id, document, meta and context, as the formats carry them."""
    out: dict[str, Any] = {"sentence_id": sentence.id, "doc_id": sentence.doc_id}
    if sentence.meta:
        out["meta"] = sentence.meta
    if sentence.context is not None:
        out["context"] = sentence.context
    return out


@dataclass
class Carried:
    """What ``read_carried`` found: the sentence's id, document, meta and context."""

    id: str
    doc_id: str
    meta: dict[str, Any]
    context: str | None


def read_carried(obj: dict[str, Any], default_id: str, add: AddProblem, prefix: str = "",
                 fallback_id_key: str | None = "id") -> Carried:
    """The carried fields of one task (``obj``: the task, or Label Studio's ``data``).

    The id is ``sentence_id``, else the tool's own ``id`` (``fallback_id_key``), else ``default_id``.
    """
    ids = {}
    for k in ("sentence_id", "doc_id", fallback_id_key):
        if k and obj.get(k) is not None:
            if isinstance(obj[k], bool) or not isinstance(obj[k], (str, int)):
                add(f"{prefix}{k}", f"must be a string, got {type(obj[k]).__name__}")
            else:
                ids[k] = str(obj[k])
    meta = obj.get("meta")
    if meta is not None and not isinstance(meta, dict):
        add(f"{prefix}meta", f"must be an object, got {type(meta).__name__}")
        meta = None
    context = obj.get("context")
    if context is not None and not isinstance(context, str):
        add(f"{prefix}context", f"must be a string, got {type(context).__name__}")
        context = None
    sid = ids.get("sentence_id") or (ids.get(fallback_id_key) if fallback_id_key else None) or default_id
    doc_id = ids.get("doc_id", "").strip()
    if not doc_id:
        # as the codebook reader: without it every sentence would pass for its own article in splits and the bootstrap
        add(f"{prefix}doc_id", "missing or empty: add the id of the article the sentence comes from "
                               "(sentences of one article share it)")
    return Carried(sid, doc_id, dict(meta or {}), context)


@dataclass
class ReadResult:
    """Sentences read from an annotation file, and how many tasks were left out (``skipped_why``)."""

    sentences: list[Sentence]
    skipped: int = 0
    skipped_why: str = ""


def check_unique_ids(sentences: Sequence[Sentence], lines: Sequence[int], problems: Problems) -> None:
    """Each sentence id once (ids key evaluation and training splits)."""
    seen: dict[str, int] = {}
    for s, line in zip(sentences, lines):
        if s.id in seen:
            problems.at(line)("sentence_id", f"duplicate sentence id {s.id!r} (first at line {seen[s.id]})")
        seen.setdefault(s.id, line)


__all__ = ["ACTOR", "SOURCE_ONLY", "TARGET_ONLY", "Entity", "Relation", "Graph", "to_graph", "marker_label",
           "span_labels", "parse_span_label", "check_type", "Problems", "check_span", "check_score",
           "check_actor", "carried", "read_carried", "Carried", "ReadResult", "check_unique_ids"]


def problems_for(path: Path) -> Problems:
    """The problem list of one input file; a missing file is reported (and raised) at once."""
    problems = Problems(path)
    if not path.is_file():
        problems.at(0)("(file)", "no such file")
        problems.raise_if_any()
    return problems


def read_whole_claims(obj: dict[str, Any], key: str, claim_types: Sequence[str] | None, g: Graph,
                      add: AddProblem) -> bool | None:
    """Claims with neither span, listed as types under ``key`` (doccano ``cats``, Prodigy ``accept``), into
    ``g.whole``; True if all were valid, False if some were not, None if ``key`` is not a list at all."""
    labels = obj.get(key, [])
    if not isinstance(labels, list):
        add(key, "must be a list of claim types")
        return None
    ok = True
    for k, t in enumerate(labels):
        bad = check_type(t, claim_types)
        if bad:
            add(f"{key}[{k}]", bad)
            ok = False
        else:
            g.whole.append((t, None))
    return ok


def check_labelled_span(text: str, obj: dict[str, Any], keys: tuple[str, str, str | None], at: str,
                        claim_types: Sequence[str] | None, add: AddProblem
                        ) -> tuple[tuple[int, int], tuple[str, str] | None, float | None, Actor | None] | None:
    """One labelled span object of a tool's file (``keys``: its start, end and text fields), every field
    checked: (offsets, parsed label, score, actor), or None when it cannot be used (problems recorded)."""
    start, end, given = keys
    offsets = check_span(text, obj.get(start), obj.get(end), obj.get(given) if given else None, at, add)
    parsed = parse_span_label(obj.get("label"), claim_types)
    if isinstance(parsed, str):
        add(f"{at}.label", parsed)
    score = check_score(obj.get("score"), f"{at}.score", add)
    actor = check_actor(obj.get("actor"), f"{at}.actor", add)
    if offsets is None or isinstance(parsed, str):
        return None
    return offsets, parsed, score, actor

