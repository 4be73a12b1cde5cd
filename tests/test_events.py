"""Event data export: PLOVER mapping, dates, counts by period and dyad, undated claims, pictures, CLI."""
from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from claimcoder.cli import app
from claimcoder.data.errors import UserError
from claimcoder.scoring.columns import COLUMNS
from claimcoder.scoring.events import (PLOVER, actor_country, export_events, network_counts, network_figure,
                                       parse_date, period_start, to_event, to_events)
from claimcoder.scoring.summary import summarize

runner = CliRunner()


def row(doc: str, ctype: str | None, source: str | None, target: str | None, date=None, score: float = 0.9,
        index: int = 0, **extra) -> dict:
    """A claim row as `claimcoder score` writes it (actors carry codes: the name's first three capitals)."""
    r = dict.fromkeys(COLUMNS)
    r.update({"doc_id": doc, "sentence_index": index, "sentence_start": 0, "sentence_end": 10, "sentence": "s",
              "type": ctype, "score": score, "source_actor": source, "target_actor": target,
              "source_actor_code": source[:3].upper() if source else None,
              "target_actor_code": target[:3].upper() if target else None})
    if date is not None:
        r["published"] = date
    r.update(extra)
    return r


ROWS = [
    row("a1", "accusation", "Alpha", "Beta", "2024-03-04"),              # Monday
    row("a1", "demand_explanation", "Alpha", "Beta", "2024-03-05T10:00:00Z", index=1),
    row("a2", "accusation", "Alpha", "Beta", "2024-03-06", score=0.5),    # same ISO week
    row("a2", "denial", "Beta", None, "2024-03-06", index=1),
    row("a3", "accusation", "Alpha", "Beta", "2024-03-11"),              # next week
    row("a4", "accusation", "Beta", "Alpha", "2024-03-31T23:30:00-05:00"),  # the date as written: March
    row("a5", "accusation", "Gamma", "Beta", "yesterday"),               # unparseable
    row("a6", "accusation", "Gamma", "Beta"),                            # no date
    row("a7", None, None, None, "2024-03-04"),                           # a sentence with no claim
]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")
    return path


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def dyad_counts(path: Path) -> dict[tuple[str, str, str, str], int]:
    return {(r["period"], r["source"], r["target"], r["plover"]): int(r["events"]) for r in read_csv(path)}


def test_plover_mapping_and_unknown_types():
    assert PLOVER == {"accusation": "ACCUSE", "denial": "REJECT", "demand_explanation": "REQUEST"}
    assert to_event(row("d", "denial", "A", None))["plover"] == "REJECT"
    assert to_event(row("d", "threat", "A", "B"))["plover"] is None  # a custom type keeps its name, no category


def test_dates_parse_as_written_and_periods_start_on_monday_and_the_first():
    assert parse_date("2024-03-31T23:30:00-05:00").isoformat() == "2024-03-31"
    assert parse_date("2024-03-05T10:00:00Z").isoformat() == "2024-03-05"
    assert parse_date("5 March 2024") is None and parse_date(20240305) is None and parse_date("") is None
    day = parse_date("2024-03-06")
    assert period_start(day, "week").isoformat() == "2024-03-04"
    assert period_start(day, "month").isoformat() == "2024-03-01"
    assert period_start(day, "day") == day


def test_weekly_counts_per_dyad_and_undated_claims_reported(tmp_path):
    stats = export_events(write_jsonl(tmp_path / "claims.jsonl", ROWS), "published", tmp_path / "out")
    assert (stats.claims, stats.events, stats.missing_date, stats.unparseable_date) == (8, 6, 1, 1)
    assert dyad_counts(tmp_path / "out" / "dyads.csv") == {
        ("2024-03-04", "Alpha", "Beta", "ACCUSE"): 2, ("2024-03-04", "Alpha", "Beta", "REQUEST"): 1,
        ("2024-03-04", "Beta", "(none)", "REJECT"): 1, ("2024-03-11", "Alpha", "Beta", "ACCUSE"): 1,
        ("2024-03-25", "Beta", "Alpha", "ACCUSE"): 1}
    week = [r for r in read_csv(tmp_path / "out" / "dyads.csv") if r["period"] == "2024-03-04" and r["plover"] == "ACCUSE"]
    assert float(week[0]["mean_score"]) == pytest.approx(0.7)
    undated = read_csv(tmp_path / "out" / "undated.csv")
    assert {(u["doc_id"], u["reason"], u["date_value"]) for u in undated} == {("a5", "unparseable", "yesterday"),
                                                                             ("a6", "missing", "")}
    events = read_csv(tmp_path / "out" / "events.csv")
    assert len(events) == 6 and [e["date"] for e in events] == sorted(e["date"] for e in events)
    assert events[0]["source_actor"] == "Alpha" and events[0]["source_code"] == "ALP" and events[0]["plover"] == "ACCUSE"
    # Parquet holds the same records, with real dates and counts
    table = pq.read_table(tmp_path / "out" / "events.parquet")
    assert table.num_rows == 6 and str(table.schema.field("date").type) == "date32[day]"
    assert sum(pq.read_table(tmp_path / "out" / "dyads.parquet").column("events").to_pylist()) == 6
    for name in ("network.png", "dyads_over_time.png"):
        assert (tmp_path / "out" / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert json.loads((tmp_path / "out" / "export.json").read_text())["unparseable_date"] == 1


def test_monthly_and_daily_counts(tmp_path):
    claims = write_jsonl(tmp_path / "claims.jsonl", ROWS)
    export_events(claims, "published", tmp_path / "m", freq="month")
    month = dyad_counts(tmp_path / "m" / "dyads.csv")
    assert month[("2024-03-01", "Alpha", "Beta", "ACCUSE")] == 3 and month[("2024-03-01", "Beta", "Alpha", "ACCUSE")] == 1
    export_events(claims, "published", tmp_path / "d", freq="day")
    day = dyad_counts(tmp_path / "d" / "dyads.csv")
    assert day[("2024-03-06", "Alpha", "Beta", "ACCUSE")] == 1 and day[("2024-03-04", "Alpha", "Beta", "ACCUSE")] == 1


def test_csv_claims_give_the_same_counts(tmp_path):
    """A CSV output has every value as text (and every metadata column on every row)."""
    path = tmp_path / "claims.csv"
    fields = [*COLUMNS, "published"]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        for r in ROWS:
            writer.writerow({k: r.get(k) for k in fields})
    stats = export_events(path, "published", tmp_path / "csv")
    export_events(write_jsonl(tmp_path / "claims.jsonl", ROWS), "published", tmp_path / "jsonl")
    assert (stats.events, stats.missing_date, stats.unparseable_date) == (6, 1, 1)
    assert dyad_counts(tmp_path / "csv" / "dyads.csv") == dyad_counts(tmp_path / "jsonl" / "dyads.csv")


def test_a_date_field_no_row_has_is_an_error_naming_it(tmp_path):
    claims = write_jsonl(tmp_path / "claims.jsonl", ROWS)
    with pytest.raises(UserError, match=r"'pubdate'.*published"):
        export_events(claims, "pubdate", tmp_path / "out")
    assert not (tmp_path / "out" / "events.csv").exists()


def test_country_level_uses_code_for_countries_and_affiliation_for_the_rest(tmp_path):
    assert actor_country("RUS", "country", None) == "RUS"
    assert actor_country(None, "person", "USA") == "USA"
    assert actor_country("UN", "organization", None) is None
    assert actor_country("RUS", None, None) == "RUS"  # outputs from before actors had a kind
    rows = [row("c1", "accusation", "Ash Carter", "Russia", "2024-01-02", source_actor_code=None,
                source_actor_kind="person", source_affiliation_code="USA", target_actor_code="RUS",
                target_actor_kind="country"),
            row("c2", "accusation", "United States", "Russia", "2024-01-03", source_actor_code="USA",
                source_actor_kind="country", target_actor_code="RUS", target_actor_kind="country"),
            row("c3", "accusation", "a local mayor", "Russia", "2024-01-03", source_actor_code=None,
                source_actor_kind="person", target_actor_code="RUS", target_actor_kind="country")]
    export_events(write_jsonl(tmp_path / "claims.jsonl", rows), "published", tmp_path / "out", level="country")
    assert dyad_counts(tmp_path / "out" / "dyads.csv") == {("2024-01-01", "USA", "RUS", "ACCUSE"): 2,
                                                            ("2024-01-01", "(no country)", "RUS", "ACCUSE"): 1}
    events = read_csv(tmp_path / "out" / "events.csv")
    assert events[0]["source_affiliation"] == "USA" and events[0]["source_country"] == "USA"


def test_a_span_naming_several_actors_gives_an_event_per_dyad_as_the_summaries_count_it(tmp_path):
    """"Britain, France and Germany accused Iran" is one claim row with three source actors; the E3 as one body
    is one actor tied to three countries. Events and summaries must count both alike, with no made-up code."""
    rows = [row("e1", "accusation", "United Kingdom | France | Germany", "Iran", "2024-01-02",
                source_actor_code="GBR|FRA|DEU", source_actor_kind="group", target_actor_code="IRN",
                target_actor_kind="country", source_actor_confidence=0.9, target_actor_confidence=0.9),
            row("e2", "accusation", "E3", "Iran", "2024-01-03", source_actor_code=None,
                source_actor_kind="organization", source_affiliation_code="GBR|FRA|DEU", target_actor_code="IRN",
                target_actor_kind="country", source_actor_confidence=0.5, target_actor_confidence=0.9)]
    claims = write_jsonl(tmp_path / "claims.jsonl", rows)
    stats = export_events(claims, "published", tmp_path / "out", level="country")
    assert stats.claims == 2 and stats.events == 4  # three members of e1, the one body of e2
    counts = dyad_counts(tmp_path / "out" / "dyads.csv")
    assert counts == {("2024-01-01", c, "IRN", "ACCUSE"): 2 for c in ("GBR", "FRA", "DEU")}
    summary = summarize(rows, by="country")
    assert {k: n for k, n in summary["edges"].items()} == {(c, "IRN", "accusation"): 2 for c in ("GBR", "FRA", "DEU")}
    assert [e["source_actor"] for e in read_csv(tmp_path / "out" / "events.csv")] == [
        "United Kingdom", "France", "Germany", "E3"]
    # A confidence filter counts claims, not their dyads: e2's body is under 0.8.
    stats = export_events(claims, "published", tmp_path / "sure", level="country", min_confidence=0.8)
    assert stats.unconfident == 1 and stats.events == 3
    assert summarize(rows, by="country", min_confidence=0.8)["dropped"] == 1


def test_network_counts_and_no_picture_without_edges():
    events = [to_event(r) for r in ROWS if r["type"]]
    made, edges = network_counts(events)
    assert made["Alpha"] == 4 and made["Beta"] == 2 and edges[("Alpha", "Beta", "accusation")] == 3
    assert network_figure(made, edges) is not None
    only_targetless = [to_event(row("x", "denial", "Beta", None))]
    assert network_figure(*network_counts(only_targetless)) is None


def test_cli_export_events(tmp_path):
    claims = write_jsonl(tmp_path / "claims.jsonl", ROWS)
    result = runner.invoke(app, ["export", "events", str(claims), "--date-field", "published", "--out",
                                 str(tmp_path / "out"), "--freq", "month"])
    assert result.exit_code == 0, result.output
    assert "dated events 6" in result.output and "1 unparseable" in result.output
    assert (tmp_path / "out" / "dyads.parquet").is_file()
    bad = runner.invoke(app, ["export", "events", str(claims), "--date-field", "when", "--out", str(tmp_path / "x")])
    assert bad.exit_code == 2 and "'when'" in bad.output
    bad = runner.invoke(app, ["export", "events", str(claims), "--date-field", "published", "--out",
                              str(tmp_path / "x"), "--freq", "year"])
    assert bad.exit_code == 2 and "--freq" in bad.output


def test_picture_labels_are_never_cut_mid_word():
    """Long actor names in the network picture end at a word boundary (wrapped or with an ellipsis)."""
    name = "Nigeria Football Federation Board"  # cut at 22 characters: "Nigeria Football Feder"
    fig = network_figure(Counter({name: 3}), Counter({(name, "Zambia", "demand_explanation"): 3}))
    texts = [t.get_text() for t in fig.axes[0].texts]
    words = set(name.split()) | {"Zambia", "…"}
    assert texts and all(w in words for t in texts for w in t.split())


def test_min_confidence_leaves_out_and_counts_the_claims_with_an_unsure_actor(tmp_path):
    claims = tmp_path / "claims.jsonl"
    rows = [row("a1", "accusation", "Alpha", "Beta", "2024-03-04", source_actor_confidence=0.9,
                target_actor_confidence=0.85),
            row("a2", "accusation", "Alpha", "Gamma", "2024-03-05", source_actor_confidence=0.9,
                target_actor_confidence=0.4),
            row("a3", "denial", "Beta", None, "2024-03-06", source_actor_confidence=0.81)]
    claims.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    stats = export_events(claims, "published", tmp_path / "ev", min_confidence=0.8)
    assert (stats.events, stats.unconfident) == (2, 1)
    events = list(csv.DictReader((tmp_path / "ev" / "events.csv").open(encoding="utf-8")))
    assert [e["target_actor"] for e in events] == ["Beta", ""] and events[0]["target_confidence"] == "0.85"
    assert pq.read_table(tmp_path / "ev" / "events.parquet").column("source_confidence").to_pylist() == [0.9, 0.81]
    result = runner.invoke(app, ["export", "events", str(claims), "--date-field", "published", "--out",
                                 str(tmp_path / "ev2"), "--min-confidence", "0.8"])
    assert result.exit_code == 0 and "left out: 1 dated claims" in result.output, result.output
    old = tmp_path / "old.jsonl"
    old.write_text(json.dumps(row("a1", "accusation", "Alpha", "Beta", "2024-03-04")) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["export", "events", str(old), "--date-field", "published", "--out",
                                 str(tmp_path / "ev3"), "--min-confidence", "0.8"])
    assert result.exit_code != 0 and "score them again" in result.output


def test_pictures_say_when_a_confidence_filter_counted_only_some_claims():
    events = [to_event(r) for r in ROWS if r["type"]]
    fig = network_figure(*network_counts(events), note="\nactors' confidence 0.8 or more")
    assert fig.axes[0].get_title().endswith("actors' confidence 0.8 or more")


def test_a_negative_top_is_refused(tmp_path):
    claims = write_jsonl(tmp_path / "claims.jsonl", ROWS)
    result = runner.invoke(app, ["export", "events", str(claims), "--date-field", "published", "--out",
                                 str(tmp_path / "out"), "--top", "-3"])
    assert result.exit_code == 2 and "--top -3: give 0" in result.output


def test_a_claim_against_several_targets_is_one_claim_made_in_the_network():
    claim = row("n1", "accusation", "Russia", "United States | United Kingdom | France",
                target_actor_code="USA|GBR|FRA", target_actor_kind="group")
    other = row("n1", "accusation", "Russia", "Ukraine", index=1)
    events = [e for k, r in enumerate([claim, other]) for e in to_events(r, claim=k)]
    made, edges = network_counts(events)
    assert made["Russia"] == 2 and sum(edges.values()) == 4  # two claims made, four dyads drawn
