"""Memory hygiene of the bulk job: freed heap handed back after every chunk, oneDNN's shape cache bounded."""
from __future__ import annotations

import os

from claimcoder.scoring import ScoreOptions, run_score
from claimcoder.scoring import job, worker

from .test_score import make_articles


def test_each_chunk_hands_freed_memory_back(tiny_model_dir, tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(job, "release_freed_memory", lambda: calls.append(1))
    src = make_articles(tmp_path / "in", 5)
    run_score([src], ScoreOptions(out=tmp_path / "out", model=tiny_model_dir, chunk_size=2, progress=False))
    assert len(calls) == 3  # chunks of 2, 2 and 1 articles


def test_release_freed_memory_calls_malloc_trim(monkeypatch):
    trims = []

    class Libc:
        def malloc_trim(self, pad):
            trims.append(pad)
            return 1

    monkeypatch.setattr(worker.sys, "platform", "linux")
    monkeypatch.setattr(worker.ctypes, "CDLL", lambda _name: Libc())
    worker.release_freed_memory()
    assert trims == [0]
    monkeypatch.setattr(worker.ctypes, "CDLL", lambda _name: object())  # a libc without malloc_trim
    worker.release_freed_memory()  # does nothing, raises nothing


def test_worker_bounds_the_onednn_cache_unless_the_user_set_it(tiny_model_dir, monkeypatch):
    spec = worker.WorkerSpec(model=str(tiny_model_dir), quantize=None, actors=(), batch_size=8,
                             all_sentences=False, threads=None)
    monkeypatch.delenv("ONEDNN_PRIMITIVE_CACHE_CAPACITY", raising=False)
    spec.build()
    assert os.environ["ONEDNN_PRIMITIVE_CACHE_CAPACITY"] == "8"
    monkeypatch.setenv("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "64")
    spec.build()
    assert os.environ["ONEDNN_PRIMITIVE_CACHE_CAPACITY"] == "64"

