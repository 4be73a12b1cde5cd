"""``run_evaluation``: everything ``claimcoder evaluate`` does, as one call that returns the report.

Loads the systems (a model, two to compare, the baselines), reads the gold data and
the train/dev splits the baselines are fitted on, measures every system with
intervals and paired tests, optionally cross-validates and draws a learning curve,
and writes the JSON and the report folder. ``format_evaluation`` is the terminal text.
Retraining a transformer (cross-validation, learning curves) uses the injected
``fit`` callable (``claimcoder.api.fit_recipe``); eval never imports training.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from claimcoder.data import bundled, io
from claimcoder.data.errors import OptionError
from claimcoder.data.schema import CODEBOOK_TYPES, Sentence

from .behaviour import format_behaviour, run_behaviour
from .evaluate import evaluate_systems, format_report
from .planning import DEFAULT_FRACTIONS, cross_validate
from .planning import learning_curve as run_learning_curve
from .report import build_report, format_comparison, format_systems, write_report
from .stats import DEFAULT_RESAMPLES
from .systems import BASELINES, Coder, TransformerCoder
from .systems.transformer import FitFn


def _load_systems(model: str | Path | None, compare: Sequence[str] | None,
                  fit: FitFn | None) -> dict[str, TransformerCoder | str]:
    """Trained models now; baselines by name, fitted once the label set is known."""
    if not compare:
        return {"transformer": TransformerCoder.from_pretrained(model, fit=fit)}
    if len(compare) != 2:
        raise OptionError(f"--compare takes two systems, got {len(compare)}")
    names = [Path(c).name or str(c) for c in compare]
    if names[0] == names[1]:
        names = [f"A: {compare[0]}", f"B: {compare[1]}"]
    loaded: dict[str, TransformerCoder | str] = {}
    for name, spec in zip(names, compare):
        if Path(spec).exists():
            loaded[name] = TransformerCoder.from_pretrained(Path(spec), fit=fit)
        elif spec in BASELINES:
            loaded[name] = str(spec)
        elif spec == "default":
            loaded[name] = TransformerCoder.from_pretrained(None, fit=fit)
        else:
            raise OptionError(f"--compare {spec}: neither a model directory nor a baseline "
                              f"({', '.join(BASELINES)}) nor 'default'")
    return loaded


def _factory(system: Coder, claim_types: list[str]) -> Callable[[], Coder]:
    if isinstance(system, TransformerCoder):
        return system.recipe
    return lambda: type(system)(claim_types)


def run_evaluation(data: str | Path | None = None, model: str | Path | None = None, *,
                   compare: Sequence[str] | None = None, baselines: bool = False, cv: int | None = None,
                   learning_curve: bool = False, fractions: Sequence[float] = DEFAULT_FRACTIONS,
                   train_file: str | Path | None = None, dev_file: str | Path | None = None,
                   n_resamples: int = DEFAULT_RESAMPLES, seed: int = 13, json_path: str | Path | None = None,
                   report_dir: str | Path | None = None, fit: FitFn | None = None,
                   behaviour: bool = False, progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Measure a model (or two, ``compare``, or it and the ``baselines``) on ``data``; return the report.

    ``data``: codebook JSONL (default: the bundled test split). ``model``: a model folder
    (default: the default model). ``compare``: two systems, each a model folder, a
    baseline name or ``default``. Baselines and the learning curve are fitted on
    ``train_file``/``dev_file`` (default: the bundled splits). ``n_resamples=0`` computes
    no interval and no paired test. ``cv``/``learning_curve`` retrain the transformer
    with ``fit`` (``claimcoder.api.fit_recipe``). ``json_path`` and ``report_dir``, when
    given, receive the report. ``behaviour`` adds the behavioural test suite's pass rates for
    the primary model (``report["behaviour"]``). ``progress`` receives a line before each slow step.
    """
    say = progress or (lambda message: None)
    if n_resamples < 0:
        raise OptionError("--bootstrap must be 0 (no intervals) or more")
    if cv is not None and cv < 2:
        raise OptionError("--cv needs at least 2 folds")
    if report_dir is not None and Path(report_dir).exists() and not Path(report_dir).is_dir():
        raise OptionError(f"--report-dir {report_dir}: exists and is not a folder")
    shares = [float(f) for f in fractions]
    if learning_curve and (not shares or any(not 0 < f <= 1 for f in shares)):
        raise OptionError(f"--fractions {','.join(map(str, fractions))}: give numbers in (0, 1] separated by commas")

    loaded = _load_systems(model, compare, fit)
    models = {n: s for n, s in loaded.items() if isinstance(s, TransformerCoder)}
    type_sets = {tuple(s.claim_types) for s in models.values()}
    if len(type_sets) > 1:
        raise OptionError("the models code different label sets: "
                          + "; ".join(f"{n}: {', '.join(s.claim_types)}" for n, s in models.items()))
    claim_types = list(next(iter(type_sets))) if type_sets else list(CODEBOOK_TYPES)
    if (cv or learning_curve) and models and fit is None:
        raise ValueError("cross-validation and learning curves retrain the transformer: "
                         "pass fit=claimcoder.api.fit_recipe")

    path = Path(data) if data is not None else bundled.corpus_path("test")
    if path.suffix.lower() == ".csv":
        raise OptionError(f"{path}: a CSV file holds no annotations to evaluate against; give codebook JSONL")
    gold = io.read_jsonl(path, claim_types=claim_types)

    train_sents: list[Sentence] | None = None
    dev_sents: list[Sentence] | None = None
    if baselines or learning_curve or any(isinstance(s, str) for s in loaded.values()):
        if bool(train_file) != bool(dev_file):
            raise OptionError("--train and --dev go together")
        train_sents = io.read_jsonl(train_file, claim_types=claim_types) if train_file else bundled.load_corpus("train")
        dev_sents = io.read_jsonl(dev_file, claim_types=claim_types) if dev_file else bundled.load_corpus("dev")
        unknown = sorted({c.type for s in train_sents + dev_sents for c in s.claims} - set(claim_types))
        if unknown:
            raise OptionError(f"the train/dev splits use claim type(s) {', '.join(unknown)} that the model does not code")
    systems: dict[str, Coder] = {}
    for name, s in loaded.items():
        systems[name] = BASELINES[s](claim_types).fit(train_sents, dev_sents) if isinstance(s, str) else s
    if baselines:
        say(f"fitting baselines on {len(train_sents)} train sentences (tuned on {len(dev_sents)} dev)")
        for name in BASELINES:
            if name not in systems:
                systems[name] = BASELINES[name](claim_types).fit(train_sents, dev_sents)

    results = evaluate_systems(systems, gold, claim_types, n_resamples=n_resamples, seed=seed)
    factories = {name: _factory(s, claim_types) for name, s in systems.items()}
    cv_result = lc_result = None
    if cv:
        say(f"cross-validating by document, {cv} folds on {path}")
        cv_result = cross_validate(gold, cv, factories, claim_types, seed=seed, n_resamples=n_resamples)
    if learning_curve:
        say(f"learning curve: training on {', '.join(f'{f:.0%}' for f in shares)} of the train split")
        lc_result = run_learning_curve(train_sents, dev_sents, gold, factories, claim_types, fractions=shares,
                                       seed=seed, n_resamples=n_resamples)
    notes = []
    if train_sents is not None:
        shared = {s.doc_id for s in gold} & {s.doc_id for s in train_sents + dev_sents}
        if shared:
            notes.append(f"{len(shared)} document(s) of {path} are also in the train/dev splits the baselines and "
                         "learning curve were fitted on: their figures are optimistic")
    report = build_report(results, data=str(path),
                          model=" vs ".join(map(str, compare)) if compare else str(model or "default"),
                          claim_types=claim_types, seed=seed, n_resamples=n_resamples, notes=notes,
                          cross_validation=cv_result, learning_curve=lc_result)
    if behaviour:
        primary = next((s for s in systems.values() if isinstance(s, TransformerCoder)), None)
        if primary is None:
            raise OptionError("--behaviour needs a trained model to test (the baselines have no spans to check)")
        say("running the behavioural test suite")
        report["behaviour"] = run_behaviour(primary.coder.predict).to_dict()
    if json_path:
        with io.atomic_write(json_path) as fh:
            json.dump(report, fh, indent=1, ensure_ascii=False, allow_nan=False)
    if report_dir:
        write_report(report, report_dir)
        if behaviour:
            with io.atomic_write(Path(report_dir) / "behaviour.md") as fh:
                fh.write(format_behaviour(report["behaviour"]))
    return report


def format_evaluation(report: dict[str, Any]) -> str:
    """The report as terminal text: the primary system's table, then systems, comparison, planning."""
    primary = report["primary"]
    lines = [format_report(report["systems"][primary], title=f"evaluation of {primary} on {report['data']}:")]
    if len(report["systems"]) > 1:
        lines.append("\n" + format_systems(report))
    if len(report["systems"]) == 2 and report["comparisons"]:
        lines.append("\n" + format_comparison(next(iter(report["comparisons"].values()))))
    cv = report.get("cross_validation")
    if cv:
        lines.append(f"\ncross-validation ({cv['k']} folds by document), macro-F1 mean +- std over folds:")
        for name, s in cv["summary"].items():
            mf = s["macro_f1"]
            lines.append(f"  {name:<14} {mf['mean']:.3f} +- {mf['std']:.3f}  (range {mf['min']:.3f} - {mf['max']:.3f})")
    if report.get("behaviour"):
        lines.append("\n" + format_behaviour(report["behaviour"], examples=False))
    lc = report.get("learning_curve")
    if lc:
        lines.append("\nlearning curve, macro-F1 by training sentences:")
        lines.append("  " + " " * 14 + "".join(f"{n:>9d}" for n in lc["n_train_sentences"]))
        for name, row in lc["systems"].items():
            lines.append(f"  {name:<14}" + "".join(f"{v:>9.3f}" for v in row["macro_f1"]))
    return "\n".join(lines)


__all__ = ["run_evaluation", "format_evaluation"]
