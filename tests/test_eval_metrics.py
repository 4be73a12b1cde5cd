"""Every metric against values computed by hand on four sentences in two documents.

The fixture (gold vs predicted):

    s1 (doc d1, courts) "Prosecutors accused the mayor of fraud."
        gold accusation Prosecutors -> the mayor     pred accusation Prosecutors -> mayor
    s2 (doc d1, courts) "The mayor denied it."
        gold denial The mayor -> -                   pred (nothing)
    s3 (doc d2, sport)  "Lawmakers demanded answers from the agency."
        gold demand_explanation Lawmakers -> the agency
        pred demand_explanation Lawmakers -> the agency, accusation Lawmakers -> -
    s4 (doc d2, sport)  "The council met."
        gold (nothing)                               pred denial The council -> -
"""
from __future__ import annotations

import numpy as np
import pytest

from claimcoder.data.schema import Claim, Sentence, Span
from claimcoder.eval.metrics import (breakdown, breakdown_fields, calibration, claim_metrics, confusion, error_list,
                                     evaluate_predictions, figures, overlap_f1, pr_curves, span_metrics, tally,
                                     threshold_sweep, to_python, type_metrics)

TYPES = ["accusation", "denial", "demand_explanation"]
ACC, DEN, DEM = TYPES


def sp(text: str, phrase: str) -> Span:
    i = text.index(phrase)
    return Span(i, i + len(phrase), phrase)


def sent(sid: str, doc: str, text: str, claims: list[tuple[str, str | None, str | None]], beat: str) -> Sentence:
    return Sentence(text=text, id=sid, doc_id=doc, meta={"beat": beat},
                    claims=[Claim(t, sp(text, s) if s else None, sp(text, g) if g else None) for t, s, g in claims])


T1, T2 = "Prosecutors accused the mayor of fraud.", "The mayor denied it."
T3, T4 = "Lawmakers demanded answers from the agency.", "The council met."
GOLD = [sent("s1", "d1", T1, [(ACC, "Prosecutors", "the mayor")], "courts"),
        sent("s2", "d1", T2, [(DEN, "The mayor", None)], "courts"),
        sent("s3", "d2", T3, [(DEM, "Lawmakers", "the agency")], "sport"),
        sent("s4", "d2", T4, [], "sport")]
PRED = [sent("s1", "d1", T1, [(ACC, "Prosecutors", "mayor")], "courts"),
        sent("s2", "d1", T2, [], "courts"),
        sent("s3", "d2", T3, [(DEM, "Lawmakers", "the agency"), (ACC, "Lawmakers", None)], "sport"),
        sent("s4", "d2", T4, [(DEN, "The council", None)], "sport")]
#: type scores [sentence, type]; the decisions above are these scores against 0.5
PROBS = np.array([[0.9, 0.1, 0.05],
                  [0.1, 0.35, 0.05],
                  [0.6, 0.1, 0.95],
                  [0.2, 0.7, 0.05]])


def test_type_metrics_by_hand():
    m = type_metrics(GOLD, PRED, TYPES)
    # accusation: gold {s1}, pred {s1, s3}: tp 1, fp 1, fn 0
    assert m["per_type"][ACC] == pytest.approx({"precision": 0.5, "recall": 1.0, "f1": 2 / 3, "support": 1})
    # denial: gold {s2}, pred {s4}: tp 0
    assert m["per_type"][DEN] == pytest.approx({"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1})
    assert m["per_type"][DEM] == pytest.approx({"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1})
    assert m["macro_f1"] == pytest.approx((2 / 3 + 0 + 1) / 3)
    # micro: tp 2, fp 2, fn 1 -> P 1/2, R 2/3, F1 4/7
    assert m["micro_f1"] == pytest.approx(4 / 7)
    assert m["exact_match"] == pytest.approx(1 / 4)  # only s1 has the same type set
    assert m["n_sentences"] == 4


def test_overlap_f1_by_hand():
    assert overlap_f1(sp(T1, "the mayor"), sp(T1, "mayor")) == pytest.approx(2 / 3)  # P 1/1, R 1/2
    assert overlap_f1(sp(T1, "the mayor"), sp(T1, "the mayor")) == 1.0
    assert overlap_f1(sp(T1, "Prosecutors"), sp(T1, "the mayor")) == 0.0


def test_span_metrics_by_hand():
    src = span_metrics(GOLD, PRED, "source")
    # exact: tp s1, s3(dem); fp s3(acc), s4; fn s2 -> P 1/2, R 2/3
    assert src["exact_precision"] == pytest.approx(0.5) and src["exact_recall"] == pytest.approx(2 / 3)
    assert src["exact_f1"] == pytest.approx(4 / 7) and src["support"] == 3
    assert src["overlap_f1"] == pytest.approx(4 / 7)  # no partial overlaps among sources
    tgt = span_metrics(GOLD, PRED, "target")
    # exact: "the agency" hits, "mayor" vs "the mayor" misses -> P 1/2, R 1/2
    assert tgt["exact_f1"] == pytest.approx(0.5)
    # overlap: each side averages (2/3 + 1) / 2 = 5/6
    assert tgt["overlap_precision"] == pytest.approx(5 / 6) and tgt["overlap_recall"] == pytest.approx(5 / 6)
    assert tgt["overlap_f1"] == pytest.approx(5 / 6)
    with pytest.raises(ValueError, match="role"):
        span_metrics(GOLD, PRED, "speaker")


def test_claim_metrics_by_hand():
    # tp: s1 accusation, s3 demand; fp: s3 accusation, s4 denial; fn: s2 denial
    assert claim_metrics(GOLD, PRED) == pytest.approx({"precision": 0.5, "recall": 2 / 3, "f1": 4 / 7, "support": 3})
    # a right type with a non-overlapping source does not count; null matches null only
    g = [sent("x", "d", T1, [(ACC, "Prosecutors", None)], "courts")]
    assert claim_metrics(g, [sent("x", "d", T1, [(ACC, "the mayor", None)], "courts")])["f1"] == 0.0
    assert claim_metrics(g, [sent("x", "d", T1, [(ACC, None, None)], "courts")])["f1"] == 0.0
    g0 = [sent("x", "d", T1, [(ACC, None, "the mayor")], "courts")]
    assert claim_metrics(g0, [sent("x", "d", T1, [(ACC, None, None)], "courts")])["f1"] == 1.0


def test_evaluate_predictions_keeps_its_shape():
    m = evaluate_predictions(GOLD, PRED, TYPES)
    assert m["source_f1"] == pytest.approx(4 / 7) and m["target_f1"] == pytest.approx(0.5)
    assert m["claim"]["f1"] == pytest.approx(4 / 7) and m["macro_f1"] == pytest.approx(5 / 9)
    with pytest.raises(ValueError, match="4 sentences but predictions have 3"):
        evaluate_predictions(GOLD, PRED[:3], TYPES)


def test_confusion_by_hand():
    c = confusion(GOLD, PRED, TYPES)
    assert c["labels"] == [ACC, DEN, DEM, "none"]
    assert c["matrix"] == [[1, 0, 0, 0],   # s1: accusation -> accusation
                           [0, 0, 0, 1],   # s2: denial -> none
                           [1, 0, 1, 0],   # s3: demand -> accusation and demand
                           [0, 1, 0, 0]]   # s4: none -> denial
    assert c["per_type"][ACC] == {"tp": 1, "fp": 1, "fn": 0, "tn": 2}
    assert c["per_type"][DEN] == {"tp": 0, "fp": 1, "fn": 1, "tn": 2}


def test_calibration_by_hand():
    cal = calibration(GOLD, PROBS, TYPES)["per_type"]
    # accusation: one sentence per bin, gaps .1 + .1 + .6 + .2 = 1.0, over 4 sentences
    assert cal[ACC]["ece"] == pytest.approx(0.25)
    assert cal[ACC]["brier"] == pytest.approx((0.01 + 0.01 + 0.36 + 0.04) / 4)
    # denial: bin 1 holds two (mean .1, rate 0) -> 2 * .1; bin 3 |1 - .35|; bin 7 |0 - .7|
    assert cal[DEN]["ece"] == pytest.approx((0.2 + 0.65 + 0.7) / 4)
    # demand: bin 0 holds three at .05 (rate 0) -> 3 * .05; bin 9 |1 - .95|
    assert cal[DEM]["ece"] == pytest.approx((0.15 + 0.05) / 4)
    b1 = cal[DEN]["bins"][1]
    assert b1["count"] == 2 and b1["mean_score"] == pytest.approx(0.1) and b1["observed_rate"] == 0.0
    assert cal[DEN]["bins"][0] == {"low": 0.0, "high": 0.1, "count": 0, "mean_score": None, "observed_rate": None}


def test_tallies_give_the_same_figures_as_the_direct_functions():
    sums = {k: v.sum(0) for k, v in tally(GOLD, PRED, TYPES, PROBS).items()}
    f = to_python(figures(sums, TYPES))
    assert f["macro_f1"] == pytest.approx(5 / 9) and f["target"]["overlap_f1"] == pytest.approx(5 / 6)
    assert f["ece"] == pytest.approx({ACC: 0.25, DEN: 1.55 / 4, DEM: 0.05})
    with pytest.raises(ValueError, match="shape"):
        tally(GOLD, PRED, TYPES, PROBS[:, :2])


def test_threshold_sweep_by_hand():
    sw = threshold_sweep(GOLD, PROBS, TYPES, grid=[0.15, 0.5, 0.95])[ACC]
    # .15: predicts s1, s3, s4 -> P 1/3, R 1; .5: s1, s3 -> P 1/2, R 1; .95: nothing
    assert sw["precision"] == pytest.approx([1 / 3, 0.5, 0.0]) and sw["recall"] == pytest.approx([1.0, 1.0, 0.0])
    assert sw["f1"] == pytest.approx([0.5, 2 / 3, 0.0])
    assert sw["best_threshold_here"] == 0.5 and sw["best_f1_here"] == pytest.approx(2 / 3)


def test_pr_curves_average_precision_by_hand():
    pr = pr_curves(GOLD, PROBS, TYPES)
    assert pr[ACC]["average_precision"] == pytest.approx(1.0)   # the positive scores highest
    assert pr[DEN]["average_precision"] == pytest.approx(0.5)   # one negative outranks the positive
    none_gold = [Sentence(text="x", id="a", doc_id="a")]
    assert pr_curves(none_gold, np.array([[0.3, 0.2, 0.1]]), TYPES)[ACC] is None


def test_error_list_ranks_the_most_confident_mistakes_first():
    errors = error_list(GOLD, PRED, PROBS, TYPES)
    got = [(e["rank"], e["id"], e["type"], e["kind"]) for e in errors]
    assert got == [(1, "s4", DEN, "false_positive"),    # scored .70 for a denial that is not there
                   (2, "s2", DEN, "false_negative"),    # scored .35 for a denial that is: 1 - .35 = .65
                   (3, "s3", ACC, "false_positive")]    # .60
    assert errors[1]["score"] == pytest.approx(0.35) and errors[1]["text"] == T2
    assert errors[1]["gold"] == ["denial: The mayor -> -"] and errors[1]["pred"] == []


def test_breakdown_by_meta_field_by_hand():
    assert breakdown_fields(GOLD) == ["beat"]
    b = breakdown(GOLD, PRED, TYPES, "beat")
    # courts (s1, s2): accusation 1, denial 0, demand 0 (absent) -> macro 1/3, no false positive
    assert b["courts"]["macro_f1"] == pytest.approx(1 / 3) and b["courts"]["false_positives"] == 0
    assert b["courts"]["n_sentences"] == 2 and b["courts"]["n_documents"] == 1
    # sport (s3, s4): accusation and denial only false positives, demand hit
    assert b["sport"]["f1"] == pytest.approx({ACC: 0.0, DEN: 0.0, DEM: 1.0}) and b["sport"]["false_positives"] == 2
    assert b["sport"]["support"] == {DEM: 1}


def test_breakdown_fields_skip_numbers_and_constants():
    s = [Sentence(text="x", id=str(i), meta={"beat": "a", "sent_index": i, "origin": ("fnc", "nyt")[i % 2]})
         for i in range(4)]
    s[0].meta["hard_negative"] = "declined_comment"
    assert breakdown_fields(s) == ["hard_negative", "origin"]  # a missing value counts as a group of its own
