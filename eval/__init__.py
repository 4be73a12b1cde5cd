"""Evaluation: metrics with document-bootstrap intervals, baselines, comparisons, agreement, reports.

The public API, smallest first::

    from claimcoder.eval import evaluate
    figures = evaluate("models/mine", "test.jsonl")       # every figure, with 95% intervals

Every figure for any predictions (``measure``), several systems side by side with
paired tests (``evaluate_systems`` with ``fit_baselines``), all of ``claimcoder
evaluate`` in one call (``run_evaluation``), cross-validation and learning curves for
planning (``cross_validate``, ``learning_curve``), actors on gold articles
(``resolution_accuracy`` for the resolver alone, ``evaluate_articles`` end to end), inter-annotator agreement
(``agreement``), the written report (``build_report``, ``write_report``), and the
evaluator training selects with (``DevEvaluator``). Eval imports model and data only,
never training: retraining is done by an injected ``fit`` callable.
"""
if __name__ != "claimcoder.eval":  # this folder is installed as claimcoder.eval only
    raise ImportError("import claimcoder.eval, not the 'eval' folder directly: pip install -e . first")

from claimcoder.model.thresholds import tune_thresholds

from .agreement import agreement, agreement_files
from .articles import evaluate_articles, resolution_accuracy
from .evaluate import evaluate, evaluate_systems, format_report, measure
from .evaluator import DevEvaluator, dev_report, tuned_thresholds
from .metrics import claim_metrics, evaluate_predictions, span_metrics, type_metrics
from .planning import cross_validate, learning_curve
from .report import build_report, write_report
from .run import format_evaluation, run_evaluation
from .stats import bootstrap_ci, paired_bootstrap
from .systems import MajorityCoder, RuleCoder, TfidfCoder, TransformerCoder, fit_baselines

__all__ = ["evaluate", "measure", "evaluate_systems", "run_evaluation", "format_evaluation", "format_report",
           "evaluate_predictions", "type_metrics", "span_metrics", "claim_metrics", "tune_thresholds",
           "tuned_thresholds", "dev_report", "DevEvaluator", "bootstrap_ci", "paired_bootstrap", "agreement",
           "agreement_files", "evaluate_articles", "resolution_accuracy", "cross_validate", "learning_curve", "MajorityCoder", "RuleCoder", "TfidfCoder",
           "TransformerCoder", "fit_baselines", "build_report", "write_report"]
