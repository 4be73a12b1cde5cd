"""Bulk scoring: outputs, errors file, formats, refusal to clobber, kill-and-resume, parallel workers."""
from __future__ import annotations

import json
import warnings
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from claimcoder.cli import app
from claimcoder.scoring import JobError, ScoreOptions, run_score
from claimcoder.scoring.columns import COLUMNS

runner = CliRunner()
ARTICLE = ("Minister denies bribery claims\n"
           "Prosecutors accused Transport Minister Ana Ruiz of taking bribes from a Spanish builder on Monday. "
           "She denied the allegations and said the case was politically motivated. "
           "The Kremlin demanded an explanation from Washington. The court denied a motion to delay the trial.")


def make_articles(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"art{i:03d}.txt").write_text(ARTICLE.replace("Monday", f"day {i}"), encoding="utf-8")
    return folder


def lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    return make_articles(tmp_path_factory.mktemp("articles"), 12)


def test_score_folder_outputs_and_errors(tiny_model_dir, articles, tmp_path):
    folder = make_articles(tmp_path / "in", 3)
    (folder / "bad.txt").write_bytes(b"\xff\xfe broken")
    (folder / "empty.txt").write_text("")
    out = tmp_path / "out"
    result = runner.invoke(app, ["score", str(folder), "--out", str(out), "--model", str(tiny_model_dir),
                                 "--all-sentences", "--summary"])
    assert result.exit_code == 0, result.output
    assert "articles read 5, scored 3, failed 2" in result.output
    rows = lines(out / "claims.jsonl")
    assert {r["doc_id"] for r in rows} == {"art000", "art001", "art002"}
    assert len({(r["doc_id"], r["sentence_index"]) for r in rows}) == 3 * 5  # every sentence with --all-sentences
    text = ARTICLE.replace("Monday", "day 0")
    for r in rows:
        if r["doc_id"] == "art000":
            assert text[r["sentence_start"]:r["sentence_end"]] == r["sentence"]
            if r["source_text"]:
                assert text[r["source_start"]:r["source_end"]] == r["source_text"]
    errors = lines(out / "errors.jsonl")
    assert {e["doc_id"]: e["reason"][:5] for e in errors} == {"bad": "not v", "empty": "empty"}
    stats = json.loads((out / "run.json").read_text())
    assert stats["articles_read"] == 5 and stats["articles_failed"] == 2
    assert stats["sentences"] == 3 * 5
    assert not (out / "parts").exists()
    assert (out / "summary" / "edges.csv").is_file() and "actor" in result.output

    again = runner.invoke(app, ["score", str(folder), "--out", str(out), "--model", str(tiny_model_dir)])
    assert again.exit_code == 2 and "--overwrite" in again.output


def test_score_names_the_sentences_too_long_for_the_model(tiny_model_dir, tmp_path):
    """A sentence past the model's max_length (64 tokens here) is cut: said once, by article and sentence, and kept
    in run.json, instead of a bare library warning per batch."""
    folder = tmp_path / "in"
    folder.mkdir()
    long = "The ministry said " + ", ".join(f"item {i} of the list" for i in range(40)) + ", and Moscow accused Kyiv."
    (folder / "long.txt").write_text(f"A short one.\n{long}\n", encoding="utf-8")
    (folder / "fine.txt").write_text("The mayor denied it.\n", encoding="utf-8")
    out = tmp_path / "out"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no bare warning escapes
        result = runner.invoke(app, ["score", str(folder), "--out", str(out), "--model", str(tiny_model_dir)])
    assert result.exit_code == 0, result.output
    assert "warning: 1 sentence(s) longer than the model's max_length tokens were cut" in result.output
    assert "(the first: long sentence 1)" in result.output
    stats = json.loads((out / "run.json").read_text())
    assert stats["sentences_truncated"] == 1
    assert stats["truncated_examples"] == [{"doc_id": "long", "sentence_index": 1}]


def test_parquet_and_csv_formats_agree(tiny_model_dir, articles, tmp_path):
    base = dict(model=tiny_model_dir, progress=False, chunk_size=5)
    run_score([articles], ScoreOptions(out=tmp_path / "j", **base))
    run_score([articles], ScoreOptions(out=tmp_path / "p", format="parquet", **base))
    run_score([articles], ScoreOptions(out=tmp_path / "c", format="csv", **base))
    j = lines(tmp_path / "j" / "claims.jsonl")
    table = pq.read_table(tmp_path / "p" / "claims.parquet")
    assert table.column_names[:len(COLUMNS)] == COLUMNS and table.num_rows == len(j)
    assert table.column("doc_id").to_pylist() == [r["doc_id"] for r in j]
    csv_rows = (tmp_path / "c" / "claims.csv").read_text().splitlines()
    assert len(csv_rows) == len(j) + 1


def test_resume_rescores_a_chunk_whose_input_changed(tiny_model_dir, articles, tmp_path):
    out = tmp_path / "o"
    opts = ScoreOptions(out=out, model=tiny_model_dir, progress=False, chunk_size=4)
    parts = out / "parts"
    parts.mkdir(parents=True)
    (parts / "part-000000.json").write_text(json.dumps({"chunk": 0, "items": 4, "first": "zzz"}))
    with pytest.raises(JobError, match="interrupted run"):
        run_score([articles], opts)
    opts.resume = True
    stats = run_score([articles], opts)  # the planted chunk's digest does not match the input: scored again
    assert stats.chunks_rescored == 1 and stats.chunks_resumed == 0
    fresh = run_score([articles], ScoreOptions(out=tmp_path / "fresh", model=tiny_model_dir, progress=False,
                                                chunk_size=4))
    assert (out / "claims.jsonl").read_bytes() == (tmp_path / "fresh" / "claims.jsonl").read_bytes()
    assert stats.claims == fresh.claims


def test_kill_and_resume_loses_nothing_and_duplicates_nothing(tiny_model_dir, tmp_path):
    folder = make_articles(tmp_path / "in", 150)
    reference = tmp_path / "ref"
    run_score([folder], ScoreOptions(out=reference, model=tiny_model_dir, progress=False, chunk_size=1))
    out = tmp_path / "killed"
    cmd = [sys.executable, "-m", "claimcoder.cli", "score", str(folder), "--out", str(out), "--model",
           str(tiny_model_dir), "--chunk-size", "1"]
    env = {**os.environ, "TQDM_DISABLE": "1"}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300  # generous: the child imports torch and loads the model first
    while time.time() < deadline and len(list((out / "parts").glob("part-*.json"))) < 3:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done_before = len(list((out / "parts").glob("part-*.json")))
    assert 3 <= done_before < 150, "the run must be killed midway"
    assert not (out / "claims.jsonl").exists()
    result = subprocess.run(cmd + ["--resume"], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    stats = json.loads((out / "run.json").read_text())
    assert stats["chunks_resumed"] >= done_before and stats["articles_read"] == 150
    got, want = lines(out / "claims.jsonl"), lines(reference / "claims.jsonl")
    assert got == want
    assert len({r["doc_id"] for r in got}) == len({r["doc_id"] for r in want})


def test_two_workers_match_one(tiny_model_dir, articles, tmp_path):
    one = run_score([articles], ScoreOptions(out=tmp_path / "one", model=tiny_model_dir, progress=False, chunk_size=3))
    two = run_score([articles], ScoreOptions(out=tmp_path / "two", model=tiny_model_dir, progress=False, chunk_size=3,
                                             workers=2))
    assert one.claims == two.claims
    a, b = lines(tmp_path / "one" / "claims.jsonl"), lines(tmp_path / "two" / "claims.jsonl")
    assert [(r["doc_id"], r["type"], r["source_text"]) for r in a] == [(r["doc_id"], r["type"], r["source_text"])
                                                                      for r in b]
    for x, y in zip(a, b):
        assert x["score"] == pytest.approx(y["score"], abs=1e-4)


def test_an_unreadable_input_is_refused_before_out_is_touched(tiny_model_dir, articles, tmp_path):
    docx = tmp_path / "story.docx"
    docx.write_text("x")
    out = tmp_path / "z"
    opts = dict(model=tiny_model_dir, progress=False, chunk_size=4)
    with pytest.raises(Exception, match="unknown input type '.docx'"):
        run_score([docx], ScoreOptions(out=out, **opts))
    folder = tmp_path / "txts"
    folder.mkdir()
    (folder / "a.txt").write_text("Russia denied it.")
    (folder / "metadata.csv").write_text("file,date\nmissing.txt,2024-01-01\n")
    with pytest.raises(Exception, match=r"metadata.csv:2: file: 'missing.txt'"):
        run_score([folder], ScoreOptions(out=out, **opts))
    assert not (out / "parts").exists()
    stats = run_score([articles], ScoreOptions(out=out, **opts))  # the corrected command needs no --resume
    assert stats.claims >= 0 and (out / "claims.jsonl").is_file()


def test_a_run_that_failed_before_its_first_chunk_can_be_started_again(tiny_model_dir, articles, tmp_path):
    out = tmp_path / "o"
    (out / "parts").mkdir(parents=True)
    (out / "parts" / "settings.json").write_text(json.dumps({"format": "csv"}))  # other settings, no chunk done
    stats = run_score([articles], ScoreOptions(out=out, model=tiny_model_dir, progress=False, chunk_size=4))
    assert (out / "claims.jsonl").is_file() and stats.chunks_resumed == 0


@pytest.mark.parametrize("body, option, says", [
    ('{"id": "a1", "text": "Russia denied it."}\n', {"id_field": "nope"}, "no field 'nope'.*--id-field"),
    ('{"id": "a1", "text": "Russia denied it."}\n', {"text_field": "body"}, "no field 'body'.*--text-field"),
])
def test_a_mistyped_field_option_is_refused_before_any_work(tiny_model_dir, tmp_path, body, option, says):
    src = tmp_path / "arts.jsonl"
    src.write_text(body)
    with pytest.raises(Exception, match=says):
        run_score([src], ScoreOptions(out=tmp_path / "o", model=tiny_model_dir, progress=False, **option))
    assert not (tmp_path / "o").exists()


def test_a_first_record_without_text_is_only_that_records_error(tiny_model_dir, tmp_path):
    src = tmp_path / "arts.jsonl"
    src.write_text('{"id": "a0"}\n{"id": "a1", "text": "Russia denied it."}\n')
    stats = run_score([src], ScoreOptions(out=tmp_path / "o", model=tiny_model_dir, progress=False))
    assert (stats.articles_failed, stats.articles_scored) == (1, 1)
    assert json.loads((tmp_path / "o" / "run.json").read_text())["sentences"] is None  # not counted, not 0


def test_date_field_needs_the_report_and_a_field_the_input_has(tiny_model_dir, tmp_path):
    src = tmp_path / "arts.csv"  # a JSON record may leave an optional date out, so JSONL is not checked
    src.write_text('id,text,published\na1,Russia denied it.,2024-05-01\n')
    base = ["score", str(src), "--out", str(tmp_path / "o"), "--model", str(tiny_model_dir)]
    result = runner.invoke(app, [*base, "--date-field", "published"])
    assert result.exit_code == 2 and "add --report" in result.output
    result = runner.invoke(app, [*base, "--report", "--date-field", "date"])
    assert result.exit_code == 2 and "no field 'date'" in result.output and "'published'" in result.output
    jsonl = tmp_path / "arts.jsonl"
    jsonl.write_text('{"id": "a1", "text": "Russia denied it."}\n'
                     '{"id": "a2", "text": "Moscow denied it.", "published": "2024-05-02"}\n')
    ok = runner.invoke(app, ["score", str(jsonl), "--out", str(tmp_path / "j"), "--model", str(tiny_model_dir),
                             "--report", "--date-field", "published"])
    assert ok.exit_code == 0, ok.output  # an undated record is allowed: the report leaves it out
    assert not (tmp_path / "o").exists()  # refused before the run, not after it
