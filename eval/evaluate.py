"""``evaluate()``: score a model on an annotated file and format the figures."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from claimcoder.data.io import read_sentences
from claimcoder.data.schema import Sentence
from claimcoder.model.coder import ClaimCoder

from .metrics import evaluate_predictions


def evaluate(model: ClaimCoder | str | Path | None, data: Sequence[Sentence] | str | Path,
             batch_size: int = 64) -> dict:
    """Predict ``data`` with ``model`` and return every headline figure as a dict.

    ``model`` may be a loaded ClaimCoder, a model directory, or None (the default
    model); ``data`` a list of sentences or a codebook JSONL path.
    """
    coder = model if isinstance(model, ClaimCoder) else ClaimCoder.load(model)
    gold = read_sentences(data, claim_types=coder.claim_types) if isinstance(data, (str, Path)) else list(data)
    if not gold:
        raise ValueError("no sentences to evaluate")
    preds = coder.predict_sentences(gold, batch_size=batch_size)
    out = evaluate_predictions(gold, preds, coder.claim_types)
    out["thresholds"] = dict(coder.config.thresholds)
    return out


def format_report(metrics: dict, title: str = "") -> str:
    """A plain-text table a person reads in the terminal."""
    lines = [title] if title else []
    lines.append(f"{'type':<22}{'precision':>10}{'recall':>10}{'F1':>10}{'support':>10}")
    for name, m in metrics["per_type"].items():
        lines.append(f"{name:<22}{m['precision']:>10.3f}{m['recall']:>10.3f}{m['f1']:>10.3f}{int(m['support']):>10d}")
    lines.append(f"{'macro-F1':<22}{metrics['macro_f1']:>30.3f}")
    lines.append(f"{'micro-F1':<22}{metrics['micro_f1']:>30.3f}")
    lines.append(f"{'exact type-set acc.':<22}{metrics['exact_match']:>30.3f}")
    for role in ("source", "target"):
        r = metrics[role]
        lines.append(f"{role + ' span F1':<22}{'exact':>10}{r['exact_f1']:>10.3f}{'overlap':>10}{r['overlap_f1']:>8.3f}")
    c = metrics["claim"]
    lines.append(f"{'claim F1 (type+source)':<22}{c['precision']:>10.3f}{c['recall']:>10.3f}{c['f1']:>10.3f}"
                 f"{int(c['support']):>10d}")
    lines.append(f"sentences: {metrics['n_sentences']}")
    return "\n".join(lines)
