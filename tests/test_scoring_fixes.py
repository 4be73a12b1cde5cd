"""Defects of the scoring half fixed in the scoring/ refactor: each test failed before its fix."""
from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from claimcoder.cli import app
from claimcoder.data.actor_dictionary import ActorDictionary
from claimcoder.data.errors import UserError
from claimcoder.scoring import JobError, ScoreOptions, run_score
from claimcoder.scoring.actors import ArticleResolver

from .test_score import make_articles

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
ROW = {"doc_id": "a1", "sentence_index": 0, "type": "accusation", "source_actor": "Russia", "target_actor": "Ukraine"}


# ------------------------------------------------------------------------------------------- summaries
@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_summarize_reads_a_folder_of_part_files(tmp_path, kind):
    parts = tmp_path / f"claims.{kind}"  # what Ray writes: a folder named like the file
    parts.mkdir()
    for i in range(2):
        rows = [{**ROW, "doc_id": f"a{i}"}]
        if kind == "jsonl":
            (parts / f"part-{i}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
        else:
            pq.write_table(pa.Table.from_pylist(rows), parts / f"part-{i}.parquet")
    result = runner.invoke(app, ["summarize", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Russia -> Ukraine (accusation): 2" in result.output
    edges = (tmp_path / "summary" / "edges.csv").read_text().splitlines()
    assert edges[1] == "Russia,Ukraine,accusation,2"


def test_summarize_out_is_the_folder_written(tmp_path):
    (tmp_path / "claims.jsonl").write_text(json.dumps(ROW) + "\n")
    out = tmp_path / "mine"
    result = runner.invoke(app, ["summarize", str(tmp_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "edges.csv").is_file() and not (out / "summary").exists()


# -------------------------------------------------------------------------------------- local resume
def _other_model(tiny_model_dir: Path, tmp_path: Path) -> Path:
    other = tmp_path / "other-model"
    shutil.copytree(tiny_model_dir, other, ignore=shutil.ignore_patterns("onnx"))
    cfg = json.loads((other / "config.json").read_text())
    cfg["thresholds"] = {t: 0.01 for t in cfg["thresholds"]}
    (other / "config.json").write_text(json.dumps(cfg))
    return other


def test_resume_of_a_finished_run_checks_settings_and_model(tiny_model_dir, tmp_path):
    folder = make_articles(tmp_path / "in", 4)
    out = tmp_path / "out"
    base = dict(out=out, model=tiny_model_dir, progress=False, chunk_size=2)
    first = run_score([folder], ScoreOptions(**base))
    assert run_score([folder], ScoreOptions(**base, resume=True)).claims == first.claims  # same settings: fine
    with pytest.raises(JobError, match="all_sentences"):
        run_score([folder], ScoreOptions(**base, resume=True, all_sentences=True))
    with pytest.raises(JobError, match="max_chars"):
        run_score([folder], ScoreOptions(**base, resume=True, max_chars=1000))
    with pytest.raises(JobError, match="model"):
        run_score([folder], ScoreOptions(**{**base, "model": _other_model(tiny_model_dir, tmp_path)}, resume=True))


def test_resume_of_an_interrupted_run_refuses_another_model(tiny_model_dir, tmp_path, monkeypatch):
    import claimcoder.scoring.job as job

    folder = make_articles(tmp_path / "in", 4)
    out = tmp_path / "out"

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(job, "_finalise", crash)
    with pytest.raises(KeyboardInterrupt):
        run_score([folder], ScoreOptions(out=out, model=tiny_model_dir, progress=False, chunk_size=2))
    monkeypatch.undo()
    assert list((out / "parts").glob("part-*.json"))
    other = _other_model(tiny_model_dir, tmp_path)
    with pytest.raises(JobError, match="model"):
        run_score([folder], ScoreOptions(out=out, model=other, progress=False, chunk_size=2, resume=True))
    with pytest.raises(JobError, match="max_chars"):
        run_score([folder], ScoreOptions(out=out, model=tiny_model_dir, progress=False, chunk_size=2, resume=True,
                                         max_chars=1000))
    stats = run_score([folder], ScoreOptions(out=out, model=tiny_model_dir, progress=False, chunk_size=2, resume=True))
    assert stats.chunks_resumed == 2 and stats.articles_read == 4


def test_job_errors_are_user_errors():
    assert issubclass(JobError, UserError)


# ---------------------------------------------------------------------------------------------- actors
def test_foreign_ministry_is_a_state_head_of_its_own():
    r = ArticleResolver(ActorDictionary.load())
    # A ministry is an organisation of its country (gold convention): its side is its affiliation.
    assert r.resolve("Ukraine's foreign ministry").affiliation == "UKR"
    assert r.resolve("Russia's defence ministry").affiliation == "RUS"
    got = r.resolve("the foreign ministry")  # the foreign ministry named before, not the latest ministry
    assert got.affiliation == "UKR" and got.resolved_from == "Ukraine's foreign ministry"
    assert r.resolve("the ministry").affiliation == "UKR"  # the latest ministry mentioned: the foreign one


# ----------------------------------------------------------------------------------------------- bench
def test_bench_defaults_match_the_readme_command():
    spec = importlib.util.spec_from_file_location("bench_score", ROOT / "bench" / "bench_score.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    args = bench.build_parser().parse_args(["--model", "m"])
    assert args.articles == 500 and args.workers == 1


# --------------------------------------------------------------------------------- options and workers
def test_options_take_enum_values_and_refuse_others(tmp_path):
    from claimcoder.scoring import Engine, OutputFormat, Quantize

    opts = ScoreOptions(out=tmp_path, format="parquet", engine="ray", quantize="int8")
    assert (opts.format, opts.engine, opts.quantize) == (OutputFormat.PARQUET, Engine.RAY, Quantize.INT8)
    with pytest.raises(JobError, match="--format must be one of jsonl, parquet, csv"):
        ScoreOptions(out=tmp_path, format="xml")
    result = runner.invoke(app, ["score", str(tmp_path), "--out", str(tmp_path / "o"), "--engine", "spark"])
    assert result.exit_code == 2 and "spark" in result.output


def test_worker_spec_serves_both_engines(tmp_path):
    from claimcoder.scoring import WorkerSpec

    one = WorkerSpec.from_options(ScoreOptions(out=tmp_path, quantize="int8", actors=[Path("a.tsv")]))
    assert one.threads is None and one.quantize == "int8" and one.actors == ("a.tsv",)
    assert WorkerSpec.from_options(ScoreOptions(out=tmp_path, workers=2)).threads == 1
    assert WorkerSpec.from_options(ScoreOptions(out=tmp_path, engine="ray")).threads == 1


def test_reader_process_never_loads_torch_with_several_workers(tiny_model_dir, tmp_path):
    import subprocess
    import sys

    folder = make_articles(tmp_path / "in", 4)
    code = ("import sys; from pathlib import Path; from claimcoder.scoring import ScoreOptions, run_score; "
            f"s = run_score([Path({str(folder)!r})], ScoreOptions(out=Path({str(tmp_path / 'o')!r}), "
            f"model=Path({str(tiny_model_dir)!r}), workers=2, chunk_size=2, progress=False)); "
            "assert s.articles_scored == 4, s; assert 'torch' not in sys.modules, 'torch loaded'")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]


def test_mistakes_in_inputs_and_model_folders_are_user_errors(tiny_model_dir, tmp_path):
    from claimcoder.model.config import ClaimCoderConfig

    with pytest.raises(JobError, match="no such file or folder"):
        run_score([tmp_path / "missing.jsonl"], ScoreOptions(out=tmp_path / "o", model=tiny_model_dir))
    (tmp_path / "config.json").write_text('{"model_type": "bert"}')
    with pytest.raises(UserError, match="not a claimcoder model"):
        ClaimCoderConfig.load(tmp_path)
    with pytest.raises(UserError, match="claimcoder train --out"):
        run_score([make_articles(tmp_path / "in", 1)], ScoreOptions(out=tmp_path / "o", model=tmp_path / "none"))
