"""The weight average (``ema_decay``): what it averages, how it swaps, and that training selects with it."""
from __future__ import annotations

import pytest
import torch

from claimcoder import TrainingArguments
from claimcoder.data.errors import OptionError
from claimcoder.training.loop import _Ema, train

from .conftest import WeightRecorder, toy_corpus, train_toy


def test_the_average_follows_the_weights_and_a_swap_exchanges_them():
    layer = torch.nn.Linear(2, 1, bias=False)
    with torch.no_grad():
        layer.weight.fill_(0.0)
    ema = _Ema(layer, decay=0.5)
    with torch.no_grad():
        layer.weight.fill_(1.0)
    ema.update()  # warm-up: decay min(0.5, 2/11), so the average moves 9/11 of the way
    assert ema.shadow[0] == pytest.approx(torch.full((1, 2), 9 / 11))
    ema.swap()
    assert layer.weight.detach() == pytest.approx(torch.full((1, 2), 9 / 11))
    assert ema.shadow[0] == pytest.approx(torch.ones(1, 2))
    ema.swap()
    assert layer.weight.detach() == pytest.approx(torch.ones(1, 2))


def test_frozen_weights_are_not_averaged():
    net = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Linear(2, 1))
    net[0].requires_grad_(False)
    assert len(_Ema(net, 0.9).shadow) == 2  # the second layer's weight and bias only


def _run(tiny_base, **kw):
    rec = WeightRecorder(score=lambda n: n == 1)  # the first epoch wins
    return train_toy(tiny_base, rec, **kw), rec


def test_training_scores_and_keeps_the_averaged_weights(tiny_base):
    plain, plain_rec = _run(tiny_base)
    averaged, rec = _run(tiny_base, ema_decay=0.9)
    name = "type_head.weight"
    kept = averaged.network.state_dict()[name]
    assert torch.equal(kept, rec.seen[0][name])  # the kept weights are the ones the evaluator scored
    assert not torch.equal(rec.seen[0][name], plain_rec.seen[0][name])  # and those were averaged
    assert averaged.config.training["args"]["ema_decay"] == 0.9


@pytest.mark.parametrize("decay", [-0.1, 1.0, 1.5])
def test_an_ema_decay_outside_0_1_is_refused_before_training(tiny_base, decay):
    data = toy_corpus()
    with pytest.raises(OptionError, match="ema_decay"):
        train(data[:32], data[32:], TrainingArguments(base=str(tiny_base), ema_decay=decay, progress=False),
              evaluator=WeightRecorder())


def test_a_claim_of_a_type_not_trained_is_named_not_a_key_error(tiny_base):
    data = toy_corpus()
    with pytest.raises(OptionError, match=r"holds a '(denial|demand_explanation)' claim, not one of the claim types"):
        train(data[:32], data[32:], TrainingArguments(base=str(tiny_base), claim_types=["accusation"],
                                                      progress=False), evaluator=WeightRecorder())
