"""Reading articles from every input kind, and splitting news text into sentences."""
from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from claimcoder.data.articles import Article, ArticleError, iter_articles, split_sentences


def sentences(text):
    return [text[a:b] for a, b in split_sentences(text)]


def test_news_quirks():
    text = ("Minister quits over bribery claims\n"
            "WASHINGTON -- Sen. John A. Smith said the U.S. economy grew 2.5 percent in the year to March. "
            "\u201cWe will not accept this,\u201d he said. \"It is a lie.\"\n\n"
            "- Prices rose 3.2% to $45.10 a share\n"
            "- Dr. Lee left at 3 p.m. on Friday.\n")
    assert sentences(text) == [
        "Minister quits over bribery claims",
        "WASHINGTON -- Sen. John A. Smith said the U.S. economy grew 2.5 percent in the year to March.",
        "\u201cWe will not accept this,\u201d he said.",
        "\"It is a lie.\"",
        "- Prices rose 3.2% to $45.10 a share",
        "- Dr. Lee left at 3 p.m. on Friday.",
    ]


def test_offsets_point_into_the_article():
    text = "  First one here.   Second one, with Mr. Jones.\n\nThird\u00a0one."
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["First one here.", "Second one, with Mr. Jones.", "Third\u00a0one."]
    assert all(not text[a].isspace() and not text[b - 1].isspace() for a, b in spans)


def test_txt_folder_and_errors(tmp_path):
    (tmp_path / "a.txt").write_text("The ministry denied it.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"Caf\xe9 owner accused.")
    (tmp_path / "c.txt").write_text("   \n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.txt").write_text("x" * 50)
    items = list(iter_articles([tmp_path], max_chars=40))
    assert [type(i).__name__ for i in items] == ["Article", "ArticleError", "ArticleError", "ArticleError"]
    assert items[0].doc_id == "a" and items[3].doc_id == "sub/d"
    assert "UTF-8" in items[1].reason and items[2].reason == "empty text" and "too long" in items[3].reason


def test_jsonl_fields_metadata_and_bad_lines(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join([json.dumps({"url": "u1", "body": "Text one.", "outlet": "AP"}),
                               "{broken", json.dumps({"url": "u3", "title": "no body"}),
                               json.dumps({"body": "No id."})]) + "\n")
    items = list(iter_articles([path], id_field="url", text_field="body"))
    assert isinstance(items[0], Article) and items[0].doc_id == "u1" and items[0].meta == {"outlet": "AP"}
    assert isinstance(items[1], ArticleError) and "bad JSON" in items[1].reason and items[1].origin.endswith(":2")
    assert isinstance(items[2], ArticleError) and "no field 'body'" in items[2].reason
    assert items[3].doc_id.endswith("news.jsonl:4")


def test_csv_and_parquet(tmp_path):
    csv_path = tmp_path / "a.csv"
    csv_path.write_text('id,text,lang\n1,"Hello, there.",en\n2,Bye.,en\n', encoding="utf-8")
    assert [a.text for a in iter_articles([csv_path])] == ["Hello, there.", "Bye."]
    pq_path = tmp_path / "a.parquet"
    pq.write_table(pa.table({"id": ["x", "y"], "text": ["One.", "Two."], "year": [2015, 2016]}), pq_path)
    got = list(iter_articles([pq_path]))
    assert [a.doc_id for a in got] == ["x", "y"] and got[1].meta == {"year": 2016}


def test_unknown_input_kind(tmp_path):
    p = tmp_path / "x.docx"
    p.write_text("x")
    with pytest.raises(ValueError, match="unknown input type"):
        list(iter_articles([p]))


# ------------------------------------------------------------------ metadata.csv beside .txt articles
def test_txt_folder_metadata_joins_each_articles_meta(tmp_path):
    from claimcoder.data.articles import Article, iter_articles

    (tmp_path / "a.txt").write_text("The minister denied it.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("The mayor lied.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,date,outlet\nsub/b.txt,2026-03-04,Wire\n", encoding="utf-8")
    arts = {a.doc_id: a for a in iter_articles([tmp_path]) if isinstance(a, Article)}
    assert arts["sub/b"].meta == {"file": "b.txt", "date": "2026-03-04", "outlet": "Wire"}
    assert arts["a"].meta == {"file": "a.txt"}  # not listed: no metadata, still scored


@pytest.mark.parametrize("rows,message", [
    ("file,date\na.txt,2026-01-01\na.txt,2026-01-02\n", "listed twice"),
    ("file,date\nmissing.txt,2026-01-01\n", "is not a .txt file"),
    ("file,date\n../a.txt,2026-01-01\n", "is not a .txt file"),
    ("name,date\na.txt,2026-01-01\n", "file"),
])
def test_bad_metadata_names_file_line_and_field(tmp_path, rows, message):
    from claimcoder.data.articles import iter_articles
    from claimcoder.data.io import DataError

    (tmp_path / "a.txt").write_text("The minister denied it.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(rows, encoding="utf-8")
    with pytest.raises(DataError) as err:
        list(iter_articles([tmp_path]))
    assert "metadata.csv:" in str(err.value) and message in str(err.value)


def test_bundled_samples_are_dated():
    from claimcoder.data import sample_articles_dir
    from claimcoder.data.articles import Article, iter_articles

    arts = [a for a in iter_articles([sample_articles_dir()]) if isinstance(a, Article)]
    assert len(arts) == 30 and all(len(a.meta.get("date", "")) == 10 for a in arts)


def test_a_dateline_ending_in_a_state_s_abbreviation_is_not_a_sentence_of_its_own():
    text = "PORT HOPE, Ont. — The mayor rejected the audit on Monday. She said it was wrong."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "PORT HOPE, Ont. — The mayor rejected the audit on Monday.", "She said it was wrong."]
