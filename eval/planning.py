"""Planning an annotation project: cross-validation by document and learning curves.

Small corpora give noisy test figures; k-fold cross-validation by document reports
the mean and spread over folds. A learning curve (macro-F1 against the share of the
train split used) tells whether annotating more would pay. Both take *factories*
(callables returning a fresh, unfitted ``systems.Coder``) so any system can be
planned for, and both are deterministic under ``seed``. Neither imports training: a
transformer factory carries the ``fit`` function it was given (``TransformerCoder.recipe``).
"""
from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from claimcoder.data.errors import OptionError
from claimcoder.data.schema import Sentence
from claimcoder.data.splits import group_by_document

from .evaluate import measure
from .metrics import figures, headline, tally, to_python
from .stats import DEFAULT_RESAMPLES
from .systems.base import Coder

Factory = Callable[[], Coder]
DEFAULT_FRACTIONS = (0.1, 0.25, 0.5, 1.0)


def document_folds(sentences: Sequence[Sentence], k: int, seed: int = 13, stratify: str | None = "beat") -> list[list[int]]:
    """Sentence indices of ``k`` folds; whole documents, dealt round-robin within strata.

    Documents are grouped by ``meta[stratify]`` (when present), shuffled with ``seed``
    and dealt in turn, so each fold gets a similar mix of beats.
    """
    docs = group_by_document(sentences)
    if k < 2:
        raise OptionError(f"cross-validation needs k >= 2 folds, got {k}")
    if len(docs) < k:
        raise OptionError(f"cannot make {k} folds from {len(docs)} document(s): need at least one document per fold")
    strata: dict[str, list[str]] = defaultdict(list)
    for d, idx in docs.items():
        strata[str(sentences[idx[0]].meta.get(stratify, "")) if stratify else ""].append(d)
    rng = random.Random(seed)
    order: list[str] = []
    for key in sorted(strata):
        ids = sorted(strata[key])
        rng.shuffle(ids)
        order.extend(ids)
    folds: list[list[int]] = [[] for _ in range(k)]
    for n, d in enumerate(order):
        folds[n % k].extend(docs[d])
    return [sorted(f) for f in folds]


def _split_dev(sentences: Sequence[Sentence], idx: Sequence[int], dev_fraction: float,
               seed: int) -> tuple[list[int], list[int]]:
    """Split sentence indices into train and dev by document (dev: at least one document)."""
    docs = group_by_document([sentences[i] for i in idx])
    names = sorted(docs)
    random.Random(seed).shuffle(names)
    n_dev = max(1, round(dev_fraction * len(names)))
    if len(names) - n_dev < 1:
        raise OptionError("too few documents to hold out a dev split and still train")
    train = [idx[j] for d in names[n_dev:] for j in docs[d]]
    dev = [idx[j] for d in names[:n_dev] for j in docs[d]]
    return sorted(train), sorted(dev)


def _summary(values: list[float]) -> dict[str, float]:
    a = np.asarray(values, dtype=float)
    return {"mean": float(a.mean()), "std": float(a.std(ddof=1)) if len(a) > 1 else 0.0,
            "min": float(a.min()), "max": float(a.max())}


def cross_validate(sentences: Sequence[Sentence], k: int, systems: Mapping[str, Factory],
                   claim_types: Sequence[str], seed: int = 13, dev_fraction: float = 0.15,
                   n_resamples: int = DEFAULT_RESAMPLES) -> dict[str, Any]:
    """k-fold cross-validation by document: per-fold figures, mean and spread, and pooled figures.

    In each fold the held-out documents are the test part; the rest is split by
    document into train and dev (``dev_fraction``, for model selection and thresholds).
    ``pooled`` scores the out-of-fold predictions of all folds together, with a
    document-bootstrap interval.
    """
    sentences = list(sentences)
    folds = document_folds(sentences, k, seed)
    n_docs = len(group_by_document(sentences))
    if n_docs - max(len(group_by_document([sentences[i] for i in f])) for f in folds) < 2:
        raise OptionError(f"{n_docs} documents are too few for {k}-fold cross-validation: each fold must leave at "
                         "least two documents outside it (one to train on, one to tune on)")
    per_fold: list[dict[str, Any]] = []
    oof: dict[str, list[Sentence | None]] = {n: [None] * len(sentences) for n in systems}
    for f, test_idx in enumerate(folds):
        rest = [i for g, fold in enumerate(folds) if g != f for i in fold]
        train_idx, dev_idx = _split_dev(sentences, rest, dev_fraction, seed + f)
        train, dev = [sentences[i] for i in train_idx], [sentences[i] for i in dev_idx]
        test = [sentences[i] for i in test_idx]
        row: dict[str, Any] = {"fold": f + 1, "n_train": len(train), "n_dev": len(dev), "n_test": len(test),
                               "n_test_documents": len(group_by_document(test)), "systems": {}}
        for name, make in systems.items():
            system = make().fit(train, dev)
            pred, probs = system.predict_scored(test)
            for i, p in zip(test_idx, pred):
                oof[name][i] = p
            sums = {key: v.sum(0) for key, v in tally(test, pred, claim_types, probs).items()}
            row["systems"][name] = to_python(headline(figures(sums, claim_types)))
        per_fold.append(row)
    keys = list(per_fold[0]["systems"][next(iter(systems))]) if systems else []
    summary = {name: {key: _summary([r["systems"][name][key] for r in per_fold]) for key in keys} for name in systems}
    pooled = {name: measure(sentences, preds, claim_types, n_resamples=n_resamples, seed=seed, details=False)  # type: ignore[arg-type]
              for name, preds in oof.items()}
    return {"k": k, "seed": seed, "dev_fraction": dev_fraction, "n_sentences": len(sentences),
            "n_documents": len(group_by_document(sentences)), "folds": per_fold, "summary": summary, "pooled": pooled}


def learning_curve(train: Sequence[Sentence], dev: Sequence[Sentence], test: Sequence[Sentence],
                   systems: Mapping[str, Factory], claim_types: Sequence[str],
                   fractions: Sequence[float] = DEFAULT_FRACTIONS, seed: int = 13,
                   n_resamples: int = DEFAULT_RESAMPLES) -> dict[str, Any]:
    """Macro-F1 on ``test`` after training on growing shares of ``train`` (dev kept whole).

    Subsets are whole documents and nested (the 25% set contains the 10% set), so
    the curve moves with the amount of data, not with which data was drawn.
    """
    if not fractions or any(not 0 < f <= 1 for f in fractions):
        raise OptionError(f"fractions must lie in (0, 1], got {list(fractions)}")
    docs = group_by_document(train)
    names = sorted(docs)
    random.Random(seed).shuffle(names)
    out: dict[str, Any] = {"fractions": [], "n_train_sentences": [], "n_train_documents": [], "seed": seed,
                           "n_test_sentences": len(test), "systems": {n: {"macro_f1": [], "ci": [], "micro_f1": [],
                                                                        "claim_f1": []} for n in systems}}
    for frac in sorted(fractions):
        n_docs = max(1, math.ceil(frac * len(names)))
        subset = [train[i] for d in sorted(names[:n_docs], key=lambda d: docs[d][0]) for i in docs[d]]
        out["fractions"].append(float(frac))
        out["n_train_sentences"].append(len(subset))
        out["n_train_documents"].append(n_docs)
        for name, make in systems.items():
            system = make().fit(subset, dev)
            pred, _ = system.predict_scored(test)
            m = measure(test, pred, claim_types, n_resamples=n_resamples, seed=seed, details=False)
            row = out["systems"][name]
            row["macro_f1"].append(m["macro_f1"])
            row["ci"].append(m["ci"]["macro_f1"] if "ci" in m else None)
            row["micro_f1"].append(m["micro_f1"])
            row["claim_f1"].append(m["claim"]["f1"])
    return out
