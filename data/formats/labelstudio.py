"""Label Studio tasks (a JSON list) to and from codebook sentences, for the bundled labelling config.

A task is ``{"data": {"text", "sentence_id", "doc_id", "meta", "context"}, "annotations": [...]}``
(or ``"predictions"`` for the model's pre-annotations). Each annotation's ``result`` holds
``labels`` regions (``value``: ``start``, ``end``, ``text``, ``labels``), ``relation`` items
(``from_id`` -> ``to_id``, ``labels``: the claim type) and one ``choices`` item named
``claims_without_spans``; the mapping is in ``common``. Offsets count code points, as Label
Studio has since 2022 (older UTF-16 offsets are converted when the region's text shows them).

Reading takes each task's annotation (the ground-truth one, else the latest non-cancelled one);
a task nobody annotated is skipped unless ``unreviewed``, which takes its first prediction.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from ..io import atomic_write, check_json_value
from ..schema import CODEBOOK_TYPES, Sentence
from .common import (ACTOR, SOURCE_ONLY, TARGET_ONLY, Entity, Graph, Problems, ReadResult, Relation, carried,
                     check_actor, check_score, check_span, check_type, check_unique_ids, marker_label,
                     parse_span_label, problems_for, read_carried, to_graph)

#: Names in the bundled labelling config (``labelstudio.xml``): the text, its span labels, the span-less claims.
TEXT_NAME = "text"
LABELS_NAME = "label"
CHOICES_NAME = "claims_without_spans"
MODEL_VERSION = "claimcoder"


# ------------------------------------------------------------------------------------ writing
def _scores(item: dict[str, Any], scores: Sequence[float | None]) -> dict[str, Any]:
    """Put the claims' scores on a result item: ``score`` for one claim, ``scores`` (one per label) for several."""
    if len(scores) == 1 and scores[0] is not None:
        item["score"] = round(scores[0], 6)
    elif len(scores) > 1 and any(x is not None for x in scores):
        item["scores"] = [None if x is None else round(x, 6) for x in scores]
    return item


def _result(g: Graph) -> list[dict[str, Any]]:
    """One annotation's (or prediction's) ``result`` list for a sentence's claims.

    Claims between the same two spans share one relation with several labels: Label Studio
    draws one arrow per pair of regions.
    """
    out: list[dict[str, Any]] = []
    for i, e in enumerate(g.entities):
        item: dict[str, Any] = {"id": f"s{i}", "from_name": LABELS_NAME, "to_name": TEXT_NAME, "type": "labels",
                                "value": {"start": e.start, "end": e.end, "text": e.text, "labels": [e.label]}}
        if e.actor is not None:
            item["actor"] = e.actor.to_dict()
        out.append(_scores(item, [e.score]))
    pairs: dict[tuple[int, int], list[Relation]] = {}
    for r in g.relations:
        pairs.setdefault((r.head, r.child), []).append(r)
    for (head, child), rels in pairs.items():
        item = {"type": "relation", "from_id": f"s{head}", "to_id": f"s{child}", "direction": "right",
                "labels": [r.type for r in rels]}
        out.append(_scores(item, [r.score for r in rels]))
    if g.whole:
        item = {"id": "c0", "from_name": CHOICES_NAME, "to_name": TEXT_NAME, "type": "choices",
                "value": {"choices": [t for t, _ in g.whole]}}
        out.append(_scores(item, [x for _, x in g.whole]))
    return out


def task(sentence: Sentence, predictions: bool = False) -> dict[str, Any]:
    """One Label Studio task; the claims as an annotation, or as the model's prediction."""
    data = {"text": sentence.text, **carried(sentence)}
    data.setdefault("context", "")  # the config shows $context: every task needs the key
    result = _result(to_graph(sentence))
    if predictions:
        return {"data": data, "predictions": [{"model_version": MODEL_VERSION, "result": result}]}
    return {"data": data, "annotations": [{"result": result, "ground_truth": False}]}


def write(path: str | os.PathLike, sentences: Iterable[Sentence], predictions: bool = False) -> int:
    """Write a Label Studio import file (a JSON list, one task a line), atomically; return the count."""
    n = 0
    with atomic_write(path) as fh:
        fh.write("[")
        for s in sentences:
            fh.write(("\n" if n == 0 else ",\n") + json.dumps(task(s, predictions), ensure_ascii=False))
            n += 1
        fh.write("\n]\n")
    return n


# ------------------------------------------------------------------------------------ reading
def iter_tasks(path: Path, problems: Problems) -> Iterator[tuple[int, int, Any]]:
    """``(task index, line, task)`` from a JSON list of tasks, one task object, or JSON lines of tasks.

    Tasks are decoded one at a time from the text, so each keeps the line it starts on for messages.
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.at(0)("(encoding)", f"not valid UTF-8 ({exc.reason} at byte {exc.start})")
        return
    decoder = json.JSONDecoder(parse_constant=_no_constant)
    lines = _LineCounter(text)
    pos = _skip_ws(text, 0)
    as_list = text.startswith("[", pos)
    if as_list:
        pos = _skip_ws(text, pos + 1)
    index = 0
    while pos < len(text):
        if as_list and text.startswith("]", pos):
            if _skip_ws(text, pos + 1) < len(text):
                problems.at(lines(pos))("(json)", "content after the closing ]")
            return
        try:
            obj, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            problems.at(exc.lineno)("(json)", f"bad JSON: {exc.msg} at column {exc.colno}")
            return
        except (RecursionError, ValueError) as exc:  # NaN, Infinity; absurd nesting; giant integers
            problems.at(lines(pos))("(json)", f"task {index}: not clean JSON ({exc or 'nested too deep'})")
            return
        refused = check_json_value(obj)
        if refused:
            problems.at(lines(pos), f"task {index}: ")(*refused)
        else:
            yield index, lines(pos), obj
        index += 1
        pos = _skip_ws(text, end)
        if as_list:
            if text.startswith(",", pos):
                pos = _skip_ws(text, pos + 1)
            elif not text.startswith("]", pos):
                problems.at(lines(pos))("(json)", "expected ',' or ']' after a task")
                return
    if as_list:
        problems.at(lines(len(text)))("(json)", "the list of tasks is not closed with ]")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON (use null or a number)")


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


class _LineCounter:
    """Line numbers of increasing offsets in one text, counted incrementally."""

    def __init__(self, text: str):
        self.text, self.pos, self.line = text, 0, 1

    def __call__(self, pos: int) -> int:
        self.line += self.text.count("\n", self.pos, pos)
        self.pos = pos
        return self.line


def _pick_annotation(annotations: list[Any]) -> Any:
    """The ground-truth annotation, else the most recently updated one that was not cancelled."""
    live = [(i, a) for i, a in enumerate(annotations) if isinstance(a, dict) and not a.get("was_cancelled")]
    if not live:
        return None
    truth = [a for _, a in live if a.get("ground_truth")]
    if truth:
        return truth[-1]
    return max(live, key=lambda ia: (str(ia[1].get("updated_at") or ia[1].get("created_at") or ""), ia[0]))[1]


def _item_scores(item: dict[str, Any], n: int, at: str, add) -> list[float | None]:
    """The claims' scores on a result item with ``n`` labels (see ``_scores``)."""
    many = item.get("scores")
    if isinstance(many, list) and len(many) == n:
        return [check_score(x, f"{at}.scores[{j}]", add) for j, x in enumerate(many)]
    one = check_score(item.get("score"), f"{at}.score", add)
    return [one if n == 1 else None] * n


def _graph(text: str, result: Any, where: str, add, claim_types: Sequence[str] | None) -> Graph | None:
    """The spans, relations and span-less claims of one ``result`` list; None if it has problems."""
    if not isinstance(result, list):
        add(where, f"must be a list, got {type(result).__name__}")
        return None
    g = Graph()
    by_id: dict[str, int] = {}
    relations: list[tuple[int, dict[str, Any]]] = []
    ok = True
    for k, item in enumerate(result):
        at = f"{where}[{k}]"
        if not isinstance(item, dict):
            add(at, "must be an object")
            ok = False
            continue
        kind = item.get("type")
        if kind == "relation":
            relations.append((k, item))
            continue
        value = item.get("value")
        if kind not in ("labels", "choices") or (kind == "choices" and item.get("from_name") != CHOICES_NAME):
            continue  # other controls (comments, ratings) carry no claim
        if not isinstance(value, dict):
            add(f"{at}.value", "missing or not an object")
            ok = False
            continue
        if kind == "choices":
            choices = value.get("choices")
            if not isinstance(choices, list):
                add(f"{at}.value.choices", "must be a list of claim types")
                ok = False
                continue
            for j, (t, score) in enumerate(zip(choices, _item_scores(item, len(choices), at, add))):
                bad = check_type(t, claim_types)
                if bad:
                    add(f"{at}.value.choices[{j}]", bad)
                    ok = False
                else:
                    g.whole.append((t, score))
            continue
        offsets = check_span(text, value.get("start"), value.get("end"), value.get("text"), f"{at}.value", add)
        labels = value.get("labels")
        if not isinstance(labels, list) or not labels:
            add(f"{at}.value.labels", "must be a non-empty list of span labels")
            ok = False
            continue
        actor = check_actor(item.get("actor"), f"{at}.actor", add)
        if offsets is None:
            ok = False
            continue
        first = len(g.entities)
        for j, (label, score) in enumerate(zip(labels, _item_scores(item, len(labels), at, add))):
            parsed = parse_span_label(label, claim_types)
            if isinstance(parsed, str):
                add(f"{at}.value.labels[{j}]", parsed)
                ok = False
                continue
            g.entities.append(Entity(offsets[0], offsets[1], text[offsets[0]:offsets[1]], label, actor,
                                     score if parsed is not None else None))
        rid = item.get("id")
        if rid is not None:
            if str(rid) in by_id:
                add(f"{at}.id", f"duplicate region id {rid!r}")
                ok = False
            by_id[str(rid)] = first
    for k, item in relations:
        at = f"{where}[{k}]"
        ends = []
        for key in ("from_id", "to_id"):
            if str(item.get(key)) not in by_id:
                add(f"{at}.{key}", f"{item.get(key)!r} is not the id of a labelled region in this result")
            else:
                ends.append(by_id[str(item[key])])
        labels = item.get("labels")
        if not isinstance(labels, list) or not labels:
            add(f"{at}.labels", "a relation needs its claim type as label (accusation, denial, ...)")
            ok = False
            continue
        direction = item.get("direction", "right")
        if direction not in ("right", "left"):
            add(f"{at}.direction", f"must be 'right' (source -> target) or 'left', got {direction!r}")
            ok = False
            continue
        if len(ends) != 2:
            ok = False
            continue
        head, child = ends if direction == "right" else ends[::-1]
        for j, (t, score) in enumerate(zip(labels, _item_scores(item, len(labels), at, add))):
            bad = check_type(t, claim_types)
            if bad:
                add(f"{at}.labels[{j}]", bad)
                ok = False
            else:
                g.relations.append(Relation(head, child, t, score))
    return g if ok else None


def read(path: str | os.PathLike, claim_types: Sequence[str] | None = CODEBOOK_TYPES,
         unreviewed: bool = False) -> ReadResult:
    """Read Label Studio tasks (an export, or a file ``write`` made); raise ``DataError`` on any problem."""
    path = Path(path)
    problems = problems_for(path)
    out: list[Sentence] = []
    lines: list[int] = []
    skipped = 0
    for index, line, obj in iter_tasks(path, problems):
        prefix = f"task {index}: "
        add = problems.at(line, prefix)
        before = len(problems.items)
        if not isinstance(obj, dict):
            add("(task)", f"must be an object, got {type(obj).__name__}")
            continue
        data = obj.get("data")
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            add("data.text", "missing or not a string")
            continue
        annotations = obj.get("annotations") or []
        predictions = obj.get("predictions") or []
        if not isinstance(annotations, list) or not isinstance(predictions, list):
            add("annotations" if not isinstance(annotations, list) else "predictions", "must be a list")
            continue
        chosen, where = _pick_annotation(annotations), "annotations"
        if chosen is None:
            if not unreviewed:
                skipped += 1
                continue
            chosen, where = (predictions[0] if predictions else {"result": []}), "predictions[0]"
        if where == "annotations":
            where = f"annotations[{annotations.index(chosen)}]"
        if not isinstance(chosen, dict):
            add(where, "must be an object")
            continue
        g = _graph(data["text"], chosen.get("result", []), f"{where}.result", add, claim_types)
        # a task made in Label Studio has no sentence_id: its own task id stands in
        own_id = obj.get("id")
        default_id = str(own_id) if isinstance(own_id, (str, int)) and not isinstance(own_id, bool) \
            else f"{path.stem}-{index}"
        c = read_carried(data, default_id, add, "data.", fallback_id_key=None)
        if g is not None:
            g.orphan_problems(add, f"{where}.result")
        if g is None or len(problems.items) > before:
            continue
        out.append(Sentence(text=data["text"], claims=g.claims(claim_types), id=c.id, doc_id=c.doc_id, meta=c.meta,
                            context=c.context or None))
        lines.append(line)
    check_unique_ids(out, lines, problems)
    problems.raise_if_any()
    return ReadResult(out, skipped, "not annotated (add --unreviewed to take their predictions)" if skipped else "")


def config_path() -> Path:
    """The bundled Label Studio labelling config (``labelstudio.xml``) for the codebook's claim types."""
    return Path(__file__).with_name("labelstudio.xml")


def labelling_config(claim_types: Sequence[str] = CODEBOOK_TYPES) -> str:
    """A Label Studio labelling config for any claim types (the bundled file is this for the codebook's)."""
    colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"]

    def label(value: str, colour: str, hint: str) -> str:
        return f"    <Label value={quoteattr(value)} background={quoteattr(colour)} hint={quoteattr(hint)}/>"

    span_lines = [label(ACTOR, "#ff7f0e", "an actor in a claim drawn as a relation (source -> target)")]
    relation_lines, choice_lines = [], []
    for i, t in enumerate(claim_types):
        colour = colours[i % len(colours)]
        span_lines.append(label(marker_label(t, SOURCE_ONLY), colour, f"source of a claim ({t}) with no target in the sentence"))
        span_lines.append(label(marker_label(t, TARGET_ONLY), colour, f"target of a claim ({t}) with no source in the sentence"))
        relation_lines.append(f"    <Relation value={quoteattr(t)} background={quoteattr(colour)}/>")
        choice_lines.append(f"    <Choice value={quoteattr(t)}/>")
    nl = "\n"
    return f"""<View>
  <!-- claimcoder: one sentence per task, claims as in the codebook (type, source, target).
       Source and target in the sentence: label both ACTOR, draw a relation source -> target, give it the type.
       No target in the sentence: label the source '<type>:{SOURCE_ONLY}'.
       No source in the sentence: label the target '<type>:{TARGET_ONLY}'.
       Neither: tick the type under the last header. A span may take part in several claims. -->
  <Header value="Around the sentence (to read, not to label)"/>
  <Text name="context" value="$context"/>
  <Header value="The sentence: label the actors, then draw each claim from its source to its target"/>
  <Labels name="{LABELS_NAME}" toName="{TEXT_NAME}" choice="single">
{nl.join(span_lines)}
  </Labels>
  <Text name="{TEXT_NAME}" value="$text"/>
  <Relations choice="multiple">
{nl.join(relation_lines)}
  </Relations>
  <Header value="Claims with no actor in the sentence (neither source nor target)"/>
  <Choices name="{CHOICES_NAME}" toName="{TEXT_NAME}" choice="multiple" showInline="true">
{nl.join(choice_lines)}
  </Choices>
</View>
"""


__all__ = ["read", "write", "task", "iter_tasks", "config_path", "labelling_config", "TEXT_NAME", "LABELS_NAME",
           "CHOICES_NAME"]
