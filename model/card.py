"""The model card written beside the weights: what was trained, on what, how well."""
from __future__ import annotations

import json
from typing import Any

from .config import ClaimCoderConfig


def _table(metrics: dict[str, Any]) -> str:
    rows = ["| type | precision | recall | F1 | threshold |", "| --- | --- | --- | --- | --- |"]
    for name, m in metrics.get("per_type", {}).items():
        rows.append(f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | "
                    f"{m.get('threshold', float('nan')):.2f} |")
    return "\n".join(rows)


def model_card(config: ClaimCoderConfig) -> str:
    """Markdown for README.md in a saved model directory."""
    tr = config.training
    dev = tr.get("dev_metrics", {})
    lines = [
        "---",
        "library_name: claimcoder",
        f"base_model: {config.base_encoder}",
        "tags: [claim-detection, accusation, denial, span-extraction]",
        "---",
        "",
        "# claimcoder model",
        "",
        "Finds claims in news sentences: for each sentence, the claim types it holds "
        f"({', '.join(config.claim_types)}) and, for each claim, the source (who makes it) and the "
        "target (whom it is about) as character spans.",
        "",
        "## Use",
        "",
        "```python",
        "from claimcoder import ClaimCoder",
        "coder = ClaimCoder.load(\"path/to/this/folder\")",
        "coder.predict(\"The ministry denied the report.\")",
        "```",
        "",
        "## Architecture",
        "",
        f"Encoder `{config.base_encoder}` (max {config.max_length} tokens), mean pooling -> sigmoid type head "
        "with per-type thresholds; per-token head with BIO tags for SOURCE and TARGET per claim type. "
        "One forward pass serves both heads.",
        "",
        "## Training data",
        "",
    ]
    data = tr.get("data", {})
    if data:
        lines += [f"- {k}: {v}" for k, v in data.items()]
    else:
        lines.append("- (not recorded)")
    teacher = (tr.get("args") or {}).get("teacher")
    if teacher:
        lines += ["", f"Distilled from the claimcoder model `{teacher}`: its probabilities were mixed into the loss "
                  f"with weight {tr['args'].get('distill_weight')}, on the train sentences and on "
                  f"{data.get('transfer_sentences', 0)} unlabelled transfer sentences it coded. The gold labels "
                  "are the train sentences' alone."]
    lines += ["", "## Dev metrics (split used for model selection and threshold tuning)", ""]
    if dev:
        lines += [_table(dev), "", f"Macro-F1 over types: {dev.get('macro_f1', float('nan')):.3f}. "
                  f"Source span F1 (exact): {dev.get('source_f1', float('nan')):.3f}; target span F1 (exact): "
                  f"{dev.get('target_f1', float('nan')):.3f}."]
    else:
        lines.append("(not recorded)")
    behaviour = tr.get("behaviour")
    if behaviour:
        overall = behaviour["overall"]
        lines += ["", "## Behavioural tests", "",
                  f"`claimcoder check` (CheckList-style capability tests, none of them in the training data): "
                  f"{overall['passed']}/{overall['n']} units passed ({100 * overall['rate']:.1f}%).", "",
                  "| kind | test | units | pass rate |", "| --- | --- | ---: | ---: |"]
        lines += [f"| {t['kind']} | {t['test']} | {t['n']} | {100 * t['rate']:.1f}% |" for t in behaviour["tests"]]
    args = tr.get("args")
    if args:
        lines += ["", "## Training arguments", "", "```json", json.dumps(args, indent=1), "```"]
    if "wall_time_s" in tr:
        lines += ["", f"Training wall time: {tr['wall_time_s']:.0f} s."]
    lines += ["", "## Limits", "",
              "Trained on original news-style sentences written for claimcoder; check figures on your own "
              "annotated sample (`claimcoder evaluate`) before relying on it. Dev figures above are optimistic: "
              "thresholds were tuned on that split.", ""]
    return "\n".join(lines)
