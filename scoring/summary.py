"""Summaries of scored claims: who accuses whom, counts per actor, per-article profiles, a heatmap.

Reads any ``claimcoder score`` output: one file (JSONL, Parquet, CSV) or the Ray engine's folder of part files.
"""
from __future__ import annotations

import json
import textwrap
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from claimcoder.data.actor_dictionary import PRONOUNS
from claimcoder.data.errors import OptionError
from claimcoder.data.io import DataError, Problem, atomic_write, jsonl_lines

from .actors import MEMBER_SEPARATOR
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
        for parts in (path / "parts", path):  # a run folder whose job stopped, or the parts folder itself
            if (parts / "settings.json").is_file() and any(parts.glob("part-*")):
                raise DataError([Problem(str(path), 0, "(folder)", "a scoring run that has not finished (its "
                                         "chunks are in parts/): finish it with the same `claimcoder score` command "
                                         "and --resume, then read the run folder")])
        parts = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in _PART_SUFFIXES
                       and not p.name.startswith((".", "_")))
        if not parts:
            raise DataError([Problem(str(path), 0, "(folder)", "no claims.jsonl/.parquet/.csv and no part files")])
        return [(p, _PART_SUFFIXES[p.suffix.lower()]) for p in parts]
    if not path.is_file():
        raise DataError([Problem(str(path), 0, "(file)", "no such file or folder")])
    return [(path, _PART_SUFFIXES.get(path.suffix.lower(), "jsonl"))]


def run_inputs(path: str | Path) -> list[Path]:
    """The files a command reading a ``claimcoder score`` output reads: its claim files, and a run folder's
    ``run.json`` and ``errors.jsonl`` (what an output written over them would destroy)."""
    path = Path(path)
    files = [f for f, _ in claim_files(path)] if path.exists() else []
    folders = [path if path.is_dir() else path.parent]
    if path.name.startswith("claims."):  # a claims file, or the Ray engine's claims.<format>/ folder of parts
        folders.append(path.parent)
    return [path, *files, *(f / name for f in folders for name in ("run.json", "errors.jsonl"))]


def read_claims(path: str | Path) -> Iterator[dict[str, Any]]:
    """Stream claim rows from a ``claimcoder score`` output: a file, a run folder, or a folder of part files."""
    for file, fmt in claim_files(path):
        yield from _READERS[fmt](file)


def _parquet_rows(path: Path) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    file = pq.ParquetFile(path)
    _check_claim_fields(path, file.schema_arrow.names)
    for batch in file.iter_batches(batch_size=4096):
        yield from batch.to_pylist()


def _csv_rows(path: Path) -> Iterator[dict[str, Any]]:
    import csv

    try:
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            _check_claim_fields(path, reader.fieldnames or [])
            for row in reader:
                yield {k: (v if v != "" else None) for k, v in row.items()}
    except UnicodeDecodeError as exc:
        raise DataError([Problem(str(path), 0, "(file)", f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
                        ) from None


def _jsonl_rows(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, "rb") as fh:
        for lineno, row, problem in jsonl_lines(fh):  # the project's one JSON-lines decoder
            if problem is not None:
                raise DataError([Problem(str(path), lineno, *problem)])
            if not isinstance(row, dict):
                raise DataError([Problem(str(path), lineno, "(line)", "not a JSON object: each line of a claims "
                                         "file is one claim row written by `claimcoder score`")])
            if "doc_id" not in row:
                raise DataError([Problem(str(path), lineno, "doc_id", "missing: this is not a claims row written by "
                                         "`claimcoder score` (score the articles first, then read the run folder)")])
            yield row


def _check_claim_fields(path: Path, fields: Sequence[str]) -> None:
    """A table of claims has a ``doc_id`` column; anything else (the articles, a summary) is named as such."""
    if "doc_id" not in fields:
        raise DataError([Problem(str(path), 1, "doc_id", "no such column: this is not a claims table written by "
                                 "`claimcoder score` (score the articles first, then read the run folder)")])


_READERS = {"jsonl": _jsonl_rows, "parquet": _parquet_rows, "csv": _csv_rows}


#: What ``summarize`` counts by: each actor, or the country each actor stands for.
BY = ("actor", "country")
NO_SOURCE, NO_TARGET, NO_COUNTRY, UNRESOLVED = "(unnamed)", "(none)", "(no country)", "(unresolved pronoun)"


def country_of(code: str | None, kind: str | None, affiliation: str | None) -> str | None:
    """The country an actor stands for: its own code when it is a country, else its affiliation (outputs
    written before actors had a kind: the actor's code)."""
    if kind == "country":
        return code or affiliation
    if affiliation:
        return affiliation
    return code if kind is None else None


def _split(value: Any, sep: str, n: int) -> list[Any]:
    """A cell of a span naming several actors, split back into one value per actor."""
    if n == 1:
        return [value]
    parts = str(value).split(sep) if value not in (None, "") else []
    return [(p.strip() or None) for p in parts] + [None] * (n - len(parts)) if len(parts) <= n else [value] * n


def members(row: Mapping[str, Any], role: str) -> list[dict[str, Any]]:
    """The actors of one role of a claim row, one dict each (``actor``, ``code``, ``kind``, ``affiliation``): a
    span naming several actors ("Russia | Iran", codes "RUS|IRN") gives one per actor; no actor gives []."""
    name = row.get(f"{role}_actor")
    if not name:
        return []
    names = [n.strip() for n in str(name).split(MEMBER_SEPARATOR)]
    codes = _split(row.get(f"{role}_actor_code") or None, "|", len(names))
    affs = _split(row.get(f"{role}_affiliation_code") or None, "|", len(names))
    kind = row.get(f"{role}_actor_kind") or None
    return [{"actor": n, "code": code, "affiliation": aff,
             "kind": kind if len(names) == 1 or kind != "group" else ("country" if code else None)}
            for n, code, aff in zip(names, codes, affs)]


def actor_key(name: str | None, kind: str | None) -> str | None:
    """What an actor counts as in a table by actor: its name, but one pronoun the resolver found no one for
    ("she", kind unknown) counts as ``UNRESOLVED``, not as an actor called "she" gathering every article's."""
    if name and kind is None and name.strip().lower() in PRONOUNS:
        return UNRESOLVED
    return name


def countries(member: Mapping[str, Any]) -> list[str]:
    """The countries (or organisations) one actor stands for, one code each: a body tied to several ("the E3",
    affiliation "GBR|FRA|DEU") counts for each; [] where the text ties it to none."""
    value = country_of(member.get("code"), member.get("kind"), member.get("affiliation"))
    return [c.strip() for c in str(value).split("|") if c.strip()] if value else []


def role_keys(row: dict[str, Any], role: str, by: str = "actor") -> list[str | None]:
    """What one role of a row counts as: the actor's name(s), or with ``by="country"`` their country code(s);
    a span naming several actors, or a body tied to several countries, counts for each. None where the claim
    has no actor in that role."""
    actors = members(row, role)
    if not actors:
        return [None]
    if by == "actor":
        return [actor_key(m["actor"], m["kind"]) for m in actors]
    return [c for m in actors for c in (countries(m) or [NO_COUNTRY])]


def confident(row: dict[str, Any], at_least: float, field: str = "actor_confidence") -> bool:
    """Whether every actor of a claim row has a confidence (``{role}_{field}``) of ``at_least`` or more (a role with
    no actor passes). A row scored before resolutions had a confidence is an ``OptionError``: score it again."""
    for role in ("source", "target"):
        if not row.get(f"{role}_actor"):
            continue
        value = row.get(f"{role}_{field}")
        if value in (None, ""):
            raise OptionError(f"--min-confidence: the claims of document {row.get('doc_id')!r} have no "
                              f"{role}_actor_confidence (scored by an earlier release); score them again, or leave "
                              "--min-confidence out")
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise OptionError(f"--min-confidence: document {row.get('doc_id')!r} has {role}_actor_confidence "
                              f"{value!r}, not a number: is this file the output of `claimcoder score`?") from None
        if number < at_least:
            return False
    return True


def summarize(rows: Iterable[dict[str, Any]], by: str = "actor", min_confidence: float | None = None
              ) -> dict[str, Any]:
    """Counts per (actor, role, type), the source->target edge list, and per-article profiles.

    ``by="country"`` counts each actor as the country it stands for (``country_of``): a minister, her
    ministry and her government all count for their country, so dyads are country -> country.
    ``min_confidence``: count only claims whose actors all have at least this ``actor_confidence`` (the
    others are left out of every count, and ``dropped`` says how many), to count dyads the resolver is sure of.
    """
    if by not in BY:
        raise OptionError(f"--by {by}: use one of {', '.join(BY)}")
    if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:
        raise OptionError(f"--min-confidence {min_confidence}: give a number from 0 to 1")
    dropped = 0
    by_actor: Counter = Counter()
    edges: Counter = Counter()
    articles: dict[str, Counter] = {}
    types: set[str] = set()
    for r in rows:
        ctype = r.get("type")
        profile = articles.setdefault(str(r["doc_id"]), Counter())
        if not ctype:
            continue
        if min_confidence is not None and not confident(r, min_confidence):
            dropped += 1
            continue
        types.add(ctype)
        profile[ctype] += 1
        sources = [k or NO_SOURCE for k in role_keys(r, "source", by)]
        targets = [k for k in role_keys(r, "target", by) if k]
        for src in sources:
            by_actor[(src, "source", ctype)] += 1
            for tgt in targets or [NO_TARGET]:
                edges[(src, tgt, ctype)] += 1
        for tgt in targets:
            by_actor[(tgt, "target", ctype)] += 1
    return {"by": by, "types": sorted(types), "by_actor": by_actor, "edges": edges, "articles": articles,
            "min_confidence": min_confidence, "dropped": dropped}


def label(key: str, by: str = "actor", width: int = 28, dictionary: Any = None) -> str:
    """A table label: a country code with its name ("United States (USA)"), shortened at a word boundary with
    an ellipsis, never inside a word."""
    if by == "country" and dictionary is not None and not key.startswith("("):
        actor = dictionary.by_code(key)
        if actor is not None:
            key = f"{actor.name} ({key})"
    return shorten(key, width)


def shorten(text: str, width: int) -> str:
    """``text`` cut at a word boundary to ``width`` characters with an ellipsis; a first word longer than
    ``width`` is kept whole rather than cut."""
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    short = textwrap.shorten(text, width=width, placeholder=" …")
    if short.strip() != "…":
        return short
    return text.split()[0] + (" …" if len(text.split()) > 1 else "")


def actor_table(summary: dict[str, Any], top: int = 15, dictionary: Any = None) -> str:
    """A terminal table: the actors (or countries) making and receiving the most claims, by type."""
    by = summary.get("by", "actor")
    types = summary["types"]
    totals: Counter = Counter()
    for (actor, _role, _t), n in summary["by_actor"].items():
        totals[actor] += n
    cols = [f"{t} {d}" for t in types for d in ("by", "vs")]
    widths = [max(len(c), 5) + 2 for c in cols]
    name_w = 30
    head = f"{by:<{name_w}}" + "".join(f"{c:>{w}}" for c, w in zip(cols, widths))
    lines = [head, "-" * len(head)]
    for actor, _ in totals.most_common(top):
        counts = [summary["by_actor"][(actor, role, t)] for t in types for role in ("source", "target")]
        lines.append(f"{label(actor, by, name_w - 2, dictionary):<{name_w}}"
                     + "".join(f"{n:>{w}}" for n, w in zip(counts, widths)))
    top_edges = sorted(summary["edges"].items(), key=lambda kv: -kv[1])[:10]
    lines += ["", "top who -> whom:"] + [
        f"  {label(s, by, 60, dictionary)} -> {label(t, by, 60, dictionary)} ({ty}): {n}"
        for (s, t, ty), n in top_edges]
    return "\n".join(lines)


def _write_csv(path: Path, header: list[str], rows: Iterable[list[Any]]) -> Path:
    import csv

    with atomic_write(path, newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def write_summary(summary: dict[str, Any], out_dir: str | Path, top: int = 20, dictionary: Any = None,
                  source: str | Path | None = None) -> list[Path]:
    """Write actors.csv (or countries.csv with ``by="country"``), edges.csv, articles.csv, a
    who-accuses-whom heatmap PNG and summary.json.

    summary.json records what the tables count: the claims file they were read from (``source``), ``by``, the
    ``--min-confidence`` filter and how many claims it left out, so a table read later, away from the
    terminal that printed it, still says whether it holds every claim or only the confident ones.
    """
    out_dir = Path(out_dir)
    by = summary.get("by", "actor")
    types = summary["types"]
    by_count = lambda kv: (-kv[1], kv[0])  # noqa: E731 - most frequent first, then by name
    named = by == "country" and dictionary is not None

    def name(code: str) -> list[str]:
        actor = dictionary.by_code(code) if named else None
        return [actor.name if actor is not None else ""] if named else []
    written = [
        _write_csv(out_dir / f"{by}s.csv" if by == "actor" else out_dir / "countries.csv",
                   [by, *(["name"] if named else []), "role", "type", "count"],
                   ([key[0], *name(key[0]), *key[1:], n] for key, n in sorted(summary["by_actor"].items(),
                                                                               key=by_count))),
        _write_csv(out_dir / "edges.csv", [f"source_{by}", f"target_{by}", "type", "count"],
                   ([*key, n] for key, n in sorted(summary["edges"].items(), key=by_count))),
        _write_csv(out_dir / "articles.csv", ["doc_id", *types, "total"],
                   ([doc, *(c[t] for t in types), sum(c.values())] for doc, c in summary["articles"].items())),
    ]
    png = heatmap(summary, out_dir / "who_accuses_whom.png", top=top, dictionary=dictionary)
    if png:
        written.append(png)
    else:  # no accusation with a target: a heatmap from an earlier summary must not outlive its data
        (out_dir / "who_accuses_whom.png").unlink(missing_ok=True)
    if (out_dir / "summary.json").exists():  # an earlier summary here, by the other key: its table goes too
        (out_dir / ("countries.csv" if by == "actor" else "actors.csv")).unlink(missing_ok=True)
    written.append(_write_json(out_dir / "summary.json", provenance(summary, source, [p.name for p in written])))
    return written


def provenance(summary: dict[str, Any], source: str | Path | None, files: Sequence[str]) -> dict[str, Any]:
    """What a written summary counts, for summary.json."""
    from claimcoder.data.version import __version__

    return {"claimcoder_version": __version__, "claims_from": str(source) if source is not None else None,
            "claims_files": [str(f.resolve()) for f, _ in claim_files(source)] if source is not None else [],
            "by": summary.get("by", "actor"), "min_confidence": summary.get("min_confidence"),
            "left_out": summary.get("dropped", 0),
            "claims_counted": sum(sum(c.values()) for c in summary["articles"].values()),
            "articles": len(summary["articles"]), "types": summary["types"], "files": [*files, "summary.json"]}


def _write_json(path: Path, obj: dict[str, Any]) -> Path:
    with atomic_write(path) as fh:
        json.dump(obj, fh, indent=2, ensure_ascii=False)
        fh.write("\n")
    return path


def wrap_label(text: str, width: int = 22, lines: int = 2) -> str:
    """A picture label on up to ``lines`` lines of about ``width`` characters, broken between words only;
    what does not fit ends in an ellipsis after a whole word."""
    return textwrap.fill(" ".join(str(text).split()), width=width, max_lines=lines, placeholder=" …",
                         break_long_words=False, break_on_hyphens=False)


def heatmap_axes(edges: dict[tuple[str, str], int], top: int) -> tuple[list[str], list[str]]:
    """The heatmap's sources (rows) and targets (columns), at most ``top`` each, taken edge by edge from the
    strongest (ties by name) where both ends fit: the largest dyads are drawn and no row or column is empty.
    (Taking the top sources and the top targets apart left rows blank and dropped edges of two and more.)"""
    rows: list[str] = []
    cols: list[str] = []
    for (s, t), _ in sorted(edges.items(), key=lambda kv: (-kv[1], kv[0])):
        if (s in rows or len(rows) < top) and (t in cols or len(cols) < top):
            rows += [s] if s not in rows else []
            cols += [t] if t not in cols else []
    return rows, cols


def heatmap(summary: dict[str, Any], path: Path, ctype: str = "accusation", top: int = 20,
            dictionary: Any = None) -> Path | None:
    """Source actor (rows) x target actor (columns) counts for one claim type."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    by = summary.get("by", "actor")
    edges = {(s, t): n for (s, t, ty), n in summary["edges"].items() if ty == ctype and t != NO_TARGET}
    if not edges:
        return None
    rows, cols = heatmap_axes(edges, top)
    grid = np.array([[edges.get((s, t), 0) for t in cols] for s in rows])
    names = lambda keys: [wrap_label(label(k, by, 200, dictionary)) for k in keys]  # noqa: E731
    fig = Figure(figsize=(max(5.5, 2.5 + 0.5 * len(cols)), max(4.0, 2.2 + 0.45 * len(rows))))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    im = ax.imshow(grid, cmap="Reds")
    ax.set_xticks(range(len(cols)), labels=names(cols), rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(rows)), labels=names(rows), fontsize=8)
    for i in range(len(rows)):
        for j in range(len(cols)):
            if grid[i, j]:
                ax.text(j, i, str(grid[i, j]), ha="center", va="center", fontsize=7)
    ax.set_xlabel(f"target ({ctype})")
    ax.set_ylabel("source")
    at_least = summary.get("min_confidence")
    ax.set_title(wrap_label(f"Who makes {ctype}s against whom" + (" (by country)" if by == "country" else "")
                            + (f", actors' confidence {at_least:g} or more" if at_least is not None else ""),
                            width=45, lines=3), fontsize=10)
    fig.colorbar(im, ax=ax, shrink=0.6)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp.png")
    fig.savefig(tmp, dpi=120)
    tmp.replace(path)
    return path


def summarize_claims(claims: str | Path, out_dir: str | Path, by: str = "actor",
                     actors: Sequence[str | Path] = (), min_confidence: float | None = None
                     ) -> tuple[str, list[Path]]:
    """What ``claimcoder summarize`` does: read a score output, count by actor or country, write the summary
    files to ``out_dir``; the terminal table and the files written. ``actors``: the user's dictionaries, for
    country names; ``min_confidence``: see ``summarize``."""
    from claimcoder.data.actor_dictionary import ActorDictionary

    dictionary = ActorDictionary.load(actors) if by == "country" else None
    summary = summarize(read_claims(claims), by=by, min_confidence=min_confidence)
    table = actor_table(summary, dictionary=dictionary)
    if min_confidence is not None:
        table += (f"\n{summary['dropped']} claims left out: an actor's confidence under {min_confidence:g} "
                  "(column source/target_actor_confidence)")
    return table, write_summary(summary, out_dir, dictionary=dictionary, source=claims)
