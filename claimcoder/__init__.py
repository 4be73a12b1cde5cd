"""claimcoder: find who accuses whom, who denies what, and who demands an explanation, in news.

The small public API::

    from claimcoder import ClaimCoder
    coder = ClaimCoder.load()            # the default model (train it with `claimcoder train`)
    coder.predict("The ministry denied the report.")

Names are imported on first use, so ``import claimcoder`` (and ``claimcoder --help``)
stays quick and a scoring job's reader process never loads torch.
"""
from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("claimcoder")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

_EXPORTS = {
    "ClaimCoder": "claimcoder.model.coder", "ClaimCoderConfig": "claimcoder.model.config",
    "ModelNotFoundError": "claimcoder.model.coder", "Claim": "claimcoder.data.schema",
    "Sentence": "claimcoder.data.schema", "Span": "claimcoder.data.schema", "CODEBOOK_TYPES": "claimcoder.data.schema",
    "DataError": "claimcoder.data.io", "read_jsonl": "claimcoder.data.io", "write_jsonl": "claimcoder.data.io",
    "train": "claimcoder.training.loop", "TrainingArguments": "claimcoder.training.args",
    "evaluate": "claimcoder.eval.evaluate",
}
__all__ = [*_EXPORTS, "__version__"]

if TYPE_CHECKING:  # for type checkers and IDEs
    from claimcoder.data.io import DataError, read_jsonl, write_jsonl
    from claimcoder.data.schema import CODEBOOK_TYPES, Claim, Sentence, Span
    from claimcoder.eval.evaluate import evaluate
    from claimcoder.model.coder import ClaimCoder, ModelNotFoundError
    from claimcoder.model.config import ClaimCoderConfig
    from claimcoder.training.args import TrainingArguments
    from claimcoder.training.loop import train


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'claimcoder' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
