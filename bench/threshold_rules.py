"""Ablation of the threshold rule: per-type thresholds tuned on dev for F1 (the default), for F0.5
(precision-weighted), or a fixed 0.5. Rules are chosen on dev only; other files are reported.

    python bench/threshold_rules.py --model DIR [--data FILE ...]

Prints sentence-level macro-F1 per rule on the bundled dev split and on each FILE.
"""
from __future__ import annotations

import argparse

import numpy as np

from claimcoder.data import bundled, io
from claimcoder.eval.metrics import multi_hot
from claimcoder.model.coder import ClaimCoder
from claimcoder.model.thresholds import GRID, macro_f1_at, sweep, tune_thresholds


def f_beta_thresholds(y: np.ndarray, probs: np.ndarray, types: list[str], beta: float) -> dict[str, float]:
    """Per type, the grid threshold with the best F-beta on (y, probs)."""
    s = sweep(y, probs)
    b2 = beta * beta
    fb = (1 + b2) * s["precision"] * s["recall"] / np.maximum(b2 * s["precision"] + s["recall"], 1e-12)
    return {t: float(GRID[int(np.argmax(fb[i]))]) for i, t in enumerate(types)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True)
    parser.add_argument("--data", nargs="*", default=[], help="Annotated JSONL files to report (never tuned on).")
    args = parser.parse_args()
    coder = ClaimCoder.load(args.model)
    types = coder.claim_types
    dev = bundled.load_corpus("dev")
    sets = {"dev": dev, **{path: io.read_jsonl(path) for path in args.data}}
    probs = {name: coder.predict_proba([s.text for s in sents]) for name, sents in sets.items()}
    y = {name: multi_hot(sents, types) for name, sents in sets.items()}
    rules = {"F1 on dev (default)": tune_thresholds(y["dev"], probs["dev"], types),
             "F0.5 on dev": f_beta_thresholds(y["dev"], probs["dev"], types, 0.5),
             "fixed 0.5": {t: 0.5 for t in types}}
    print(f"{'rule':<22}" + "".join(f"{name[-28:]:>30}" for name in sets) + "   thresholds")
    for rule, thr in rules.items():
        row = "".join(f"{macro_f1_at(y[n], probs[n], thr, types):>30.4f}" for n in sets)
        print(f"{rule:<22}{row}   " + ", ".join(f"{t[:4]} {v:.2f}" for t, v in thr.items()))


if __name__ == "__main__":
    main()
