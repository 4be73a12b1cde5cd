"""The baselines: majority, rule-based coder, TF-IDF + logistic regression, behind one interface."""
from __future__ import annotations

import re

import numpy as np
import pytest

from claimcoder.data.schema import Claim, Sentence
from claimcoder.eval.systems import MajorityCoder, RuleCoder, TfidfCoder, TransformerCoder, fit_baselines, left_subject
from claimcoder.eval.metrics import type_metrics

from .conftest import toy_corpus

TYPES = ["accusation", "denial", "demand_explanation"]


def s(text: str, types: tuple[str, ...] = (), sid: str = "x") -> Sentence:
    return Sentence(text=text, id=sid, doc_id=sid, claims=[Claim(t) for t in types])


def coded(coder, text: str) -> list[tuple[str, str | None, str | None]]:
    p = coder.predict([s(text)])[0]
    return [(c.type, c.source.text if c.source else None, c.target.text if c.target else None) for c in p.claims]


def test_majority_predicts_the_most_frequent_type_set():
    train = [s("a")] * 3 + [s("b", ("accusation",))] * 2
    m = MajorityCoder(TYPES).fit(train)
    assert m.majority == () and m.predict([s("anything")])[0].claims == []
    np.testing.assert_allclose(m.predict_proba([s("x"), s("y")]), [[0.4, 0.0, 0.0]] * 2)  # train prevalence
    tie = MajorityCoder(TYPES).fit([s("a"), s("b", ("denial",))])
    assert tie.majority == ()  # ties go to the smaller set
    most = MajorityCoder(TYPES).fit([s("b", ("denial",))] * 2 + [s("a")])
    assert [c.type for c in most.predict([s("z")])[0].claims] == ["denial"]
    with pytest.raises(ValueError, match="empty train"):
        MajorityCoder(TYPES).fit([])


@pytest.mark.parametrize("text,expected", [
    ("Prosecutors accused the mayor of taking bribes.", [("accusation", "Prosecutors", "the mayor")]),
    ("The mayor on Tuesday denied the allegations.", [("denial", "The mayor", None)]),
    ("The mayor was accused by prosecutors of fraud.", [("accusation", "prosecutors", "The mayor")]),
    ("Lawmakers demanded an explanation from the agency.", [("demand_explanation", "Lawmakers", "the agency")]),
    ("Opposition leaders blamed the government for the crisis and called for an inquiry.",
     [("accusation", "Opposition leaders", "the government"), ("demand_explanation", "Opposition leaders", None)]),
    ('"The report is baseless," the minister said.', [("denial", "the minister", None)]),
    ("The company said the allegations were without merit.", [("denial", "The company", None)]),
    ("Sunrise Pictures, in a statement, rejected the claims.", [("denial", "Sunrise Pictures", None)]),
    ("WHITCOMB: That's just not true.", [("denial", "WHITCOMB", None)]),
    # procedural uses and non-claims: vetoed or never matched
    ("The court denied the motion to dismiss.", []),
    ("She was denied entry at the border.", []),
    ("The spokesman declined to comment.", []),
    ("The council met on Monday to discuss the budget.", []),
])
def test_rule_coder_finds_types_sources_and_targets(text, expected):
    assert coded(RuleCoder(TYPES), text) == expected  # unfitted: every cue scores the prior 0.5 >= 0.5


def test_left_subject_skips_auxiliaries_time_words_and_appositives():
    text = "The ministry, in a letter on Friday, has strongly rejected it."
    assert left_subject(text, text.index("rejected")).text == "The ministry"
    assert left_subject("and then denied it", len("and then ")) is None


def test_rule_coder_fit_scores_cues_by_smoothed_train_precision():
    train = [s("He denied it.", ("denial",), "a"), s("She denied the report.", ("denial",), "b"),
             s("They denied everything.", (), "c"), s("Nothing here.", (), "d")]
    dev = [s("He denied it again.", ("denial",), "e"), s("Calm day.", (), "f")]
    r = RuleCoder(TYPES).fit(train, dev)
    k = next(i for i, c in enumerate(r.lexicon) if c.pattern == r"\bden(?:y|ies|ied|ying)\b")
    # matched 3 train sentences, 2 of them denials: (2 + 0.5 * 2) / (3 + 2)
    assert r.cue_stats[k]["train_matches"] == 3 and r.cue_stats[k]["train_hits"] == 2
    assert r.cue_scores[k] == pytest.approx(0.6)
    assert r.thresholds["denial"] <= 0.6 and type_metrics(dev, r.predict(dev), TYPES)["per_type"]["denial"]["f1"] == 1.0
    probs = r.predict_proba([s("Calm day."), s("He denied it.")])
    # no cue: the train rate of denials among sentences without a denial cue (0 of 1); with the cue: 0.6
    assert probs[0, 1] == pytest.approx(0.0) and probs[1, 1] == pytest.approx(0.6)
    assert r.describe()["system"] == "rules"


def test_tfidf_learns_the_toy_corpus_and_tunes_on_dev():
    data = toy_corpus(12)
    train, dev, test = data[:32], data[32:40], data[40:]
    m = TfidfCoder(TYPES, grid=[("word", 1.0), ("word", 4.0)]).fit(train, dev)
    assert [r["C"] for r in m.search] == [1.0, 4.0] and m.C in (1.0, 4.0)
    assert type_metrics(test, m.predict(test), TYPES)["macro_f1"] == pytest.approx(1.0)
    probs = m.predict_proba(test)
    assert probs.shape == (len(test), 3) and ((probs >= 0) & (probs <= 1)).all()
    again = TfidfCoder(TYPES, grid=[("word", 1.0), ("word", 4.0)]).fit(train, dev)
    np.testing.assert_array_equal(probs, again.predict_proba(test))  # deterministic
    assert all(c.source is None and c.target is None for p in m.predict(test) for c in p.claims)  # types only


def test_tfidf_handles_a_type_absent_from_train():
    train = [s("He denied it.", ("denial",), "a"), s("Quiet.", (), "b"), s("She denied it.", ("denial",), "c")]
    m = TfidfCoder(TYPES, grid=[("word", 1.0)]).fit(train, train)
    assert m.predict_proba([s("He denied it.")])[0, 0] == 0.0


def test_all_systems_share_one_interface(tiny_model_dir):
    data = toy_corpus(6)
    systems = fit_baselines(data[:16], data[16:], TYPES)
    systems["transformer"] = TransformerCoder.from_pretrained(tiny_model_dir)
    for name, system in systems.items():
        preds, probs = system.predict_scored(data)
        assert [p.id for p in preds] == [d.id for d in data] and probs.shape == (len(data), 3), name
        assert [p.doc_id for p in preds] == [d.doc_id for d in data]
    with pytest.raises(ValueError, match="unknown baseline"):
        fit_baselines(data, data, TYPES, names=["oracle"])
    with pytest.raises(ValueError, match="dev"):
        RuleCoder(TYPES).fit(data, [])


def test_lexicons_live_in_data_without_repeats():
    """The rule lexicons are data (lexicons.json); no word or pattern is listed twice ('had' was)."""
    from claimcoder.eval.systems.nounphrase import lexicon_data
    from claimcoder.eval.systems.rules import LEXICON, VETOES

    data = lexicon_data()
    lists = {f"noun_phrase.{k}": v for k, v in data["noun_phrase"].items()}
    lists["speech_verbs"] = data["speech_verbs"]
    lists["cues"] = [(c["type"], c["pattern"]) for c in data["cues"]]
    lists.update({f"vetoes.{t}": v for t, v in data["vetoes"].items()})
    for name, values in lists.items():
        repeated = sorted({str(v) for v in values if values.count(v) > 1})
        assert not repeated, f"{name} repeats {repeated}"
    assert len(LEXICON) == len(data["cues"]) and set(VETOES) == set(data["vetoes"])
    assert not [c.pattern for c in LEXICON if re.search(r"\{[A-Z_]+\}", c.pattern)]  # every fragment expanded
