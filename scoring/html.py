"""Claims you can see: one standalone HTML page of articles with their claims, and a run's report.

Readers check a coder's output before they trust it, so the pages must open anywhere: one
file each, inline CSS, pictures as ``data:`` PNGs, no script, no external asset. Every piece
of text comes from articles and must not be trusted: the templates are Jinja2 with
autoescaping on, and markup is never built from text in Python (highlights are passed as
segments that the template wraps in ``<mark>``).

``write_show`` renders claim rows (any ``claimcoder score`` output), with the article text
around them when the articles are given. ``write_report`` writes a run's ``report.html``
(totals, top actors and dyads, pictures, sample claims per type) and the ``articles.html``
its samples link to.
"""
from __future__ import annotations

import base64
import hashlib
import heapq
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimcoder.data.errors import UserError
from claimcoder.data.io import DataError, Problem, atomic_write, refuse_overwriting

from .columns import COLUMNS
from .events import (FREQS, NO_SOURCE, NO_TARGET, PLOVER, TYPE_COLOURS, check_choice, as_float, as_int, aggregate,
                     dated_events, network_counts, network_figure, png_bytes, timeseries_figure, to_events)
from .summary import claim_files, read_claims, run_inputs, summarize

#: Row fields that are the claim's or the sentence's own (the rest is the article's metadata, shown in its
#: header): the columns, any source_/target_ field, and the per-sentence type scores.
_CLAIM_FIELDS = set(COLUMNS) | {"type_scores"}


def _is_metadata(key: str) -> bool:
    return key not in _CLAIM_FIELDS and not key.startswith(("source_", "target_"))


# ------------------------------------------------------------------ view model
@dataclass
class Segment:
    """A run of text with the same highlight classes ('' for plain), and claim links to show after it."""

    text: str
    classes: str = ""
    refs: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class ActorView:
    role: str
    text: str | None
    name: str | None
    code: str | None = None
    kind: str | None = None
    affiliation: str | None = None
    resolved_from: str | None = None
    confidence: float | None = None  # the resolver's ``actor_confidence``: low ones are the ones to check


@dataclass
class ClaimView:
    anchor: str
    number: int
    type: str
    plover: str | None
    score: float | None
    sentence_index: int | None
    segments: list[Segment]
    actors: list[ActorView]
    doc_id: str = ""
    doc_anchor: str = ""
    unplaced: list[str] = field(default_factory=list)  # roles whose span could not be found in the sentence


@dataclass
class DocView:
    doc_id: str
    anchor: str
    meta: list[tuple[str, str]]
    counts: list[tuple[str, int]]
    claims: list[ClaimView]
    paragraphs: list[list[Segment]] | None = None


def anchor(doc_id: str) -> str:
    """A stable HTML id for an article: its id where that is plain, else a slug and a short hash."""
    doc_id = str(doc_id)
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,80}", doc_id):
        return f"doc-{doc_id}"
    slug = re.sub(r"[^A-Za-z0-9]+", "-", doc_id).strip("-")[:40]
    return f"doc-{slug}-{hashlib.sha1(doc_id.encode('utf-8')).hexdigest()[:8]}"


def segments(text: str, spans: Iterable[tuple[int, int, str]]) -> list[Segment]:
    """Cut ``text`` at every span edge; each piece carries the classes of the spans covering it.

    Overlapping spans (a source inside a target) become pieces with both classes, never nested
    or crossing tags.
    """
    spans = [(s, e, c) for s, e, c in spans if 0 <= s < e <= len(text)]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        classes = " ".join(sorted({c for s, e, c in spans if s <= a and b <= e}))
        if out and out[-1].classes == classes:
            out[-1].text += text[a:b]
        else:
            out.append(Segment(text[a:b], classes))
    return out


def _locate(container: str, offset: int | None, base: int, piece: str | None) -> tuple[int, int] | None:
    """Where ``piece`` lies in ``container``: at ``offset - base`` if it is there, else its first occurrence."""
    if not piece:
        return None
    if offset is not None:
        local = offset - base
        if container[local:local + len(piece)] == piece and local >= 0:
            return local, local + len(piece)
    found = container.find(piece)
    return (found, found + len(piece)) if found >= 0 else None


def _actor(row: Mapping[str, Any], role: str) -> ActorView | None:
    if not (row.get(f"{role}_text") or row.get(f"{role}_actor")):
        return None
    return ActorView(role, row.get(f"{role}_text"), row.get(f"{role}_actor"), row.get(f"{role}_actor_code"),
                     row.get(f"{role}_actor_kind"), row.get(f"{role}_affiliation_code"),
                     row.get(f"{role}_resolved_from"), _number(row.get(f"{role}_actor_confidence")))


def _number(value: Any) -> float | None:
    """A cell as a float (CSV cells are text); None for an empty or unreadable one."""
    try:
        return None if value in (None, "") else float(value)
    except (TypeError, ValueError):
        return None


def claim_view(row: Mapping[str, Any], doc_anchor: str, number: int) -> ClaimView:
    """One claim: its sentence with this claim's source and target marked, and its resolved actors."""
    sentence = row.get("sentence") or ""
    base = as_int(row.get("sentence_start")) or 0
    spans, unplaced = [], []
    for role in ("source", "target"):
        where = _locate(sentence, as_int(row.get(f"{role}_start")), base, row.get(f"{role}_text"))
        if where:
            spans.append((*where, role))
        elif row.get(f"{role}_text"):
            unplaced.append(role)
    ctype = str(row.get("type"))
    return ClaimView(anchor=f"{doc_anchor}-c{number}", number=number, type=ctype, plover=PLOVER.get(ctype),
                     score=as_float(row.get("score")), sentence_index=as_int(row.get("sentence_index")),
                     segments=segments(sentence, spans),
                     actors=[a for a in (_actor(row, "source"), _actor(row, "target")) if a], doc_id=str(row["doc_id"]),
                     doc_anchor=doc_anchor, unplaced=unplaced)


def _article_paragraphs(text: str, rows: Sequence[Mapping[str, Any]], claims: Sequence[ClaimView]) -> list[list[Segment]]:
    """The article as paragraphs: claim sentences highlighted, every source and target marked, and after
    each claim sentence links to its claims below."""
    spans: set[tuple[int, int, str]] = set()  # a set: two claims in one sentence mark it once
    refs: dict[int, list[tuple[str, int]]] = {}
    for row, view in zip(rows, claims):
        sent = _locate(text, as_int(row.get("sentence_start")), 0, row.get("sentence"))
        if sent is None:
            continue
        spans.add((*sent, "claimed"))
        refs.setdefault(sent[1], []).append((view.anchor, view.number))
        for role in ("source", "target"):
            where = _locate(text, as_int(row.get(f"{role}_start")), 0, row.get(f"{role}_text"))
            if where and sent[0] <= where[0] and where[1] <= sent[1]:
                spans.add((*where, role))
    pieces = segments(text, sorted(spans))
    pos = 0
    for piece in pieces:  # attach the claim links at the end of their sentence
        pos += len(piece.text)
        piece.refs = refs.get(pos, []) if "claimed" in piece.classes.split() else []
    paragraphs: list[list[Segment]] = [[]]
    for piece in pieces:
        parts = re.split(r"\n\s*\n", piece.text)
        for i, part in enumerate(parts):
            if i:
                paragraphs.append([])
            if part:
                paragraphs[-1].append(Segment(part, piece.classes, piece.refs if i == len(parts) - 1 else []))
    return [p for p in paragraphs if any(s.text.strip() for s in p)]


def doc_view(doc_id: str, rows: Sequence[Mapping[str, Any]], text: str | None = None) -> DocView:
    """One article: its claims (in the order of the rows), its metadata, and its text when given."""
    doc_anchor = anchor(doc_id)
    claim_rows = [r for r in rows if r.get("type")]
    claims = [claim_view(r, doc_anchor, i) for i, r in enumerate(claim_rows, 1)]
    meta: dict[str, str] = {}
    for r in rows:
        for k, v in r.items():
            if _is_metadata(k) and v not in (None, "") and k not in meta:
                meta[k] = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str)
    counts = Counter(c.type for c in claims)
    return DocView(doc_id=str(doc_id), anchor=doc_anchor, meta=sorted(meta.items()),
                   counts=sorted(counts.items()), claims=claims,
                   paragraphs=_article_paragraphs(text, claim_rows, claims) if text else None)


# ------------------------------------------------------------------ templates
_CSS = """
:root { --src: #1f5fbf; --src-bg: #dbe8fb; --tgt: #b3470f; --tgt-bg: #fde3d3; --ink: #1d232a; --muted: #5d6975; }
body { font: 16px/1.55 Georgia, 'Times New Roman', serif; color: var(--ink); margin: 0; background: #f6f5f1; }
header.page, main { max-width: 62rem; margin: 0 auto; padding: 0 1.2rem; }
header.page { padding-top: 1.2rem; }
h1, h2, h3, .claim-head, nav, table, .meta, .legend, figcaption { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; }
h1 { font-size: 1.6rem; margin: .2rem 0 .4rem; }
h2 { font-size: 1.25rem; margin: 0 0 .3rem; }
a { color: #1a5c8a; }
.legend { font-size: .9rem; color: var(--muted); }
mark { padding: 0 .12em; border-radius: 3px; color: inherit; }
mark.source { background: var(--src-bg); border-bottom: 2px solid var(--src); }
mark.target { background: var(--tgt-bg); border-bottom: 2px solid var(--tgt); }
mark.source.target { background: linear-gradient(var(--src-bg), var(--tgt-bg)); border-bottom: 2px dashed var(--tgt); }
.claimed { background: #fff6c9; }
mark.claimed { padding: 0; border-radius: 0; }
.role { font: 600 .68rem system-ui, sans-serif; text-transform: uppercase; letter-spacing: .04em; }
.role.source { color: var(--src); } .role.target { color: var(--tgt); }
nav.toc ol { columns: 2; font-size: .9rem; padding-left: 1.4rem; }
article.doc { background: #fff; border: 1px solid #e2e0d8; border-radius: 8px; margin: 1.2rem 0; padding: 1rem 1.3rem; }
.meta { font-size: .85rem; color: var(--muted); margin: 0 0 .6rem; }
.text p { margin: .5rem 0; white-space: pre-wrap; }
sup.refs a { font: 600 .7rem system-ui, sans-serif; text-decoration: none; margin-left: .1em; }
ol.claims { list-style: none; padding: 0; margin: .8rem 0 0; }
li.claim { border-left: 4px solid #999; padding: .4rem .8rem; margin: .6rem 0; background: #fbfbfa; }
li.claim:target { outline: 2px solid #e0a800; }
.claim-head { font-size: .85rem; margin-bottom: .2rem; }
.type { font-weight: 700; padding: .05rem .45rem; border-radius: 9px; color: #fff; background: #7f8c8d; }
.score { color: var(--muted); }
blockquote.sentence { margin: .2rem 0 .3rem; }
dl.actors { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .7rem; margin: 0; font: .85rem system-ui, sans-serif; }
dl.actors dt { margin: 0; } dl.actors dd { margin: 0; }
.code { font-family: ui-monospace, monospace; background: #eef0f2; padding: 0 .3em; border-radius: 3px; }
.note { color: var(--muted); font-size: .85rem; }
.note.check { color: #a0522d; font-weight: 600; }
table { border-collapse: collapse; font-size: .88rem; margin: .4rem 0 1rem; }
th, td { border-bottom: 1px solid #e2e0d8; padding: .25rem .6rem; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
section.block { background: #fff; border: 1px solid #e2e0d8; border-radius: 8px; margin: 1.2rem 0; padding: 1rem 1.3rem; }
figure { margin: .6rem 0; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
""" + "".join(f"li.claim.type-{t} {{ border-left-color: {c}; }} .type-{t} .type, .type.type-{t} {{ background: {c}; }}\n"
              for t, c in TYPE_COLOURS.items())

_MACROS = """
{%- macro sentence(segs) -%}
{%- for s in segs -%}
{%- if s.classes %}<mark class="{{ s.classes }}" title="{{ s.classes }}">{{ s.text }}</mark>
{%- else %}{{ s.text }}{% endif -%}
{%- endfor -%}
{%- endmacro %}
{%- macro actor(a) -%}
<dt><span class="role {{ a.role }}">{{ a.role }}</span></dt>
<dd>{% if a.text %}&ldquo;{{ a.text }}&rdquo; &rarr; {% endif %}<strong class="actor">{{ a.name or '(unresolved)' }}</strong>
{%- if a.code %} <span class="code">{{ a.code }}</span>{% endif %}
{%- if a.kind %} <span class="kind">{{ a.kind }}</span>{% endif %}
{%- if a.affiliation %} &middot; affiliation <span class="code">{{ a.affiliation }}</span>{% endif %}
{%- if a.resolved_from %} <span class="note">(resolved from &ldquo;{{ a.resolved_from }}&rdquo;)</span>{% endif %}
{%- if a.confidence is not none %} <span class="note{% if a.confidence | round(2) < 0.7 %} check{% endif %}" title="the chance that this actor and its side are right, learnt from the gold articles">confidence {{ '%.2f' % a.confidence }}</span>{% endif %}</dd>
{%- endmacro %}
{%- macro claim(c, link=None) -%}
<li class="claim type-{{ c.type }}" id="{{ c.anchor }}">
<div class="claim-head"><span class="type type-{{ c.type }}">{{ c.type }}</span>
{%- if c.plover %} <span class="plover">{{ c.plover }}</span>{% endif %}
 <span class="score">score {{ '%.2f' % c.score if c.score is not none else 'n/a' }}</span>
{%- if c.sentence_index is not none %} &middot; sentence {{ c.sentence_index }}{% endif %}
{%- if link %} &middot; <a href="{{ link }}">{{ c.doc_id }}, claim {{ c.number }}</a>{% endif %}</div>
<blockquote class="sentence">{{ sentence(c.segments) }}</blockquote>
{%- if c.actors %}<dl class="actors">{% for a in c.actors %}{{ actor(a) }}{% endfor %}</dl>{% endif %}
{%- if c.unplaced %}<p class="note">{{ c.unplaced | join(' and ') }} span not found in the sentence</p>{% endif %}
</li>
{%- endmacro %}
"""

_SHOW = _MACROS + """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>{{ css }}</style></head>
<body>
<header class="page">
<h1>{{ title }}</h1>
<p class="legend">{{ n_claims }} claim{{ '' if n_claims == 1 else 's' }} in {{ docs | length }} article{{ '' if docs | length == 1 else 's' }}
{%- if omitted %} (and {{ omitted }} more article{{ '' if omitted == 1 else 's' }} not shown){% endif %}.
Highlights: <mark class="source">source</mark> makes the claim, <mark class="target">target</mark> is whom it is about
{%- if with_text %}, <span class="claimed">claim sentences</span> in the article text (numbers link to the claims){% endif %}.
Each claim shows its type, its PLOVER-style category, the model's score and the resolved actors.</p>
{%- if docs | length > 1 %}
<nav class="toc"><ol>{% for d in docs %}<li><a href="#{{ d.anchor }}">{{ d.doc_id }}</a> ({{ d.claims | length }})</li>{% endfor %}</ol></nav>
{%- endif %}
</header>
<main>
{%- for d in docs %}
<article class="doc" id="{{ d.anchor }}">
<h2>{{ d.doc_id }}</h2>
<p class="meta">{% for t, n in d.counts %}<span class="type-{{ t }}">{{ n }} {{ t }}</span>{{ ', ' if not loop.last }}{% else %}no claims{% endfor %}
{%- for k, v in d.meta %} &middot; {{ k }}: {{ v }}{% endfor %}</p>
{%- if d.paragraphs %}
<div class="text">{% for p in d.paragraphs %}<p>{% for s in p -%}
{%- if s.classes %}<mark class="{{ s.classes }}">{{ s.text }}</mark>{% else %}{{ s.text }}{% endif -%}
{%- if s.refs %}<sup class="refs">{% for a, n in s.refs %}<a href="#{{ a }}">[{{ n }}]</a>{% endfor %}</sup>{% endif -%}
{%- endfor %}</p>{% endfor %}</div>
{%- endif %}
{%- if d.claims %}<ol class="claims">{% for c in d.claims %}{{ claim(c) }}{% endfor %}</ol>{% endif %}
</article>
{%- endfor %}
</main>
</body></html>
"""

_REPORT = _MACROS + """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>{{ css }}</style></head>
<body>
<header class="page"><h1>{{ title }}</h1>
<p class="legend">Claims found by claimcoder: who makes them, against whom. Sample claims link to
<a href="{{ articles_page }}">their articles</a>.</p></header>
<main>
<section class="block" id="totals"><h2>Totals</h2>
<table><tbody>
{%- for k, v in totals %}<tr><th>{{ k }}</th><td class="n">{{ v }}</td></tr>{% endfor %}
</tbody></table>
<table><thead><tr><th>claim type</th><th>PLOVER</th><th>claims</th><th>mean score</th><th>articles</th></tr></thead><tbody>
{%- for t in types %}<tr><td><span class="type type-{{ t.type }}">{{ t.type }}</span></td><td>{{ t.plover or '' }}</td>
<td class="n">{{ t.n }}</td><td class="n">{{ '%.2f' % t.mean_score }}</td><td class="n">{{ t.docs }}</td></tr>{% endfor %}
</tbody></table></section>
<section class="block" id="actors"><h2>Top actors</h2>
<table><thead><tr><th>actor</th><th>code</th>{% for t in type_names %}<th>{{ t }} made</th><th>{{ t }} received</th>{% endfor %}</tr></thead><tbody>
{%- for a in actors %}<tr><td>{{ a.name }}</td><td>{% if a.code %}<span class="code">{{ a.code }}</span>{% endif %}</td>
{%- for t in type_names %}<td class="n">{{ a.made[t] }}</td><td class="n">{{ a.received[t] }}</td>{% endfor %}</tr>{% endfor %}
</tbody></table></section>
<section class="block" id="dyads"><h2>Top dyads</h2>
<table><thead><tr><th>source</th><th>target</th><th>type</th><th>claims</th></tr></thead><tbody>
{%- for s, t, ty, n in dyads %}<tr><td>{{ s }}</td><td>{{ t }}</td><td><span class="type type-{{ ty }}">{{ ty }}</span></td><td class="n">{{ n }}</td></tr>{% endfor %}
</tbody></table></section>
{%- if figures %}
<section class="block" id="pictures"><h2>Pictures</h2>
{%- for caption, data in figures %}
<figure><img alt="{{ caption }}" src="data:image/png;base64,{{ data }}"><figcaption class="note">{{ caption }}</figcaption></figure>
{%- endfor %}</section>
{%- endif %}
<section class="block" id="samples"><h2>Sample claims by type</h2>
<p class="note">The {{ per_type }} highest-scoring claims of each type (at most one per sentence).</p>
{%- for t, claims in samples %}
<h3 id="samples-{{ t }}"><span class="type type-{{ t }}">{{ t }}</span></h3>
<ol class="claims">{% for c in claims %}{{ claim(c, link=articles_page ~ '#' ~ c.anchor) }}{% endfor %}</ol>
{%- endfor %}</section>
</main></body></html>
"""


def _environment():
    """Jinja2 with autoescaping on for every template (all text here is untrusted article text)."""
    import jinja2

    return jinja2.Environment(loader=jinja2.DictLoader({"show.html": _SHOW, "report.html": _REPORT}),
                              autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=False)


def _render(name: str, path: Path, **context: Any) -> Path:
    html = _environment().get_template(name).render(css=_CSS, **context)
    with atomic_write(path) as fh:
        fh.write(html)
    return path


# ------------------------------------------------------------------ show
def run_settings(claims: str | Path) -> dict[str, Any]:
    """The settings of the run that wrote ``claims`` (its ``run.json``), or {} when there is none."""
    claims = Path(claims)
    for folder in (claims, claims.parent):
        run = folder / "run.json"
        if folder.is_dir() and run.is_file():
            try:
                return json.loads(run.read_text(encoding="utf-8")).get("settings", {}) or {}
            except (OSError, ValueError, AttributeError):
                return {}
    return {}


def load_texts(articles: Sequence[str | Path], wanted: set[str], id_field: str = "id",
               text_field: str = "text") -> dict[str, str]:
    """The text of each wanted article, read (streaming) from the inputs that were scored."""
    from claimcoder.data.articles import Article, iter_articles

    for item in articles:
        if str(item) != "-" and not Path(item).exists():
            raise UserError(f"{item}: no such file or folder (--articles)")
    texts: dict[str, str] = {}
    for art in iter_articles([a for a in articles if str(a) != "-"], id_field, text_field, max_chars=1 << 62):
        if isinstance(art, Article) and art.doc_id in wanted and art.doc_id not in texts:
            texts[art.doc_id] = art.text
            if len(texts) == len(wanted):
                break
    return texts


#: Columns every claim row of a ``claimcoder score`` output has.
_ROW_FIELDS = ("doc_id", "sentence_index", "sentence", "type")


def _check_scoring_output(claims: str | Path) -> None:
    """A ``DataError`` naming the file and line whose first row lacks a claim row's columns: an annotation
    file (codebook JSONL) given to ``show`` would otherwise draw an empty page."""
    for file, fmt in claim_files(claims):
        first = next(iter(read_claims(file)), None)
        missing = [c for c in _ROW_FIELDS if first is not None and c not in first]
        if missing:
            line = 2 if fmt == "csv" else 1  # a CSV's first row follows its header (blank JSONL lines aside)
            raise DataError([Problem(str(file), line, ", ".join(missing), "missing: not the output of `claimcoder "
                                     "score` (to look at annotations, convert them, or score the articles)")])


def _group(rows: Iterable[Mapping[str, Any]], limit: int | None = None,
           docs: set[str] | None = None) -> tuple[dict[str, list[Mapping[str, Any]]], int]:
    """Rows by article, in first-seen order; at most ``limit`` articles (the rest counted), or only ``docs``."""
    grouped: dict[str, list[Mapping[str, Any]]] = {}
    omitted: set[str] = set()
    for r in rows:
        doc = str(r.get("doc_id"))
        if doc in grouped:
            grouped[doc].append(r)
        elif (docs is None or doc in docs) and (limit is None or len(grouped) < limit):
            grouped[doc] = [r]
        else:
            omitted.add(doc)
    return grouped, len(omitted)


@dataclass
class ShowStats:
    out: str
    articles: int
    claims: int
    omitted: int
    with_text: int


def write_show(claims: str | Path, out: str | Path, articles: Sequence[str | Path] | None = None,
               id_field: str | None = None, text_field: str | None = None, limit: int | None = None,
               docs: set[str] | None = None, title: str | None = None) -> ShowStats:
    """What ``claimcoder show`` does: one standalone HTML page of the articles in ``claims`` and their claims.

    With ``articles`` (the scored inputs) each article's text is shown with its claims marked in place;
    ``id_field``/``text_field`` default to the run's own (its ``run.json``), else ``id``/``text``.
    ``limit`` caps the number of articles (the rest are counted); ``docs`` picks articles by id.
    """
    refuse_overwriting(out, [*run_inputs(claims), *(articles or [])])
    settings = run_settings(claims)
    _check_scoring_output(claims)
    grouped, omitted = _group(read_claims(claims), limit, docs)
    texts = load_texts(articles, set(grouped), id_field or settings.get("id_field") or "id",
                       text_field or settings.get("text_field") or "text") if articles else {}
    views = [doc_view(doc, rows, texts.get(doc)) for doc, rows in grouped.items()]
    n_claims = sum(len(v.claims) for v in views)
    path = _render("show.html", Path(out), title=title or f"Claims in {len(views)} article{'s' * (len(views) != 1)}",
                   docs=views, n_claims=n_claims, omitted=omitted, with_text=bool(texts))
    return ShowStats(out=str(path), articles=len(views), claims=n_claims, omitted=omitted, with_text=len(texts))


# ------------------------------------------------------------------ report
def _figure_data(fig) -> str | None:
    return base64.b64encode(png_bytes(fig)).decode("ascii") if fig is not None else None


@dataclass
class ReportStats:
    report: str
    articles_page: str
    claims: int
    figures: int
    undated: int = 0


def write_report(claims: str | Path, out_dir: str | Path, articles: Sequence[str | Path] | None = None,
                 id_field: str | None = None, text_field: str | None = None, date_field: str | None = None,
                 freq: str = "week", per_type: int = 5, top: int = 15, max_articles: int = 200) -> ReportStats:
    """A run's ``report.html`` (totals, top actors and dyads, pictures, sample claims per type) and the
    ``articles.html`` its samples link to, both in ``out_dir``.

    The articles page holds the sampled claims' articles first, then others, up to ``max_articles``.
    With ``date_field`` the report also draws the top dyads over time (undated claims are counted).
    """
    check_choice("freq", freq, FREQS)
    out_dir = Path(out_dir)
    settings = run_settings(claims)
    summary = summarize(read_claims(claims))
    # one pass for totals, codes and samples (a heap per type: memory stays small)
    n_claims = 0
    by_type: dict[str, list[float]] = {}
    docs_by_type: dict[str, set[str]] = {}
    codes: dict[str, str] = {}
    heaps: dict[str, list[tuple[float, int, dict[str, Any]]]] = {}
    seen_sentences: set[tuple[str, Any, str]] = set()
    order: dict[str, int] = {}
    for i, row in enumerate(read_claims(claims)):
        if not row.get("type"):
            continue
        doc, ctype = str(row.get("doc_id")), str(row["type"])
        order[doc] = order.get(doc, 0) + 1  # the claim's number in its article (as on the articles page)
        n_claims += 1
        score = as_float(row.get("score")) or 0.0
        by_type.setdefault(ctype, []).append(score)
        docs_by_type.setdefault(ctype, set()).add(doc)
        for role in ("source", "target"):
            if row.get(f"{role}_actor") and row.get(f"{role}_actor_code"):
                codes.setdefault(row[f"{role}_actor"], row[f"{role}_actor_code"])
        key = (doc, row.get("sentence_index"), ctype)
        if key not in seen_sentences:
            seen_sentences.add(key)
            item = (score, -i, {**row, "_number": order[doc]})
            heap = heaps.setdefault(ctype, [])
            heapq.heappush(heap, item) if len(heap) < per_type else heapq.heappushpop(heap, item)

    made, edges = network_counts(e for k, r in enumerate(read_claims(claims)) if r.get("type")
                                 for e in to_events(r, claim=k))
    figures = []
    net = _figure_data(network_figure(made, edges))
    if net:
        figures.append(("Who claims against whom: node size by claims made, edge width by count, colour by type", net))
    undated = 0
    if date_field:
        problems = Counter()
        dated = []
        for event, problem, _ in dated_events(read_claims(claims), date_field, freq, source=str(claims)):
            if problem:
                problems[problem] += 1
            else:
                dated.append(event)
        undated = sum(problems.values())
        series = _figure_data(timeseries_figure(aggregate(dated).to_pylist(), freq))
        if series:
            note = f" ({undated} claims without a usable {date_field!r} left out)" if undated else ""
            figures.append((f"Top dyads over time, claims per {freq}{note}", series))
    samples = []
    for t in sorted(heaps, key=lambda t: (t not in PLOVER, t)):
        picked = sorted(heaps[t], key=lambda it: (-it[0], -it[1]))
        samples.append((t, [claim_view(r, anchor(str(r["doc_id"])), r["_number"]) for _, _, r in picked]))
    sampled_docs = [c.doc_id for _, cs in samples for c in cs]
    type_names = summary["types"]
    totals_by_actor: Counter = Counter()
    for (actor_name, _role, _t), n in summary["by_actor"].items():
        totals_by_actor[actor_name] += n
    actors = [{"name": a, "code": codes.get(a),
               "made": {t: summary["by_actor"][(a, "source", t)] for t in type_names},
               "received": {t: summary["by_actor"][(a, "target", t)] for t in type_names}}
              for a, _ in sorted(totals_by_actor.items(), key=lambda kv: (-kv[1], kv[0]))
              if a not in (NO_SOURCE, NO_TARGET)][:top]
    dyads = [(s, t, ty, n) for (s, t, ty), n in sorted(summary["edges"].items(), key=lambda kv: (-kv[1], kv[0]))
             if s != NO_SOURCE and t != NO_TARGET][:top]
    types = [{"type": t, "plover": PLOVER.get(t), "n": len(v), "mean_score": sum(v) / len(v),
              "docs": len(docs_by_type[t])} for t, v in sorted(by_type.items(), key=lambda kv: (kv[0] not in PLOVER, kv[0]))]
    totals = [("articles with claims", len({d for ds in docs_by_type.values() for d in ds})), ("claims", n_claims)]
    run_json = (Path(claims) if Path(claims).is_dir() else Path(claims).parent) / "run.json"
    if run_json.is_file():
        try:
            run = json.loads(run_json.read_text(encoding="utf-8"))
            totals = [("articles read", run.get("articles_read")), ("articles scored", run.get("articles_scored")),
                      ("articles failed", run.get("articles_failed")), *totals]
        except (OSError, ValueError):
            pass
    # the articles page: sampled articles first, then the rest in order, up to max_articles
    chosen = list(dict.fromkeys(sampled_docs))
    for doc in order:
        if len(chosen) >= max_articles:
            break
        if doc not in chosen:
            chosen.append(doc)
    page = write_show(claims, out_dir / "articles.html", articles=articles, id_field=id_field or settings.get("id_field"),
                      text_field=text_field or settings.get("text_field"), docs=set(chosen),
                      title=f"Articles and their claims ({len(chosen)} of {len(order)} with claims)")
    report = _render("report.html", out_dir / "report.html", title="claimcoder report", totals=totals, types=types,
                     type_names=type_names, actors=actors, dyads=dyads, figures=figures, samples=samples,
                     per_type=per_type, articles_page=Path(page.out).name)
    return ReportStats(report=str(report), articles_page=page.out, claims=n_claims, figures=len(figures),
                       undated=undated)


__all__ = ["write_show", "write_report", "ShowStats", "ReportStats", "anchor", "segments", "doc_view", "claim_view"]
