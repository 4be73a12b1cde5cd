"""Fit the resolution confidence (``scoring.reliability``) on gold articles and measure it on held-out ones.

    python bench/fit_reliability.py --fit data/gold/actors-{dev,test}*.jsonl data/gold/actors-train-[a-t].jsonl \\
        --test data/gold/actors-train-[u-y].jsonl --write

Every gold article is resolved as ``claimcoder evaluate --articles FILE --resolver-only`` resolves it (its gold
claims, the actors stripped); each claim span's signals (``reliability.evidence``) are paired with whether its
actor and side came out right. Gradient-boosted trees (scikit-learn's ``HistGradientBoostingClassifier``, the
settings in ``TREES``) are fitted on the ``--fit`` files, first leaving one file out at a time (the ROC AUC to
choose signals and settings by, printed beside a logistic regression's), then on all of them, and scored on the
``--test`` files: ROC AUC, accuracy by confidence band (is a 0.9 right nine times in ten?) and accuracy of the most
confident share of resolutions (how many a researcher keeps at a given accuracy), overall and per mention kind.
``--write`` stores the trees as plain numbers, with the files and those held-out figures, in
``data/actors/reliability.json`` (or the file it names); ``scoring.reliability`` walks them and must give the
fitted model's probabilities, which is checked before writing. The test files must stay out of ``--fit``.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from claimcoder.data import io
from claimcoder.data.actor_dictionary import ActorDictionary
from claimcoder.eval.articles import compare_article, confidence_figures, gold_articles, strip_actors
from claimcoder.scoring.actors import resolve_claims, with_actors
from claimcoder.scoring.home import held_out
from claimcoder.scoring import reliability
from claimcoder.scoring.reliability import FEATURES, Trees

OUT = Path(__file__).resolve().parents[1] / "data" / "actors" / "reliability.json"
#: The trees' settings, chosen by leaving one fitted file out at a time (ROC AUC 0.778; 200 trees of 31 leaves at
#: rate 0.05: 0.779; 300 of 7: 0.775; a logistic regression: 0.724).
TREES = {"max_iter": 100, "learning_rate": 0.1, "max_leaf_nodes": 15, "l2_regularization": 1.0,
         "early_stopping": False, "random_state": 0}


def _resolve_without_model(sentences, dictionary: ActorDictionary, found: list[dict]):
    """``resolve_claims`` with its signals collected; the confidence it also computes is not asked of the file being
    refitted (which may be missing or stale): the signals do not depend on it."""
    bundled = reliability.confidence
    reliability.confidence = lambda x: 0.5
    try:
        return resolve_claims([(s.text, s.claims) for s in sentences], dictionary, evidence=found)
    finally:
        reliability.confidence = bundled


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
                resolved = _resolve_without_model(stripped, dictionary, found)
                by_span = {(e["sentence"], e["claim"], e["role"]): e["signals"] for e in found}
                pred = with_actors(stripped, resolved)
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
    """Held-out figures of confidences ``p`` against outcomes ``y``, rounded to three places as rows carry them (so
    ``claimcoder evaluate --articles`` gives the same figures)."""
    return confidence_figures(list(zip(np.round(p, 3).tolist(), y.astype(bool).tolist(), kinds)))


def export(model: HistGradientBoostingClassifier) -> tuple[float, list[list[list[float]]]]:
    """The fitted trees as plain numbers: the baseline log-odds and, per tree, its nodes ([leaf value], or [signal
    index, threshold, left, right] where a signal at most the threshold goes left)."""
    trees = []
    for (predictor,) in model._predictors:  # one tree per boosting round for a binary task
        nodes = []
        for n in predictor.nodes:
            if n["is_categorical"]:
                raise ValueError("categorical splits are not supported")
            nodes.append([float(n["value"])] if n["is_leaf"] else
                         [int(n["feature_idx"]), float(n["num_threshold"]), int(n["left"]), int(n["right"])])
        trees.append(nodes)
    return float(np.asarray(model._baseline_prediction).ravel()[0]), trees


def leave_one_file_out(make, x: np.ndarray, y: np.ndarray, files: list[str]) -> float:
    groups = np.array(files)
    out = np.zeros(len(y))
    for name in sorted(set(files)):
        held = groups == name
        out[held] = make().fit(x[~held], y[~held]).predict_proba(x[held])[:, 1]
    return float(roc_auc_score(y, out))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fit", nargs="+", required=True, help="gold files to fit on")
    ap.add_argument("--test", nargs="+", required=True, help="held-out gold files to measure on")
    ap.add_argument("--write", nargs="?", const=str(OUT), default=None, metavar="FILE",
                    help=f"store the fitted trees (default file: {OUT})")
    args = ap.parse_args()
    overlap = {Path(p).name for p in args.fit} & {Path(p).name for p in args.test}
    if overlap:
        ap.error(f"files both fitted on and tested on: {sorted(overlap)}")
    x, y, fit_kinds, fit_files = signals(args.fit)
    trees_cv = None
    if len(set(fit_files)) > 1:
        trees_cv = leave_one_file_out(lambda: HistGradientBoostingClassifier(**TREES), x, y, fit_files)
        linear_cv = leave_one_file_out(lambda: LogisticRegression(C=1.0, max_iter=5000), x, y, fit_files)
        print(f"leaving one fitted file out at a time: ROC AUC {trees_cv:.3f} (trees), {linear_cv:.3f} (logistic)")
    model = HistGradientBoostingClassifier(**TREES).fit(x, y)
    baseline, trees = export(model)
    walked = Trees(baseline, trees)
    gap = max(abs(1 / (1 + np.exp(-walked.raw(list(row)))) - p) for row, p in zip(x, model.predict_proba(x)[:, 1]))
    if gap > 1e-9:
        raise SystemExit(f"the exported trees give other probabilities than the fitted model (by up to {gap:.2g})")
    xt, yt, kinds, _ = signals(args.test)
    held = figures(model.predict_proba(xt)[:, 1], yt, kinds)
    fitted = figures(model.predict_proba(x)[:, 1], y, fit_kinds)
    print(f"fitted on {len(y)} spans ({len(args.fit)} files): accuracy {fitted['accuracy']}, ROC AUC {fitted['roc_auc']}")
    print(json.dumps(held, indent=1))
    if args.write:
        record = {"about": "Boosted trees of scoring/reliability.py: the log-odds that a resolution's actor and side "
                           "are right is baseline + the leaf each tree reaches. Refit with python "
                           "bench/fit_reliability.py (its docstring).",
                  "features": list(FEATURES), "settings": TREES,
                  "fitted_on": sorted(Path(p).name for p in args.fit), "fitted_spans": int(len(y)),
                  "leave_one_file_out_roc_auc": None if trees_cv is None else round(trees_cv, 3),
                  "held_out": {"files": sorted(Path(p).name for p in args.test), **held},
                  "baseline": baseline, "trees": trees}
        Path(args.write).write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"written: {args.write}")


if __name__ == "__main__":
    main()
