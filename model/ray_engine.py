"""The same scorer on Ray Data, for inputs bigger than one machine (``pip install claimcoder[ray]``).

Ray reads Parquet or JSONL, runs ``RayArticleScorer`` in ``map_batches`` (the
model is loaded once per worker; concurrency and GPUs per worker are options)
and writes a folder of Parquet or JSONL part files. Resuming is Ray's job here:
rerun on the unfinished inputs. Rows match the local engine's claim for claim.
"""
from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from .bulk import JobError, RunStats, ScoreOptions
from .scorer import RayArticleScorer


def run_score_ray(inputs: Sequence[str | Path], opts: ScoreOptions, address: str | None = None,
                  num_gpus: float = 0.0) -> RunStats:
    """Score ``inputs`` (Parquet or JSONL files/folders) with Ray Data into ``opts.out``."""
    try:
        import ray
    except ImportError:
        raise JobError("--engine ray needs Ray: pip install 'claimcoder[ray]'") from None
    kinds = {Path(i).suffix.lower() for i in inputs}
    if kinds - {".parquet", ".jsonl", ".json"} or len(kinds) != 1:
        raise JobError("--engine ray reads Parquet or JSONL files (one kind per run); "
                       f"got {', '.join(str(i) for i in inputs)}")
    target = opts.out / ("claims.parquet" if opts.format == "parquet" else "claims.jsonl")
    if target.exists() and not opts.overwrite:
        raise JobError(f"{target} exists: use --overwrite, or another --out")
    start = time.perf_counter()
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, ignore_reinit_error=True, log_to_driver=False)
    paths = [str(i) if "://" in str(i) else str(Path(i).resolve()) for i in inputs]  # s3://, gs://, ... as given
    ds = ray.data.read_parquet(paths) if kinds == {".parquet"} else ray.data.read_json(paths, lines=True)
    n_articles = ds.count()
    concurrency = max(1, opts.workers)
    if not num_gpus:  # scorer actors must leave a CPU for Ray's read and write tasks, or the job waits forever
        cpus = int(ray.cluster_resources().get("CPU", 1))
        concurrency = max(1, min(concurrency, cpus - 1))
    scored = ds.map_batches(
        RayArticleScorer,
        fn_constructor_kwargs={"model_dir": str(opts.model) if opts.model else None, "actor_files": opts.actors,
                               "batch_size": opts.batch_size, "all_sentences": opts.all_sentences,
                               "quantize": opts.quantize, "id_field": opts.id_field, "text_field": opts.text_field,
                               "threads": opts.threads or 1},
        batch_size=opts.chunk_size, batch_format="numpy", concurrency=concurrency, num_cpus=1, num_gpus=num_gpus)
    scored = scored.materialize()
    n_rows = scored.count()
    if opts.format == "parquet":
        scored.write_parquet(str(target))
    else:
        scored.write_json(str(target))
    wall = time.perf_counter() - start
    claims = n_rows if not opts.all_sentences else scored.filter(lambda r: r["type"] is not None).count()
    return RunStats(articles_read=n_articles, articles_scored=n_articles, claims=claims, wall_time_s=round(wall, 2),
                    articles_per_s=round(n_articles / wall, 2) if wall else 0.0, output=str(target))
