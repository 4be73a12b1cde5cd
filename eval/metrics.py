"""Metrics over sentences: claim types (multi-label), source/target spans, whole claims.

Every function takes gold and predicted ``Sentence`` lists aligned by position and
returns plain dicts of floats, so scripts and reports can use them directly.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from claimcoder.data.schema import Claim, Sentence, Span

_TOKEN = re.compile(r"\w+", re.UNICODE)


def prf(tp: float, fp: float, fn: float) -> dict[str, float]:
    """Precision, recall, F1 from counts (0 where undefined), with the support."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "support": tp + fn}


def multi_hot(sentences: Sequence[Sentence], claim_types: Sequence[str]) -> np.ndarray:
    """``[N, T]`` 0/1 matrix: does sentence i hold a claim of type t."""
    index = {t: i for i, t in enumerate(claim_types)}
    y = np.zeros((len(sentences), len(claim_types)), dtype=np.int8)
    for i, s in enumerate(sentences):
        for c in s.claims:
            if c.type in index:
                y[i, index[c.type]] = 1
    return y


def type_metrics(gold: Sequence[Sentence], pred: Sequence[Sentence], claim_types: Sequence[str]) -> dict:
    """Sentence-level multi-label figures: per type P/R/F1, macro and micro F1, exact type-set accuracy."""
    _check_aligned(gold, pred)
    yg, yp = multi_hot(gold, claim_types), multi_hot(pred, claim_types)
    per_type = {}
    for t, name in enumerate(claim_types):
        tp = int(((yg[:, t] == 1) & (yp[:, t] == 1)).sum())
        fp = int(((yg[:, t] == 0) & (yp[:, t] == 1)).sum())
        fn = int(((yg[:, t] == 1) & (yp[:, t] == 0)).sum())
        per_type[name] = prf(tp, fp, fn)
    tp = int(((yg == 1) & (yp == 1)).sum())
    fp = int(((yg == 0) & (yp == 1)).sum())
    fn = int(((yg == 1) & (yp == 0)).sum())
    return {
        "per_type": per_type,
        "macro_f1": float(np.mean([m["f1"] for m in per_type.values()])) if per_type else 0.0,
        "micro_f1": prf(tp, fp, fn)["f1"],
        "exact_match": float((yg == yp).all(axis=1).mean()) if len(gold) else 0.0,
        "n_sentences": len(gold),
    }


def tokens(text: str, span: Span) -> list[tuple[int, int]]:
    """Word-token character ranges inside a span (for overlap scoring)."""
    return [(m.start() + span.start, m.end() + span.start) for m in _TOKEN.finditer(span.text)]


def overlap_f1(a: Span, b: Span) -> float:
    """Token-overlap F1 between two spans of the same sentence."""
    ta, tb = set(tokens("", a)), set(tokens("", b))
    common = len(ta & tb)
    if not common:
        return 0.0
    p, r = common / len(tb), common / len(ta)
    return 2 * p * r / (p + r)


def span_metrics(gold: Sequence[Sentence], pred: Sequence[Sentence], role: str) -> dict[str, float]:
    """Span F1 for ``role`` ('source' or 'target'): exact match and token overlap.

    Spans are compared within a sentence and claim type; null spans are not counted.
    """
    _check_aligned(gold, pred)
    tp = fp = fn = 0
    soft_p = soft_r = 0.0
    n_pred = n_gold = 0
    for g, p in zip(gold, pred):
        gs = {(c.type, getattr(c, role)) for c in g.claims if getattr(c, role) is not None}
        ps = {(c.type, getattr(c, role)) for c in p.claims if getattr(c, role) is not None}
        gkeys = {(t, s.start, s.end) for t, s in gs}
        pkeys = {(t, s.start, s.end) for t, s in ps}
        tp += len(gkeys & pkeys)
        fp += len(pkeys - gkeys)
        fn += len(gkeys - pkeys)
        n_pred += len(ps)
        n_gold += len(gs)
        for t, s in ps:
            soft_p += max((overlap_f1(gsp, s) for gt, gsp in gs if gt == t), default=0.0)
        for t, s in gs:
            soft_r += max((overlap_f1(s, psp) for pt, psp in ps if pt == t), default=0.0)
    exact = prf(tp, fp, fn)
    sp = soft_p / n_pred if n_pred else 0.0
    sr = soft_r / n_gold if n_gold else 0.0
    return {"exact_f1": exact["f1"], "exact_precision": exact["precision"], "exact_recall": exact["recall"],
            "overlap_f1": 2 * sp * sr / (sp + sr) if sp + sr else 0.0, "support": n_gold}


def _source_match(g: Claim, p: Claim) -> bool:
    if g.type != p.type:
        return False
    if g.source is None or p.source is None:
        return g.source is None and p.source is None
    return overlap_f1(g.source, p.source) > 0


def claim_metrics(gold: Sequence[Sentence], pred: Sequence[Sentence]) -> dict[str, float]:
    """End-to-end claim F1: a predicted claim counts only if type AND source match.

    Sources match when both are null or their tokens overlap; matching is one to one.
    """
    _check_aligned(gold, pred)
    tp = fp = fn = 0
    for g, p in zip(gold, pred):
        unmatched = list(g.claims)
        for pc in p.claims:
            hit = next((gc for gc in unmatched if _source_match(gc, pc)), None)
            if hit is None:
                fp += 1
            else:
                tp += 1
                unmatched.remove(hit)
        fn += len(unmatched)
    return prf(tp, fp, fn)


def evaluate_predictions(gold: Sequence[Sentence], pred: Sequence[Sentence], claim_types: Sequence[str]) -> dict:
    """All headline figures in one dict (the shape ``--json`` writes)."""
    out = type_metrics(gold, pred, claim_types)
    src, tgt = span_metrics(gold, pred, "source"), span_metrics(gold, pred, "target")
    out.update({"source": src, "target": tgt, "source_f1": src["exact_f1"], "target_f1": tgt["exact_f1"],
                "claim": claim_metrics(gold, pred)})
    return out


def _check_aligned(gold: Sequence[Sentence], pred: Sequence[Sentence]) -> None:
    if len(gold) != len(pred):
        raise ValueError(f"gold has {len(gold)} sentences but predictions have {len(pred)}")
