"""Actors on gold articles: resolution accuracy by mention kind, actor-level claim F1 and dyad accuracy.

Two measurements, both with 95% intervals from resampling whole articles:

* ``resolution_accuracy``: the resolver alone. Each gold article's sentences, with their gold
  claims and spans but the actors stripped, go through ``resolve``; every gold span's
  predicted actor is compared with its gold actor. No model is involved, so this isolates
  the resolver and runs in a second.
* ``evaluate_articles``: end to end from raw text. Each article's text is rebuilt from its
  gold sentences, split into sentences (``split_sentences``), coded by the model and
  resolved; predicted claims are aligned to gold ones by character offsets.

Actor names are free text (the gold says "China Coast Guard spokesperson" where a resolver
may say "spokesperson for the Chinese coast guard"), so identity is judged as coreference:
within an article, predicted names are mapped one-to-one onto gold names so as to agree on
the most mentions, and a mention's actor is right when its predicted name maps to its gold
name. Its *side* is right when the dyad codes agree (the actor's code when it is a country,
else its affiliation: what a researcher counts). A resolution is correct when both are.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from claimcoder.data.actor_dictionary import mention_kind
from claimcoder.data.articles import split_sentences
from claimcoder.data.schema import Actor, Claim, Sentence, Span

from .stats import DEFAULT_RESAMPLES, percentile_ci, resample_weights

MENTION_KINDS = ("named", "descriptor", "pronoun")
#: A resolver: one article's sentences in reading order in, the same sentences with actors on their spans out.
Resolve = Callable[[Sequence[Sentence]], list[Sentence]]
#: A claim coder: sentence texts in, one ``Sentence`` with its predicted claims per text out.
Predict = Callable[[Sequence[str]], list[Sentence]]


# ----------------------------------------------------------------------------------------- articles
def _order(s: Sentence, fallback: int) -> int:
    index = s.meta.get("sent_index") if s.meta else None
    if isinstance(index, int):
        return index
    m = re.search(r"-(\d+)$", s.id or "")
    return int(m.group(1)) if m else fallback


def gold_articles(sentences: Sequence[Sentence]) -> list[list[Sentence]]:
    """The gold sentences grouped by article, each article in reading order (``meta.sent_index``)."""
    docs: dict[str, list[tuple[int, Sentence]]] = {}
    for i, s in enumerate(sentences):
        docs.setdefault(s.doc_id or s.id, []).append((_order(s, i), s))
    return [[s for _, s in sorted(items, key=lambda x: x[0])] for items in docs.values()]


def _strip_span(span: Span | None) -> Span | None:
    return None if span is None else replace(span, actor=None)


def strip_actors(sentences: Sequence[Sentence]) -> list[Sentence]:
    """Copies of the sentences with every span's actor removed: what a resolver is given."""
    return [replace(s, claims=[replace(c, source=_strip_span(c.source), target=_strip_span(c.target))
                               for c in s.claims]) for s in sentences]


#: What ends a sentence of body text; a first sentence without it is a heading.
_FINAL = re.compile(r"[.?!…][\"'”’)\]]*\s*$")


def rebuild_text(sentences: Sequence[Sentence]) -> tuple[str, list[tuple[int, int]]]:
    """An article's text from its sentences in order, and each sentence's offsets.

    Sentences are joined by one space, except that a first sentence without final punctuation (a headline
    or a release's heading: 435 of the 527 gold articles) stands on its own line, as it does in any article
    file; run into the body, it would hide the dateline that follows it ("... Brussels probe" + "LONDON,
    Oct 8 - ...").
    """
    text, offsets = "", []
    for i, s in enumerate(sentences):
        if i:
            text += "\n\n" if i == 1 and not _FINAL.search(sentences[0].text) else " "
        offsets.append((len(text), len(text) + len(s.text)))
        text += s.text
    return text, offsets


# ------------------------------------------------------------------------------------------ actors
def side(actor: Actor | None) -> str | None:
    """The dyad code: the actor's own code when it is a country, otherwise its affiliation."""
    if actor is None:
        return None
    return actor.code if actor.kind == "country" else actor.affiliation


def _label(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    return re.sub(r"[^\w|]+", " ", re.sub(r"^(the|a|an)\s+", "", actor.name.strip(), flags=re.I)).casefold().strip()


def align_names(pairs: Sequence[tuple[str | None, str | None]]) -> dict[str, str]:
    """One-to-one map of predicted onto gold names that agrees on the most (predicted, gold) mention pairs.

    Among maps that agree on as many pairs, the one that pairs the most identical names wins: where "Sylvain
    Ndakala" and "minister" each stand once for the gold Sylvain Ndakala, the name is his and the unlinked
    descriptor is the error (an arbitrary tie-break would score the named mention wrong instead)."""
    from scipy.optimize import linear_sum_assignment

    pairs = [(p, g) for p, g in pairs if p is not None and g is not None]
    preds = sorted({p for p, _ in pairs})
    golds = sorted({g for _, g in pairs})
    if not pairs:
        return {}
    counts = np.zeros((len(preds), len(golds)))
    pi, gi = {p: i for i, p in enumerate(preds)}, {g: i for i, g in enumerate(golds)}
    for p, g in pairs:
        counts[pi[p], gi[g]] += 1
    # A bonus for identical names, too small in sum (under 1) to outweigh one more agreeing pair.
    bonus = 1.0 / (len(preds) + len(golds) + 1)
    same = np.array([[float(p == g) for g in golds] for p in preds]) * bonus
    rows, cols = linear_sum_assignment(-(counts + same * (counts > 0)))
    return {preds[r]: golds[c] for r, c in zip(rows, cols) if counts[r, c] > 0}


@dataclass
class MentionResult:
    """One gold span and what the resolver made of it."""

    doc: int
    kind: str
    text: str
    gold: Actor | None
    pred: Actor | None
    entity_ok: bool = False
    side_ok: bool = False

    @property
    def ok(self) -> bool:
        return self.entity_ok and self.side_ok

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "gold": self.gold.to_dict() if self.gold else None,
                "pred": self.pred.to_dict() if self.pred else None, "entity_ok": self.entity_ok,
                "side_ok": self.side_ok}


def _spans(sentences: Sequence[Sentence]) -> list[Span | None]:
    return [span for s in sentences for c in s.claims for span in (c.source, c.target)]


def compare_article(doc: int, gold: Sequence[Sentence], pred: Sequence[Sentence]) -> list[MentionResult]:
    """Every gold span with an actor, against the predicted actor on the same span."""
    pairs = [(g, p) for g, p in zip(_spans(gold), _spans(pred)) if g is not None and g.actor is not None]
    mapping = align_names([(_label(p.actor if p else None), _label(g.actor)) for g, p in pairs])
    out = []
    for g, p in pairs:
        pa = p.actor if p is not None else None
        out.append(MentionResult(doc, mention_kind(g.text), g.text, g.actor, pa,
                                 entity_ok=pa is not None and mapping.get(_label(pa)) == _label(g.actor),
                                 side_ok=side(pa) == side(g.actor)))
    return out


def _ratio_ci(num: np.ndarray, den: np.ndarray, n_resamples: int, seed: int) -> list[float] | None:
    """Percentile interval of sum(num)/sum(den) over resampled documents."""
    if not n_resamples or den.sum() == 0:
        return None
    w = resample_weights(len(num), n_resamples, seed)
    d = w @ den
    return percentile_ci(np.divide(w @ num, d, out=np.zeros_like(d), where=d > 0), 0.95)


def _accuracy(results: Sequence[MentionResult], n_docs: int, n_resamples: int, seed: int) -> dict[str, Any]:
    out: dict[str, Any] = {"n": len(results)}
    den = np.zeros(n_docs)
    for r in results:
        den[r.doc] += 1
    for key, test in (("accuracy", lambda r: r.ok), ("entity", lambda r: r.entity_ok), ("side", lambda r: r.side_ok)):
        num = np.zeros(n_docs)
        for r in results:
            num[r.doc] += test(r)
        out[key] = float(num.sum() / den.sum()) if den.sum() else None
        out[f"{key}_ci"] = _ratio_ci(num, den, n_resamples, seed)
    return out


def resolution_accuracy(gold: Sequence[Sentence], resolve: Resolve, n_resamples: int = DEFAULT_RESAMPLES,
                        seed: int = 13, errors: int = 0) -> dict[str, Any]:
    """The resolver alone on gold claims: strip the gold actors, ``resolve`` each article, compare.

    Returns accuracy (entity and side right), entity accuracy and side accuracy, each with a 95%
    interval over articles, overall and ``by_kind`` (named, descriptor, pronoun). ``errors``: how
    many wrong resolutions to list (for reading, not for scoring).
    """
    articles = gold_articles(gold)
    results: list[MentionResult] = []
    for d, sentences in enumerate(articles):
        resolved = resolve(strip_actors(sentences))
        results += compare_article(d, sentences, resolved)
    report = {"articles": len(articles), "overall": _accuracy(results, len(articles), n_resamples, seed),
              "by_kind": {k: _accuracy([r for r in results if r.kind == k], len(articles), n_resamples, seed)
                          for k in MENTION_KINDS}}
    if errors:
        report["errors"] = [r.to_dict() | {"doc_id": articles[r.doc][0].doc_id} for r in results if not r.ok][:errors]
    return report


#: Confidence bands and kept shares that ``confidence_figures`` reports.
CONFIDENCE_BANDS = (0.0, 0.5, 0.7, 0.8, 0.9, 1.0001)
KEPT_SHARES = (0.25, 0.5, 0.75, 1.0)


def confidence_figures(scored: Sequence[tuple[float, bool, str]]) -> dict[str, Any]:
    """How well resolution confidences rank and read: ``scored`` holds (confidence, right or not, mention kind)
    per gold span. ROC AUC, accuracy by confidence band (is a 0.9 right nine times in ten?) and accuracy of the
    most confident share of resolutions, overall and per mention kind (what a user keeps at what accuracy)."""
    from sklearn.metrics import roc_auc_score

    p = np.array([c for c, _, _ in scored], dtype=float)
    y = np.array([ok for _, ok, _ in scored], dtype=float)
    out: dict[str, Any] = {"spans": int(len(y)), "accuracy": round(float(y.mean()), 3) if len(y) else None,
                           "roc_auc": round(float(roc_auc_score(y, p)), 3) if 0 < y.sum() < len(y) else None,
                           "bands": [], "most_confident": {}}
    for lo, hi in zip(CONFIDENCE_BANDS[:-1], CONFIDENCE_BANDS[1:]):
        s = (p >= lo) & (p < hi)
        if s.any():
            out["bands"].append({"from": lo, "to": min(hi, 1.0), "spans": int(s.sum()),
                                 "mean_confidence": round(float(p[s].mean()), 3), "accuracy": round(float(y[s].mean()), 3)})
    for kind in ("all", *MENTION_KINDS):
        keep = np.array([kind == "all" or k == kind for _, _, k in scored], dtype=bool)
        if not keep.any():
            continue
        ranked = y[keep][np.argsort(-p[keep], kind="stable")]
        out["most_confident"][kind] = {f"{share:.0%}": round(float(ranked[:max(1, int(len(ranked) * share))].mean()), 3)
                                       for share in KEPT_SHARES}
    return out


# ------------------------------------------------------------------------------------- end to end
@dataclass
class _Predicted:
    claim: Claim
    start: int  # the predicted sentence's offset in the article
    end: int


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _home(pred: _Predicted, offsets: Sequence[tuple[int, int]]) -> int:
    """The gold sentence a predicted claim belongs to: the one holding its first span, else the most overlap."""
    for span in (pred.claim.source, pred.claim.target):
        if span is not None:
            at = pred.start + span.start
            for i, (s, e) in enumerate(offsets):
                if s <= at < e:
                    return i
    return max(range(len(offsets)), key=lambda i: _overlap(offsets[i], (pred.start, pred.end)))


def _span_pairs(gold_claims: Sequence[Claim], preds: Sequence[_Predicted], g_off: int) -> list[tuple[Span, Span]]:
    """(gold span, predicted span) pairs that overlap in the article: the evidence for aligning names."""
    out = []
    for gc in gold_claims:
        for p in preds:
            for role in ("source", "target"):
                gs, ps = getattr(gc, role), getattr(p.claim, role)
                if gs is not None and ps is not None and gs.actor is not None and ps.actor is not None and \
                        _overlap((g_off + gs.start, g_off + gs.end), (p.start + ps.start, p.start + ps.end)):
                    out.append((gs, ps))
    return out


def _claim_match(gc: Claim, pc: Claim, mapping: dict[str, str]) -> bool:
    """Same type, and source and target are the same actors on the same sides (both absent counts as the same)."""
    if gc.type != pc.type:
        return False
    for role in ("source", "target"):
        ga = getattr(gc, role).actor if getattr(gc, role) is not None else None
        pa = getattr(pc, role).actor if getattr(pc, role) is not None else None
        if (ga is None) != (pa is None) or (ga is not None and (mapping.get(_label(pa)) != _label(ga)
                                                                  or side(pa) != side(ga))):
            return False
    return True


def _dyad(c: Claim) -> tuple[str | None, str | None]:
    return (side(c.source.actor) if c.source is not None else None,
            side(c.target.actor) if c.target is not None else None)


def _best(gc: Claim, candidates: Sequence[Claim]) -> Claim | None:
    """The predicted claim of the same type that shares the most span characters with a gold one."""
    same = [c for c in candidates if c.type == gc.type]
    if not same:
        return None

    def shared(c: Claim) -> int:
        return sum(_overlap((getattr(gc, r).start, getattr(gc, r).end), (getattr(c, r).start, getattr(c, r).end))
                   for r in ("source", "target") if getattr(gc, r) is not None and getattr(c, r) is not None)
    return max(same, key=shared)


def score_article(gold: Sequence[Sentence], predicted: Sequence[tuple[int, int, Sentence]]) -> dict[str, int]:
    """Tallies for one article: actor-level claim TP/predicted/gold, dyads right (of all gold claims and of
    the gold claims found with their type)."""
    text, offsets = rebuild_text(gold)
    preds = [_Predicted(c, s, e) for s, e, sent in predicted for c in sent.claims]
    by_gold: list[list[_Predicted]] = [[] for _ in gold]
    for p in preds:
        by_gold[_home(p, offsets)].append(p)
    evidence = []
    for i, g in enumerate(gold):
        evidence += _span_pairs(g.claims, by_gold[i], offsets[i][0])
    mapping = align_names([(_label(p.actor), _label(g.actor)) for g, p in evidence])
    t = {"tp": 0, "pred": len(preds), "gold": 0, "dyad_ok": 0, "found": 0, "found_dyad_ok": 0}
    for i, g in enumerate(gold):
        # predicted claims re-expressed with spans in gold-sentence offsets, for the overlap tie-break
        shift = [replace(p.claim, source=_shift(p.claim.source, p.start - offsets[i][0]),
                         target=_shift(p.claim.target, p.start - offsets[i][0])) for p in by_gold[i]]
        free = list(range(len(shift)))
        for gc in g.claims:
            t["gold"] += 1
            hit = next((j for j in free if _claim_match(gc, shift[j], mapping)), None)
            if hit is not None:
                t["tp"] += 1
                free.remove(hit)
            best = _best(gc, shift)
            if best is not None:
                t["found"] += 1
                ok = _dyad(best) == _dyad(gc)
                t["found_dyad_ok"] += ok
                t["dyad_ok"] += ok
    return t


def _shift(span: Span | None, by: int) -> Span | None:
    return None if span is None else replace(span, start=span.start + by, end=span.end + by)


def code_article(text: str, predict: Predict, resolve: Resolve) -> list[tuple[int, int, Sentence]]:
    """Split an article's text, code its sentences and resolve their actors: (start, end, sentence) each."""
    spans = split_sentences(text)
    coded = predict([text[s:e] for s, e in spans])
    resolved = resolve(coded)
    return [(s, e, r) for (s, e), r in zip(spans, resolved)]


def evaluate_articles(gold: Sequence[Sentence], predict: Predict, resolve: Resolve,
                      n_resamples: int = DEFAULT_RESAMPLES, seed: int = 13) -> dict[str, Any]:
    """End to end on gold articles: raw text -> sentences -> model -> resolver, against the gold.

    Reports actor-level claim precision, recall and F1 (a claim counts when its type, source actor and
    target actor are right), dyad accuracy over all gold claims (a claim the model missed is wrong) and
    over the gold claims the model found with their type, and the resolver alone on gold claims
    (``resolution``), each with a 95% interval over articles.
    """
    articles = gold_articles(gold)
    tallies = []
    for sentences in articles:
        text, _ = rebuild_text(sentences)
        tallies.append(score_article(sentences, code_article(text, predict, resolve)))
    col = {k: np.array([t[k] for t in tallies], dtype=float) for k in tallies[0]} if tallies else {}
    n = len(articles)

    def ratio(num: str, den: str) -> dict[str, Any]:
        total = col[den].sum() if n else 0
        return {"value": float(col[num].sum() / total) if total else None, "n": int(total),
                "ci": _ratio_ci(col[num], col[den], n_resamples, seed) if n else None}

    report: dict[str, Any] = {"articles": n, "claims_gold": int(col["gold"].sum()) if n else 0,
                              "claims_predicted": int(col["pred"].sum()) if n else 0}
    if n:
        report["claim_precision"] = ratio("tp", "pred")
        report["claim_recall"] = ratio("tp", "gold")
        both = col["pred"] + col["gold"]
        f1 = float(2 * col["tp"].sum() / both.sum()) if both.sum() else None
        report["claim_f1"] = {"value": f1, "ci": _ratio_ci(2 * col["tp"], both, n_resamples, seed)}
        report["dyad_accuracy"] = ratio("dyad_ok", "gold")
        report["dyad_accuracy_found"] = ratio("found_dyad_ok", "found")
    report["resolution"] = resolution_accuracy(gold, resolve, n_resamples=n_resamples, seed=seed)
    return report


def _fmt(value: float | None, ci: Sequence[float] | None) -> str:
    if value is None:
        return "   -  "
    return f"{value:6.1%}" + (f"  [{ci[0]:.1%}, {ci[1]:.1%}]" if ci else "")


def format_articles_report(report: dict[str, Any]) -> str:
    """The figures as terminal text."""
    res = report["resolution"] if "resolution" in report else report
    lines = [f"resolution on gold claims ({res['articles']} articles; right = same actor and same side):",
             f"  {'mention kind':<12} {'n':>5}  {'accuracy':<26} {'actor':<8} {'side':<8}"]
    for name, row in [*res["by_kind"].items(), ("all", res["overall"])]:
        lines.append(f"  {name:<12} {row['n']:>5}  {_fmt(row['accuracy'], row['accuracy_ci']):<26} "
                     f"{_fmt(row['entity'], None):<8} {_fmt(row['side'], None):<8}")
    conf = report.get("confidence")
    if conf and conf.get("spans"):
        auc = "n/a" if conf["roc_auc"] is None else conf["roc_auc"]
        lines += ["", f"actor_confidence on these spans: ROC AUC {auc}; accuracy of the most confident "
                      "share (all / " + " / ".join(MENTION_KINDS) + "):"]
        if conf.get("fitted_on_this_file"):
            lines.append("  (in-sample: the bundled confidence was fitted on a gold file of this name)")
        for share in (f"{s:.0%}" for s in KEPT_SHARES):
            lines.append(f"  {share:>5}  " + "  ".join(f"{conf['most_confident'][k][share]:6.1%}"
                                                     if k in conf["most_confident"] else "     -"
                                                     for k in ("all", *MENTION_KINDS)))
        lines.append("  bands: " + "; ".join(f"{b['from']:g}-{b['to']:g}: {b['accuracy']:.1%} of {b['spans']}"
                                             for b in conf["bands"]))
    if "claim_f1" in report:
        lines += ["", f"end to end ({report['articles']} articles, {report['claims_gold']} gold claims, "
                      f"{report['claims_predicted']} predicted):"]
        for name, key in (("actor-level claim F1", "claim_f1"), ("  precision", "claim_precision"),
                          ("  recall", "claim_recall"), ("dyad accuracy (all gold)", "dyad_accuracy"),
                          ("dyad accuracy (found)", "dyad_accuracy_found")):
            lines.append(f"  {name:<25}{_fmt(report[key]['value'], report[key]['ci'])}")
        lines[-1] += f"  ({report['dyad_accuracy_found']['n']} gold claims found with their type)"
    return "\n".join(lines)


__all__ = ["MENTION_KINDS", "gold_articles", "strip_actors", "rebuild_text", "side", "align_names",
           "compare_article", "resolution_accuracy", "score_article", "code_article", "evaluate_articles",
           "format_articles_report", "confidence_figures"]
