"""Label Studio, doccano and Prodigy files to and from codebook JSONL: round trips, edge cases, bad input."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from typer.testing import CliRunner

from claimcoder.cli import app
from claimcoder.data import DataError, OptionError, load_corpus, read_jsonl, write_jsonl
from claimcoder.data.formats import (FORMATS, convert, detect_format, labelstudio, read_annotations, span_labels,
                                     to_graph, write_annotations)
from claimcoder.data.schema import CODEBOOK_TYPES, Actor, Claim, Sentence, Span

TOOLS = ("labelstudio", "doccano", "prodigy")
runner = CliRunner()


def same(a: list[Sentence], b: list[Sentence], scores: bool = True) -> None:
    """Equal sentences: ids, document, text, meta, context, and claims as a multiset (order carries no meaning)."""
    def claims(s: Sentence) -> Counter:
        return Counter(repr(c if scores else Claim(c.type, c.source, c.target)) for c in s.claims)

    assert len(a) == len(b)
    for x, y in zip(a, b):
        assert (x.id, x.doc_id, x.text, x.meta, x.context) == (y.id, y.doc_id, y.text, y.meta, y.context)
        assert claims(x) == claims(y), (x.id, x.claims, y.claims)


def sp(text: str, phrase: str, nth: int = 0, actor: Actor | None = None) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span(start, start + len(phrase), phrase, actor)


def edge_cases() -> list[Sentence]:
    t1 = "Opposition leaders blamed the government for the crisis and called for an inquiry."
    t2 = "The Kremlin denied the report, and Washington accused the Kremlin of lying."
    t3 = "These allegations are false, the company said."
    t4 = "The minister was accused of misleading parliament."
    t5 = "Ministry of Defence officials accused the Ministry of lying and the Ministry denied it."
    t6 = "He 💬 said “Mr. Ré” lied — and demanded answers from Ré."
    kremlin = Actor("Russia", "country", "RUS", "RUS")
    return [
        # two claims in one sentence sharing a source; one of them with no target
        Sentence(t1, [Claim("accusation", sp(t1, "Opposition leaders"), sp(t1, "the government")),
                      Claim("demand_explanation", sp(t1, "Opposition leaders"), None)], "e1", "d1", {"beat": "x"}),
        # a span that is the source of one claim and the target of another; a span with an actor
        Sentence(t2, [Claim("denial", sp(t2, "The Kremlin", actor=kremlin), None),
                      Claim("accusation", sp(t2, "Washington"), sp(t2, "the Kremlin", actor=kremlin))],
                 "e2", "d1", context="Earlier sentence. " + t2),
        # no source, no target; and a sentence with no claim at all
        Sentence(t3, [Claim("denial", None, None), Claim("accusation", None, None)], "e3", "d2"),
        Sentence("The council met on Monday.", [], "e4", "d2", {"nested": {"a": [1, 2]}}),
        # null source
        Sentence(t4, [Claim("accusation", None, sp(t4, "The minister"))], "e5", "d3"),
        # overlapping spans ("Ministry" inside "Ministry of Defence officials"), two one-sided claims on one span,
        # the same offsets as a relation end
        Sentence(t5, [Claim("accusation", sp(t5, "Ministry of Defence officials"), sp(t5, "the Ministry")),
                      Claim("denial", sp(t5, "the Ministry", 1), None),
                      Claim("accusation", None, sp(t5, "the Ministry", 1)),
                      Claim("demand_explanation", sp(t5, "Ministry", 0), None)], "e6", "d3"),
        # characters outside the BMP and quotes: offsets count code points
        Sentence(t6, [Claim("accusation", sp(t6, "He"), sp(t6, "Mr. Ré")),
                      Claim("demand_explanation", sp(t6, "He"), sp(t6, "Ré", 1))], "e7", "d4"),
    ]


def predicted(sentences: list[Sentence]) -> list[Sentence]:
    """The same claims with model scores (distinct per claim, so a mixed-up score shows)."""
    out = []
    for k, s in enumerate(sentences):
        claims = [Claim(c.type, c.source, c.target, round(0.5 + 0.01 * ((k + i) % 40), 6))
                  for i, c in enumerate(s.claims)]
        out.append(Sentence(s.text, claims, s.id, s.doc_id, s.meta, s.context))
    return out


@pytest.mark.parametrize("fmt", TOOLS)
def test_edge_cases_round_trip(fmt, tmp_path):
    gold = edge_cases()
    path = tmp_path / f"x.{fmt}"
    write_annotations(path, gold, fmt)
    assert detect_format(path) == fmt
    back = read_annotations(path)
    assert back.skipped == 0
    same(gold, back.sentences)


@pytest.mark.parametrize("fmt", TOOLS)
def test_bundled_corpus_round_trips(fmt, tmp_path):
    gold = load_corpus("dev") + load_corpus("test")  # every kind of claim the corpus has, 4,992 sentences
    path = tmp_path / f"x.{fmt}"
    assert write_annotations(path, gold, fmt) == len(gold)
    same(gold, read_annotations(path, fmt).sentences)
    # and back through codebook JSONL with the command's own function
    out = tmp_path / "back.jsonl"
    done = convert(path, out, "codebook")
    assert done.source_format == fmt and done.sentences == len(gold)
    same(gold, read_jsonl(out))


@pytest.mark.parametrize("fmt", TOOLS)
def test_predictions_round_trip_as_unreviewed(fmt, tmp_path):
    preds = predicted(edge_cases())
    path = tmp_path / f"x.{fmt}"
    write_annotations(path, preds, fmt, predictions=True)
    if fmt == "doccano":  # doccano has no pre-annotations of its own: its lines are read as they are
        assert len(read_annotations(path).sentences) == len(preds)
    else:
        skipped = read_annotations(path)
        assert skipped.sentences == [] and skipped.skipped == len(preds)
    back = read_annotations(path, unreviewed=True).sentences
    # scores ride on spans and relations; claims with no span keep theirs in Label Studio only
    same(preds, back, scores=fmt == "labelstudio")
    kept = {(s.id, c.type, c.source, c.target): c.score for s in back for c in s.claims}
    assert kept[("e1", "accusation", edge_cases()[0].claims[0].source, edge_cases()[0].claims[0].target)] == 0.5


def test_the_mapping_shares_spans_and_marks_one_sided_claims():
    g = to_graph(edge_cases()[0])
    assert [(e.text, e.label) for e in g.entities] == [("Opposition leaders", "demand_explanation:source-only"),
                                                      ("the government", "ACTOR")]
    assert [(r.head, r.child, r.type) for r in g.relations] == [(0, 1, "accusation")]
    g = to_graph(edge_cases()[2])
    assert g.entities == [] and [t for t, _ in g.whole] == ["denial", "accusation"]


def test_label_studio_claims_between_one_pair_share_one_arrow(tmp_path):
    t = "Turkey accused Israel of a strike and demanded an explanation."
    s = Sentence(t, [Claim("accusation", sp(t, "Turkey"), sp(t, "Israel")),
                     Claim("demand_explanation", sp(t, "Turkey"), sp(t, "Israel"))], "a", "d")
    result = labelstudio.task(s)["annotations"][0]["result"]
    relations = [r for r in result if r["type"] == "relation"]
    assert len(relations) == 1 and relations[0]["labels"] == ["accusation", "demand_explanation"]


def test_label_studio_export_with_several_annotations(tmp_path):
    t = "The mayor denied the allegations."
    region = {"id": "a", "from_name": "label", "to_name": "text", "type": "labels",
              "value": {"start": 0, "end": 9, "text": "The mayor", "labels": ["denial:source-only"]}}
    tasks = [
        {"id": 7, "data": {"text": t, "doc_id": "d7"}, "annotations": [
            {"result": [], "was_cancelled": False, "updated_at": "2024-01-01T00:00:00Z"},
            {"result": [region], "was_cancelled": False, "updated_at": "2024-02-01T00:00:00Z"},
            {"result": [], "was_cancelled": True, "updated_at": "2024-03-01T00:00:00Z"}]},
        {"id": 8, "data": {"text": t, "doc_id": "d8"}, "annotations": [{"result": [], "was_cancelled": True}],
         "predictions": [{"result": [region]}]},
        {"id": 9, "data": {"text": t, "doc_id": "d9"},
         "annotations": [{"result": [region], "updated_at": "2024-05-01"}, {"result": [], "ground_truth": True}]},
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks, indent=2))
    got = read_annotations(path)
    assert [s.id for s in got.sentences] == ["7", "9"] and got.skipped == 1  # task 8: only a cancelled one
    assert [c.type for c in got.sentences[0].claims] == ["denial"]  # the latest live annotation
    assert got.sentences[1].claims == []  # the ground-truth one wins
    assert [s.id for s in read_annotations(path, unreviewed=True).sentences] == ["7", "8", "9"]


def test_label_studio_utf16_offsets_are_converted(tmp_path):
    t = "😀 The mayor denied it."
    region = {"id": "a", "type": "labels", "from_name": "label", "to_name": "text",
              "value": {"start": 3, "end": 12, "text": "The mayor", "labels": ["denial:source-only"]}}
    path = tmp_path / "old.json"
    path.write_text(json.dumps([{"data": {"text": t, "doc_id": "d"}, "annotations": [{"result": [region]}]}]))
    claim = read_annotations(path).sentences[0].claims[0]
    assert (claim.source.start, claim.source.end, claim.source.text) == (2, 11, "The mayor")


def test_prodigy_tokens_fall_on_span_boundaries_and_relations_use_last_tokens(tmp_path):
    t = "Turkey's ministry accused Israel."
    s = Sentence(t, [Claim("accusation", sp(t, "Turkey's ministry"), sp(t, "Israel"))], "a", "d")
    path = tmp_path / "p.jsonl"
    write_annotations(path, [s], "prodigy")
    task = json.loads(path.read_text())
    by_id = {tok["id"]: tok for tok in task["tokens"]}
    for span in task["spans"]:
        assert by_id[span["token_start"]]["start"] == span["start"]
        assert by_id[span["token_end"]]["end"] == span["end"]
    rel = task["relations"][0]
    assert rel["head"] == rel["head_span"]["token_end"] and rel["child"] == rel["child_span"]["token_end"]
    assert task["answer"] == "accept"


def test_prodigy_rejected_tasks_and_unlabelled_relation_ends(tmp_path):
    t = "Critics accused the board."
    base = {"text": t, "doc_id": "d", "answer": "accept", "spans": []}
    rel = {"head": 0, "child": 3, "label": "accusation",
           "head_span": {"start": 0, "end": 7, "token_start": 0, "token_end": 0, "label": None},
           "child_span": {"start": 16, "end": 25, "token_start": 2, "token_end": 3, "label": None}}
    path = tmp_path / "db-out.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in [{**base, "sentence_id": "1", "relations": [rel]},
                                                      {**base, "sentence_id": "2", "answer": "reject"},
                                                      {**base, "sentence_id": "3", "answer": "ignore"}]) + "\n")
    got = read_annotations(path)
    assert got.skipped == 2 and "rejected or ignored" in got.skipped_why
    (s,) = got.sentences
    assert [(c.type, c.source.text, c.target.text) for c in s.claims] == [("accusation", "Critics", "the board")]


def test_doccano_older_label_triples(tmp_path):
    path = tmp_path / "old.jsonl"
    path.write_text(json.dumps({"id": 3, "text": "The mayor denied it.", "doc_id": "d",
                                "label": [[0, 9, "denial:source-only"]]}) + "\n")
    assert detect_format(path) == "doccano"
    (s,) = read_annotations(path).sentences
    assert s.id == "3" and [(c.type, c.source.text, c.target) for c in s.claims] == [("denial", "The mayor", None)]


@pytest.mark.parametrize("fmt, content, expected", [
    ("labelstudio", [{"data": {"text": "The mayor denied it.", "doc_id": "d"}, "annotations": [{"result": [
        {"id": "a", "type": "labels", "value": {"start": 0, "end": 40, "labels": ["ACTOR"]}}]}]}],
     "bad.json:2: task 0: annotations[0].result[0].value: offsets [0, 40) fall outside"),
    ("labelstudio", [{"data": {"text": "x", "doc_id": "d"}}, {"data": {"text": "A blamed B.", "doc_id": "d"},
                                                              "annotations": [{"result": [
        {"id": "a", "type": "labels", "value": {"start": 0, "end": 1, "labels": ["ACTOR"]}},
        {"type": "relation", "from_id": "a", "to_id": "zz", "labels": ["accusation"]}]}]}],
     "bad.json:3: task 1: annotations[0].result[1].to_id: 'zz' is not the id of a labelled region"),
    ("labelstudio", [{"data": {"text": "A blamed B.", "doc_id": "d"}, "annotations": [{"result": [
        {"id": "a", "type": "labels", "value": {"start": 0, "end": 1, "labels": ["ACTOR"]}},
        {"id": "b", "type": "labels", "value": {"start": 9, "end": 10, "labels": ["ACTOR"]}},
        {"type": "relation", "from_id": "a", "to_id": "b", "labels": []}]}]}],
     "task 0: annotations[0].result[2].labels: a relation needs its claim type"),
    ("labelstudio", [{"data": {"text": "A blamed B.", "doc_id": "d"}, "annotations": [{"result": [
        {"id": "a", "type": "labels", "value": {"start": 0, "end": 1, "labels": ["praise:source-only"]}}]}]}],
     "annotations[0].result[0].value.labels[0]: unknown claim type 'praise'"),
    ("labelstudio", [{"data": {"txt": "A blamed B."}}], "task 0: data.text: missing"),
    ("labelstudio", [{"data": {"text": "A blamed B."}, "annotations": [{"result": []}]}],
     "task 0: data.doc_id: missing or empty"),
    ("doccano", {"text": "A blamed B.", "doc_id": "d", "entities": [
        {"id": 1, "label": "ACTOR", "start_offset": 0, "end_offset": 1},
        {"id": 2, "label": "Person", "start_offset": 9, "end_offset": 10}], "relations": []},
     "bad.jsonl:1: entities[1].label: unknown span label 'Person'"),
    ("doccano", {"text": "A blamed B.", "doc_id": "d", "entities": [
        {"id": 1, "label": "ACTOR", "start_offset": 0, "end_offset": 1}],
        "relations": [{"id": 5, "from_id": 1, "to_id": 9, "type": "accusation"}]},
     "bad.jsonl:1: relations[0].to_id: 9 is not the id of an entity"),
    ("doccano", {"text": "A blamed B.", "doc_id": "d", "entities": [
        {"id": 1, "label": "ACTOR", "start_offset": "0", "end_offset": 1}]},
     "bad.jsonl:1: entities[0]: start and end must be integers"),
    ("prodigy", {"text": "A blamed B.", "doc_id": "d", "answer": "accept",
                 "spans": [{"start": 0, "end": 1, "text": "B", "label": "ACTOR"}]},
     "bad.jsonl:1: spans[0].text: 'B' does not match text[0:1] = 'A'"),
    ("prodigy", {"text": "A blamed B.", "doc_id": "d", "answer": "accept",
                 "relations": [{"head": 0, "child": 2, "label": "accusation", "child_span": {"start": 9, "end": 10}}]},
     "bad.jsonl:1: relations[0].head_span: missing or not an object"),
    ("prodigy", {"text": "A blamed B.", "doc_id": "d", "answer": "maybe"}, "bad.jsonl:1: answer: must be accept"),
])
def test_malformed_input_names_file_line_and_field(fmt, content, expected, tmp_path):
    if fmt == "labelstudio":
        path = tmp_path / "bad.json"
        path.write_text("[\n" + ",\n".join(json.dumps(t) for t in content) + "\n]\n")
    else:
        path = tmp_path / "bad.jsonl"
        path.write_text(json.dumps(content) + "\n")
    with pytest.raises(DataError) as err:
        read_annotations(path, fmt)
    assert expected in str(err.value)


def test_broken_json_and_unknown_content(tmp_path):
    path = tmp_path / "cut.json"
    path.write_text('[\n{"data": {"text": "a", "doc_id": "d"}},\n{"data": {"text": oops}}\n]\n')
    with pytest.raises(DataError, match=r"cut.json:3: \(json\): bad JSON"):
        read_annotations(path)
    bare = tmp_path / "bare.jsonl"
    bare.write_text('{"text": "nothing to tell the format by"}\n')
    with pytest.raises(DataError, match="give --from"):
        detect_format(bare)
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text('{"text": "a", "claims": []}\n{"text": "b", "entities": []}\n')
    with pytest.raises(DataError, match="different formats"):
        detect_format(mixed)


def test_bundled_labelling_config_matches_the_mapping():
    path = labelstudio.config_path()
    assert path.read_text(encoding="utf-8") == labelstudio.labelling_config(CODEBOOK_TYPES)
    root = ET.parse(path).getroot()
    labels = root.find("Labels")
    assert labels.get("name") == labelstudio.LABELS_NAME and labels.get("toName") == labelstudio.TEXT_NAME
    assert [x.get("value") for x in labels] == span_labels(CODEBOOK_TYPES)
    assert [x.get("value") for x in root.find("Relations")] == list(CODEBOOK_TYPES)
    assert root.find("Choices").get("name") == labelstudio.CHOICES_NAME
    text_vars = {t.get("value") for t in root.iter("Text")}
    assert text_vars == {"$text", "$context"}
    task = labelstudio.task(edge_cases()[0])
    assert {"text", "context"} <= set(task["data"])  # every variable the config shows is in each task


@pytest.mark.parametrize("fmt", TOOLS)
def test_cli_convert_both_ways(fmt, tmp_path):
    src = tmp_path / "gold.jsonl"
    write_jsonl(src, edge_cases())
    out = tmp_path / f"tool.{fmt}"
    result = runner.invoke(app, ["convert", str(src), str(out), "--to", fmt])
    assert result.exit_code == 0, result.output
    assert "from codebook" in result.output and ("labelstudio.xml" in result.output) == (fmt == "labelstudio")
    back = tmp_path / "back.jsonl"
    result = runner.invoke(app, ["convert", str(out), str(back), "--to", "codebook"])
    assert result.exit_code == 0, result.output
    same(edge_cases(), read_jsonl(back))


def test_cli_convert_errors_are_messages(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "A blamed B.", "doc_id": "d", "entities": [{"id": 1, "label": "X", '
                   '"start_offset": 0, "end_offset": 1}]}\n')
    result = runner.invoke(app, ["convert", str(bad), str(tmp_path / "o.json"), "--to", "labelstudio"])
    assert result.exit_code == 2 and "bad.jsonl:1: entities[0].label" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(app, ["convert", str(bad), str(tmp_path / "o.json"), "--to", "brat"])
    assert result.exit_code == 2 and "--to must be one of" in result.output
    assert set(FORMATS) == {"codebook", *TOOLS}


def test_cli_convert_refuses_a_mistyped_claim_type_unless_told_any_type_goes(tmp_path):
    src = tmp_path / "typo.jsonl"
    src.write_text('{"id": "s2", "doc_id": "d1", "text": "Russia denied it.", "claims": [{"type": "acusation", '
                   '"source": {"start": 0, "end": 6, "text": "Russia"}, "target": null}]}\n')
    result = runner.invoke(app, ["convert", str(src), str(tmp_path / "t.json"), "--to", "labelstudio"])
    assert result.exit_code == 2 and "typo.jsonl:1: claims[0].type" in result.output
    assert not (tmp_path / "t.json").exists()
    result = runner.invoke(app, ["convert", str(src), str(tmp_path / "t.json"), "--to", "labelstudio",
                                 "--types", "auto"])
    assert result.exit_code == 0 and "acusation:source-only" in (tmp_path / "t.json").read_text()


def _drop_relations(path, fmt):
    """What an annotator who marked both actors and forgot the arrow leaves in each tool's export."""
    if fmt == "labelstudio":
        tasks = json.loads(path.read_text())
        for t in tasks:
            for a in t["annotations"]:
                a["result"] = [r for r in a["result"] if r.get("type") != "relation"]
        path.write_text(json.dumps(tasks))
    else:
        rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        for r in rows:
            r["relations"] = []
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))


@pytest.mark.parametrize("fmt", TOOLS)
def test_actor_spans_in_no_relation_are_a_problem_not_a_silent_no_claim(fmt, tmp_path):
    text = "Defense Secretary Ash Carter accused Moscow of escalating the war."
    gold = [Sentence(text=text, claims=[Claim("accusation", sp(text, "Defense Secretary Ash Carter"),
                                              sp(text, "Moscow"))], id="s1", doc_id="d1")]
    out = tmp_path / f"tool.{fmt}"
    convert_path = tmp_path / "gold.jsonl"
    write_jsonl(convert_path, gold)
    convert(convert_path, out, fmt)
    _drop_relations(out, fmt)
    with pytest.raises(DataError, match=r"ACTOR span 'Moscow' \(37-43\) is in no relation"):
        read_annotations(out, fmt)


def test_a_wrong_from_is_refused_instead_of_dropping_every_claim(tmp_path):
    src = tmp_path / "gold.jsonl"
    write_jsonl(src, edge_cases())
    with pytest.raises(OptionError, match=r"--from doccano, but its content is codebook"):
        convert(src, tmp_path / "o.jsonl", "codebook", "doccano")


def test_converting_own_claim_types_to_label_studio_writes_a_config_for_them(tmp_path):
    text = "The union asked the board to explain the cuts."
    own = [Sentence(text=text, claims=[Claim("request", sp(text, "The union"), sp(text, "the board"))], id="s1",
                    doc_id="d1")]
    src = tmp_path / "own.jsonl"
    write_jsonl(src, own)
    result = runner.invoke(app, ["convert", str(src), str(tmp_path / "tasks.json"), "--to", "labelstudio",
                                 "--types", "auto"])
    assert result.exit_code == 0, result.output
    config = tmp_path / "tasks.labelstudio.xml"
    assert str(config) in result.output
    assert [x.get("value") for x in ET.fromstring(config.read_text()).find("Relations")] == ["request"]


def test_a_relation_drawn_twice_is_one_claim(tmp_path):
    text = "Defense Secretary Ash Carter accused Moscow of escalating the war."
    gold = [Sentence(text=text, claims=[Claim("accusation", sp(text, "Defense Secretary Ash Carter"),
                                              sp(text, "Moscow"))], id="s1", doc_id="d1")]
    src, tasks = tmp_path / "gold.jsonl", tmp_path / "tasks.json"
    write_jsonl(src, gold)
    convert(src, tasks, "labelstudio")
    data = json.loads(tasks.read_text())
    result = data[0]["annotations"][0]["result"]
    result += [r for r in result if r.get("type") == "relation"]  # the same arrow twice
    tasks.write_text(json.dumps(data))
    back = tmp_path / "back.jsonl"
    assert convert(tasks, back, "codebook").claims == 1
    same(gold, read_jsonl(back))
