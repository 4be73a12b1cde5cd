"""``TrainingArguments``: every knob of ``train()`` in one readable dataclass."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class TrainingArguments:
    """Settings for fine-tuning; the defaults train the bundled model on 2 CPU cores.

    ``claim_types=None`` uses the codebook's three types; pass your own list to
    train the same machinery on another label set.
    """

    base: str | None = None  # encoder: None = bundled all-MiniLM-L6-v2; or a local dir / hub id
    claim_types: list[str] | None = None
    epochs: int = 10
    batch_size: int = 16
    learning_rate: float = 8e-5
    head_learning_rate: float = 1e-3
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    tag_loss_weight: float = 2.0
    dropout: float = 0.1
    max_length: int = 256
    patience: int = 3  # epochs without gain in dev macro-F1 + claim F1 before stopping
    seed: int = 13
    eval_batch_size: int = 64
    max_train_sentences: int | None = None  # subsample (learning curves, smoke runs)
    progress: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
