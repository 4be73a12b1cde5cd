"""The systems compared in one table, one module each, behind one interface (``base.Coder``).

* ``majority.MajorityCoder``: the train split's most frequent type set ("no claim"),
  scored with the train prevalence of each type.
* ``rules.RuleCoder``: verb and phrase lexicons per type (``lexicons.json``), sources
  and targets by the noun-phrase heuristics of ``nounphrase``.
* ``tfidf.TfidfCoder``: TF-IDF n-grams and a logistic regression per type (types only).
* ``transformer.TransformerCoder``: the fine-tuned ClaimCoder.

Each is ``fit(train, dev)`` then ``predict`` / ``predict_proba`` / ``predict_scored``;
everything tuned is tuned on train and dev only.
"""
from __future__ import annotations

from collections.abc import Sequence

from claimcoder.data.errors import OptionError
from claimcoder.data.schema import Sentence

from .base import Coder
from .majority import MajorityCoder
from .nounphrase import left_subject
from .rules import RuleCoder
from .tfidf import TfidfCoder
from .transformer import TransformerCoder

BASELINES = {"majority": MajorityCoder, "rules": RuleCoder, "tfidf": TfidfCoder}


def fit_baselines(train: Sequence[Sentence], dev: Sequence[Sentence], claim_types: Sequence[str],
                  names: Sequence[str] = ("majority", "rules", "tfidf")) -> dict[str, Coder]:
    """Fit the named baselines on train (and tune on dev), in the order given."""
    unknown = [n for n in names if n not in BASELINES]
    if unknown:
        raise OptionError(f"unknown baseline(s) {', '.join(unknown)}; known: {', '.join(BASELINES)}")
    return {n: BASELINES[n](claim_types).fit(train, dev) for n in names}


__all__ = ["Coder", "MajorityCoder", "RuleCoder", "TfidfCoder", "TransformerCoder", "BASELINES", "fit_baselines",
           "left_subject"]
