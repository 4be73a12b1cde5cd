"""claimcoder: find who accuses whom, who denies what, and who demands an explanation, in news.

The small public API::

    from claimcoder import ClaimCoder
    coder = ClaimCoder.load()            # the default model (train it with `claimcoder train`)
    coder.predict("The ministry denied the report.")

Names are imported on first use, from the one table below, so ``import claimcoder``
(and ``claimcoder --help``) stays quick and loads neither torch nor datasets.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from claimcoder.data.version import __version__

#: Every public name and the module it lives in; ``__all__`` and ``__getattr__`` both come from it.
_EXPORTS = {
    "ClaimCoder": "claimcoder.model.coder",
    "ClaimCoderConfig": "claimcoder.model.config",
    "ModelNotFoundError": "claimcoder.model.config",
    "Sentence": "claimcoder.data.schema",
    "Claim": "claimcoder.data.schema",
    "Span": "claimcoder.data.schema",
    "CODEBOOK_TYPES": "claimcoder.data.schema",
    "UserError": "claimcoder.data.errors",
    "DataError": "claimcoder.data.io",
    "read_jsonl": "claimcoder.data.io",
    "write_jsonl": "claimcoder.data.io",
    "load_dataset": "claimcoder.data.bundled",
    "train": "claimcoder.api",
    "TrainingArguments": "claimcoder.training.args",
    "evaluate": "claimcoder.eval.evaluate",
}
__all__ = [*_EXPORTS, "__version__"]

if TYPE_CHECKING:  # for type checkers and IDEs
    from claimcoder.api import train
    from claimcoder.data.bundled import load_dataset
    from claimcoder.data.errors import UserError
    from claimcoder.data.io import DataError, read_jsonl, write_jsonl
    from claimcoder.data.schema import CODEBOOK_TYPES, Claim, Sentence, Span
    from claimcoder.eval.evaluate import evaluate
    from claimcoder.model.coder import ClaimCoder
    from claimcoder.model.config import ClaimCoderConfig, ModelNotFoundError
    from claimcoder.training.args import TrainingArguments


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'claimcoder' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
