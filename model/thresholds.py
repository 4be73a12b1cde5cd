"""Per-type decision thresholds and the one F1-from-counts helper (pure numpy).

The model owns its thresholds, so the sweep lives here, where training, evaluation
and the baselines can all reach it without importing each other. Thresholds are
tuned on a dev split, never on the data being evaluated.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

#: The candidate thresholds: 0.05 to 0.95 in steps of 0.025.
GRID = np.round(np.arange(0.05, 0.951, 0.025), 3)


def ratio(a, b) -> np.ndarray:
    """``a / b`` elementwise, 0 where ``b`` is 0."""
    a, b = np.broadcast_arrays(np.asarray(a, dtype=float), np.asarray(b, dtype=float))
    return np.divide(a, b, out=np.zeros(a.shape), where=b != 0)


def f1_of(precision, recall) -> np.ndarray:
    """F1, the harmonic mean of precision and recall (0 where both are 0)."""
    p, r = np.asarray(precision, dtype=float), np.asarray(recall, dtype=float)
    return ratio(2 * p * r, p + r)


def prf(tp, fp, fn) -> dict[str, np.ndarray]:
    """Precision, recall, F1 and support from counts (any shape; 0 where undefined)."""
    p, r = ratio(tp, np.add(tp, fp)), ratio(tp, np.add(tp, fn))
    return {"precision": p, "recall": r, "f1": f1_of(p, r), "support": np.asarray(np.add(tp, fn), float)}


def sweep(y_true: np.ndarray, probs: np.ndarray, grid: Sequence[float] | np.ndarray = GRID) -> dict[str, np.ndarray]:
    """P/R/F1 of every type at every threshold in one vectorised pass: arrays ``[T, G]``.

    ``y_true`` and ``probs`` are ``[N, T]``; a sentence counts for a type at threshold
    ``g`` when its score is ``>= g``.
    """
    y = np.asarray(y_true).astype(bool)[:, :, None]                            # [N, T, 1]
    pred = np.asarray(probs, dtype=float)[:, :, None] >= np.asarray(grid, dtype=float)[None, None, :]  # [N, T, G]
    tp = (pred & y).sum(0)
    fp = (pred & ~y).sum(0)
    fn = (~pred & y).sum(0)
    return prf(tp, fp, fn)


def tune_thresholds(y_true: np.ndarray, probs: np.ndarray, claim_types: Sequence[str],
                    grid: Sequence[float] | np.ndarray = GRID) -> dict[str, float]:
    """The F1-maximising threshold per type; ties go to the value nearest 0.5.

    A type with no positive example keeps 0.5.
    """
    grid = np.asarray(grid, dtype=float)
    f1 = sweep(y_true, probs, grid)["f1"]                                     # [T, G]
    # among the best F1s, the threshold nearest 0.5 (then the larger one, as max() over tuples did)
    order = np.lexsort((grid, -np.abs(grid - 0.5)))                           # ascending preference
    out = {}
    for t, name in enumerate(claim_types):
        if not np.asarray(y_true)[:, t].any():
            out[name] = 0.5
            continue
        ranked = order[np.argsort(f1[t, order], kind="stable")]                # by F1, ties by preference
        out[name] = float(grid[ranked[-1]])
    return out


def macro_f1_at(y_true: np.ndarray, probs: np.ndarray, thresholds: dict[str, float],
                claim_types: Sequence[str]) -> float:
    """Macro-F1 over types of the decisions ``probs >= thresholds`` (sentence level)."""
    if not len(claim_types):
        return 0.0
    thr = np.array([thresholds[t] for t in claim_types], dtype=float)
    y = np.asarray(y_true).astype(bool)
    pred = np.asarray(probs, dtype=float) >= thr
    return float(prf((pred & y).sum(0), (pred & ~y).sum(0), (~pred & y).sum(0))["f1"].mean())


__all__ = ["GRID", "ratio", "f1_of", "prf", "sweep", "tune_thresholds", "macro_f1_at"]
