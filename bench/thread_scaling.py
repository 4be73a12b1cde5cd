"""What each extra core is worth to the model alone: ``predict`` throughput at 1..N threads per backend.

It is the measurement behind the README's answer to "why not overlap splitting and actor resolution with the
forward pass?": on a machine where the model gains nearly as much from a core as that core would save by
splitting in parallel, overlapping cannot pay. Run it with nothing else running.

Usage: python bench/thread_scaling.py --model runs/model [--data FILE] [--sentences 1500] [--repeats 2]
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from claimcoder import ClaimCoder
from claimcoder.data import bundled, read_jsonl


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True, type=Path)
    ap.add_argument("--data", type=Path, default=None, help="sentences to run (default: the bundled dev split)")
    ap.add_argument("--sentences", type=int, default=1500)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--backends", default="fp32,int8")
    ap.add_argument("--max-threads", type=int, default=len(os.sched_getaffinity(0)))
    args = ap.parse_args()
    texts = [s.text for s in read_jsonl(args.data or bundled.corpus_path("dev"))][:args.sentences]
    print(f"{len(texts)} sentences, batches of 16, load average {os.getloadavg()[0]:.2f} at the start")
    for rep in range(args.repeats):
        for threads in range(1, args.max_threads + 1):
            row = []
            for backend in args.backends.split(","):
                coder = ClaimCoder.load(args.model, quantize=None if backend == "fp32" else backend, device="cpu",
                                        threads=threads)
                coder.predict(texts[:32], batch_size=16)  # warm-up: first calls allocate
                start = time.perf_counter()
                coder.predict(texts, batch_size=16)
                row.append(f"{backend} {len(texts) / (time.perf_counter() - start):.0f}")
            print(f"repeat {rep + 1}, {threads} thread(s): " + ", ".join(row) + " sentences/s", flush=True)


if __name__ == "__main__":
    main()
