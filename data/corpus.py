"""Where the bundled corpus and sample articles live inside the installed package."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from .io import read_jsonl
from .schema import Sentence

SPLITS = ("train", "dev", "test")


def data_dir() -> Path:
    """The folder of the ``claimcoder.data`` package (bundled files live under it)."""
    return Path(str(resources.files("claimcoder.data")))


def corpus_path(split: str) -> Path:
    """Path of a bundled corpus split file (``train``, ``dev`` or ``test``)."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; expected one of {', '.join(SPLITS)}")
    return data_dir() / "corpus" / f"{split}.jsonl"


def load_corpus(split: str) -> list[Sentence]:
    """Read one bundled split, validated."""
    return read_jsonl(corpus_path(split))


def sample_articles_dir() -> Path:
    """Folder of bundled sample articles (``.txt``, one article each) for ``claimcoder score``."""
    return data_dir() / "samples"


__all__ = ["SPLITS", "data_dir", "corpus_path", "load_corpus", "sample_articles_dir"]
