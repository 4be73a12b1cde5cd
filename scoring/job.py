"""The bulk scoring job: many articles in, claim rows out, resumable, on one machine.

Articles are read as a stream and cut into chunks of ``chunk_size`` input items.
Each chunk is scored and written as ``parts/part-NNNNNN.jsonl`` plus a manifest
``part-NNNNNN.json``, both atomically, the manifest last: a chunk is done exactly
when its manifest exists. ``resume`` re-reads the input, skips done chunks and
scores the rest, so after a crash (even SIGKILL) no article is lost or written
twice. When every chunk is done the parts are merged into the final file
(``claims.jsonl``/``.parquet``/``.csv``), again atomically.

Resume is keyed by content: each manifest records a digest of its chunk's input (ids, texts,
metadata, skipped items), and a done chunk whose input has changed since is scored again (its
stale rows are replaced); chunks past the end of a shorter input are dropped. The run's settings,
with a fingerprint of the model, are recorded (``parts/settings.json``, then ``run.json``); a
resume with other settings or another model is refused. ``run.json`` also records a digest of the
whole input, so ``--resume`` of a finished run whose input has changed since is refused.

One run at a time per output folder: the run holds an exclusive ``flock`` on ``OUT/.claimcoder.lock``,
which the kernel releases when the process ends, even by SIGKILL, so no stale lock is ever left.
Temporary files of an interrupted run (``atomic_write`` leaves them only when killed) are removed on
the next run in the folder. An output folder that cannot be written (read-only, full, no permission)
gives a ``JobError`` naming the folder and the system's reason; the work done so far stays resumable.

With ``workers`` > 1 the model lives in worker processes and this (the reader) process
never imports torch; with one worker it scores in-process. Workers die with this process.
"""
from __future__ import annotations

import csv
import errno
import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from itertools import islice
from pathlib import Path
from typing import Any

from tqdm.auto import tqdm

from claimcoder.data.actor_dictionary import ActorDictionary
from claimcoder.data.articles import Article, ArticleError, check_inputs, iter_articles
from claimcoder.data.errors import UserError
from claimcoder.data.io import atomic_write, current_umask
from claimcoder.model.config import check_model, file_sha256, model_fingerprint

from .columns import COLUMNS, arrow_table, json_cell
from .options import Engine, JobError, OutputFormat, Quantize, ScoreOptions
from .worker import WorkerSpec, die_with_parent, release_freed_memory

try:
    import fcntl
except ImportError:  # not on Windows: runs there are not locked
    fcntl = None  # type: ignore[assignment]

#: The lock file a run holds in its output folder.
LOCK_NAME = ".claimcoder.lock"
#: The files a run writes (in OUT or OUT/parts), so their temporary files can be told from the user's.
_RUN_FILES = re.compile(r"claims\.(jsonl|parquet|csv)|errors\.jsonl|run\.json|settings\.json|part-\d{6}\.jsonl?")
#: ``atomic_write``'s temporary name for a file: ``.<name>.<8 random characters>.tmp`` (tempfile.mkstemp).
_TEMP_NAME = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp")
_PART_NAME = re.compile(r"part-(\d{6})\.json")


#: How many truncated sentences ``run.json`` names (the count covers them all).
TRUNCATED_EXAMPLES = 20


@dataclass
class RunStats:
    """Totals of a run, printed at the end and saved as ``run.json`` with the run's settings."""

    articles_read: int = 0
    articles_scored: int = 0
    articles_failed: int = 0
    sentences: int | None = None  # counted only with --all-sentences (otherwise only claim rows are kept)
    claims: int = 0
    chunks_resumed: int = 0
    chunks_rescored: int = 0
    #: Sentences longer than the model's ``max_length`` tokens, cut before the model read them (claims in the
    #: cut part are not found), and the first of them as ``{"doc_id", "sentence_index"}``; None: not counted.
    sentences_truncated: int | None = 0
    truncated_examples: list[dict[str, Any]] = field(default_factory=list)
    wall_time_s: float = 0.0
    articles_per_s: float = 0.0
    output: str = ""
    errors_file: str = ""
    settings: dict[str, Any] = field(default_factory=dict)
    input_digest: str = ""  # of the whole input (every chunk's digest), to check a finished run's --resume


# ------------------------------------------------------------------ shared by both engines
def run_settings(inputs: Sequence[str | Path], opts: ScoreOptions) -> dict[str, Any]:
    """What must not change between a run and its resume: output shape, reading, model, dictionaries.

    Checks the model's files, the ONNX extra and the dictionary files on the way (a clear error before any work).
    """
    ActorDictionary.load(opts.actors)  # a bad --actors file fails here, naming file and line
    for item in inputs:
        if str(item) != "-" and "://" not in str(item) and not Path(item).exists():
            raise JobError(f"{item}: no such file or folder")
    check_inputs(inputs, opts.id_field, opts.text_field, also=opts.required_fields)  # a wrong type or field: before OUT
    check_model(opts.model)  # a bad config.json or weights file fails here, once, not in every worker
    if opts.quantize is Quantize.INT8:
        from claimcoder.model.onnx_backend import require_onnx  # imports no torch

        require_onnx()
    return {"format": opts.format.value, "chunk_size": opts.chunk_size, "id_field": opts.id_field,
            "text_field": opts.text_field, "all_sentences": opts.all_sentences, "max_chars": opts.max_chars,
            "model": model_fingerprint(opts.model), "quantize": opts.quantize.value if opts.quantize else None,
            "actors": [file_sha256(a)[:16] for a in opts.actors],
            **({"type_scores": True} if opts.type_scores else {})}  # recorded only when on: older runs still match


def check_settings(before: dict[str, Any], now: dict[str, Any], where: Path) -> None:
    """Refuse to continue a run whose settings (or model) differ from the ones it started with.

    Every key of either side is compared, so a setting recorded only when it is used still counts.
    """
    if not isinstance(before, dict):
        raise JobError(f"{where}: the recorded settings are damaged; use --overwrite to start again")
    changed = {k: (before.get(k), now.get(k)) for k in {**before, **now} if before.get(k) != now.get(k)}
    if changed:
        shown = lambda v: "not set" if v is None else repr(v)  # noqa: E731 - "quantize was not set, now 'int8'"
        what = "; ".join(f"{k} was {shown(b)}, now {shown(a)}" for k, (b, a) in changed.items())
        raise JobError(f"{where}: cannot resume with different settings ({what}); use --overwrite to start again")


@contextmanager
def output_errors(out: Path) -> Iterator[None]:
    """Turn a failure to write into ``out`` (read-only, full, no permission, ...) into a ``JobError``.

    The message names the folder, the file and the system's reason; whatever was finished stays
    on disk, so the same command with ``--resume`` continues once the folder is writable.
    """
    try:
        yield
    except OSError as exc:
        code = errno.errorcode.get(exc.errno or -1, "")
        reason = f"{exc.strerror} ({code})" if exc.strerror else str(exc)
        where = f" ({exc.filename})" if exc.filename else ""
        raise JobError(f"cannot write to the output folder {out}{where}: {reason}. Make room or make it writable "
                       "(or choose another --out), then run the same command with --resume") from exc


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold ``OUT/.claimcoder.lock`` for the run, so a second run in the same folder is refused.

    ``flock`` locks belong to the open file: the kernel drops this one when the process ends, however
    it ends, so a killed run never leaves a stale lock behind. The lock file stays (it is empty but for
    the holder's pid); removing it while held would let two runs lock two different files.
    """
    with output_errors(out):
        out.mkdir(parents=True, exist_ok=True)
        fd = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0),
                     0o666 & ~current_umask())
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
                raise JobError(f"{out} is in use by another claimcoder run (pid {holder}, lock {out / LOCK_NAME}): "
                               "wait for it to end, or choose another --out") from None
        with output_errors(out):
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def remove_temp_files(out: Path) -> list[Path]:
    """Remove the temporary files a killed run left in ``out`` and ``out/parts``; return them.

    Only ``atomic_write`` temporaries of the files a run writes are touched (the caller holds the
    lock, so no live run is writing them); a user's own files are left alone.
    """
    removed = []
    with output_errors(out):
        for folder in (out, out / "parts"):
            if not folder.is_dir():
                continue
            for path in folder.iterdir():
                m = _TEMP_NAME.fullmatch(path.name)
                if m and _RUN_FILES.fullmatch(m["name"]) and path.is_file() and not path.is_symlink():
                    path.unlink()
                    removed.append(path)
    return removed


def clear_out(out: Path) -> None:
    """Remove what a run writes into ``out`` (files, or Ray's folders of part files)."""
    with output_errors(out):
        for name in ("parts", "run.json", "errors.jsonl", "summary", "report.html", "articles.html",
                     *(f"claims.{f.value}" for f in OutputFormat)):
            target = out / name
            shutil.rmtree(target) if target.is_dir() and not target.is_symlink() else target.unlink(missing_ok=True)


def write_run(out: Path, stats: RunStats, errors: Iterable[dict[str, Any]]) -> RunStats:
    """Write ``errors.jsonl`` and then ``run.json`` (the mark of a finished run), atomically."""
    stats.errors_file = str(out / "errors.jsonl")
    with output_errors(out):
        with atomic_write(out / "errors.jsonl") as fh:
            for e in errors:
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")
        stats.articles_per_s = round(stats.articles_read / stats.wall_time_s, 2) if stats.wall_time_s else 0.0
        with atomic_write(out / "run.json") as fh:
            json.dump(asdict(stats), fh, indent=2)
    return stats


def _read_json(path: Path) -> Any:
    """A bookkeeping file of a run (``run.json``, a manifest); a ``JobError`` when it is damaged."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise JobError(f"{path}: cannot read this run's record ({exc}); use --overwrite to start again") from None


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
    record = _read_json(run_file)
    if not isinstance(record, dict):
        raise JobError(f"{run_file}: not a run record; use --overwrite to start again")
    known = {f.name for f in fields(RunStats)}
    stats = RunStats(**{k: v for k, v in record.items() if k in known})
    if "sentences_truncated" not in record:  # finished by a release that did not count them
        stats.sentences_truncated = None
    check_settings(stats.settings, settings, run_file)
    return stats


# ------------------------------------------------------------------------- input digests
def chunk_digest(items: Sequence[Article | ArticleError]) -> str:
    """A digest of everything in a chunk's input that shapes its rows and its error records."""
    h = hashlib.sha256()
    for item in items:
        if isinstance(item, Article):
            record: list[Any] = ["article", item.doc_id, item.text, item.meta]
        else:
            record = ["skipped", item.doc_id, item.origin, item.reason]
        h.update(json.dumps(record, sort_keys=True, default=str).encode("ascii") + b"\n")  # ASCII: any str encodes
    return h.hexdigest()


def input_digest(chunk_digests: Iterable[str]) -> str:
    """A digest of a whole input, from its chunks' digests in order."""
    return hashlib.sha256("\n".join(chunk_digests).encode("ascii")).hexdigest()


def _check_finished_input(inputs: Sequence[str | Path], opts: ScoreOptions, stats: RunStats) -> None:
    """Refuse ``--resume`` of a finished run whose input has changed since (its rows would be stale).

    The parts of a finished run are gone, so there is nothing to re-use: ``--overwrite`` scores it again.
    """
    if not stats.input_digest:  # a run recorded before input digests: nothing to compare with
        return
    items = iter_articles(inputs, opts.id_field, opts.text_field, opts.max_chars)
    if input_digest(chunk_digest(c) for c in _chunks(items, opts.chunk_size)) != stats.input_digest:
        raise JobError(f"{opts.out}: the input has changed since this run finished; use --overwrite to score it "
                       "again (or another --out)")


# -------------------------------------------------------------------- worker side
_WORKER: dict[str, Any] = {}


def _init_worker(spec: WorkerSpec) -> None:
    """Load the model once per process (or once in-process for one worker).

    A user's mistake (a bad model file) is kept and raised by the first chunk, so it reaches the
    driver as that ``UserError``, not as a broken process pool.
    """
    _WORKER.clear()  # in-process, a previous run's scorer or error must not linger
    try:
        _WORKER["scorer"] = spec.build()
    except UserError as exc:
        _WORKER["error"] = exc


def _init_pool_worker(spec: WorkerSpec, parent: int) -> None:
    """A worker process: die with the driver, then load the model."""
    die_with_parent(parent)
    _init_worker(spec)


#: What a chunk's manifest records of the release that scored it; a chunk of another is scored again on resume.
#: 2: spans decoded with the name-finishing fixes, and the sentences cut at max_length recorded (``truncated``).
SCORER_VERSION = 2


def _current(manifest: Any, digest: str) -> bool:
    """Whether a done chunk's rows still stand: scored from the same input, with this release's columns (a chunk
    scored before ``actor_confidence`` existed lacks it, and a summary filtering on it would fail on its rows) and
    this release's scorer (spans decoded another way would mix two decoders in one output)."""
    return (isinstance(manifest, dict) and manifest.get("digest") == digest and manifest.get("columns") == COLUMNS
            and manifest.get("scorer") == SCORER_VERSION)


def _score_chunk(index: int, items: list[Article | ArticleError], parts: Path, digest: str) -> dict[str, Any]:
    """Score one chunk and write its part files; return its manifest."""
    if "error" in _WORKER:
        raise _WORKER["error"]
    scorer = _WORKER["scorer"]
    articles = [a for a in items if isinstance(a, Article)]
    errors = [e.to_dict() for e in items if isinstance(e, ArticleError)]
    rows = scorer.score(articles)
    release_freed_memory()
    name = f"part-{index:06d}"
    manifest = {
        "chunk": index, "items": len(items), "first": items[0].doc_id, "last": items[-1].doc_id, "digest": digest,
        "columns": COLUMNS,  # rows of another release's columns are stale on --resume (see ``_current``)
        "scorer": SCORER_VERSION,
        "articles_scored": len(articles), "articles_failed": len(errors),
        "claims": sum(1 for r in rows if r.get("type")),
        "sentences": len({(r["doc_id"], r["sentence_index"]) for r in rows}) if scorer.all_sentences else None,
        "meta_columns": sorted({k for r in rows for k in r} - set(COLUMNS)), "errors": errors,
        "truncated": [{"doc_id": d, "sentence_index": i} for d, i in scorer.truncated],
    }
    with output_errors(parts.parent):
        with atomic_write(parts / f"{name}.jsonl") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        with atomic_write(parts / f"{name}.json") as fh:
            json.dump(manifest, fh, ensure_ascii=False)
    return manifest


# -------------------------------------------------------------------- driver side
def _chunks(items: Iterable[Article | ArticleError], size: int) -> Iterator[list[Article | ArticleError]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _estimate_total(inputs: Sequence[str | Path]) -> int | None:
    """Number of articles when it is cheap to know (for the progress bar's ETA); None otherwise.

    Only an estimate: an unreadable input gives None here and its clear error from the reader.
    """
    try:
        return _count_articles(inputs)
    except Exception:  # noqa: BLE001 - a damaged file is reported, with its name, when it is read
        return None


def _count_articles(inputs: Sequence[str | Path]) -> int | None:
    total = 0
    for item in inputs:
        p = Path(item)
        if str(item) == "-":
            return None
        if p.is_dir():
            total += sum(1 for _, _, files in os.walk(p) for f in files if f.lower().endswith(".txt"))  # as read
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
    started = parts.is_dir() and bool(_done_chunks(parts))  # a run that failed before its first chunk did nothing
    if started and not opts.resume:
        raise JobError(f"{opts.out} holds an interrupted run: add --resume to continue it, "
                       "or --overwrite to start again")
    settings_file = parts / "settings.json"
    with output_errors(opts.out):
        parts.mkdir(parents=True, exist_ok=True)
        if not started or not settings_file.is_file():
            with atomic_write(settings_file) as fh:
                json.dump(settings, fh)
            return parts
    check_settings(_read_json(settings_file), settings, opts.out)
    return parts


def _done_chunks(parts: Path) -> dict[int, Path]:
    """The manifests of the chunks already done, by chunk number."""
    return {int(m[1]): p for p in parts.glob("part-*.json") if (m := _PART_NAME.fullmatch(p.name))}


def _drop_chunk(parts: Path, index: int) -> None:
    """Forget a done chunk (manifest first: without it the chunk is not done, whatever else is left)."""
    with output_errors(parts.parent):
        for suffix in (".json", ".jsonl"):
            (parts / f"part-{index:06d}{suffix}").unlink(missing_ok=True)


def run_score(inputs: Sequence[str | Path], opts: ScoreOptions) -> RunStats:
    """Score ``inputs`` into ``opts.out`` with ``opts.engine``; resumable on this machine (module docstring)."""
    if Path(opts.out).exists() and not Path(opts.out).is_dir():
        raise JobError(f"{opts.out}: --out is a file; give a folder (it will hold claims.<format>, errors.jsonl and "
                       "run.json)")
    if opts.engine is Engine.RAY:
        from .ray_engine import run_score_ray

        with locked(opts.out):
            remove_temp_files(opts.out)
            return run_score_ray(inputs, opts)
    settings = run_settings(inputs, opts)
    with locked(opts.out):
        remove_temp_files(opts.out)
        finished = prepare_out(opts, settings)
        if finished is not None:
            _check_finished_input(inputs, opts, finished)
            return finished
        return _run_local(inputs, opts, settings)


def _run_local(inputs: Sequence[str | Path], opts: ScoreOptions, settings: dict[str, Any]) -> RunStats:
    """The local engine, with ``opts.out`` locked and ready."""
    start = time.perf_counter()
    parts = _prepare_parts(opts, settings)
    done = _done_chunks(parts)
    spec = WorkerSpec.from_options(opts)
    pool: ProcessPoolExecutor | None = None
    if opts.workers > 1:
        import multiprocessing as mp

        pool = ProcessPoolExecutor(opts.workers, mp_context=mp.get_context("spawn"), initializer=_init_pool_worker,
                                   initargs=(spec, os.getpid()))
    else:
        _init_worker(spec)
    bar = tqdm(total=_estimate_total(inputs), unit="article", desc="scoring", disable=not opts.progress,
               smoothing=0.1)
    in_flight: set[Future] = set()
    digests: list[str] = []
    resumed = rescored = 0
    try:
        items = iter_articles(inputs, opts.id_field, opts.text_field, opts.max_chars)
        for index, chunk in enumerate(_chunks(items, opts.chunk_size)):
            digest = chunk_digest(chunk)
            digests.append(digest)
            if index in done:
                manifest = _read_json(done[index])
                if _current(manifest, digest):
                    resumed += 1
                    bar.update(len(chunk))
                    continue
                rescored += 1  # its input, or the columns of a row, changed since: its rows are stale, score it again
                _drop_chunk(parts, index)
            if pool is None:
                _score_chunk(index, chunk, parts, digest)
                bar.update(len(chunk))
                continue
            if len(in_flight) >= 2 * opts.workers:  # bounded: memory stays flat whatever the input size
                finished_now, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                for f in finished_now:
                    bar.update(f.result()["items"])
            in_flight.add(pool.submit(_score_chunk, index, chunk, parts, digest))
        for f in in_flight:
            bar.update(f.result()["items"])
    finally:
        bar.close()
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    for index in done:
        if index >= len(digests):  # the input is shorter now: this chunk's articles are gone
            _drop_chunk(parts, index)
    manifests = _manifests(parts)
    target = _finalise(parts, manifests, opts)
    stats = RunStats(articles_read=sum(m["items"] for m in manifests),
                     articles_scored=sum(m["articles_scored"] for m in manifests),
                     articles_failed=sum(m["articles_failed"] for m in manifests),
                     sentences=sum(m["sentences"] or 0 for m in manifests) if opts.all_sentences else None,
                     claims=sum(m["claims"] for m in manifests), chunks_resumed=resumed, chunks_rescored=rescored,
                     output=str(target), wall_time_s=round(time.perf_counter() - start, 2), settings=settings,
                     input_digest=input_digest(digests))
    truncated = [t for m in manifests for t in m.get("truncated", [])]  # chunks of older releases: not counted
    stats.sentences_truncated, stats.truncated_examples = len(truncated), truncated[:TRUNCATED_EXAMPLES]
    write_run(opts.out, stats, (e for m in manifests for e in m["errors"]))
    shutil.rmtree(parts, ignore_errors=True)
    return stats


def _manifests(parts: Path) -> list[dict[str, Any]]:
    manifests = sorted((_read_json(p) for p in _done_chunks(parts).values()), key=lambda m: m["chunk"])
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
    with output_errors(opts.out):
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
