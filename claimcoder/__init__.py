"""claimcoder: find who accuses whom, who denies what, and who demands an explanation, in news.

The small public API::

    from claimcoder import ClaimCoder
    coder = ClaimCoder.load()            # the default model (train it with `claimcoder train`)
    coder.predict("The ministry denied the report.")
"""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("claimcoder")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

from claimcoder.data import CODEBOOK_TYPES, Claim, DataError, Sentence, Span, read_jsonl, write_jsonl
from claimcoder.model import ClaimCoder, ClaimCoderConfig, ModelNotFoundError


def train(*args, **kwargs):  # noqa: D103 - thin lazy wrapper, see claimcoder.training.train
    from claimcoder.training import train as _train

    return _train(*args, **kwargs)


def evaluate(*args, **kwargs):  # noqa: D103 - thin lazy wrapper, see claimcoder.eval.evaluate
    from claimcoder.eval import evaluate as _evaluate

    return _evaluate(*args, **kwargs)


train.__doc__ = "Fine-tune a ClaimCoder (see ``claimcoder.training.train``)."
evaluate.__doc__ = "Score a model on annotated data (see ``claimcoder.eval.evaluate``)."

__all__ = ["ClaimCoder", "ClaimCoderConfig", "Claim", "Sentence", "Span", "CODEBOOK_TYPES", "DataError",
           "ModelNotFoundError", "read_jsonl", "write_jsonl", "train", "evaluate", "__version__"]
