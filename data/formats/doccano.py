"""doccano JSONL (sequence labelling with relations) to and from codebook sentences.

One line per sentence, as doccano exports a relation project and imports it back::

    {"text": "...", "entities": [{"id": 1, "label": "ACTOR", "start_offset": 0, "end_offset": 12}, ...],
     "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "accusation"}],
     "cats": ["denial"], "sentence_id": "...", "doc_id": "...", "meta": {...}}

``cats`` holds the claims with neither span (doccano keeps unknown keys as the example's
metadata and exports them back, as it does ``sentence_id``, ``doc_id``, ``meta`` and ``context``).
The older sequence-labelling export, ``"label": [[start, end, "ACTOR"], ...]``, is read too (it
has no relations). doccano has no separate pre-annotations: the model's claims are written the same way.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..io import atomic_write, iter_jsonl_lines
from ..schema import CODEBOOK_TYPES, Sentence
from .common import (Entity, Graph, ReadResult, Relation, carried, check_score, check_labelled_span, check_type,
                     check_unique_ids, problems_for, read_carried, read_whole_claims, to_graph)


def record(sentence: Sentence, next_id: list[int]) -> dict[str, Any]:
    """One doccano line; ``next_id`` numbers entities and relations across the file (doccano wants them unique)."""
    g = to_graph(sentence)
    ids = []
    entities = []
    for e in g.entities:
        next_id[0] += 1
        ids.append(next_id[0])
        ent: dict[str, Any] = {"id": next_id[0], "label": e.label, "start_offset": e.start, "end_offset": e.end}
        if e.score is not None:
            ent["score"] = round(e.score, 6)
        if e.actor is not None:
            ent["actor"] = e.actor.to_dict()
        entities.append(ent)
    relations = []
    for r in g.relations:
        next_id[0] += 1
        rel: dict[str, Any] = {"id": next_id[0], "from_id": ids[r.head], "to_id": ids[r.child], "type": r.type}
        if r.score is not None:
            rel["score"] = round(r.score, 6)
        relations.append(rel)
    out: dict[str, Any] = {"text": sentence.text, "entities": entities, "relations": relations}
    if g.whole:
        out["cats"] = [t for t, _ in g.whole]
    return {**out, **carried(sentence)}


def write(path: str | os.PathLike, sentences: Iterable[Sentence], predictions: bool = False) -> int:
    """Write doccano JSONL, atomically; return the count (``predictions``: the same shape, doccano has no other)."""
    n, next_id = 0, [0]
    with atomic_write(path) as fh:
        for s in sentences:
            fh.write(json.dumps(record(s, next_id), ensure_ascii=False) + "\n")
            n += 1
    return n


def _entities(obj: dict[str, Any], text: str, add, claim_types: Sequence[str] | None,
              g: Graph) -> dict[Any, int] | None:
    """Read ``entities`` (or the older ``label`` triples) into ``g``; map entity id -> index."""
    by_id: dict[Any, int] = {}
    if "entities" in obj:
        raw, field = obj["entities"], "entities"
    else:
        raw, field = obj.get("label", []), "label"
    if not isinstance(raw, list):
        add(field, f"must be a list, got {type(raw).__name__}")
        return None
    ok = True
    for k, ent in enumerate(raw):
        at = f"{field}[{k}]"
        if field == "label":
            if not (isinstance(ent, list) and len(ent) == 3):
                add(at, "must be [start_offset, end_offset, label]")
                ok = False
                continue
            ent = {"start_offset": ent[0], "end_offset": ent[1], "label": ent[2]}
        elif not isinstance(ent, dict):
            add(at, "must be an object with id, label, start_offset, end_offset")
            ok = False
            continue
        checked = check_labelled_span(text, ent, ("start_offset", "end_offset", None), at, claim_types, add)
        if checked is None:
            ok = False
            continue
        offsets, parsed, score, actor = checked
        if "id" in ent:
            if ent["id"] in by_id:
                add(f"{at}.id", f"duplicate entity id {ent['id']!r}")
                ok = False
            by_id[ent["id"]] = len(g.entities)
        g.entities.append(Entity(offsets[0], offsets[1], text[offsets[0]:offsets[1]], ent["label"], actor,
                                 score if parsed is not None else None))
    return by_id if ok else None


def _parse(obj: Any, add, claim_types: Sequence[str] | None) -> Graph | None:
    """The claims of one decoded line as a graph; None if it has problems (recorded)."""
    if not isinstance(obj, dict):
        add("(line)", f"must be a JSON object, got {type(obj).__name__}")
        return None
    text = obj.get("text")
    if not isinstance(text, str):
        add("text", "missing or not a string")
        return None
    g = Graph()
    by_id = _entities(obj, text, add, claim_types, g)
    relations = obj.get("relations", [])
    if not isinstance(relations, list):
        add("relations", f"must be a list, got {type(relations).__name__}")
        return None
    ok = by_id is not None
    for k, rel in enumerate(relations):
        at = f"relations[{k}]"
        if not isinstance(rel, dict):
            add(at, "must be an object with from_id, to_id, type")
            ok = False
            continue
        missing = [key for key in ("from_id", "to_id") if by_id is not None and rel.get(key) not in by_id]
        for key in missing:
            add(f"{at}.{key}", f"{rel.get(key)!r} is not the id of an entity of this line")
        bad = check_type(rel.get("type"), claim_types)
        if bad:
            add(f"{at}.type", bad)
        score = check_score(rel.get("score"), f"{at}.score", add)
        if missing or bad or by_id is None:
            ok = False
            continue
        g.relations.append(Relation(by_id[rel["from_id"]], by_id[rel["to_id"]], rel["type"], score))
    whole = read_whole_claims(obj, "cats", claim_types, g, add)
    if whole is None:
        return None
    return g if ok and whole else None


def read(path: str | os.PathLike, claim_types: Sequence[str] | None = CODEBOOK_TYPES,
         unreviewed: bool = False) -> ReadResult:
    """Read doccano JSONL; raise ``DataError`` naming file, line and field for every problem.

    doccano exports only what annotators saved, so every line counts (``unreviewed`` changes nothing).
    """
    path = Path(path)
    problems = problems_for(path)
    out: list[Sentence] = []
    lines: list[int] = []
    for lineno, obj in iter_jsonl_lines(path, problems.items):
        add = problems.at(lineno)
        before = len(problems.items)
        g = _parse(obj, add, claim_types)
        if g is None:
            continue
        c = read_carried(obj, f"{path.stem}-{lineno}", add)
        g.orphan_problems(add, "entities")
        if len(problems.items) > before:
            continue
        out.append(Sentence(text=obj["text"], claims=g.claims(claim_types), id=c.id, doc_id=c.doc_id, meta=c.meta,
                            context=c.context))
        lines.append(lineno)
    check_unique_ids(out, lines, problems)
    problems.raise_if_any()
    return ReadResult(out)


__all__ = ["read", "write", "record"]
