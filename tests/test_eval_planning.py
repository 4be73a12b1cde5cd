"""Cross-validation by document and learning curves (tiny encoder, one epoch)."""
from __future__ import annotations

import pytest

from claimcoder.api import fit_recipe
from claimcoder.data.splits import group_by_document
from claimcoder.eval.planning import cross_validate, document_folds, learning_curve
from claimcoder.eval.systems import MajorityCoder, RuleCoder, TransformerCoder
from claimcoder.training import TrainingArguments

from .conftest import toy_corpus

TYPES = ["accusation", "denial", "demand_explanation"]


def test_folds_keep_documents_whole_and_cover_everything():
    data = toy_corpus(10)
    folds = document_folds(data, 3, seed=1)
    assert sorted(i for f in folds for i in f) == list(range(len(data)))
    owner = {}
    for k, f in enumerate(folds):
        for i in f:
            assert owner.setdefault(data[i].doc_id, k) == k  # no document in two folds
    assert [len(group_by_document([data[i] for i in f])) for f in folds] == [4, 3, 3]
    # stratified by beat: courts and sport documents are dealt evenly
    assert all({data[i].meta["beat"] for i in f} == {"courts", "sport"} for f in folds)
    assert folds == document_folds(data, 3, seed=1) and folds != document_folds(data, 3, seed=2)
    with pytest.raises(ValueError, match="at least one document per fold"):
        document_folds(data[:8], 3)
    with pytest.raises(ValueError, match="k >= 2"):
        document_folds(data, 1)


def test_cross_validation_mean_and_spread():
    data = toy_corpus(9)
    cv = cross_validate(data, 3, {"majority": lambda: MajorityCoder(TYPES), "rules": lambda: RuleCoder(TYPES)},
                        TYPES, seed=4, n_resamples=50)
    assert cv["k"] == 3 and len(cv["folds"]) == 3 and cv["n_documents"] == 9
    assert [f["n_test"] for f in cv["folds"]] == [12, 12, 12]
    assert all(f["n_train"] + f["n_dev"] + f["n_test"] == len(data) for f in cv["folds"])
    # the majority is "no claim" in every fold: F1 0 everywhere, so mean 0 and spread 0
    assert cv["summary"]["majority"]["macro_f1"] == {"mean": 0.0, "std": 0.0, "min": 0.0, "max": 0.0}
    folds = [f["systems"]["rules"]["macro_f1"] for f in cv["folds"]]
    mean = sum(folds) / 3
    std = (sum((x - mean) ** 2 for x in folds) / 2) ** 0.5
    assert cv["summary"]["rules"]["macro_f1"]["mean"] == pytest.approx(mean)
    assert cv["summary"]["rules"]["macro_f1"]["std"] == pytest.approx(std)
    assert cv["pooled"]["rules"]["n_sentences"] == len(data) and "ci" in cv["pooled"]["rules"]


def test_cross_validation_retrains_the_transformer(tiny_base):
    args = TrainingArguments(base=str(tiny_base), epochs=1, batch_size=8, max_length=64, progress=False)
    transformer = TransformerCoder(recipe=args.to_dict(), fit=fit_recipe)
    cv = cross_validate(toy_corpus(6), 2, {"transformer": transformer.recipe}, TYPES, n_resamples=20)
    assert len(cv["folds"]) == 2
    assert 0.0 <= cv["summary"]["transformer"]["macro_f1"]["mean"] <= 1.0


def test_learning_curve_uses_nested_document_subsets(tiny_base):
    data = toy_corpus(14)
    train, dev, test = data[:40], data[40:48], data[48:]
    seen = []

    class Recording(RuleCoder):
        def fit(self, tr, dv):
            seen.append({x.doc_id for x in tr})
            return super().fit(tr, dv)

    args = TrainingArguments(base=str(tiny_base), epochs=1, batch_size=8, max_length=64, progress=False)
    transformer = TransformerCoder(recipe=args.to_dict(), fit=fit_recipe)
    lc = learning_curve(train, dev, test, {"rules": lambda: Recording(TYPES), "transformer": transformer.recipe},
                        TYPES, fractions=(1.0, 0.5), seed=3, n_resamples=20)
    assert lc["fractions"] == [0.5, 1.0] and lc["n_train_documents"] == [5, 10] and lc["n_train_sentences"] == [20, 40]
    assert seen[0] < seen[1]  # the half is inside the whole
    assert len(lc["systems"]["transformer"]["macro_f1"]) == 2 and len(lc["systems"]["rules"]["ci"]) == 2
    with pytest.raises(ValueError, match="fractions"):
        learning_curve(train, dev, test, {}, TYPES, fractions=(0.0,))
