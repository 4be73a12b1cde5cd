"""Dyadic event data from scored claims: who claimed what against whom, and when.

Event-data users (political scientists, newsroom data teams) work with records of
*source, target, event category, date*, counted by period and dyad. A claim row has
all of it but the date, which comes from one of the scored input's fields
(``--date-field``, carried through as a metadata column). Claim types map to
PLOVER-style categories (see ``PLOVER``; the README says where they differ from the
codebook). A claim whose date is missing or unparseable is never dropped silently: it
goes to ``undated.csv`` with the reason, and the counts come back in ``EventExport``.

Free of torch; pictures are drawn on matplotlib ``Figure`` objects (Agg), the network
laid out by networkx.
"""
from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from claimcoder.data.errors import OptionError, UserError
from claimcoder.data.io import atomic_write

from .columns import COLUMNS
from .summary import (NO_COUNTRY, NO_SOURCE, NO_TARGET, actor_key, confident, countries, country_of, members,
                      read_claims, shorten, wrap_label)

#: Claim type -> PLOVER-style event category (the codebook's types are narrower; README: "export events").
PLOVER = {"accusation": "ACCUSE", "denial": "REJECT", "demand_explanation": "REQUEST"}
FREQS = ("day", "week", "month")
LEVELS = ("actor", "country")
#: Colour of each claim type in the pictures (other types are grey).
TYPE_COLOURS = {"accusation": "#c0392b", "denial": "#2471a3", "demand_explanation": "#d68910"}
EVENT_COLUMNS = ["date", "period", "source_actor", "source_code", "source_kind", "source_affiliation",
                 "source_country", "source_confidence", "target_actor", "target_code", "target_kind",
                 "target_affiliation", "target_country", "target_confidence", "claim_type", "plover", "score", "doc_id",
                 "sentence_index", "sentence"]
DYAD_COLUMNS = ["period", "source", "source_code", "target", "target_code", "claim_type", "plover", "events",
                "mean_score"]
UNDATED_COLUMNS = ["doc_id", "sentence_index", "claim_type", "date_value", "reason"]


@dataclass
class EventExport:
    """What ``export_events`` did: how many claims became dated events, how many did not and why."""

    claims: int = 0
    events: int = 0
    missing_date: int = 0
    unparseable_date: int = 0
    date_field: str = ""
    freq: str = "week"
    level: str = "actor"
    first: str | None = None
    last: str | None = None
    dyads: int = 0
    #: ``--min-confidence`` and the dated claims it left out (an actor's ``actor_confidence`` under it).
    min_confidence: float | None = None
    unconfident: int = 0
    #: The first few undated claims: doc_id, sentence_index, date_value, reason.
    undated_examples: list[dict[str, Any]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ one row -> one event
def as_int(value: Any) -> int | None:
    """An integer cell from any output format (CSV gives text)."""
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def as_float(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


#: The country (or organisation) an actor stands for; one rule for summaries and events.
actor_country = country_of


_NO_ACTOR: dict[str, Any] = {"actor": None, "code": None, "kind": None, "affiliation": None}


def to_events(row: Mapping[str, Any], claim: int | None = None) -> list[dict[str, Any]]:
    """The undated event records of one claim row (``date`` and ``period`` are filled in by the caller): one
    per source actor and target actor, so a span naming several ("Russia | Iran") gives a dyad each, as the
    summaries count it. ``claim`` numbers the row (kept as ``_claim``, written to no file) so that a picture
    counts the claims an actor made once, not once per target."""
    ctype = row.get("type")
    shared = {"claim_type": ctype, "plover": PLOVER.get(ctype), "score": as_float(row.get("score")),
              "doc_id": None if row.get("doc_id") is None else str(row["doc_id"]),
              "sentence_index": as_int(row.get("sentence_index")), "sentence": row.get("sentence")}
    roles = {}
    for role in ("source", "target"):
        confidence = as_float(row.get(f"{role}_actor_confidence"))
        roles[role] = [{f"{role}_actor": m["actor"], f"{role}_code": m["code"], f"{role}_kind": m["kind"],
                        f"{role}_affiliation": m["affiliation"],
                        f"{role}_country": "|".join(countries(m)) or None if m["actor"] else None,
                        f"{role}_confidence": confidence} for m in members(row, role) or [_NO_ACTOR]]
    return [{"date": None, "period": None, **src, **tgt, **shared, "_claim": claim}
            for src in roles["source"] for tgt in roles["target"]]


def to_event(row: Mapping[str, Any]) -> dict[str, Any]:
    """The undated event record of a claim row that names one actor in each role (the first of ``to_events``)."""
    return to_events(row)[0]


def dyads(event: Mapping[str, Any], level: str = "actor") -> list[tuple[str, str | None, str, str | None]]:
    """(source, source code, target, target code) of an event at ``level``: its actors, or their countries (a
    body tied to several countries, "the E3" as GBR, FRA and DEU, gives a dyad for each)."""
    if level == "country":
        def sides(role: str, none: str) -> list[str]:
            found = [c for c in (event[f"{role}_country"] or "").split("|") if c]
            return found or [NO_COUNTRY if event[f"{role}_actor"] else none]
        return [(s, None if s.startswith("(") else s, t, None if t.startswith("(") else t)
                for s in sides("source", NO_SOURCE) for t in sides("target", NO_TARGET)]
    return [(actor_key(event["source_actor"], event["source_kind"]) or NO_SOURCE, event["source_code"],
             actor_key(event["target_actor"], event["target_kind"]) or NO_TARGET, event["target_code"])]


def parse_date(value: Any) -> date | None:
    """The calendar date of an ISO 8601 date or date-time (as written: no time-zone shift), or None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text[-1:] in ("Z", "z"):  # Python 3.10's fromisoformat does not read the Z suffix
        text = text[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        return None


def period_start(day: date, freq: str) -> date:
    """The first day of the period holding ``day``: itself, its ISO week's Monday, or the 1st of its month."""
    if freq == "week":
        return day - timedelta(days=day.weekday())
    if freq == "month":
        return day.replace(day=1)
    return day


def _periods(first: date, last: date, freq: str) -> list[date]:
    """Every period start from ``first`` to ``last`` (so quiet periods count as zero in the picture)."""
    out, current = [], period_start(first, freq)
    while current <= last:
        out.append(current)
        if freq == "month":
            current = (current.replace(day=28) + timedelta(days=4)).replace(day=1)
        else:
            current += timedelta(days=7 if freq == "week" else 1)
    return out


def check_choice(name: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise OptionError(f"--{name} {value!r}: choose one of {', '.join(choices)}")


def dated_events(rows: Iterable[Mapping[str, Any]], date_field: str, freq: str, source: str = "claims",
                 stats: EventExport | None = None, min_confidence: float | None = None
                 ) -> Iterator[tuple[dict[str, Any], str | None, Any]]:
    """``(event, problem, raw date)`` for every claim row (a dated row gives an event per dyad of its actors);
    ``problem`` is None for a dated event, else 'missing' or 'unparseable'. Rows without a claim
    (``--all-sentences``) are not events. With ``min_confidence``, a dated claim with an actor under it gives
    no event and is counted in ``stats.unconfident``.

    Raises a ``UserError`` naming the field when no claim row has it at all (a wrong ``--date-field``).
    """
    stats = stats if stats is not None else EventExport()
    seen: set[str] = set()
    field_found = False
    for row in rows:
        if not row.get("type"):
            continue
        stats.claims += 1
        if not field_found:
            seen.update(row)
        raw = row.get(date_field)
        field_found = field_found or date_field in row
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            yield to_event(row), "missing", raw
            continue
        day = parse_date(raw)
        if day is None:
            yield to_event(row), "unparseable", raw
            continue
        if min_confidence is not None and not confident(row, min_confidence):
            stats.unconfident += 1
            continue
        for event in to_events(row, claim=stats.claims):
            event["date"], event["period"] = day, period_start(day, freq)
            yield event, None, raw
    if stats.claims and not field_found:
        meta = sorted(k for k in seen - set(COLUMNS) if not k.startswith(("source_", "target_", "type_"))) or ["none"]
        raise UserError(f"{source}: no claim row has the field {date_field!r} (--date-field); the input's fields "
                        f"carried into the claims are: {', '.join(meta)}. Score articles that have a date field "
                        f"(e.g. a JSONL with 'published') and name it here.")


# ------------------------------------------------------------------ aggregates
def aggregate(events: Iterable[Mapping[str, Any]], level: str = "actor"):
    """Events counted by period and dyad (source, target, claim type), with their mean score, as an Arrow table."""
    import pyarrow as pa

    recs = [{"period": e["period"], **dict(zip(("source", "source_code", "target", "target_code"), d)),
             "claim_type": e["claim_type"], "plover": e["plover"], "score": e["score"]}
            for e in events for d in dyads(e, level)]
    schema = pa.schema([("period", pa.date32()), ("source", pa.string()), ("source_code", pa.string()),
                        ("target", pa.string()), ("target_code", pa.string()), ("claim_type", pa.string()),
                        ("plover", pa.string()), ("score", pa.float64())])
    table = pa.Table.from_pylist(recs, schema=schema)
    keys = [c for c in DYAD_COLUMNS if c not in ("events", "mean_score")]
    grouped = table.group_by(keys, use_threads=False).aggregate([([], "count_all"), ("score", "mean")])
    grouped = grouped.rename_columns([{"count_all": "events", "score_mean": "mean_score"}.get(c, c)
                                      for c in grouped.column_names])
    return grouped.select(DYAD_COLUMNS).sort_by([("period", "ascending"), ("events", "descending"),
                                                 ("source", "ascending"), ("target", "ascending")])


def _event_schema():
    import pyarrow as pa

    types = {"date": pa.date32(), "period": pa.date32(), "score": pa.float64(), "sentence_index": pa.int32(),
             "source_confidence": pa.float64(), "target_confidence": pa.float64()}
    return pa.schema([(c, types.get(c, pa.string())) for c in EVENT_COLUMNS])


def _write_csv(path: Path, columns: list[str], records: Iterable[Mapping[str, Any]]) -> Path:
    with atomic_write(path, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        for r in records:
            writer.writerow(["" if r.get(c) is None else (r[c].isoformat() if isinstance(r[c], date) else r[c])
                             for c in columns])
    return path


def _write_parquet(path: Path, table) -> Path:
    import pyarrow.parquet as pq

    with atomic_write(path, mode="wb", encoding=None) as fh:
        pq.write_table(table, fh)
    return path


# ------------------------------------------------------------------ pictures
def _figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100)
    FigureCanvasAgg(fig)
    return fig


def png_bytes(fig) -> bytes:
    """A figure as PNG bytes (for a file or an inline ``data:`` image)."""
    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


def save_png(fig, path: Path) -> Path:
    with atomic_write(path, mode="wb", encoding=None) as fh:
        fh.write(png_bytes(fig))
    return path


def timeseries_figure(dyads: Iterable[Mapping[str, Any]], freq: str, top: int = 8, note: str = ""):
    """Events per period for the ``top`` dyads (source -> target, category), quiet periods at zero; None if
    no dyad has both parties known."""
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.ticker import MaxNLocator

    series: dict[tuple[str, str, str], Counter] = {}
    periods: set[date] = set()
    for d in dyads:
        periods.add(d["period"])
        if d["source"] in (NO_SOURCE, NO_COUNTRY) or d["target"] in (NO_TARGET, NO_COUNTRY):
            continue  # a dyad has two known parties
        key = (d["source"], d["target"], d["plover"] or d["claim_type"])
        series.setdefault(key, Counter())[d["period"]] += d["events"]
    if not series or top <= 0:  # --top 0: no picture of dyads over time
        return None
    best = sorted(series, key=lambda k: (-sum(series[k].values()), k))[:top]
    axis = _periods(min(periods), max(periods), freq)
    fig = _figure(9.0, 4.8)
    ax = fig.add_subplot(1, 1, 1)
    for key in best:
        src, tgt, cat = key
        ax.plot(axis, [series[key][p] for p in axis], marker="o", markersize=3, linewidth=1.4,
                label=f"{shorten(src, 24)} \u2192 {shorten(tgt, 24)} ({cat})")
    locator = AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.set_ylabel(f"claims per {freq}")
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(f"Top {len(best)} dyads over time{note}")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    ax.grid(alpha=0.3)
    return fig


def network_counts(events: Iterable[Mapping[str, Any]], level: str = "actor") -> tuple[Counter, Counter]:
    """(claims made per source, claims per (source, target, type)) — what ``network_figure`` draws."""
    made: Counter = Counter()
    edges: Counter = Counter()
    seen: set[tuple[Any, str]] = set()
    for e in events:
        claim = e.get("_claim")
        for src, _, tgt, _ in dyads(e, level):
            if claim is None or (claim, src) not in seen:  # a claim against three targets is one claim made
                made[src] += 1
                seen.add((claim, src))
            edges[(src, tgt, e["claim_type"])] += 1
    return made, edges


def _layout(graph) -> dict[str, Any]:
    """Spring layout (networkx) with a hidden hub weakly tied to every actor: it holds the separate
    groups of actors together, so the pairs are not squeezed into dots when the picture is scaled."""
    import networkx as nx

    springs = nx.Graph()
    springs.add_nodes_from(graph)
    springs.add_edges_from(((u, v) for u, v in graph.edges() if u != v), pull=0.3)
    hub = object()
    springs.add_edges_from(((hub, n) for n in graph), pull=0.05)
    pos = nx.spring_layout(springs, weight="pull", k=0.5, iterations=300, seed=13)
    pos.pop(hub)
    return pos


def network_figure(made: Mapping[str, int], edges: Mapping[tuple[str, str, str], int], max_nodes: int = 30,
                   note: str = ""):
    """Who claims against whom: node size by claims made, edge width by count, edge colour by claim type.

    Only the strongest ties are drawn, up to ``max_nodes`` actors (claims without a target add to
    the source's size but draw no edge). None when there is no edge to draw.
    """
    import networkx as nx
    from matplotlib.lines import Line2D

    # Claims with no target or no named source draw no edge; nor does an actor's claim about itself
    # (mostly a pronoun resolved back to the speaker), which would hide the edges between actors.
    drawn = {k: n for k, n in edges.items() if k[1] != NO_TARGET and k[0] != NO_SOURCE and k[0] != k[1]}
    if not drawn:
        return None
    pair: Counter = Counter()
    for (src, tgt, _), n in drawn.items():
        pair[(src, tgt)] += n
    nodes: list[str] = []  # the strongest ties first, until the picture is full: every actor drawn has an edge
    for (src, tgt), _ in sorted(pair.items(), key=lambda kv: (-kv[1], kv[0])):
        new = [a for a in (src, tgt) if a not in nodes]
        if len(nodes) + len(new) <= max_nodes:
            nodes += new
    keep = set(nodes)
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(nodes)
    for (src, tgt, ctype), n in sorted(drawn.items()):
        if src in keep and tgt in keep:
            graph.add_edge(src, tgt, key=ctype, weight=n)
    pos = _layout(graph)
    fig = _figure(9.0, 7.0)
    ax = fig.add_subplot(1, 1, 1)
    ax.set_axis_off()
    ax.margins(0.12)
    top_made = max([made.get(a, 0) for a in nodes] + [1])
    sizes = [80 + 900 * made.get(a, 0) / top_made for a in nodes]
    nx.draw_networkx_nodes(graph, pos, nodelist=nodes, node_size=sizes, node_color="#d5d8dc", edgecolors="#566573",
                           linewidths=0.8, ax=ax)
    types = sorted({k for _, _, k in graph.edges(keys=True)}, key=lambda t: (t not in TYPE_COLOURS, t))
    top_edge = max(d["weight"] for _, _, d in graph.edges(data=True))
    for i, ctype in enumerate(types):  # each type on its own arc, so parallel edges stay apart
        elist = [(u, v) for u, v, k in graph.edges(keys=True) if k == ctype]
        widths = [0.8 + 5.0 * graph.edges[u, v, ctype]["weight"] / top_edge for u, v in elist]
        nx.draw_networkx_edges(graph, pos, edgelist=elist, width=widths, edge_color=TYPE_COLOURS.get(ctype, "#7f8c8d"),
                               alpha=0.75, arrows=True, arrowstyle="-|>", arrowsize=12, node_size=sizes,
                               nodelist=nodes, connectionstyle=f"arc3,rad={0.08 + 0.12 * i}", ax=ax)
    nx.draw_networkx_labels(graph, pos, labels={a: wrap_label(a, 22) for a in nodes}, font_size=8, ax=ax,
                            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none",
                                  "alpha": 0.7})
    ax.legend(handles=[Line2D([0], [0], color=TYPE_COLOURS.get(t, "#7f8c8d"), linewidth=3,
                              label=f"{t} ({PLOVER.get(t, '-')})") for t in types],
              loc="lower left", fontsize=8, frameon=False)
    ax.set_title(f"Who claims against whom (node size: claims made; edge width: count){note}")
    return fig


# ------------------------------------------------------------------ the export
def export_events(claims: str | Path, date_field: str, out: str | Path, freq: str = "week", level: str = "actor",
                  top: int = 8, max_nodes: int = 30, min_confidence: float | None = None) -> EventExport:
    """What ``claimcoder export events`` does: write event records, aggregates by period and dyad, and pictures.

    ``min_confidence``: leave out (and count in ``unconfident``) the dated claims with an actor whose
    ``actor_confidence`` is lower, so the dyads counted are the ones the resolver is sure of.

    Writes to ``out``: ``events.csv``/``.parquet`` (one dated event per claim and dyad of its actors), ``undated.csv``
    (claims whose date is missing or unparseable, with the reason), ``dyads.csv``/``.parquet``
    (events per period, dyad and claim type), ``dyads_over_time.png``, ``network.png`` and
    ``export.json`` (the returned counts).
    """
    import pyarrow as pa

    check_choice("freq", freq, FREQS)
    check_choice("level", level, LEVELS)
    out = Path(out)
    if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:
        raise OptionError(f"--min-confidence {min_confidence}: give a number from 0 to 1")
    if top < 0:
        raise OptionError(f"--top {top}: give 0 (no picture of dyads over time) or more")
    if max_nodes < 1:
        raise OptionError(f"max_nodes {max_nodes}: give 1 or more")
    stats = EventExport(date_field=date_field, freq=freq, level=level, min_confidence=min_confidence)
    events: list[dict[str, Any]] = []
    undated: list[dict[str, Any]] = []
    for event, problem, raw in dated_events(read_claims(claims), date_field, freq, source=str(claims), stats=stats,
                                            min_confidence=min_confidence):
        if problem is None:
            events.append(event)
            continue
        undated.append({"doc_id": event["doc_id"], "sentence_index": event["sentence_index"],
                        "claim_type": event["claim_type"], "date_value": None if raw is None else str(raw),
                        "reason": problem})
    stats.events = len(events)
    stats.missing_date = sum(1 for u in undated if u["reason"] == "missing")
    stats.unparseable_date = len(undated) - stats.missing_date
    stats.undated_examples = undated[:5]
    events.sort(key=lambda e: (e["date"], e["doc_id"] or "", e["sentence_index"] or 0))
    if events:
        stats.first, stats.last = events[0]["date"].isoformat(), events[-1]["date"].isoformat()
    dyads = aggregate(events, level)
    stats.dyads = dyads.num_rows
    dyad_rows = dyads.to_pylist()
    files = [_write_csv(out / "events.csv", EVENT_COLUMNS, events),
             _write_parquet(out / "events.parquet", pa.Table.from_pylist(events, schema=_event_schema())),
             _write_csv(out / "undated.csv", UNDATED_COLUMNS, undated),
             _write_csv(out / "dyads.csv", DYAD_COLUMNS, dyad_rows),
             _write_parquet(out / "dyads.parquet", dyads)]
    for name in ("dyads_over_time.png", "network.png"):
        (out / name).unlink(missing_ok=True)  # a picture from an earlier export must not outlive its data
    # A picture copied into a paper must still say that only the confident claims were counted.
    note = f"\nactors' confidence {min_confidence:g} or more" if min_confidence is not None else ""
    fig = timeseries_figure(dyad_rows, freq, top, note=note)
    if fig is not None:
        files.append(save_png(fig, out / "dyads_over_time.png"))
    fig = network_figure(*network_counts(events, level), max_nodes=max_nodes, note=note)
    if fig is not None:
        files.append(save_png(fig, out / "network.png"))
    stats.files = [str(f) for f in files] + [str(out / "export.json")]
    with atomic_write(out / "export.json") as fh:
        json.dump(asdict(stats), fh, indent=2, ensure_ascii=False, default=str)
    return stats


def format_export(stats: EventExport) -> str:
    """The lines ``claimcoder export events`` prints."""
    lines = [f"claims {stats.claims}; dated events {stats.events}"
             + (f" ({stats.first} to {stats.last})" if stats.first else "")
             + f"; {stats.dyads} {stats.level} dyad-{stats.freq} rows"]
    if stats.min_confidence is not None:
        lines.append(f"left out: {stats.unconfident} dated claims with an actor's confidence under "
                     f"{stats.min_confidence:g}")
    if stats.missing_date or stats.unparseable_date:
        lines.append(f"not dated: {stats.missing_date} with no {stats.date_field!r}, {stats.unparseable_date} "
                     f"unparseable (not ISO 8601); listed in undated.csv, e.g.:")
        lines += [f"  {u['doc_id']} sentence {u['sentence_index']}: "
                  + (f"no {stats.date_field!r}" if u["date_value"] is None else f"{u['reason']} {u['date_value']!r}")
                  for u in stats.undated_examples]
    lines.append("files: " + ", ".join(stats.files))
    return "\n".join(lines)


__all__ = ["PLOVER", "EventExport", "export_events", "format_export", "to_event", "to_events", "parse_date", "period_start",
           "actor_country", "aggregate", "network_counts", "network_figure", "timeseries_figure", "png_bytes"]
