"""R-Drop (``rdrop_weight``): the consistency term and how the loss uses it."""
from __future__ import annotations

import pytest
import torch

from claimcoder import TrainingArguments, train
from claimcoder.data.errors import OptionError
from claimcoder.model.coder import ClaimCoder
from claimcoder.model.tagging import IGNORE
from claimcoder.training.loop import _encode, _collate, _loss, _symmetric_kl

from .conftest import toy_corpus


def _logits(seed: int):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(2, 3, generator=g), torch.randn(2, 4, 3, 5, generator=g)


def test_symmetric_kl_is_zero_for_equal_predictions_and_symmetric_otherwise():
    tags = torch.zeros(2, 4, 3, dtype=torch.long)
    tags[1, 3] = IGNORE
    batch = {"tag_labels": tags}
    ta, ga = _logits(0)
    tb, gb = _logits(1)
    assert _symmetric_kl(ta, ga, ta, ga, batch).item() == pytest.approx(0.0, abs=1e-7)
    ab, ba = _symmetric_kl(ta, ga, tb, gb, batch), _symmetric_kl(tb, gb, ta, ga, batch)
    assert ab.item() > 0.01 and ab.item() == pytest.approx(ba.item())


def test_symmetric_kl_ignores_tokens_the_gold_tags_do_not_supervise():
    ta, ga = _logits(0)
    _, gb = _logits(1)
    tags = torch.full((2, 4, 3), IGNORE, dtype=torch.long)
    tags[0, 0, 0] = 0  # one supervised token
    moved = ga.clone()
    moved[1] = gb[1]  # change only unsupervised tokens
    assert _symmetric_kl(ta, ga, ta, moved, {"tag_labels": tags}).item() == pytest.approx(0.0, abs=1e-7)


def _toy_batch(tiny_model_dir):
    coder = ClaimCoder.load(tiny_model_dir)
    rows = _encode(toy_corpus()[:8], coder.tokenizer, coder.claim_types, 64)
    return coder.network, _collate(coder.tokenizer.pad_token_id)(rows)


def test_without_dropout_r_drop_adds_nothing_and_with_it_adds_a_positive_term(tiny_model_dir):
    network, batch = _toy_batch(tiny_model_dir)
    plain, rdrop = TrainingArguments(bf16=False), TrainingArguments(bf16=False, rdrop_weight=5.0)
    network.eval()  # no dropout: both passes agree, so the loss is the plain loss
    assert _loss(network, batch, rdrop).item() == pytest.approx(_loss(network, batch, plain).item(), rel=1e-5)
    network.train()
    torch.manual_seed(0)
    with_kl = _loss(network, batch, rdrop)
    torch.manual_seed(0)
    without = _loss(network, batch, TrainingArguments(bf16=False, rdrop_weight=1e-12))  # same masks, no weight
    assert with_kl.item() > without.item()


def test_a_negative_rdrop_weight_is_refused_before_training(tiny_base):
    data = toy_corpus()
    with pytest.raises(OptionError, match="rdrop_weight"):
        train(data[:32], data[32:], TrainingArguments(base=str(tiny_base), rdrop_weight=-1, progress=False))
