"""`claimcoder evaluate` end to end: baselines, reports, comparison, planning, bad input."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from claimcoder.cli import app
from claimcoder.data import write_jsonl
from claimcoder.eval import evaluate

from .conftest import toy_corpus

runner = CliRunner()


@pytest.fixture
def splits(tmp_path):
    data = toy_corpus(12)
    paths = {}
    for name, part in (("train", data[:32]), ("dev", data[32:40]), ("test", data[40:])):
        paths[name] = tmp_path / f"{name}.jsonl"
        write_jsonl(paths[name], part)
    return paths


def test_python_api_gives_every_figure_with_intervals(tiny_model_dir):
    data = toy_corpus(4)
    m = evaluate(tiny_model_dir, data, n_resamples=100)
    for key in ("per_type", "macro_f1", "ci", "calibration", "ece", "confusion", "breakdown", "errors",
                "threshold_sweep", "pr_curves", "thresholds", "n_documents"):
        assert key in m, key
    lo, hi = m["ci"]["macro_f1"]
    assert lo <= m["macro_f1"] <= hi and m["n_documents"] == 4 and "beat" in m["breakdown"]
    assert m == evaluate(tiny_model_dir, data, n_resamples=100)  # deterministic under the default seed


def test_baselines_and_report_dir(tiny_model_dir, splits, tmp_path):
    out = tmp_path / "report"
    args = ["evaluate", str(splits["test"]), "--model", str(tiny_model_dir), "--baselines", "--train",
            str(splits["train"]), "--dev", str(splits["dev"]), "--report-dir", str(out), "--json",
            str(tmp_path / "r.json"), "--bootstrap", "200"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    for name in ("transformer", "majority", "rules", "tfidf", "macro-F1 [95% CI]", "macro-F1"):
        assert name in result.output
    report = json.loads((out / "report.json").read_text())
    assert list(report["systems"]) == ["transformer", "majority", "rules", "tfidf"]
    assert set(report["comparisons"]) == {"transformer vs majority", "transformer vs rules", "transformer vs tfidf"}
    assert report["macro_f1"] == report["systems"]["transformer"]["macro_f1"]  # primary figures at the top, as before
    assert report["systems"]["majority"]["macro_f1"] == 0.0
    assert report["warnings"] == ["only 2 document(s): bootstrap intervals over documents are unreliable with so few"]
    assert "caution: only 2 document(s)" in result.output
    assert report["systems"]["tfidf"]["macro_f1"] == pytest.approx(1.0)  # the toy sentences repeat
    assert report["systems"]["rules"]["source"]["overlap_f1"] > 0.5      # rules find sources too
    for figures in report["systems"].values():
        assert "macro_f1" in figures["ci"] and "ece" in figures and figures["description"]["system"]
    md = (out / "report.md").read_text()
    for heading in ("## Systems", "## Per type", "## Spans and claims", "## Confusion", "## Calibration",
                    "## Thresholds", "## By beat", "## Paired comparisons", "## Method"):
        assert heading in md, heading
    for png in ("confusion.png", "reliability.png", "pr_curves.png"):
        assert (out / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert json.loads((tmp_path / "r.json").read_text()) == report

    # same seed, same numbers; another seed, other intervals
    again = runner.invoke(app, args[:-6] + ["--json", str(tmp_path / "r2.json"), "--bootstrap", "200"])
    assert again.exit_code == 0, again.output
    assert (tmp_path / "r2.json").read_text() == (tmp_path / "r.json").read_text()


def test_compare_two_systems(tiny_model_dir, splits, tmp_path):
    result = runner.invoke(app, ["evaluate", str(splits["test"]), "--compare", str(tiny_model_dir), "rules",
                                 "--train", str(splits["train"]), "--dev", str(splits["dev"]),
                                 "--json", str(tmp_path / "c.json"), "--bootstrap", "300"])
    assert result.exit_code == 0, result.output
    assert "tiny vs rules" in result.output and ("p = " in result.output or "p < " in result.output)
    report = json.loads((tmp_path / "c.json").read_text())
    cmp = report["comparisons"]["tiny vs rules"]
    assert cmp["delta"] == pytest.approx(report["systems"]["tiny"]["macro_f1"] - report["systems"]["rules"]["macro_f1"])
    assert 0.0 <= cmp["p_value"] <= 1.0 and cmp["n_resamples"] == 300
    same = runner.invoke(app, ["evaluate", str(splits["test"]), "--compare", str(tiny_model_dir), str(tiny_model_dir),
                               "--bootstrap", "100"])
    assert same.exit_code == 0, same.output
    assert "difference +0.000" in same.output and "p = 1.000" in same.output


def test_cross_validation_and_learning_curve(tiny_model_dir, splits, tmp_path):
    out = tmp_path / "plan"
    result = runner.invoke(app, ["evaluate", str(splits["test"]), "--model", str(tiny_model_dir), "--cv", "2"])
    assert result.exit_code == 2 and "too few for 2-fold cross-validation" in result.output  # 2 documents
    result = runner.invoke(app, ["evaluate", str(splits["train"]), "--model", str(tiny_model_dir), "--cv", "2",
                                 "--learning-curve", "--fractions", "0.5,1", "--train", str(splits["train"]),
                                 "--dev", str(splits["dev"]), "--report-dir", str(out), "--bootstrap", "50"])
    assert result.exit_code == 0, result.output
    assert "cross-validation (2 folds by document)" in result.output and "learning curve" in result.output
    report = json.loads((out / "report.json").read_text())
    assert len(report["cross_validation"]["folds"]) == 2
    assert report["learning_curve"]["n_train_sentences"] == [16, 32] and report["n_sentences"] == 32
    assert (out / "learning_curve.png").read_bytes()[:4] == b"\x89PNG"
    assert "## Cross-validation" in (out / "report.md").read_text()
    assert any("also in the train/dev splits" in w for w in report["warnings"])  # DATA is the train split here


def test_bad_input_gives_a_message_not_a_traceback(tiny_model_dir, tmp_path, splits):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    wrong = tmp_path / "wrong.jsonl"
    wrong.write_text('{"text": "x", "claims": [{"type": "praise", "source": null, "target": null}]}\n')
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b"\xff\xfe\x00garbage\n")
    cases = [
        ([str(empty)], "holds no sentences"),
        ([str(tmp_path / "missing.jsonl")], "no such file"),
        ([str(binary)], "not valid UTF-8"),
        ([str(wrong)], "unknown claim type 'praise'"),                  # label set does not match the model
        ([str(splits["test"]), "--cv", "1"], "at least 2 folds"),
        ([str(splits["test"]), "--learning-curve", "--fractions", "0,x"], "--fractions"),
        ([str(splits["test"]), "--baselines", "--train", str(splits["train"])], "go together"),
        ([str(splits["test"]), "--report-dir", str(splits["train"])], "not a folder"),
        ([str(splits["test"]), "--bootstrap", "-1"], "--bootstrap"),
    ]
    for args, message in cases:
        result = runner.invoke(app, ["evaluate", *args, "--model", str(tiny_model_dir)])
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output and "Traceback" not in result.output, (args, result.output)
    result = runner.invoke(app, ["evaluate", str(splits["test"]), "--compare", str(tiny_model_dir), "nonsense"])
    assert result.exit_code == 2 and "neither a model directory nor a baseline" in result.output
    result = runner.invoke(app, ["evaluate", str(splits["test"]), "--model", str(tmp_path / "nomodel")])
    assert result.exit_code == 2 and "claimcoder train --out" in result.output


def test_bootstrap_zero_means_no_intervals_and_no_tests(tiny_model_dir, splits, tmp_path):
    result = runner.invoke(app, ["evaluate", str(splits["test"]), "--compare", str(tiny_model_dir), "rules",
                                 "--train", str(splits["train"]), "--dev", str(splits["dev"]),
                                 "--json", str(tmp_path / "z.json"), "--bootstrap", "0"])
    assert result.exit_code == 0, result.output
    assert "no resampling" in result.output and "95% CI" not in result.output.split("tiny vs rules")[-1]
    report = json.loads((tmp_path / "z.json").read_text())
    cmp = report["comparisons"]["tiny vs rules"]
    assert cmp["n_resamples"] == 0 and cmp["p_value"] is None and "ci" not in report["systems"]["tiny"]


def test_run_evaluation_is_one_python_call(tiny_model_dir, splits, tmp_path):
    from claimcoder.eval import format_evaluation, run_evaluation

    report = run_evaluation(splits["test"], tiny_model_dir, n_resamples=20, report_dir=tmp_path / "r")
    assert report["primary"] == "transformer" and "macro_f1" in report and (tmp_path / "r" / "report.md").is_file()
    assert "evaluation of transformer" in format_evaluation(report)
    with pytest.raises(ValueError, match="fit=claimcoder.api.fit_recipe"):
        run_evaluation(splits["train"], tiny_model_dir, cv=2, n_resamples=0)
