"""The network: one transformer encoder, two heads, one forward pass.

* type head: mean-pooled sentence vector -> one logit per claim type (sigmoid,
  multi-label: a sentence can hold an accusation and a denial at once);
* token head: each token -> for every claim type, a BIO tag over SOURCE/TARGET,
  so a source is tied to the claim type it makes (a denial's source and an
  accusation's source can differ within one sentence).
"""
from __future__ import annotations

import torch
from torch import nn
from transformers import AutoConfig, AutoModel, PreTrainedModel

from .config import TAGS, ClaimCoderConfig


class ClaimCoderNetwork(nn.Module):
    """Encoder plus the type head and the per-type span-tagging head."""

    def __init__(self, config: ClaimCoderConfig, encoder: PreTrainedModel | None = None):
        super().__init__()
        self.config = config
        if encoder is None:  # rebuilt from a saved config; weights are loaded afterwards
            enc_cfg = dict(config.encoder_config)
            enc_cfg = AutoConfig.for_model(enc_cfg.pop("model_type"), **enc_cfg)
            encoder = AutoModel.from_config(enc_cfg)
        if getattr(encoder, "pooler", None) is not None:
            encoder.pooler = None  # the heads use token states; an unused pooler only bloats the weights
        self.encoder = encoder
        hidden = encoder.config.hidden_size
        self.n_types = len(config.claim_types)
        self.dropout = nn.Dropout(config.dropout)
        self.type_head = nn.Linear(hidden, self.n_types)
        self.tag_head = nn.Linear(hidden, self.n_types * len(TAGS))

    def encode(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Token states ``[B, L, H]`` from the encoder."""
        return self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Return ``(type_logits [B, T], tag_logits [B, L, T, n_tags])``."""
        return self.heads(self.encode(input_ids, attention_mask), attention_mask)

    def heads(self, hidden: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Both heads on token states (separate so training can draw several head dropout masks cheaply)."""
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        type_logits = self.type_head(self.dropout(pooled))
        tag_logits = self.tag_head(self.dropout(hidden))
        b, length, _ = tag_logits.shape
        return type_logits, tag_logits.view(b, length, self.n_types, len(TAGS))
