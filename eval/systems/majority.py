"""The no-claim majority: the most frequent type set of the train split, for every sentence."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from claimcoder.data.schema import Claim, Sentence

from ..metrics import multi_hot
from .base import Coder, check_fit_data


class MajorityCoder(Coder):
    """The most frequent type set of the train split, for every sentence."""

    name = "majority"

    def fit(self, train: Sequence[Sentence], dev: Sequence[Sentence] | None = None) -> "MajorityCoder":
        check_fit_data(train, dev, need_dev=False)
        sets = Counter(tuple(t for t in self.claim_types if t in s.types) for s in train)
        # most frequent; ties to the smaller set, then alphabetically (deterministic)
        self.majority = min(sets, key=lambda k: (-sets[k], len(k), k))
        self.prevalence = multi_hot(train, self.claim_types).mean(axis=0).astype(float)
        return self

    def predict_proba(self, sentences: Sequence[Sentence]) -> np.ndarray:
        return np.tile(self.prevalence, (len(sentences), 1))

    def _claims(self, sentence: Sentence, scores: np.ndarray) -> list[Claim]:
        return [Claim(t, None, None, float(scores[self.claim_types.index(t)])) for t in self.majority]

    def describe(self) -> dict[str, Any]:
        return {"system": self.name, "predicts": list(self.majority) or ["(no claim)"],
                "train_prevalence": dict(zip(self.claim_types, map(float, self.prevalence)))}

