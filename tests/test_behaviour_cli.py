"""The behavioural suite wired into training (model card), `claimcoder check` and `evaluate --behaviour`."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from claimcoder.cli import app
from claimcoder.data import write_jsonl

from .conftest import toy_corpus

runner = CliRunner()


def test_training_records_behaviour_in_config_and_card(tiny_model_dir):
    config = json.loads((tiny_model_dir / "config.json").read_text())
    behaviour = config["training"]["behaviour"]
    assert behaviour["overall"]["n"] >= 400 and set(behaviour["by_kind"]) == {"MFT", "INV", "DIR"}
    assert all(0.0 <= t["rate"] <= 1.0 for t in behaviour["tests"])
    card = (tiny_model_dir / "README.md").read_text()
    assert "## Behavioural tests" in card and "codebook examples" in card


def test_check_command_writes_reports(tiny_model_dir, tmp_path):
    result = runner.invoke(app, ["check", "--model", str(tiny_model_dir), "--json", str(tmp_path / "b.json"),
                                 "--markdown", str(tmp_path / "b.md")])
    assert result.exit_code == 0, result.output
    assert "behavioural tests:" in result.output and "| DIR |" in result.output
    report = json.loads((tmp_path / "b.json").read_text())
    assert report["overall"]["n"] == sum(t["n"] for t in report["tests"])
    assert "Failing examples" in (tmp_path / "b.md").read_text() or report["overall"]["rate"] == 1.0


def test_check_rejects_a_bad_cases_file(tiny_model_dir, jsonl_file):
    bad = jsonl_file([{"id": "x", "kind": "MFT", "capability": "c", "test": "t", "text": "A said so.",
                       "claims": [{"type": "acusation", "source": "A", "target": None}]}])
    result = runner.invoke(app, ["check", "--model", str(tiny_model_dir), "--cases", str(bad)])
    assert result.exit_code == 2 and "acusation" in result.output and ":1:" in result.output


def test_evaluate_with_behaviour(tiny_model_dir, tmp_path):
    data = tmp_path / "test.jsonl"
    write_jsonl(data, toy_corpus(4))
    result = runner.invoke(app, ["evaluate", str(data), "--model", str(tiny_model_dir), "--behaviour",
                                 "--bootstrap", "0", "--json", str(tmp_path / "r.json"),
                                 "--report-dir", str(tmp_path / "rep")])
    assert result.exit_code == 0, result.output
    assert "behavioural tests:" in result.output
    assert json.loads((tmp_path / "r.json").read_text())["behaviour"]["overall"]["n"] > 0
    assert (tmp_path / "rep" / "behaviour.md").is_file()


def test_train_reads_a_config_file_and_options_override_it(tiny_base, tmp_path):
    data = tmp_path / "all.jsonl"
    write_jsonl(data, toy_corpus(12))
    config = tmp_path / "args.json"
    config.write_text(json.dumps({"label_smoothing": 0.1, "head_dropout_samples": 2, "epochs": 3, "max_length": 64}))
    out = tmp_path / "m"
    result = runner.invoke(app, ["train", "--data", str(data), "--out", str(out), "--base", str(tiny_base),
                                 "--config", str(config), "--epochs", "1", "--no-bf16"])
    assert result.exit_code == 0, result.output
    args = json.loads((out / "config.json").read_text())["training"]["args"]
    assert args["label_smoothing"] == 0.1 and args["head_dropout_samples"] == 2
    assert args["epochs"] == 1 and args["bf16"] is False

    config.write_text(json.dumps({"label_smoothin": 0.1}))
    result = runner.invoke(app, ["train", "--data", str(data), "--out", str(tmp_path / "m2"), "--config", str(config)])
    assert result.exit_code == 2 and "label_smoothin" in result.output


def test_a_model_of_other_types_is_checked_only_against_cases_of_its_types(tiny_base, tmp_path):
    from claimcoder import TrainingArguments, train

    from dataclasses import replace

    data = [replace(s, claims=[c for c in s.claims if c.type == "accusation"]) for s in toy_corpus()]
    out = tmp_path / "own"
    coder = train(data[:32], data[32:], TrainingArguments(base=str(tiny_base), epochs=1, batch_size=8, max_length=64,
                                                          progress=False, claim_types=["accusation"]), out=out)
    assert "behaviour" not in coder.config.training  # the bundled suite tests three types it does not code
    result = runner.invoke(app, ["check", "--model", str(out)])
    assert result.exit_code == 2 and "write cases of its types" in result.output
    cases = tmp_path / "mine.jsonl"
    cases.write_text(json.dumps({"id": "c1", "kind": "MFT", "capability": "accusation", "test": "plain",
                                 "text": "Russia accused Ukraine.", "claims": [
                                     {"type": "accusation", "source": "Russia", "target": "Ukraine"}]}) + "\n"
                     + json.dumps({"id": "c2", "kind": "MFT", "capability": "accusation", "test": "plain",
                                   "text": "Russia denied it.", "claims": [
                                       {"type": "denial", "source": "Russia", "target": None}]}) + "\n")
    result = runner.invoke(app, ["check", "--model", str(out), "--cases", str(cases)])
    assert result.exit_code == 2 and "mine.jsonl:2: claims[0].type: unknown claim type 'denial'" in result.output
