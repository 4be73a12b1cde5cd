"""The Ray Data engine gives the same claims as the local engine (real local Ray, 2 CPUs)."""
from __future__ import annotations

import json

import pytest

from claimcoder.model.bulk import ScoreOptions, run_score

ray = pytest.importorskip("ray")

TEXTS = [
    "Prosecutors accused the mayor of taking bribes. The mayor denied the allegations.",
    "Lawmakers demanded an explanation from the agency. The council met on Monday.",
    "The Kremlin accused Washington of lying. \"That is false,\" a State Department spokesman said.",
]


def key(row: dict) -> tuple:
    return (row["doc_id"], row["sentence_index"], row["type"], row["source_text"], row["target_text"],
            row["source_actor"], row["target_actor"], round(float(row["score"]), 4))


def test_ray_equals_local(tiny_model_dir, tmp_path):
    from claimcoder.model.ray_engine import run_score_ray

    src = tmp_path / "articles.jsonl"
    with open(src, "w") as fh:
        for i in range(9):
            fh.write(json.dumps({"id": f"a{i}", "text": TEXTS[i % 3], "outlet": f"o{i % 2}"}) + "\n")
    local = run_score([src], ScoreOptions(out=tmp_path / "local", model=tiny_model_dir, progress=False))
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        stats = run_score_ray([src], ScoreOptions(out=tmp_path / "ray", model=tiny_model_dir, chunk_size=4,
                                                  workers=2))
        got = ray.data.read_json(stats.output).take_all()
    finally:
        ray.shutdown()
    want = [json.loads(x) for x in (tmp_path / "local" / "claims.jsonl").read_text().splitlines()]
    assert local.claims == stats.claims == len(want) > 0
    assert sorted(map(key, got)) == sorted(map(key, want))
    assert {r["outlet"] for r in got} == {"o0", "o1"}
