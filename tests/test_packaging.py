"""One import package: the wheel holds claimcoder.* and the bundled data, nothing generic."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(out), str(ROOT)], check=True)
    return next(out.glob("claimcoder-*.whl"))


def test_wheel_contains_every_subpackage_and_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"claimcoder"}, tops
    for sub in ("model", "data", "training", "eval"):
        assert f"claimcoder/{sub}/__init__.py" in names
    for split in ("train", "dev", "test"):
        assert f"claimcoder/data/corpus/{split}.jsonl" in names
    assert not any(n.startswith("claimcoder/tests") for n in names)


def test_folders_cannot_be_imported_by_bare_name():
    for name in ("model", "data", "training", "eval"):
        proc = subprocess.run([sys.executable, "-c", f"import {name}"], cwd=ROOT, capture_output=True, text=True)
        assert proc.returncode != 0 and f"import claimcoder.{name}" in proc.stderr, proc.stderr


def test_model_package_never_imports_training_or_eval():
    code = ("import sys, claimcoder.model; bad = [m for m in sys.modules if m.startswith(('claimcoder.training', "
            "'claimcoder.eval'))]; print(bad); assert not bad")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
