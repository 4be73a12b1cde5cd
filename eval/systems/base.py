"""The interface every compared system shares: ``fit(train, dev)``, ``predict``, ``predict_proba``.

Predictions are codebook ``Sentence`` objects, so the same metrics apply to every
system; ``predict_proba`` gives ``[N, T]`` type scores (calibration, PR curves, the
ranked error list). Everything tuned is tuned on the train and dev splits only.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from claimcoder.data.schema import CODEBOOK_TYPES, Claim, Sentence


class Coder:
    """Base class: ``fit(train, dev)``, ``predict``, ``predict_proba``, ``predict_scored``."""

    name = "coder"

    def __init__(self, claim_types: Sequence[str] | None = None):
        self.claim_types = list(claim_types or CODEBOOK_TYPES)
        self.thresholds: dict[str, float] = {t: 0.5 for t in self.claim_types}

    def fit(self, train: Sequence[Sentence], dev: Sequence[Sentence]) -> "Coder":
        raise NotImplementedError

    def predict_proba(self, sentences: Sequence[Sentence]) -> np.ndarray:
        """Type scores ``[N, T]`` in ``claim_types`` order."""
        raise NotImplementedError

    def predict(self, sentences: Sequence[Sentence]) -> list[Sentence]:
        """Predicted claims, one ``Sentence`` per input (ids, doc ids and meta kept)."""
        return self.predict_scored(sentences)[0]

    def predict_scored(self, sentences: Sequence[Sentence]) -> tuple[list[Sentence], np.ndarray]:
        """Predictions and scores together (one pass where the system allows)."""
        probs = self.predict_proba(sentences)
        return [like(s, self._claims(s, probs[i])) for i, s in enumerate(sentences)], probs

    def describe(self) -> dict[str, Any]:
        """What the system is and what was tuned (for the report)."""
        return {"system": self.name, "thresholds": dict(self.thresholds)}

    def _claims(self, sentence: Sentence, scores: np.ndarray) -> list[Claim]:
        return [Claim(t, None, None, float(scores[k])) for k, t in enumerate(self.claim_types)
                if scores[k] >= self.thresholds[t]]


def like(s: Sentence, claims: list[Claim]) -> Sentence:
    """A prediction for ``s``: its text, ids and meta, with ``claims``."""
    return Sentence(text=s.text, claims=claims, id=s.id, doc_id=s.doc_id, meta=s.meta)


def check_fit_data(train: Sequence[Sentence], dev: Sequence[Sentence] | None, need_dev: bool) -> None:
    if not train:
        raise ValueError("cannot fit a baseline on an empty train split")
    if need_dev and not dev:
        raise ValueError("this system tunes its thresholds on dev: give a non-empty dev split")

