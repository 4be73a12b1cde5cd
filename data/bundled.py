"""The files bundled inside the installed package: the corpus splits and the sample articles.

(Named ``bundled`` so the module is not confused with the ``data/corpus/`` folder it reads.)
"""
from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .io import read_jsonl
from .schema import CODEBOOK_TYPES, Sentence

if TYPE_CHECKING:
    import datasets

SPLITS = ("train", "dev", "test")


def data_dir() -> Path:
    """The folder of the ``claimcoder.data`` package (bundled files live under it)."""
    return Path(str(resources.files("claimcoder.data")))


def corpus_paths(split: str) -> list[Path]:
    """The files of a bundled split: ``{split}.jsonl``, or its shards ``{split}-00.jsonl``, ... in order."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; expected one of {', '.join(SPLITS)}")
    folder = data_dir() / "corpus"
    single = folder / f"{split}.jsonl"
    return [single] if single.is_file() else sorted(folder.glob(f"{split}-[0-9][0-9].jsonl"))


def corpus_path(split: str) -> Path:
    """The one file of a bundled split that is not sharded (``dev``, ``test``)."""
    paths = corpus_paths(split)
    if len(paths) != 1:
        raise ValueError(f"the bundled {split} split is in {len(paths)} shard files: use corpus_paths()")
    return paths[0]


def load_corpus(split: str) -> list[Sentence]:
    """Read one bundled split (all its shards), validated."""
    return [s for path in corpus_paths(split) for s in read_jsonl(path)]


def load_dataset(claim_types: Sequence[str] = CODEBOOK_TYPES) -> "datasets.DatasetDict":
    """The bundled corpus as a ``datasets.DatasetDict`` (``train``, ``dev``, ``test``).

    Claim types are ``ClassLabel`` features (``types``: a sequence of them per sentence;
    ``claims``: a sequence of type and source/target offsets, -1 for a missing span).
    ``datasets`` is imported only here, so ``import claimcoder`` stays light.
    """
    from .hf import to_dataset_dict

    return to_dataset_dict({split: load_corpus(split) for split in SPLITS}, list(claim_types))


def sample_articles_dir() -> Path:
    """Folder of bundled sample articles (``.txt``, one article each) for ``claimcoder score``."""
    return data_dir() / "samples"


__all__ = ["SPLITS", "data_dir", "corpus_path", "corpus_paths", "load_corpus", "load_dataset", "sample_articles_dir"]
