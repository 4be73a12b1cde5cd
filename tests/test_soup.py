"""Averaging several runs' weights (``soup``): what is averaged, what is kept and recorded, what is refused."""
from __future__ import annotations

import pytest
import torch

from claimcoder import TrainingArguments
from claimcoder.data.errors import OptionError
from claimcoder.training.loop import average_weights, train

from .conftest import WeightRecorder, toy_corpus, train_toy


def test_floating_weights_are_averaged_and_counters_kept():
    a = {"w": torch.tensor([0.0, 2.0]), "n": torch.tensor([3])}
    b = {"w": torch.tensor([1.0, 4.0]), "n": torch.tensor([5])}
    avg = average_weights([a, b])
    assert torch.equal(avg["w"], torch.tensor([0.5, 3.0]))
    assert torch.equal(avg["n"], torch.tensor([3]))  # not a weight: the first run's value


def _run(tiny_base, **kw):
    rec = WeightRecorder(score=lambda n: n)  # each epoch scores above the last: the last wins
    return train_toy(tiny_base, rec, **kw), rec


def test_a_soup_keeps_the_average_of_runs_with_consecutive_seeds(tiny_base):
    first, _ = _run(tiny_base, seed=13)
    second, _ = _run(tiny_base, seed=14)
    soup, rec = _run(tiny_base, seed=13, soup=2)
    kept = soup.network.state_dict()
    for name in ("type_head.weight", "encoder.embeddings.word_embeddings.weight"):
        expected = (first.network.state_dict()[name] + second.network.state_dict()[name]) / 2
        assert torch.allclose(kept[name], expected, atol=1e-6), name
    assert not torch.equal(kept["type_head.weight"], first.network.state_dict()["type_head.weight"])
    assert len(rec.seen) == 1  # no run is scored alone: only the average, whose thresholds are kept
    assert torch.equal(rec.seen[0]["type_head.weight"], kept["type_head.weight"])
    record = soup.config.training
    assert [m["seed"] for m in record["soup"]] == [13, 14]
    assert [m["epochs"] for m in record["soup"]] == [2, 2]
    assert [h["epoch"] for h in record["soup"][1]["history"]] == [1, 2]
    assert record["args"]["soup"] == 2


def test_one_run_records_no_soup(tiny_base):
    coder, rec = _run(tiny_base)
    assert "soup" not in coder.config.training and len(rec.seen) == 2


@pytest.mark.parametrize("soup", [0, -1, 1.5, True, "2"])
def test_a_soup_that_is_not_a_count_of_runs_is_refused_before_training(tiny_base, soup):
    data = toy_corpus()
    with pytest.raises(OptionError, match="soup"):
        train(data[:32], data[32:], TrainingArguments(base=str(tiny_base), soup=soup, progress=False),
              evaluator=WeightRecorder())


def test_the_model_card_says_a_model_is_a_soup_and_of_which_seeds(tiny_base):
    from claimcoder.model.card import model_card

    soup, _ = _run(tiny_base, seed=13, soup=2)
    card = model_card(soup.config)
    assert "A model soup" in card and "seeds 13, 14" in card
    single, _ = _run(tiny_base)
    assert "model soup" not in model_card(single.config)
