"""Readers: every kind of bad input gives a clear error naming file, line and field."""
from __future__ import annotations

import json

import pytest

from claimcoder.data import DataError, read_csv, read_jsonl, write_jsonl

GOOD = {"id": "s1", "doc_id": "d1", "text": "Russia denied the report.",
        "claims": [{"type": "denial", "source": {"start": 0, "end": 6, "text": "Russia"}, "target": None}]}


def problems_of(path):
    with pytest.raises(DataError) as info:
        read_jsonl(path)
    return info.value.problems, str(info.value)


def test_reads_valid_file_and_round_trips(jsonl_file, tmp_path):
    path = jsonl_file([GOOD, {**GOOD, "id": "s2", "claims": []}])
    sents = read_jsonl(path)
    assert [s.id for s in sents] == ["s1", "s2"]
    assert sents[0].claims[0].source.text == "Russia"
    out = tmp_path / "out.jsonl"
    write_jsonl(out, sents)
    assert [json.loads(line) for line in out.read_text().splitlines()][0] == GOOD


def test_unknown_claim_type_names_line_and_field(jsonl_file):
    bad = {**GOOD, "claims": [{"type": "threat", "source": None, "target": None}]}
    problems, msg = problems_of(jsonl_file([GOOD | {"id": "a"}, bad]))
    assert [(p.line, p.field) for p in problems] == [(2, "claims[0].type")]
    assert "unknown claim type 'threat'" in msg and "data.jsonl:2" in msg


def test_span_text_must_match_offsets(jsonl_file):
    bad = {**GOOD, "claims": [{"type": "denial", "source": {"start": 0, "end": 6, "text": "Moscow"}, "target": None}]}
    problems, msg = problems_of(jsonl_file([bad]))
    assert problems[0].field == "claims[0].source.text"
    assert "'Moscow' does not match text[0:6] = 'Russia'" in msg


def test_span_outside_sentence(jsonl_file):
    bad = {**GOOD, "claims": [{"type": "denial", "source": None, "target": {"start": 5, "end": 99, "text": "x"}}]}
    problems, _ = problems_of(jsonl_file([bad]))
    assert problems[0].field == "claims[0].target" and "outside the sentence" in problems[0].message


def test_missing_fields(jsonl_file):
    problems, _ = problems_of(jsonl_file([{"id": "x", "doc_id": "d", "claims": []},
                                          {"id": "y", "doc_id": "d", "text": "Hi."},
                                          {**GOOD, "claims": [{"type": "denial"}]}]))
    got = {(p.line, p.field) for p in problems}
    assert got == {(1, "text"), (2, "claims"), (3, "claims[0].source"), (3, "claims[0].target")}


def test_bad_json_and_all_errors_collected(jsonl_file):
    problems, msg = problems_of(jsonl_file(['{"id": "a", "text": ', json.dumps(GOOD), "[1, 2]", "not json"]))
    assert [(p.line, p.field) for p in problems] == [(1, "(json)"), (3, "(line)"), (4, "(json)")]
    assert "3 problem(s)" in msg


def test_wrong_encoding(tmp_path):
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(json.dumps(GOOD).encode() + b"\n" + '{"text": "Caf\xe9"}'.encode("latin-1") + b"\n")
    problems, _ = problems_of(path)
    assert (problems[0].line, problems[0].field) == (2, "(encoding)")


def test_empty_and_missing_file(tmp_path, jsonl_file):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n")
    assert "holds no sentences" in problems_of(empty)[1]
    assert "no such file" in problems_of(tmp_path / "nope.jsonl")[1]


def test_duplicate_ids(jsonl_file):
    problems, _ = problems_of(jsonl_file([GOOD, GOOD]))
    assert problems[0].field == "id" and problems[0].line == 2


def test_custom_label_set_accepted_when_asked(jsonl_file):
    row = {**GOOD, "claims": [{"type": "praise", "source": None, "target": None}]}
    assert read_jsonl(jsonl_file([row]), claim_types=None)[0].claims[0].type == "praise"
    assert read_jsonl(jsonl_file([row]), claim_types=["praise"])[0].claims[0].type == "praise"


def test_csv_reader(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("id,text,outlet\n1,\"Hello, world.\",AP\n2,Second one.,BBC\n", encoding="utf-8")
    sents = read_csv(path)
    assert [s.text for s in sents] == ["Hello, world.", "Second one."]
    assert sents[1].meta == {"outlet": "BBC"} and sents[0].claims == []
    bad = tmp_path / "b.csv"
    bad.write_text("id,sentence\n1,x\n")
    with pytest.raises(DataError, match="no column named 'text'"):
        read_csv(bad)


def test_duplicate_id_is_reported_at_its_file_line(tmp_path):
    """The line number is the file's line (blank lines count), not the record number."""
    path = tmp_path / "d.jsonl"
    path.write_text("\n".join([json.dumps(GOOD), "", "", json.dumps(GOOD)]) + "\n", encoding="utf-8")
    problems, _ = problems_of(path)
    assert [(p.line, p.field) for p in problems] == [(4, "id")] and "first at line 1" in problems[0].message


def test_unlabelled_jsonl_needs_only_text(tmp_path):
    from claimcoder.data import read_unlabelled

    path = tmp_path / "u.jsonl"
    path.write_text('{"text": "First."}\n{"text": "Second.", "claims": []}\n', encoding="utf-8")
    assert [s.claims for s in read_unlabelled(path)] == [[], []]
    with pytest.raises(DataError, match="claims: missing"):
        read_jsonl(path)  # annotated data still needs its claims


def test_a_cut_off_json_line_is_reported_at_its_end_not_at_column_1():
    from claimcoder.data.io import decode_json

    assert decode_json('{"text": "abc", "id": "q"\n')[1] == ("(json)", "bad JSON: Expecting ',' delimiter at the end "
                                                                     "of the line")
    assert decode_json('{"text": "abc" "id": "q"}\n')[1][1].endswith("at column 16")


def test_a_claim_listed_twice_a_reversed_span_and_a_bad_actor_are_all_named(jsonl_file):
    text = "Russia accused Ukraine."
    span = {"start": 0, "end": 6, "text": "Russia"}
    bad = jsonl_file([{"id": "s1", "doc_id": "d1", "text": text, "claims": [
        {"type": "accusation", "source": span, "target": None},
        {"type": "accusation", "source": span, "target": None},
        {"type": "denial", "source": {"start": 6, "end": 0, "text": ""}, "target": None},
        {"type": "denial", "source": {**span, "actor": {"name": "", "kind": "country", "code": "RU", "x": 1}},
         "target": None}]}])
    with pytest.raises(DataError) as err:
        read_jsonl(bad)
    text = str(err.value)
    assert "claims[1]: the same claim as claims[0]" in text
    assert "claims[2].source: offsets [6, 0) are empty or reversed" in text
    assert "claims[3].source.actor.x: unknown field" in text and "claims[3].source.actor.name" in text
    assert "claims[3].source.actor.code: a country's code is its ISO 3166 alpha-3" in text


def test_a_json_error_says_where_once():
    from claimcoder.data.io import decode_json

    assert decode_json('{"text": "a\tb"}') == (None, ("(json)", "bad JSON: Invalid control character at column 12"))
