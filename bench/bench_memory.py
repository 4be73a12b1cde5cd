"""Benchmark: memory of ``claimcoder score`` stays flat however large the input is.

Generates a JSONL input of ``--size-gb`` (default 1 GB) of articles assembled from corpus sentences, then:

* ``read``: the driver's streaming work over the WHOLE file in one process (read, chunk, digest
  every chunk, as ``score`` does before a chunk reaches the model): its peak RSS and time;
* ``score``: ``claimcoder score FILE --out ...`` as a subprocess for ``--seconds`` (scoring all of 1 GB
  on 2 CPU cores would take hours), sampling the RSS of its process tree every second. It prints
  the RSS over time, the peak, and the growth between the middle and the last third of the window (the first holds start-up), then
  stops the run with SIGKILL (what it finished stays resumable).

Usage: python bench/bench_memory.py --model DIR [--size-gb 1] [--seconds 240] [--quantize none|bf16|int8]
Only meaningful on an otherwise idle machine (the CPU-busy share is printed).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_score import _busy_share, _tree_rss_mb  # noqa: E402 - the same samplers as the speed benchmark


def make_input(path: Path, size_bytes: int, seed: int = 0) -> int:
    """Write JSONL articles (8-16 corpus sentences each) until the file holds ``size_bytes``; return the count."""
    from claimcoder.data import load_corpus

    sents = [s.text for split in ("train", "dev", "test") for s in load_corpus(split)]
    rng = random.Random(seed)
    n = written = 0
    with open(path, "w", encoding="utf-8") as fh:
        while written < size_bytes:
            body = rng.sample(sents, rng.randint(8, 16))
            text = "\n\n".join(" ".join(body[j:j + 3]) for j in range(0, len(body), 3))
            line = json.dumps({"id": f"m{n:08d}", "text": text, "date": f"2026-{1 + n % 12:02d}-01"}) + "\n"
            fh.write(line)
            written += len(line.encode("utf-8"))
            n += 1
    return n


def read_pass(path: Path) -> dict:
    """The driver's streaming work over the whole input (what ``score`` does before the model)."""
    from claimcoder.data.articles import iter_articles
    from claimcoder.scoring.job import _chunks, chunk_digest

    start = time.perf_counter()
    articles = chunks = 0
    for chunk in _chunks(iter_articles([path]), 256):
        chunk_digest(chunk)
        chunks += 1
        articles += len(chunk)
    return {"wall_s": time.perf_counter() - start, "articles": articles, "chunks": chunks,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def score_window(path: Path, out: Path, model: str, quantize: str, seconds: float) -> dict:
    """Run ``claimcoder score`` for ``seconds``, sampling its tree's RSS each second; then kill it."""
    cmd = [sys.executable, "-c", "from claimcoder.cli import main; main()", "score", str(path), "--out", str(out),
           "--model", model, "--overwrite"]
    if quantize != "none":
        cmd += ["--quantize", quantize]
    out.mkdir(parents=True, exist_ok=True)
    with open(out.parent / "score.log", "w", encoding="utf-8") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        return _sample(proc, out, seconds)


def _sample(proc: subprocess.Popen, out: Path, seconds: float) -> dict:
    samples: list[tuple[float, float]] = []
    start = time.perf_counter()
    while proc.poll() is None and time.perf_counter() - start < seconds:
        samples.append((time.perf_counter() - start, _tree_rss_mb(proc.pid)))
        time.sleep(1.0)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done = [json.loads(p.read_text()) for p in (out / "parts").glob("part-*.json")]
    return {"samples": samples, "chunks_done": len(done), "articles_done": sum(m["items"] for m in done)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True, help="trained model directory")
    ap.add_argument("--size-gb", type=float, default=1.0)
    ap.add_argument("--seconds", type=float, default=240.0, help="how long to let score run")
    ap.add_argument("--quantize", default="none", choices=["none", "bf16", "int8"])
    ap.add_argument("--work", type=Path, help="folder for the input and the run (default: a temporary one)")
    ap.add_argument("--mode", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.mode == "read":
        print("RESULT " + json.dumps(read_pass(args.work / "input.jsonl")))
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        path = work / "input.jsonl"
        size = int(args.size_gb * (1 << 30))
        if not path.is_file() or path.stat().st_size < size:
            t = time.perf_counter()
            n = make_input(path, size)
            print(f"input: {path.stat().st_size / (1 << 30):.2f} GiB, {n} articles (written in "
                  f"{time.perf_counter() - t:.0f} s)")
        busy = _busy_share()
        if busy > 0.25:
            print(f"WARNING: the CPUs were {busy:.0%} busy before the benchmark: other work is running")
        proc = subprocess.run([sys.executable, __file__, "--model", args.model, "--mode", "read", "--work", str(work)],
                              capture_output=True, text=True, check=True)
        r = json.loads(next(x for x in proc.stdout.splitlines() if x.startswith("RESULT "))[7:])
        print(f"read: the whole input streamed, chunked and digested: {r['articles']} articles in {r['chunks']} "
              f"chunks, {r['wall_s']:.0f} s, peak RSS {r['peak_rss_mb']:.0f} MB")
        w = score_window(path, work / "run", args.model, args.quantize, args.seconds)
        samples = w["samples"]
        print(f"score --quantize {args.quantize}: {w['chunks_done']} chunks ({w['articles_done']} articles) done in "
              f"{args.seconds:.0f} s, then killed")
        step = max(1, len(samples) // 12)
        print("  RSS of the process tree over time: " + ", ".join(f"{t:.0f} s {m:.0f} MB" for t, m in samples[::step]))
        third = len(samples) // 3
        middle, last = max(m for _, m in samples[third:2 * third]), max(m for _, m in samples[2 * third:])
        print(f"  peak {max(m for _, m in samples):.0f} MB; peak in the middle third of the window {middle:.0f} MB, "
              f"in the last third {last:.0f} MB (growth {last - middle:+.0f} MB)")


if __name__ == "__main__":
    main()
