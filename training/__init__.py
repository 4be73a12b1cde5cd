"""Fine-tuning: ``train()``, its ``TrainingArguments``, and the ``Evaluator`` protocol it selects with."""
if __name__ != "claimcoder.training":  # this folder is installed as claimcoder.training only
    raise ImportError("import claimcoder.training, not the 'training' folder directly: pip install -e . first")

from .args import TrainingArguments
from .evaluator import Evaluator
from .loop import train

__all__ = ["TrainingArguments", "Evaluator", "train"]
