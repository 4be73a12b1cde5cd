"""A model folder's ``tokenizer.json`` run by the ``tokenizers`` library alone: no transformers, no torch.

The int8 path runs the network in ONNX Runtime; loading transformers only to tokenise would cost
about 250 MB of memory (and torch with it). transformers' fast tokenizers are this same Rust
tokenizer underneath, and ``save_pretrained`` writes the one they run to ``tokenizer.json``; this
class sets the truncation and padding transformers sets for ``ClaimCoder._batches`` and returns the
same arrays (tests/test_int8_light.py checks ids and offsets match on the bundled tokenizer).
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

TOKENIZER_FILE = "tokenizer.json"
TOKENIZER_CONFIG = "tokenizer_config.json"
SPECIAL_TOKENS_MAP = "special_tokens_map.json"
_SIDES = ("right", "left")


class JsonTokenizer:
    """Batches of texts to ``input_ids``, ``attention_mask`` and ``offset_mapping`` (int64 numpy arrays).

    Special tokens are added as the file's post-processor says, texts are cut at ``max_length`` tokens
    and padded to the longest in the batch, as transformers does with ``padding="longest",
    truncation=True``.
    """

    def __init__(self, tokenizer: Any, pad_token: str, pad_id: int, padding_side: str = "right",
                 truncation_side: str = "right"):
        self._tokenizer = tokenizer
        self._tokenizer.no_truncation()
        self._tokenizer.enable_padding(direction=padding_side, pad_id=pad_id, pad_token=pad_token, pad_type_id=0)
        self._truncation_side = truncation_side
        self._max_length: int | None = None

    @classmethod
    def from_dir(cls, directory: Path) -> "JsonTokenizer | None":
        """The folder's tokenizer, or None when it has no usable ``tokenizer.json`` or pad token.

        None tells the caller to load the tokenizer with transformers instead, which either reads the
        folder some other way or names what is wrong with it.
        """
        from tokenizers import Tokenizer

        try:
            tokenizer = Tokenizer.from_file(str(directory / TOKENIZER_FILE))
            settings = _read_json(directory / TOKENIZER_CONFIG)
        except Exception:  # noqa: BLE001 - missing, unreadable or not a tokenizer: transformers decides
            return None
        pad = _token_name(settings.get("pad_token"))
        if pad is None:
            try:
                pad = _token_name(_read_json(directory / SPECIAL_TOKENS_MAP).get("pad_token"))
            except Exception:  # noqa: BLE001
                pad = None
        if pad is None and tokenizer.padding:
            pad = tokenizer.padding.get("pad_token")
        pad_id = tokenizer.token_to_id(pad) if isinstance(pad, str) else None
        sides = settings.get("padding_side", "right"), settings.get("truncation_side", "right")
        if pad_id is None or not all(side in _SIDES for side in sides):
            return None
        return cls(tokenizer, pad, pad_id, *sides)

    @property
    def vocab_size(self) -> int:
        """Tokens the tokenizer knows, added tokens included (``len()`` of a transformers tokenizer)."""
        return self._tokenizer.get_vocab_size(with_added_tokens=True)

    def encode(self, texts: Sequence[str], max_length: int) -> dict[str, np.ndarray]:
        """``input_ids``, ``attention_mask`` ``[B, L]`` and ``offset_mapping`` ``[B, L, 2]`` for one batch."""
        if max_length != self._max_length:
            self._tokenizer.enable_truncation(max_length, stride=0, strategy="longest_first",
                                              direction=self._truncation_side)
            self._max_length = max_length
        encodings = self._tokenizer.encode_batch(list(texts), add_special_tokens=True)
        return {"input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                "offset_mapping": np.array([e.offsets for e in encodings], dtype=np.int64).reshape(
                    len(encodings), -1, 2)}


def _read_json(path: Path) -> dict[str, Any]:
    """A JSON object from ``path``; an empty one when the file does not exist."""
    if not path.is_file():
        return {}
    value = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(value, dict):
        raise ValueError(f"{path}: not a JSON object")
    return value


def _token_name(value: Any) -> str | None:
    """A special token as transformers stores it: a string, or an AddedToken dict with its ``content``."""
    if isinstance(value, dict):
        value = value.get("content")
    return value if isinstance(value, str) else None
