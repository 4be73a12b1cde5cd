"""What ``train()`` needs from an evaluator, and nothing more (so training never imports eval).

In the style of sentence-transformers' evaluators: an object with a ``primary_metric``
name and a call that, given the coder and the dev sentences, tunes what it tunes (the
per-type thresholds) and returns the metrics, ``primary_metric`` among them. ``train()``
keeps the epoch where that metric is highest. ``claimcoder.train`` passes
``claimcoder.eval.DevEvaluator`` by default.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from claimcoder.data.schema import Sentence
from claimcoder.model.coder import ClaimCoder


@runtime_checkable
class Evaluator(Protocol):
    """Model selection during training: higher ``metrics[primary_metric]`` is better."""

    primary_metric: str

    def __call__(self, coder: ClaimCoder, sentences: Sequence[Sentence]) -> dict[str, Any]:
        """Tune ``coder`` on ``sentences`` (it may set ``coder.config.thresholds``) and return its metrics."""
        ...
