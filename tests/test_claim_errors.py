"""Claim F1's errors by category: each leftover claim in exactly one kind, appositions told apart."""
from __future__ import annotations

from claimcoder.data.schema import Claim, Sentence, Span
from claimcoder.eval.metrics import CLAIM_ERROR_CATEGORIES, _claim_tally, claim_errors
from claimcoder.eval.report import _claim_error_section


def _sp(text: str, phrase: str | None) -> Span | None:
    if phrase is None:
        return None
    i = text.index(phrase)
    return Span(i, i + len(phrase), phrase)


def _s(sid: str, text: str, claims: list[tuple[str, str | None]]) -> Sentence:
    return Sentence(text=text, id=sid, doc_id=sid, claims=[Claim(t, _sp(text, s), None) for t, s in claims])


APPOS = "The Senate majority leader, Gordon Pell, accused Democrats of stalling."
CASES = [  # id, text, gold claims, predicted claims
    ("s1", APPOS, [("accusation", "The Senate majority leader")], [("accusation", "Gordon Pell")]),
    ("s2", "Rain fell on the capital.", [], [("accusation", None)]),
    ("s3", "The ministry denied the report.", [("denial", "The ministry")],
     [("denial", "The ministry"), ("accusation", "The ministry")]),
    ("s4", "Unions accused the board of lying.", [("accusation", "Unions")], []),
    ("s5", "Unions and pilots accused the board.", [("accusation", "Unions")],
     [("accusation", "Unions"), ("accusation", "pilots")]),
    ("s6", "Questions were raised about the board.", [("demand_explanation", None)],
     [("demand_explanation", "the board")]),
    ("s7", "The mayor said the governor had lied.", [("accusation", "The mayor")], [("accusation", "the governor")]),
]


def test_each_leftover_claim_falls_in_one_category():
    gold = [_s(i, t, g) for i, t, g, _ in CASES]
    pred = [_s(i, t, p) for i, t, _, p in CASES]
    out = claim_errors(gold, pred)
    assert list(out["counts"]) == list(CLAIM_ERROR_CATEGORIES)
    assert out["counts"] == {
        "false positive: no claim in the sentence": 1,            # s2
        "false positive: a type the gold does not hold": 1,       # s3
        "false positive: an extra claim of a gold type": 1,       # s5
        "source differs: the two halves of one apposition": 1,    # s1
        "source differs: one source is null": 1,                  # s6
        "source differs: other": 1,                               # s7
        "false negative: type missed": 1,                         # s4
    }
    # the categories account for claim F1's own false positives and false negatives
    fp = sum(_claim_tally(g, p)[1] for g, p in zip(gold, pred))
    fn = sum(_claim_tally(g, p)[2] for g, p in zip(gold, pred))
    differs = sum(n for c, n in out["counts"].items() if c.startswith("source differs"))
    assert fp == differs + sum(n for c, n in out["counts"].items() if c.startswith("false positive"))
    assert fn == differs + out["counts"]["false negative: type missed"]
    example = out["examples"]["source differs: the two halves of one apposition"][0]
    assert example["id"] == "s1"
    assert example["gold"] == "accusation: The Senate majority leader -> -"
    assert example["pred"] == "accusation: Gordon Pell -> -"


def test_a_perfect_prediction_has_no_claim_errors_and_no_report_section():
    gold = [_s(i, t, g) for i, t, g, _ in CASES]
    out = claim_errors(gold, gold)
    assert not any(out["counts"].values())
    assert _claim_error_section(out, "m") == []


def test_the_report_lists_the_categories_with_examples():
    gold = [_s(i, t, g) for i, t, g, _ in CASES]
    pred = [_s(i, t, p) for i, t, _, p in CASES]
    md = "\n".join(_claim_error_section(claim_errors(gold, pred), "m"))
    assert "## Claim errors by category (m)" in md
    assert "| source differs: the two halves of one apposition | 1 | s1: gold accusation: The Senate majority leader" in md
