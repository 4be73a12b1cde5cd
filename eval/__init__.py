"""Evaluation: metrics with document-bootstrap intervals, baselines, comparisons, agreement, reports.

The public API, smallest first::

    from claimcoder.eval import evaluate
    figures = evaluate("models/mine", "test.jsonl")       # every figure, with 95% intervals

Scores for any predictions (``score``), several systems side by side with paired
tests (``evaluate_systems`` with ``fit_baselines``), cross-validation and learning
curves for planning (``cross_validate``, ``learning_curve``), inter-annotator
agreement (``agreement``), and the written report (``build_report``, ``write_report``).
"""
if __name__ != "claimcoder.eval":  # this folder is installed as claimcoder.eval only
    raise ImportError("import claimcoder.eval, not the 'eval' folder directly: pip install -e . first")

from .agreement import agreement
from .baselines import MajorityCoder, RuleCoder, TfidfCoder, TransformerCoder, fit_baselines
from .evaluate import evaluate, evaluate_systems, format_report, score
from .metrics import claim_metrics, evaluate_predictions, span_metrics, type_metrics
from .planning import cross_validate, learning_curve
from .report import build_report, write_report
from .stats import bootstrap_ci, paired_bootstrap
from .thresholds import tune_thresholds

__all__ = ["evaluate", "score", "evaluate_systems", "format_report", "evaluate_predictions", "type_metrics",
           "span_metrics", "claim_metrics", "tune_thresholds", "bootstrap_ci", "paired_bootstrap", "agreement",
           "cross_validate", "learning_curve", "MajorityCoder", "RuleCoder", "TfidfCoder", "TransformerCoder",
           "fit_baselines", "build_report", "write_report"]
