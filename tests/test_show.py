"""`claimcoder show` and the run report: marks, escaping of hostile text, anchors that resolve, pictures inline."""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from typer.testing import CliRunner

from claimcoder.cli import app
from claimcoder.scoring.columns import COLUMNS
from claimcoder.scoring.html import anchor, segments, write_report, write_show

runner = CliRunner()

HOSTILE = '<script>alert("x")</script>'
ARTICLES = [
    {"id": "d1", "published": "2024-03-04",
     "text": "Prosecutors accuse the mayor.\n\nThe mayor denied it. Lawmakers demanded answers from the mayor."},
    {"id": 'evil"><img src=x onerror=alert(1)>', "published": "2024-03-12",
     "text": f"Acme & Sons said {HOSTILE} was fake. Then <b>Rivals</b> accused Acme & Sons of fraud."},
]


def claim(doc: str, text: str, sentence: str, ctype: str, source: str | None, target: str | None, index: int,
          **extra) -> dict:
    """A claim row with article offsets, as `claimcoder score` writes it."""
    start = text.index(sentence)
    r = dict.fromkeys(COLUMNS)
    r.update({"doc_id": doc, "sentence_index": index, "sentence_start": start, "sentence_end": start + len(sentence),
              "sentence": sentence, "type": ctype, "score": 0.875})
    for role, phrase in (("source", source), ("target", target)):
        if phrase:
            s = start + sentence.index(phrase)
            r.update({f"{role}_text": phrase, f"{role}_start": s, f"{role}_end": s + len(phrase),
                      f"{role}_actor": phrase.replace("the ", "").title(), f"{role}_actor_code": None})
    r.update(extra)
    return r


def claim_rows() -> list[dict]:
    t1, t2 = ARTICLES[0]["text"], ARTICLES[1]["text"]
    evil = ARTICLES[1]["id"]
    return [
        claim("d1", t1, "Prosecutors accuse the mayor.", "accusation", "Prosecutors", "the mayor", 0,
              published="2024-03-04"),
        claim("d1", t1, "The mayor denied it.", "denial", "The mayor", None, 1, published="2024-03-04",
              source_actor="Mayor Jane Roe", source_actor_kind="person", source_affiliation_code="USA",
              source_resolved_from="Jane Roe"),
        claim("d1", t1, "Lawmakers demanded answers from the mayor.", "demand_explanation", "Lawmakers", "the mayor",
              2, published="2024-03-04"),
        claim(evil, t2, f"Acme & Sons said {HOSTILE} was fake.", "denial", "Acme & Sons", HOSTILE, 0,
              published="2024-03-12", note=HOSTILE),
        claim(evil, t2, "Then <b>Rivals</b> accused Acme & Sons of fraud.", "accusation", "<b>Rivals</b>",
              "Acme & Sons", 1, published="2024-03-12", source_actor_code="RIV", source_actor_kind="country"),
    ]


def write_run(folder: Path) -> Path:
    """A finished run folder (claims.jsonl, run.json) and the articles that were scored."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "claims.jsonl", "w", encoding="utf-8") as fh:
        for r in claim_rows():
            fh.write(json.dumps(r) + "\n")
    (folder / "run.json").write_text(json.dumps({"articles_read": 2, "articles_scored": 2, "articles_failed": 0,
                                                 "settings": {"id_field": "id", "text_field": "text"}}))
    with open(folder / "articles.jsonl", "w", encoding="utf-8") as fh:
        for a in ARTICLES:
            fh.write(json.dumps(a) + "\n")
    return folder


class Page(HTMLParser):
    """Elements, ids, links, images and text of a page, as a browser's parser sees them."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.marks: list[tuple[str, str]] = []
        self._mark: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "mark":
            self._mark = [dict(attrs).get("class", ""), ""]

    def handle_endtag(self, tag):
        if tag == "mark" and self._mark:
            self.marks.append(tuple(self._mark))
            self._mark = None

    def handle_data(self, data):
        self.text.append(data)
        if self._mark is not None:
            self._mark[1] += data

    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.tags if "id" in a}

    def links(self) -> list[str]:
        return [a["href"] for t, a in self.tags if t == "a" and "href" in a]


def test_segments_split_overlaps_without_nesting():
    text = "Russia's ambassador left"
    pieces = segments(text, [(0, 6, "source"), (0, 19, "target")])
    assert [(p.text, p.classes) for p in pieces] == [("Russia", "source target"), ("'s ambassador", "target"),
                                                     (" left", "")]
    assert "".join(p.text for p in pieces) == text


def test_anchor_is_plain_for_plain_ids_and_safe_for_others():
    assert anchor("01-lithuania") == "doc-01-lithuania"
    evil = anchor(ARTICLES[1]["id"])
    assert evil.startswith("doc-evil-") and all(c.isalnum() or c in "-_" for c in evil)
    assert evil != anchor('evil"><img src=y onerror=alert(1)>')  # a hash keeps ids apart


def test_show_marks_sources_and_targets_and_escapes_everything(tmp_path):
    run = write_run(tmp_path / "run")
    stats = write_show(run, tmp_path / "page.html")
    html = (tmp_path / "page.html").read_text(encoding="utf-8")
    page = Page(html)
    assert (stats.articles, stats.claims, stats.with_text) == (2, 5, 0)
    assert ("source", "Prosecutors") in page.marks and ("target", "the mayor") in page.marks
    assert ("source", "<b>Rivals</b>") in page.marks and ("target", HOSTILE) in page.marks
    # hostile text is text: no script, no img, no b element; the raw markup shows escaped
    assert not [t for t, _ in page.tags if t in ("script", "img", "b")]
    assert "&lt;script&gt;" in html and "<script" not in html
    # the resolved actor, its kind, affiliation and antecedent are shown; the metadata too
    text = "".join(page.text)
    assert "Mayor Jane Roe" in text and "USA" in text and "resolved from" in text and "Jane Roe" in text
    assert "ACCUSE" in text and "REJECT" in text and "REQUEST" in text and "0.88" in text
    assert f"note: {HOSTILE}" in text and ARTICLES[1]["id"] in text  # metadata and the hostile doc id, as text


def test_show_with_articles_places_claims_in_the_text_and_every_link_resolves(tmp_path):
    run = write_run(tmp_path / "run")
    stats = write_show(run, tmp_path / "page.html", articles=[run / "articles.jsonl"])
    html = (tmp_path / "page.html").read_text(encoding="utf-8")
    page = Page(html)
    assert stats.with_text == 2
    ids = page.ids()
    internal = [h[1:] for h in page.links() if h.startswith("#")]
    assert internal and set(internal) <= ids
    assert {"doc-d1", "doc-d1-c1", "doc-d1-c2", "doc-d1-c3", f"{anchor(ARTICLES[1]['id'])}-c2"} <= ids
    # the article's text: claim sentences highlighted, the paragraph break kept, refs to the claims below
    assert ("claimed", " accuse ") in page.marks and ("claimed", " denied it.") in page.marks
    assert "#doc-d1-c2" in page.links() and "#doc-d1-c3" in page.links()
    assert '[1]</a></sup></p><p>' in html  # the blank line after the first sentence is a paragraph break


def test_show_finds_a_span_whose_offsets_are_off(tmp_path):
    rows = claim_rows()[:1]
    rows[0]["source_start"] += 3  # e.g. an article re-encoded since it was scored
    path = tmp_path / "claims.jsonl"
    path.write_text(json.dumps(rows[0]) + "\n")
    write_show(path, tmp_path / "page.html")
    assert ("source", "Prosecutors") in Page((tmp_path / "page.html").read_text()).marks


def test_no_external_assets_or_scripts(tmp_path):
    run = write_run(tmp_path / "run")
    write_show(run, tmp_path / "page.html", articles=[run / "articles.jsonl"])
    write_report(run, tmp_path / "rep", articles=[run / "articles.jsonl"], date_field="published")
    for path in (tmp_path / "page.html", tmp_path / "rep" / "report.html", tmp_path / "rep" / "articles.html"):
        html = path.read_text(encoding="utf-8")
        page = Page(html)
        assert not [t for t, _ in page.tags if t in ("script", "link", "iframe", "object")]
        refs = [a.get(k, "") for _, a in page.tags for k in ("src", "href")]
        assert all(not r.lower().startswith(("http:", "https:", "//")) for r in refs), path
        assert "url(" not in html and "@import" not in html


def test_report_totals_pictures_and_samples_linked_to_their_articles(tmp_path):
    run = write_run(tmp_path / "run")
    stats = write_report(run, tmp_path / "rep", articles=[run / "articles.jsonl"], date_field="published", per_type=2)
    assert stats.claims == 5 and stats.figures == 2 and stats.undated == 0
    report = Page((tmp_path / "rep" / "report.html").read_text(encoding="utf-8"))
    articles = Page((tmp_path / "rep" / "articles.html").read_text(encoding="utf-8"))
    text = " ".join(report.text)
    assert "articles read" in text and "claims" in text and "Top actors" in text and "Top dyads" in text
    images = [a["src"] for t, a in report.tags if t == "img"]
    assert len(images) == 2 and all(s.startswith("data:image/png;base64,iVBOR") for s in images)
    links = [h for h in report.links() if h.startswith("articles.html#")]
    assert len(links) == 5  # every claim is a sample here (at most 2 per type)
    assert {h.split("#", 1)[1] for h in links} <= articles.ids()
    assert "articles.html#doc-d1-c3" in links  # the demand is claim 3 of d1 on the articles page
    assert not [t for t, _ in report.tags if t in ("script", "b")]


def test_report_of_a_run_without_claims(tmp_path):
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "claims.jsonl").write_text("")
    stats = write_report(tmp_path / "run", tmp_path / "run")
    assert stats.claims == 0 and stats.figures == 0 and (tmp_path / "run" / "report.html").is_file()


def test_cli_show(tmp_path):
    run = write_run(tmp_path / "run")
    result = runner.invoke(app, ["show", str(run), "--articles", str(run / "articles.jsonl"), "--out",
                                 str(tmp_path / "p.html"), "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert "3 claims in 1 articles (1 more not shown" in result.output
    bad = runner.invoke(app, ["show", str(run), "--articles", str(tmp_path / "missing.jsonl"), "--out",
                              str(tmp_path / "p.html")])
    assert bad.exit_code == 2 and "missing.jsonl" in bad.output


def test_cli_score_report(tiny_model_dir, tmp_path):
    run = write_run(tmp_path / "src")
    out = tmp_path / "out"
    result = runner.invoke(app, ["score", str(run / "articles.jsonl"), "--out", str(out), "--model",
                                 str(tiny_model_dir), "--report", "--date-field", "published"])
    assert result.exit_code == 0, result.output
    assert (out / "report.html").is_file() and (out / "articles.html").is_file()
    assert "report:" in result.output


def test_overwrite_clears_an_old_report(tmp_path):
    """A report from an earlier run must not survive ``--overwrite`` and describe the new run's output."""
    from claimcoder.scoring.job import clear_out

    for name in ("report.html", "articles.html", "run.json"):
        (tmp_path / name).write_text("old", encoding="utf-8")
    (tmp_path / "mine.txt").write_text("keep", encoding="utf-8")
    clear_out(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.txt"]


def test_show_and_select_never_write_over_what_they_read(tmp_path):
    import pytest

    from claimcoder.data.errors import OptionError
    from claimcoder.scoring.select import select

    run = write_run(tmp_path / "run")
    claims = run / "claims.jsonl"
    before = claims.read_bytes()
    for out in (claims, run / "run.json"):
        with pytest.raises(OptionError, match="would overwrite the input"):
            write_show(run, out)
        with pytest.raises(OptionError, match="would overwrite the input"):
            select(run, 1, out=out, to="codebook")
    done = tmp_path / "done.jsonl"
    done.write_text("")
    with pytest.raises(OptionError, match="would overwrite the input"):
        select(run, 1, out=done, to="codebook", exclude=[done])
    assert claims.read_bytes() == before
    assert write_show(run, run / "show.html").claims > 0  # a new file beside them is fine


def test_show_refuses_a_file_that_is_not_a_scoring_output(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "s1", "doc_id": "d1", "text": "Russia denied it.", "claims": []}\n')
    result = runner.invoke(app, ["show", str(gold), "--out", str(tmp_path / "s.html")])
    assert result.exit_code == 2 and "not the output of `claimcoder score`" in result.output
    assert "gold.jsonl:1: sentence_index, sentence, type: missing" in result.output
    assert not (tmp_path / "s.html").exists()
