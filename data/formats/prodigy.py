"""Prodigy JSONL for the ``rel.manual`` recipe (spans plus relations) to and from codebook sentences.

One task a line::

    {"text": "...", "tokens": [{"text", "start", "end", "id", "ws"}, ...],
     "spans": [{"start", "end", "text", "token_start", "token_end", "label"}, ...],
     "relations": [{"head", "child", "head_span": {...}, "child_span": {...}, "label": "accusation"}],
     "accept": ["denial"], "answer": "accept", "sentence_id", "doc_id", "meta": {...}}

``head`` and ``child`` are the last token of each span, as Prodigy writes them; ``token_end`` is
inclusive. The tokens are written here (words and punctuation, cut at every span boundary) so
that every span falls on token boundaries whatever tokenizer the recipe's model has; Prodigy
keeps tokens it is given. ``accept`` holds the claims with neither span (the key Prodigy's choice
interface fills). Annotations are written with ``"answer": "accept"``; the model's
pre-annotations without an answer. Reading takes accepted tasks, skips rejected and ignored
ones, and skips tasks with no answer unless ``unreviewed``.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..io import atomic_write, iter_jsonl_lines
from ..schema import CODEBOOK_TYPES, Sentence
from .common import (Entity, Graph, ReadResult, Relation, carried, check_score, check_span, check_labelled_span,
                     check_type, check_unique_ids, problems_for, read_carried, read_whole_claims, to_graph)

_WORD = re.compile(r"\w+|[^\w\s]")


def tokens(text: str, cuts: Iterable[int] = ()) -> list[dict[str, Any]]:
    """Words and punctuation marks of ``text``, also cut at each offset in ``cuts`` (span boundaries)."""
    cuts = sorted(set(cuts))
    out: list[dict[str, Any]] = []
    for m in _WORD.finditer(text):
        bounds = [m.start(), *(c for c in cuts if m.start() < c < m.end()), m.end()]
        for s, e in zip(bounds, bounds[1:]):
            out.append({"text": text[s:e], "start": s, "end": e, "id": len(out), "ws": text[e:e + 1].isspace()})
    return out


def _token_range(toks: list[dict[str, Any]], start: int, end: int) -> tuple[int, int]:
    inside = [t["id"] for t in toks if t["start"] >= start and t["end"] <= end]
    return inside[0], inside[-1]


def record(sentence: Sentence, predictions: bool = False) -> dict[str, Any]:
    """One Prodigy task for ``sentence``."""
    g = to_graph(sentence)
    toks = tokens(sentence.text, [x for e in g.entities for x in (e.start, e.end)])
    spans = []
    for e in g.entities:
        first, last = _token_range(toks, e.start, e.end)
        span: dict[str, Any] = {"start": e.start, "end": e.end, "text": e.text, "token_start": first,
                                "token_end": last, "label": e.label}
        if e.score is not None:
            span["score"] = round(e.score, 6)
        if e.actor is not None:
            span["actor"] = e.actor.to_dict()
        spans.append(span)

    def brief(i: int) -> dict[str, Any]:
        return {k: spans[i][k] for k in ("start", "end", "token_start", "token_end", "label")}

    relations = []
    for r in g.relations:
        rel: dict[str, Any] = {"head": spans[r.head]["token_end"], "child": spans[r.child]["token_end"],
                               "head_span": brief(r.head), "child_span": brief(r.child), "label": r.type}
        if r.score is not None:
            rel["score"] = round(r.score, 6)
        relations.append(rel)
    out: dict[str, Any] = {"text": sentence.text, "tokens": toks, "spans": spans, "relations": relations}
    if g.whole:
        out["accept"] = [t for t, _ in g.whole]
    if not predictions:
        out["answer"] = "accept"
    return {**out, **carried(sentence)}


def write(path: str | os.PathLike, sentences: Iterable[Sentence], predictions: bool = False) -> int:
    """Write Prodigy JSONL, atomically; return the count."""
    n = 0
    with atomic_write(path) as fh:
        for s in sentences:
            fh.write(json.dumps(record(s, predictions), ensure_ascii=False) + "\n")
            n += 1
    return n


def _parse(obj: dict[str, Any], text: str, add, claim_types: Sequence[str] | None) -> Graph | None:
    """The claims of one task as a graph; None if it has problems (recorded)."""
    g = Graph()
    ok = True
    raw_spans = obj.get("spans", [])
    if not isinstance(raw_spans, list):
        add("spans", f"must be a list, got {type(raw_spans).__name__}")
        return None
    for k, sp in enumerate(raw_spans):
        at = f"spans[{k}]"
        if not isinstance(sp, dict):
            add(at, "must be an object with start, end, label")
            ok = False
            continue
        checked = check_labelled_span(text, sp, ("start", "end", "text"), at, claim_types, add)
        if checked is None:
            ok = False
            continue
        offsets, parsed, score, actor = checked
        g.entities.append(Entity(offsets[0], offsets[1], text[offsets[0]:offsets[1]], sp["label"], actor,
                                 score if parsed is not None else None))
    relations = obj.get("relations", [])
    if not isinstance(relations, list):
        add("relations", f"must be a list, got {type(relations).__name__}")
        return None
    for k, rel in enumerate(relations):
        at = f"relations[{k}]"
        if not isinstance(rel, dict):
            add(at, "must be an object with head_span, child_span, label")
            ok = False
            continue
        ends = []
        for key in ("head_span", "child_span"):
            end = rel.get(key)
            if not isinstance(end, dict):
                add(f"{at}.{key}", "missing or not an object (rel.manual writes it)")
                continue
            offsets = check_span(text, end.get("start"), end.get("end"), None, f"{at}.{key}", add)
            if offsets is not None:
                ends.append(_endpoint(g, text, offsets, end.get("label")))
        bad = check_type(rel.get("label"), claim_types)
        if bad:
            add(f"{at}.label", bad)
        score = check_score(rel.get("score"), f"{at}.score", add)
        if len(ends) != 2 or bad:
            ok = False
            continue
        g.relations.append(Relation(ends[0], ends[1], rel["label"], score))
    whole = read_whole_claims(obj, "accept", claim_types, g, add)
    if whole is None:
        return None
    return g if ok and whole else None


def _endpoint(g: Graph, text: str, offsets: tuple[int, int], label: Any) -> int:
    """The span a relation ends at: the labelled span at these offsets (same label first), else a new ACTOR span.

    rel.manual lets annotators relate tokens that carry no span label; such an end stands for an actor.
    """
    same = [i for i, e in enumerate(g.entities) if (e.start, e.end) == offsets]
    for i in same:
        if g.entities[i].label == label:
            return i
    if same:
        return same[0]
    g.entities.append(Entity(offsets[0], offsets[1], text[offsets[0]:offsets[1]]))
    return len(g.entities) - 1


def read(path: str | os.PathLike, claim_types: Sequence[str] | None = CODEBOOK_TYPES,
         unreviewed: bool = False) -> ReadResult:
    """Read Prodigy JSONL (``prodigy db-out`` or a file ``write`` made); raise ``DataError`` on any problem."""
    path = Path(path)
    problems = problems_for(path)
    out: list[Sentence] = []
    lines: list[int] = []
    skipped = {"rejected or ignored": 0, "not answered (add --unreviewed to take them as they are)": 0}
    for lineno, obj in iter_jsonl_lines(path, problems.items):
        add = problems.at(lineno)
        if not isinstance(obj, dict):
            add("(line)", f"must be a JSON object, got {type(obj).__name__}")
            continue
        text = obj.get("text")
        if not isinstance(text, str):
            add("text", "missing or not a string")
            continue
        answer = obj.get("answer")
        if answer in ("reject", "ignore"):
            skipped["rejected or ignored"] += 1
            continue
        if answer is None and not unreviewed:
            skipped["not answered (add --unreviewed to take them as they are)"] += 1
            continue
        if answer not in (None, "accept"):
            add("answer", f"must be accept, reject or ignore, got {answer!r}")
            continue
        before = len(problems.items)
        g = _parse(obj, text, add, claim_types)
        c = read_carried(obj, f"{path.stem}-{lineno}", add)
        if g is not None:
            g.orphan_problems(add, "spans")
        if g is None or len(problems.items) > before:
            continue
        out.append(Sentence(text=text, claims=g.claims(claim_types), id=c.id, doc_id=c.doc_id, meta=c.meta,
                            context=c.context))
        lines.append(lineno)
    check_unique_ids(out, lines, problems)
    problems.raise_if_any()
    why = "; ".join(f"{n} {reason}" for reason, n in skipped.items() if n)
    return ReadResult(out, sum(skipped.values()), why)


__all__ = ["read", "write", "record", "tokens"]
