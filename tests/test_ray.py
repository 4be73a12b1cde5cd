"""The Ray Data engine gives the same claims as the local engine (real local Ray, 2 CPUs), and the same
bookkeeping: errors.jsonl, run.json, --max-chars, --format csv, --overwrite, --resume refused, --summary."""
from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from claimcoder.cli import app
from claimcoder.scoring import JobError, ScoreOptions, run_score
from claimcoder.scoring.summary import read_claims

ray = pytest.importorskip("ray")
runner = CliRunner()

TEXTS = [
    "Prosecutors accused the mayor of taking bribes. The mayor denied the allegations.",
    "Lawmakers demanded an explanation from the agency. The council met on Monday.",
    "The Kremlin accused Washington of lying. \"That is false,\" a State Department spokesman said.",
]


def key(row: dict) -> tuple:
    return (row["doc_id"], row["sentence_index"], row["type"], row["source_text"], row["target_text"],
            row["source_actor"], row["target_actor"], round(float(row["score"]), 4))


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


def write_articles(path, extra=()):
    with open(path, "w") as fh:
        for i in range(9):
            fh.write(json.dumps({"id": f"a{i}", "text": TEXTS[i % 3], "outlet": f"o{i % 2}"}) + "\n")
        for row in extra:
            fh.write(json.dumps(row) + "\n")
    return path


def test_ray_equals_local(tiny_model_dir, tmp_path, local_ray):
    from claimcoder.scoring.ray_engine import run_score_ray

    src = write_articles(tmp_path / "articles.jsonl")
    local = run_score([src], ScoreOptions(out=tmp_path / "local", model=tiny_model_dir, progress=False))
    stats = run_score_ray([src], ScoreOptions(out=tmp_path / "ray", model=tiny_model_dir, chunk_size=4, workers=2))
    got = ray.data.read_json(stats.output).take_all()
    want = [json.loads(x) for x in (tmp_path / "local" / "claims.jsonl").read_text().splitlines()]
    assert local.claims == stats.claims == len(want) > 0
    assert sorted(map(key, got)) == sorted(map(key, want))
    assert {r["outlet"] for r in got} == {"o0", "o1"}


def test_ray_records_bad_articles_like_local(tiny_model_dir, tmp_path, local_ray):
    bad = [{"id": "null", "text": None, "outlet": "o0"}, {"id": "empty", "text": "", "outlet": "o0"},
           {"id": "blank", "text": "   ", "outlet": "o0"}, {"id": "long", "text": "The mayor lied. " * 20,
                                                           "outlet": "o0"}]
    src = write_articles(tmp_path / "articles.jsonl", bad)
    args = ["score", str(src), "--model", str(tiny_model_dir), "--max-chars", "200", "--chunk-size", "4"]
    ray_out, local_out = tmp_path / "ray", tmp_path / "local"
    result = runner.invoke(app, args + ["--out", str(ray_out), "--engine", "ray", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, args + ["--out", str(local_out)]).exit_code == 0
    assert "articles read 13, scored 9, failed 4" in result.output
    errors = {e["doc_id"]: e["reason"] for e in map(json.loads, (ray_out / "errors.jsonl").read_text().splitlines())}
    want = {e["doc_id"]: e["reason"] for e in map(json.loads, (local_out / "errors.jsonl").read_text().splitlines())}
    assert errors == want and set(errors) == {"null", "empty", "blank", "long"}
    run = json.loads((ray_out / "run.json").read_text())
    assert run["articles_failed"] == 4 and run["articles_scored"] == 9
    parts = sorted((ray_out / "claims.csv").iterdir())
    assert parts and all(p.suffix == ".csv" for p in parts)
    rows = [r for p in parts for r in csv.DictReader(p.open(encoding="utf-8"))]
    assert {r["doc_id"] for r in rows} <= {f"a{i}" for i in range(9)} and rows
    assert "None" not in {r["sentence"] for r in rows}


def test_ray_overwrite_clears_old_parts_and_resume_is_refused(tiny_model_dir, tmp_path, local_ray):
    src = write_articles(tmp_path / "articles.jsonl")
    out = tmp_path / "ray"
    args = ["score", str(src), "--model", str(tiny_model_dir), "--out", str(out), "--engine", "ray"]
    assert runner.invoke(app, args).exit_code == 0
    first = list(read_claims(out))
    again = runner.invoke(app, args)
    assert again.exit_code == 2 and "--overwrite" in again.output
    assert runner.invoke(app, args + ["--overwrite"]).exit_code == 0
    assert sorted(map(key, read_claims(out))) == sorted(map(key, first))
    resumed = runner.invoke(app, args + ["--resume"])
    assert resumed.exit_code == 2 and "--resume" in resumed.output and "ray" in resumed.output
    with pytest.raises(JobError, match="--resume"):
        from claimcoder.scoring.ray_engine import run_score_ray

        run_score_ray([src], ScoreOptions(out=out, model=tiny_model_dir, resume=True))


def test_ray_score_with_summary(tiny_model_dir, tmp_path, local_ray):
    src = write_articles(tmp_path / "articles.jsonl")
    out = tmp_path / "ray"
    result = runner.invoke(app, ["score", str(src), "--model", str(tiny_model_dir), "--out", str(out),
                                 "--engine", "ray", "--format", "parquet", "--summary"])
    assert result.exit_code == 0, result.output
    assert (out / "claims.parquet").is_dir() and (out / "summary" / "articles.csv").is_file()
    assert "top who -> whom" in result.output
