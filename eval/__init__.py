"""Evaluation: metrics on codebook-format data, reports, threshold tuning."""
if __name__ != "claimcoder.eval":  # this folder is installed as claimcoder.eval only
    raise ImportError("import claimcoder.eval, not the 'eval' folder directly: pip install -e . first")

from .evaluate import evaluate, format_report
from .metrics import claim_metrics, evaluate_predictions, span_metrics, type_metrics
from .thresholds import tune_thresholds

__all__ = ["evaluate", "format_report", "evaluate_predictions", "type_metrics", "span_metrics", "claim_metrics",
           "tune_thresholds"]
