"""The evaluator training selects with: tune thresholds on dev, then report on dev.

Two explicit steps, usable on their own: ``tuned_thresholds`` (returns the per-type
thresholds that maximise dev F1, changes nothing) and ``dev_report`` (pure: measures
the coder as it is). ``DevEvaluator`` joins them for ``train()``: it sets the coder's
thresholds to the tuned ones, then reports.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from claimcoder.data.schema import Sentence
from claimcoder.model.coder import ClaimCoder
from claimcoder.model.thresholds import tune_thresholds

from .metrics import evaluate_predictions, multi_hot

#: The selection metric: macro-F1 over claim types plus claim F1 (type and source right),
#: so an epoch is kept for finding the types *and* who makes the claims.
PRIMARY_METRIC = "macro_f1_plus_claim_f1"

Raw = Any  # one ``ClaimCoder.infer`` output (or None for empty text)


def _infer(coder: ClaimCoder, sentences: Sequence[Sentence], batch_size: int) -> list[Raw]:
    return coder.infer([s.text for s in sentences], batch_size=batch_size)


def tuned_thresholds(coder: ClaimCoder, sentences: Sequence[Sentence], raws: Sequence[Raw] | None = None,
                     batch_size: int = 64) -> dict[str, float]:
    """The per-type thresholds that maximise F1 on ``sentences`` (the coder is not changed)."""
    raws = _infer(coder, sentences, batch_size) if raws is None else raws
    n_types = len(coder.claim_types)
    probs = np.array([r[0] if r is not None else np.zeros(n_types) for r in raws], dtype=float).reshape(-1, n_types)
    return tune_thresholds(multi_hot(sentences, coder.claim_types), probs, coder.claim_types)


def dev_report(coder: ClaimCoder, sentences: Sequence[Sentence], raws: Sequence[Raw] | None = None,
               batch_size: int = 64) -> dict[str, Any]:
    """Every figure of the coder on ``sentences`` with its current thresholds (changes nothing)."""
    raws = _infer(coder, sentences, batch_size) if raws is None else raws
    preds = [Sentence(text=s.text, claims=coder.decode(s.text, r), id=s.id, doc_id=s.doc_id)
             for s, r in zip(sentences, raws)]
    metrics = evaluate_predictions(sentences, preds, coder.claim_types)
    for name, m in metrics["per_type"].items():
        m["threshold"] = coder.config.thresholds[name]
    metrics["claim_f1"] = metrics["claim"]["f1"]
    metrics[PRIMARY_METRIC] = metrics["macro_f1"] + metrics["claim_f1"]
    return metrics


class DevEvaluator:
    """``train()``'s default evaluator: set the thresholds tuned on dev, then report on dev."""

    primary_metric = PRIMARY_METRIC

    def __init__(self, batch_size: int = 64):
        self.batch_size = batch_size

    def __call__(self, coder: ClaimCoder, sentences: Sequence[Sentence]) -> dict[str, Any]:
        raws = _infer(coder, sentences, self.batch_size)  # one forward pass serves both steps
        coder.config.thresholds = tuned_thresholds(coder, sentences, raws)
        return dev_report(coder, sentences, raws)


__all__ = ["PRIMARY_METRIC", "DevEvaluator", "tuned_thresholds", "dev_report"]
