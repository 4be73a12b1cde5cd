"""Per-type decision thresholds, tuned on a dev split (never on test)."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

GRID = np.round(np.arange(0.05, 0.951, 0.025), 3)


def f1_at(y: np.ndarray, p: np.ndarray, thr: float) -> float:
    pred = p >= thr
    tp = float((pred & (y == 1)).sum())
    fp = float((pred & (y == 0)).sum())
    fn = float((~pred & (y == 1)).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def tune_thresholds(y_true: np.ndarray, probs: np.ndarray, claim_types: Sequence[str],
                    grid: np.ndarray = GRID) -> dict[str, float]:
    """The F1-maximising threshold per type; ties go to the value nearest 0.5.

    A type with no positive example on dev keeps 0.5.
    """
    out = {}
    for t, name in enumerate(claim_types):
        if y_true[:, t].sum() == 0:
            out[name] = 0.5
            continue
        scores = [(f1_at(y_true[:, t], probs[:, t], thr), -abs(thr - 0.5), thr) for thr in grid]
        out[name] = float(max(scores)[2])
    return out
