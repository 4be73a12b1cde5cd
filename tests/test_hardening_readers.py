"""Issue 12, readers: each malformed input an audit found gives a clean error (file, line, field)
or a correct result, never a traceback or a silently wrong reading."""
from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import os
import random
import time
from contextlib import contextmanager

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from claimcoder.data import articles as articles_mod
from claimcoder.data.articles import Article, ArticleError, iter_articles, split_sentences
from claimcoder.data.io import DataError, read_csv, read_jsonl, read_sentences, read_unlabelled

GOOD = {"id": "s1", "doc_id": "d1", "text": "Russia denied the report.",
        "claims": [{"type": "denial", "source": {"start": 0, "end": 6, "text": "Russia"}, "target": None}]}


def problems(call, *args, **kwargs):
    with pytest.raises(DataError) as info:
        call(*args, **kwargs)
    return [(p.line, p.field) for p in info.value.problems], str(info.value)


def write(tmp_path, name, content: str | bytes):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


@contextmanager
def csv_limit(n: int):
    """Run with the csv module's field limit at ``n`` (the module-wide default is 131,072)."""
    old = csv.field_size_limit(n)
    try:
        yield
    finally:
        csv.field_size_limit(old)


# ---------------------------------------------------------------- annotation JSONL
def test_deeply_nested_line_is_one_problem_and_other_lines_still_checked(tmp_path):
    path = write(tmp_path, "deep.jsonl", "\n".join([json.dumps(GOOD), "[" * 5000, '{"a":' * 3000,
                                                    json.dumps({**GOOD, "id": "s2", "claims": 3})]) + "\n")
    got, msg = problems(read_jsonl, path)
    assert got == [(2, "(json)"), (3, "(json)"), (4, "claims")]
    assert "deep.jsonl:2" in msg and "nested" in msg


def test_nesting_just_under_the_recursion_limit_is_refused_too(tmp_path):
    """Deep but parseable values would crash later (json.dumps of the row), so the reader stops them."""
    meta = json.loads("[" * 200 + "]" * 200)
    path = write(tmp_path, "m.jsonl", json.dumps({**GOOD, "meta": {"x": meta}}) + "\n")
    assert problems(read_jsonl, path)[0] == [(1, "(json)")]


def test_lone_surrogate_is_rejected_naming_the_field(tmp_path):
    bad_text = json.dumps({**GOOD, "id": "s2", "text": "Russia denied \ud800 it.", "claims": []})
    assert "\\ud800" in bad_text
    bad_span = json.dumps({**GOOD, "id": "s3", "text": "Russia\udc80 denied.", "claims": [
        {"type": "denial", "source": {"start": 0, "end": 7, "text": "Russia\udc80"}, "target": None}]})
    path = write(tmp_path, "s.jsonl", "\n".join([json.dumps(GOOD), bad_text, bad_span]) + "\n")
    got, msg = problems(read_jsonl, path)
    assert got == [(2, "text"), (3, "text")]  # the first bad field of each line
    assert "surrogate \\ud800 at character 14" in msg
    with pytest.raises(DataError, match="surrogate"):
        read_unlabelled(path)


def test_duplicate_keys_are_rejected(tmp_path):
    line = ('{"id": "s1", "doc_id": "d1", "text": "Russia denied the report.", "claims": '
            '[{"type": "denial", "source": null, "target": null}], "claims": []}')
    got, msg = problems(read_jsonl, write(tmp_path, "k.jsonl", line + "\n"))
    assert got == [(1, "claims")] and "twice" in msg


def test_booleans_are_not_ids_or_scores(tmp_path):
    rows = [{**GOOD, "id": True}, {**GOOD, "id": "s2", "doc_id": False},
            {**GOOD, "id": "s3", "claims": [{**GOOD["claims"][0], "score": True}]},
            {**GOOD, "id": "s4", "claims": [{**GOOD["claims"][0], "score": "0.9"}]}]
    path = write(tmp_path, "b.jsonl", "\n".join(map(json.dumps, rows)) + "\n")
    got, _ = problems(read_jsonl, path)
    assert got == [(1, "id"), (2, "doc_id"), (3, "claims[0].score"), (4, "claims[0].score")]


def test_non_standard_json_constants_are_rejected(tmp_path):
    line = json.dumps({**GOOD, "claims": [{**GOOD["claims"][0], "score": float("nan")}]})
    assert "NaN" in line
    assert problems(read_jsonl, write(tmp_path, "n.jsonl", line + "\n"))[0] == [(1, "(json)")]


def test_labelled_records_need_a_doc_id(tmp_path):
    rows = [{k: v for k, v in GOOD.items() if k != "doc_id"}, {**GOOD, "id": "s2", "doc_id": ""},
            {**GOOD, "id": "s3", "doc_id": "  "}, {**GOOD, "id": "s4", "doc_id": 7}]
    path = write(tmp_path, "d.jsonl", "\n".join(map(json.dumps, rows)) + "\n")
    got, msg = problems(read_jsonl, path)
    assert got == [(1, "doc_id"), (2, "doc_id"), (3, "doc_id")]
    assert "d.jsonl:1: doc_id" in msg and "add" in msg
    both = write(tmp_path, "both.jsonl",
                 '{"text": "x", "claims": [{"type": "praise", "source": null, "target": null}]}\n')
    assert problems(read_jsonl, both)[0] == [(1, "claims[0].type"), (1, "doc_id")]  # one pass shows both
    # sentences to code may leave it out: each is then its own document
    unlabelled = read_unlabelled(path)
    assert [s.doc_id for s in unlabelled] == ["s1", "s2", "s3", "7"]


def test_bom_at_the_start_of_any_line_is_dropped(tmp_path):
    """Two files with byte-order marks, concatenated: the second file's first record is kept."""
    first = "\ufeff" + json.dumps(GOOD) + "\n"
    second = "\ufeff" + json.dumps({**GOOD, "id": "s2"}) + "\n"
    path = write(tmp_path, "bom.jsonl", first + second)
    assert [s.id for s in read_jsonl(path)] == ["s1", "s2"]


def test_unreadable_path_is_a_clean_error(tmp_path):
    folder = tmp_path / "folder.jsonl"
    folder.mkdir()
    (tmp_path / "folder.csv").mkdir()
    assert problems(read_jsonl, folder)[0] == [(0, "(file)")]
    assert problems(read_csv, tmp_path / "folder.csv")[0] == [(0, "(file)")]


def test_sentences_to_code_from_txt_arguments_and_stdin(tmp_path):
    from claimcoder.data.io import sentences_from_texts

    path = write(tmp_path, "s.txt", b"First.\n\nSec\xe9ond.\nThird\x00.\n")
    got, msg = problems(read_unlabelled, path)
    assert got == [(3, "(encoding)"), (4, "(line)")] and "byte 0xe9" in msg  # was: the whole file, line 0
    assert problems(read_unlabelled, write(tmp_path, "e.txt", "\n \n"))[0] == [(0, "(file)")]
    # predictions of these keep an id and a doc_id, so the labelled reader takes them back
    assert [(s.id, s.doc_id) for s in sentences_from_texts(["One.", "", "Two."], "<stdin>", skip_blank=True)] == [
        ("1", "1"), ("3", "3")]
    got, _ = problems(sentences_from_texts, ["One.", "Bad \udce9 byte.", "Lone \ud800."], "<stdin>")
    assert got == [(2, "(line)"), (3, "(line)")]


# ---------------------------------------------------------------- sentence CSV
def test_csv_field_over_the_default_limit_is_read(tmp_path):
    long = "word " * 40_000
    path = write(tmp_path, "long.csv", f'id,text\n1,"{long}"\n2,short\n')
    with csv_limit(131_072):
        got = read_csv(path)
    assert [len(s.text) for s in got] == [len(long), 5]


def test_csv_rows_with_extra_or_missing_values_are_errors(tmp_path):
    path = write(tmp_path, "x.csv", "id,text,outlet\n1,One.,AP\n2,Two.,AP,extra\n3,Three.\n")
    got, msg = problems(read_csv, path)
    assert got == [(3, "(row)"), (4, "(row)")]
    assert "4 values" in msg and "3 columns" in msg


def test_csv_duplicate_ids_and_duplicate_columns(tmp_path):
    got, _ = problems(read_csv, write(tmp_path, "i.csv", "id,text\n1,One.\n1,Two.\n"))
    assert got == [(3, "id")]
    got, msg = problems(read_csv, write(tmp_path, "c.csv", "id,text,text\n1,One.,Two.\n"))
    assert got == [(1, "text")] and "twice" in msg


def test_csv_unclosed_quote_names_the_line_it_opened_on(tmp_path):
    body = "id,text\n1,One.\n2,\"Two opens a quote\n" + "".join(f"{i},Row {i}.\n" for i in range(3, 40))
    got, msg = problems(read_csv, write(tmp_path, "q.csv", body))
    assert got == [(3, "(row)")] and "quote" in msg
    # closed by a stray quote much later: caught by the strict parser, still at line 3
    body2 = body + '40,"Forty",x\n'
    assert problems(read_csv, write(tmp_path, "q2.csv", body2))[0] == [(3, "(row)")]


def test_csv_nul_header_only_and_bad_bytes(tmp_path):
    got, msg = problems(read_csv, write(tmp_path, "n.csv", "id,text\n1,One.\n2,T\x00wo.\n"))
    assert got == [(3, "text")] and "NUL" in msg
    got, msg = problems(read_csv, write(tmp_path, "h.csv", "id,text\n"))
    assert got == [(0, "(file)")] and "no rows" in msg
    got, msg = problems(read_csv, write(tmp_path, "u.csv", b"id,text\n1,One.\n2,Caf\xe9.\n3,Three.\n"))
    assert got == [(3, "text")] and "UTF-8" in msg


def test_csv_byte_order_mark_keeps_the_first_column_name(tmp_path):
    path = write(tmp_path, "bom.csv", "\ufefftext,id\nOne.,a\n")
    assert [(s.text, s.id) for s in read_sentences(path)] == [("One.", "a")]


# ---------------------------------------------------------------- articles
def test_article_jsonl_deep_nesting_surrogates_duplicate_keys_and_bool_ids(tmp_path):
    lines = [json.dumps({"id": "a", "text": "First."}), "[" * 5000,
             json.dumps({"id": "b", "text": "Bad \ud800 text."}),
             '{"id": "c", "text": "One.", "text": "Two."}',
             json.dumps({"id": True, "text": "Bool id."}),
             json.dumps({"id": "f", "text": "Last."})]
    items = list(iter_articles([write(tmp_path, "a.jsonl", "\n".join(lines) + "\n")]))
    assert [type(i).__name__ for i in items] == ["Article", "ArticleError", "ArticleError", "ArticleError",
                                                 "ArticleError", "Article"]
    assert [i.origin.rsplit(":", 1)[1] for i in items] == ["1", "2", "3", "4", "5", "6"]
    assert "nested" in items[1].reason and "surrogate" in items[2].reason and "twice" in items[3].reason
    assert "id field is true" in items[4].reason


def test_bad_byte_in_one_csv_row_loses_only_that_row(tmp_path):
    rows = [f"{i},Article number {i}.\n".encode() for i in range(1, 301)]
    rows[150] = b"151,Caf\xe9 owner accused.\n"
    items = list(iter_articles([write(tmp_path, "a.csv", b"id,text\n" + b"".join(rows))]))
    errors = [i for i in items if isinstance(i, ArticleError)]
    assert len(items) == 300 and len(errors) == 1
    assert errors[0].doc_id == "151" and errors[0].origin.endswith("a.csv:152") and "UTF-8" in errors[0].reason


def test_csv_article_rows_that_do_not_fit_are_recorded(tmp_path):
    body = ("\ufeffid,text,lang\n1,One.,en\n2,Two.,en,extra\n3,Three.\n4,Fo\x00ur.,en\n5,Five.,en\n"
            '6,"Six opens a quote,en\n7,Seven.,en\n')
    items = list(iter_articles([write(tmp_path, "a.csv", body)]))
    assert [(type(i).__name__, i.doc_id) for i in items][:5] == [
        ("Article", "1"), ("ArticleError", "2"), ("ArticleError", "3"), ("ArticleError", "4"), ("Article", "5")]
    assert "4 values" in items[1].reason and "NUL" in items[3].reason
    assert isinstance(items[5], ArticleError) and items[5].origin.endswith("a.csv:7") and "quote" in items[5].reason
    assert len(items) == 6


def test_csv_article_files_that_cannot_be_read_are_recorded(tmp_path):
    header_only = write(tmp_path, "h.csv", "id,text\n")
    dup = write(tmp_path, "d.csv", "id,text,text\n1,a,b\n")
    no_text = write(tmp_path, "t.csv", "id,body\n1,a\n")
    items = list(iter_articles([header_only, dup, no_text]))
    assert all(isinstance(i, ArticleError) for i in items) and len(items) == 3
    assert "no rows" in items[0].reason and "twice" in items[1].reason and "--text-field" in items[2].reason


def test_csv_article_field_over_the_default_limit(tmp_path):
    """(Held before too; kept so the limit is not lost when the CSV reading moves.)"""
    long = "word " * 40_000
    path = write(tmp_path, "long.csv", f'id,text\n1,"{long}"\n2,Short.\n')
    with csv_limit(131_072):
        items = list(iter_articles([path], max_chars=1_000_000))
    assert [len(a.text) for a in items] == [len(long), 6]


def test_parquet_column_types_become_json_values(tmp_path):
    table = pa.table({
        "id": ["a"], "text": ["Text."],
        "published": pa.array([dt.datetime(2020, 5, 17, 8, 30)], pa.timestamp("us")),
        "published_tz": pa.array([dt.datetime(2020, 5, 17, 8, 30, tzinfo=dt.timezone.utc)], pa.timestamp("ms", "UTC")),
        "day": pa.array([dt.date(2020, 5, 17)], pa.date32()),
        "price": pa.array([decimal.Decimal("12.30")], pa.decimal128(5, 2)),
        "blob": pa.array([b"\x00\xffab"], pa.binary()),
        "took": pa.array([dt.timedelta(seconds=90)], pa.duration("s")),
        "ratio": pa.array([float("nan")], pa.float64()),
        "tags": pa.array([[dt.date(2021, 1, 2)]], pa.list_(pa.date32())),
    })
    path = tmp_path / "t.parquet"
    pq.write_table(table, path)
    (art,) = list(iter_articles([path]))
    assert isinstance(art, Article)
    json.dumps(art.meta, allow_nan=False)  # the scorer writes meta as JSON
    assert art.meta["published"] == "2020-05-17T08:30:00" and art.meta["day"] == "2020-05-17"
    assert art.meta["published_tz"] == "2020-05-17T08:30:00+00:00" and art.meta["price"] == "12.30"
    assert art.meta["blob"] == "AP9hYg==" and art.meta["took"] == 90.0 and art.meta["ratio"] is None
    assert art.meta["tags"] == ["2021-01-02"]


def test_parquet_binary_text_is_decoded_and_corrupt_files_are_named(tmp_path):
    path = tmp_path / "b.parquet"
    pq.write_table(pa.table({"id": pa.array([b"x1"], pa.binary()), "text": pa.array([b"Caf\xc3\xa9."], pa.binary())}),
                   path)
    assert [(a.doc_id, a.text) for a in iter_articles([path])] == [("x1", "Caf\u00e9.")]
    corrupt = write(tmp_path, "c.parquet", b"PAR1 this is not parquet at all")
    (err,) = list(iter_articles([corrupt]))
    assert isinstance(err, ArticleError) and err.origin == str(corrupt) and "Parquet" in err.reason


def test_duplicate_article_ids_are_not_merged(tmp_path):
    a = write(tmp_path, "a.jsonl", "\n".join(json.dumps({"id": i, "text": f"T {n}."}) for n, i in
                                                enumerate(["x", "y", "x"])) + "\n")
    b = write(tmp_path, "b.csv", "id,text\ny,Again.\nz,New.\n")
    items = list(iter_articles([a, b]))
    assert [(type(i).__name__, i.doc_id) for i in items] == [
        ("Article", "x"), ("Article", "y"), ("ArticleError", "x"), ("ArticleError", "y"), ("Article", "z")]
    assert "duplicate id 'x'" in items[2].reason and items[2].origin.endswith("a.jsonl:3")


def test_upper_case_extension_and_symlinks_in_a_txt_folder(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Outside the input folder.")
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "UPPER.TXT").write_text("Upper case extension.")
    (folder / "a.txt").write_text("Plain.")
    (folder / "notes.md").write_text("Not an article.")
    os.symlink(outside / "secret.txt", folder / "leak.txt")
    os.symlink(folder / "a.txt", folder / "sub" / "inside.txt")
    os.symlink(outside, folder / "linked_dir")
    items = {i.doc_id: i for i in iter_articles([folder])}
    assert isinstance(items["UPPER"], Article) and items["UPPER"].text == "Upper case extension."
    assert isinstance(items["leak"], ArticleError) and "outside" in items["leak"].reason
    assert isinstance(items["sub/inside"], Article)
    assert isinstance(items["linked_dir"], ArticleError) and "not followed" in items["linked_dir"].reason
    assert not any(isinstance(i, Article) and "Outside" in i.text for i in items.values())


# ---------------------------------------------------------------- sentence splitting
#: Sentences pysbd splits right in any order (so a long paragraph of them has a known answer).
SENTS = ["Sen. John A. Smith said the U.S. economy grew 2.5 percent in the year to March.",
         "Dr. Lee left at 3 p.m. on Friday.", "Prices rose 3.2% to $45.10 a share, the company said in a statement.",
         "The minister, Mr. Ruiz, denied it.", "Gov. Ana Ortiz called the report a disgrace on Tuesday.",
         "Is that true?", "No!", "The U.N. Security Council met at 10 a.m. in New York.",
         "He said they lied, and that they always lie.",
         "Prosecutors accused the mayor of taking bribes from Acme Corp. in 2019.",
         "Mr. Smith, 54, denied wrongdoing.", "\u201cWe will not accept this,\u201d he said."]


def paragraph(n: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(SENTS) for _ in range(n)]


def _pysbd_inputs(monkeypatch) -> list[int]:
    """Record the length of every text pysbd's processor is given."""
    import pysbd.processor

    seen: list[int] = []
    original = pysbd.processor.Processor.__init__

    def spy(self, text, *args, **kwargs):
        seen.append(len(text))
        original(self, text, *args, **kwargs)

    monkeypatch.setattr(pysbd.processor.Processor, "__init__", spy)
    return seen


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_long_paragraph_is_split_in_bounded_pieces_without_changing_sentences(monkeypatch, seed):
    """One line of ~17,000 characters: pysbd sees windows, and every sentence still comes out whole."""
    chosen = paragraph(350, seed)
    text = " ".join(chosen)
    seen = _pysbd_inputs(monkeypatch)
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == chosen
    assert len(seen) > 5 and max(seen) <= articles_mod.SPLIT_WINDOW


def test_200kb_article_splits_quickly_and_without_gaps():
    text = " ".join(paragraph(4000))[:200_000] + "\n\n" + "x" * 20_000  # a long paragraph, a 20,000-character 'word'
    start = time.perf_counter()
    spans = split_sentences(text)
    assert time.perf_counter() - start < 20
    assert all(a < b and not text[a].isspace() and not text[b - 1].isspace() for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))
    covered = "".join(text[a:b] for a, b in spans)
    assert covered.replace(" ", "") == text.replace(" ", "").replace("\n", "")
