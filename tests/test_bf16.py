"""bf16 autocast inference (``quantize="bf16"``): the same claims as fp32, through the model and the bulk job."""
from __future__ import annotations

import json
import warnings

import numpy as np
import pytest
import torch

from claimcoder import ClaimCoder
from claimcoder.data.errors import UserError
from claimcoder.model import precision
from claimcoder.scoring import JobError, ScoreOptions, run_score
from claimcoder.scoring.options import Quantize

from .test_score import make_articles

SENTENCES = ["Russia accused Ukraine of shelling the plant.", "The ministry denied the report.", "", "Rain fell."]


def test_bf16_runs_the_forward_pass_in_bf16_and_keeps_fp32_probabilities(tiny_model_dir, monkeypatch):
    monkeypatch.setattr(precision, "_cpu_has_native_bf16", lambda: True)  # no emulation warning on any CPU
    fp32 = ClaimCoder.load(tiny_model_dir)
    bf16 = ClaimCoder.load(tiny_model_dir, quantize="bf16")
    seen: list[torch.dtype] = []
    bf16.network.type_head.register_forward_hook(lambda _m, _i, out: seen.append(out.dtype))
    p16 = bf16.predict_proba(SENTENCES)
    assert seen == [torch.bfloat16]  # the autocast is really on (fp32 would give float32 here)
    assert p16.dtype == np.float32
    np.testing.assert_allclose(p16, fp32.predict_proba(SENTENCES), atol=0.03)
    assert [len(s.claims) for s in bf16.predict(SENTENCES)][2] == 0  # empty text still gives no claim
    seen.clear()
    fp32.network.type_head.register_forward_hook(lambda _m, _i, out: seen.append(out.dtype))
    fp32.predict_proba(SENTENCES)
    assert seen == [torch.float32]


def test_bf16_on_hardware_without_native_bf16_warns(tiny_model_dir, monkeypatch):
    monkeypatch.setattr(precision, "_cpu_has_native_bf16", lambda: False)
    with pytest.warns(UserWarning, match="emulated"):
        ClaimCoder.load(tiny_model_dir, quantize="bf16", device="cpu")
    monkeypatch.setattr(precision, "_cpu_has_native_bf16", lambda: True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ClaimCoder.load(tiny_model_dir, quantize="bf16", device="cpu")


def test_an_unknown_backend_names_the_choices(tiny_model_dir):
    with pytest.raises(UserError, match="'int8' or 'bf16'"):
        ClaimCoder.load(tiny_model_dir, quantize="fp8")
    with pytest.raises(JobError, match="int8, bf16"):
        ScoreOptions(out="x", quantize="fp8")


def test_score_with_bf16_records_it_and_a_resume_must_match(tiny_model_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(precision, "_cpu_has_native_bf16", lambda: True)
    src = make_articles(tmp_path / "in", 3)
    out = tmp_path / "out"
    opts = ScoreOptions(out=out, model=tiny_model_dir, quantize="bf16", progress=False, all_sentences=True)
    assert opts.quantize is Quantize.BF16
    stats = run_score([src], opts)
    assert stats.settings["quantize"] == "bf16" and stats.sentences > 0
    rows = [json.loads(x) for x in (out / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["doc_id"] for r in rows} == {"art000", "art001", "art002"}
    with pytest.raises(JobError, match="quantize was 'bf16', now not set"):
        run_score([src], ScoreOptions(out=out, model=tiny_model_dir, progress=False, all_sentences=True, resume=True))
