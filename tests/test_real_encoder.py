"""The one test that loads the real bundled all-MiniLM-L6-v2, offline."""
from __future__ import annotations

import torch

from claimcoder.model.config import ClaimCoderConfig
from claimcoder.model.encoder import load_encoder, resolve_base
from claimcoder.model.network import ClaimCoderNetwork


def test_bundled_minilm_loads_offline_and_runs(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert resolve_base(None) == resolve_base("sentence-transformers/all-MiniLM-L6-v2")
    encoder, tokenizer = load_encoder(None)
    assert encoder.config.hidden_size == 384 and encoder.config.num_hidden_layers == 6
    config = ClaimCoderConfig(encoder_config=encoder.config.to_dict())
    net = ClaimCoderNetwork(config, encoder=encoder).eval()
    enc = tokenizer(["The Kremlin denied the report.", "Hi"], padding="longest", return_tensors="pt")
    assert enc["input_ids"].shape[1] < 20  # dynamic padding, not the tokenizer file's fixed 128
    with torch.inference_mode():
        types, tags = net(enc["input_ids"], enc["attention_mask"])
    assert types.shape == (2, 3) and tags.shape == (2, enc["input_ids"].shape[1], 3, 5)
    # Mean-pooled MiniLM vectors of related sentences are closer than unrelated ones (real weights).
    with torch.inference_mode():
        h = encoder(**tokenizer(["The ministry denied it.", "The ministry rejected it.", "Bananas are yellow."],
                                padding=True, return_tensors="pt")).last_hidden_state.mean(1)
    cos = torch.nn.functional.cosine_similarity
    assert cos(h[0], h[1], dim=0) > cos(h[0], h[2], dim=0)
