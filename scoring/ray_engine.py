"""The same scorer on Ray Data, for inputs bigger than one machine (``pip install claimcoder[ray]``).

Ray reads Parquet or JSONL, runs ``RayArticleScorer`` in ``map_batches`` (the model is
loaded once per worker, by the same ``WorkerSpec`` as the local engine; concurrency and
GPUs per worker are options) and writes ``claims.<format>/``, a folder of Parquet, JSONL
or CSV part files, with ``errors.jsonl`` and ``run.json`` beside it as the local engine
does. Articles are checked as the local engine checks them (no text, empty, over
``--max-chars``: recorded in ``errors.jsonl``). Metadata columns are written as text.
Rows match the local engine's claim for claim. There is no ``--resume``: Ray's part
files do not line up with the input, so an interrupted run is redone with ``--overwrite``.
"""
from __future__ import annotations

import math
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from claimcoder.data.articles import Article, ArticleError, _from_records

from .columns import COLUMNS, arrow_table
from .job import RunStats, prepare_out, run_settings, write_run
from .options import JobError, OutputFormat, ScoreOptions
from .worker import WorkerSpec, release_freed_memory

#: Extra columns that carry a skipped article through Ray to ``errors.jsonl``.
_ERROR, _ORIGIN = "_error", "_origin"


class RayArticleScorer:
    """A callable class for Ray Data ``map_batches``: loads the model once per worker."""

    def __init__(self, spec: WorkerSpec, id_field: str, text_field: str, max_chars: int):
        self.scorer = spec.build()
        self.id_field, self.text_field, self.max_chars = id_field, text_field, max_chars

    def __call__(self, batch: dict[str, Any]):
        import pyarrow as pa

        n = len(next(iter(batch.values()))) if batch else 0
        records = ((f"Ray batch row {i + 1}", {k: _plain(v[i]) for k, v in batch.items()}) for i in range(n))
        items = list(_from_records(records, self.id_field, self.text_field, self.max_chars))
        rows = self.scorer.score([a for a in items if isinstance(a, Article)])
        release_freed_memory()
        errors = [e for e in items if isinstance(e, ArticleError)]
        rows += [{"doc_id": e.doc_id} for e in errors]
        table = arrow_table(rows, sorted({k for r in rows for k in r} - set(COLUMNS)))
        pad = [None] * (len(rows) - len(errors))
        table = table.append_column(_ERROR, pa.array(pad + [e.reason for e in errors], pa.string()))
        return table.append_column(_ORIGIN, pa.array(pad + [e.origin for e in errors], pa.string()))


def _plain(value: Any) -> Any:
    """A numpy cell as a plain Python value; NaN (how Ray's JSON reader spells a missing value) as None."""
    value = value.item() if hasattr(value, "item") else value
    return None if isinstance(value, float) and math.isnan(value) else value


def _claims_only(table):
    import pyarrow.compute as pc

    return table.filter(pc.is_null(table[_ERROR])).drop_columns([_ERROR, _ORIGIN])


def _errors_only(table):
    import pyarrow.compute as pc

    return table.filter(pc.is_valid(table[_ERROR])).select(["doc_id", _ORIGIN, _ERROR])


def _tally(table):
    """Claims and sentences in one block (the rows of one scorer call, so no sentence spans two blocks)."""
    import pyarrow as pa

    pairs = set(zip(table["doc_id"].to_pylist(), table["sentence_index"].to_pylist()))
    return pa.table({"claims": [table.num_rows - table["type"].null_count], "sentences": [len(pairs)]})


def run_score_ray(inputs: Sequence[str | Path], opts: ScoreOptions) -> RunStats:
    """Score ``inputs`` (Parquet or JSONL files/folders) with Ray Data into ``opts.out``."""
    try:
        import ray
    except ImportError:
        raise JobError("--engine ray needs Ray: pip install 'claimcoder[ray]'") from None
    if opts.resume:
        raise JobError("--resume does not work with --engine ray (Ray's part files do not line up with the input): "
                       "redo the run with --overwrite, or score the inputs not yet done into another --out")
    kinds = {Path(i).suffix.lower() for i in inputs}
    if kinds - {".parquet", ".jsonl", ".json"} or len(kinds) != 1:
        raise JobError("--engine ray reads Parquet or JSONL files (one kind per run); "
                       f"got {', '.join(str(i) for i in inputs)}")
    settings = run_settings(inputs, opts)
    prepare_out(opts, settings)  # --resume was refused above: this clears (--overwrite) or refuses
    target = opts.out / f"claims.{opts.format.value}"
    if target.exists():
        raise JobError(f"{target} exists (an unfinished Ray run): use --overwrite, or another --out")
    start = time.perf_counter()
    if not ray.is_initialized():
        ray.init(address=opts.ray_address, include_dashboard=False, ignore_reinit_error=True, log_to_driver=False)
    paths = [str(i) if "://" in str(i) else str(Path(i).resolve()) for i in inputs]  # s3://, gs://, ... as given
    ds = ray.data.read_parquet(paths) if kinds == {".parquet"} else ray.data.read_json(paths, lines=True)
    n_articles = ds.count()
    concurrency = max(1, opts.workers)
    if not opts.num_gpus:  # scorer actors must leave a CPU for Ray's read and write tasks, or the job waits forever
        cpus = int(ray.cluster_resources().get("CPU", 1))
        concurrency = max(1, min(concurrency, cpus - 1))
    scored = ds.map_batches(
        RayArticleScorer, fn_constructor_args=(WorkerSpec.from_options(opts), opts.id_field, opts.text_field,
                                               opts.max_chars),
        batch_size=opts.chunk_size, batch_format="numpy", concurrency=concurrency, num_cpus=1,
        num_gpus=opts.num_gpus).materialize()
    errors = [{"doc_id": e["doc_id"], "origin": e[_ORIGIN], "reason": e[_ERROR]}
              for e in scored.map_batches(_errors_only, batch_format="pyarrow", batch_size=None).take_all()]
    claims = scored.map_batches(_claims_only, batch_format="pyarrow", batch_size=None)
    tally = claims.map_batches(_tally, batch_format="pyarrow", batch_size=None).take_all()
    write = {OutputFormat.JSONL: claims.write_json, OutputFormat.PARQUET: claims.write_parquet,
             OutputFormat.CSV: claims.write_csv}[opts.format]
    write(str(target))
    stats = RunStats(articles_read=n_articles, articles_scored=n_articles - len(errors), articles_failed=len(errors),
                     sentences=sum(t["sentences"] for t in tally) if opts.all_sentences else None,
                     claims=sum(t["claims"] for t in tally), output=str(target),
                     wall_time_s=round(time.perf_counter() - start, 2), settings=settings,
                     sentences_truncated=None)  # cut sentences are not gathered from Ray's workers
    return write_run(opts.out, stats, errors)


__all__ = ["RayArticleScorer", "run_score_ray"]
