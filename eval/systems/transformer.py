"""The fine-tuned ClaimCoder behind the systems' interface.

Evaluation never imports training: a ``TransformerCoder`` that must be (re)trained,
for cross-validation or a learning curve, is given a ``fit`` callable,
``fit(train, dev, recipe) -> ClaimCoder``, where ``recipe`` is a dict of training
arguments. ``claimcoder.api.fit_recipe`` is that callable; the command line and
``claimcoder.eval.run_evaluation`` callers pass it in.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from claimcoder.data.schema import Sentence
from claimcoder.model.coder import ClaimCoder

from .base import Coder, check_fit_data, like

#: ``fit(train, dev, recipe)``: train a ClaimCoder with the training arguments in ``recipe``.
FitFn = Callable[[Sequence[Sentence], Sequence[Sentence], Mapping[str, Any]], ClaimCoder]


class TransformerCoder(Coder):
    """A trained ClaimCoder (``coder``), or a recipe and a ``fit`` callable to train one."""

    name = "transformer"

    def __init__(self, coder: ClaimCoder | None = None, recipe: Mapping[str, Any] | None = None,
                 fit: FitFn | None = None, batch_size: int = 64):
        self.coder = coder
        self.recipe_args = dict(recipe or {})
        self._fit = fit
        self.batch_size = batch_size
        super().__init__(coder.claim_types if coder is not None else self.recipe_args.get("claim_types"))
        if coder is not None:
            self.thresholds = dict(coder.config.thresholds)

    @classmethod
    def from_pretrained(cls, path: str | Path | None, fit: FitFn | None = None) -> "TransformerCoder":
        """Wrap a saved model directory (None: the default model)."""
        return cls(coder=ClaimCoder.load(path), fit=fit)

    def recipe(self) -> "TransformerCoder":
        """An untrained copy that retrains with the training arguments this model recorded."""
        recorded = (self.coder.config.training.get("args") if self.coder is not None else None) or self.recipe_args
        return TransformerCoder(recipe={**recorded, "claim_types": list(self.claim_types), "progress": False},
                                fit=self._fit, batch_size=self.batch_size)

    def fit(self, train: Sequence[Sentence], dev: Sequence[Sentence]) -> "TransformerCoder":
        if self._fit is None:
            raise ValueError("this TransformerCoder has no fit function to train with: pass "
                             "fit=claimcoder.api.fit_recipe")
        check_fit_data(train, dev, need_dev=True)
        self.coder = self._fit(train, dev, {**self.recipe_args, "claim_types": list(self.claim_types)})
        self.thresholds = dict(self.coder.config.thresholds)
        return self

    def predict_scored(self, sentences: Sequence[Sentence]) -> tuple[list[Sentence], np.ndarray]:
        if self.coder is None:
            raise ValueError("TransformerCoder is not fitted")
        raws = self.coder.infer([s.text for s in sentences], batch_size=self.batch_size)
        probs = np.zeros((len(sentences), len(self.claim_types)))
        for i, r in enumerate(raws):
            if r is not None:
                probs[i] = r[0]
        preds = [like(s, self.coder.decode(s.text, r)) for s, r in zip(sentences, raws)]
        return preds, probs

    def predict_proba(self, sentences: Sequence[Sentence]) -> np.ndarray:
        return self.predict_scored(sentences)[1]

    def describe(self) -> dict[str, Any]:
        cfg = self.coder.config if self.coder is not None else None
        return {"system": self.name, "base_encoder": cfg.base_encoder if cfg else self.recipe_args.get("base"),
                "thresholds": dict(self.thresholds), "best_epoch": cfg.training.get("best_epoch") if cfg else None}
