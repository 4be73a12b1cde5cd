"""The behavioural test suite: the bundled cases, the runner's pass rules, and case-file validation."""
from __future__ import annotations

import importlib
import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from claimcoder.data.io import DataError
from claimcoder.data.schema import Claim, Sentence, Span

REPO = Path(__file__).resolve().parents[1]
CASES_FILE = REPO / "data" / "behaviour" / "cases.jsonl"


def _load_behaviour():
    """``claimcoder.eval.behaviour``; straight from its file if ``claimcoder.eval`` fails to import.

    The module imports only ``claimcoder.data`` and the standard library, so its tests do not
    depend on the rest of ``eval/`` importing cleanly.
    """
    try:
        return importlib.import_module("claimcoder.eval.behaviour")
    except ImportError:
        name = "claimcoder_eval_behaviour_standalone"
        if name in sys.modules:
            return sys.modules[name]
        spec = importlib.util.spec_from_file_location(name, REPO / "eval" / "behaviour.py")
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        spec.loader.exec_module(mod)
        return mod


bh = _load_behaviour()


# --------------------------------------------------------------------------- helpers


def span(text: str, phrase: str | None) -> Span | None:
    if phrase is None:
        return None
    m = re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text)
    assert m, (phrase, text)
    return Span(m.start(), m.end(), phrase)


def fake_predictor(table: dict[str, list[tuple[str, str | None, str | None]]]):
    """A predictor answering from a hand-built table: text -> [(type, source phrase, target phrase)]."""
    calls: list[list[str]] = []

    def predict(texts: list[str]) -> list[Sentence]:
        calls.append(list(texts))
        return [Sentence(text=t, claims=[Claim(ty, span(t, s), span(t, g)) for ty, s, g in table.get(t, [])])
                for t in texts]

    predict.calls = calls
    return predict


def oracle(cases):
    """A predictor that returns exactly the expected claims."""
    table = {c.text: [(e.type, e.source, e.target) for e in c.claims] for c in cases}
    return fake_predictor(table)


def write_cases(path: Path, rows: list) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write((r if isinstance(r, str) else json.dumps(r)) + "\n")
    return path


def case(cid, text, claims, kind="MFT", test="t", capability="cap", group=None, exact=False) -> dict:
    return {"id": cid, "kind": kind, "capability": capability, "test": test, "group": group, "text": text,
            "claims": [{"type": t, "source": s, "target": g} for t, s, g in claims], "exact_spans": exact}


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


# --------------------------------------------------------------------------- the bundled cases


@pytest.fixture(scope="module")
def bundled():
    return bh.load_cases()


def test_bundled_cases_load_and_cover_all_kinds(bundled):
    assert len(bundled) >= 600
    kinds = Counter(c.kind for c in bundled)
    assert set(kinds) == {"MFT", "INV", "DIR"}
    per_test = Counter(c.test for c in bundled)
    small = {t: n for t, n in per_test.items() if n < 8}
    assert not small, f"tests with fewer than 8 cases: {small}"
    assert len({c.id for c in bundled}) == len(bundled)
    types = Counter(e.type for c in bundled for e in c.claims)
    assert set(types) == {"accusation", "denial", "demand_explanation"}
    assert sum(1 for c in bundled if not c.claims) >= 100  # plenty of no-claim cases


def test_default_path_is_the_bundled_file(bundled):
    assert Path(bh.default_cases_path()).resolve() == CASES_FILE.resolve()
    assert len(bh.load_cases(CASES_FILE)) == len(bundled)


def test_codebook_examples_are_exact(bundled):
    by_text = {c.text: c for c in bundled}
    pentagon = by_text["The Pentagon demanded a response from Russia."]
    assert pentagon.exact_spans and pentagon.kind == "MFT"
    assert [(e.type, e.source, e.target) for e in pentagon.claims] == [("demand_explanation", "The Pentagon", "Russia")]
    kremlin = by_text["The Kremlin said it was hard to distinguish between moderate and extremist rebels on the ground."]
    assert [(e.type, e.source, e.target) for e in kremlin.claims] == [("denial", "The Kremlin", None)]
    assert by_text["The court denied the motion."].claims == ()


def _corpus_sentences() -> set[str]:
    """Every sentence text in data/corpus/*.jsonl and data/corpus/src/*.jsonl, read as they are now."""
    found: set[str] = set()
    corpus = REPO / "data" / "corpus"
    for path in sorted(corpus.glob("*.jsonl")) + sorted((corpus / "src").glob("*.jsonl")):
        with open(path, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                line = line.strip()
                if not line:
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError:  # a line still being written
                    continue
                if not isinstance(obj, dict):
                    continue
                if isinstance(obj.get("text"), str):
                    found.add(norm(obj["text"]))
                for sent in obj.get("sentences") or []:  # src files: one document a line
                    if isinstance(sent, dict) and isinstance(sent.get("text"), str):
                        found.add(norm(sent["text"]))
    return found


def test_no_case_copies_a_corpus_sentence(bundled):
    corpus = _corpus_sentences()
    shared = sorted({c.text for c in bundled if norm(c.text) in corpus})
    assert not shared, f"{len(shared)} case text(s) copied from data/corpus: {shared[:5]}"


def test_oracle_passes_every_bundled_case_and_empty_predictor_passes_only_no_claim(bundled):
    report = bh.run_behaviour(oracle(bundled), bundled)
    assert report.overall.passed == report.overall.n
    assert report.overall.n_cases == len(bundled)
    empty = bh.run_behaviour(fake_predictor({}), bundled)
    for t in empty.tests:
        if t.kind == "MFT":
            assert t.passed == sum(1 for c in bundled if c.test == t.test and not c.claims)
    assert empty.overall.passed < empty.overall.n


# --------------------------------------------------------------------------- pass rules


def mk(rows):
    return [bh.BehaviourCase(**{**r, "claims": tuple(bh.ExpectedClaim(*c) for c in r["claims"])}) for r in rows]


T1 = "The Pentagon demanded a response from Russia."
T2 = "Defense Secretary Ash Carter accused Russia of escalating the war."
T3 = "The court denied the motion."


def _mft(text, claims, exact=False, cid="x"):
    return mk([{"id": cid, "kind": "MFT", "capability": "c", "test": "t", "text": text,
                "claims": claims, "exact_spans": exact}])[0]


def test_mft_type_multiset_must_match():
    c = _mft(T1, [("demand_explanation", "The Pentagon", "Russia")])
    assert bh.case_passes(c, fake_predictor({T1: [("demand_explanation", "The Pentagon", "Russia")]})([T1])[0].claims)
    # an extra claim, a missing claim, a wrong type, a duplicate: all fail
    for pred in ([("demand_explanation", "The Pentagon", "Russia"), ("accusation", "The Pentagon", "Russia")], [],
                 [("accusation", "The Pentagon", "Russia")],
                 [("demand_explanation", "The Pentagon", "Russia")] * 2):
        assert not bh.case_passes(c, fake_predictor({T1: pred})([T1])[0].claims), pred
    none_case = _mft(T3, [])
    assert bh.case_passes(none_case, [])
    assert not bh.case_passes(none_case, fake_predictor({T3: [("denial", "The court", None)]})([T3])[0].claims)


def test_mft_source_overlap_and_exact_spans():
    loose = _mft(T2, [("accusation", "Defense Secretary Ash Carter", "Russia")])
    strict = _mft(T2, [("accusation", "Defense Secretary Ash Carter", "Russia")], exact=True)

    def pred(source, target):
        return fake_predictor({T2: [("accusation", source, target)]})([T2])[0].claims

    assert bh.case_passes(loose, pred("Ash Carter", None))         # overlap is enough, target unchecked
    assert not bh.case_passes(loose, pred("Russia", "Ash Carter"))  # source does not overlap
    assert not bh.case_passes(loose, pred(None, "Russia"))          # expected source, none predicted
    assert bh.case_passes(strict, pred("Defense Secretary Ash Carter", "Russia"))
    assert not bh.case_passes(strict, pred("Ash Carter", "Russia"))
    assert not bh.case_passes(strict, pred("Defense Secretary Ash Carter", None))
    # a null expected source accepts any source unless exact
    passive = "Russia has been accused of targeting rebels."
    loose_null = _mft(passive, [("accusation", None, "Russia")])
    strict_null = _mft(passive, [("accusation", None, "Russia")], exact=True)
    p = fake_predictor({passive: [("accusation", "Russia", None)]})([passive])[0].claims
    assert bh.case_passes(loose_null, p) and not bh.case_passes(strict_null, p)
    p = fake_predictor({passive: [("accusation", None, "Russia")]})([passive])[0].claims
    assert bh.case_passes(strict_null, p)


def test_mft_two_claims_of_one_type_are_matched_one_to_one():
    t = "Both the ministry and the army denied the report."
    c = _mft(t, [("denial", "the ministry", None), ("denial", "the army", None)])
    ok = fake_predictor({t: [("denial", "the army", None), ("denial", "the ministry", None)]})([t])[0].claims
    same = fake_predictor({t: [("denial", "the army", None), ("denial", "the army", None)]})([t])[0].claims
    assert bh.case_passes(c, ok)
    assert not bh.case_passes(c, same)


def _groups():
    rows = [
        # MFT: one pass, one fail
        {"id": "m1", "kind": "MFT", "capability": "demand", "test": "mft demand", "text": T1,
         "claims": [("demand_explanation", "The Pentagon", "Russia")]},
        {"id": "m2", "kind": "MFT", "capability": "none", "test": "mft none", "text": T3, "claims": []},
        # INV group g1 passes, g2 fails (one member misses its source)
        {"id": "i1", "kind": "INV", "capability": "inv", "test": "inv names", "group": "g1",
         "text": "Maria Lopez accused Tom Becker of lying.", "claims": [("accusation", "Maria Lopez", "Tom Becker")]},
        {"id": "i2", "kind": "INV", "capability": "inv", "test": "inv names", "group": "g1",
         "text": "Amina Diallo accused Kenji Watanabe of lying.", "claims": [("accusation", "Amina Diallo", "Kenji Watanabe")]},
        {"id": "i3", "kind": "INV", "capability": "inv", "test": "inv names", "group": "g2",
         "text": "Olga Petrova denied the report.", "claims": [("denial", "Olga Petrova", None)]},
        {"id": "i4", "kind": "INV", "capability": "inv", "test": "inv names", "group": "g2",
         "text": "Rahul Mehta denied the report.", "claims": [("denial", "Rahul Mehta", None)]},
        # DIR group d1 passes (spans not checked), d2 fails (the negated one still gets a claim)
        {"id": "d1", "kind": "DIR", "capability": "dir", "test": "dir negation", "group": "d1",
         "text": "Seoul blamed Pyongyang for the attack.", "claims": [("accusation", "Seoul", "Pyongyang")]},
        {"id": "d2", "kind": "DIR", "capability": "dir", "test": "dir negation", "group": "d1",
         "text": "Seoul did not blame Pyongyang for the attack.", "claims": []},
        {"id": "d3", "kind": "DIR", "capability": "dir", "test": "dir negation", "group": "d2",
         "text": "The company denied the report.", "claims": [("denial", "The company", None)]},
        {"id": "d4", "kind": "DIR", "capability": "dir", "test": "dir negation", "group": "d2",
         "text": "The company did not deny the report.", "claims": []},
    ]
    table = {
        T1: [("demand_explanation", "The Pentagon", "Russia")],
        T3: [("denial", "The court", None)],
        "Maria Lopez accused Tom Becker of lying.": [("accusation", "Maria Lopez", "Tom Becker")],
        "Amina Diallo accused Kenji Watanabe of lying.": [("accusation", "Diallo", None)],
        "Olga Petrova denied the report.": [("denial", "Olga Petrova", None)],
        "Rahul Mehta denied the report.": [("denial", "the report", None)],
        "Seoul blamed Pyongyang for the attack.": [("accusation", "Pyongyang", None)],  # wrong spans: fine for DIR
        "The company denied the report.": [("denial", "The company", None)],
        "The company did not deny the report.": [("denial", "The company", None)],
    }
    return mk([{**r, "group": r.get("group")} for r in rows]), fake_predictor(table)


def test_report_per_test_kind_capability_and_overall():
    cases, predict = _groups()
    report = bh.run_behaviour(predict, cases)
    assert len(predict.calls) == 1 and len(predict.calls[0]) == len({c.text for c in cases})
    tests = {t.test: t for t in report.tests}
    assert (tests["mft demand"].n, tests["mft demand"].passed) == (1, 1)
    assert (tests["mft none"].n, tests["mft none"].passed) == (1, 0)
    assert (tests["inv names"].n, tests["inv names"].passed, tests["inv names"].n_cases) == (2, 1, 4)
    assert (tests["dir negation"].n, tests["dir negation"].passed, tests["dir negation"].n_cases) == (2, 1, 4)
    assert tests["inv names"].rate == 0.5
    fail = tests["inv names"].failures[0]
    assert fail["group"] == "g2" and [c["id"] for c in fail["cases"]] == ["i3", "i4"]
    assert fail["cases"][1]["predicted"] == [{"type": "denial", "source": "the report", "target": None}]
    assert tests["dir negation"].failures[0]["group"] == "d2"
    assert tests["mft none"].failures[0]["cases"][0]["predicted"][0]["type"] == "denial"
    assert (report.by_kind["MFT"].n, report.by_kind["MFT"].passed) == (2, 1)
    assert (report.by_kind["INV"].n, report.by_kind["DIR"].n) == (2, 2)
    assert report.by_capability["none"].passed == 0
    assert (report.overall.n, report.overall.passed, report.overall.n_cases) == (6, 3, 10)
    d = json.loads(json.dumps(report.to_dict()))
    assert d["overall"] == {"n": 6, "n_cases": 10, "passed": 3, "rate": 0.5}
    assert {t["test"] for t in d["tests"]} == set(tests)
    text = bh.format_behaviour(report)
    assert "| kind | capability | test |" in text and "dir negation" in text
    assert "Rahul Mehta denied the report." in text and "50.0%" in text


def test_inv_needs_the_same_predicted_types_and_dir_needs_exact_type_sets():
    t1, t2 = "Amina Diallo praised Tom Becker.", "Maria Lopez praised Tom Becker."
    inv = mk([{"id": "a", "kind": "INV", "capability": "i", "test": "inv", "group": "g", "text": t1, "claims": []},
              {"id": "b", "kind": "INV", "capability": "i", "test": "inv", "group": "g", "text": t2, "claims": []}])
    r = bh.run_behaviour(fake_predictor({t2: [("accusation", "Maria Lopez", "Tom Becker")]}), inv)
    assert r.overall.passed == 0
    assert bh.run_behaviour(fake_predictor({}), inv).overall.passed == 1
    base, pert = "The families demanded an explanation from the airline.", "The families called on the airline to pay."
    d = mk([{"id": "a", "kind": "DIR", "capability": "d", "test": "dir", "group": "g", "text": base,
             "claims": [("demand_explanation", "The families", "the airline")]},
            {"id": "b", "kind": "DIR", "capability": "d", "test": "dir", "group": "g", "text": pert, "claims": []}])
    extra = {base: [("demand_explanation", "The families", None), ("accusation", "The families", None)]}
    assert bh.run_behaviour(fake_predictor(extra), d).overall.passed == 0
    both = {base: [("demand_explanation", None, None)], pert: [("demand_explanation", "The families", None)]}
    assert bh.run_behaviour(fake_predictor(both), d).overall.passed == 0
    good = {base: [("demand_explanation", "the airline", None)]}
    assert bh.run_behaviour(fake_predictor(good), d).overall.passed == 1


def test_predict_returning_the_wrong_number_of_results_is_an_error():
    cases = mk([{"id": "a", "kind": "MFT", "capability": "c", "test": "t", "text": T3, "claims": []}])
    with pytest.raises(ValueError, match="1 texts"):
        bh.run_behaviour(lambda texts: [], cases)


# --------------------------------------------------------------------------- bad case files


def test_bad_case_file_lists_every_problem_with_file_line_field(tmp_path):
    path = write_cases(tmp_path / "bad.jsonl", [
        case("ok-1", T1, [("demand_explanation", "The Pentagon", "Russia")]),                      # 1 fine
        case("k", T1, [], kind="XYZ"),                                                              # 2 kind
        case("ty", T1, [("acusation", "The Pentagon", None)]),                                     # 3 type
        case("sp", T1, [("demand_explanation", "The Pent", "Russia")]),                            # 4 partial word
        case("sp2", T1, [("demand_explanation", "The Pentagon", "Moscow")]),                       # 5 not in text
        case("inv", T1, [], kind="INV", test="inv t"),                                             # 6 no group
        case("ok-1", T3, []),                                                                       # 7 duplicate id
        "{not json",                                                                                # 8 bad JSON
        {"id": "miss", "kind": "MFT", "capability": "c", "test": "t", "claims": []},               # 9 no text
        {**case("ex", T3, []), "exact_spans": "yes", "colour": 1},                                 # 10 two fields
        case("fine", "The court denied the motion, again.", []),                                  # 11 fine
    ])
    with pytest.raises(DataError) as info:
        bh.load_cases(path)
    err = info.value
    assert isinstance(err, DataError)
    got = {(p.line, p.field) for p in err.problems}
    expected = {(2, "kind"), (3, "claims[0].type"), (4, "claims[0].source"), (5, "claims[0].target"),
                (6, "group"), (7, "id"), (8, "(json)"), (9, "text"), (10, "exact_spans"), (10, "colour")}
    assert expected <= got, got
    assert all(p.file == str(path) for p in err.problems)
    message = str(err)
    for line, fld in expected:
        assert f"{path}:{line}: {fld}:" in message
    assert "duplicate id 'ok-1' (first on line 1)" in message
    assert "unknown claim type 'acusation'" in message
    assert "'The Pent' is not a whole-word phrase" in message


def test_group_consistency_problems(tmp_path):
    path = write_cases(tmp_path / "groups.jsonl", [
        case("a", T1, [("demand_explanation", "The Pentagon", None)], kind="INV", test="inv t", group="g1"),
        case("b", T3, [], kind="INV", test="inv t", group="g1"),                 # INV types differ
        case("c", T3, [], kind="DIR", test="dir t", group="g2"),                  # lone member
        case("d", T1, [], kind="DIR", test="dir u", group="g1"),                  # group mixes tests/kinds
        case("e", T3, [], kind="MFT", test="inv t"),                              # test name reused by another kind
        {**case("f", T3, [], kind="DIR", test="dir t"), "group": None},           # DIR with null group
    ])
    with pytest.raises(DataError) as info:
        bh.load_cases(path)
    got = {(p.line, p.field) for p in info.value.problems}
    assert {(2, "claims"), (3, "group"), (4, "group"), (5, "test"), (6, "group")} <= got, got


def test_missing_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError) as info:
        bh.load_cases(tmp_path / "nope.jsonl")
    assert "nope.jsonl" in str(info.value)


def test_a_clean_small_file_loads(tmp_path):
    path = write_cases(tmp_path / "good.jsonl", [
        case("a", T1, [("demand_explanation", "The Pentagon", "Russia")], exact=True),
        case("b", "Seoul blamed Pyongyang.", [("accusation", "Seoul", "Pyongyang")], kind="DIR", test="d", group="g"),
        case("c", "Seoul did not blame Pyongyang.", [], kind="DIR", test="d", group="g"),
    ])
    cases = bh.load_cases(path)
    assert [c.id for c in cases] == ["a", "b", "c"]
    assert cases[0].exact_spans and cases[0].claims[0] == bh.ExpectedClaim("demand_explanation", "The Pentagon", "Russia")
    assert cases[1].group == "g" and cases[1].expected_type_set == {"accusation"}
    assert json.loads(json.dumps(cases[1].to_dict()))["group"] == "g"
