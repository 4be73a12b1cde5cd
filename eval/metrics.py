"""Metrics over sentences: claim types (multi-label), source/target spans, whole claims, calibration.

Every figure is computed from per-sentence *tallies* (counts such as true positives,
summed soft span matches, calibration bin sums). A figure over any set of sentences is
the same function of the summed tallies, so the point estimate and each bootstrap
resample (a weighted sum over documents, see ``stats.py``) go through one code path
and can never disagree. The public helpers (``type_metrics``, ``span_metrics``,
``claim_metrics``, ``evaluate_predictions``) return plain dicts of floats.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from claimcoder.data.schema import Claim, Sentence, Span
from claimcoder.model.thresholds import GRID, f1_of, prf, ratio, sweep

_TOKEN = re.compile(r"\w+", re.UNICODE)
#: Columns of a span tally: exact-match counts, then the summed soft (token-overlap) scores.
SPAN_COLS = ("tp", "fp", "fn", "soft_p", "n_pred", "soft_r", "n_gold")
N_BINS = 10
NONE_LABEL = "none"


# ----------------------------------------------------------------------------- basics
def multi_hot(sentences: Sequence[Sentence], claim_types: Sequence[str]) -> np.ndarray:
    """``[N, T]`` 0/1 matrix: does sentence i hold a claim of type t."""
    index = {t: i for i, t in enumerate(claim_types)}
    y = np.zeros((len(sentences), len(claim_types)), dtype=np.int8)
    for i, s in enumerate(sentences):
        for c in s.claims:
            if c.type in index:
                y[i, index[c.type]] = 1
    return y


def tokens(text: str, span: Span) -> list[tuple[int, int]]:
    """Word-token character ranges inside a span (for overlap scoring)."""
    return [(m.start() + span.start, m.end() + span.start) for m in _TOKEN.finditer(span.text)]


def overlap_f1(a: Span, b: Span) -> float:
    """Token-overlap F1 between two spans of the same sentence."""
    ta, tb = set(tokens("", a)), set(tokens("", b))
    common = len(ta & tb)
    return float(prf(common, len(tb) - common, len(ta) - common)["f1"]) if common else 0.0


# ------------------------------------------------------------------- per-sentence tallies
def _span_tally(g: Sentence, p: Sentence, role: str) -> list[float]:
    """One sentence's span counts for ``role``; null spans are not counted."""
    gs = {(c.type, getattr(c, role)) for c in g.claims if getattr(c, role) is not None}
    ps = {(c.type, getattr(c, role)) for c in p.claims if getattr(c, role) is not None}
    gkeys = {(t, s.start, s.end) for t, s in gs}
    pkeys = {(t, s.start, s.end) for t, s in ps}
    soft_p = sum(max((overlap_f1(gsp, s) for gt, gsp in gs if gt == t), default=0.0) for t, s in ps)
    soft_r = sum(max((overlap_f1(s, psp) for pt, psp in ps if pt == t), default=0.0) for t, s in gs)
    return [len(gkeys & pkeys), len(pkeys - gkeys), len(gkeys - pkeys), soft_p, len(ps), soft_r, len(gs)]


def _source_match(g: Claim, p: Claim) -> bool:
    if g.type != p.type:
        return False
    if g.source is None or p.source is None:
        return g.source is None and p.source is None
    return overlap_f1(g.source, p.source) > 0


def _match_claims(g: Sentence, p: Sentence) -> tuple[int, list[Claim], list[Claim]]:
    """Greedy one-to-one matching of predicted to gold claims (type and source overlap):
    the number matched, the predicted claims left over and the gold claims left over."""
    tp = 0
    extra: list[Claim] = []
    unmatched = list(g.claims)
    for pc in p.claims:
        hit = next((gc for gc in unmatched if _source_match(gc, pc)), None)
        if hit is None:
            extra.append(pc)
        else:
            tp += 1
            unmatched.remove(hit)
    return tp, extra, unmatched


def _claim_tally(g: Sentence, p: Sentence) -> list[int]:
    tp, extra, missed = _match_claims(g, p)
    return [tp, len(extra), len(missed)]


def tally(gold: Sequence[Sentence], pred: Sequence[Sentence], claim_types: Sequence[str],
          probs: np.ndarray | None = None, n_bins: int = N_BINS) -> dict[str, np.ndarray]:
    """Per-sentence counts from which every figure is computed (leading axis: sentence).

    ``type [N,T,3]`` tp/fp/fn; ``exact [N]``; ``source``/``target [N,7]`` (``SPAN_COLS``);
    ``claim [N,3]``; with ``probs [N,T]`` also ``cal [N,T,n_bins,3]`` (count, sum p, sum y)
    and ``brier [N,T]``.
    """
    _check_aligned(gold, pred)
    yg, yp = multi_hot(gold, claim_types), multi_hot(pred, claim_types)
    out: dict[str, np.ndarray] = {
        "n": np.ones(len(gold)),
        "type": np.stack([(yg == 1) & (yp == 1), (yg == 0) & (yp == 1), (yg == 1) & (yp == 0)], -1).astype(float),
        "exact": (yg == yp).all(axis=1).astype(float),
        "source": np.array([_span_tally(g, p, "source") for g, p in zip(gold, pred)], dtype=float).reshape(-1, 7),
        "target": np.array([_span_tally(g, p, "target") for g, p in zip(gold, pred)], dtype=float).reshape(-1, 7),
        "claim": np.array([_claim_tally(g, p) for g, p in zip(gold, pred)], dtype=float).reshape(-1, 3),
    }
    if probs is not None:
        out.update(_calibration_tally(yg, probs, n_bins))
    return out


def _calibration_tally(y: np.ndarray, probs: np.ndarray, n_bins: int = N_BINS) -> dict[str, np.ndarray]:
    """Per-sentence calibration counts: ``cal [N,T,n_bins,3]`` (count, sum p, sum y per bin), ``brier [N,T]``."""
    probs = np.asarray(probs, dtype=float)
    if probs.shape != y.shape:
        raise ValueError(f"scores have shape {probs.shape}, expected {y.shape} (sentences x claim types)")
    bins = np.clip((probs * n_bins).astype(int), 0, n_bins - 1)
    onehot = np.eye(n_bins)[bins]                      # [N, T, B]
    return {"cal": np.stack([onehot, onehot * probs[..., None], onehot * y[..., None]], -1),
            "brier": (probs - y) ** 2}


def _ece(cal: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Expected calibration error per type from summed ``cal`` tallies: sum over bins of |sum y - sum p| / N."""
    return ratio(np.abs(cal[..., 2] - cal[..., 1]).sum(-1), np.asarray(n)[..., None])


def _span_figures(c: np.ndarray) -> dict[str, np.ndarray]:
    """Span figures from a summed span tally (``SPAN_COLS`` on the last axis)."""
    exact = prf(c[..., 0], c[..., 1], c[..., 2])
    sp, sr = ratio(c[..., 3], c[..., 4]), ratio(c[..., 5], c[..., 6])
    return {"exact_f1": exact["f1"], "exact_precision": exact["precision"], "exact_recall": exact["recall"],
            "overlap_f1": f1_of(sp, sr), "overlap_precision": sp, "overlap_recall": sr,
            "support": c[..., 6]}


def figures(sums: dict[str, np.ndarray], claim_types: Sequence[str]) -> dict[str, Any]:
    """Every figure from summed tallies; arrays keep any leading (bootstrap) axis.

    ``sums[k]`` is ``tally(...)[k]`` summed over sentences, optionally with a leading
    batch axis (one row per bootstrap resample).
    """
    ty = sums["type"]
    per_type = {name: prf(ty[..., t, 0], ty[..., t, 1], ty[..., t, 2]) for t, name in enumerate(claim_types)}
    micro = prf(ty[..., 0].sum(-1), ty[..., 1].sum(-1), ty[..., 2].sum(-1))
    n = sums["n"]
    out: dict[str, Any] = {
        "per_type": per_type,
        "macro_f1": np.mean([m["f1"] for m in per_type.values()], axis=0) if per_type else np.zeros_like(n),
        "micro_f1": micro["f1"],
        "exact_match": ratio(sums["exact"], n),
        "n_sentences": n,
    }
    for role in ("source", "target"):
        out[role] = _span_figures(sums[role])
    cl = sums["claim"]
    out["claim"] = prf(cl[..., 0], cl[..., 1], cl[..., 2])
    if "cal" in sums:
        ece = _ece(sums["cal"], n)  # [..., T]
        out["ece"] = {name: ece[..., t] for t, name in enumerate(claim_types)}
        out["brier"] = {name: ratio(sums["brier"][..., t], n) for t, name in enumerate(claim_types)}
    return out


def to_python(obj: Any) -> Any:
    """Numpy scalars and 0-d arrays to floats, recursively (for JSON)."""
    if isinstance(obj, dict):
        return {k: to_python(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_python(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return obj.item() if obj.ndim == 0 else obj.tolist()
    if isinstance(obj, np.generic):
        return obj.item()
    return obj


def headline(fig: dict[str, Any]) -> dict[str, Any]:
    """The figures that get a confidence interval, flattened to dotted keys."""
    out = {"macro_f1": fig["macro_f1"], "micro_f1": fig["micro_f1"], "exact_match": fig["exact_match"]}
    for name, m in fig["per_type"].items():
        for k in ("precision", "recall", "f1"):
            out[f"per_type.{name}.{k}"] = m[k]
    for role in ("source", "target"):
        out[f"{role}.exact_f1"] = fig[role]["exact_f1"]
        out[f"{role}.overlap_f1"] = fig[role]["overlap_f1"]
    for k in ("precision", "recall", "f1"):
        out[f"claim.{k}"] = fig["claim"][k]
    for name, v in fig.get("ece", {}).items():
        out[f"ece.{name}"] = v
    return out


# --------------------------------------------------------------- the classic public helpers
def type_metrics(gold: Sequence[Sentence], pred: Sequence[Sentence], claim_types: Sequence[str]) -> dict:
    """Sentence-level multi-label figures: per type P/R/F1, macro and micro F1, exact type-set accuracy."""
    f = figures({k: v.sum(0) for k, v in tally(gold, pred, claim_types).items()}, claim_types)
    out = to_python({k: f[k] for k in ("per_type", "macro_f1", "micro_f1", "exact_match")})
    out["n_sentences"] = len(gold)
    return out


def span_metrics(gold: Sequence[Sentence], pred: Sequence[Sentence], role: str) -> dict[str, float]:
    """Span F1 for ``role`` ('source' or 'target'): exact match and token overlap.

    Spans are compared within a sentence and claim type; null spans are not counted.
    Overlap F1 credits each predicted span with its best token-overlap F1 against a
    gold span of the same type (precision side) and vice versa (recall side).
    """
    if role not in ("source", "target"):
        raise ValueError(f"role must be 'source' or 'target', got {role!r}")
    _check_aligned(gold, pred)
    c = np.array([_span_tally(g, p, role) for g, p in zip(gold, pred)], dtype=float).reshape(-1, 7).sum(0)
    return to_python(_span_figures(c))


def claim_metrics(gold: Sequence[Sentence], pred: Sequence[Sentence]) -> dict[str, float]:
    """End-to-end claim F1: a predicted claim counts only if type AND source match.

    Sources match when both are null or their tokens overlap; matching is one to one.
    """
    _check_aligned(gold, pred)
    c = np.array([_claim_tally(g, p) for g, p in zip(gold, pred)], dtype=float).reshape(-1, 3).sum(0)
    return to_python(prf(*c))


def evaluate_predictions(gold: Sequence[Sentence], pred: Sequence[Sentence], claim_types: Sequence[str],
                         probs: np.ndarray | None = None) -> dict:
    """All headline figures in one dict (the shape ``--json`` writes); with ``probs``, ECE and Brier too."""
    f = to_python(figures({k: v.sum(0) for k, v in tally(gold, pred, claim_types, probs).items()}, claim_types))
    f["n_sentences"] = len(gold)
    f["source_f1"], f["target_f1"] = f["source"]["exact_f1"], f["target"]["exact_f1"]
    return f


# ------------------------------------------------------------------------ diagnostic views
def confusion(gold: Sequence[Sentence], pred: Sequence[Sentence], claim_types: Sequence[str]) -> dict[str, Any]:
    """Per-type 2x2 counts and a gold-by-predicted label matrix with a ``none`` row and column.

    Multi-label sentences have no single cell, so the matrix counts co-occurrence: a
    sentence adds 1 to cell (g, p) for every gold label g and predicted label p, where an
    empty type set is the label ``none``. The diagonal is hits; a denial read as an
    accusation shows up in (denial, accusation).
    """
    _check_aligned(gold, pred)
    labels = list(claim_types) + [NONE_LABEL]
    index = {t: i for i, t in enumerate(labels)}
    matrix = np.zeros((len(labels), len(labels)), dtype=int)
    for g, p in zip(gold, pred):
        gl = [t for t in claim_types if t in g.types] or [NONE_LABEL]
        pl = [t for t in claim_types if t in p.types] or [NONE_LABEL]
        for a in gl:
            for b in pl:
                matrix[index[a], index[b]] += 1
    yg, yp = multi_hot(gold, claim_types), multi_hot(pred, claim_types)
    per_type = {}
    for i, t in enumerate(claim_types):
        g, p = yg[:, i] == 1, yp[:, i] == 1
        per_type[t] = {"tp": int((g & p).sum()), "fp": int((~g & p).sum()), "fn": int((g & ~p).sum()),
                       "tn": int((~g & ~p).sum())}
    return {"labels": labels, "matrix": matrix.tolist(), "per_type": per_type}


def calibration(gold: Sequence[Sentence], probs: np.ndarray, claim_types: Sequence[str],
                n_bins: int = N_BINS) -> dict[str, Any]:
    """Expected calibration error per type and the reliability-diagram bins behind it.

    ECE = sum over equal-width bins of (bin size / N) * |observed rate - mean score|.
    Computed from the same per-sentence tallies as ``figures`` (so the two never differ).
    """
    y = multi_hot(gold, claim_types)
    sums = {k: v.sum(0) for k, v in _calibration_tally(y, probs, n_bins).items()}
    cal, n = sums["cal"], len(y)                         # cal [T, B, 3]: count, sum p, sum y
    ece = _ece(cal, n)
    out: dict[str, Any] = {"n_bins": n_bins, "per_type": {}}
    for t, name in enumerate(claim_types):
        rows = []
        for b in range(n_bins):
            count, sum_p, sum_y = cal[t, b]
            rows.append({"low": b / n_bins, "high": (b + 1) / n_bins, "count": int(count),
                         "mean_score": float(sum_p / count) if count else None,
                         "observed_rate": float(sum_y / count) if count else None})
        out["per_type"][name] = {"ece": float(ece[t]), "brier": float(ratio(sums["brier"][t], n)), "bins": rows}
    return out


def threshold_sweep(gold: Sequence[Sentence], probs: np.ndarray, claim_types: Sequence[str],
                    grid: Sequence[float] | None = None) -> dict[str, Any]:
    """Sentence-level P/R/F1 per type at each threshold of ``grid``; descriptive only.

    Operating thresholds are tuned on dev (``model.thresholds.tune_thresholds``); the best threshold on
    the evaluated data is reported as an upper bound, never used.
    """
    grid = np.asarray(GRID if grid is None else grid, dtype=float)
    m = sweep(multi_hot(gold, claim_types), probs, grid)  # [T, G]
    out = {}
    for t, name in enumerate(claim_types):
        best = int(np.argmax(m["f1"][t]))
        out[name] = {"thresholds": grid.tolist(), "precision": m["precision"][t].tolist(),
                     "recall": m["recall"][t].tolist(), "f1": m["f1"][t].tolist(),
                     "best_threshold_here": float(grid[best]), "best_f1_here": float(m["f1"][t][best])}
    return out


def pr_curves(gold: Sequence[Sentence], probs: np.ndarray, claim_types: Sequence[str]) -> dict[str, Any]:
    """Precision-recall curve and average precision per type (None where no positive example)."""
    from sklearn.metrics import average_precision_score, precision_recall_curve

    y = multi_hot(gold, claim_types)
    out: dict[str, Any] = {}
    for t, name in enumerate(claim_types):
        if y[:, t].sum() == 0:
            out[name] = None
            continue
        p, r, thr = precision_recall_curve(y[:, t], probs[:, t])
        out[name] = {"precision": p.tolist(), "recall": r.tolist(), "thresholds": thr.tolist(),
                     "average_precision": float(average_precision_score(y[:, t], probs[:, t]))}
    return out


def _claim_str(c: Claim) -> str:
    return f"{c.type}: {c.source.text if c.source else '-'} -> {c.target.text if c.target else '-'}"


def error_list(gold: Sequence[Sentence], pred: Sequence[Sentence], probs: np.ndarray | None,
               claim_types: Sequence[str]) -> list[dict[str, Any]]:
    """Sentence-level type errors, most confident first.

    A false positive ranks by its score, a false negative by 1 - score: the errors a
    reader should look at first are the ones the system was surest about.
    """
    _check_aligned(gold, pred)
    yg, yp = multi_hot(gold, claim_types), multi_hot(pred, claim_types)
    rows = []
    for i, (g, p) in enumerate(zip(gold, pred)):
        for t, name in enumerate(claim_types):
            if yg[i, t] == yp[i, t]:
                continue
            if probs is not None:
                score = float(probs[i, t])
            else:
                score = max((c.score for c in p.claims if c.type == name and c.score is not None), default=float(yp[i, t]))
            kind = "false_positive" if yp[i, t] else "false_negative"
            rows.append({"kind": kind, "type": name, "score": score,
                         "confidence": score if kind == "false_positive" else 1.0 - score,
                         "id": g.id, "doc_id": g.doc_id, "text": g.text,
                         "gold": [_claim_str(c) for c in g.claims], "pred": [_claim_str(c) for c in p.claims]})
    rows.sort(key=lambda r: (-r["confidence"], r["id"], r["type"]))
    for rank, r in enumerate(rows, 1):
        r["rank"] = rank
    return rows


#: Claim-level error categories, in the order a report lists them. Each false positive and false negative of
#: claim F1 falls in exactly one; a "source differs" count stands for one of each.
CLAIM_ERROR_CATEGORIES = (
    "false positive: no claim in the sentence",
    "false positive: a type the gold does not hold",
    "false positive: an extra claim of a gold type",
    "source differs: the two halves of one apposition",
    "source differs: one source is null",
    "source differs: other",
    "false negative: type missed",
)


def _apposed(text: str, a: Span, b: Span) -> bool:
    """Whether two spans are the two halves of one apposition ("The Senate majority leader, Gordon Pell")."""
    first, second = sorted((a, b), key=lambda s: s.start)
    return first.end <= second.start and text[first.end:second.start].strip() == ","


def claim_errors(gold: Sequence[Sentence], pred: Sequence[Sentence], max_examples: int = 5) -> dict[str, Any]:
    """Claim F1's errors by category, with the first examples of each.

    Reading errors by kind is how span conventions go wrong unnoticed: a gold source and a predicted one
    that are the two halves of one apposition count as a false positive *and* a false negative. A pair of
    a leftover prediction and a leftover gold claim of the same type is counted once, as "source differs";
    every other leftover is a false positive or a false negative of its own kind.
    """
    _check_aligned(gold, pred)
    counts = dict.fromkeys(CLAIM_ERROR_CATEGORIES, 0)
    examples: dict[str, list[dict[str, Any]]] = {c: [] for c in CLAIM_ERROR_CATEGORIES}

    def add(category: str, g: Sentence, pc: Claim | None, gc: Claim | None) -> None:
        counts[category] += 1
        if len(examples[category]) < max_examples:
            examples[category].append({"id": g.id, "text": g.text, "gold": _claim_str(gc) if gc else None,
                                       "pred": _claim_str(pc) if pc else None})

    for g, p in zip(gold, pred):
        _, extra, missed = _match_claims(g, p)
        gold_types = {c.type for c in g.claims}
        for pc in extra:
            gc = next((c for c in missed if c.type == pc.type), None)
            if gc is not None:
                missed.remove(gc)
                if gc.source is None or pc.source is None:
                    add("source differs: one source is null", g, pc, gc)
                elif _apposed(g.text, gc.source, pc.source):
                    add("source differs: the two halves of one apposition", g, pc, gc)
                else:
                    add("source differs: other", g, pc, gc)
            elif not g.claims:
                add("false positive: no claim in the sentence", g, pc, None)
            elif pc.type not in gold_types:
                add("false positive: a type the gold does not hold", g, pc, None)
            else:
                add("false positive: an extra claim of a gold type", g, pc, None)
        for gc in missed:
            add("false negative: type missed", g, None, gc)
    return {"counts": counts, "examples": examples}


def breakdown_fields(sentences: Sequence[Sentence], max_values: int = 30) -> list[str]:
    """Meta fields worth a breakdown: text or boolean values, 2 to ``max_values`` distinct.

    Numeric fields (sentence index, lengths) are left out; they are positions, not groups.
    """
    values: dict[str, set] = {}
    for s in sentences:
        for k, v in s.meta.items():
            if isinstance(v, (str, bool)):
                values.setdefault(k, set()).add(v)
    return sorted(k for k, v in values.items() if 2 <= len(v) + any(k not in s.meta for s in sentences) <= max_values)


def breakdown(gold: Sequence[Sentence], pred: Sequence[Sentence], claim_types: Sequence[str],
              field: str) -> dict[str, Any]:
    """Headline figures per value of ``meta[field]`` (missing value: ``(none)``)."""
    _check_aligned(gold, pred)
    groups: dict[str, list[int]] = {}
    for i, g in enumerate(gold):
        v = g.meta.get(field)
        groups.setdefault("(none)" if v is None else str(v), []).append(i)
    out = {}
    for value in sorted(groups):
        idx = groups[value]
        gs, ps = [gold[i] for i in idx], [pred[i] for i in idx]
        m = evaluate_predictions(gs, ps, claim_types)
        fp = sum(1 for g, p in zip(gs, ps) for t in p.types - g.types if t in claim_types)
        out[value] = {"n_sentences": len(idx), "n_documents": len({g.doc_id for g in gs}), "macro_f1": m["macro_f1"],
                      "micro_f1": m["micro_f1"], "exact_match": m["exact_match"],
                      "f1": {t: m["per_type"][t]["f1"] for t in claim_types}, "claim_f1": m["claim"]["f1"],
                      "false_positives": fp, "support": dict(Counter(t for g in gs for t in g.types if t in claim_types))}
    return out


def _check_aligned(gold: Sequence[Sentence], pred: Sequence[Sentence]) -> None:
    if len(gold) != len(pred):
        raise ValueError(f"gold has {len(gold)} sentences but predictions have {len(pred)}")
