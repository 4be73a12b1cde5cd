"""The bulk scoring job: many articles in, claim rows out, resumable, on one machine.

Articles are read as a stream and cut into chunks of ``chunk_size`` input items.
Each chunk is scored and written as ``parts/part-NNNNNN.jsonl`` plus a manifest
``part-NNNNNN.json``, both atomically, the manifest last: a chunk is done exactly
when its manifest exists. ``resume`` re-reads the input, skips done chunks and
scores the rest, so after a crash (even SIGKILL) no article is lost or written
twice. When every chunk is done the parts are merged into the final file
(``claims.jsonl``/``.parquet``/``.csv``), again atomically.

The run's settings, with a fingerprint of the model, are recorded (``parts/settings.json``,
then ``run.json``); a resume with other settings or another model is refused.

With ``workers`` > 1 the model lives in worker processes and this (the reader) process
never imports torch; with one worker it scores in-process.
"""
from __future__ import annotations

import csv
import json
import shutil
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from tqdm.auto import tqdm

from claimcoder.data.actor_dictionary import ActorDictionary
from claimcoder.data.articles import Article, ArticleError, iter_articles
from claimcoder.data.io import atomic_write
from claimcoder.model.config import file_sha256, model_fingerprint

from .columns import COLUMNS, arrow_table, json_cell
from .options import Engine, JobError, OutputFormat, ScoreOptions
from .worker import WorkerSpec


@dataclass
class RunStats:
    """Totals of a run, printed at the end and saved as ``run.json`` with the run's settings."""

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
    settings: dict[str, Any] = field(default_factory=dict)


# ------------------------------------------------------------------ shared by both engines
def run_settings(inputs: Sequence[str | Path], opts: ScoreOptions) -> dict[str, Any]:
    """What must not change between a run and its resume: output shape, reading, model, dictionaries.

    Checks the model and the dictionary files on the way (a clear error before any work).
    """
    ActorDictionary.load(opts.actors)  # a bad --actors file fails here, naming file and line
    for item in inputs:
        if str(item) != "-" and "://" not in str(item) and not Path(item).exists():
            raise JobError(f"{item}: no such file or folder")
    return {"format": opts.format.value, "chunk_size": opts.chunk_size, "id_field": opts.id_field,
            "text_field": opts.text_field, "all_sentences": opts.all_sentences, "max_chars": opts.max_chars,
            "model": model_fingerprint(opts.model), "quantize": opts.quantize.value if opts.quantize else None,
            "actors": [file_sha256(a)[:16] for a in opts.actors]}


def check_settings(before: dict[str, Any], now: dict[str, Any], where: Path) -> None:
    """Refuse to continue a run whose settings (or model) differ from the ones it started with."""
    changed = {k: (before.get(k), v) for k, v in now.items() if before.get(k) != v}
    if changed:
        what = "; ".join(f"{k} was {b!r}, now {a!r}" for k, (b, a) in changed.items())
        raise JobError(f"{where}: cannot resume with different settings ({what}); use --overwrite to start again")


def clear_out(out: Path) -> None:
    """Remove what a run writes into ``out`` (files, or Ray's folders of part files)."""
    for name in ("parts", "run.json", "errors.jsonl", "summary", *(f"claims.{f.value}" for f in OutputFormat)):
        target = out / name
        shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)


def write_run(out: Path, stats: RunStats, errors: Iterable[dict[str, Any]]) -> RunStats:
    """Write ``errors.jsonl`` and then ``run.json`` (the mark of a finished run), atomically."""
    stats.errors_file = str(out / "errors.jsonl")
    with atomic_write(out / "errors.jsonl") as fh:
        for e in errors:
            fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    stats.articles_per_s = round(stats.articles_read / stats.wall_time_s, 2) if stats.wall_time_s else 0.0
    with atomic_write(out / "run.json") as fh:
        json.dump(asdict(stats), fh, indent=2)
    return stats


def prepare_out(opts: ScoreOptions, settings: dict[str, Any]) -> RunStats | None:
    """Make ``opts.out`` ready: clear it (``--overwrite``), refuse a finished run, or return that run when
    ``--resume`` asks for it with the same settings; None when there is work to do."""
    run_file = opts.out / "run.json"
    if opts.overwrite:
        clear_out(opts.out)
        return None
    if not run_file.is_file():
        return None
    if not opts.resume:
        raise JobError(f"{opts.out} already holds a finished run (run.json): use --overwrite to redo it, "
                       "or another --out")
    stats = RunStats(**json.loads(run_file.read_text(encoding="utf-8")))
    check_settings(stats.settings, settings, run_file)
    return stats


# -------------------------------------------------------------------- worker side
_WORKER: dict[str, Any] = {}


def _init_worker(spec: WorkerSpec) -> None:
    """Load the model once per process (or once in-process for one worker)."""
    _WORKER["scorer"] = spec.build()


def _score_chunk(index: int, items: list[Article | ArticleError], parts: Path) -> dict[str, Any]:
    """Score one chunk and write its part files; return its manifest."""
    scorer = _WORKER["scorer"]
    articles = [a for a in items if isinstance(a, Article)]
    errors = [e.to_dict() for e in items if isinstance(e, ArticleError)]
    rows = scorer.score(articles)
    name = f"part-{index:06d}"
    with atomic_write(parts / f"{name}.jsonl") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    manifest = {
        "chunk": index, "items": len(items), "first": items[0].doc_id, "last": items[-1].doc_id,
        "articles_scored": len(articles), "articles_failed": len(errors),
        "claims": sum(1 for r in rows if r.get("type")),
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


def _prepare_parts(opts: ScoreOptions, settings: dict[str, Any]) -> Path:
    """The ``parts/`` folder of this run: new, or an interrupted one that ``--resume`` may continue."""
    parts = opts.out / "parts"
    if parts.is_dir() and any(parts.glob("*.json")) and not opts.resume:
        raise JobError(f"{opts.out} holds an interrupted run: add --resume to continue it, "
                       "or --overwrite to start again")
    parts.mkdir(parents=True, exist_ok=True)
    settings_file = parts / "settings.json"
    if settings_file.is_file():
        check_settings(json.loads(settings_file.read_text(encoding="utf-8")), settings, opts.out)
    else:
        with atomic_write(settings_file) as fh:
            json.dump(settings, fh)
    return parts


def run_score(inputs: Sequence[str | Path], opts: ScoreOptions) -> RunStats:
    """Score ``inputs`` into ``opts.out`` with ``opts.engine``; resumable on this machine (module docstring)."""
    if opts.engine is Engine.RAY:
        from .ray_engine import run_score_ray

        return run_score_ray(inputs, opts)
    start = time.perf_counter()
    settings = run_settings(inputs, opts)
    finished = prepare_out(opts, settings)
    if finished is not None:
        return finished
    parts = _prepare_parts(opts, settings)
    done = {int(p.stem.split("-")[1]): p for p in parts.glob("part-*.json")}
    spec = WorkerSpec.from_options(opts)
    pool: ProcessPoolExecutor | None = None
    if opts.workers > 1:
        import multiprocessing as mp

        pool = ProcessPoolExecutor(opts.workers, mp_context=mp.get_context("spawn"), initializer=_init_worker,
                                   initargs=(spec,))
    else:
        _init_worker(spec)
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
                finished_now, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                for f in finished_now:
                    bar.update(f.result()["items"])
            in_flight.add(pool.submit(_score_chunk, index, chunk, parts))
        for f in in_flight:
            bar.update(f.result()["items"])
    finally:
        bar.close()
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    manifests = _manifests(parts)
    target = _finalise(parts, manifests, opts)
    stats = RunStats(articles_read=sum(m["items"] for m in manifests),
                     articles_scored=sum(m["articles_scored"] for m in manifests),
                     articles_failed=sum(m["articles_failed"] for m in manifests),
                     sentences=sum(m["sentences"] or 0 for m in manifests),
                     claims=sum(m["claims"] for m in manifests), chunks_resumed=resumed, output=str(target),
                     wall_time_s=round(time.perf_counter() - start, 2), settings=settings)
    write_run(opts.out, stats, (e for m in manifests for e in m["errors"]))
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


def _finalise(parts: Path, manifests: list[dict[str, Any]], opts: ScoreOptions) -> Path:
    """Merge the part files into the final output, atomically; return its path."""
    meta_cols = sorted({c for m in manifests for c in m["meta_columns"]})
    target = opts.out / f"claims.{opts.format.value}"
    if opts.format is OutputFormat.JSONL:
        with atomic_write(target) as fh:
            for r in _rows(parts, manifests):
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif opts.format is OutputFormat.CSV:
        with atomic_write(target, newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS + meta_cols, extrasaction="ignore")
            writer.writeheader()
            for r in _rows(parts, manifests):
                writer.writerow({k: json_cell(v) for k, v in r.items()})
    else:
        _write_parquet(target, parts, manifests, meta_cols)
    return target


def _write_parquet(target: Path, parts: Path, manifests: list[dict[str, Any]], meta_cols: list[str]) -> None:
    import pyarrow.parquet as pq

    from .columns import parquet_schema

    with atomic_write(target, mode="wb", encoding=None) as fh:
        with pq.ParquetWriter(fh, parquet_schema(meta_cols)) as writer:
            for m in manifests:
                rows = list(_rows(parts, [m]))
                if rows:
                    writer.write_table(arrow_table(rows, meta_cols))
