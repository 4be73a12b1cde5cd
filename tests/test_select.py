"""Choosing sentences to annotate (active learning) from a scoring run, and writing them for the tools."""
from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcoder.cli import app
from claimcoder.data import DataError, OptionError, write_jsonl
from claimcoder.data.formats import read_annotations
from claimcoder.data.schema import Sentence
from claimcoder.scoring.columns import COLUMNS, json_cell
from claimcoder.scoring.select import Candidate, choose, margin, read_candidates, select

THRESHOLDS = {"accusation": 0.5, "denial": 0.3, "demand_explanation": 0.7}
runner = CliRunner()

DISTINCT = [
    "The finance ministry rejected the audit findings as politically motivated.",
    "Fishermen said coast guard vessels rammed their boat near the reef.",
    "A union leader demanded that the airline explain the sudden pay cuts.",
    "Prosecutors charged the former governor with abuse of office on Tuesday.",
    "The club said the referee had made a very serious mistake.",
    "Health officials called the viral post dangerous disinformation.",
    "Opposition lawmakers asked the agency to account for the missing funds.",
    "The company denied that its phones had caught fire while charging.",
    "Residents blamed the council for weeks of uncollected rubbish.",
    "The envoy was summoned over the airspace violation.",
]


def row(doc: str, index: int, sentence: str, type_scores: dict | None, claim: tuple | None = None,
        start: int = 0, **meta) -> dict:
    """One output row of `claimcoder score` (a claim row when ``claim`` = (type, score, source, target))."""
    r = {**dict.fromkeys(COLUMNS), "doc_id": doc, "sentence_index": index, "sentence_start": start,
         "sentence_end": start + len(sentence), "sentence": sentence, **meta}
    if type_scores is not None:
        r["type_scores"] = type_scores
    if claim:
        ctype, score, src, tgt = claim
        r.update({"type": ctype, "score": score})
        for role, phrase in (("source", src), ("target", tgt)):
            if phrase:
                i = sentence.index(phrase)
                r.update({f"{role}_text": phrase, f"{role}_start": start + i, f"{role}_end": start + i + len(phrase)})
    return r


def scored_folder(tmp_path: Path, rows: list[dict], all_sentences: bool = True, fmt: str = "jsonl") -> Path:
    out = tmp_path / "run"
    out.mkdir(parents=True)
    if fmt == "jsonl":
        with open(out / "claims.jsonl", "w") as fh:
            fh.writelines(json.dumps(r) + "\n" for r in rows)
    else:
        meta = sorted({k for r in rows for k in r} - set(COLUMNS))
        with open(out / "claims.csv", "w", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=COLUMNS + meta)
            w.writeheader()
            for r in rows:
                w.writerow({k: json_cell(v, as_text=k in meta) for k, v in r.items()})
    (out / "run.json").write_text(json.dumps({"settings": {"all_sentences": all_sentences, "model": None}}))
    return out


def flat(acc: float, den: float = 0.01, dem: float = 0.01) -> dict:
    return {"accusation": acc, "denial": den, "demand_explanation": dem}


def test_margin_is_log_odds_distance_from_the_nearest_threshold():
    c = Candidate("d", 0, "x", type_scores={"accusation": 0.5, "denial": 0.9, "demand_explanation": 0.1})
    assert margin(c, THRESHOLDS) == pytest.approx(0.0)
    c.type_scores = {"accusation": 0.9, "denial": 0.3 + 1e-9, "demand_explanation": 0.1}
    assert margin(c, THRESHOLDS) == pytest.approx(0.0, abs=1e-6)
    c.type_scores = {"accusation": 0.99, "denial": 0.01, "demand_explanation": 0.9}
    expected = min(abs(math.log(0.99 / 0.01)), abs(math.log(0.01 / 0.99) - math.log(0.3 / 0.7)),
                   abs(math.log(9) - math.log(0.7 / 0.3)))
    assert margin(c, THRESHOLDS) == pytest.approx(expected)
    assert margin(Candidate("d", 0, "x"), THRESHOLDS) == math.inf  # nothing known


def test_uncertainty_takes_the_sentences_nearest_a_threshold(tmp_path):
    rows = [row(f"d{i}", 0, DISTINCT[i], flat(p)) for i, p in enumerate([0.02, 0.45, 0.98, 0.51, 0.2, 0.6])]
    rows.append(row("d9", 0, DISTINCT[9], flat(0.2, den=0.301)))  # denial's threshold is 0.3: most uncertain
    out = tmp_path / "pick.jsonl"
    picked = select(scored_folder(tmp_path, rows), 3, "uncertainty", to="codebook", out=out, thresholds=THRESHOLDS)
    assert [s.text for s in picked.sentences] == [DISTINCT[9], DISTINCT[3], DISTINCT[1]]
    assert [s.meta["select_rank"] for s in picked.sentences] == [1, 2, 3]
    assert picked.warnings == []
    assert [json.loads(line)["text"] for line in out.read_text().splitlines()] == [DISTINCT[9], DISTINCT[3], DISTINCT[1]]


@pytest.mark.parametrize("strategy", ["uncertainty", "diverse", "random"])
def test_no_strategy_ever_picks_a_near_duplicate(strategy, tmp_path):
    base = "Russia accused Ukraine of shelling the Zaporizhzhia nuclear plant on Sunday, the ministry said."
    copies = [base, base.replace("Sunday", "Monday"), base.replace("the ministry said", "the ministry told reporters"),
              base.upper(), "  " + base + " "]
    rows = [row(f"w{i}", 0, t, flat(0.5)) for i, t in enumerate(copies)]  # wire copies: the most uncertain
    rows += [row(f"d{i}", 1, t, flat(0.3 + 0.02 * i)) for i, t in enumerate(DISTINCT)]
    picked = select(scored_folder(tmp_path, rows), len(rows), strategy, thresholds=THRESHOLDS, seed=3)
    texts = [s.text for s in picked.sentences]
    assert sum(t in copies for t in texts) == 1
    assert set(DISTINCT) <= set(texts)  # distinct sentences are never mistaken for duplicates
    assert any("only 11 of the 15" in w for w in picked.warnings)


def test_diverse_spreads_over_documents_and_uncertainty_does_not(tmp_path):
    rows = [row("A", i, t, flat(0.5 + 0.001 * i)) for i, t in enumerate(DISTINCT[:5])]  # most uncertain, one article
    rows += [row(doc, 0, t, flat(0.55)) for doc, t in zip("BCDEF", DISTINCT[5:])]
    folder = scored_folder(tmp_path, rows)
    unc = select(folder, 4, "uncertainty", thresholds=THRESHOLDS)
    div = select(folder, 4, "diverse", thresholds=THRESHOLDS)
    assert {s.doc_id for s in unc.sentences} == {"A"}
    assert len({s.doc_id for s in div.sentences}) >= 3
    assert div.sentences[0].text == DISTINCT[0]  # the most uncertain still comes first


def test_random_is_reproducible_by_seed(tmp_path):
    rows = [row(f"d{i}", 0, t, flat(0.5)) for i, t in enumerate(DISTINCT)]
    folder = scored_folder(tmp_path, rows)
    first = [s.id for s in select(folder, 5, "random", thresholds=THRESHOLDS, seed=1).sentences]
    assert first == [s.id for s in select(folder, 5, "random", thresholds=THRESHOLDS, seed=1).sentences]
    others = {tuple(s.id for s in select(folder, 5, "random", thresholds=THRESHOLDS, seed=k).sentences)
              for k in range(2, 6)}
    assert others - {tuple(first)}


def test_exclude_skips_what_was_annotated_and_its_near_duplicates(tmp_path):
    rows = [row(f"d{i}", 0, t, flat(0.5)) for i, t in enumerate(DISTINCT)]
    done = tmp_path / "done.jsonl"
    write_jsonl(done, [Sentence(DISTINCT[0], [], "x1", "x"), Sentence(DISTINCT[1].replace("boat", "trawler"), [],
                                                                        "x2", "x")])
    picked = select(scored_folder(tmp_path, rows), 10, "uncertainty", thresholds=THRESHOLDS, exclude=[done])
    assert {s.text for s in picked.sentences} == set(DISTINCT[2:])


def test_without_type_scores_claims_still_rank_and_a_warning_says_why(tmp_path):
    t0, t1, t2 = DISTINCT[:3]
    rows = [row("a", 0, t0, None),
            row("a", 1, t1, None, ("accusation", 0.97, "Fishermen", "coast guard vessels")),
            row("a", 2, t2, None, ("demand_explanation", 0.71, "A union leader", "the airline"))]
    picked = select(scored_folder(tmp_path, rows), 3, "uncertainty", thresholds=THRESHOLDS)
    assert [s.text for s in picked.sentences] == [t2, t1, t0]  # no claim, nothing known: last
    assert picked.sentences[2].meta["select_margin"] is None
    assert any("no type_scores" in w and "--type-scores" in w for w in picked.warnings)
    only_claims = select(scored_folder(tmp_path / "x", rows[1:], all_sentences=False), 1, "uncertainty",
                         thresholds=THRESHOLDS)
    assert any("--all-sentences" in w for w in only_claims.warnings)


@pytest.mark.parametrize("fmt", ["labelstudio", "doccano", "prodigy", "codebook"])
def test_export_carries_the_model_claims_as_pre_annotations(fmt, tmp_path):
    t = "Turkey accused Israel of a strike and demanded an explanation."
    rows = [row("art", 3, t, flat(0.52, dem=0.8), ("accusation", 0.52, "Turkey", "Israel"), start=100, outlet="wire"),
            row("art", 3, t, flat(0.52, dem=0.8), ("demand_explanation", 0.8, "Turkey", None), start=100,
                outlet="wire"),
            row("art", 4, DISTINCT[0], flat(0.1), start=170, outlet="wire")]
    out = tmp_path / f"round1.{fmt}"
    select(scored_folder(tmp_path, rows), 1, "uncertainty", to=fmt, out=out, thresholds=THRESHOLDS)
    if fmt == "labelstudio":
        task = json.loads(out.read_text())[0]
        assert "predictions" in task and "annotations" not in task
        assert task["data"]["context"] == f"{t} {DISTINCT[0]}"
    (s,) = read_annotations(out, fmt, unreviewed=True).sentences
    assert s.id == "art-03" and s.doc_id == "art" and s.meta["outlet"] == "wire" and s.meta["select_rank"] == 1
    got = sorted((c.type, c.source.text, c.target.text if c.target else None) for c in s.claims)
    assert got == [("accusation", "Turkey", "Israel"), ("demand_explanation", "Turkey", None)]
    assert s.claims[0].source.start == 0  # offsets moved from the article into the sentence


def test_csv_output_reads_the_same(tmp_path):
    t = DISTINCT[1]
    rows = [row("a", 0, t, flat(0.49), ("accusation", 0.51, "Fishermen", "coast guard vessels"), start=7),
            row("a", 1, DISTINCT[2], flat(0.1))]
    jsonl, _ = read_candidates(scored_folder(tmp_path / "j", rows))
    csv_, _ = read_candidates(scored_folder(tmp_path / "c", rows, fmt="csv"))
    assert [(c.doc_id, c.index, c.text, c.claims, c.type_scores) for c in jsonl] == \
        [(c.doc_id, c.index, c.text, c.claims, c.type_scores) for c in csv_]
    assert csv_[0].claims[0].target.text == "coast guard vessels"


def test_bad_rows_name_file_row_and_field(tmp_path):
    rows = [row("a", 0, DISTINCT[0], flat(0.5)), row("a", 1, DISTINCT[1], flat(0.5))]
    rows[1]["type_scores"] = "not json"
    rows[0].update({"type": "accusation", "score": 0.6, "source_text": "Nobody", "source_start": 0, "source_end": 6})
    with pytest.raises(DataError) as err:
        read_candidates(scored_folder(tmp_path, rows))
    assert "claims.jsonl:1: source_start" in str(err.value) and "claims.jsonl:2: type_scores" in str(err.value)
    with pytest.raises(OptionError, match="--strategy"):
        choose([], 3, "smart", THRESHOLDS)


def test_score_then_select_on_the_bundled_samples(tiny_model_dir, tmp_path):
    from claimcoder.data import sample_articles_dir

    run = tmp_path / "run"
    result = runner.invoke(app, ["score", str(sample_articles_dir()), "--out", str(run), "--model",
                                 str(tiny_model_dir), "--all-sentences", "--type-scores"])
    assert result.exit_code == 0, result.output
    first = json.loads((run / "claims.jsonl").read_text().splitlines()[0])
    assert set(first["type_scores"]) == {"accusation", "denial", "demand_explanation"}
    for strategy, fmt in (("uncertainty", "labelstudio"), ("diverse", "prodigy"), ("random", "doccano")):
        out = tmp_path / f"{strategy}.{fmt}"
        result = runner.invoke(app, ["select", str(run), "--n", "12", "--strategy", strategy, "--to", fmt,
                                     "--out", str(out), "--model", str(tiny_model_dir)])
        assert result.exit_code == 0, result.output
        assert "12 of" in result.output and "caution" not in result.output
        chosen = read_annotations(out, fmt, unreviewed=True).sentences
        assert len(chosen) == 12 and len({s.text for s in chosen}) == 12
    # another model than the one that scored: refused, clearly
    other = tmp_path / "other"
    other.mkdir()
    for f in tiny_model_dir.iterdir():
        (other / f.name).write_bytes(f.read_bytes())
    config = json.loads((other / "config.json").read_text())
    config["thresholds"] = {t: 0.2 for t in config["claim_types"]}
    (other / "config.json").write_text(json.dumps(config))
    result = runner.invoke(app, ["select", str(run), "--n", "3", "--out", str(tmp_path / "x.json"),
                                 "--model", str(other)])
    assert result.exit_code == 2 and "scored with another model" in result.output



def test_the_all_sentences_caution_follows_the_runs_record_not_the_claims():
    from claimcoder.data.schema import Claim, Span
    from claimcoder.scoring.select import Candidate, _warnings

    claim = Claim("denial", Span(0, 6, "Russia"), None)
    every_row_a_claim = [Candidate("d1", 0, "Russia denied it.", [claim], {"denial": 0.9})]
    caution = "scored without --all-sentences"
    assert not any(caution in w for w in _warnings(every_row_a_claim, {"settings": {"all_sentences": True}}))
    assert any(caution in w for w in _warnings(every_row_a_claim, {"settings": {"all_sentences": False}}))
    assert any(caution in w for w in _warnings(every_row_a_claim, {}))  # no run.json: judged by the rows
