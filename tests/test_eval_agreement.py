"""Inter-annotator agreement against hand-computed values, and the `claimcoder agreement` command."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from claimcoder.cli import app
from claimcoder.data import write_jsonl
from claimcoder.data.schema import Claim, Sentence, Span
from claimcoder.eval.agreement import agreement

TYPES = ["accusation", "denial", "demand_explanation"]
runner = CliRunner()
TEXT = "Officials accused the firm of fraud."


def annotation(types_per_sentence: list[tuple[str, ...]], source: str = "Officials") -> list[Sentence]:
    i = TEXT.index(source)
    src = Span(i, i + len(source), source)
    return [Sentence(text=TEXT, id=f"s{k}", doc_id=f"d{k // 2}", claims=[Claim(t, src) for t in ts])
            for k, ts in enumerate(types_per_sentence)]


# Ten sentences. Accusation: A = 1110000000, B = 1101000000 (p_o .8, p_e .58).
# Denial: identical (kappa 1). Demand: nobody uses it (kappa undefined).
A = annotation([("accusation",)] * 3 + [()] * 7)
B = annotation([("accusation",)] * 2 + [(), ("accusation",)] + [()] * 6)


def test_agreement_by_hand():
    r = agreement(A, B, TYPES)
    acc = r["per_type"]["accusation"]
    assert acc["kappa"] == pytest.approx(0.22 / 0.42)
    assert acc["alpha"] == pytest.approx(1 - 19 * 4 / 168)
    assert acc["percent_agreement"] == pytest.approx(0.8) and acc["f1"] == pytest.approx(2 / 3)
    assert (acc["n_first"], acc["n_second"], acc["n_both"]) == (3, 3, 2)
    assert r["per_type"]["denial"]["kappa"] is None and r["per_type"]["denial"]["f1"] is None
    # type sets: "accusation" x3 / x3 and "none" otherwise, the same table as accusation alone
    assert r["alpha_type_set"] == pytest.approx(acc["alpha"]) and r["exact_type_set_agreement"] == pytest.approx(0.8)
    # sources: the two shared accusations match exactly; one extra on each side -> F1 2/3
    assert r["source"]["exact_f1"] == pytest.approx(2 / 3) and r["claim"]["f1"] == pytest.approx(2 / 3)
    assert r["mean_kappa"] == pytest.approx(acc["kappa"]) and r["n_documents"] == 5


def test_agreement_is_order_independent_and_aligns_by_id():
    shuffled = list(reversed(B))
    assert agreement(A, shuffled, TYPES)["per_type"] == agreement(B, A, TYPES)["per_type"]


def test_agreement_refuses_files_of_different_sentences():
    with pytest.raises(ValueError, match="only in the first file"):
        agreement(A, B[:9], TYPES)
    other = [Sentence(text="Different.", id=x.id, doc_id=x.doc_id) for x in B]
    with pytest.raises(ValueError, match="different text"):
        agreement(A, other, TYPES)


def test_agreement_command(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    write_jsonl(a, A)
    write_jsonl(b, B)
    result = runner.invoke(app, ["agreement", str(a), str(b), "--json", str(tmp_path / "ag.json")])
    assert result.exit_code == 0, result.output
    assert "kappa" in result.output and "0.524" in result.output
    figures = json.loads((tmp_path / "ag.json").read_text())
    assert figures["per_type"]["accusation"]["kappa"] == pytest.approx(0.22 / 0.42)
    write_jsonl(b, B[:5])
    result = runner.invoke(app, ["agreement", str(a), str(b)])
    assert result.exit_code == 2 and "same sentences" in result.output and "Traceback" not in result.output
    result = runner.invoke(app, ["agreement", str(a), str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 2 and "no such file" in result.output
    write_jsonl(b, [Sentence(text="Officials accused the firm.", id=x.id, doc_id=x.doc_id) for x in B])
    result = runner.invoke(app, ["agreement", str(a), str(b)])
    assert result.exit_code == 2 and f"{a} and {b}: 10 sentence(s) have the same id but different text" in result.output
    assert "s0: 'Officials accused the firm of fraud.' in the first file, 'Officials accused the firm.'" in result.output


def _with_actors(affiliations: list[str | None], name: str = "Ministry of Health") -> list[Sentence]:
    from claimcoder.data.schema import Actor
    src = Span(0, 9, "Officials")
    return [Sentence(text=TEXT, id=f"s{k}", doc_id="d0", meta={"sent_index": k},
                     claims=[Claim("accusation", Span(src.start, src.end, src.text,
                                                      actor=Actor(name, "organization", None, aff)))])
            for k, aff in enumerate(affiliations)]


def test_actor_agreement_scores_the_second_annotator_as_a_resolver():
    """Four spans of one article, the same actor throughout; the annotators differ on one span's side."""
    first, second = _with_actors(["KEN"] * 4), _with_actors(["KEN"] * 3 + ["UGA"])
    actors = agreement(first, second, TYPES)["actors"]
    assert actors["overall"]["entity"] == 1.0 and actors["overall"]["side"] == 0.75
    assert actors["overall"]["accuracy"] == 0.75 and actors["by_kind"]["descriptor"]["accuracy"] == 0.75


def test_actor_agreement_needs_actors_on_the_same_spans_in_both_files():
    assert agreement(A, B, TYPES)["actors"] is None  # no actors at all
    first = _with_actors(["KEN"] * 2)
    moved = [Sentence(s.text, [Claim("accusation", Span(0, 8, "Official", actor=s.claims[0].source.actor))],
                      id=s.id, doc_id=s.doc_id, meta=s.meta) for s in first]
    assert agreement(first, moved, TYPES)["actors"] is None  # the spans differ: nothing to pair


def test_actor_agreement_leaves_out_only_the_sentences_whose_spans_differ():
    first = _with_actors(["KEN"] * 4)
    second = _with_actors(["KEN"] * 3 + ["UGA"])
    s = second[0]
    second[0] = Sentence(s.text, [Claim("accusation", Span(0, 8, "Official", actor=s.claims[0].source.actor))],
                         id=s.id, doc_id=s.doc_id, meta=s.meta)
    actors = agreement(first, second, TYPES)["actors"]
    assert actors["sentences_left_out"] == 1 and actors["overall"]["n"] == 3
    assert actors["overall"]["accuracy"] == pytest.approx(2 / 3)
