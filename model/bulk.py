"""The bulk scoring job: many articles in, claim rows out, resumable, on one machine.

Articles are read as a stream and cut into chunks of ``chunk_size`` input items.
Each chunk is scored and written as ``parts/part-NNNNNN.jsonl`` plus a manifest
``part-NNNNNN.json``, both atomically, the manifest last: a chunk is done exactly
when its manifest exists. ``resume`` re-reads the input, skips done chunks and
scores the rest, so after a crash (even SIGKILL) no article is lost or written
twice. When every chunk is done the parts are merged into the final file
(``claims.jsonl``/``.parquet``/``.csv``), again atomically.
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from tqdm.auto import tqdm

from claimcoder.data.articles import DEFAULT_MAX_CHARS, Article, ArticleError, iter_articles
from claimcoder.data.io import atomic_write

from .columns import COLUMNS

FORMATS = ("jsonl", "parquet", "csv")


@dataclass
class ScoreOptions:
    """Everything ``claimcoder score`` takes besides its inputs."""

    out: Path
    model: Path | None = None
    format: str = "jsonl"
    id_field: str = "id"
    text_field: str = "text"
    all_sentences: bool = False
    actors: list[str] = field(default_factory=list)
    quantize: str | None = None
    batch_size: int = 64
    chunk_size: int = 256
    workers: int = 1
    threads: int | None = None
    resume: bool = False
    overwrite: bool = False
    max_chars: int = DEFAULT_MAX_CHARS
    progress: bool = True


@dataclass
class RunStats:
    """Totals of a run, printed at the end and saved as ``run.json``."""

    articles_read: int = 0
    articles_scored: int = 0
    articles_failed: int = 0
    sentences: int = 0
    claims: int = 0
    chunks_resumed: int = 0
    wall_time_s: float = 0.0
    articles_per_s: float = 0.0
    output: str = ""
    errors_file: str = ""


class JobError(RuntimeError):
    """The output folder does not fit the request (exists, or input changed)."""


# -------------------------------------------------------------------- worker side
_WORKER: dict[str, Any] = {}


def _init_worker(model: str | None, quantize: str | None, actors: Sequence[str], batch_size: int,
                 all_sentences: bool, threads: int | None) -> None:
    """Load the model once per process (or once in-process for one worker)."""
    import torch

    from claimcoder.data.actors import ActorDictionary

    from .coder import ClaimCoder
    from .scorer import ArticleScorer

    if threads:
        torch.set_num_threads(threads)
    coder = ClaimCoder.load(model, quantize=quantize)
    _WORKER["scorer"] = ArticleScorer(coder, ActorDictionary.load(actors), batch_size, all_sentences)


def _score_chunk(index: int, items: list[Article | ArticleError], parts: Path) -> dict[str, Any]:
    """Score one chunk and write its part files; return its manifest."""
    scorer = _WORKER["scorer"]
    articles = [a for a in items if isinstance(a, Article)]
    errors = [e.to_dict() for e in items if isinstance(e, ArticleError)]
    try:
        rows = scorer.score(articles)
    except Exception as exc:  # one bad article must not sink the chunk: retry one by one
        rows = []
        for a in articles:
            try:
                rows.extend(scorer.score([a]))
            except Exception as one:  # noqa: BLE001 - recorded and skipped, the run goes on
                errors.append(ArticleError(a.doc_id, a.origin, f"scoring failed: {one!r}").to_dict())
        if not rows and articles and len(errors) == len(items):
            raise exc
    failed = {e["doc_id"] for e in errors}
    name = f"part-{index:06d}"
    with atomic_write(parts / f"{name}.jsonl") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    manifest = {
        "chunk": index, "items": len(items), "first": items[0].doc_id, "last": items[-1].doc_id,
        "articles_scored": len(articles) - len({a.doc_id for a in articles} & failed),
        "articles_failed": len(errors), "claims": sum(1 for r in rows if r.get("type")),
        "sentences": len({(r["doc_id"], r["sentence_index"]) for r in rows}) if scorer.all_sentences else None,
        "meta_columns": sorted({k for r in rows for k in r} - set(COLUMNS)), "errors": errors,
    }
    with atomic_write(parts / f"{name}.json") as fh:
        json.dump(manifest, fh, ensure_ascii=False)
    return manifest


# -------------------------------------------------------------------- driver side
def _chunks(items: Iterable[Article | ArticleError], size: int) -> Iterator[list[Article | ArticleError]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _estimate_total(inputs: Sequence[str | Path]) -> int | None:
    """Number of articles when it is cheap to know (for the progress bar's ETA)."""
    total = 0
    for item in inputs:
        p = Path(item)
        if str(item) == "-":
            return None
        if p.is_dir():
            total += sum(1 for _ in p.rglob("*.txt"))
        elif p.suffix.lower() in (".parquet", ".pq"):
            import pyarrow.parquet as pq

            total += pq.ParquetFile(p).metadata.num_rows
        elif p.suffix.lower() in (".jsonl", ".json", ".ndjson", ".csv") and p.stat().st_size < 2 << 30:
            with open(p, "rb") as fh:
                total += sum(block.count(b"\n") for block in iter(lambda: fh.read(1 << 24), b""))
        elif p.suffix.lower() == ".txt":
            total += 1
        else:
            return None
    return total


def _prepare_out(opts: ScoreOptions) -> Path:
    out, parts = opts.out, opts.out / "parts"
    finished = (out / "run.json").is_file()
    if opts.overwrite:
        for name in ("parts", "run.json", "errors.jsonl", *(f"claims.{f}" for f in FORMATS)):
            target = out / name
            shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
    elif finished and not opts.resume:
        raise JobError(f"{out} already holds a finished run (run.json): use --overwrite to redo it, or another --out")
    elif parts.is_dir() and any(parts.glob("*.json")) and not opts.resume:
        raise JobError(f"{out} holds an interrupted run: add --resume to continue it, or --overwrite to start again")
    parts.mkdir(parents=True, exist_ok=True)
    settings = {"format": opts.format, "chunk_size": opts.chunk_size, "id_field": opts.id_field,
                "text_field": opts.text_field, "all_sentences": opts.all_sentences}
    settings_file = parts / "settings.json"
    if settings_file.is_file():
        before = json.loads(settings_file.read_text())
        changed = {k: (before.get(k), v) for k, v in settings.items() if before.get(k) != v}
        if changed:
            raise JobError(f"{out}: cannot resume with different settings {changed}; use --overwrite")
    else:
        with atomic_write(settings_file) as fh:
            json.dump(settings, fh)
    return parts


def run_score(inputs: Sequence[str | Path], opts: ScoreOptions) -> RunStats:
    """Score ``inputs`` into ``opts.out``; resumable (see module docstring)."""
    if opts.format not in FORMATS:
        raise ValueError(f"--format must be one of {', '.join(FORMATS)}, got {opts.format!r}")
    start = time.perf_counter()
    out = opts.out
    if (out / "run.json").is_file() and opts.resume and not opts.overwrite:
        stats = RunStats(**json.loads((out / "run.json").read_text()))
        return stats
    parts = _prepare_out(opts)
    done = {int(p.stem.split("-")[1]): p for p in parts.glob("part-*.json")}
    init_args = (str(opts.model) if opts.model else None, opts.quantize, list(opts.actors), opts.batch_size,
                 opts.all_sentences, opts.threads)
    pool: ProcessPoolExecutor | None = None
    if opts.workers > 1:
        import multiprocessing as mp

        pool = ProcessPoolExecutor(opts.workers, mp_context=mp.get_context("spawn"), initializer=_init_worker,
                                   initargs=init_args[:5] + (opts.threads or 1,))
    else:
        _init_worker(*init_args)
    bar = tqdm(total=_estimate_total(inputs), unit="article", desc="scoring", disable=not opts.progress,
               smoothing=0.1)
    in_flight: set[Future] = set()
    resumed = 0
    try:
        items = iter_articles(inputs, opts.id_field, opts.text_field, opts.max_chars)
        for index, chunk in enumerate(_chunks(items, opts.chunk_size)):
            if index in done:
                manifest = json.loads(done[index].read_text())
                if manifest["first"] != chunk[0].doc_id or manifest["items"] != len(chunk):
                    raise JobError(f"{done[index]}: the input changed since the interrupted run (chunk {index} "
                                   f"began with {manifest['first']!r}, now {chunk[0].doc_id!r}); use --overwrite")
                resumed += 1
                bar.update(len(chunk))
                continue
            if pool is None:
                _score_chunk(index, chunk, parts)
                bar.update(len(chunk))
                continue
            if len(in_flight) >= 2 * opts.workers:  # bounded: memory stays flat whatever the input size
                finished, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                for f in finished:
                    bar.update(f.result()["items"])
            in_flight.add(pool.submit(_score_chunk, index, chunk, parts))
        for f in in_flight:
            bar.update(f.result()["items"])
    finally:
        bar.close()
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    stats = _finalise(parts, opts)
    stats.chunks_resumed = resumed
    stats.wall_time_s = round(time.perf_counter() - start, 2)
    stats.articles_per_s = round(stats.articles_read / stats.wall_time_s, 2) if stats.wall_time_s else 0.0
    with atomic_write(out / "run.json") as fh:
        json.dump(asdict(stats), fh, indent=2)
    shutil.rmtree(parts, ignore_errors=True)
    return stats


def _manifests(parts: Path) -> list[dict[str, Any]]:
    manifests = sorted((json.loads(p.read_text()) for p in parts.glob("part-*.json")), key=lambda m: m["chunk"])
    for expected, m in enumerate(manifests):
        if m["chunk"] != expected:
            raise JobError(f"{parts}: chunk {expected} is missing; run again with --resume")
    return manifests


def _rows(parts: Path, manifests: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for m in manifests:
        with open(parts / f"part-{m['chunk']:06d}.jsonl", encoding="utf-8") as fh:
            for line in fh:
                yield json.loads(line)


def _finalise(parts: Path, opts: ScoreOptions) -> RunStats:
    """Merge part files into the final output and errors file, atomically."""
    manifests = _manifests(parts)
    meta_cols = sorted({c for m in manifests for c in m["meta_columns"]})
    columns = COLUMNS + meta_cols
    target = opts.out / f"claims.{opts.format}"
    if opts.format == "jsonl":
        with atomic_write(target) as fh:
            for r in _rows(parts, manifests):
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif opts.format == "csv":
        with atomic_write(target, newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            for r in _rows(parts, manifests):
                writer.writerow({k: _flat(v) for k, v in r.items()})
    else:
        _write_parquet(target, parts, manifests, meta_cols)
    errors = opts.out / "errors.jsonl"
    with atomic_write(errors) as fh:
        for m in manifests:
            for e in m["errors"]:
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    return RunStats(articles_read=sum(m["items"] for m in manifests),
                    articles_scored=sum(m["articles_scored"] for m in manifests),
                    articles_failed=sum(m["articles_failed"] for m in manifests),
                    sentences=sum(m["sentences"] or 0 for m in manifests),
                    claims=sum(m["claims"] for m in manifests), output=str(target), errors_file=str(errors))


def _flat(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value


def parquet_schema(meta_cols: Sequence[str]):
    """Fixed types for the claim columns; metadata columns as text."""
    import pyarrow as pa

    types = {"sentence_index": pa.int32(), "sentence_start": pa.int64(), "sentence_end": pa.int64(),
             "score": pa.float32(), "source_start": pa.int64(), "source_end": pa.int64(),
             "target_start": pa.int64(), "target_end": pa.int64()}
    return pa.schema([(c, types.get(c, pa.string())) for c in COLUMNS] + [(c, pa.string()) for c in meta_cols])


def _write_parquet(target: Path, parts: Path, manifests: list[dict[str, Any]], meta_cols: list[str]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema(meta_cols)
    tmp = target.with_name(f".{target.name}.tmp")
    with pq.ParquetWriter(tmp, schema) as writer:
        for m in manifests:
            rows = list(_rows(parts, [m]))
            if not rows:
                continue
            cols = {c: [_text(r.get(c)) if c in meta_cols else r.get(c) for r in rows] for c in schema.names}
            writer.write_table(pa.table(cols, schema=schema))
    os.replace(tmp, target)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
