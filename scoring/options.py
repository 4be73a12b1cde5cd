"""What the user asks of a scoring run (``ScoreOptions``), and ``JobError`` when it cannot be done."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from claimcoder.data.articles import DEFAULT_MAX_CHARS
from claimcoder.data.errors import UserError


class JobError(UserError):
    """The request does not fit: the output folder exists, the input or settings changed, an option is off."""


class OutputFormat(str, Enum):
    """The output file format (``--format``)."""

    JSONL = "jsonl"
    PARQUET = "parquet"
    CSV = "csv"


class Engine(str, Enum):
    """Where the scoring runs (``--engine``): this machine, or a Ray cluster."""

    LOCAL = "local"
    RAY = "ray"


class Quantize(str, Enum):
    """Reduced-precision inference (``--quantize``): ``int8`` runs ONNX Runtime int8 on CPU, ``bf16`` torch
    with bf16 autocast (fast where the hardware has native bf16)."""

    INT8 = "int8"
    BF16 = "bf16"


@dataclass
class ScoreOptions:
    """Everything ``claimcoder score`` takes besides its inputs (strings are accepted for the enum fields)."""

    out: Path
    model: Path | None = None
    format: OutputFormat = OutputFormat.JSONL
    id_field: str = "id"
    text_field: str = "text"
    all_sentences: bool = False
    type_scores: bool = False  # add each sentence's probability per claim type (``claimcoder select`` uses it)
    actors: list[str] = field(default_factory=list)
    quantize: Quantize | None = None
    batch_size: int = 16  # on CPU as fast as 64 within run-to-run noise, and about 170 MB less memory
    chunk_size: int = 256
    workers: int = 1
    resume: bool = False
    overwrite: bool = False
    max_chars: int = DEFAULT_MAX_CHARS
    progress: bool = True
    engine: Engine = Engine.LOCAL
    ray_address: str | None = None
    num_gpus: float = 0.0
    #: Fields the input must have beyond id and text, as (option, field): checked before the run (``--date-field``)
    required_fields: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        self.out = Path(self.out)
        for name, kind in (("format", OutputFormat), ("engine", Engine), ("quantize", Quantize)):
            value = getattr(self, name)
            if value is None or value == "none" and kind is Quantize:
                setattr(self, name, None)
                continue
            try:
                setattr(self, name, kind(value))
            except ValueError:
                raise JobError(f"--{name} must be one of {', '.join(k.value for k in kind)}, got {value!r}") from None
        for name in ("batch_size", "chunk_size", "workers", "max_chars"):
            if getattr(self, name) < 1:
                raise JobError(f"--{name.replace('_', '-')} must be 1 or more, got {getattr(self, name)}")
        if self.resume and self.overwrite:
            raise JobError("--resume continues what OUT holds and --overwrite discards it: give one of them")


__all__ = ["Engine", "JobError", "OutputFormat", "Quantize", "ScoreOptions"]
