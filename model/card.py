"""The model card written beside the weights: what was trained, on what, how well."""
from __future__ import annotations

import json
from typing import Any

from .config import ClaimCoderConfig


def _table(metrics: dict[str, Any]) -> str:
    rows = ["| type | precision | recall | F1 | threshold |", "| --- | --- | --- | --- | --- |"]
    for name, m in metrics.get("per_type", {}).items():
        rows.append(f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | "
                    f"{m.get('threshold', float('nan')):g} |")  # as config.json holds it, not rounded
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
    soup = tr.get("soup")
    if soup:
        seeds = ", ".join("unknown" if m.get("seed") is None else str(m["seed"]) for m in soup)
        lines += ["", f"A model soup: the uniform average of the weights of {len(soup)} runs of the same recipe "
                  f"(seeds {seeds}) from the same pretrained encoder, with thresholds tuned on dev for the "
                  "average. It runs at one model's cost."]
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
    lines += ["", "## Intended use and limits", "",
              "For coding claims in English news text, one sentence at a time (score whole articles with "
              "`claimcoder score`, which splits them), as a measurement to check, not a verdict on anyone: "
              "out of scope are decisions about a person made from its output alone, and text in other "
              "languages, which it was never trained on and where it mostly finds nothing, silently.", "",
              "- Trained on original news-style sentences written for claimcoder; real news scores lower "
              "(see the project README's figures). Check it on your own annotated sample (`claimcoder "
              "evaluate`) before relying on it. The dev figures above are optimistic: thresholds were tuned "
              "on that split; held-out figures need `claimcoder evaluate` on data it never saw.",
              f"- A sentence longer than {config.max_length} tokens is cut there, with a warning.",
              "- `quantize=\"int8\"` (ONNX Runtime, dynamic quantisation) scales activations per batch, so a "
              "sentence's scores can move slightly with the sentences batched beside it; use fp32 or bf16 "
              "where results must repeat to the last digit.",
              f"- Licence: claimcoder is Apache-2.0; the weights also carry the licence of the base encoder "
              f"`{config.base_encoder}` (the bundled all-MiniLM-L6-v2's is Apache-2.0).", ""]
    return "\n".join(lines)
