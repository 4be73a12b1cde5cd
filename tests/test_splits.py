"""Splits are by document: no article is ever in two splits."""
from __future__ import annotations

from collections import Counter

import pytest

from claimcoder.data import check_no_leak, split_by_document
from claimcoder.data.hf import to_dataset_dict

from .conftest import toy_corpus


def test_no_document_in_two_splits():
    data = toy_corpus(40)
    splits = split_by_document(data, seed=3)
    check_no_leak(splits)
    docs = {name: {s.doc_id for s in sents} for name, sents in splits.items()}
    assert not (docs["train"] & docs["dev"]) and not (docs["train"] & docs["test"]) and not (docs["dev"] & docs["test"])
    assert sum(len(v) for v in splits.values()) == len(data)
    assert [len(docs[n]) for n in ("train", "dev", "test")] == [28, 6, 6]


def test_split_is_deterministic_and_stratified():
    data = toy_corpus(40)
    a, b = split_by_document(data, seed=5), split_by_document(data, seed=5)
    assert [s.id for s in a["test"]] == [s.id for s in b["test"]]
    beats = Counter(s.meta["beat"] for s in a["test"] if s.id.endswith("-0"))
    assert beats["courts"] == beats["sport"] == 3


def test_leak_is_detected():
    data = toy_corpus(4)
    with pytest.raises(ValueError, match="is in both"):
        check_no_leak({"train": data[:6], "test": data[4:]})


def test_datasetdict_has_classlabel_features():
    data = toy_corpus(10)
    dd = to_dataset_dict(split_by_document(data), ["accusation", "denial", "demand_explanation"])
    feat = dd["train"].features["types"].feature
    assert feat.names == ["accusation", "denial", "demand_explanation"]
    row = next(r for r in dd["train"] if r["text"].startswith("Opposition"))
    assert row["types"] == [0, 2]
    assert row["claims"]["source_start"] == [0, 0] and row["claims"]["target_start"][1] == -1
