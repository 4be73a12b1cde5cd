"""Averaging several runs' weights (``soup``): what is averaged, what is kept and recorded, what is refused."""
from __future__ import annotations

import pytest
import torch

from claimcoder import TrainingArguments
from claimcoder.data.errors import OptionError
from claimcoder.training.loop import average_weights, train

from .conftest import WeightRecorder, toy_corpus, train_toy


def test_floating_weights_are_averaged_and_counters_kept():
    a = {"w": torch.tensor([0.0, 2.0]), "n": torch.tensor([3])}
    b = {"w": torch.tensor([1.0, 4.0]), "n": torch.tensor([5])}
    avg = average_weights([a, b])
    assert torch.equal(avg["w"], torch.tensor([0.5, 3.0]))
    assert torch.equal(avg["n"], torch.tensor([3]))  # not a weight: the first run's value


def _run(tiny_base, **kw):
    rec = WeightRecorder(score=lambda n: n)  # each epoch scores above the last: the last wins
    return train_toy(tiny_base, rec, **kw), rec


def test_a_soup_keeps_the_average_of_runs_with_consecutive_seeds(tiny_base):
    first, _ = _run(tiny_base, seed=13)
    second, _ = _run(tiny_base, seed=14)
    soup, rec = _run(tiny_base, seed=13, soup=2)
    kept = soup.network.state_dict()
    for name in ("type_head.weight", "encoder.encoder.layer.0.attention.self.query.weight"):
        expected = (first.network.state_dict()[name] + second.network.state_dict()[name]) / 2
        assert torch.allclose(kept[name], expected, atol=1e-6), name
    assert not torch.equal(kept["type_head.weight"], first.network.state_dict()["type_head.weight"])
    assert len(rec.seen) == 1  # no run is scored alone: only the average, whose thresholds are kept
    assert torch.equal(rec.seen[0]["type_head.weight"], kept["type_head.weight"])
    record = soup.config.training
    assert [m["seed"] for m in record["soup"]] == [13, 14]
    assert [m["epochs"] for m in record["soup"]] == [2, 2]
    assert [h["epoch"] for h in record["soup"][1]["history"]] == [1, 2]
    assert record["args"]["soup"] == 2


def test_one_run_records_no_soup(tiny_base):
    coder, rec = _run(tiny_base)
    assert "soup" not in coder.config.training and len(rec.seen) == 2


@pytest.mark.parametrize("soup", [0, -1, 1.5, True, "2"])
def test_a_soup_that_is_not_a_count_of_runs_is_refused_before_training(tiny_base, soup):
    data = toy_corpus()
    with pytest.raises(OptionError, match="soup"):
        train(data[:32], data[32:], TrainingArguments(base=str(tiny_base), soup=soup, progress=False),
              evaluator=WeightRecorder())


def test_the_model_card_says_a_model_is_a_soup_and_of_which_seeds(tiny_base):
    from claimcoder.model.card import model_card

    soup, _ = _run(tiny_base, seed=13, soup=2)
    card = model_card(soup.config)
    assert "A model soup" in card and "seeds 13, 14" in card
    single, _ = _run(tiny_base)
    assert "model soup" not in model_card(single.config)


def test_the_average_is_of_trained_weights_not_of_frozen_ones(tiny_base):
    # the encoder weight checked above must move in training, or its average would prove nothing
    from claimcoder.model.encoder import load_encoder

    run, _ = _run(tiny_base, seed=13)
    pretrained = load_encoder(str(tiny_base))[0].state_dict()["encoder.layer.0.attention.self.query.weight"]
    assert not torch.equal(run.network.state_dict()["encoder.encoder.layer.0.attention.self.query.weight"], pretrained)


def test_a_soup_announces_each_run(tiny_base, capsys):
    _run(tiny_base, seed=13, soup=2, progress=True)
    out = capsys.readouterr()
    assert "soup run 1/2 (seed 13)" in out.out + out.err and "soup run 2/2 (seed 14)" in out.out + out.err


def test_a_soup_records_no_selected_epoch(tiny_base):
    soup, _ = _run(tiny_base, seed=13, soup=2, patience=1)
    record = soup.config.training
    assert record["best_epoch"] is None and record["selection_metric"] is None
    assert [len(m["history"]) for m in record["soup"]] == [2, 2]  # patience does not stop a soup's runs


# ------------------------------------------------------------------------- bench/soup.py: existing runs averaged
def _bench_soup(*argv: str):
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "bench" / "soup.py"
    return subprocess.run([sys.executable, str(script), *argv], capture_output=True, text=True)


@pytest.fixture(scope="module")
def two_runs(tiny_base, tmp_path_factory):
    from claimcoder.data import io

    root = tmp_path_factory.mktemp("runs")
    for seed in (13, 14):
        train_toy(tiny_base, WeightRecorder(), out=root / f"s{seed}", seed=seed)
    train_toy(tiny_base, WeightRecorder(), out=root / "lr", seed=15, learning_rate=1e-3)
    io.write_jsonl(root / "dev.jsonl", toy_corpus()[32:])
    return root


def test_bench_soup_averages_runs_and_records_what_was_averaged(two_runs):
    from claimcoder.model.card import model_card
    from claimcoder.model.coder import ClaimCoder

    done = _bench_soup("--out", str(two_runs / "avg"), "--dev", str(two_runs / "dev.jsonl"),
                       str(two_runs / "s13"), str(two_runs / "s14"))
    assert done.returncode == 0, done.stderr
    avg, a, b = (ClaimCoder.load(two_runs / n) for n in ("avg", "s13", "s14"))
    name = "type_head.weight"
    expected = (a.network.state_dict()[name] + b.network.state_dict()[name]) / 2
    assert torch.allclose(avg.network.state_dict()[name], expected, atol=1e-6)
    record = avg.config.training
    assert [m["seed"] for m in record["soup"]] == [13, 14] and record["args"]["soup"] == 2
    assert record["best_epoch"] is None and "history" not in record and "behaviour" not in record
    assert record["data"]["dev_sentences"] == len(toy_corpus()[32:])
    assert "seeds 13, 14" in model_card(avg.config)


def test_bench_soup_refuses_runs_of_another_recipe(two_runs):
    done = _bench_soup("--out", str(two_runs / "bad"), "--dev", str(two_runs / "dev.jsonl"),
                       str(two_runs / "s13"), str(two_runs / "lr"))
    assert done.returncode != 0 and "learning_rate differ" in done.stderr
    assert not (two_runs / "bad").exists()
