"""Frozen lower layers, computed once: ``freeze_layers`` in ``TrainingArguments``.

With the embeddings and the lowest ``k`` transformer layers kept as pretrained, and no dropout in them,
what they give for a sentence never changes during training. ``cache_lower`` runs them once over the
train split and keeps each sentence's states; every epoch then runs only the layers above ``k`` from
those states (``upper_part``), forward and backward. On 2 CPU cores in fp32, a MiniLM step over
the top three of six layers took about half the time of the whole encoder's (``bench/train_step.py
--freeze-layers 3``). The saved model is the whole network, loaded and run as any other.

The split works on encoders built as BERT is, whose layers take one another's output and nothing else
(``embeddings``, then ``encoder.layer``: BERT and MiniLM, RoBERTa, XLM-R, CamemBERT, MPNet); others are refused by
name (DeBERTa-v2 adds a convolution after the first layer, ELECTRA projects its embeddings outside them). Every
encoder weight outside the layers above ``k`` is frozen, so weights the layers share (MPNet's relative attention
bias) stay as the cache saw them.
"""
from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

import numpy as np
import torch
from torch import nn

from claimcoder.data.errors import OptionError


class _Given(nn.Module):
    """Stands in for the embeddings: the states passed as ``inputs_embeds`` go straight to the layers."""

    def forward(self, input_ids: torch.Tensor | None = None, inputs_embeds: torch.Tensor | None = None,
                **_: Any) -> torch.Tensor:
        return inputs_embeds


#: Model types whose layers the split can cut (tests/test_frozen_layers.py checks BERT, RoBERTa, whose code XLM-R and
#: CamemBERT share, and MPNet).
SPLITTABLE = ("bert", "roberta", "xlm-roberta", "camembert", "mpnet")


def _layers(encoder: nn.Module) -> nn.ModuleList:
    kind = getattr(getattr(encoder, "config", None), "model_type", type(encoder).__name__)
    stack = getattr(getattr(encoder, "encoder", None), "layer", None)
    if kind not in SPLITTABLE or not isinstance(stack, nn.ModuleList) or not hasattr(encoder, "embeddings"):
        raise OptionError(f"freeze_layers: an encoder of type {kind!r} cannot be cut between its layers (it can be "
                          f"for {', '.join(SPLITTABLE)}); train it with freeze_layers 0")
    return stack


def check_freeze_layers(encoder: nn.Module, k: int, base: str = "the encoder") -> None:
    """Refuse ``k`` past the encoder's layer count, or an encoder the split cannot cut."""
    if k == 0:
        return
    n = len(_layers(encoder))
    if k > n:
        raise OptionError(f"freeze_layers {k}: {base} has {n} layers")


def freeze_lower(encoder: nn.Module, k: int) -> None:
    """Take every encoder weight out of training (no gradient, no optimizer step) but those of the layers above
    ``k``: the embeddings, the lowest ``k`` layers and anything the layers share."""
    upper = {id(p) for layer in _layers(encoder)[k:] for p in layer.parameters()}
    for p in encoder.parameters():
        if id(p) not in upper:
            p.requires_grad_(False)


def _part(encoder: nn.Module, lo: int, hi: int, embeddings: bool) -> nn.Module:
    """A view of ``encoder`` that runs its layers ``lo:hi`` (and the embeddings, if asked), sharing its weights:
    the model's own forward builds the attention mask, so no model internals are copied here."""
    part = copy.copy(encoder)
    part._modules = dict(encoder._modules)
    stack = copy.copy(encoder.encoder)
    stack._modules = dict(encoder.encoder._modules)
    stack._modules["layer"] = nn.ModuleList(list(_layers(encoder))[lo:hi])
    part._modules["encoder"] = stack
    if not embeddings:
        part._modules["embeddings"] = _Given()
    return part


def lower_part(encoder: nn.Module, k: int) -> nn.Module:
    """The embeddings and the lowest ``k`` layers, from token ids."""
    return _part(encoder, 0, k, embeddings=True)


def upper_part(encoder: nn.Module, k: int) -> nn.Module:
    """The layers above ``k``, taking the lower layers' states as ``inputs_embeds``."""
    return _part(encoder, k, len(_layers(encoder)), embeddings=False)


def cache_lower(rows: Sequence[dict[str, Any]], encoder: nn.Module, k: int, pad_id: int, *,
                bf16: bool = False, batch_size: int = 64) -> None:
    """Put each row's states after the lowest ``k`` layers in ``row["lower"]`` (float32, ``[tokens, hidden]``),
    computed without dropout in batches of similar length."""
    lower = lower_part(encoder, k)
    was_training = encoder.training
    encoder.eval()
    device = next(encoder.parameters()).device
    order = np.argsort([len(r["input_ids"]) for r in rows], kind="stable")
    try:
        for start in range(0, len(order), batch_size):
            chunk = [rows[i] for i in order[start:start + batch_size]]
            length = max(len(r["input_ids"]) for r in chunk)
            ids = torch.full((len(chunk), length), pad_id, dtype=torch.long)
            mask = torch.zeros((len(chunk), length), dtype=torch.long)
            for j, r in enumerate(chunk):
                ids[j, :len(r["input_ids"])] = torch.tensor(r["input_ids"])
                mask[j, :len(r["input_ids"])] = 1
            with torch.no_grad(), torch.autocast(device.type, dtype=torch.bfloat16, enabled=bf16):
                states = lower(input_ids=ids.to(device), attention_mask=mask.to(device)).last_hidden_state
            states = states.float().cpu()
            for j, r in enumerate(chunk):
                r["lower"] = states[j, :len(r["input_ids"])].clone()
    finally:
        encoder.train(was_training)
