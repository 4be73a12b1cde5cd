"""The authoring module's command line: only an explicit --build rewrites the corpus splits."""
from __future__ import annotations

import json

import pytest

from claimcoder.data import authoring


def test_unknown_option_prints_usage_and_builds_nothing(monkeypatch, capsys):
    built = []
    monkeypatch.setattr(authoring, "build_corpus", lambda *a, **k: built.append(a) or {})
    assert authoring.main(["--help"]) == 2
    assert authoring.main([]) == 2
    assert authoring.main(["--check"]) == 2  # no files named
    assert not built
    assert "--build" in capsys.readouterr().err


def test_build_is_explicit(monkeypatch, capsys):
    built = []
    monkeypatch.setattr(authoring, "build_corpus", lambda *a, **k: built.append(a) or {"train": 1})
    assert authoring.main(["--build"]) == 0
    assert len(built) == 1
    assert json.loads(capsys.readouterr().out) == {"train": 1}


def test_check_reports_counts_and_problems(tmp_path, capsys):
    good = {"doc_id": "t-001", "beat": "politics_national", "style": "wire", "sentences": [
        {"text": "The minister denied the report.", "claims": [{"type": "denial", "source": "The minister", "target": None}]},
        {"text": "Rain fell.", "claims": []}]}
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(good) + "\n")
    assert authoring.main(["--check", str(path)]) == 0
    assert "1 articles, 2 sentences, 1 with claims" in capsys.readouterr().out
    good["sentences"][0]["claims"][0]["source"] = "The mayor"  # not in the sentence
    path.write_text(json.dumps(good) + "\n")
    assert authoring.main(["--check", str(path)]) == 2
    assert "error:" in capsys.readouterr().err
