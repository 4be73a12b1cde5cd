"""Fit the resolution confidence (``scoring.reliability``) on gold articles and measure it on held-out ones.

    python bench/fit_reliability.py --fit data/gold/actors-{dev,test}*.jsonl data/gold/actors-train-[a-t].jsonl \\
        --test data/gold/actors-train-[u-y].jsonl --write

Every gold article is resolved as ``claimcoder evaluate --articles FILE --resolver-only`` resolves it (its gold
claims, the actors stripped); each claim span's signals (``reliability.evidence``) are paired with whether its
actor and side came out right. A logistic regression (scikit-learn, L2, C=1) is fitted on the ``--fit`` files
and scored on the ``--test`` files: ROC AUC, accuracy by confidence band (is a 0.9 right nine times in ten?) and
accuracy of the most confident share of resolutions (how many a researcher keeps at a given accuracy), overall
and per mention kind. ``--write`` stores the weights, the files and those held-out figures in
``data/actors/reliability.json``. The test files must stay out of ``--fit`` for the figures to mean anything.
"""
from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from claimcoder.data import io
from claimcoder.data.actor_dictionary import ActorDictionary
from claimcoder.data.schema import Claim
from claimcoder.eval.articles import compare_article, gold_articles, strip_actors
from claimcoder.scoring.actors import resolve_claims
from claimcoder.scoring.home import held_out
from claimcoder.scoring.reliability import FEATURES

OUT = Path(__file__).resolve().parents[1] / "data" / "actors" / "reliability.json"
BANDS = (0.0, 0.5, 0.7, 0.8, 0.9, 1.0001)
SHARES = (0.25, 0.5, 0.75, 1.0)


def signals(paths: list[str]) -> tuple[np.ndarray, np.ndarray, list[str], list[str]]:
    """One row of signals per gold claim span with an actor, whether the resolver got it right, its kind and its
    file."""
    dictionary = ActorDictionary.load([])
    xs, ys, kinds, files = [], [], [], []
    for path in paths:
        gold = io.read_jsonl(path, claim_types=None)
        with held_out({s.doc_id for s in gold}):  # as the evaluation does: no article's country is learnt
            for d, sentences in enumerate(gold_articles(gold)):
                stripped = strip_actors(sentences)
                found: list[dict] = []
                resolved = resolve_claims([(s.text, s.claims) for s in stripped], dictionary, evidence=found)
                by_span = {(e["sentence"], e["claim"], e["role"]): e["signals"] for e in found}
                pred = [replace(s, claims=[Claim(c.type, replace(c.source, actor=a.source.to_actor()) if c.source else None,
                                                 replace(c.target, actor=a.target.to_actor()) if c.target else None,
                                                 c.score) for c, a in zip(s.claims, row)])
                        for s, row in zip(stripped, resolved)]
                results = iter(compare_article(d, sentences, pred))
                for i, s in enumerate(sentences):  # compare_article's order: claims in order, source then target
                    for k, c in enumerate(s.claims):
                        for role in ("source", "target"):
                            span = getattr(c, role)
                            if span is None or span.actor is None:
                                continue
                            r = next(results)
                            x = by_span[(i, k, role)]
                            xs.append([x[f] for f in FEATURES])
                            ys.append(r.ok)
                            kinds.append(r.kind)
                            files.append(Path(path).name)
    return np.array(xs), np.array(ys, dtype=float), kinds, files


def figures(p: np.ndarray, y: np.ndarray, kinds: list[str]) -> dict:
    """Held-out figures of confidences ``p`` against outcomes ``y``."""
    out: dict = {"spans": int(len(y)), "accuracy": round(float(y.mean()), 3),
                 "roc_auc": round(float(roc_auc_score(y, p)), 3), "bands": [], "most_confident": {}}
    for lo, hi in zip(BANDS[:-1], BANDS[1:]):
        s = (p >= lo) & (p < hi)
        if s.any():
            out["bands"].append({"from": lo, "to": min(hi, 1.0), "spans": int(s.sum()),
                                 "mean_confidence": round(float(p[s].mean()), 3), "accuracy": round(float(y[s].mean()), 3)})
    for kind in (None, "named", "descriptor", "pronoun"):
        keep = np.array([kind is None or k == kind for k in kinds])
        order = np.argsort(-p[keep], kind="stable")
        yk = y[keep][order]
        out["most_confident"][kind or "all"] = {f"{share:.0%}": round(float(yk[:max(1, int(len(yk) * share))].mean()), 3)
                                               for share in SHARES}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fit", nargs="+", required=True, help="gold files to fit on")
    ap.add_argument("--test", nargs="+", required=True, help="held-out gold files to measure on")
    ap.add_argument("--write", action="store_true", help=f"store the fitted weights in {OUT}")
    args = ap.parse_args()
    overlap = {Path(p).name for p in args.fit} & {Path(p).name for p in args.test}
    if overlap:
        ap.error(f"files both fitted on and tested on: {sorted(overlap)}")
    x, y, fit_kinds, fit_files = signals(args.fit)
    # leaving one fitted file out at a time: the figure to choose signals by (the test files are for reporting)
    groups = np.array(fit_files)
    cv = np.zeros(len(y))
    for name in sorted(set(fit_files)):
        out = groups == name
        cv[out] = LogisticRegression(C=1.0, max_iter=5000).fit(x[~out], y[~out]).predict_proba(x[out])[:, 1]
    print(f"leaving one fitted file out at a time: ROC AUC {roc_auc_score(y, cv):.3f}")
    model = LogisticRegression(C=1.0, max_iter=5000).fit(x, y)
    xt, yt, kinds, _ = signals(args.test)
    held = figures(model.predict_proba(xt)[:, 1], yt, kinds)
    fitted = figures(model.predict_proba(x)[:, 1], y, fit_kinds)
    print(f"fitted on {len(y)} spans ({len(args.fit)} files): accuracy {fitted['accuracy']}, ROC AUC {fitted['roc_auc']}")
    print(json.dumps(held, indent=1))
    if args.write:
        record = {"about": "Weights of scoring/reliability.py's logistic regression: the chance that a resolution's "
                           "actor and side are right. Refit with python bench/fit_reliability.py (its docstring).",
                  "weights": {f: round(float(w), 4) for f, w in zip(FEATURES, model.coef_[0])},
                  "intercept": round(float(model.intercept_[0]), 4),
                  "fitted_on": sorted(Path(p).name for p in args.fit), "fitted_spans": int(len(y)),
                  "held_out": {"files": sorted(Path(p).name for p in args.test), **held}}
        OUT.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"written: {OUT}")


if __name__ == "__main__":
    main()
