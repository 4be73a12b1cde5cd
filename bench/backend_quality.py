"""What the faster backends cost in quality: the same figures for fp32, bf16 autocast and ONNX Runtime int8.

Usage: python bench/backend_quality.py --model runs/model [--data FILE ...]   (default: the bundled test split)
"""
from __future__ import annotations

import argparse
from pathlib import Path

from claimcoder import ClaimCoder
from claimcoder.data import bundled, read_jsonl
from claimcoder.eval.metrics import evaluate_predictions


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True, type=Path)
    ap.add_argument("--data", type=Path, nargs="+", default=None)
    ap.add_argument("--backends", default="fp32,bf16,int8")
    args = ap.parse_args()
    coders = {name: ClaimCoder.load(args.model, quantize=None if name == "fp32" else name, device="cpu")
              for name in args.backends.split(",")}
    for path in args.data or [bundled.corpus_path("test")]:
        gold = read_jsonl(path)
        rows = {}
        for name, coder in coders.items():
            m = evaluate_predictions(gold, coder.predict_sentences(gold), coder.claim_types)
            rows[name] = m
            per = "  ".join(f"{t} {v['f1']:.3f}" for t, v in m["per_type"].items())
            print(f"{name}: macro-F1 {m['macro_f1']:.4f}  claim F1 {m['claim']['f1']:.4f}  source F1 "
                  f"{m['source_f1']:.4f}  target F1 {m['target_f1']:.4f}  ({per})")
        for name in rows:
            if name != "fp32" and "fp32" in rows:
                d = 100 * (rows[name]["macro_f1"] - rows["fp32"]["macro_f1"])
                print(f"{name} - fp32 macro-F1: {d:+.2f} points on {path} ({len(gold)} sentences)")


if __name__ == "__main__":
    main()
