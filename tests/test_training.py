"""Training selects with an injected evaluator; thresholds: one vectorised sweep, tuning apart from reporting."""
from __future__ import annotations

import numpy as np
import pytest

from claimcoder import ClaimCoder, TrainingArguments
from claimcoder.eval.evaluator import PRIMARY_METRIC, DevEvaluator, dev_report, tuned_thresholds
from claimcoder.model.thresholds import GRID, tune_thresholds
from claimcoder.training import Evaluator
from claimcoder.training import train as train_loop

from .conftest import toy_corpus

TYPES = ["accusation", "denial", "demand_explanation"]


def _brute_force(y, p, grid):
    """The former per-threshold loop: best F1, ties to the value nearest 0.5 (then the larger)."""
    out = []
    for t in range(y.shape[1]):
        if y[:, t].sum() == 0:
            out.append(0.5)
            continue
        scores = []
        for thr in grid:
            pred = p[:, t] >= thr
            tp, fp, fn = (pred & (y[:, t] == 1)).sum(), (pred & (y[:, t] == 0)).sum(), (~pred & (y[:, t] == 1)).sum()
            scores.append((2 * tp / (2 * tp + fp + fn) if tp else 0.0, -abs(thr - 0.5), thr))
        out.append(float(max(scores)[2]))
    return out


@pytest.mark.parametrize("seed", range(5))
def test_vectorised_threshold_sweep_matches_the_loop(seed):
    rng = np.random.default_rng(seed)
    y = (rng.random((60, 3)) < 0.3).astype(int)
    y[:, 2] = 0 if seed == 0 else y[:, 2]                   # a type with no positive keeps 0.5
    p = np.clip(y * 0.4 + rng.random((60, 3)) * 0.6, 0, 1).round(2)
    assert list(tune_thresholds(y, p, TYPES).values()) == _brute_force(y, p, GRID)


def test_train_selects_with_the_injected_evaluator(tiny_base):
    data = toy_corpus(6)

    class Recording:
        primary_metric = "made_up"

        def __init__(self):
            self.calls = 0

        def __call__(self, coder, sentences):
            self.calls += 1
            coder.config.thresholds = {t: 0.3 for t in coder.claim_types}
            return {"made_up": [0.2, 0.9, 0.1][self.calls - 1], "macro_f1": 0.0}

    evaluator = Recording()
    assert isinstance(evaluator, Evaluator)
    args = TrainingArguments(base=str(tiny_base), epochs=3, patience=5, batch_size=8, max_length=64, progress=False)
    coder = train_loop(data[:16], data[16:], args, evaluator=evaluator)
    tr = coder.config.training
    assert evaluator.calls == 3 and tr["best_epoch"] == 2 and tr["selection_metric"] == "made_up"
    assert tr["dev_metrics"] == {"made_up": 0.9, "macro_f1": 0.0}                  # the kept epoch's metrics
    assert [h["dev_made_up"] for h in tr["history"]] == [0.2, 0.9, 0.1]
    assert coder.config.thresholds == {t: 0.3 for t in TYPES}
    with pytest.raises(TypeError):
        train_loop(data[:16], data[16:], args)  # training has no evaluator of its own: the facade provides it


def test_tuning_and_reporting_are_separate_steps(tiny_model_dir):
    coder = ClaimCoder.load(tiny_model_dir)
    dev = toy_corpus(3)
    coder.config.thresholds = {t: 0.95 for t in TYPES}
    report = dev_report(coder, dev)
    assert coder.config.thresholds == {t: 0.95 for t in TYPES}                    # reporting changes nothing
    assert {m["threshold"] for m in report["per_type"].values()} == {0.95}
    tuned = tuned_thresholds(coder, dev)
    assert coder.config.thresholds == {t: 0.95 for t in TYPES}                    # neither does tuning
    metrics = DevEvaluator()(coder, dev)                                          # the evaluator sets them
    assert coder.config.thresholds == tuned and metrics == dev_report(coder, dev)
    assert metrics[PRIMARY_METRIC] == pytest.approx(metrics["macro_f1"] + metrics["claim"]["f1"])
