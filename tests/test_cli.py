"""The command line end to end on the tiny model."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from claimcoder.cli import app
from claimcoder.data import write_jsonl

from .conftest import toy_corpus

runner = CliRunner()


def test_help_teaches_the_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for cmd in ("train", "evaluate", "predict"):
        assert cmd in result.output


def test_train_evaluate_predict(tiny_base, tmp_path):
    data = tmp_path / "all.jsonl"
    write_jsonl(data, toy_corpus(20))
    out = tmp_path / "m"
    result = runner.invoke(app, ["train", "--data", str(data), "--out", str(out), "--base", str(tiny_base),
                                 "--epochs", "1"])
    assert result.exit_code == 0, result.output
    assert "dev report" in result.output and "training wall time" in result.output
    assert (out / "model.safetensors").is_file()
    assert json.loads((out / "config.json").read_text())["training"]["args"]["freeze_embeddings"] is True  # default
    test_split = tmp_path / "m-splits" / "test.jsonl"
    assert test_split.is_file()

    result = runner.invoke(app, ["evaluate", str(test_split), "--model", str(out), "--json", str(tmp_path / "m.json")])
    assert result.exit_code == 0, result.output
    figures = json.loads((tmp_path / "m.json").read_text())
    assert set(figures["per_type"]) == {"accusation", "denial", "demand_explanation"}
    assert 0.0 <= figures["macro_f1"] <= 1.0 and "source_f1" in figures
    assert "macro-F1" in result.output

    result = runner.invoke(app, ["predict", "--model", str(out), "The mayor denied it.", "Nothing here."])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["text"] for r in rows] == ["The mayor denied it.", "Nothing here."]

    result = runner.invoke(app, ["train", "--data", str(data), "--out", str(out), "--if-missing"])
    assert result.exit_code == 0 and "nothing to do" in result.output


def test_bad_input_gives_message_not_traceback(tiny_model_dir, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "claims": [{"type": "praise", "source": null, "target": null}]}\n')
    result = runner.invoke(app, ["evaluate", str(bad), "--model", str(tiny_model_dir)])
    assert result.exit_code == 2
    assert "bad.jsonl:1: claims[0].type" in result.output and "Traceback" not in result.output
    result = runner.invoke(app, ["predict", "--model", str(tmp_path / "none"), "x"])
    assert result.exit_code == 2 and "claimcoder train --out" in result.output


def test_predict_reads_files(tiny_model_dir, tmp_path):
    txt = tmp_path / "s.txt"
    txt.write_text("First sentence.\n\nSecond sentence.\n")
    result = runner.invoke(app, ["predict", "--model", str(tiny_model_dir), "--file", str(txt),
                                 "--out", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 0, result.output
    assert len((tmp_path / "o.jsonl").read_text().splitlines()) == 2
    # Sentences given beside --file would be dropped without a word: refused instead.
    result = runner.invoke(app, ["predict", "--model", str(tiny_model_dir), "--file", str(txt), "One more."])
    assert result.exit_code == 2 and "not both" in result.output
    # '-' reads standard input, as in `claimcoder score -`.
    result = runner.invoke(app, ["predict", "--model", str(tiny_model_dir), "-"], input="Line one.\nLine two.\n")
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["text"] for line in result.output.splitlines()] == ["Line one.", "Line two."]


def test_predict_reads_unlabelled_jsonl(tiny_model_dir, tmp_path):
    """A JSONL of sentences to code needs only 'text' (it used to fail with 'claims: missing')."""
    src = tmp_path / "s.jsonl"
    src.write_text('{"text": "The mayor denied it."}\n{"id": "b", "text": "Nothing here."}\n', encoding="utf-8")
    result = runner.invoke(app, ["predict", "--model", str(tiny_model_dir), "--file", str(src)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["text"] for r in rows] == ["The mayor denied it.", "Nothing here."] and rows[1]["id"] == "b"


def test_user_errors_are_one_line_other_errors_keep_their_traceback(tiny_model_dir, tmp_path, monkeypatch):
    from claimcoder.eval import run

    result = runner.invoke(app, ["train", "--data", str(tmp_path / "a.jsonl"), "--train", str(tmp_path / "b.jsonl")])
    assert result.exit_code == 2 and "error: give either --data or --train/--dev" in result.output
    monkeypatch.setattr(run, "run_evaluation", lambda *a, **k: {}["a bug"])
    result = runner.invoke(app, ["evaluate", "--model", str(tiny_model_dir)])
    assert result.exit_code == 1 and isinstance(result.exception, KeyError)  # a bug is not dressed up as a user error


def test_train_embeddings_flag_and_config_reach_the_training_arguments(monkeypatch, tmp_path):
    from claimcoder import api

    seen = []
    monkeypatch.setattr(api, "train_from_files",
                        lambda **kw: seen.append(kw["args"]) or api.TrainingRun(None, tmp_path, skipped=True))
    config = tmp_path / "args.json"
    config.write_text(json.dumps({"freeze_embeddings": True, "layer_decay": 0.9}))
    assert runner.invoke(app, ["train", "--train-embeddings", "--config", str(config)]).exit_code == 0
    assert runner.invoke(app, ["train", "--freeze-embeddings"]).exit_code == 0
    assert runner.invoke(app, ["train"]).exit_code == 0
    assert seen[0] == {"freeze_embeddings": False, "layer_decay": 0.9}  # the option overrides the file
    assert seen[1] == {"freeze_embeddings": True} and seen[2] == {}


def test_train_data_too_small_for_a_test_split_is_refused(tiny_base, tmp_path):
    data = tmp_path / "few.jsonl"
    write_jsonl(data, toy_corpus(3))
    result = runner.invoke(app, ["train", "--data", str(data), "--out", str(tmp_path / "m"), "--base",
                                 str(tiny_base), "--epochs", "1"])
    assert result.exit_code == 2 and "too few documents" in result.output and "train, dev and test" in result.output
    assert not (tmp_path / "m-splits").exists()


def test_a_full_disk_or_read_only_output_is_one_clear_error(tmp_path, monkeypatch):
    """ENOSPC and EROFS are the place's fault, not a bug: one line naming the folder, no traceback."""
    import errno

    from claimcoder.scoring import summary

    claims = tmp_path / "claims.jsonl"
    claims.write_text('{"doc_id": "a", "type": null}\n', encoding="utf-8")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "out" / ".edges.csv.x1.tmp"))
    monkeypatch.setattr(summary, "summarize_claims", full)
    result = runner.invoke(app, ["summarize", str(claims), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert f"error: {tmp_path / 'out'}: No space left on device; the files finished before it are whole" in result.output

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")  # a write with no file name on it
    monkeypatch.setattr(summary, "summarize_claims", read_only)
    result = runner.invoke(app, ["summarize", str(claims), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "error: writing the output: Read-only file system" in result.output

    def bug(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error")  # anything else keeps its traceback
    monkeypatch.setattr(summary, "summarize_claims", bug)
    result = runner.invoke(app, ["summarize", str(claims), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and isinstance(result.exception, OSError)


def test_no_command_writes_its_output_over_its_input(tmp_path):
    """`evaluate g.jsonl --json g.jsonl` used to replace the gold annotations with a report."""
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"id": "s1", "doc_id": "d", "text": "The mayor denied it.", "claims": []}) + "\n",
                    encoding="utf-8")
    before = gold.read_bytes()
    for args in (["evaluate", str(gold), "--json", str(gold)],
                 ["evaluate", "--articles", str(gold), "--resolver-only", "--json", str(gold)],
                 ["agreement", str(gold), str(gold), "--json", str(gold)],
                 ["check", "--cases", str(gold), "--json", str(gold)],
                 ["predict", "--file", str(gold), "--out", str(gold)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and "the output would overwrite the input" in result.output, (args, result.output)
    assert gold.read_bytes() == before
