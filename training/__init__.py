"""Fine-tuning: ``train()`` and its ``TrainingArguments``."""
if __name__ != "claimcoder.training":  # this folder is installed as claimcoder.training only
    raise ImportError("import claimcoder.training, not the 'training' folder directly: pip install -e . first")

from .args import TrainingArguments
from .loop import dev_report, train

__all__ = ["TrainingArguments", "train", "dev_report"]
