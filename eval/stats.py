"""Uncertainty and agreement statistics: document bootstrap, paired test, kappa, alpha.

Sentences of one article are not independent (same writer, same story, same actors),
so resampling sentences would make intervals too narrow. Every interval here
resamples whole documents with replacement: a resample is a vector of document
weights (how many times each was drawn), and a figure on it is the figure of the
weighted sum of the per-sentence tallies (see ``metrics.tally``).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from claimcoder.data.schema import Sentence
from claimcoder.data.splits import group_by_document

from .metrics import figures, headline, tally

DEFAULT_RESAMPLES = 1000


def doc_index(sentences: Sequence[Sentence]) -> tuple[list[str], np.ndarray]:
    """Distinct document ids (first-seen order) and, per sentence, its document's position."""
    docs = group_by_document(sentences)
    idx = np.zeros(len(sentences), dtype=int)
    for d, members in enumerate(docs.values()):
        idx[members] = d
    return list(docs), idx


def resample_weights(n_docs: int, n_resamples: int = DEFAULT_RESAMPLES, seed: int = 13) -> np.ndarray:
    """``[R, D]`` counts: how often each document is drawn in each resample (D draws with replacement)."""
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n_docs, size=(n_resamples, n_docs))
    weights = np.zeros((n_resamples, n_docs))
    np.add.at(weights, (np.repeat(np.arange(n_resamples), n_docs), draws.ravel()), 1)
    return weights


def _doc_sums(t: dict[str, np.ndarray], idx: np.ndarray, n_docs: int) -> dict[str, np.ndarray]:
    out = {}
    for k, v in t.items():
        s = np.zeros((n_docs,) + v.shape[1:])
        np.add.at(s, idx, v)
        out[k] = s
    return out


def resampled_headlines(t: dict[str, np.ndarray], idx: np.ndarray, weights: np.ndarray,
                        claim_types: Sequence[str]) -> dict[str, np.ndarray]:
    """Headline figures on each resample: ``{key: array [R]}``."""
    docs = _doc_sums(t, idx, weights.shape[1])
    sums = {k: np.tensordot(weights, v, axes=1) for k, v in docs.items()}
    return headline(figures(sums, claim_types))


def percentile_ci(values: np.ndarray, level: float = 0.95) -> list[float]:
    """Percentile interval of bootstrap values."""
    a = (1 - level) / 2
    return [float(np.quantile(values, a)), float(np.quantile(values, 1 - a))]


def bootstrap_ci(gold: Sequence[Sentence], pred: Sequence[Sentence], claim_types: Sequence[str],
                 probs: np.ndarray | None = None, n_resamples: int = DEFAULT_RESAMPLES, seed: int = 13,
                 level: float = 0.95) -> dict[str, list[float]]:
    """95% percentile intervals for every headline figure, resampling documents.

    Returns ``{dotted_key: [low, high]}``, keys as in ``metrics.headline``.
    """
    docs, idx = doc_index(gold)
    weights = resample_weights(len(docs), n_resamples, seed)
    res = resampled_headlines(tally(gold, pred, claim_types, probs), idx, weights, claim_types)
    return {k: percentile_ci(v, level) for k, v in res.items()}


def paired_p_value(deltas: np.ndarray, observed: float) -> float:
    """Two-sided p-value of a paired bootstrap: how often a resampled difference strays
    from the observed one by at least the observed amount (the null-shifted test of
    Efron and Tibshirani; Berg-Kirkpatrick et al. 2012 use its one-sided form).
    """
    deltas = np.asarray(deltas, dtype=float)
    if not len(deltas):
        raise ValueError("no bootstrap resamples")
    return float(np.mean(np.abs(deltas - observed) >= abs(observed) - 1e-12))


def paired_bootstrap(gold: Sequence[Sentence], pred_a: Sequence[Sentence], pred_b: Sequence[Sentence],
                     claim_types: Sequence[str], n_resamples: int = DEFAULT_RESAMPLES, seed: int = 13,
                     level: float = 0.95, key: str = "macro_f1") -> dict[str, Any]:
    """Compare two systems on the same sentences: both are scored on the same resamples.

    ``delta`` is A minus B for figure ``key``; ``p_value`` tests "no difference".
    ``n_resamples=0`` resamples nothing: the observed differences only, with
    ``p_value``, ``delta_ci`` and ``a_wins`` None.
    """
    docs, idx = doc_index(gold)
    ta, tb = tally(gold, pred_a, claim_types), tally(gold, pred_b, claim_types)
    fa = headline(figures({k: v.sum(0) for k, v in ta.items()}, claim_types))
    fb = headline(figures({k: v.sum(0) for k, v in tb.items()}, claim_types))
    observed = float(fa[key] - fb[key])
    if not n_resamples:
        return {"metric": key, "a_score": float(fa[key]), "b_score": float(fb[key]), "delta": observed,
                "delta_ci": None, "p_value": None, "a_wins": None, "n_resamples": 0, "n_documents": len(docs),
                "figures": {k: {"a": float(fa[k]), "b": float(fb[k]), "delta": float(fa[k] - fb[k]), "delta_ci": None}
                            for k in fa}}
    weights = resample_weights(len(docs), n_resamples, seed)
    ra = resampled_headlines(ta, idx, weights, claim_types)
    rb = resampled_headlines(tb, idx, weights, claim_types)
    deltas = ra[key] - rb[key]
    per_key = {k: {"a": float(fa[k]), "b": float(fb[k]), "delta": float(fa[k] - fb[k]),
                   "delta_ci": percentile_ci(ra[k] - rb[k], level)} for k in fa}
    return {"metric": key, "a_score": float(fa[key]), "b_score": float(fb[key]), "delta": observed,
            "delta_ci": percentile_ci(deltas, level), "p_value": paired_p_value(deltas, observed),
            "a_wins": float(np.mean(deltas > 0)), "n_resamples": n_resamples, "n_documents": len(docs),
            "figures": per_key}


# ----------------------------------------------------------------------------- agreement
def cohen_kappa(a: Sequence[int], b: Sequence[int]) -> float | None:
    """Cohen's kappa of two coders' labels; None when undefined (both used one same label only)."""
    a, b = np.asarray(a), np.asarray(b)
    if len(a) != len(b) or not len(a):
        raise ValueError("kappa needs two equally long, non-empty label lists")
    labels = np.union1d(a, b)
    po = float(np.mean(a == b))
    pe = float(sum(np.mean(a == c) * np.mean(b == c) for c in labels))
    if pe >= 1.0:
        return None
    return (po - pe) / (1 - pe)


def krippendorff_alpha(a: Sequence[Any], b: Sequence[Any]) -> float | None:
    """Krippendorff's alpha (nominal) of two coders; None when undefined (one value only)."""
    import krippendorff

    values = sorted({*map(str, a), *map(str, b)})
    if len(values) < 2:
        return None
    code = {v: i for i, v in enumerate(values)}
    data = np.array([[code[str(x)] for x in a], [code[str(x)] for x in b]], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
