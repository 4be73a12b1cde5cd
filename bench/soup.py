"""Average trained models' weights (a uniform model soup, Wortsman et al. 2022) and tune thresholds on dev.

`claimcoder train --soup N` trains N runs and averages them in one go; this script averages runs that already
exist: several seeds of one recipe, each saved by `claimcoder train --seed S --out DIR`. The models must share
their claim types, their pretrained encoder and their recorded recipe up to the seed (all weights are averaged,
heads included). The average gets thresholds tuned on the dev split (`--dev`, default the bundled one) and is
saved to OUT, with a record that says what was averaged, to be scored with `claimcoder evaluate FILE --compare`.

    python bench/soup.py --out DIR [--dev FILE] MODEL MODEL [MODEL ...]

Prints the average's dev metrics.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from claimcoder.data import bundled, io
from claimcoder.eval.evaluator import PRIMARY_METRIC, DevEvaluator
from claimcoder.model.coder import ClaimCoder
from claimcoder.training.loop import average_weights

#: Recorded arguments that may differ between the runs of one recipe.
_PER_RUN = {"seed", "progress"}


def _recipe_problem(coder: ClaimCoder, first: ClaimCoder) -> str | None:
    """Why ``coder`` cannot be averaged with ``first``, or None."""
    a, b = coder.config, first.config
    if a.claim_types != b.claim_types:
        return f"claim types {a.claim_types} differ from {b.claim_types}"
    if a.base_encoder != b.base_encoder or a.encoder_config != b.encoder_config:
        return f"fine-tuned from {a.base_encoder!r}, not from {b.base_encoder!r} (or another shape of it)"
    args_a, args_b = (a.training or {}).get("args"), (b.training or {}).get("args")
    if not args_a or not args_b:
        return "no recorded training arguments: cannot tell that it is a run of the same recipe"
    differ = sorted(k for k in set(args_a) | set(args_b) if k not in _PER_RUN and args_a.get(k) != args_b.get(k))
    if differ:
        return f"a different recipe ({', '.join(differ)} differ): average seeds of one recipe"
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("models", nargs="+", help="trained claimcoder model folders: seeds of one recipe")
    parser.add_argument("--out", required=True, type=Path, help="where the averaged model goes")
    parser.add_argument("--dev", type=Path, help="dev split (codebook JSONL) for the thresholds; default: bundled")
    args = parser.parse_args()
    if len(args.models) < 2:
        parser.error("give two or more models to average")

    coders = [ClaimCoder.load(m) for m in args.models]
    first = coders[0]
    for path, coder in zip(args.models, coders):
        problem = _recipe_problem(coder, first)
        if problem:
            parser.error(f"{path}: {problem}")
    dev = io.read_jsonl(args.dev, claim_types=first.claim_types) if args.dev else bundled.load_corpus("dev")
    missing = [t for t in first.claim_types if not any(c.type == t for s in dev for c in s.claims)]
    if missing:
        parser.error(f"{args.dev or 'the bundled dev split'} holds no {', '.join(missing)} claim to tune a threshold on")

    first.network.load_state_dict(average_weights([c.network.state_dict() for c in coders]))
    first.network.eval()
    metrics = DevEvaluator()(first, dev)  # thresholds tuned on dev for the average
    # The record (and the card) tells what is true of the average: not one run's history, epochs or tests.
    recorded = first.config.training
    first.config.training = {
        "data": {**recorded.get("data", {}), "dev_sentences": len(dev)},
        "args": {**recorded["args"], "soup": len(coders)}, "best_epoch": None, "selection_metric": None,
        "dev_metrics": metrics,
        "soup": [{"model": str(path), "seed": c.config.training["args"].get("seed")}
                 for path, c in zip(args.models, coders)]}
    first.save_pretrained(args.out)
    print(json.dumps({"models": args.models, PRIMARY_METRIC: round(metrics[PRIMARY_METRIC], 4),
                      "macro_f1": round(metrics["macro_f1"], 4), "claim_f1": round(metrics["claim"]["f1"], 4)}))


if __name__ == "__main__":
    main()
