"""Average trained models' weights (a uniform model soup, Wortsman et al. 2022) and tune thresholds on dev.

`claimcoder train --soup N` trains N runs and averages them in one go; this script averages runs that already
exist (several seeds of one recipe, each saved by `claimcoder train --seed S --out DIR`). The models must share
an architecture and an encoder (all weights are averaged, heads included); the average gets thresholds tuned on
the bundled dev split and is saved to OUT, to be scored with `claimcoder evaluate FILE --compare`.

    python bench/soup.py --out DIR MODEL MODEL [MODEL ...]

Prints the average's dev metrics.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from claimcoder.data import bundled
from claimcoder.eval.evaluator import PRIMARY_METRIC, DevEvaluator
from claimcoder.model.coder import ClaimCoder
from claimcoder.training.loop import average_weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("models", nargs="+", help="trained claimcoder model folders of one architecture")
    parser.add_argument("--out", required=True, type=Path, help="where the averaged model goes")
    args = parser.parse_args()
    if len(args.models) < 2:
        parser.error("give two or more models to average")

    coders = [ClaimCoder.load(m) for m in args.models]
    first = coders[0]
    for path, coder in zip(args.models[1:], coders[1:]):
        if coder.config.claim_types != first.config.claim_types or \
                coder.config.encoder_config != first.config.encoder_config:
            parser.error(f"{path}: not the architecture of {args.models[0]} (claim types or encoder differ)")
    first.network.load_state_dict(average_weights([c.network.state_dict() for c in coders]))
    first.network.eval()
    metrics = DevEvaluator()(first, bundled.load_corpus("dev"))  # thresholds tuned on dev for the average
    # The record (and the card) says what was averaged, not the first model's training alone.
    first.config.training = {**(first.config.training or {}), "dev_metrics": metrics, "soup": [
        {"model": str(path), "seed": (c.config.training or {}).get("args", {}).get("seed")}
        for path, c in zip(args.models, coders)]}
    first.save_pretrained(args.out)
    print(json.dumps({"models": args.models, PRIMARY_METRIC: round(metrics[PRIMARY_METRIC], 4),
                      "macro_f1": round(metrics["macro_f1"], 4), "claim_f1": round(metrics["claim"]["f1"], 4)}))


if __name__ == "__main__":
    main()
