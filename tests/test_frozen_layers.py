"""``freeze_layers``: the lowest layers kept as pretrained and computed once, the layers above trained from them."""
from __future__ import annotations

import pytest
import torch
from transformers import (AutoTokenizer, BertConfig, BertModel, DistilBertConfig, DistilBertModel, ElectraConfig,
                          ElectraModel, MPNetConfig, MPNetModel, RobertaConfig, RobertaModel)

from claimcoder import TrainingArguments, train
from claimcoder.data.errors import OptionError
from claimcoder.model.encoder import bundled_encoder_dir
from claimcoder.training import loop
from claimcoder.training.frozen import cache_lower, check_freeze_layers, freeze_lower, upper_part

from .conftest import toy_corpus

_SMALL = dict(vocab_size=30522, hidden_size=16, num_hidden_layers=2, num_attention_heads=2, intermediate_size=32,
              max_position_embeddings=130)


@pytest.fixture(scope="module")
def two_layer_base(tmp_path_factory):
    path = tmp_path_factory.mktemp("tiny-bert-2")
    torch.manual_seed(1)
    BertModel(BertConfig(**_SMALL)).save_pretrained(path)
    AutoTokenizer.from_pretrained(str(bundled_encoder_dir())).save_pretrained(path)
    return path


@pytest.fixture(scope="module")
def tokenizer():
    return AutoTokenizer.from_pretrained(str(bundled_encoder_dir()))


@pytest.mark.parametrize("model, config", [(BertModel, BertConfig), (RobertaModel, RobertaConfig),
                                           (MPNetModel, MPNetConfig)])
def test_the_layers_above_run_from_the_cached_states_give_what_the_whole_encoder_gives(model, config, tokenizer):
    torch.manual_seed(2)
    encoder = model(config(**_SMALL)).eval()
    rows = [{"input_ids": tokenizer(t)["input_ids"]} for t in
            ("Prosecutors accused the mayor.", "He denied it.", "Lawmakers demanded an explanation from the agency.")]
    cache_lower(rows, encoder, 1, tokenizer.pad_token_id, batch_size=2)  # two batches of different lengths
    batch = loop._collate(tokenizer.pad_token_id)([{**r, "type_labels": [0.0], "tag_labels": torch.zeros(
        (len(r["input_ids"]), 1), dtype=torch.long).numpy()} for r in rows])
    whole = encoder(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).last_hidden_state
    upper = upper_part(encoder, 1)
    above = upper(inputs_embeds=batch["lower"], attention_mask=batch["attention_mask"]).last_hidden_state
    real = batch["attention_mask"].bool()
    torch.testing.assert_close(above[real], whole[real], rtol=1e-5, atol=1e-5)
    assert len(upper.encoder.layer) == 1 and len(encoder.encoder.layer) == 2  # a view: the encoder is intact


def test_weights_the_layers_share_are_frozen_with_the_lower_layers():
    encoder = MPNetModel(MPNetConfig(**_SMALL))
    freeze_lower(encoder, 1)
    training = {n for n, p in encoder.named_parameters() if p.requires_grad}
    assert training and all(n.startswith("encoder.layer.1.") for n in training)
    assert not encoder.encoder.relative_attention_bias.weight.requires_grad  # used below layer 1 too


def test_training_moves_only_the_layers_above_the_frozen_ones(two_layer_base):
    data = toy_corpus()
    coder = train(data[:32], data[32:], TrainingArguments(base=str(two_layer_base), epochs=1, batch_size=8,
                                                          max_length=64, freeze_layers=1, progress=False, bf16=False))
    pretrained = BertModel.from_pretrained(two_layer_base).state_dict()
    trained = coder.network.encoder.state_dict()
    for name, weight in trained.items():
        if name.startswith(("embeddings.", "encoder.layer.0.")):
            assert weight.equal(pretrained[name]), name
    moved = [n for n in trained if n.startswith("encoder.layer.1.") and not trained[n].equal(pretrained[n])]
    assert moved
    assert coder.config.training["args"]["freeze_layers"] == 1  # recorded in the model's config


def test_freeze_layers_is_checked_against_the_encoder_and_the_other_settings(two_layer_base):
    with pytest.raises(OptionError, match="tiny has 2 layers"):
        check_freeze_layers(BertModel.from_pretrained(two_layer_base), 3, "tiny")
    distil = DistilBertModel(DistilBertConfig(vocab_size=100, dim=16, n_layers=1, n_heads=2, hidden_dim=32))
    with pytest.raises(OptionError, match="'distilbert' cannot be cut"):
        check_freeze_layers(distil, 1)
    electra = ElectraModel(ElectraConfig(vocab_size=100, embedding_size=8, hidden_size=16, num_hidden_layers=2,
                                         num_attention_heads=2, intermediate_size=32))
    with pytest.raises(OptionError, match="'electra' cannot be cut"):  # its embeddings are projected outside them
        check_freeze_layers(electra, 1)
    check_freeze_layers(distil, 0)  # nothing to cut
    with pytest.raises(OptionError, match="needs freeze_embeddings"):
        TrainingArguments(freeze_layers=2, freeze_embeddings=False).validate()
    with pytest.raises(OptionError, match="freeze_layers must be 0"):
        TrainingArguments(freeze_layers=-1).validate()
