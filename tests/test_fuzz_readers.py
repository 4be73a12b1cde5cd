"""Fuzzing the input readers: whatever the bytes, a clean result or the project's own error.

Annotation readers (``read_jsonl``, ``read_csv``, ``read_unlabelled``) must return clean
sentences or raise ``DataError`` (a ``UserError``) whose every problem names the file, a
line and a field; the article readers (``iter_articles`` over JSONL, CSV, Parquet and
.txt folders) must never raise for a bad record, and yield only clean articles
(text that encodes as UTF-8, unique ids, metadata that is plain JSON) or ``ArticleError``
records naming the input; ``split_sentences`` must give ordered, trimmed spans covering
every non-space character. Any other exception fails the test.

The seed is fixed (``derandomize``) and each test runs a few dozen examples, so the file
takes seconds in CI. For a longer local run raise the count, e.g.::

    CLAIMCODER_FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest -q tests/test_fuzz_readers.py

(``derandomize`` stays on, so a failure found that way reproduces with the same count.)
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from unittest import mock

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcoder.data import articles as articles_mod
from claimcoder.data.articles import Article, ArticleError, iter_articles, split_sentences
from claimcoder.data.errors import UserError
from claimcoder.data.io import DataError, read_csv, read_jsonl, read_unlabelled
from claimcoder.data.schema import CODEBOOK_TYPES, Sentence

EXAMPLES = int(os.environ.get("CLAIMCODER_FUZZ_EXAMPLES", "50"))
FUZZ = settings(derandomize=True, max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# ------------------------------------------------------------------ generators
scalars = (st.none() | st.booleans() | st.integers(-(2 ** 70), 2 ** 70) | st.floats()
           | st.text(max_size=12) | st.sampled_from(["", " ", "\ud800", "a\udcff", "\x00", "\ufeff"]))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8)
ids = st.text(max_size=6) | st.integers(-3, 3) | st.booleans() | st.none() | st.floats() | json_values
texts = (st.text(max_size=30) | st.sampled_from(["Russia denied it.", "A \ud800 B", "x\x00y", "   "])
         | json_values)
actors = json_values | st.fixed_dictionaries({}, optional={
    "name": ids, "kind": st.sampled_from(["person", "country", "x"]) | json_values, "code": ids, "affiliation": ids})
spans = json_values | st.fixed_dictionaries({}, optional={
    "start": st.integers(-2, 35) | json_values, "end": st.integers(-2, 35) | json_values,
    "text": st.text(max_size=8) | json_values, "actor": actors})
claims = st.fixed_dictionaries({}, optional={
    "type": st.sampled_from([*CODEBOOK_TYPES, "praise"]) | json_values, "source": spans, "target": spans,
    "score": json_values})
records = st.fixed_dictionaries({}, optional={
    "id": ids, "doc_id": ids, "text": texts, "claims": st.lists(claims, max_size=3) | json_values,
    "meta": json_values, "context": json_values, "body": texts, "url": ids})


def _line(value) -> bytes:
    return json.dumps(value).encode("utf-8")  # ASCII escapes: lone surrogates travel as \udxxx


special_lines = st.sampled_from([
    b"[" * 3000, b'{"a":' * 1500, b"[" * 80 + b"]" * 80,
    b'\xef\xbb\xbf{"text": "BOM", "doc_id": "d", "claims": []}',
    b'{"text": "x", "claims": [], "claims": [], "doc_id": "d"}', b'{"text": NaN}', b'{"text": "a", "n": 1e999}',
    b"1" * 5000, b"\xff\xfe{", b"\x00", b"", b"   ", b'{"text": "\\ud800"}', b'"just a string"',
])
lines = st.lists(st.builds(_line, records) | st.builds(_line, json_values) | special_lines
                 | st.binary(max_size=20), max_size=6)

csv_tokens = st.sampled_from([b",", b'"', b'""', b"\n", b"\r\n", b"\r", b"text", b"id", b"doc_id", b"a", b"B c",
                              b"\x00", b"\xef\xbb\xbf", b"\xe9", b"\xff\xfe", "\u00e9".encode(), b" ", b"1", b"2"])
csv_files = st.builds(lambda head, body: head + b"".join(body),
                      st.sampled_from([b"", b"id,text\n", b"text\n", b"id,text,doc_id\n", b"\xef\xbb\xbftext,id\n",
                                       b"id,text,text\n"]),
                      st.lists(csv_tokens, max_size=40))


def _write(folder: str, name: str, data: bytes) -> Path:
    path = Path(folder) / name
    path.write_bytes(data)
    return path


# ------------------------------------------------------------------ properties
def _clean_sentences(out: list[Sentence]) -> None:
    assert out, "a reader returns sentences or raises"
    seen = set()
    for s in out:
        assert isinstance(s.text, str) and isinstance(s.id, str) and isinstance(s.doc_id, str)
        assert s.id and s.doc_id and s.id not in seen
        seen.add(s.id)
        json.dumps(s.to_dict(), ensure_ascii=False, allow_nan=False).encode("utf-8")  # what the tokenizer gets


def _check_reader(call, path: Path) -> None:
    try:
        out = call(path)
    except DataError as exc:
        assert isinstance(exc, UserError) and exc.problems
        for p in exc.problems:
            assert p.file == str(path) and isinstance(p.line, int) and p.line >= 0 and p.field, p
    else:
        _clean_sentences(out)


def _check_articles(items: list, inputs: list[Path]) -> None:
    names = [str(p) for p in inputs]
    doc_ids = set()
    for item in items:
        assert isinstance(item, (Article, ArticleError))
        if isinstance(item, ArticleError):
            assert any(item.origin.startswith(n) for n in names) and item.reason and isinstance(item.doc_id, str)
            json.dumps(item.to_dict(), ensure_ascii=False).encode("utf-8")  # it goes to errors.jsonl
            continue
        assert isinstance(item.text, str) and item.text.strip() and "\x00" not in item.text
        item.text.encode("utf-8")
        assert isinstance(item.doc_id, str) and item.doc_id and item.doc_id not in doc_ids
        doc_ids.add(item.doc_id)
        json.dumps(item.meta, ensure_ascii=False, allow_nan=False).encode("utf-8")  # meta becomes output columns


@FUZZ
@given(lines)
def test_annotation_jsonl_readers(content):
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(tmp, "data.jsonl", b"\n".join(content))
        _check_reader(read_jsonl, path)
        _check_reader(lambda p: read_jsonl(p, claim_types=None), path)
        _check_reader(read_unlabelled, path)


@FUZZ
@given(st.lists(records, min_size=1, max_size=4))
def test_annotation_records_reach_the_deep_checks(rows):
    """Mostly well-formed JSON objects, so the field-level checks (spans, actors, scores) are hit."""
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(tmp, "data.jsonl", b"\n".join(_line(r) for r in rows))
        _check_reader(read_jsonl, path)
        _check_reader(read_unlabelled, path)


@FUZZ
@given(csv_files)
def test_sentence_csv_and_txt_readers(content):
    with tempfile.TemporaryDirectory() as tmp:
        _check_reader(read_csv, _write(tmp, "data.csv", content))
        _check_reader(read_unlabelled, _write(tmp, "lines.txt", content))


@FUZZ
@given(lines, csv_files, st.lists(st.tuples(st.sampled_from(["a.txt", "B.TXT", "c.Txt", "d.md", "sub/e.txt"]),
                                            st.binary(max_size=30) | st.builds(str.encode, st.text(max_size=20))),
                                  max_size=4))
def test_article_readers(jsonl, csv_content, txt_files):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "folder"
        (folder / "sub").mkdir(parents=True)
        for name, data in txt_files:
            (folder / name).write_bytes(data)
        inputs = [_write(tmp, "a.jsonl", b"\n".join(jsonl)), _write(tmp, "b.csv", csv_content), folder,
                  _write(tmp, "c.jsonl", b"\n".join(jsonl))]  # the same records twice: ids repeat
        _check_articles(list(iter_articles(inputs)), inputs)
        _check_articles(list(iter_articles(inputs[:1], id_field="url", text_field="body", max_chars=20)), inputs)


def _column(kind: str, n: int, draw):
    values = st.none() | _VALUES[kind][1]
    return pa.array(draw(st.lists(values, min_size=n, max_size=n)), _VALUES[kind][0])


_VALUES = {
    "string": (pa.string(), st.text(max_size=10)),
    "binary": (pa.binary(), st.binary(max_size=8)),
    "int": (pa.int64(), st.integers(-(2 ** 63), 2 ** 63 - 1)),
    "float": (pa.float64(), st.floats()),
    "bool": (pa.bool_(), st.booleans()),
    "timestamp": (pa.timestamp("s"), st.integers(-(2 ** 40), 2 ** 40)),
    "timestamp_ns_tz": (pa.timestamp("ns", "Europe/Paris"), st.integers(-(2 ** 62), 2 ** 62)),
    "date": (pa.date32(), st.integers(-(2 ** 30), 2 ** 30)),
    "decimal": (pa.decimal128(10, 3), st.decimals(min_value=-10 ** 6, max_value=10 ** 6, places=3,
                                                 allow_nan=False)),
    "duration": (pa.duration("ms"), st.integers(-(2 ** 50), 2 ** 50)),
    "time": (pa.time64("us"), st.integers(0, 86_400_000_000 - 1)),
    "dates": (pa.list_(pa.date32()), st.lists(st.integers(0, 30_000), max_size=2)),
    "struct": (pa.struct([("a", pa.int32()), ("b", pa.binary())]),
               st.fixed_dictionaries({"a": st.integers(0, 9), "b": st.binary(max_size=3)})),
}


@FUZZ
@given(st.data())
def test_parquet_reader(data):
    n = data.draw(st.integers(0, 4))
    cols = {"id": _column(data.draw(st.sampled_from(["string", "int", "binary", "float", "bool"])), n, data.draw),
            "text": _column(data.draw(st.sampled_from(["string", "binary", "int"])), n, data.draw)}
    for k in range(data.draw(st.integers(0, 3))):
        cols[f"m{k}"] = _column(data.draw(st.sampled_from(sorted(_VALUES))), n, data.draw)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.parquet"
        pq.write_table(pa.table(cols), path)
        broken = _write(tmp, "broken.parquet", data.draw(st.sampled_from([b"", b"PAR1", b"PAR1\x00\x00PAR1"])
                                                         | st.binary(max_size=40)))
        truncated = _write(tmp, "cut.parquet", path.read_bytes()[:data.draw(st.integers(0, path.stat().st_size))])
        inputs = [path, broken, truncated]
        _check_articles(list(iter_articles(inputs)), inputs)


@FUZZ
@given(st.text(alphabet=st.sampled_from(list(". !?\"'()\u201c\u201d-:;,\nAaBb1\t\u2028\u00a0")) | st.characters(),
               max_size=400),
       st.sampled_from([40, 80, 1500]))
def test_split_sentences(text, window):
    """Small windows here, so the windowing runs on short fuzzed text as it does on long articles."""
    with mock.patch.object(articles_mod, "SPLIT_WINDOW", window), \
            mock.patch.object(articles_mod, "_SPLIT_MARGIN", window // 4):
        spans = split_sentences(text)
    covered = set()
    last = 0
    for a, b in spans:
        assert last <= a < b <= len(text)
        assert not text[a].isspace() and not text[b - 1].isspace()
        assert len(text[a:b].splitlines()) == 1  # a line break always ends a sentence
        covered.update(range(a, b))
        last = b
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
