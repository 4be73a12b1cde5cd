"""Summaries of scored claims: who accuses whom, counts per actor, per-article profiles, a heatmap.

Reads any ``claimcoder score`` output: one file (JSONL, Parquet, CSV) or the Ray engine's folder of part files.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from claimcoder.data.io import DataError, Problem, atomic_write

from .options import OutputFormat

#: Part files in a folder written by the Ray engine (Ray names JSONL parts ``*.json``).
_PART_SUFFIXES = {".jsonl": "jsonl", ".json": "jsonl", ".parquet": "parquet", ".csv": "csv"}


def claim_files(path: str | Path) -> list[tuple[Path, str]]:
    """The files holding a ``claimcoder score`` output, each with its format.

    ``path`` is a claims file, a run folder (holding ``claims.<format>``), or a folder of
    part files (what the Ray engine writes as ``claims.<format>/``).
    """
    path = Path(path)
    if path.is_dir():
        for fmt in OutputFormat:
            if (path / f"claims.{fmt.value}").exists():
                return claim_files(path / f"claims.{fmt.value}")
        parts = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in _PART_SUFFIXES
                       and not p.name.startswith((".", "_")))
        if not parts:
            raise DataError([Problem(str(path), 0, "(folder)", "no claims.jsonl/.parquet/.csv and no part files")])
        return [(p, _PART_SUFFIXES[p.suffix.lower()]) for p in parts]
    if not path.is_file():
        raise DataError([Problem(str(path), 0, "(file)", "no such file or folder")])
    return [(path, _PART_SUFFIXES.get(path.suffix.lower(), "jsonl"))]


def read_claims(path: str | Path) -> Iterator[dict[str, Any]]:
    """Stream claim rows from a ``claimcoder score`` output: a file, a run folder, or a folder of part files."""
    for file, fmt in claim_files(path):
        yield from _READERS[fmt](file)


def _parquet_rows(path: Path) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=4096):
        yield from batch.to_pylist()


def _csv_rows(path: Path) -> Iterator[dict[str, Any]]:
    import csv

    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            yield {k: (v if v != "" else None) for k, v in row.items()}


def _jsonl_rows(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError([Problem(str(path), lineno, "(line)", f"bad JSON: {exc.msg}")]) from None


_READERS = {"jsonl": _jsonl_rows, "parquet": _parquet_rows, "csv": _csv_rows}


def summarize(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Counts per (actor, role, type), the source->target edge list, and per-article profiles."""
    by_actor: Counter = Counter()
    edges: Counter = Counter()
    articles: dict[str, Counter] = {}
    types: set[str] = set()
    for r in rows:
        ctype = r.get("type")
        profile = articles.setdefault(str(r["doc_id"]), Counter())
        if not ctype:
            continue
        types.add(ctype)
        profile[ctype] += 1
        src = r.get("source_actor") or "(unnamed)"
        tgt = r.get("target_actor") or "(none)"
        by_actor[(src, "source", ctype)] += 1
        if r.get("target_actor"):
            by_actor[(tgt, "target", ctype)] += 1
        edges[(src, tgt, ctype)] += 1
    return {"types": sorted(types), "by_actor": by_actor, "edges": edges, "articles": articles}


def actor_table(summary: dict[str, Any], top: int = 15) -> str:
    """A terminal table: the actors making and receiving the most claims, by type."""
    types = summary["types"]
    totals: Counter = Counter()
    for (actor, _role, _t), n in summary["by_actor"].items():
        totals[actor] += n
    head = f"{'actor':<28}" + "".join(f"{t[:10] + ' by':>15}{t[:10] + ' vs':>15}" for t in types)
    lines = [head, "-" * len(head)]
    for actor, _ in totals.most_common(top):
        cells = "".join(f"{summary['by_actor'][(actor, 'source', t)]:>15}{summary['by_actor'][(actor, 'target', t)]:>15}"
                        for t in types)
        lines.append(f"{actor[:27]:<28}{cells}")
    top_edges = sorted(summary["edges"].items(), key=lambda kv: -kv[1])[:10]
    lines += ["", "top who -> whom:"] + [f"  {s} -> {t} ({ty}): {n}" for (s, t, ty), n in top_edges]
    return "\n".join(lines)


def _write_csv(path: Path, header: list[str], rows: Iterable[list[Any]]) -> Path:
    import csv

    with atomic_write(path, newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def write_summary(summary: dict[str, Any], out_dir: str | Path, top: int = 20) -> list[Path]:
    """Write actors.csv, edges.csv, articles.csv and a who-accuses-whom heatmap PNG."""
    out_dir = Path(out_dir)
    types = summary["types"]
    by_count = lambda kv: (-kv[1], kv[0])  # noqa: E731 - most frequent first, then by name
    written = [
        _write_csv(out_dir / "actors.csv", ["actor", "role", "type", "count"],
                   ([*key, n] for key, n in sorted(summary["by_actor"].items(), key=by_count))),
        _write_csv(out_dir / "edges.csv", ["source_actor", "target_actor", "type", "count"],
                   ([*key, n] for key, n in sorted(summary["edges"].items(), key=by_count))),
        _write_csv(out_dir / "articles.csv", ["doc_id", *types, "total"],
                   ([doc, *(c[t] for t in types), sum(c.values())] for doc, c in summary["articles"].items())),
    ]
    png = heatmap(summary, out_dir / "who_accuses_whom.png", top=top)
    if png:
        written.append(png)
    return written


def heatmap(summary: dict[str, Any], path: Path, ctype: str = "accusation", top: int = 20) -> Path | None:
    """Source actor (rows) x target actor (columns) counts for one claim type."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    edges = {(s, t): n for (s, t, ty), n in summary["edges"].items() if ty == ctype and t != "(none)"}
    if not edges:
        return None
    src_tot: Counter = Counter()
    tgt_tot: Counter = Counter()
    for (s, t), n in edges.items():
        src_tot[s] += n
        tgt_tot[t] += n
    rows = [a for a, _ in src_tot.most_common(top)]
    cols = [a for a, _ in tgt_tot.most_common(top)]
    grid = np.array([[edges.get((s, t), 0) for t in cols] for s in rows])
    fig, ax = plt.subplots(figsize=(1.0 + 0.45 * len(cols), 1.5 + 0.4 * len(rows)))
    im = ax.imshow(grid, cmap="Reds")
    ax.set_xticks(range(len(cols)), labels=[c[:22] for c in cols], rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(rows)), labels=[r[:22] for r in rows], fontsize=8)
    for i in range(len(rows)):
        for j in range(len(cols)):
            if grid[i, j]:
                ax.text(j, i, str(grid[i, j]), ha="center", va="center", fontsize=7)
    ax.set_xlabel(f"target ({ctype})")
    ax.set_ylabel("source")
    ax.set_title(f"Who makes {ctype}s against whom")
    fig.colorbar(im, ax=ax, shrink=0.6)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp.png")
    fig.savefig(tmp, dpi=120)
    plt.close(fig)
    tmp.replace(path)
    return path
