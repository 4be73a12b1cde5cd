"""Issue 12, model loading: every bad model file is a clear error naming file and field, nothing is
allocated for sizes the weights do not hold, and the int8 ONNX cache is verified and never followed
through a link. Each test failed before its fix."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from claimcoder.data.errors import UserError
from claimcoder.model import network as network_module
from claimcoder.model.coder import ClaimCoder
from claimcoder.model.config import ModelFileError, file_sha256

SENTENCES = ["Prosecutors accused the mayor of taking bribes.", "The mayor denied the allegations on Tuesday.",
             "The council met on Monday.", "Lawmakers demanded an explanation from the agency."]


@pytest.fixture
def model_copy(tiny_model_dir, tmp_path) -> Path:
    """A private copy of the tiny model (its config and weights may be damaged by the test)."""
    return Path(shutil.copytree(tiny_model_dir, tmp_path / "model", ignore=shutil.ignore_patterns("onnx")))


@pytest.fixture
def built(monkeypatch) -> list[str]:
    """Records the device of every network built; building one outside the meta device for a config the
    test expects refused fails the test instead of allocating (on the old code: up to 128 GB)."""
    devices: list[str] = []
    real = network_module.ClaimCoderNetwork  # coder.py imports it where it builds one

    def spy(config, *args, **kwargs):
        device = str(torch.get_default_device())
        devices.append(device)
        if device != "meta":
            raise AssertionError("a network was allocated for a config that should have been refused")
        return real(config, *args, **kwargs)

    monkeypatch.setattr(network_module, "ClaimCoderNetwork", spy)
    return devices


def _edit(cfg: dict, path: str, value) -> dict:
    """``cfg`` with the field at ``a.b`` set to ``value`` (``...``: removed)."""
    cfg = json.loads(json.dumps(cfg))
    *parents, last = path.split(".")
    node = cfg
    for p in parents:
        node = node[p]
    if value is ...:
        node.pop(last)
    else:
        node[last] = value
    return cfg


BAD_CONFIGS = [  # (what the audit wrote into config.json, the field the error must name)
    ("architecture", ..., "architecture"),
    ("format_version", "1", "format_version"),
    ("format_version", 99, "format_version"),
    ("encoder_config.model_type", ..., "encoder_config"),
    ("encoder_config.model_type", "no-such-encoder", "encoder_config"),
    ("encoder_config.num_attention_heads", 3, "encoder_config"),  # 16 is not a multiple of 3
    ("claim_types", "accusation", "claim_types"),
    ("claim_types", [], "claim_types"),
    ("thresholds", {"accusation": "high"}, "thresholds"),
    ("thresholds", {"accusation": 7}, "thresholds"),
    ("max_length", "64", "max_length"),
    ("dropout", None, "dropout"),
    ("tags", ["O"], "tags"),
    ("encoder_config.vocab_size", 2_000_000_000, "vocab_size"),
    ("encoder_config.hidden_size", 10**12, "hidden_size"),
    ("encoder_config.num_hidden_layers", 10**7, "num_hidden_layers"),
    ("encoder_config", [], "encoder_config"),
]


@pytest.mark.parametrize("path, value, field", BAD_CONFIGS, ids=[f"{p}={v!r}"[:40] for p, v, _ in BAD_CONFIGS])
def test_bad_config_fields_are_named_and_nothing_is_allocated(model_copy, built, path, value, field):
    cfg = json.loads((model_copy / "config.json").read_text())
    (model_copy / "config.json").write_text(json.dumps(_edit(cfg, path, value)))
    with pytest.raises(ModelFileError) as err:
        ClaimCoder.load(model_copy)
    assert str(model_copy / "config.json") in str(err.value) and field in str(err.value)
    assert "cpu" not in built


def test_max_length_past_the_position_table_is_cut_to_it_with_a_warning(model_copy):
    cfg = json.loads((model_copy / "config.json").read_text())
    (model_copy / "config.json").write_text(json.dumps(_edit(cfg, "max_length", 100_000)))
    with pytest.warns(UserWarning, match="config.json: field 'max_length' is 100000, past the encoder's position"):
        coder = ClaimCoder.load(model_copy)
    assert coder.config.max_length == 128  # the tiny encoder's position table
    long_sentence = "The mayor denied the allegations " + "again and again " * 100 + "on Tuesday."
    with pytest.warns(UserWarning, match="truncated"):
        assert coder.predict(long_sentence).text == long_sentence  # past 128 tokens: cut, not an IndexError


@pytest.mark.parametrize("text, says", [
    ("[1, 2, 3]", "one JSON object"),
    ('{"architecture": "claimcoder-joint", "claim_types": ["a"], "claim_types": []}', "'claim_types' appears twice"),
    ("[" * 5000 + "]" * 5000, "nested too deeply"),
    ("{", "bad JSON"),
])
def test_config_json_that_is_not_one_object(model_copy, text, says):
    (model_copy / "config.json").write_text(text)
    with pytest.raises(ModelFileError, match=says) as err:
        ClaimCoder.load(model_copy)
    assert str(model_copy / "config.json") in str(err.value)
    (model_copy / "config.json").write_bytes(b'{"architecture": "\xff"}')
    with pytest.raises(ModelFileError, match="not UTF-8"):
        ClaimCoder.load(model_copy)


def test_sizes_that_the_weights_do_not_hold_are_refused_before_allocation(model_copy, built):
    cfg = json.loads((model_copy / "config.json").read_text())
    (model_copy / "config.json").write_text(json.dumps(_edit(cfg, "encoder_config.vocab_size", 900_000)))
    with pytest.raises(ModelFileError, match="word_embeddings") as err:
        ClaimCoder.load(model_copy)
    assert str(model_copy / "model.safetensors") in str(err.value) and "encoder_config" in str(err.value)
    assert built == ["meta"]  # compared on the meta device only: no memory for a 900,000-word vocabulary


@pytest.mark.parametrize("damage", ["truncated", "empty", "garbage"])
def test_corrupt_weights_name_the_file(model_copy, damage):
    weights = model_copy / "model.safetensors"
    data = weights.read_bytes()
    weights.write_bytes({"truncated": data[:len(data) // 2], "empty": b"", "garbage": b"\x00\x01" * 500}[damage])
    with pytest.raises(ModelFileError, match="not a readable safetensors") as err:
        ClaimCoder.load(model_copy)
    assert str(weights) in str(err.value)


def test_a_config_with_only_the_required_fields_still_loads(model_copy):
    cfg = json.loads((model_copy / "config.json").read_text())
    for optional in ("format_version", "tags", "training", "claimcoder_version", "dropout", "base_encoder"):
        cfg.pop(optional)
    (model_copy / "config.json").write_text(json.dumps(cfg))
    coder = ClaimCoder.load(model_copy)
    assert coder.claim_types == ["accusation", "denial", "demand_explanation"]


# ------------------------------------------------------------------------------------------------ int8
def test_int8_without_onnxruntime_says_how_to_install_it(model_copy, monkeypatch):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import onnxruntime now fails
    with pytest.raises(UserError, match=r"pip install 'claimcoder\[onnx\]'") as err:
        ClaimCoder.load(model_copy, quantize="int8")
    assert isinstance(err.value, ModuleNotFoundError)  # callers catching ImportError still do
    assert not (model_copy / "onnx").exists()


def _planted_export(model_dir: Path, folder: Path) -> None:
    """An int8 export of ANOTHER network (type biases pushed up: every probability near 1), carrying a
    record that claims the wrong weights, written where a cache lookup may find it."""
    from claimcoder.model.onnx_backend import export_int8, export_record

    other = ClaimCoder.load(model_dir).network
    with torch.no_grad():
        other.type_head.bias += 20.0
    export_int8(other, folder, export_record(file_sha256(model_dir / "model.safetensors")[:16] + "0" * 48))


def test_planted_int8_export_is_not_used(model_copy):
    import onnx

    digest = file_sha256(model_copy / "model.safetensors")
    _planted_export(model_copy, model_copy / "onnx" / digest)
    shutil.copytree(model_copy / "onnx" / digest, model_copy / "onnx" / f"{digest[:16]}-int8-per-channel-1")  # old key
    fp32 = ClaimCoder.load(model_copy).predict_proba(SENTENCES)
    assert fp32.max() < 0.99  # so the planted model (all near 1) is told apart
    int8 = ClaimCoder.load(model_copy, quantize="int8").predict_proba(SENTENCES)
    np.testing.assert_allclose(int8, fp32, atol=0.1)
    meta = {p.key: p.value for p in onnx.load(str(model_copy / "onnx" / digest / "model-int8.onnx")).metadata_props}
    assert meta["claimcoder.weights_sha256"] == digest  # exported again, with the full digest
    assert "opset17" in meta["claimcoder.export_recipe"] and meta["claimcoder.version"]


@pytest.mark.parametrize("what", ["folder", "file"])
def test_symlinked_onnx_cache_is_refused_not_written_through(model_copy, tmp_path, what):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "victim.onnx").write_bytes(b"not yours")
    if what == "folder":
        (model_copy / "onnx").symlink_to(elsewhere, target_is_directory=True)
    else:
        folder = model_copy / "onnx" / file_sha256(model_copy / "model.safetensors")
        folder.mkdir(parents=True)
        (folder / "model-int8.onnx").symlink_to(elsewhere / "victim.onnx")
    with pytest.raises(ModelFileError, match="symbolic link"):
        ClaimCoder.load(model_copy, quantize="int8")
    assert [p.name for p in elsewhere.iterdir()] == ["victim.onnx"]
    assert (elsewhere / "victim.onnx").read_bytes() == b"not yours"


def test_home_cache_is_keyed_by_the_full_digest(model_copy, monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMCODER_HOME", str(tmp_path / "home"))
    (model_copy / "onnx").write_text("a file where the cache folder would go: the model folder cannot take it")
    coder = ClaimCoder.load(model_copy, quantize="int8")
    digest = file_sha256(model_copy / "model.safetensors")
    assert (tmp_path / "home" / "onnx-cache" / digest / "model-int8.onnx").is_file()
    assert len(coder.predict_proba(SENTENCES)) == len(SENTENCES)


def test_int8_frees_the_fp32_weights_and_refuses_to_save(model_copy, tmp_path):
    coder = ClaimCoder.load(model_copy, quantize="int8")
    with pytest.raises(UserError, match="keeps no torch network"):  # no fp32 copy kept in memory
        coder.network
    assert len(coder.predict_proba(SENTENCES)) == len(SENTENCES)  # ONNX Runtime still runs the model
    with pytest.raises(UserError, match="without quantize"):
        coder.save_pretrained(tmp_path / "saved")
    assert not (tmp_path / "saved").exists()


@pytest.mark.parametrize("texts, says", [
    (5, "a string or a list of strings, not int"),
    (["a", 7], "item 1 is int"),
    (["a", None], "item 1 is NoneType"),
])
def test_predict_refuses_what_is_not_text_with_a_message(tiny_model_dir, texts, says):
    with pytest.raises(TypeError, match=says):
        ClaimCoder.load(tiny_model_dir).predict(texts)


def test_predict_load_and_read_jsonl_name_what_they_were_given(tiny_model_dir):
    from claimcoder import read_jsonl

    coder = ClaimCoder.load(tiny_model_dir)
    with pytest.raises(ValueError, match=r"item 1 holds '\\ud800' at character 7, which is no Unicode character"):
        coder.predict(["Fine.", "Russia \ud800 accused."])
    for size in (0, -1, "x", 2.5):
        with pytest.raises(ValueError, match="batch_size must be a whole number, 1 or more"):
            coder.predict(["Fine."], batch_size=size)
    with pytest.raises(TypeError, match=r"load\(\) takes a model folder's path .* not int"):
        ClaimCoder.load(123)
    with pytest.raises(TypeError, match=r"read_jsonl\(\) takes a file's path .* not int"):
        read_jsonl(5)


def test_predict_warns_when_a_text_is_a_paragraph(tiny_model_dir):
    coder = ClaimCoder.load(tiny_model_dir)
    with pytest.warns(UserWarning, match="1 text.s. hold more than one sentence .the first is item 1."):
        coder.predict(["The U.S. envoy, Mr. Hale, denied it.", "Russia was blamed. Moscow denied it."])
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        coder.predict("The U.S. envoy, Mr. Hale, denied it.")  # abbreviations are no sentence break


@pytest.mark.parametrize("quantize", [None, "int8"])
def test_a_missing_or_foreign_tokenizer_is_an_error_not_a_model_that_finds_nothing(model_copy, quantize):
    ClaimCoder.load(model_copy, quantize=quantize)  # a cached int8 export exists from here on
    tokenizer = model_copy / "tokenizer.json"
    saved = tokenizer.read_text()
    tokenizer.unlink()
    with pytest.raises(ModelFileError, match="tokenizer.json is missing or not this model's"):
        ClaimCoder.load(model_copy, quantize=quantize)
    small = json.loads(saved)
    small["model"]["vocab"] = dict(list(small["model"]["vocab"].items())[:500])
    tokenizer.write_text(json.dumps(small))
    with pytest.raises(ModelFileError, match="the tokenizer has 50. tokens"):
        ClaimCoder.load(model_copy, quantize=quantize)


def test_nan_weights_are_refused(model_copy):
    from safetensors.torch import load_file, save_file

    weights = model_copy / "model.safetensors"
    state = load_file(str(weights))
    state["type_head.weight"][0, 0] = float("nan")
    save_file(state, str(weights))
    with pytest.raises(ModelFileError, match="'type_head.weight' holds NaN"):
        ClaimCoder.load(model_copy)


def test_a_damaged_cached_int8_export_is_not_run_but_made_again(model_copy):
    first = ClaimCoder.load(model_copy, quantize="int8").predict_proba(SENTENCES)
    onnx_file = next((model_copy / "onnx").glob("*/model-int8.onnx"))
    data = bytearray(onnx_file.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 2000] = bytes(2000)  # bit rot inside the weights, the metadata intact
    onnx_file.write_bytes(bytes(data))
    again = ClaimCoder.load(model_copy, quantize="int8").predict_proba(SENTENCES)
    np.testing.assert_allclose(again, first, atol=1e-6)
    assert (onnx_file.parent / "model-int8.onnx.sha256").read_text().strip() == file_sha256(onnx_file)


def test_an_edited_config_is_checked_on_the_int8_path_too(model_copy):
    ClaimCoder.load(model_copy, quantize="int8")  # cached
    cfg = json.loads((model_copy / "config.json").read_text())
    (model_copy / "config.json").write_text(json.dumps(_edit(cfg, "encoder_config.num_attention_heads", 3)))
    with pytest.raises(ModelFileError, match="encoder_config"):
        ClaimCoder.load(model_copy, quantize="int8")


def test_predict_takes_any_iterable_of_strings(tiny_model_dir):
    coder = ClaimCoder.load(tiny_model_dir)
    texts = ["The mayor denied it.", "Nothing here."]
    expected = [s.claims for s in coder.predict(texts)]
    assert [s.claims for s in coder.predict(t for t in texts)] == expected
    assert [s.claims for s in coder.predict(np.array(texts, dtype=object))] == expected
