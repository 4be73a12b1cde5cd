"""Assemble, print and write an evaluation report: JSON for scripts, Markdown for people, PNGs.

``build_report`` puts the pieces in one dict (the primary system's headline figures at
the top level, as ``claimcoder evaluate --json`` always wrote them); ``write_report``
writes ``report.json``, ``report.md`` and the plots into a folder.
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .evaluate import HEADLINE_KEYS

METHOD = {
    "intervals": "95% percentile bootstrap over documents (documents drawn with replacement, all their "
                 "sentences kept together; a sentence without doc_id is its own document); {n} resamples, "
                 "seed {seed}.",
    "paired_test": "paired bootstrap: both systems scored on the same document resamples; two-sided p-value = share "
                   "of resamples whose difference strays from the observed one by at least the observed amount.",
    "thresholds": "every system's decision thresholds were tuned on its dev split; the evaluated data was not used. "
                  "The threshold sweep on the evaluated data is descriptive (its best F1 is an upper bound).",
    "types": "sentence-level multi-label: a sentence counts for a type if it holds at least one claim of it.",
    "spans": "source/target spans compared within sentence and type; exact = same offsets, overlap = token-overlap "
             "F1; null spans not counted. Claim F1: type matches and sources overlap (or both null), one to one.",
    "calibration": "ECE over 10 equal-width score bins: sum of (bin share) x |observed rate - mean score|.",
    "baselines": "majority = the train split's most frequent type set (no claim), scored with train prevalence; "
                 "rules = verb and phrase lexicons per type with vetoes for procedural uses, source = subject of the "
                 "cue or speech verb (or the quote's attribution), target = the verb's object, each pattern scored "
                 "by its smoothed train precision, thresholds tuned on dev; tfidf = word (+char) n-gram TF-IDF and a "
                 "class-balanced logistic regression per type, features and C chosen by dev macro-F1, thresholds "
                 "tuned on dev, no spans. See claimcoder/eval/systems/ (the rule lexicons: lexicons.json).",
}


def _clean(obj: Any) -> Any:
    """JSON-safe: NaN and infinities become null."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {str(k): _clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean(v) for v in obj]
    return obj


def build_report(results: Mapping[str, Any], *, data: str, model: str, claim_types: list[str], seed: int,
                 n_resamples: int, notes: list[str] | tuple[str, ...] = (), **sections: Any) -> dict[str, Any]:
    """One dict with everything; ``results`` comes from ``evaluate_systems``; ``sections``
    adds ``cross_validation``, ``learning_curve`` and the like when computed; ``notes`` are warnings
    the caller knows of (such as documents shared with the training data)."""
    from claimcoder.data.version import __version__

    systems = results["systems"]
    primary = next(iter(systems))
    top = systems[primary]
    report: dict[str, Any] = {"claimcoder_version": __version__, "data": data, "model": model,
                              "claim_types": list(claim_types), "seed": seed, "n_resamples": n_resamples,
                              "primary": primary}
    report.update({k: top[k] for k in HEADLINE_KEYS if k in top})
    report["systems"] = dict(systems)
    report["comparisons"] = dict(results.get("comparisons", {}))
    report.update({k: v for k, v in sections.items() if v is not None})
    report["method"] = {k: v.format(n=n_resamples, seed=seed) for k, v in METHOD.items()}
    report["warnings"] = warnings(top) + list(notes)
    return _clean(report)


def warnings(figures: Mapping[str, Any]) -> list[str]:
    """What a reader should know before quoting the figures."""
    out = []
    n_docs = figures.get("n_documents")
    if n_docs is not None and n_docs < 10:
        out.append(f"only {n_docs} document(s): bootstrap intervals over documents are unreliable with so few")
    absent = [t for t, m in figures["per_type"].items() if not m["support"]]
    if absent:
        out.append(f"no gold claim of type {', '.join(absent)} in the data: its F1 is 0 by convention and pulls "
                   "macro-F1 down; read per-type figures")
    return out


def _ci(m: Mapping[str, Any], key: str, value: float) -> str:
    ci = m.get("ci", {}).get(key)
    return f"{value:.3f} [{ci[0]:.3f}, {ci[1]:.3f}]" if ci else f"{value:.3f}"


def _mean_ece(m: Mapping[str, Any]) -> float | None:
    ece = [v for v in m.get("ece", {}).values() if v is not None]
    return sum(ece) / len(ece) if ece else None


def _p(p: float | None, n: int) -> str:
    """A bootstrap p-value: 0 of n resamples means below 1/n, not zero; none without resamples."""
    if p is None:
        return "no test"
    return f"p<{1 / n:.3f}" if p == 0 and n else f"p={p:.3f}"


def _row(name: str, m: Mapping[str, Any], comparisons: Mapping[str, Any], primary: str) -> list[str]:
    cmp = comparisons.get(f"{primary} vs {name}")
    delta = f"{-cmp['delta']:+.3f} ({_p(cmp['p_value'], cmp['n_resamples'])})" if cmp else "-"
    ece = _mean_ece(m)
    return [name, _ci(m, "macro_f1", m["macro_f1"]), _ci(m, "micro_f1", m["micro_f1"]), f"{m['exact_match']:.3f}",
            _ci(m, "source.overlap_f1", m["source"]["overlap_f1"]), _ci(m, "target.overlap_f1", m["target"]["overlap_f1"]),
            _ci(m, "claim.f1", m["claim"]["f1"]), "-" if ece is None else f"{ece:.3f}", delta]


SYSTEM_HEADER = ["system", "macro-F1 [95% CI]", "micro-F1", "exact", "source F1 (overlap)", "target F1 (overlap)",
                 "claim F1", "mean ECE", "macro-F1 vs primary (p)"]


def format_systems(report: Mapping[str, Any]) -> str:
    """The systems side by side as a terminal table."""
    rows = [SYSTEM_HEADER] + [_row(n, m, report.get("comparisons", {}), report["primary"])
                              for n, m in report["systems"].items()]
    widths = [max(len(r[i]) for r in rows) for i in range(len(SYSTEM_HEADER))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def format_comparison(cmp: Mapping[str, Any]) -> str:
    """One paired comparison in two lines."""
    head = (f"{cmp.get('a', 'A')} vs {cmp.get('b', 'B')}: {cmp['metric']} {cmp['a_score']:.3f} vs "
            f"{cmp['b_score']:.3f}, difference {cmp['delta']:+.3f}")
    if cmp["p_value"] is None:
        return f"{head} (no resampling: --bootstrap 0, so no interval and no test)"
    lo, hi = cmp["delta_ci"]
    return (f"{head} [95% CI {lo:+.3f}, {hi:+.3f}], "
            f"{_p(cmp['p_value'], cmp['n_resamples']).replace('p=', 'p = ').replace('p<', 'p < ')} "
            f"(paired bootstrap over {cmp['n_documents']} documents, {cmp['n_resamples']} resamples)")


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + ["| " + " | ".join(r) + " |" for r in rows]


def _fmt(x: Any) -> str:
    return "n/a" if x is None else f"{x:.3f}" if isinstance(x, float) else str(x)


def _claim_error_section(errors: Mapping[str, Any] | None, primary: str, shown: int = 2) -> list[str]:
    """Claim F1's errors by category (a count per kind and its first examples): where a convention or a
    capability fails, rather than which single sentences."""
    if not errors or not any(errors["counts"].values()):
        return []
    out = [f"## Claim errors by category ({primary})", "",
           "Each false positive and false negative of claim F1 (type and source) in one category; a leftover "
           "prediction and a leftover gold claim of the same type in one sentence count once, as \"source differs\". "
           "More examples are in report.json.", ""]
    rows = []
    for category, n in errors["counts"].items():
        if not n:
            continue
        ex = errors["examples"][category][:shown]
        cell = " / ".join(f"{e['id']}: gold {e['gold'] or '(none)'}; predicted {e['pred'] or '(none)'}" for e in ex)
        rows.append([category, str(n), cell.replace("|", "\\|")])
    out += _md_table(["category", "claims", "first examples"], rows)
    return out + [""]


def to_markdown(report: Mapping[str, Any], images: Mapping[str, str] | None = None, max_errors: int = 25) -> str:
    """The report a person reads: tables, plots, the errors worth reading first, and the method."""
    images = images or {}
    primary = report["primary"]
    m = report["systems"][primary]
    out = [f"# claimcoder evaluation: {primary}", "",
           f"Data: `{report['data']}` ({report['n_sentences']} sentences, {report.get('n_documents', '?')} documents). "
           f"Model: `{report['model']}`. Seed {report['seed']}, {report['n_resamples']} bootstrap resamples.", ""]
    out += [f"> **Caution:** {w}." for w in report.get("warnings", [])] + ([""] if report.get("warnings") else [])
    out += ["## Systems", "", "Same data, same metrics; intervals are 95% bootstrap over documents; the last column is "
            "each system's macro-F1 minus the primary's, with a paired-bootstrap p-value.", ""]
    out += _md_table(SYSTEM_HEADER, [_row(n, s, report.get("comparisons", {}), primary)
                                     for n, s in report["systems"].items()])
    out += ["", "Systems:", ""]
    for n, s in report["systems"].items():
        d = {k: v for k, v in s.get("description", {}).items() if k not in ("search", "system")}
        out.append(f"- **{n}**: " + "; ".join(f"{k} {json.dumps(v)}" for k, v in d.items()))
    out += ["", f"## Per type ({primary})", ""]
    rows = []
    for t, pt in m["per_type"].items():
        rows.append([t, _ci(m, f"per_type.{t}.precision", pt["precision"]), _ci(m, f"per_type.{t}.recall", pt["recall"]),
                     _ci(m, f"per_type.{t}.f1", pt["f1"]), str(int(pt["support"])), _fmt(pt.get("threshold")),
                     _fmt(pt.get("average_precision")), _fmt(m.get("ece", {}).get(t))])
    out += _md_table(["type", "precision", "recall", "F1", "support", "threshold (dev)", "AP", "ECE"], rows)
    out += ["", f"Macro-F1 {_ci(m, 'macro_f1', m['macro_f1'])}; micro-F1 {_ci(m, 'micro_f1', m['micro_f1'])}; "
            f"exact type-set accuracy {_ci(m, 'exact_match', m['exact_match'])}.", "", "## Spans and claims", ""]
    rows = [[r, _ci(m, f"{r}.exact_f1", m[r]["exact_f1"]), _ci(m, f"{r}.overlap_f1", m[r]["overlap_f1"]),
             str(int(m[r]["support"]))] for r in ("source", "target")]
    out += _md_table(["role", "exact F1", "overlap F1", "gold spans"], rows)
    c = m["claim"]
    out += ["", f"Claim F1 (type and source must match): {_ci(m, 'claim.f1', c['f1'])} (precision {c['precision']:.3f}, "
            f"recall {c['recall']:.3f}, {int(c['support'])} gold claims).", ""]
    if "confusion" in m:
        conf = m["confusion"]
        out += ["## Confusion", "", "Rows gold, columns predicted; a sentence with several labels counts in each pair.", ""]
        out += _md_table(["gold \\ predicted"] + conf["labels"],
                         [[g] + [str(v) for v in row] for g, row in zip(conf["labels"], conf["matrix"])])
        if "confusion" in images:
            out += ["", f"![confusion]({images['confusion']})"]
        out.append("")
    if "calibration" in m:
        out += ["## Calibration", "", "Expected calibration error per type (lower is better):", ""]
        out += _md_table(["system"] + list(m["per_type"]),
                         [[n] + [_fmt(s.get("ece", {}).get(t)) for t in m["per_type"]] for n, s in report["systems"].items()])
        if "reliability" in images:
            out += ["", f"![reliability diagram]({images['reliability']})"]
        out.append("")
    if "threshold_sweep" in m:
        out += ["## Thresholds", "", "Operating thresholds come from dev. The best threshold on this data is shown only "
                "as an upper bound (choosing it here would be tuning on test).", ""]
        rows = [[t, _fmt(m["per_type"][t].get("threshold")), f"{m['per_type'][t]['f1']:.3f}",
                 _fmt(sw["best_threshold_here"]), f"{sw['best_f1_here']:.3f}"] for t, sw in m["threshold_sweep"].items()]
        out += _md_table(["type", "threshold (dev)", "F1", "best threshold here", "F1 there (upper bound)"], rows)
        if "pr_curves" in images:
            out += ["", f"![precision-recall curves]({images['pr_curves']})"]
        out.append("")
    for field, groups in m.get("breakdown", {}).items():
        out += [f"## By {field}", "", "Per-type F1 is n/a where the group holds no gold claim of the type (its false "
                "positives still count in the false-positive column).", ""]
        out += _md_table([field, "sentences", "documents", "macro-F1", "claim F1", "false positives"] + list(m["per_type"]),
                         [[v, str(g["n_sentences"]), str(g["n_documents"]), f"{g['macro_f1']:.3f}", f"{g['claim_f1']:.3f}",
                           str(g["false_positives"])]
                          + [f"{g['f1'][t]:.3f}" if g["support"].get(t) else "n/a" for t in m["per_type"]]
                          for v, g in groups.items()])
        out.append("")
    if report.get("comparisons"):
        out += ["## Paired comparisons", ""] + [f"- {format_comparison(c)}" for c in report["comparisons"].values()]
        out.append("")
    cv = report.get("cross_validation")
    if cv:
        out += [f"## Cross-validation ({cv['k']} folds by document)", "",
                f"{cv['n_sentences']} sentences in {cv['n_documents']} documents; each fold's training part keeps "
                f"{cv['dev_fraction']:.0%} of its documents as dev.", ""]
        rows = []
        for n, s in cv["summary"].items():
            mf = s["macro_f1"]
            pooled = cv["pooled"][n]
            rows.append([n, f"{mf['mean']:.3f}", f"{mf['std']:.3f}", f"{mf['min']:.3f} - {mf['max']:.3f}",
                         _ci(pooled, "macro_f1", pooled["macro_f1"]), f"{s['claim.f1']['mean']:.3f}"])
        out += _md_table(["system", "macro-F1 mean", "std", "range", "pooled out-of-fold [95% CI]", "claim F1 mean"], rows)
        out.append("")
    lc = report.get("learning_curve")
    if lc:
        out += ["## Learning curve", "", f"Macro-F1 on this data after training on nested shares of the train split "
                "(whole documents; dev kept whole).", ""]
        header = ["system"] + [f"{f:.0%} ({n} sent.)" for f, n in zip(lc["fractions"], lc["n_train_sentences"])]
        out += _md_table(header, [[n] + [f"{v:.3f}" for v in row["macro_f1"]] for n, row in lc["systems"].items()])
        if "learning_curve" in images:
            out += ["", f"![learning curve]({images['learning_curve']})"]
        out.append("")
    errors = m.get("errors", [])
    if errors:
        out += [f"## Errors to read first ({primary})", "",
                f"{sum(e['kind'] == 'false_positive' for e in errors)} false positives and "
                f"{sum(e['kind'] == 'false_negative' for e in errors)} false negatives (sentence level, per type), "
                f"the most confident first; all are in report.json.", ""]
        rows = [[str(e["rank"]), e["kind"].replace("_", " "), e["type"], f"{e['score']:.3f}", e["id"],
                 e["text"].replace("|", "\\|")[:220], "; ".join(e["gold"]).replace("|", "\\|") or "(none)"]
                for e in errors[:max_errors]]
        out += _md_table(["#", "error", "type", "score", "id", "text", "gold"], rows)
        out.append("")
    out += _claim_error_section(m.get("claim_errors"), primary)
    out += ["## Method", ""] + [f"- {k}: {v}" for k, v in report["method"].items()] + [""]
    return "\n".join(out)


def write_report(report: Mapping[str, Any], out_dir: str | Path) -> list[Path]:
    """Write report.json, report.md and the PNG plots into ``out_dir``; return the paths."""
    from claimcoder.data.io import atomic_write

    from . import plots

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    images: dict[str, str] = {}
    systems = report["systems"]
    primary = systems[report["primary"]]
    if "confusion" in primary:
        written.append(plots.confusion_matrix(primary["confusion"], out_dir / "confusion.png",
                                              title=f"{report['primary']}: gold by predicted"))
        images["confusion"] = "confusion.png"
    cal = {n: s["calibration"] for n, s in systems.items() if "calibration" in s}
    if cal:
        written.append(plots.reliability_diagram(cal, out_dir / "reliability.png"))
        images["reliability"] = "reliability.png"
    curves = {n: s["pr_curves"] for n, s in systems.items() if "pr_curves" in s}
    if curves:
        operating = {n: s["per_type"] for n, s in systems.items()}
        written.append(plots.pr_curves(curves, out_dir / "pr_curves.png", operating))
        images["pr_curves"] = "pr_curves.png"
    if report.get("learning_curve"):
        written.append(plots.learning_curve(report["learning_curve"], out_dir / "learning_curve.png"))
        images["learning_curve"] = "learning_curve.png"
    with atomic_write(out_dir / "report.json") as fh:
        json.dump(_clean(dict(report)), fh, indent=1, ensure_ascii=False, allow_nan=False)
    with atomic_write(out_dir / "report.md") as fh:
        fh.write(to_markdown(report, images))
    return [out_dir / "report.json", out_dir / "report.md"] + written
