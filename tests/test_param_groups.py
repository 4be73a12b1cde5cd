"""The optimizer's parameter groups: layer-wise learning-rate decay and frozen word embeddings."""
from __future__ import annotations

import pytest
from transformers import BertModel

from claimcoder import TrainingArguments, train
from claimcoder.data.errors import OptionError
from claimcoder.model.coder import ClaimCoder
from claimcoder.training.loop import _optimizer, _param_groups

from .conftest import toy_corpus


def _rates(network, groups) -> dict[str, float]:
    by_id = {id(p): g["lr"] for g in groups for p in g["params"]}
    return {n: by_id[id(p)] for n, p in network.named_parameters() if id(p) in by_id}


def test_default_groups_give_every_encoder_weight_one_rate_and_the_heads_theirs(tiny_model_dir):
    network = ClaimCoder.load(tiny_model_dir).network
    args = TrainingArguments(learning_rate=1e-4, head_learning_rate=1e-3, freeze_embeddings=False)
    rates = _rates(network, _param_groups(network, args))
    assert len(rates) == len(list(network.parameters()))  # nothing left out
    assert {r for n, r in rates.items() if n.startswith("encoder.")} == {1e-4}
    assert {r for n, r in rates.items() if not n.startswith("encoder.")} == {1e-3}
    decay = {id(p): g["weight_decay"] for g in _param_groups(network, args) for p in g["params"]}
    named = dict(network.named_parameters())
    assert decay[id(named["encoder.encoder.layer.0.attention.self.query.weight"])] == args.weight_decay
    assert decay[id(named["encoder.encoder.layer.0.attention.self.query.bias"])] == 0.0


def test_layer_decay_lowers_the_rate_layer_by_layer_down_to_the_embeddings(tiny_model_dir):
    network = ClaimCoder.load(tiny_model_dir).network
    top = network.encoder.config.num_hidden_layers
    rates = _rates(network, _param_groups(network, TrainingArguments(learning_rate=1e-4, layer_decay=0.5,
                                                                         freeze_embeddings=False)))
    last = f"encoder.encoder.layer.{top - 1}.attention.self.query.weight"
    assert rates[last] == pytest.approx(1e-4)
    if top > 1:
        assert rates["encoder.encoder.layer.0.attention.self.query.weight"] == pytest.approx(1e-4 * 0.5 ** (top - 1))
    assert rates["encoder.embeddings.word_embeddings.weight"] == pytest.approx(1e-4 * 0.5 ** top)
    assert min(r for n, r in rates.items() if not n.startswith("encoder.")) == 1e-3  # heads untouched


def test_frozen_embeddings_are_left_out_of_the_optimizer_and_do_not_move(tiny_base):
    data = toy_corpus()
    coder = train(data[:32], data[32:], TrainingArguments(base=str(tiny_base), epochs=1, freeze_embeddings=True,
                                                          progress=False, bf16=False))
    pretrained = BertModel.from_pretrained(tiny_base)
    frozen = coder.network.encoder.get_input_embeddings().weight
    assert frozen.requires_grad is False
    assert frozen.detach().equal(pretrained.get_input_embeddings().weight.detach())  # not one step taken
    query = coder.network.encoder.encoder.layer[0].attention.self.query.weight
    assert not query.detach().equal(pretrained.encoder.layer[0].attention.self.query.weight.detach())  # trained


def test_the_fused_optimizer_takes_the_same_step_as_the_per_tensor_one(tiny_model_dir):
    import torch

    network = ClaimCoder.load(tiny_model_dir).network
    args = TrainingArguments(weight_decay=0.01)
    fused = _optimizer(network, args, torch.device("cpu"))
    assert fused.defaults["fused"] is True
    before = {n: p.detach().clone() for n, p in network.named_parameters()}
    grads = {n: torch.randn_like(p) for n, p in network.named_parameters()}
    results = []
    for opt in (fused, torch.optim.AdamW(_param_groups(network, args), foreach=False)):
        with torch.no_grad():
            for n, p in network.named_parameters():
                p.copy_(before[n])
                p.grad = grads[n].clone() if p.requires_grad else None
        for _ in range(3):
            opt.step()
        results.append({n: p.detach().clone() for n, p in network.named_parameters()})
    moved = [n for n in before if not results[0][n].equal(before[n])]
    assert moved and "encoder.embeddings.word_embeddings.weight" not in moved  # frozen by default
    for n in before:
        torch.testing.assert_close(results[0][n], results[1][n], rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("decay", [0.0, 1.5, -0.1])
def test_a_layer_decay_outside_zero_to_one_is_refused_before_training(tiny_base, decay):
    data = toy_corpus()
    with pytest.raises(OptionError, match="layer_decay"):
        train(data[:32], data[32:], TrainingArguments(base=str(tiny_base), layer_decay=decay, progress=False))


def test_a_recipe_recorded_before_embeddings_could_be_frozen_is_replayed_with_them_trained(tiny_base):
    from claimcoder.api import fit_recipe

    data = toy_corpus()
    old = {"base": str(tiny_base), "epochs": 1, "batch_size": 8, "max_length": 64, "bf16": False}
    coder = fit_recipe(data[:32], data[32:], old)
    assert coder.config.training["args"]["freeze_embeddings"] is False
    assert coder.network.encoder.get_input_embeddings().weight.requires_grad
