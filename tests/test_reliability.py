"""The resolution confidence: its signals, its weights file, the rows and summaries that carry it."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from claimcoder.cli import app
from claimcoder.data.errors import OptionError
from claimcoder.scoring import reliability
from claimcoder.scoring.actors import resolve_claims
from claimcoder.scoring.columns import COLUMNS, span_columns
from claimcoder.scoring.summary import summarize

from .test_actors import _article

runner = CliRunner()


def _resolved(art, dictionary):
    found: list[dict] = []
    rows = resolve_claims([(s.text, s.claims) for s in art], dictionary, evidence=found)
    return [a for row in rows for a in row], found


def test_every_resolution_carries_a_confidence_and_its_signals(bundled):
    art = _article(
        ("Kremlin rejects Pentagon charge", []),
        ("The Pentagon accused Russia of striking a hospital.", [("accusation", "The Pentagon", "Russia")]),
        ("It said the strike killed nine people.", [("accusation", "It", None)]),
    )
    claims, found = _resolved(art, bundled)
    assert len(found) == 3  # two spans in the first claim, one in the second (it has no target)
    assert {(e["sentence"], e["claim"], e["role"]) for e in found} == {(1, 0, "source"), (1, 0, "target"),
                                                                          (2, 0, "source")}
    assert all(set(e["signals"]) == set(reliability.FEATURES) for e in found)
    confidences = [a.source.confidence for a in claims] + [claims[0].target.confidence]
    assert all(0.0 < c < 1.0 for c in confidences)
    signals = {(e["sentence"], e["role"]): e["signals"] for e in found}
    assert signals[(1, "target")]["country"] == 1.0 and signals[(1, "target")]["listed"] == 1.0
    assert signals[(2, "source")]["pronoun"] == 1.0


def test_a_listed_country_is_trusted_more_than_a_pronoun_in_a_story_of_several_countries(bundled):
    art = _article(
        ("Talks stall", []),
        ("Brazil accused Argentina of breaking the deal, and Chile and Peru stayed silent.",
         [("accusation", "Brazil", "Argentina")]),
        ("They said the talks would resume in Lima.", [("accusation", "They", None)]),
    )
    claims, _ = _resolved(art, bundled)
    assert claims[0].source.confidence > claims[1].source.confidence


def test_the_confidence_walks_each_tree_to_a_leaf_and_adds_the_leaves(tmp_path):
    path = tmp_path / "reliability.json"
    listed = reliability.FEATURES.index("listed")
    # one tree: a listed actor goes right (+2), others left (-1); a second tree adds 0.5 to everything
    record = {"features": list(reliability.FEATURES), "baseline": 0.25,
              "trees": [[[listed, 0.5, 1, 2], [-1.0], [2.0]], [[0.5]]]}
    path.write_text(json.dumps(record))
    trees = reliability.load_model(path)
    x = [0.0] * len(reliability.FEATURES)
    assert trees.raw(x) == pytest.approx(0.25 - 1.0 + 0.5)
    x[listed] = 1.0
    assert trees.raw(x) == pytest.approx(0.25 + 2.0 + 0.5)


def test_a_broken_trees_file_is_an_error_naming_file_and_field(tmp_path):
    path = tmp_path / "reliability.json"
    good = {"features": list(reliability.FEATURES), "baseline": 0.0, "trees": [[[0.1]]]}
    for broken, field in ((dict(good, features=["named"]), "features"), (dict(good, trees=[]), "trees"),
                          (dict(good, trees=[[[0, 0.5, 1, 7], [1.0]]]), "trees', tree 0"),
                          (dict(good, trees=[[[99, 0.5, 1, 2], [1.0], [2.0]]]), "trees', tree 0"),
                          (dict(good, trees=[[[0, 0.5, 1, 2], [0, 0.5, 1, 2], [2.0]]]), "trees', tree 0"),  # a loop
                          (dict(good, trees=[[[0, 0.5, 1.0, 2], [1.0], [2.0]]]), "trees', tree 0"),
                          (dict(good, trees=[[[0, 0.5, True, 2], [1.0], [2.0]]]), "trees', tree 0")):
        path.write_text(json.dumps(broken))
        with pytest.raises(ValueError, match=rf"reliability\.json: fields? .*'{field}"):
            reliability.load_model(path)
    path.write_text("{not json")
    with pytest.raises(ValueError, match="not a readable JSON file"):
        reliability.load_model(path)


def test_the_bundled_weights_file_records_its_held_out_figures():
    from importlib import resources

    record = json.loads((resources.files("claimcoder.data") / "actors" / "reliability.json").read_text())
    assert not set(record["fitted_on"]) & set(record["held_out"]["files"])
    assert 0.5 < record["held_out"]["roc_auc"] <= 1.0
    assert reliability.load_model(resources.files("claimcoder.data") / "actors" / "reliability.json").trees


def test_rows_carry_the_confidence_of_each_role(bundled):
    art = _article(("The Pentagon accused Russia of striking a hospital.", [("accusation", "The Pentagon", "Russia")]))
    claims, _ = _resolved(art, bundled)
    cells = span_columns("source", art[0].claims[0].source, 0, claims[0].source)
    assert cells["source_actor_confidence"] == claims[0].source.confidence
    assert {"source_actor_confidence", "target_actor_confidence"} <= set(COLUMNS)


ROWS = [
    {"doc_id": "a", "type": "accusation", "source_actor": "Pentagon", "source_actor_code": "USA",
     "source_actor_kind": "country", "source_actor_confidence": 0.9, "target_actor": "Russia",
     "target_actor_code": "RUS", "target_actor_kind": "country", "target_actor_confidence": 0.95},
    {"doc_id": "b", "type": "accusation", "source_actor": "officials", "source_actor_kind": "group",
     "source_affiliation_code": "USA", "source_actor_confidence": "0.41", "target_actor": "Iran",
     "target_actor_code": "IRN", "target_actor_kind": "country", "target_actor_confidence": 0.9},
    {"doc_id": "c", "type": "denial", "source_actor": "Iran", "source_actor_code": "IRN", "source_actor_kind": "country",
     "source_actor_confidence": 0.8},  # no target: only the source counts
]


def test_a_summary_can_count_only_the_claims_whose_actors_are_confident():
    everything = summarize(ROWS, by="country")
    assert everything["edges"][("USA", "IRN", "accusation")] == 1 and everything["dropped"] == 0
    sure = summarize(ROWS, by="country", min_confidence=0.8)
    assert ("USA", "IRN", "accusation") not in sure["edges"]  # "officials" at 0.41 (a CSV cell: text)
    assert sure["edges"][("USA", "RUS", "accusation")] == 1 and sure["edges"][("IRN", "(none)", "denial")] == 1
    assert sure["dropped"] == 1


def test_min_confidence_needs_rows_that_have_one_and_a_number_from_0_to_1():
    old = [{k: v for k, v in ROWS[0].items() if not k.endswith("_confidence")}]
    with pytest.raises(OptionError, match="source_actor_confidence.*score them again"):
        summarize(old, min_confidence=0.5)
    with pytest.raises(OptionError, match="from 0 to 1"):
        summarize(ROWS, min_confidence=80)


def test_cli_summarize_min_confidence(tmp_path):
    claims = tmp_path / "claims.jsonl"
    claims.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    result = runner.invoke(app, ["summarize", str(claims), "--by", "country", "--min-confidence", "0.8",
                                 "--out", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "1 claims left out" in result.output
    assert "United States (USA) -> Iran (IRN)" not in result.output
    # The files say it too: a table read later must not pass for a count of every claim.
    record = json.loads((tmp_path / "s" / "summary.json").read_text(encoding="utf-8"))
    assert record["min_confidence"] == 0.8 and record["left_out"] == 1 and record["by"] == "country"
    assert record["claims_counted"] == 2 and record["articles"] == 3 and record["claims_from"] == str(claims)
    assert record["claims_files"] == [str(claims.resolve())]
    assert (tmp_path / "s" / "who_accuses_whom.png").exists() and "who_accuses_whom.png" in record["files"]

    # Summarised again into the same folder, with no accusation left that has a target: no stale heatmap.
    claims.write_text(json.dumps(ROWS[2]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["summarize", str(claims), "--out", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    record = json.loads((tmp_path / "s" / "summary.json").read_text(encoding="utf-8"))
    assert record["min_confidence"] is None and record["left_out"] == 0 and record["claims_counted"] == 1
    assert not (tmp_path / "s" / "who_accuses_whom.png").exists() and "who_accuses_whom.png" not in record["files"]
    # ... and the by-country table of the first summary is gone beside the by-actor one: one summary a folder.
    assert (tmp_path / "s" / "actors.csv").exists() and not (tmp_path / "s" / "countries.csv").exists()


def test_the_fit_script_exports_trees_that_give_the_fitted_probabilities():
    """bench/fit_reliability.py reads scikit-learn's fitted trees (a private attribute): this fails if a release
    of scikit-learn changes them, before a wrong reliability.json could be written."""
    import importlib.util
    from pathlib import Path

    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    path = Path(__file__).resolve().parents[1] / "bench" / "fit_reliability.py"
    spec = importlib.util.spec_from_file_location("fit_reliability", path)
    fit = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fit)
    rng = np.random.default_rng(0)
    x = rng.random((400, len(reliability.FEATURES))).round(2)
    y = ((x[:, 0] > 0.5) ^ (x[:, 3] > 0.7) | (rng.random(400) < 0.1)).astype(float)
    model = HistGradientBoostingClassifier(**{**fit.TREES, "max_iter": 20}).fit(x, y)
    baseline, trees = fit.export(model)
    walked = reliability.Trees(baseline, trees)
    probs = [1 / (1 + np.exp(-walked.raw(list(row)))) for row in x]
    assert np.allclose(probs, model.predict_proba(x)[:, 1], atol=1e-9)


def test_confidence_figures_rank_band_and_keep():
    from claimcoder.eval.articles import confidence_figures

    scored = [(0.95, True, "named"), (0.92, True, "named"), (0.85, True, "descriptor"), (0.6, False, "descriptor"),
              (0.55, True, "pronoun"), (0.3, False, "pronoun")]
    f = confidence_figures(scored)
    assert f["spans"] == 6 and f["accuracy"] == round(4 / 6, 3)
    assert f["roc_auc"] == round(7 / 8, 3)  # 7 of the 8 (right, wrong) pairs are ranked right
    assert f["most_confident"]["all"]["50%"] == 1.0 and f["most_confident"]["pronoun"]["50%"] == 1.0
    assert [(b["from"], b["spans"], b["accuracy"]) for b in f["bands"]] == [(0.0, 1, 0.0), (0.5, 2, 0.5),
                                                                           (0.8, 1, 1.0), (0.9, 2, 1.0)]


def test_evaluate_articles_reports_how_far_the_confidence_holds_on_the_gold(tmp_path):
    from pathlib import Path

    gold = Path(__file__).resolve().parents[1] / "data" / "gold" / "actors-dev-f.jsonl"
    result = runner.invoke(app, ["evaluate", "--articles", str(gold), "--resolver-only", "--bootstrap", "0",
                                 "--json", str(tmp_path / "r.json")])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["confidence"]["spans"] == report["resolution"]["overall"]["n"] == 207
    assert "actor_confidence on these spans: ROC AUC" in result.output
    assert report["confidence"]["fitted_on_this_file"] and "in-sample" in result.output  # dev-f was fitted on
