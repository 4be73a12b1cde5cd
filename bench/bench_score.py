"""Benchmark: claimcoder's scorer (fp32, int8) against a plain transformers pipeline baseline.

Generates a corpus of articles (default 500) from the bundled corpus sentences,
then times, each in its own process so peak RSS is its own:

* ``baseline``: pysbd sentence split, then two ``transformers.pipeline`` passes
  over the sentences in article order (text classification for the claim types,
  token classification for the spans), default batching, as a user would write it;
* ``pipe32``: the same two pipelines as a competent user calls them: every sentence
  in one call with ``batch_size=32``;
* ``ort``: ONNX Runtime fp32 on the exported network, raw: tokenise length-sorted
  batches of 32 and run the session, no decoding (what a hand-rolled ORT loop gets);
* ``fp32``, ``bf16`` and ``int8``: ``claimcoder score`` end to end (reading, splitting,
  batching across articles, actor resolution, writing JSONL), with ``--quantize`` none, bf16 or int8.
  Process start-up (importing torch and transformers, a few seconds) is outside the clock, as it is
  for the model alone; loading the model and everything after is inside;
* ``stages-fp32``, ``stages-bf16`` and ``stages-int8``: each stage of ``score`` timed alone in one process
  (read, split, tokenise, forward, decode, resolve, write) and the model alone
  (``ClaimCoder.predict`` on the same sentences, sorted and dynamically padded): the
  ceiling end to end can reach. End to end is then printed as a share of it.

Usage: python bench/bench_score.py --model DIR [--articles 500] [--workers N]   (the README's figures)
Prints articles/s, sentences/s, peak RSS, stage times and the speed-up ratios against each baseline.
Timings are only meaningful on an otherwise idle machine: the 1-minute load average is printed
before each mode, with a warning when other work is running.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def make_corpus(folder: Path, n_articles: int, seed: int = 0) -> int:
    """Write ``n_articles`` .txt articles assembled from corpus sentences; return the sentence count."""
    from claimcoder.data import load_corpus

    sents = [s.text for split in ("train", "dev", "test") for s in load_corpus(split)]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n_articles):
        k = rng.randint(8, 16)
        body = rng.sample(sents, k)
        total += k
        paragraphs = ["\n".join(body[:1])] + [" ".join(body[j:j + 3]) for j in range(1, k, 3)]
        (folder / f"a{i:05d}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return total


def export_pipeline_models(model_dir: Path, out: Path) -> tuple[Path, Path]:
    """The trained encoder and heads as two standard HF models (sequence and token classification)."""
    import torch
    from transformers import AutoConfig, AutoModelForSequenceClassification, AutoModelForTokenClassification

    from claimcoder import ClaimCoder

    coder = ClaimCoder.load(model_dir, device="cpu")
    enc_cfg = dict(coder.config.encoder_config)
    paths = []
    for kind, head, n in (("seq", coder.network.type_head, len(coder.claim_types)),
                          ("tok", coder.network.tag_head, coder.network.tag_head.out_features)):
        cfg = AutoConfig.for_model(enc_cfg.pop("model_type", "bert") if kind == "seq" else "bert",
                                   **{k: v for k, v in enc_cfg.items() if k != "model_type"}, num_labels=n)
        cls = AutoModelForSequenceClassification if kind == "seq" else AutoModelForTokenClassification
        model = cls.from_config(cfg)
        model.bert.load_state_dict(coder.network.encoder.state_dict(), strict=False)
        with torch.no_grad():
            model.classifier.weight.copy_(head.weight)
            model.classifier.bias.copy_(head.bias)
        path = out / kind
        model.save_pretrained(path)
        coder.tokenizer.save_pretrained(path)
        paths.append(path)
    return paths[0], paths[1]


def run_baseline(articles: Path, seq: Path, tok: Path, out: Path) -> dict:
    import torch
    from transformers import pipeline

    from claimcoder.data.articles import iter_articles, split_sentences

    torch.set_num_threads(2)
    clf = pipeline("text-classification", model=str(seq), top_k=None, device=-1)
    tagger = pipeline("token-classification", model=str(tok), device=-1)
    start = time.perf_counter()
    n_art = n_sent = 0
    with open(out, "w", encoding="utf-8") as fh:
        for art in iter_articles([articles]):
            texts = [art.text[a:b] for a, b in split_sentences(art.text)]
            types = clf(texts)
            spans = tagger(texts)
            for t, ty, sp in zip(texts, types, spans):
                fh.write(json.dumps({"doc_id": art.doc_id, "sentence": t, "types": ty,
                                     "spans": [{k: (float(v) if k == "score" else v) for k, v in s.items()}
                                               for s in sp]}) + "\n")
            n_art += 1
            n_sent += len(texts)
    return {"wall_s": time.perf_counter() - start, "articles": n_art, "sentences": n_sent}


def run_pipe32(articles: Path, seq: Path, tok: Path, out: Path) -> dict:
    """The pipelines as a competent user calls them: all sentences at once, ``batch_size=32``."""
    import torch
    from transformers import pipeline

    from claimcoder.data.articles import Article, iter_articles, split_sentences

    torch.set_num_threads(2)
    clf = pipeline("text-classification", model=str(seq), top_k=None, device=-1)
    tagger = pipeline("token-classification", model=str(tok), device=-1)
    start = time.perf_counter()
    arts = [a for a in iter_articles([articles]) if isinstance(a, Article)]
    texts = [a.text[s:e] for a in arts for s, e in split_sentences(a.text)]
    types = clf(texts, batch_size=32)
    spans = tagger(texts, batch_size=32)
    with open(out, "w", encoding="utf-8") as fh:
        for t, ty, sp in zip(texts, types, spans):
            fh.write(json.dumps({"sentence": t, "types": ty, "spans": [
                {k: (float(v) if k == "score" else v) for k, v in x.items()} for x in sp]}) + "\n")
    return {"wall_s": time.perf_counter() - start, "articles": len(arts), "sentences": len(texts)}


def run_ort(articles: Path, model: Path, work: Path) -> dict:
    """ONNX Runtime fp32, raw: the exported network over length-sorted batches of 32, no decoding."""
    import numpy as np
    import onnxruntime as ort
    import torch

    from claimcoder import ClaimCoder
    from claimcoder.data.articles import Article, iter_articles, split_sentences
    from claimcoder.model.onnx_backend import _exportable

    coder = ClaimCoder.load(model, device="cpu")
    path = work / "model-fp32.onnx"
    ids = torch.ones((2, 12), dtype=torch.long)
    torch.onnx.export(_exportable(coder.network.eval()), (ids, ids), str(path),
                      input_names=["input_ids", "attention_mask"], output_names=["probs", "tags"], opset_version=17,
                      dynamo=False, dynamic_axes={"input_ids": {0: "b", 1: "s"}, "attention_mask": {0: "b", 1: "s"},
                                                  "probs": {0: "b"}, "tags": {0: "b", 1: "s"}})
    options = ort.SessionOptions()
    options.intra_op_num_threads = 2
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    start = time.perf_counter()
    arts = [a for a in iter_articles([articles]) if isinstance(a, Article)]
    texts = sorted((a.text[s:e] for a in arts for s, e in split_sentences(a.text)), key=len)
    for k in range(0, len(texts), 32):
        enc = coder.tokenizer(texts[k:k + 32], padding="longest", truncation=True, max_length=256,
                              return_tensors="np")
        session.run(None, {"input_ids": enc["input_ids"].astype(np.int64),
                           "attention_mask": enc["attention_mask"].astype(np.int64)})
    return {"wall_s": time.perf_counter() - start, "articles": len(arts), "sentences": len(texts)}


def run_stages(articles: Path, model: Path, quantize: str | None, out: Path) -> dict:
    """Each stage of ``claimcoder score`` alone, in order, on the same articles; and the model alone."""
    from claimcoder import ClaimCoder
    from claimcoder.data.actor_dictionary import ActorDictionary
    from claimcoder.data.articles import Article, iter_articles, split_sentences
    from claimcoder.scoring.actors import resolve_claims
    from claimcoder.scoring import ScoreOptions
    from claimcoder.scoring.article_scorer import ArticleScorer

    coder = ClaimCoder.load(model, quantize=quantize)
    dictionary = ActorDictionary.load()
    times: dict[str, float] = {}

    def timed(name: str, fn):
        t = time.perf_counter()
        value = fn()
        times[name] = time.perf_counter() - t
        return value

    arts = timed("read", lambda: [a for a in iter_articles([articles]) if isinstance(a, Article)])
    spans = timed("split", lambda: [split_sentences(a.text) for a in arts])
    texts = [a.text[s:e] for a, sp in zip(arts, spans) for s, e in sp]
    batch = ScoreOptions.batch_size  # the batch size score uses, so the ceiling is the same batching
    batches = timed("tokenise", lambda: list(coder._batches(texts, batch)))
    outputs = timed("forward", lambda: [coder._forward(enc["input_ids"], enc["attention_mask"]) for _, enc in batches])
    raws: list = [None] * len(texts)
    for (idx, enc), (probs, tags) in zip(batches, outputs):
        for row, i in enumerate(idx):
            n = int(enc["attention_mask"][row].sum())
            raws[i] = (probs[row], tags[row, :n], enc["offset_mapping"][row][:n])
    claims = timed("decode", lambda: [coder.decode(t, r) for t, r in zip(texts, raws)])
    per_article, k = [], 0
    for a, sp in zip(arts, spans):
        per_article.append([(a.text[s:e], claims[k + j]) for j, (s, e) in enumerate(sp)])
        k += len(sp)
    timed("resolve", lambda: [resolve_claims(sents, dictionary) for sents in per_article])
    rows = ArticleScorer(coder, dictionary, all_sentences=True).score(arts)  # the rows score writes (untimed)

    def write() -> None:
        with open(out, "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    timed("write", write)
    model_only = timed("model alone (predict)", lambda: coder.predict(texts, batch_size=batch))
    return {"wall_s": model_only and times["model alone (predict)"], "articles": len(arts), "sentences": len(texts),
            "stages": times}


def run_claimcoder(articles: Path, model: Path, out: Path, quantize: str | None, workers: int) -> dict:
    import claimcoder.model.coder  # noqa: F401
    from claimcoder.scoring import ScoreOptions, run_score

    if quantize == "int8":  # export once, outside the timed run (a one-off cost, cached beside the model), in a
        # child process: with the export cached, int8 scoring imports neither torch nor transformers, and the
        # peak RSS printed must be that of scoring, not of exporting
        subprocess.run([sys.executable, "-c", "import sys; from claimcoder import ClaimCoder; "
                        "ClaimCoder.load(sys.argv[1], quantize='int8')", str(model)], check=True)
    else:
        import torch  # noqa: F401 - process start-up, outside the clock (the model-alone figure excludes it too)
        import transformers  # noqa: F401
    start = time.perf_counter()
    stats = run_score([articles], ScoreOptions(out=out, model=model, quantize=quantize, workers=workers,
                                               progress=False, all_sentences=True, overwrite=True))
    return {"wall_s": time.perf_counter() - start, "articles": stats.articles_read, "sentences": stats.sentences}


def child(args: argparse.Namespace) -> None:
    work = Path(args.work)
    if args.mode == "baseline":
        res = run_baseline(work / "articles", work / "hf" / "seq", work / "hf" / "tok", work / "baseline.jsonl")
    elif args.mode == "pipe32":
        res = run_pipe32(work / "articles", work / "hf" / "seq", work / "hf" / "tok", work / "pipe32.jsonl")
    elif args.mode == "ort":
        res = run_ort(work / "articles", Path(args.model), work)
    elif args.mode.startswith("stages-"):
        backend = args.mode.removeprefix("stages-")
        res = run_stages(work / "articles", Path(args.model), None if backend == "fp32" else backend,
                         work / f"{args.mode}.jsonl")
    else:
        res = run_claimcoder(work / "articles", Path(args.model), work / args.mode,
                             None if args.mode == "fp32" else args.mode, args.workers)
    res["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    res["peak_rss_children_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print("RESULT " + json.dumps(res))


def _tree_rss_mb(root: int) -> float:
    """Resident memory of a process and all its descendants, from /proc (Linux)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def _run_measured(cmd: list[str]) -> tuple[subprocess.CompletedProcess, float]:
    """Run ``cmd`` and sample the whole process tree's RSS every 0.1 s; return (result, peak MB)."""
    import threading

    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0.0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss_mb(proc.pid))
            time.sleep(0.1)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    out, err = proc.communicate()
    t.join()
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err), peak[0]


def _busy_share(seconds: float = 2.0) -> float:
    """Share of CPU time spent busy over ``seconds`` while this benchmark waits (Linux /proc/stat).

    The load average would also count the benchmark's own previous mode; this counts only what runs now.
    """
    def sample() -> tuple[int, int]:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return sum(values), values[3] + values[4]  # total, idle + iowait

    try:
        total0, idle0 = sample()
        time.sleep(seconds)
        total1, idle1 = sample()
    except (OSError, ValueError, IndexError):
        return 0.0
    return 1 - (idle1 - idle0) / max(total1 - total0, 1)


def build_parser() -> argparse.ArgumentParser:
    """The options; the defaults are the README's benchmark command."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True, help="trained model directory")
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--workers", type=int, default=1, help="claimcoder worker processes (1 thread each if more than 1)")
    ap.add_argument("--modes", default="baseline,pipe32,ort,stages-fp32,fp32,stages-bf16,bf16,stages-int8,int8")
    ap.add_argument("--mode", help=argparse.SUPPRESS)
    ap.add_argument("--work", help=argparse.SUPPRESS)
    return ap


def main() -> None:
    args = build_parser().parse_args()
    if args.mode:
        return child(args)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        n_sent = make_corpus(work / "articles", args.articles)
        print(f"corpus: {args.articles} articles, {n_sent} sentences (before splitting)")
        export_pipeline_models(Path(args.model), work / "hf")
        results = {}
        for mode in args.modes.split(","):
            busy = _busy_share()
            if busy > 0.25:
                print(f"WARNING: the CPUs were {busy:.0%} busy just before {mode} with the benchmark idle: other "
                      "work is running, so these timings are not trustworthy; run the benchmark alone")
            proc, tree_peak = _run_measured([sys.executable, __file__, "--model", args.model, "--mode", mode,
                                             "--work", tmp, "--workers", str(args.workers)])
            line = next((x for x in proc.stdout.splitlines() if x.startswith("RESULT ")), None)
            if line is None:
                print(proc.stdout[-2000:], proc.stderr[-4000:])
                raise SystemExit(f"{mode} failed")
            r = json.loads(line[7:])
            results[mode] = r
            rss = max(r["peak_rss_mb"], r["peak_rss_children_mb"])
            print(f"{mode:>9}: {r['articles'] / r['wall_s']:8.1f} articles/s {r['sentences'] / r['wall_s']:8.1f} "
                  f"sentences/s  wall {r['wall_s']:6.1f} s  peak RSS {tree_peak:6.0f} MB all processes, "
                  f"{rss:6.0f} MB largest")
            if "stages" in r:
                total = sum(v for k, v in r["stages"].items() if not k.startswith("model"))
                print("           stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in r["stages"].items())
                      + f"; stages summed {total:.1f} s, model share of them "
                      f"{(r['stages']['tokenise'] + r['stages']['forward'] + r['stages']['decode']) / total:.0%}")
        rate = {m: r["sentences"] / r["wall_s"] for m, r in results.items()}
        for mode in ("fp32", "bf16", "int8"):
            if mode not in results:
                continue
            if f"stages-{mode}" in results:
                print(f"{mode}: end to end is {rate[mode] / rate[f'stages-{mode}']:.0%} of the model alone "
                      f"({rate[mode]:.1f} vs {rate[f'stages-{mode}']:.1f} sentences/s)")
            for base in ("baseline", "pipe32", "ort"):
                if base in results:
                    print(f"{mode} / {base} throughput: {rate[mode] / rate[base]:.2f}x")


if __name__ == "__main__":
    main()
