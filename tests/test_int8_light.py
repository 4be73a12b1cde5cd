"""int8 with a cached export runs without torch or transformers (about 450 MB less memory), with the same output.

The check that torch stays out runs in a fresh process: this one imported torch long ago.
"""
from __future__ import annotations

import inspect
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from transformers import AutoTokenizer

from claimcoder.data.errors import UserError
from claimcoder.model.coder import ClaimCoder
from claimcoder.model.config import ModelFileError
from claimcoder.model.encoder import bundled_encoder_dir
from claimcoder.model.tokenizer import JsonTokenizer
from claimcoder.scoring import ScoreOptions, run_score

pytestmark = pytest.mark.filterwarnings("ignore:.*were truncated")  # TEXTS holds one sentence past max_length

TEXTS = ["Prosecutors accused the mayor of taking bribes.", "The mayor denied the allegations on Tuesday.",
         "Le ministère a nié — “c’est faux”, a déclaré Zoë Müller.", "   ", "",
         "Lawmakers demanded an explanation from the agency. " * 30]  # the last is cut at max_length

#: Loads int8 and prints its outputs and whether torch or transformers were imported.
PREDICT = """
import warnings
warnings.simplefilter("ignore")
from claimcoder.model.coder import ClaimCoder
texts = json.loads(sys.argv[2])
coder = ClaimCoder.load(sys.argv[1], quantize="int8")
print(json.dumps({"outputs": outputs(coder, texts), "tokenizer": type(coder.tokenizer).__name__,
                  "imported": sorted(m for m in ("torch", "transformers") if m in sys.modules)}))
"""


def outputs(coder: ClaimCoder, texts: list[str]) -> dict:
    """Probabilities, and claims of every type (threshold 0, so spans and offsets count), as JSON values."""
    every = dict.fromkeys(coder.claim_types, 0.0)
    return {"proba": coder.predict_proba(texts).round(5).tolist(),
            "claims": [[c.to_dict() for c in coder.decode(t, r, every)] for t, r in zip(texts, coder.infer(texts))],
            "predict": [s.to_dict() for s in coder.predict(texts)]}


def run_python(code: str, *args: str, home: Path) -> dict:
    """Run ``code`` (with ``outputs`` defined) in a fresh Python; the JSON its last line prints."""
    script = "\n".join(["from __future__ import annotations", "import json, sys", inspect.getsource(outputs), code])
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                          env={**os.environ, "CLAIMCODER_HOME": str(home)}, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])


@pytest.fixture
def model(tiny_model_dir, tmp_path) -> Path:
    """A private copy of the tiny model without its ONNX cache."""
    return Path(shutil.copytree(tiny_model_dir, tmp_path / "model", ignore=shutil.ignore_patterns("onnx")))


def test_cached_int8_imports_neither_torch_nor_transformers(model, tmp_path):
    first = ClaimCoder.load(model, quantize="int8")  # exports with torch, tokenises with transformers
    assert not isinstance(first.tokenizer, JsonTokenizer)
    expected = json.loads(json.dumps(outputs(first, TEXTS)))
    light = run_python(PREDICT, str(model), json.dumps(TEXTS), home=tmp_path / "home")
    assert light["imported"] == []
    assert light["tokenizer"] == "JsonTokenizer"
    assert light["outputs"] == expected
    assert any(expected["claims"])


def test_cached_int8_export_in_the_home_cache_is_used_without_torch(model, tmp_path):
    (model / "onnx").write_text("a file where the cache folder would go: the export goes to $CLAIMCODER_HOME")
    home = tmp_path / "home"
    run_python(PREDICT, str(model), json.dumps(TEXTS[:1]), home=home)  # the first process exports
    assert list((home / "onnx-cache").glob("*/model-int8.onnx"))
    assert run_python(PREDICT, str(model), json.dumps(TEXTS[:1]), home=home)["imported"] == []


@pytest.mark.parametrize("folder", ["bundled", "model"])
def test_json_tokenizer_gives_the_ids_and_offsets_of_the_transformers_one(folder, tiny_model_dir):
    directory = bundled_encoder_dir() if folder == "bundled" else tiny_model_dir
    reference = AutoTokenizer.from_pretrained(str(directory), use_fast=True)
    light = JsonTokenizer.from_dir(directory)
    texts = ["The mayor denied it.", "Zoë’s «café» — naïve Straße İstanbul 東京都 🙂 ﬁne", " x ", "\t\n", ".",
             "Hello [SEP] world [PAD] [UNK]", "A" * 300, "word " * 600, "don't re-elect U.S.-based co-ops!!"]
    for max_length in (8, 64, 512):
        for batch in (texts, texts[:1], texts[-2:]):
            want = reference(batch, padding="longest", truncation=True, max_length=max_length,
                             return_offsets_mapping=True, return_tensors="np")
            got = light.encode(batch, max_length)
            assert set(got) == {"input_ids", "attention_mask", "offset_mapping"}
            for key, value in got.items():
                assert value.dtype == want[key].dtype and value.shape == want[key].shape, (key, max_length)
                np.testing.assert_array_equal(value, want[key], err_msg=f"{key} at max_length={max_length}")
    assert light.encode(["word " * 600], 64)["input_ids"].shape == (1, 64)  # truncated, [SEP] kept
    assert light.encode(["word " * 600], 64)["input_ids"][0, -1] == reference.sep_token_id


def test_corrupt_tokenizer_json_is_named_not_used(model):
    ClaimCoder.load(model, quantize="int8")  # export cached
    (model / "tokenizer.json").write_text('{"not": "a tokenizer"')
    assert JsonTokenizer.from_dir(model) is None  # not usable: transformers decides, and names the file
    with pytest.raises(ModelFileError, match="tokenizer.json"):
        ClaimCoder.load(model, quantize="int8")


def test_missing_tokenizer_json_falls_back_to_transformers(model):
    expected = outputs(ClaimCoder.load(model, quantize="int8"), TEXTS)
    (model / "tokenizer.json").unlink()
    shutil.copy(bundled_encoder_dir() / "vocab.txt", model / "vocab.txt")  # transformers builds it from the vocab
    coder = ClaimCoder.load(model, quantize="int8")
    assert not isinstance(coder.tokenizer, JsonTokenizer)
    assert outputs(coder, TEXTS) == expected


def test_int8_coder_without_network_says_so(model, tmp_path):
    ClaimCoder.load(model, quantize="int8")
    coder = ClaimCoder.load(model, quantize="int8")  # from the cache: no torch network at all
    assert isinstance(coder.tokenizer, JsonTokenizer)
    with pytest.raises(UserError, match="keeps no torch network"):
        coder.network
    with pytest.raises(UserError, match="without quantize"):
        coder.save_pretrained(tmp_path / "saved")


SCORE = """
from claimcoder.scoring import ScoreOptions, run_score
run_score([sys.argv[1]], ScoreOptions(out=sys.argv[2], model=sys.argv[3], quantize="int8", progress=False,
                                      all_sentences=True, type_scores=True))
print(json.dumps({"imported": sorted(m for m in ("torch", "transformers") if m in sys.modules)}))
"""


def test_scoring_int8_with_a_cached_export_leaves_torch_unimported(model, tmp_path, jsonl_file):
    articles = jsonl_file([{"id": f"a{i}", "text": " ".join(TEXTS[:3]) + f" Day {i}."} for i in range(3)])
    run_score([articles], ScoreOptions(out=tmp_path / "first", model=model, quantize="int8", progress=False,
                                       all_sentences=True, type_scores=True))  # exports, with torch
    light = run_python(SCORE, str(articles), str(tmp_path / "second"), str(model), home=tmp_path / "home")
    assert light["imported"] == []
    first, second = ((tmp_path / name / "claims.jsonl").read_text(encoding="utf-8") for name in ("first", "second"))
    assert second == first and len(first.splitlines()) >= 3
