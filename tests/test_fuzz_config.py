"""Fuzzing the model loader over ``config.json``: whatever the file holds, ``ClaimCoder.load`` gives a
working model or the project's own ``ModelFileError`` naming the file and the field, never another
exception (and never an allocation the weights file does not back).

Examples are the audit's kinds of damage, generated: any JSON value as the whole file, any bytes, and
the tiny model's real config with one to three fields (or encoder sizes) replaced by any JSON value or
removed. The seed is fixed (``derandomize``) and the count small, so this runs in seconds in CI. For a
longer local run raise the count, e.g.::

    CLAIMCODER_FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest -q tests/test_fuzz_config.py
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from claimcoder.model.coder import ClaimCoder
from claimcoder.model.config import ModelFileError, ModelNotFoundError

EXAMPLES = int(os.environ.get("CLAIMCODER_FUZZ_EXAMPLES", "200"))
FUZZ = settings(derandomize=True, max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
#: What a message about the file as a whole says (no field to name there).
WHOLE_FILE = ("bad JSON", "not UTF-8", "one JSON object", "nested too deeply", "bytes is not")

scalars = (st.none() | st.booleans() | st.integers(-(2 ** 70), 2 ** 70) | st.floats() | st.text(max_size=12)
           | st.sampled_from(["", "high", "bert", "claimcoder-joint", "\ud800"]))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)
sizes = st.integers(-3, 3) | st.integers(0, 3 * 10 ** 9) | st.sampled_from([16, 30522, 128, 2, 64])
TOP_FIELDS = ["architecture", "format_version", "claim_types", "thresholds", "base_encoder", "max_length", "dropout",
              "encoder_config", "training", "tags", "claimcoder_version", "unknown_field"]
ENCODER_FIELDS = ["model_type", "vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads",
                  "intermediate_size", "max_position_embeddings", "type_vocab_size", "hidden_act", "layer_norm_eps",
                  "pad_token_id", "hidden_dropout_prob"]
values = json_values | sizes | st.floats(0, 1) | st.just(...)  # ...: the field is removed
edits = st.one_of(
    st.tuples(st.just("top"), st.sampled_from(TOP_FIELDS), values),
    st.tuples(st.just("encoder"), st.sampled_from(ENCODER_FIELDS), values),
    st.tuples(st.just("threshold"), st.sampled_from(["accusation", "denial", "demand_explanation", "x"]), values),
)


@pytest.fixture(scope="module")
def fuzz_dir(tiny_model_dir, tmp_path_factory) -> Path:
    return Path(shutil.copytree(tiny_model_dir, tmp_path_factory.mktemp("fuzz") / "model",
                                ignore=shutil.ignore_patterns("onnx")))


def _apply(config: dict, changes: list[tuple]) -> dict:
    config = json.loads(json.dumps(config))
    for where, key, value in changes:
        node = {"top": config, "encoder": config.get("encoder_config"), "threshold": config.get("thresholds")}[where]
        if not isinstance(node, dict):
            continue
        if value is ...:
            node.pop(key, None)
        else:
            node[key] = value
    return config


@FUZZ
@given(content=st.one_of(json_values.map(lambda v: ("value", v)), st.binary(max_size=64).map(lambda b: ("bytes", b)),
                         *[st.lists(edits, min_size=1, max_size=3).map(lambda e: ("edits", e))] * 4))
def test_any_config_json_loads_or_is_a_named_error(fuzz_dir, tiny_model_dir, content):
    kind, payload = content
    path = fuzz_dir / "config.json"
    if kind == "bytes":
        path.write_bytes(payload)
    else:
        original = json.loads((tiny_model_dir / "config.json").read_text(encoding="utf-8"))
        value = _apply(original, payload) if kind == "edits" else payload
        path.write_text(json.dumps(value), encoding="utf-8", errors="surrogatepass")
    try:
        coder = ClaimCoder.load(fuzz_dir)
    except (ModelFileError, ModelNotFoundError) as err:
        message = str(err)
        assert str(fuzz_dir) in message, message
        assert "field" in message or any(w in message for w in WHOLE_FILE), message
        event(f"refused: {message.split(': ', 1)[1][:30]}")  # --hypothesis-show-statistics shows the mix
        return
    event("loaded")
    assert coder.predict("The mayor denied the allegations.").text  # a loaded model is a working one
