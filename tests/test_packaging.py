"""One import package: the wheel holds claimcoder.* and the bundled data, nothing generic; the layers
import downwards only (scoring -> model, data; model -> data)."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("model", "data", "training", "eval", "scoring")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    # Built from a clean copy: setuptools' build/ folder in a working tree can hold files deleted since.
    src = tmp_path_factory.mktemp("src") / "claimcoder"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv", ".git", "build", "dist", "*.egg-info", "runs",
                                                             "__pycache__", ".pytest_cache"))
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(out), str(src)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "warn" not in proc.stderr.lower(), proc.stderr  # every bundled data folder is declared
    return next(out.glob("claimcoder-*.whl"))


def test_wheel_contains_every_subpackage_and_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"claimcoder"}, tops
    for sub in FOLDERS:
        assert f"claimcoder/{sub}/__init__.py" in names
    for module in ("job", "article_scorer", "ray_engine", "columns", "actors", "summary", "options", "worker"):
        assert f"claimcoder/scoring/{module}.py" in names
    for split in ("train", "dev", "test"):
        assert any(n.startswith(f"claimcoder/data/corpus/{split}") and n.endswith(".jsonl") for n in names)
    assert {"claimcoder/data/actors/countries.tsv", "claimcoder/data/CORPUS.md"} <= set(names)
    assert any(n.startswith("claimcoder/data/samples/") and n.endswith(".txt") for n in names)
    assert "claimcoder/data/samples/metadata.csv" in names  # the samples' dates, for export events
    assert "claimcoder/data/behaviour/cases.jsonl" in names
    assert "claimcoder/data/formats/labelstudio.xml" in names  # the labelling config `convert` points to
    assert not any(n.startswith("claimcoder/tests") for n in names)
    moved = ("model/bulk.py", "model/scorer.py", "model/ray_engine.py", "model/columns.py", "eval/summary.py")
    assert not {f"claimcoder/{m}" for m in moved} & set(names)


def test_folders_cannot_be_imported_by_bare_name():
    for name in FOLDERS:
        proc = subprocess.run([sys.executable, "-c", f"import {name}"], cwd=ROOT, capture_output=True, text=True)
        assert proc.returncode != 0 and f"import claimcoder.{name}" in proc.stderr, proc.stderr


def _imports(package: str, forbidden: tuple[str, ...]) -> None:
    """Import every module of ``package``; none of ``forbidden`` may load."""
    code = (f"import importlib, pkgutil, sys, {package} as p\n"
            "for m in pkgutil.iter_modules(p.__path__): importlib.import_module(f'{p.__name__}.{m.name}')\n"
            f"bad = [m for m in sys.modules if m.startswith({forbidden!r})]; print(bad); assert not bad")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_model_imports_no_training_eval_or_scoring():
    _imports("claimcoder.model", ("claimcoder.training", "claimcoder.eval", "claimcoder.scoring"))


def test_scoring_imports_only_model_and_data():
    _imports("claimcoder.scoring", ("claimcoder.training", "claimcoder.eval"))
