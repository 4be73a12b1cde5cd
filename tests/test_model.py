"""ClaimCoder: save/load round trip, decoding, edge inputs, clear errors."""
from __future__ import annotations

import json
import warnings

import numpy as np
import pytest

from claimcoder import ClaimCoder, ModelNotFoundError
from claimcoder.model.config import TAGS

SENTENCES = ["Prosecutors accused the mayor of taking bribes.", "The mayor denied the allegations on Tuesday.",
             "The council met on Monday.", "Lawmakers demanded an explanation from the agency."]


def test_save_load_round_trip_identical(tiny_model_dir, tmp_path):
    coder = ClaimCoder.load(tiny_model_dir)
    probs = coder.predict_proba(SENTENCES)
    coder.save_pretrained(tmp_path / "copy")
    again = ClaimCoder.load(tmp_path / "copy")
    np.testing.assert_array_equal(probs, again.predict_proba(SENTENCES))
    assert [p.to_dict() for p in coder.predict(SENTENCES)] == [p.to_dict() for p in again.predict(SENTENCES)]
    files = {p.name for p in (tmp_path / "copy").iterdir()}
    assert {"config.json", "model.safetensors", "README.md", "tokenizer.json"} <= files
    assert not any(name.endswith((".bin", ".pt", ".pkl")) for name in files)
    cfg = json.loads((tmp_path / "copy" / "config.json").read_text())
    assert cfg["claim_types"] == ["accusation", "denial", "demand_explanation"] and set(cfg["thresholds"]) == set(cfg["claim_types"])
    assert "Dev metrics" in (tmp_path / "copy" / "README.md").read_text()


def test_batching_does_not_change_results(tiny_model_dir):
    coder = ClaimCoder.load(tiny_model_dir)
    together = coder.predict_proba(SENTENCES, batch_size=64)
    one_by_one = np.stack([coder.predict_proba([s])[0] for s in SENTENCES])
    np.testing.assert_allclose(together, one_by_one, atol=1e-5)


def test_empty_and_whitespace_give_no_claims(tiny_model_dir):
    coder = ClaimCoder.load(tiny_model_dir)
    out = coder.predict(["", "   \n", SENTENCES[0]])
    assert out[0].claims == [] and out[1].claims == [] and out[2].text == SENTENCES[0]
    assert coder.predict("").claims == []


def test_long_input_is_truncated_with_warning(tiny_model_dir):
    coder = ClaimCoder.load(tiny_model_dir)
    long = " ".join(["The minister accused the company of fraud."] * 40)
    with pytest.warns(UserWarning, match="truncated"):
        coder.predict(long)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        coder.predict(SENTENCES[0])


def test_decode_maps_tags_to_character_offsets(tiny_model_dir):
    coder = ClaimCoder.load(tiny_model_dir)
    text = "Le ministère a nié — “c’est faux”, a déclaré Zoë Müller."
    enc = coder.tokenizer(text, return_offsets_mapping=True)
    offsets = np.array(enc["offset_mapping"])
    toks = [text[a:b] for a, b in offsets]
    tags = np.zeros((len(offsets), len(coder.claim_types)), dtype=int)
    zoe = toks.index("zoe") if "zoe" in toks else next(i for i, t in enumerate(toks) if t.lower().startswith("zo"))
    tags[zoe, 1] = TAGS.index("B-SOURCE")
    for k in range(zoe + 1, len(toks) - 2):  # rest of the name, up to the final "." and [SEP]
        tags[k, 1] = TAGS.index("I-SOURCE")
    probs = np.array([0.1, 0.9, 0.2])
    claims = coder.decode(text, (probs, tags, offsets), thresholds={"accusation": 0.5, "denial": 0.5,
                                                                    "demand_explanation": 0.5})
    assert len(claims) == 1 and claims[0].type == "denial" and claims[0].score == pytest.approx(0.9)
    src = claims[0].source
    assert src.text == "Zoë Müller" and text[src.start:src.end] == "Zoë Müller"


def test_missing_default_model_says_how_to_train(monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMCODER_HOME", str(tmp_path))
    with pytest.raises(ModelNotFoundError, match="claimcoder train"):
        ClaimCoder.load()
    with pytest.raises(ModelNotFoundError, match=f"claimcoder train --out {tmp_path / 'x'}"):
        ClaimCoder.load(tmp_path / "x")


def test_foreign_config_is_rejected(tmp_path):
    (tmp_path / "config.json").write_text('{"model_type": "bert"}')
    (tmp_path / "model.safetensors").write_bytes(b"")
    with pytest.raises(ValueError, match="not a claimcoder model"):
        ClaimCoder.load(tmp_path)


def test_the_model_card_states_language_truncation_int8_and_exact_thresholds(tiny_model_dir):
    card = (tiny_model_dir / "README.md").read_text()
    cfg = json.loads((tiny_model_dir / "config.json").read_text())
    assert "English" in card and f"longer than {cfg['max_length']} tokens" in card and "int8" in card
    assert "Licence" in card
    for t, value in cfg["thresholds"].items():
        assert f"| {value:g} |" in card  # as config.json holds it
