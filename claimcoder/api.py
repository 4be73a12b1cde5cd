"""The facade's functions that join the layers: training with eval's evaluator, files to a model.

``training`` and ``eval`` never import each other; this module (above both) wires
them: ``train`` is ``training.train`` with ``eval.DevEvaluator`` as the default
evaluator, and ``fit_recipe`` is the ``fit`` callable that evaluation is given to
retrain a transformer (cross-validation, learning curves).
"""
from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Literal

from claimcoder.data.errors import OptionError
from claimcoder.data.schema import CODEBOOK_TYPES, Sentence

if TYPE_CHECKING:
    from claimcoder.model.coder import ClaimCoder
    from claimcoder.training.args import TrainingArguments
    from claimcoder.training.evaluator import Evaluator

#: Keys older models recorded in their training arguments that no longer exist (dead options).
RETIRED_ARGS = ("eval_batch_size", "extra")


def train(train_data: Sequence[Sentence], dev_data: Sequence[Sentence], args: "TrainingArguments | None" = None,
          out: str | Path | None = None, evaluator: "Evaluator | None" = None,
          behaviour: bool = True) -> "ClaimCoder":
    """Fine-tune a ClaimCoder on ``train_data``, selecting the epoch (or, with ``args.soup``, averaging runs) and
    tuning thresholds on ``dev_data``.

    ``evaluator`` defaults to ``claimcoder.eval.DevEvaluator`` (per-type thresholds tuned
    on dev; selection on macro-F1 + claim F1). With ``behaviour`` the behavioural suite's pass
    rates go into the config and the model card (for a model of the codebook's types, which it tests). If ``out`` is given, the model is saved there.
    """
    from claimcoder.eval.behaviour import run_behaviour
    from claimcoder.eval.evaluator import DevEvaluator
    from claimcoder.training.loop import train as train_loop

    coder = train_loop(train_data, dev_data, args, out=None, evaluator=evaluator or DevEvaluator())
    if behaviour and _codebook_model(coder):  # the bundled suite tests only the codebook's types
        coder.config.training["behaviour"] = behaviour_summary(run_behaviour(coder.predict).to_dict())
    if out is not None:
        coder.save_pretrained(out)
    return coder


def _codebook_model(coder: "ClaimCoder") -> bool:
    """Whether ``coder`` codes the codebook's three types (the bundled behavioural suite tests only those)."""
    return set(coder.claim_types) == set(CODEBOOK_TYPES)


def behaviour_summary(report: Mapping[str, Any]) -> dict[str, Any]:
    """The pass rates of a behaviour report, without its examples (small enough for config.json)."""
    return {"overall": report["overall"], "by_kind": report["by_kind"],
            "tests": [{k: t[k] for k in ("test", "kind", "capability", "n", "passed", "rate")}
                      for t in report["tests"]]}


def check_behaviour(model: str | Path | None = None, cases: str | Path | None = None, *,
                    json_path: str | Path | None = None, markdown_path: str | Path | None = None) -> dict[str, Any]:
    """What ``claimcoder check`` does: run the behavioural suite on a model; return the report dict."""
    import json

    from claimcoder.data.io import atomic_write
    from claimcoder.eval.behaviour import load_cases, run_behaviour
    from claimcoder.eval.behaviour import format_behaviour
    from claimcoder.model.coder import ClaimCoder

    coder = ClaimCoder.load(model)
    if cases is None and not _codebook_model(coder):
        raise OptionError(f"the bundled behavioural suite tests the codebook's types ({', '.join(CODEBOOK_TYPES)}); "
                          f"this model codes {', '.join(coder.claim_types)}: write cases of its types and give "
                          "them with --cases (the format: README, 'Behavioural tests')")
    report = run_behaviour(coder.predict, load_cases(cases, claim_types=coder.claim_types)).to_dict()
    if json_path:
        with atomic_write(json_path) as fh:
            json.dump(report, fh, indent=1, ensure_ascii=False)
    if markdown_path:
        with atomic_write(markdown_path) as fh:
            fh.write(format_behaviour(report))
    return report


def fit_recipe(train_data: Sequence[Sentence], dev_data: Sequence[Sentence], recipe: Mapping[str, Any]) -> "ClaimCoder":
    """Train with the training arguments in ``recipe`` (a dict, as a saved model records them), quietly.

    The ``fit`` callable evaluation is given to retrain a transformer.
    """
    from claimcoder.training.args import TrainingArguments

    values = {k: v for k, v in recipe.items() if k not in RETIRED_ARGS}
    if "epochs" in values:  # a recipe recorded before embeddings could be frozen trained them
        values.setdefault("freeze_embeddings", False)
    # Models refitted for cross-validation and learning curves are measured, not published: no behaviour run.
    return train(train_data, dev_data, TrainingArguments.from_dict({**values, "progress": False}), behaviour=False)


@dataclass
class TrainingRun:
    """What ``train_from_files`` did: the model, where it went, on how much data, how long."""

    coder: "ClaimCoder | None"
    out: Path
    n_train: int = 0
    n_dev: int = 0
    test_file: Path | None = None
    wall_time_s: float = 0.0
    skipped: bool = False


def train_from_files(data: Path | None = None, train_file: Path | None = None, dev_file: Path | None = None,
                     out: Path | None = None, claim_types: Sequence[str] | Literal["auto"] | None = None,
                     if_missing: bool = False, args: Mapping[str, Any] | None = None,
                     progress: Callable[[str], None] | None = None) -> TrainingRun:
    """What ``claimcoder train`` does: read the data, split it, train, save.

    ``data``: one annotated file, split here by document 70/15/15 (the test part is
    written beside ``out`` as ``OUT-splits/test.jsonl``); or ``train_file`` and
    ``dev_file``; or neither: the bundled corpus. ``claim_types``: None for the
    codebook's, a list, or ``"auto"`` (taken from the train data). ``args``: training
    arguments by name. With ``if_missing``, nothing happens when ``out`` holds a model.
    """
    from claimcoder.data import bundled, io, splits
    from claimcoder.model.coder import default_model_dir
    from claimcoder.model.config import CONFIG_NAME
    from claimcoder.training.args import TrainingArguments

    out = Path(out) if out is not None else default_model_dir()
    if if_missing and (out / CONFIG_NAME).is_file():
        return TrainingRun(coder=None, out=out, skipped=True)
    reader_types = None if claim_types == "auto" else list(claim_types or CODEBOOK_TYPES)
    test_file = None
    if data is not None:
        if train_file or dev_file:
            raise OptionError("give either --data or --train/--dev, not both")
        sents = io.read_jsonl(data, claim_types=reader_types)
        parts = splits.split_by_document(sents, stratify="beat")
        if not parts["dev"] or not parts["train"] or not parts["test"]:  # an empty test split evaluates nothing
            raise OptionError(f"{data}: too few documents ({len(splits.group_by_document(sents))}) to split by "
                              "document into train, dev and test: annotate more articles, or give --train and --dev")
        tr, dv = parts["train"], parts["dev"]
        test_file = out.parent / f"{out.name}-splits" / "test.jsonl"
        io.write_jsonl(test_file, parts["test"])
    elif train_file or dev_file:
        if not (train_file and dev_file):
            raise OptionError("--train and --dev go together")
        tr = io.read_jsonl(train_file, claim_types=reader_types)
        dv = io.read_jsonl(dev_file, claim_types=reader_types)
    else:
        tr, dv = bundled.load_corpus("train"), bundled.load_corpus("dev")
    types = sorted({c.type for s in tr for c in s.claims}) if claim_types == "auto" else reader_types
    training_args = TrainingArguments.from_dict({**(args or {}), "claim_types": types})
    if progress:
        progress(f"training on {len(tr)} sentences, selecting on {len(dv)} dev sentences -> {out}")
    start = time.perf_counter()
    coder = train(tr, dv, training_args, out=out)
    return TrainingRun(coder=coder, out=out, n_train=len(tr), n_dev=len(dv), test_file=test_file,
                       wall_time_s=time.perf_counter() - start)


def evaluate_articles(path: str | Path, model: str | Path | None = None, *, actors: Sequence[str | Path] = (),
                      resolver_only: bool = False, n_resamples: int = 1000, seed: int = 13,
                      json_path: str | Path | None = None) -> dict[str, Any]:
    """What ``claimcoder evaluate --articles`` does: actors on gold articles (see ``claimcoder.eval.articles``).

    Wires eval's measurement to scoring's resolver (eval never imports scoring). ``resolver_only``: the
    resolver alone on the gold claims, no model loaded. ``actors``: the user's dictionaries.
    """
    import functools
    import json

    from claimcoder.data import io
    from claimcoder.data.actor_dictionary import ActorDictionary
    from claimcoder.eval.articles import confidence_figures, evaluate_articles as run, resolution_accuracy
    from claimcoder.scoring.actors import resolve_article
    from claimcoder.scoring.home import held_out
    from claimcoder.scoring.reliability import fitted_on

    if n_resamples < 0:
        raise OptionError("--bootstrap must be 0 (no intervals) or more")
    gold = io.read_jsonl(path, claim_types=None)
    if not any(sp is not None and sp.actor is not None for s in gold for c in s.claims for sp in (c.source, c.target)):
        raise OptionError(f"{path}: no span carries an actor; --articles needs gold articles with actors "
                          "(codebook, 'Actors')")
    dictionary = ActorDictionary.load(actors)
    resolve = functools.partial(resolve_article, dictionary=dictionary)
    with held_out({s.doc_id for s in gold}):  # gold articles of the training split: their country is not learnt
        if resolver_only:
            report = {"data": str(path), "resolution": resolution_accuracy(gold, resolve, n_resamples, seed)}
        else:
            from claimcoder.model.coder import ClaimCoder

            coder = ClaimCoder.load(model)
            report = {"data": str(path), "model": str(model or "default"),
                      **run(gold, coder.predict, resolve, n_resamples=n_resamples, seed=seed)}
        report["confidence"] = confidence_figures(_scored_resolutions(gold, dictionary))
        report["confidence"]["fitted_on_this_file"] = Path(path).name in fitted_on()
    if json_path:
        with io.atomic_write(json_path) as fh:
            json.dump(report, fh, indent=1, ensure_ascii=False, allow_nan=False)
    return report


def _scored_resolutions(gold: Sequence[Any], dictionary: Any) -> list[tuple[float, bool, str]]:
    """(actor_confidence, right or not, mention kind) for every gold span with an actor, resolved as
    ``--resolver-only`` resolves it: how far the confidence can be trusted on these articles."""
    from claimcoder.eval.articles import compare_article, gold_articles, strip_actors
    from claimcoder.scoring.actors import resolve_claims, with_actors

    out = []
    for d, sentences in enumerate(gold_articles(gold)):
        stripped = strip_actors(sentences)
        rows = resolve_claims([(s.text, s.claims) for s in stripped], dictionary)
        pred = with_actors(stripped, rows)
        confidence = [getattr(getattr(a, role), "confidence", None) for s, row in zip(sentences, rows)
                      for c, a in zip(s.claims, row) for role in ("source", "target")
                      if getattr(c, role) is not None and getattr(c, role).actor is not None]
        results = compare_article(d, sentences, pred)  # the same spans in the same order
        out += [(c or 0.0, r.ok, r.kind) for c, r in zip(confidence, results)]
    return out


__all__ = ["train", "fit_recipe", "train_from_files", "TrainingRun", "check_behaviour", "behaviour_summary",
           "evaluate_articles"]
