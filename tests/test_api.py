"""The public API: one export table, the README's list, light imports, the dataset, the arguments."""
from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

import claimcoder
from claimcoder.data import OptionError, UserError
from claimcoder.training import TrainingArguments

ROOT = Path(__file__).resolve().parents[1]


def test_one_export_table_behind_all_and_getattr():
    assert claimcoder.__all__ == [*claimcoder._EXPORTS, "__version__"]
    for name in claimcoder._EXPORTS:
        assert getattr(claimcoder, name) is not None, name
    assert {"TrainingArguments", "load_dataset", "train", "evaluate", "ClaimCoder"} <= set(claimcoder.__all__)
    assert sorted(dir(claimcoder)) == sorted(claimcoder.__all__)
    with pytest.raises(AttributeError):
        claimcoder.nothing_like_this  # noqa: B018


def test_readme_lists_the_public_api():
    text = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    m = re.search(r"The public API is (.*?)\.(?:\s|$)", text)
    assert m, "README: no sentence 'The public API is ...'"
    listed = re.findall(r"`([A-Za-z_]+)`", m.group(1))
    assert set(listed) == set(claimcoder._EXPORTS), (
        f"README lists {sorted(listed)}; the export table has {sorted(claimcoder._EXPORTS)}")


@pytest.mark.parametrize("code", ["import claimcoder",
                                  "import sys; from claimcoder.cli import app; sys.argv = ['claimcoder', '--help']; app()"])
def test_import_and_help_load_neither_torch_nor_datasets(code):
    probe = (f"{code}\n" if "app()" not in code else f"try:\n    {code.replace('; ', chr(10) + '    ')}\nexcept SystemExit:\n    pass\n")
    probe += ("import sys\nheavy = sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'datasets'))\n"
              "print(heavy)\nassert not heavy\n")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]


def test_load_dataset_gives_the_bundled_splits_with_class_labels():
    import datasets

    ds = claimcoder.load_dataset()
    assert isinstance(ds, datasets.DatasetDict) and set(ds) == {"train", "dev", "test"}
    feats = ds["train"].features
    assert feats["types"].feature.names == ["accusation", "denial", "demand_explanation"]
    claims = feats["claims"]  # a sequence of claims, stored column-wise
    assert claims["type"].feature.names == feats["types"].feature.names and "source_start" in claims
    from claimcoder.data.bundled import corpus_path

    assert ds["test"].num_rows == len(claimcoder.read_jsonl(corpus_path("test")))


def test_training_arguments_from_dict_rejects_unknown_keys():
    args = TrainingArguments.from_dict({"epochs": 2, "base": "x"})
    assert args.epochs == 2 and args.base == "x"
    assert TrainingArguments.from_dict(args.to_dict()) == args
    with pytest.raises(OptionError, match="unknown training argument.*epoch_count"):
        TrainingArguments.from_dict({"epoch_count": 2})
    assert issubclass(OptionError, UserError)


@pytest.mark.parametrize("values, message", [
    ({"epochs": "5"}, "epochs: expected a whole number, got '5'"),
    ({"learning_rate": "fast"}, "learning_rate: expected a number"),
    ({"batch_size": -3}, "batch_size must be 1 or more, got -3"),
    ({"dropout": 2.0}, r"dropout must be in \[0, 1\)"),
    ({"max_length": "x"}, "max_length: expected a whole number"),
    ({"epochs": True}, "epochs: expected a whole number"),
    ({"learning_rate": float("nan")}, "learning_rate: expected a number"),
    ({"bf16": "yes"}, "bf16: expected true or false"),
    ({"transfer": "a.jsonl"}, "transfer: expected a list of strings"),
    ({"seed": -1}, "seed must be from 0 to 2"), ({"seed": 2**32 - 1, "soup": 2}, "the runs' seeds pass"),
])
def test_training_arguments_of_the_wrong_type_or_range_are_refused_by_name(values, message):
    with pytest.raises(OptionError, match=message):
        TrainingArguments.from_dict(values)
    assert TrainingArguments.from_dict({"learning_rate": 1, "bf16": None}).learning_rate == 1  # an int is a number


def test_cli_train_refuses_a_bad_config_before_writing_any_split(tmp_path):
    from typer.testing import CliRunner

    from claimcoder.cli import app

    config = tmp_path / "c.json"
    config.write_text('{"epochs": "5"}', encoding="utf-8")
    data = tmp_path / "d.jsonl"
    data.write_text("", encoding="utf-8")
    result = CliRunner().invoke(app, ["train", "--data", str(data), "--config", str(config), "--out",
                                      str(tmp_path / "m")])
    assert result.exit_code == 2 and f"{config}: epochs: expected a whole number" in result.output
    assert not list(tmp_path.glob("m*"))
    result = CliRunner().invoke(app, ["train", "--batch-size", "0", "--out", str(tmp_path / "m")])
    assert result.exit_code == 2 and "batch_size must be 1 or more" in result.output


def test_dead_training_arguments_are_gone():
    names = {f.name for f in fields(TrainingArguments)}
    assert not {"eval_batch_size", "extra"} & names
    with pytest.raises(UserError, match="eval_batch_size"):
        TrainingArguments.from_dict({"eval_batch_size": 64})


def test_recipes_of_older_models_still_retrain(monkeypatch):
    """A saved model's recorded arguments may hold the retired keys: fit_recipe drops them."""
    from claimcoder import api

    seen = {}
    monkeypatch.setattr(api, "train", lambda tr, dv, args, **kwargs: seen.setdefault("args", args))
    api.fit_recipe(["t"], ["d"], {"epochs": 1, "eval_batch_size": 64, "extra": {}})
    assert seen["args"].epochs == 1 and seen["args"].progress is False


def test_type_checking_imports_follow_the_export_table():
    """The imports for type checkers name the same modules as the table (no second, drifting list)."""
    import ast

    tree = ast.parse(Path(claimcoder.__file__).read_text(encoding="utf-8"))
    block = next(n for n in tree.body if isinstance(n, ast.If) and getattr(n.test, "id", "") == "TYPE_CHECKING")
    seen = {a.name: node.module for node in block.body for a in node.names}
    assert seen == claimcoder._EXPORTS
