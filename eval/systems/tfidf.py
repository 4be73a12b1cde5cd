"""TF-IDF n-grams and one class-balanced logistic regression per type (types only, no spans).

The feature set (word 1-2-grams, optionally plus character 2-5-grams) and C are
chosen by dev macro-F1; thresholds are tuned on dev.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from claimcoder.data.schema import Sentence
from claimcoder.model.thresholds import macro_f1_at, tune_thresholds

from ..metrics import multi_hot
from .base import Coder, check_fit_data


class TfidfCoder(Coder):
    """TF-IDF n-grams and one class-balanced logistic regression per type (types only)."""

    name = "tfidf"
    GRID = tuple((feats, c) for feats in ("word", "word+char") for c in (0.25, 1.0, 4.0, 16.0))

    def __init__(self, claim_types: Sequence[str] | None = None, grid: Sequence[tuple[str, float]] | None = None):
        super().__init__(claim_types)
        self.grid = list(grid or self.GRID)

    @staticmethod
    def _vectorizer(feats: str):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import FeatureUnion

        word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, lowercase=True)
        if feats == "word":
            return word
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2, lowercase=True)
        return FeatureUnion([("word", word), ("char", char)])

    def _fit_one(self, texts: list[str], y: np.ndarray, feats: str, c: float):
        from sklearn.linear_model import LogisticRegression

        vec = self._vectorizer(feats).fit(texts)
        x = vec.transform(texts)
        models = []
        for t in range(len(self.claim_types)):
            if y[:, t].min() == y[:, t].max():  # a type never (or always) present: a constant
                models.append(float(y[0, t]) if len(y) else 0.0)
                continue
            lr = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", dual=True,
                                    max_iter=5000, random_state=0)
            models.append(lr.fit(x, y[:, t]))
        return vec, models

    @staticmethod
    def _proba(vec, models, texts: list[str]) -> np.ndarray:
        x = vec.transform(texts)
        cols = [np.full(len(texts), m) if isinstance(m, float) else m.predict_proba(x)[:, 1] for m in models]
        return np.stack(cols, axis=1) if cols else np.zeros((len(texts), 0))

    def fit(self, train: Sequence[Sentence], dev: Sequence[Sentence]) -> "TfidfCoder":
        check_fit_data(train, dev, need_dev=True)
        texts, y = [s.text for s in train], multi_hot(train, self.claim_types)
        dev_texts, dev_y = [s.text for s in dev], multi_hot(dev, self.claim_types)
        self.search = []
        best = None
        for feats, c in self.grid:
            vec, models = self._fit_one(texts, y, feats, c)
            probs = self._proba(vec, models, dev_texts)
            thr = tune_thresholds(dev_y, probs, self.claim_types)
            dev_f1 = macro_f1_at(dev_y, probs, thr, self.claim_types)
            self.search.append({"features": feats, "C": c, "dev_macro_f1": dev_f1})
            if best is None or dev_f1 > best[0] + 1e-12:
                best = (dev_f1, feats, c, vec, models, thr)
        self.dev_macro_f1, self.features, self.C, self.vectorizer, self.models, self.thresholds = best
        return self

    def predict_proba(self, sentences: Sequence[Sentence]) -> np.ndarray:
        return self._proba(self.vectorizer, self.models, [s.text for s in sentences])

    def describe(self) -> dict[str, Any]:
        return {"system": self.name, "features": self.features, "C": self.C, "thresholds": dict(self.thresholds),
                "dev_macro_f1": self.dev_macro_f1, "search": self.search}

