"""Bootstrap intervals over documents, the paired test, kappa and alpha, against hand-computed values."""
from __future__ import annotations

import numpy as np
import pytest

from claimcoder.eval.stats import (bootstrap_ci, cohen_kappa, doc_index, krippendorff_alpha, paired_bootstrap,
                                   paired_p_value, resample_weights)

from .test_eval_metrics import GOLD, PRED, PROBS, TYPES


def test_resample_weights_draw_whole_documents():
    w = resample_weights(5, n_resamples=200, seed=1)
    assert w.shape == (200, 5) and (w.sum(axis=1) == 5).all() and w.min() >= 0
    np.testing.assert_array_equal(w, resample_weights(5, n_resamples=200, seed=1))  # deterministic under a seed
    assert not np.array_equal(w, resample_weights(5, n_resamples=200, seed=2))
    docs, idx = doc_index(GOLD)
    assert docs == ["d1", "d2"] and idx.tolist() == [0, 0, 1, 1]


def test_one_document_gives_a_zero_width_interval():
    # four sentences but one document: resampling documents cannot change anything
    # (resampling sentences would)
    gold = [s.__class__(text=s.text, claims=s.claims, id=s.id, doc_id="only") for s in GOLD]
    pred = [s.__class__(text=s.text, claims=s.claims, id=s.id, doc_id="only") for s in PRED]
    ci = bootstrap_ci(gold, pred, TYPES, PROBS, n_resamples=300, seed=0)
    assert ci["macro_f1"] == pytest.approx([5 / 9, 5 / 9])
    assert ci["exact_match"] == pytest.approx([0.25, 0.25]) and ci["ece.accusation"] == pytest.approx([0.25, 0.25])
    assert all(lo == pytest.approx(hi) for lo, hi in ci.values())


def test_two_documents_interval_by_hand():
    # d1 = (s1, s2), d2 = (s3, s4). Resamples: {d1,d1} p=1/4, {d1,d2} p=1/2, {d2,d2} p=1/4.
    # exact match: 1/2, 1/4, 0 -> the 2.5% and 97.5% quantiles are 0 and 1/2.
    # macro-F1: {d1,d1} 1/3 (accusation 1), {d2,d2} 1/3 (demand 1), {d1,d2} 5/9.
    ci = bootstrap_ci(GOLD, PRED, TYPES, n_resamples=1000, seed=13)
    assert ci["exact_match"] == pytest.approx([0.0, 0.5])
    assert ci["macro_f1"] == pytest.approx([1 / 3, 5 / 9])
    assert ci["per_type.demand_explanation.f1"] == pytest.approx([0.0, 1.0])
    assert set(ci) >= {"micro_f1", "source.exact_f1", "source.overlap_f1", "target.overlap_f1", "claim.f1",
                       "per_type.accusation.precision"}
    assert ci == bootstrap_ci(GOLD, PRED, TYPES, n_resamples=1000, seed=13)


def test_paired_p_value_by_hand():
    # |d - .3| = .2, 0, .2, .4: only the last is at least .3 away
    assert paired_p_value(np.array([0.1, 0.3, 0.5, -0.1]), 0.3) == pytest.approx(0.25)
    assert paired_p_value(np.array([0.2, -0.1]), 0.0) == 1.0  # no observed difference: p = 1
    with pytest.raises(ValueError):
        paired_p_value(np.array([]), 0.1)


def test_paired_bootstrap_by_hand():
    same = paired_bootstrap(GOLD, PRED, PRED, TYPES, n_resamples=200)
    assert same["delta"] == 0.0 and same["p_value"] == 1.0 and same["delta_ci"] == [0.0, 0.0]
    # A = perfect, B = PRED. Macro-F1 A - B: {d1,d1} 2/3 - 1/3, {d1,d2} 1 - 5/9, {d2,d2} 1/3 - 1/3.
    # Observed 4/9; only {d2,d2} (probability 1/4) strays from it by 4/9 or more.
    r = paired_bootstrap(GOLD, GOLD, PRED, TYPES, n_resamples=2000, seed=5)
    assert r["a_score"] == pytest.approx(1.0) and r["b_score"] == pytest.approx(5 / 9)
    assert r["delta"] == pytest.approx(4 / 9) and r["delta_ci"] == pytest.approx([0.0, 4 / 9])
    assert r["p_value"] == pytest.approx(0.25, abs=0.04)
    assert r["a_wins"] == pytest.approx(0.75, abs=0.04)
    assert r["n_documents"] == 2 and r["figures"]["claim.f1"]["delta"] == pytest.approx(1 - 4 / 7)


def test_cohen_kappa_by_hand():
    a = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
    b = [1, 1, 0, 1, 0, 0, 0, 0, 0, 0]
    # p_o = 8/10; p_e = .3 * .3 + .7 * .7 = .58
    assert cohen_kappa(a, b) == pytest.approx((0.8 - 0.58) / (1 - 0.58))
    assert cohen_kappa(a, a) == pytest.approx(1.0)
    assert cohen_kappa([0, 0, 0], [0, 0, 0]) is None  # undefined: one label only
    with pytest.raises(ValueError):
        cohen_kappa([1], [1, 0])


def test_krippendorff_alpha_by_hand():
    a = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
    b = [1, 1, 0, 1, 0, 0, 0, 0, 0, 0]
    # coincidences: o11 = 4, o00 = 12, o01 = o10 = 2; n = 20, n1 = 6, n0 = 14
    # alpha = 1 - (n - 1) * (o01 + o10) / (2 * n1 * n0) = 1 - 19 * 4 / 168
    assert krippendorff_alpha(a, b) == pytest.approx(1 - 19 * 4 / 168)
    assert krippendorff_alpha(["x", "y"], ["x", "y"]) == pytest.approx(1.0)
    assert krippendorff_alpha(["none"] * 3, ["none"] * 3) is None


def test_no_resamples_means_no_resampling_anywhere(monkeypatch):
    """--bootstrap 0 used to still run 1,000-resample paired tests."""
    from claimcoder.eval import stats
    from claimcoder.eval.evaluate import evaluate_systems
    from claimcoder.eval.systems import MajorityCoder, RuleCoder

    def refuse(*args, **kwargs):
        raise AssertionError("resampled although n_resamples=0")

    monkeypatch.setattr(stats, "resample_weights", refuse)
    systems = {"rules": RuleCoder(TYPES), "majority": MajorityCoder(TYPES).fit(GOLD)}
    out = evaluate_systems(systems, GOLD, TYPES, n_resamples=0)
    cmp = out["comparisons"]["rules vs majority"]
    assert cmp["n_resamples"] == 0 and cmp["p_value"] is None and cmp["delta_ci"] is None
    assert cmp["delta"] == pytest.approx(out["systems"]["rules"]["macro_f1"] - out["systems"]["majority"]["macro_f1"])
    assert all("ci" not in figures for figures in out["systems"].values())
