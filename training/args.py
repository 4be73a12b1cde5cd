"""``TrainingArguments``: every knob of ``train()`` in one readable dataclass."""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from claimcoder.data.errors import OptionError


@dataclass
class TrainingArguments:
    """Settings for fine-tuning; the defaults train the bundled model on 2 CPU cores.

    ``claim_types=None`` uses the codebook's three types; pass your own list to
    train the same machinery on another label set.
    """

    base: str | None = None  # encoder: None = bundled all-MiniLM-L6-v2; or a local dir / hub id
    claim_types: list[str] | None = None
    epochs: int = 5  # with frozen embeddings, fits the 15-minute budget on 2 CPU cores (see README)
    batch_size: int = 16
    learning_rate: float = 8e-5
    head_learning_rate: float = 1e-3
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    tag_loss_weight: float = 2.0
    dropout: float = 0.1
    max_length: int = 256
    patience: int = 3  # epochs without a gain in the evaluator's primary metric before stopping
    seed: int = 13
    max_train_sentences: int | None = None  # subsample (learning curves, smoke runs)
    progress: bool = True
    label_smoothing: float = 0.0  # soften type and tag targets (a robustness ablation; see README)
    head_dropout_samples: int = 1  # multi-sample dropout: average the head losses over K dropout masks
    rdrop_weight: float = 0.0  # R-Drop: two dropout passes, this weight on their symmetric KL (doubles the compute)
    teacher: str | None = None  # a trained claimcoder model folder to distil from (see training/distill.py)
    distill_weight: float = 0.5  # share of the loss given to the teacher's soft targets when a teacher is set
    distill_temperature: float = 1.0  # softens the teacher's tag distributions
    transfer: list[str] | None = None  # unlabelled article files the teacher codes for the student (needs teacher)
    bf16: bool | None = None  # bf16 autocast in the encoder; None: on where the hardware has native bf16
    freeze_embeddings: bool = True  # keep the encoder's word embeddings as pretrained: a third faster to train
    freeze_layers: int = 0  # also keep the embeddings and this many of the lowest layers as pretrained, their
    # states computed once and reused every epoch (training/frozen.py)
    ema_decay: float = 0.0  # select and keep an exponential moving average of the weights (0: off; an ablation)
    layer_decay: float = 1.0  # layer-wise learning-rate decay: each layer below the top gets this factor more
    soup: int = 1  # train this many runs (seeds seed, seed+1, ...), each for every epoch (no selection, no
    # patience), and keep the average of their final weights

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def validate(self) -> "TrainingArguments":
        """Refuse a setting of the wrong type or out of range, naming it, before any data or encoder loads
        (``{"epochs": "5"}`` or a batch size of 0 would otherwise fail, or train nonsense, minutes later)."""
        for name, kind, low, high in _CHECKS:
            value = getattr(self, name)
            if value is None and name in _OPTIONAL:
                continue
            whole = isinstance(value, int) and not isinstance(value, bool)
            number = whole or (isinstance(value, float) and math.isfinite(value))
            if (kind is int and not whole) or (kind is float and not number) or (kind is bool and not isinstance(
                    value, bool)) or (kind is str and not isinstance(value, str)):
                raise OptionError(f"{name}: expected {_KIND_NAMES[kind]}, got {value!r}")
            if kind in (int, float) and not low(value):
                raise OptionError(f"{name} must be {high}, got {value!r}")
        if self.freeze_layers and not self.freeze_embeddings:
            raise OptionError(f"freeze_layers {self.freeze_layers} keeps the embeddings as pretrained: it needs "
                              "freeze_embeddings true (on the command line --freeze-embeddings, the default)")
        if self.seed + self.soup - 1 > 2**32 - 1:
            raise OptionError(f"seed {self.seed} with soup {self.soup}: the runs' seeds pass 2**32 - 1")
        for name in ("claim_types", "transfer"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, list) or not all(isinstance(v, str) for v in value)):
                raise OptionError(f"{name}: expected a list of strings, got {value!r}")
        return self

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> "TrainingArguments":
        """Arguments from a dict (such as a saved model's recorded ones); unknown keys are an error."""
        known = [f.name for f in fields(cls)]
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise OptionError(f"unknown training argument(s) {', '.join(unknown)}; known: {', '.join(known)}")
        return cls(**values).validate()


#: (field, type, test of its range, the range in words): what ``validate`` checks.
_CHECKS: list[tuple[str, type, Any, str]] = [
    ("base", str, None, ""), ("epochs", int, lambda v: v >= 1, "1 or more"),
    ("batch_size", int, lambda v: v >= 1, "1 or more"), ("learning_rate", float, lambda v: v > 0, "over 0"),
    ("head_learning_rate", float, lambda v: v > 0, "over 0"), ("weight_decay", float, lambda v: v >= 0, "0 or more"),
    ("warmup_ratio", float, lambda v: 0 <= v < 1, "in [0, 1)"), ("tag_loss_weight", float, lambda v: v >= 0, "0 or more"),
    ("dropout", float, lambda v: 0 <= v < 1, "in [0, 1)"), ("max_length", int, lambda v: v >= 8, "8 or more"),
    ("patience", int, lambda v: v >= 1, "1 or more"),
    ("seed", int, lambda v: 0 <= v <= 2**32 - 1, "from 0 to 2**32 - 1 (what the random generators take)"),
    ("max_train_sentences", int, lambda v: v >= 1, "1 or more"), ("progress", bool, None, ""),
    ("label_smoothing", float, lambda v: 0 <= v < 1, "in [0, 1)"),
    ("head_dropout_samples", int, lambda v: v >= 1, "1 or more"),
    ("rdrop_weight", float, lambda v: v >= 0, "0 (off) or more"), ("teacher", str, None, ""),
    ("distill_weight", float, lambda v: 0 <= v <= 1, "in [0, 1]"),
    ("distill_temperature", float, lambda v: v > 0, "over 0"), ("bf16", bool, None, ""),
    ("freeze_embeddings", bool, None, ""),
    ("freeze_layers", int, lambda v: v >= 0, "0 (off) or more"), ("ema_decay", float, lambda v: v == 0 or 0 < v < 1, "0 (off) or in (0, 1)"),
    ("layer_decay", float, lambda v: 0 < v <= 1, "in (0, 1] (1: one rate for every layer)"),
    ("soup", int, lambda v: v >= 1, "a whole number of runs, 1 or more"),
]
_OPTIONAL = {"base", "max_train_sentences", "teacher", "bf16"}
_KIND_NAMES = {int: "a whole number", float: "a number", bool: "true or false", str: "a string"}
