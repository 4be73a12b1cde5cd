"""Measure systems on annotated data: every figure, its interval, and the diagnostics behind it.

``evaluate(model, data)`` measures one trained model; ``measure`` does the same for any
predictions; ``evaluate_systems`` measures several systems on the same sentences, with
paired bootstrap tests against the first. All return plain, JSON-ready dicts.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from claimcoder.data.io import read_sentences
from claimcoder.data.schema import Sentence
from claimcoder.model.coder import ClaimCoder

from .metrics import (breakdown, breakdown_fields, calibration, claim_errors, confusion, error_list,
                      evaluate_predictions, pr_curves, threshold_sweep)
from .stats import DEFAULT_RESAMPLES, bootstrap_ci, doc_index, paired_bootstrap


def measure(gold: Sequence[Sentence], pred: Sequence[Sentence], claim_types: Sequence[str],
            probs: np.ndarray | None = None, thresholds: Mapping[str, float] | None = None,
            n_resamples: int = DEFAULT_RESAMPLES, seed: int = 13, details: bool = True) -> dict[str, Any]:
    """Every figure for one system's predictions, with document-bootstrap intervals.

    ``probs`` (``[N, T]`` type scores) adds calibration, PR curves, the threshold sweep
    and scores in the error list; ``details=False`` keeps only figures and intervals;
    ``n_resamples=0`` computes no interval.
    """
    if not gold:
        raise ValueError("no sentences to evaluate")
    out = evaluate_predictions(gold, pred, claim_types, probs)
    out["n_documents"] = len(doc_index(gold)[0])
    if thresholds:
        out["thresholds"] = {t: float(thresholds.get(t, 0.5)) for t in claim_types}
        for t, m in out["per_type"].items():
            m["threshold"] = out["thresholds"][t]
    if n_resamples:
        out["ci"] = bootstrap_ci(gold, pred, claim_types, probs, n_resamples=n_resamples, seed=seed)
    if details:
        out["confusion"] = confusion(gold, pred, claim_types)
        out["breakdown"] = {f: breakdown(gold, pred, claim_types, f) for f in breakdown_fields(gold)}
        out["errors"] = error_list(gold, pred, probs, claim_types)
        out["claim_errors"] = claim_errors(gold, pred)
        if probs is not None:
            out["calibration"] = calibration(gold, probs, claim_types)
            out["threshold_sweep"] = threshold_sweep(gold, probs, claim_types)
            out["pr_curves"] = pr_curves(gold, probs, claim_types)
            for t, c in out["pr_curves"].items():
                out["per_type"][t]["average_precision"] = c["average_precision"] if c else None
    return out


def evaluate(model: ClaimCoder | str | Path | None, data: Sequence[Sentence] | str | Path,
             batch_size: int = 64, n_resamples: int = DEFAULT_RESAMPLES, seed: int = 13) -> dict:
    """Predict ``data`` with ``model`` and return every figure as a dict.

    ``model`` may be a loaded ClaimCoder, a model directory, or None (the default
    model); ``data`` a list of sentences or a codebook JSONL path. The data must use
    the model's claim types; thresholds are the model's own (tuned on its dev split).
    """
    from .systems.transformer import TransformerCoder

    coder = model if isinstance(model, ClaimCoder) else ClaimCoder.load(model)
    gold = read_sentences(data, claim_types=coder.claim_types) if isinstance(data, (str, Path)) else list(data)
    if not gold:
        raise ValueError("no sentences to evaluate")
    pred, probs = TransformerCoder(coder=coder, batch_size=batch_size).predict_scored(gold)
    return measure(gold, pred, coder.claim_types, probs, thresholds=coder.config.thresholds,
                 n_resamples=n_resamples, seed=seed)


def evaluate_systems(systems: Mapping[str, Any], gold: Sequence[Sentence], claim_types: Sequence[str],
                     n_resamples: int = DEFAULT_RESAMPLES, seed: int = 13) -> dict[str, Any]:
    """Measure fitted systems on the same sentences; paired tests of the first against each other.

    ``systems`` maps a name to a fitted ``systems.Coder``. Returns ``{"systems":
    {name: figures}, "comparisons": {"A vs B": paired bootstrap}}``; A is the first.
    ``n_resamples=0`` resamples nothing: no intervals and no paired test, only the
    observed differences.
    """
    if not systems:
        raise ValueError("no systems to evaluate")
    figures, preds = {}, {}
    for name, system in systems.items():
        pred, probs = system.predict_scored(gold)
        preds[name] = pred
        figures[name] = measure(gold, pred, claim_types, probs, thresholds=system.thresholds,
                              n_resamples=n_resamples, seed=seed)
        figures[name]["description"] = system.describe()
    names = list(systems)
    comparisons = {f"{names[0]} vs {other}": {"a": names[0], "b": other,
                                              **paired_bootstrap(gold, preds[names[0]], preds[other], claim_types,
                                                                 n_resamples=n_resamples, seed=seed)}
                   for other in names[1:]}
    return {"systems": figures, "comparisons": comparisons}


HEADLINE_KEYS = ("per_type", "macro_f1", "micro_f1", "exact_match", "source", "target", "source_f1", "target_f1",
                 "claim", "n_sentences", "n_documents", "thresholds", "ece", "ci")


def _ci(metrics: dict, key: str) -> str:
    ci = metrics.get("ci", {}).get(key)
    return f" [{ci[0]:.3f}, {ci[1]:.3f}]" if ci else ""


def format_report(metrics: dict, title: str = "") -> str:
    """A plain-text table a person reads in the terminal (95% intervals where computed)."""
    lines = [title] if title else []
    has_ci = "ci" in metrics
    lines.append(f"{'type':<22}{'precision':>10}{'recall':>10}{'F1':>10}{'support':>10}"
                 + ("   F1 95% CI" if has_ci else ""))
    for name, m in metrics["per_type"].items():
        lines.append(f"{name:<22}{m['precision']:>10.3f}{m['recall']:>10.3f}{m['f1']:>10.3f}{int(m['support']):>10d}"
                     + ("  " + _ci(metrics, f"per_type.{name}.f1") if has_ci else ""))
    lines.append(f"{'macro-F1':<22}{metrics['macro_f1']:>30.3f}{'':>10}" + ("  " + _ci(metrics, "macro_f1") if has_ci else ""))
    lines.append(f"{'micro-F1':<22}{metrics['micro_f1']:>30.3f}{'':>10}" + ("  " + _ci(metrics, "micro_f1") if has_ci else ""))
    lines.append(f"{'exact type-set acc.':<22}{metrics['exact_match']:>30.3f}{'':>10}"
                 + ("  " + _ci(metrics, "exact_match") if has_ci else ""))
    for role in ("source", "target"):
        r = metrics[role]
        lines.append(f"{role + ' span F1':<22}{'exact':>10}{r['exact_f1']:>10.3f}{'overlap':>10}{r['overlap_f1']:>8.3f}"
                     + ("    " + _ci(metrics, f"{role}.overlap_f1") if has_ci else ""))
    c = metrics["claim"]
    lines.append(f"{'claim F1 (type+source)':<22}{c['precision']:>10.3f}{c['recall']:>10.3f}{c['f1']:>10.3f}"
                 f"{int(c['support']):>10d}" + ("  " + _ci(metrics, "claim.f1") if has_ci else ""))
    if "ece" in metrics:
        lines.append("calibration error (ECE): " + ", ".join(f"{t} {v:.3f}" for t, v in metrics["ece"].items()))
    docs = f", documents: {metrics['n_documents']}" if "n_documents" in metrics else ""
    lines.append(f"sentences: {metrics['n_sentences']}{docs}"
                 + ("; intervals: 95% bootstrap over documents" if has_ci else ""))
    return "\n".join(lines)
