"""The ``claimcoder`` command line: train, evaluate, predict, score.

Every command explains itself with ``--help``; bad input ends with one clear
message (file, line, field), never a traceback.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer(
    help="Find accusations, denials and demands for explanation in news text: who makes them, against whom.\n\n"
         "Typical session: `claimcoder train` (fine-tunes the default model on the bundled corpus), then "
         "`claimcoder predict \"The ministry denied the report.\"`, or `claimcoder score articles/ --out claims/`.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)


class UserError(Exception):
    """An error in what the user gave; printed without a traceback."""


def _fail(message: str) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(2)


def _guard(fn):
    """Turn known input errors into a clean message and exit status 2."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from claimcoder.data.io import DataError
        from claimcoder.model.coder import ModelNotFoundError

        try:
            return fn(*args, **kwargs)
        except (DataError, ModelNotFoundError, UserError) as exc:
            _fail(str(exc))
        except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
            _fail(f"{exc.filename or ''}: {exc.strerror or exc}")
        except ValueError as exc:
            _fail(str(exc))
    return wrapper


ModelOpt = Annotated[Optional[Path], typer.Option(
    "--model", "-m", help="Trained model directory. Default: the default model (see `claimcoder train`).")]


@app.command()
@_guard
def train(
    data: Annotated[Optional[Path], typer.Option(help="One annotated JSONL file, split here by document 70/15/15 "
                                                  "(the test part is written to OUT/test.jsonl).")] = None,
    train_file: Annotated[Optional[Path], typer.Option("--train", help="Train split JSONL (with --dev).")] = None,
    dev_file: Annotated[Optional[Path], typer.Option("--dev", help="Dev split JSONL: model selection and "
                                                     "threshold tuning.")] = None,
    out: Annotated[Optional[Path], typer.Option(help="Where to save the model. Default: the default model dir.")] = None,
    base: Annotated[Optional[str], typer.Option(help="Base encoder: a local HF model dir or hub id. Default: the "
                                                "bundled all-MiniLM-L6-v2 (offline).")] = None,
    types: Annotated[Optional[str], typer.Option(help="Comma-separated claim types. Default: the codebook's three; "
                                                 "'auto' takes them from the data.")] = None,
    epochs: Annotated[int, typer.Option(help="Maximum epochs (early stopping on dev macro-F1).")] = 10,
    batch_size: Annotated[int, typer.Option(help="Sentences per training batch.")] = 16,
    learning_rate: Annotated[float, typer.Option("--lr", help="Encoder learning rate.")] = 8e-5,
    seed: Annotated[int, typer.Option(help="Random seed (data order, initialisation).")] = 13,
    max_train_sentences: Annotated[Optional[int], typer.Option(help="Subsample the train split (quick runs).")] = None,
    if_missing: Annotated[bool, typer.Option("--if-missing", help="Do nothing if a model already exists at OUT.")] = False,
) -> None:
    """Fine-tune a claim coder. With no options: train the default model on the bundled corpus.

    Examples:\n
      claimcoder train\n
      claimcoder train --data my_annotations.jsonl --out models/mine\n
      claimcoder train --train train.jsonl --dev dev.jsonl --base bert-base-cased --out models/big
    """
    from claimcoder.data import corpus, io, splits
    from claimcoder.data.schema import CODEBOOK_TYPES
    from claimcoder.eval.evaluate import format_report
    from claimcoder.model.coder import default_model_dir
    from claimcoder.model.config import CONFIG_NAME
    from claimcoder.training import TrainingArguments
    from claimcoder.training import train as run_train

    out = out or default_model_dir()
    if if_missing and (out / CONFIG_NAME).is_file():
        typer.echo(f"model already trained at {out} (--if-missing): nothing to do")
        return
    claim_types = None if types in (None, "auto") else [t.strip() for t in types.split(",") if t.strip()]
    reader_types = None if types == "auto" else (claim_types or list(CODEBOOK_TYPES))
    if data is not None:
        if train_file or dev_file:
            raise UserError("give either --data or --train/--dev, not both")
        sents = io.read_jsonl(data, claim_types=reader_types)
        parts = splits.split_by_document(sents, stratify="beat")
        if not parts["dev"] or not parts["train"]:
            raise UserError(f"{data}: too few documents ({len({s.doc_id for s in sents})}) to split by document")
        tr, dv = parts["train"], parts["dev"]
        io.write_jsonl(out.parent / f"{out.name}-splits" / "test.jsonl", parts["test"])
    elif train_file or dev_file:
        if not (train_file and dev_file):
            raise UserError("--train and --dev go together")
        tr = io.read_jsonl(train_file, claim_types=reader_types)
        dv = io.read_jsonl(dev_file, claim_types=reader_types)
    else:
        tr, dv = corpus.load_corpus("train"), corpus.load_corpus("dev")
    if types == "auto":
        claim_types = sorted({c.type for s in tr for c in s.claims})
    args = TrainingArguments(base=base, claim_types=claim_types, epochs=epochs, batch_size=batch_size,
                             learning_rate=learning_rate, seed=seed, max_train_sentences=max_train_sentences)
    typer.echo(f"training on {len(tr)} sentences, selecting on {len(dv)} dev sentences -> {out}")
    start = time.perf_counter()
    coder = run_train(tr, dv, args, out=out)
    wall = time.perf_counter() - start
    typer.echo(format_report(coder.config.training["dev_metrics"], title="dev report (thresholds tuned on dev):"))
    typer.echo(f"saved to {out}; training wall time {wall:.0f} s ({wall / 60:.1f} min)")


@app.command()
@_guard
def evaluate(
    data: Annotated[Optional[Path], typer.Argument(help="Annotated JSONL (codebook format). Default: the bundled "
                                                   "test split.")] = None,
    model: ModelOpt = None,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write every figure as JSON here.")] = None,
    report_dir: Annotated[Optional[Path], typer.Option(help="Write report.json, report.md and PNG plots (reliability "
                                                       "diagram, PR curves, confusion, learning curve) here.")] = None,
    baselines: Annotated[bool, typer.Option("--baselines", help="Also fit and score the baselines (no-claim majority, "
                                            "rule-based coder, TF-IDF + logistic regression) on the same data, "
                                            "with paired tests against the model.")] = False,
    compare: Annotated[Optional[tuple[str, str]], typer.Option(
        help="Compare two systems on DATA with a paired bootstrap (p-value for the macro-F1 difference). Each is a "
             "model directory or a baseline name (majority, rules, tfidf); replaces --model.")] = None,
    cv: Annotated[Optional[int], typer.Option("--cv", help="Also cross-validate by document with K folds on DATA, "
                                              "retraining with the model's recorded recipe (slow: K trainings).")] = None,
    learning_curve: Annotated[bool, typer.Option("--learning-curve", help="Also retrain on growing shares of the "
                                                 "train split and plot macro-F1 on DATA against training size.")] = False,
    fractions: Annotated[str, typer.Option(help="Shares of the train split for --learning-curve.")] = "0.1,0.25,0.5,1",
    train_file: Annotated[Optional[Path], typer.Option("--train", help="Train split for baselines and the learning "
                                                       "curve. Default: the bundled train split.")] = None,
    dev_file: Annotated[Optional[Path], typer.Option("--dev", help="Dev split (threshold and setting tuning). "
                                                     "Default: the bundled dev split.")] = None,
    bootstrap: Annotated[int, typer.Option(help="Bootstrap resamples (over documents) for the 95% intervals.")] = 1000,
    seed: Annotated[int, typer.Option(help="Seed for resampling, folds and subsets: same seed, same numbers.")] = 13,
) -> None:
    """Score a model on annotated sentences: P/R/F1 per type, macro/micro-F1, span and claim F1, calibration,
    with 95% bootstrap intervals over documents.

    Examples:\n
      claimcoder evaluate test.jsonl --model models/mine --report-dir reports/mine\n
      claimcoder evaluate test.jsonl --model models/mine --baselines\n
      claimcoder evaluate test.jsonl --compare models/a models/b\n
      claimcoder evaluate my_corpus.jsonl --model models/mine --cv 5
    """
    from claimcoder.data import corpus, io
    from claimcoder.data.schema import CODEBOOK_TYPES
    from claimcoder.eval import baselines as bl
    from claimcoder.eval.evaluate import evaluate_systems, format_report
    from claimcoder.eval.planning import cross_validate
    from claimcoder.eval.planning import learning_curve as run_learning_curve
    from claimcoder.eval.report import build_report, format_comparison, format_systems, write_report

    if bootstrap < 0:
        raise UserError("--bootstrap must be 0 (no intervals) or more")
    if cv is not None and cv < 2:
        raise UserError("--cv needs at least 2 folds")
    if report_dir is not None and report_dir.exists() and not report_dir.is_dir():
        raise UserError(f"--report-dir {report_dir}: exists and is not a folder")
    try:
        shares = [float(f) for f in fractions.split(",") if f.strip()]
    except ValueError:
        raise UserError(f"--fractions {fractions!r}: give numbers in (0, 1] separated by commas") from None
    if learning_curve and (not shares or any(not 0 < f <= 1 for f in shares)):
        raise UserError(f"--fractions {fractions!r}: give numbers in (0, 1] separated by commas")

    # the systems: trained models now, baselines once the label set is known
    loaded: dict[str, object] = {}
    if compare:
        names = [Path(c).name or c for c in compare]
        if names[0] == names[1]:
            names = [f"A: {compare[0]}", f"B: {compare[1]}"]
        for name, spec in zip(names, compare):
            if Path(spec).exists():
                loaded[name] = bl.TransformerCoder.from_pretrained(Path(spec))
            elif spec in bl.BASELINES:
                loaded[name] = spec  # fitted below, once the label set is known
            elif spec == "default":
                loaded[name] = bl.TransformerCoder.from_pretrained(None)
            else:
                raise UserError(f"--compare {spec}: neither a model directory nor a baseline "
                                f"({', '.join(bl.BASELINES)}) nor 'default'")
    else:
        loaded["transformer"] = bl.TransformerCoder.from_pretrained(model)
    models = {n: s for n, s in loaded.items() if isinstance(s, bl.TransformerCoder)}
    type_sets = {tuple(s.claim_types) for s in models.values()}
    if len(type_sets) > 1:
        raise UserError("the models code different label sets: "
                        + "; ".join(f"{n}: {', '.join(s.claim_types)}" for n, s in models.items()))
    claim_types = list(next(iter(type_sets))) if type_sets else list(CODEBOOK_TYPES)

    path = data or corpus.corpus_path("test")
    if path.suffix.lower() == ".csv":
        raise UserError(f"{path}: a CSV file holds no annotations to evaluate against; give codebook JSONL")
    gold = io.read_jsonl(path, claim_types=claim_types)

    need_splits = baselines or learning_curve or any(isinstance(s, str) for s in loaded.values())
    train_sents = dev_sents = None
    if need_splits:
        if bool(train_file) != bool(dev_file):
            raise UserError("--train and --dev go together")
        train_sents = io.read_jsonl(train_file, claim_types=claim_types) if train_file else corpus.load_corpus("train")
        dev_sents = io.read_jsonl(dev_file, claim_types=claim_types) if dev_file else corpus.load_corpus("dev")
        unknown = sorted({c.type for s in train_sents + dev_sents for c in s.claims} - set(claim_types))
        if unknown:
            raise UserError(f"the train/dev splits use claim type(s) {', '.join(unknown)} that the model does not code")
    systems: dict[str, bl.Coder] = {}
    for name, s in loaded.items():
        systems[name] = bl.BASELINES[s](claim_types).fit(train_sents, dev_sents) if isinstance(s, str) else s
    if baselines:
        typer.echo(f"fitting baselines on {len(train_sents)} train sentences (tuned on {len(dev_sents)} dev)", err=True)
        for name in bl.BASELINES:
            if name not in systems:
                systems[name] = bl.BASELINES[name](claim_types).fit(train_sents, dev_sents)

    results = evaluate_systems(systems, gold, claim_types, n_resamples=bootstrap, seed=seed)

    def factories() -> dict:
        out = {}
        for name, s in systems.items():
            if isinstance(s, bl.TransformerCoder):
                out[name] = s.recipe
            else:
                out[name] = (lambda cls: (lambda: cls(claim_types)))(type(s))
        return out

    cv_result = lc_result = None
    if cv:
        typer.echo(f"cross-validating by document, {cv} folds on {path}", err=True)
        cv_result = cross_validate(gold, cv, factories(), claim_types, seed=seed, n_resamples=bootstrap)
    if learning_curve:
        typer.echo(f"learning curve: training on {', '.join(f'{f:.0%}' for f in shares)} of the train split", err=True)
        lc_result = run_learning_curve(train_sents, dev_sents, gold, factories(), claim_types, fractions=shares,
                                       seed=seed, n_resamples=bootstrap)
    notes = []
    if train_sents is not None:
        shared = {s.doc_id for s in gold} & {s.doc_id for s in train_sents + dev_sents}
        if shared:
            notes.append(f"{len(shared)} document(s) of {path} are also in the train/dev splits the baselines and "
                         "learning curve were fitted on: their figures are optimistic")
    report = build_report(results, data=str(path), model=" vs ".join(compare) if compare else str(model or "default"),
                          claim_types=claim_types, seed=seed, n_resamples=bootstrap, notes=notes,
                          cross_validation=cv_result, learning_curve=lc_result)

    primary = report["primary"]
    typer.echo(format_report(report["systems"][primary], title=f"evaluation of {primary} on {path}:"))
    for warning in report["warnings"]:
        typer.secho(f"caution: {warning}", fg=typer.colors.YELLOW, err=True)
    if len(systems) > 1:
        typer.echo("\n" + format_systems(report))
    if compare:
        typer.echo("\n" + format_comparison(next(iter(report["comparisons"].values()))))
    if cv_result:
        typer.echo(f"\ncross-validation ({cv} folds by document), macro-F1 mean +- std over folds:")
        for name, s in cv_result["summary"].items():
            mf = s["macro_f1"]
            typer.echo(f"  {name:<14} {mf['mean']:.3f} +- {mf['std']:.3f}  (range {mf['min']:.3f} - {mf['max']:.3f})")
    if lc_result:
        typer.echo("\nlearning curve, macro-F1 by training sentences:")
        typer.echo("  " + " " * 14 + "".join(f"{n:>9d}" for n in lc_result["n_train_sentences"]))
        for name, row in lc_result["systems"].items():
            typer.echo(f"  {name:<14}" + "".join(f"{v:>9.3f}" for v in row["macro_f1"]))
    if json_out:
        with io.atomic_write(json_out) as fh:
            json.dump(report, fh, indent=1, ensure_ascii=False, allow_nan=False)
        typer.echo(f"figures written to {json_out}")
    if report_dir:
        written = write_report(report, report_dir)
        typer.echo(f"report written to {report_dir}: {', '.join(p.name for p in written)}")


@app.command()
@_guard
def agreement(
    first: Annotated[Path, typer.Argument(help="One annotator's JSONL (codebook format).")],
    second: Annotated[Path, typer.Argument(help="The other annotator's JSONL: the same sentences (matched by id).")],
    types: Annotated[Optional[str], typer.Option(help="Comma-separated claim types. Default: the codebook's three; "
                                                 "'auto' takes every type found in either file.")] = None,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write every figure as JSON here.")] = None,
) -> None:
    """Inter-annotator agreement: Cohen's kappa and Krippendorff's alpha per type, alpha on the whole
    type set, and source/target span agreement (exact and token-overlap F1).

    Example:\n
      claimcoder agreement coder_a.jsonl coder_b.jsonl --json agreement.json
    """
    from claimcoder.data import io
    from claimcoder.data.schema import CODEBOOK_TYPES
    from claimcoder.eval.agreement import agreement as run_agreement
    from claimcoder.eval.agreement import format_agreement

    listed = None if types in (None, "auto") else [t.strip() for t in types.split(",") if t.strip()]
    reader_types = None if types == "auto" else (listed or list(CODEBOOK_TYPES))
    a = io.read_jsonl(first, claim_types=reader_types)
    b = io.read_jsonl(second, claim_types=reader_types)
    claim_types = reader_types or sorted({c.type for s in a + b for c in s.claims})
    if not claim_types:
        raise UserError("neither file holds a claim: nothing to measure agreement on (give --types)")
    result = run_agreement(a, b, claim_types)
    typer.echo(format_agreement(result))
    if json_out:
        with io.atomic_write(json_out) as fh:
            json.dump({"first": str(first), "second": str(second), **result}, fh, indent=1, ensure_ascii=False)
        typer.echo(f"figures written to {json_out}")


@app.command()
@_guard
def predict(
    texts: Annotated[Optional[list[str]], typer.Argument(help="Sentences to code.")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Read sentences from a .jsonl (field 'text'), "
                                                 ".csv (column 'text') or .txt file (one sentence a line).")] = None,
    model: ModelOpt = None,
    out: Annotated[Optional[Path], typer.Option(help="Write JSONL here instead of standard output.")] = None,
) -> None:
    """Print the claims in each sentence as codebook JSONL (with scores)."""
    from claimcoder.data.io import read_sentences, write_jsonl
    from claimcoder.data.schema import Sentence
    from claimcoder.model import ClaimCoder

    if file is not None:
        if file.suffix.lower() == ".txt":
            items = [Sentence(text=t.rstrip("\n"), id=f"{file.stem}-{i}")
                     for i, t in enumerate(file.read_text(encoding="utf-8").splitlines(), 1) if t.strip()]
        else:
            items = read_sentences(file, claim_types=None)
    elif texts:
        items = [Sentence(text=t, id=str(i)) for i, t in enumerate(texts, 1)]
    elif not sys.stdin.isatty():
        items = [Sentence(text=t, id=str(i)) for i, t in enumerate(sys.stdin.read().splitlines(), 1) if t.strip()]
    else:
        raise UserError("give sentences as arguments, --file, or on standard input")
    coder = ClaimCoder.load(model)
    preds = coder.predict_sentences(items)
    if out:
        write_jsonl(out, preds)
        typer.echo(f"{len(preds)} sentences written to {out}")
    else:
        for p in preds:
            typer.echo(json.dumps(p.to_dict(), ensure_ascii=False))


@app.command()
@_guard
def score(
    inputs: Annotated[list[str], typer.Argument(help="Folders of .txt articles, .jsonl/.csv/.parquet files (one "
                                                "article per line/row), or '-' for JSONL on standard input.")],
    out: Annotated[Path, typer.Option(help="Output folder: claims.<format>, errors.jsonl, run.json.")],
    model: ModelOpt = None,
    format: Annotated[str, typer.Option("--format", help="Output format: jsonl, parquet or csv.")] = "jsonl",
    id_field: Annotated[str, typer.Option(help="Input field (JSONL/CSV/Parquet) holding the article id.")] = "id",
    text_field: Annotated[str, typer.Option(help="Input field holding the article text.")] = "text",
    all_sentences: Annotated[bool, typer.Option("--all-sentences", help="Also write sentences with no claim.")] = False,
    actors: Annotated[Optional[list[Path]], typer.Option("--actors", help="Extra actor dictionary TSV (actor, code, "
                                                         "kind, aliases); repeatable; wins over the bundled one.")] = None,
    quantize: Annotated[Optional[str], typer.Option(help="'int8': ONNX Runtime int8 inference on CPU (about 2x "
                                                    "faster; its cost in F1 is in the README).")] = None,
    workers: Annotated[int, typer.Option(help="Processes scoring in parallel (each single-threaded if >1).")] = 1,
    batch_size: Annotated[int, typer.Option(help="Sentences per forward pass.")] = 64,
    chunk_size: Annotated[int, typer.Option(help="Articles per resumable chunk.")] = 256,
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted run in OUT.")] = False,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Discard what OUT holds and start again.")] = False,
    max_chars: Annotated[int, typer.Option(help="Skip (and record) articles longer than this.")] = 200_000,
    summary: Annotated[bool, typer.Option("--summary", help="Then summarize: claims by actor, who -> whom.")] = False,
    engine: Annotated[str, typer.Option(help="'local' (this machine) or 'ray' (Ray Data; pip install "
                                        "claimcoder[ray]).")] = "local",
    ray_address: Annotated[Optional[str], typer.Option(help="Ray cluster address (engine ray); default: start or "
                                                       "join a local one.")] = None,
    num_gpus: Annotated[float, typer.Option(help="GPUs per Ray worker (engine ray).")] = 0.0,
) -> None:
    """Score many articles: every claim, who made it, against whom, resolved to actors.

    Streams the input (memory stays flat), writes resumable chunks, and finalises
    the output atomically. Articles that cannot be read go to OUT/errors.jsonl.

    Examples:\n
      claimcoder score data/samples --out runs/samples --summary\n
      claimcoder score news.jsonl --id-field url --text-field body --out runs/news --format parquet --quantize int8\n
      claimcoder score news.jsonl --out runs/news --resume
    """
    from claimcoder.model.bulk import JobError, ScoreOptions, run_score

    opts = ScoreOptions(out=out, model=model, format=format, id_field=id_field, text_field=text_field,
                        all_sentences=all_sentences, actors=[str(a) for a in actors or []], quantize=quantize,
                        batch_size=batch_size, chunk_size=chunk_size, workers=workers, resume=resume,
                        overwrite=overwrite, max_chars=max_chars)
    try:
        if engine == "ray":
            from claimcoder.model.ray_engine import run_score_ray

            stats = run_score_ray(inputs, opts, address=ray_address, num_gpus=num_gpus)
        elif engine == "local":
            stats = run_score(inputs, opts)
        else:
            raise UserError(f"--engine must be 'local' or 'ray', got {engine!r}")
    except JobError as exc:
        raise UserError(str(exc)) from None
    typer.echo(f"articles read {stats.articles_read}, scored {stats.articles_scored}, failed {stats.articles_failed}; "
               f"claims {stats.claims}; wall time {stats.wall_time_s:.1f} s ({stats.articles_per_s:.1f} articles/s)")
    typer.echo(f"claims: {stats.output}")
    if stats.articles_failed:
        typer.echo(f"skipped articles and reasons: {stats.errors_file}")
    if summary:
        _summarize(Path(stats.output), out)


def _summarize(claims: Path, out_dir: Path) -> None:
    from claimcoder.eval.summary import actor_table, read_claims, summarize, write_summary

    s = summarize(read_claims(claims))
    typer.echo("")
    typer.echo(actor_table(s))
    files = write_summary(s, out_dir / "summary")
    typer.echo("")
    typer.echo("summary files: " + ", ".join(str(f) for f in files))


@app.command()
@_guard
def summarize(
    claims: Annotated[Path, typer.Argument(help="A `claimcoder score` output folder or its claims file.")],
    out: Annotated[Optional[Path], typer.Option(help="Where to write the CSVs and heatmap. Default: "
                                                "CLAIMS/summary.")] = None,
) -> None:
    """Claims by actor and type, the who-accuses-whom edge list, per-article counts, and a heatmap."""
    base = claims if claims.is_dir() else claims.parent
    _summarize(claims, out or base)


def main() -> None:
    """Entry point of the ``claimcoder`` script."""
    app()


if __name__ == "__main__":
    main()
