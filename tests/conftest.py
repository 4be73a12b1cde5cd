"""Shared fixtures: a tiny randomly initialised BERT and a tiny trained ClaimCoder.

Built once per session so the suite stays fast on 2 cores; the tiny encoder uses
the bundled MiniLM tokenizer (real vocabulary and offsets, random weights).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from transformers import AutoTokenizer, BertConfig, BertModel

from claimcoder.data.schema import Claim, Sentence, Span
from claimcoder.model.encoder import bundled_encoder_dir


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Never touch the user's real default model location."""
    monkeypatch.setenv("CLAIMCODER_HOME", str(tmp_path_factory.getbasetemp() / "claimcoder-home"))


def make_sentence(text: str, claims: list[tuple[str, str | None, str | None]], sid: str, doc: str,
                  beat: str = "courts") -> Sentence:
    """A sentence with claims given as phrases (first occurrence)."""
    def span(phrase: str | None) -> Span | None:
        if phrase is None:
            return None
        i = text.index(phrase)
        return Span(i, i + len(phrase), phrase)

    return Sentence(text=text, claims=[Claim(t, span(s), span(g)) for t, s, g in claims], id=sid, doc_id=doc,
                    meta={"beat": beat})


TOY = [
    ("Prosecutors accused the mayor of taking bribes.", [("accusation", "Prosecutors", "the mayor")]),
    ("The mayor denied the allegations on Tuesday.", [("denial", "The mayor", None)]),
    ("Lawmakers demanded an explanation from the agency.", [("demand_explanation", "Lawmakers", "the agency")]),
    ("The council met on Monday to discuss the budget.", []),
    ("The court denied the motion to dismiss.", []),
    ("Opposition leaders blamed the government for the crisis and called for an inquiry.",
     [("accusation", "Opposition leaders", "the government"), ("demand_explanation", "Opposition leaders", None)]),
]


def toy_corpus(n_docs: int = 12) -> list[Sentence]:
    """Small annotated documents cycling through TOY sentences."""
    out = []
    for d in range(n_docs):
        for k in range(4):
            text, claims = TOY[(d + k) % len(TOY)]
            out.append(make_sentence(text, claims, f"d{d}-{k}", f"d{d}", beat=("courts", "sport")[d % 2]))
    return out


class WeightRecorder:
    """An evaluator for ``train()`` that keeps a copy of the weights it is shown at each call; ``score(n)`` is the
    n-th call's primary metric, so a test decides which epoch wins."""
    primary_metric = "score"

    def __init__(self, score=lambda n: 0.0):
        self.score, self.seen = score, []

    def __call__(self, coder, sentences):
        self.seen.append({k: v.detach().clone() for k, v in coder.network.state_dict().items()})
        return {"score": float(self.score(len(self.seen)))}


def train_toy(tiny_base, recorder: "WeightRecorder", out=None, **kw):
    """``train()`` on the toy corpus with the tiny encoder: two epochs, small batches, no bf16."""
    from claimcoder import TrainingArguments
    from claimcoder.training.loop import train

    data = toy_corpus()
    args = TrainingArguments(**{"base": str(tiny_base), "epochs": 2, "batch_size": 8, "max_length": 64,
                                "progress": False, "bf16": False, **kw})
    return train(data[:32], data[32:], args, out=out, evaluator=recorder)


@pytest.fixture(scope="session")
def bundled():
    """The bundled actor dictionaries, loaded once (read-only in every test that takes them)."""
    from claimcoder.data.actor_dictionary import ActorDictionary

    return ActorDictionary.load()


@pytest.fixture(scope="session")
def tiny_base(tmp_path_factory) -> Path:
    """A randomly initialised 1-layer BERT (hidden 16) saved with the bundled tokenizer."""
    path = tmp_path_factory.mktemp("tiny-bert")
    torch.manual_seed(0)
    config = BertConfig(vocab_size=30522, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=128)
    BertModel(config).save_pretrained(path)
    AutoTokenizer.from_pretrained(str(bundled_encoder_dir())).save_pretrained(path)
    return path


@pytest.fixture(scope="session")
def toy_data() -> list[Sentence]:
    return toy_corpus()


@pytest.fixture(scope="session")
def tiny_model_dir(tiny_base, tmp_path_factory) -> Path:
    """A ClaimCoder trained for one epoch on the toy corpus, saved to disk."""
    from claimcoder import TrainingArguments, train

    data = toy_corpus()
    out = tmp_path_factory.mktemp("models") / "tiny"
    train(data[:32], data[32:], TrainingArguments(base=str(tiny_base), epochs=1, batch_size=8, max_length=64,
                                                  progress=False), out=out)
    return out


@pytest.fixture
def jsonl_file(tmp_path):
    """Write a list of dicts (or raw strings) as a JSONL file; return its path."""
    def write(rows, name="data.jsonl") -> Path:
        p = tmp_path / name
        with open(p, "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write((r if isinstance(r, str) else json.dumps(r)) + "\n")
        return p
    return write
