"""The ``claimcoder`` command line: train, evaluate, agreement, predict, score, summarize.

Every command explains itself with ``--help`` and is thin: parse the options, make
one library call, print. An error that is the user's to fix (a ``UserError``: bad
input file, bad option, missing model) ends with one clear message and exit status
2; any other exception is a bug and keeps its traceback.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from claimcoder.data.errors import UserError
from claimcoder.scoring.options import Engine, OutputFormat, Quantize


def _fail(message: str) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(2)


def _user_errors(fn):
    """Print a ``UserError`` as ``error: message`` with exit status 2; let every other exception through."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except UserError as exc:
            _fail(str(exc))
    return wrapper


class _App(typer.Typer):
    """A Typer app whose every command reports user errors cleanly (see ``_user_errors``)."""

    def command(self, *args, **kwargs):
        register = super().command(*args, **kwargs)

        def decorator(fn):
            register(_user_errors(fn))
            return fn
        return decorator


app = _App(
    help="Find accusations, denials and demands for explanation in news text: who makes them, against whom.\n\n"
         "Typical session: `claimcoder train` (fine-tunes the default model on the bundled corpus), then "
         "`claimcoder predict \"The ministry denied the report.\"`, or `claimcoder score articles/ --out claims/`.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)


def _claim_types(types: Optional[str]) -> "list[str] | str | None":
    """``--types``: None (the codebook's), ``'auto'``, or a comma-separated list."""
    if types in (None, "auto"):
        return types
    return [t.strip() for t in types.split(",") if t.strip()] or None


ModelOpt = Annotated[Optional[Path], typer.Option(
    "--model", "-m", help="Trained model directory. Default: the default model (see `claimcoder train`).")]


def _training_args(config: Path | None, **given: Any) -> dict[str, Any]:
    """Training arguments: the --config file's fields, overridden by the options the user gave."""
    from claimcoder.data.errors import OptionError

    values: dict[str, Any] = {}
    if config is not None:
        try:
            values = json.loads(config.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise OptionError(f"{config}: cannot read a JSON object of training arguments ({exc})") from None
        if not isinstance(values, dict):
            raise OptionError(f"{config}: must hold a JSON object of training arguments")
    return {**values, **{k: v for k, v in given.items() if v is not None}}


@app.command()
def train(
    data: Annotated[Optional[Path], typer.Option(help="One annotated JSONL file, split here by document 70/15/15 "
                                                  "(the test part is written to OUT-splits/test.jsonl).")] = None,
    train_file: Annotated[Optional[Path], typer.Option("--train", help="Train split JSONL (with --dev).")] = None,
    dev_file: Annotated[Optional[Path], typer.Option("--dev", help="Dev split JSONL: model selection and "
                                                     "threshold tuning.")] = None,
    out: Annotated[Optional[Path], typer.Option(help="Where to save the model. Default: the default model dir.")] = None,
    base: Annotated[Optional[str], typer.Option(help="Base encoder: a local HF model dir or hub id. Default: the "
                                                "bundled all-MiniLM-L6-v2 (offline).")] = None,
    types: Annotated[Optional[str], typer.Option(help="Comma-separated claim types. Default: the codebook's three; "
                                                 "'auto' takes them from the data.")] = None,
    epochs: Annotated[Optional[int], typer.Option(help="Maximum epochs (early stopping on dev macro-F1 + claim F1, "
                                                       "the selection metric). Default: TrainingArguments'.")] = None,
    batch_size: Annotated[Optional[int], typer.Option(help="Sentences per training batch. Default: 16.")] = None,
    learning_rate: Annotated[Optional[float], typer.Option("--lr", help="Encoder learning rate. Default: 8e-5.")] = None,
    seed: Annotated[Optional[int], typer.Option(help="Random seed (data order, initialisation). Default: 13.")] = None,
    bf16: Annotated[Optional[bool], typer.Option("--bf16/--no-bf16", help="bf16 autocast in the encoder's forward "
                                                 "pass. Default: on where the hardware has bf16 (AVX-512 BF16 or AMX CPUs, bf16 GPUs).")] = None,
    config: Annotated[Optional[Path], typer.Option(help="JSON file of TrainingArguments fields (e.g. "
                                                   "{\"label_smoothing\": 0.1}); options given here override it.")] = None,
    max_train_sentences: Annotated[Optional[int], typer.Option(help="Subsample the train split (quick runs).")] = None,
    if_missing: Annotated[bool, typer.Option("--if-missing", help="Do nothing if a model already exists at OUT.")] = False,
) -> None:
    """Fine-tune a claim coder. With no options: train the default model on the bundled corpus.

    Examples:\n
      claimcoder train\n
      claimcoder train --data my_annotations.jsonl --out models/mine\n
      claimcoder train --train train.jsonl --dev dev.jsonl --base bert-base-cased --out models/big
    """
    from claimcoder.api import train_from_files
    from claimcoder.eval.evaluate import format_report

    run = train_from_files(data=data, train_file=train_file, dev_file=dev_file, out=out,
                           claim_types=_claim_types(types), if_missing=if_missing,
                           args=_training_args(config, base=base, epochs=epochs, batch_size=batch_size,
                                               learning_rate=learning_rate, seed=seed, bf16=bf16,
                                               max_train_sentences=max_train_sentences),
                           progress=typer.echo)
    if run.skipped:
        typer.echo(f"model already trained at {run.out} (--if-missing): nothing to do")
        return
    typer.echo(format_report(run.coder.config.training["dev_metrics"], title="dev report (thresholds tuned on dev):"))
    typer.echo(f"saved to {run.out}; training wall time {run.wall_time_s:.0f} s ({run.wall_time_s / 60:.1f} min)")


@app.command()
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
    bootstrap: Annotated[int, typer.Option(help="Bootstrap resamples (over documents) for the 95% intervals and the "
                                           "paired tests; 0: no resampling, no intervals, no tests.")] = 1000,
    seed: Annotated[int, typer.Option(help="Seed for resampling, folds and subsets: same seed, same numbers.")] = 13,
    behaviour: Annotated[bool, typer.Option("--behaviour", help="Also run the behavioural test suite (CheckList-style "
                                            "capability tests, see `claimcoder check`) on the model.")] = False,
) -> None:
    """Measure a model on annotated sentences: P/R/F1 per type, macro/micro-F1, span and claim F1, calibration,
    with 95% bootstrap intervals over documents.

    Examples:\n
      claimcoder evaluate test.jsonl --model models/mine --report-dir reports/mine\n
      claimcoder evaluate test.jsonl --model models/mine --baselines\n
      claimcoder evaluate test.jsonl --compare models/a models/b\n
      claimcoder evaluate my_corpus.jsonl --model models/mine --cv 5
    """
    from claimcoder.api import fit_recipe
    from claimcoder.eval.run import format_evaluation, run_evaluation

    try:
        shares = [float(f) for f in fractions.split(",") if f.strip()]
    except ValueError:
        raise UserError(f"--fractions {fractions!r}: give numbers in (0, 1] separated by commas") from None
    report = run_evaluation(data, model, compare=compare, baselines=baselines, cv=cv, learning_curve=learning_curve,
                            fractions=shares, train_file=train_file, dev_file=dev_file, n_resamples=bootstrap,
                            seed=seed, json_path=json_out, report_dir=report_dir, fit=fit_recipe, behaviour=behaviour,
                            progress=lambda message: typer.echo(message, err=True))
    typer.echo(format_evaluation(report))
    for warning in report["warnings"]:
        typer.secho(f"caution: {warning}", fg=typer.colors.YELLOW, err=True)
    if json_out:
        typer.echo(f"figures written to {json_out}")
    if report_dir:
        typer.echo(f"report written to {report_dir}: report.json, report.md and the plots")


@app.command()
def check(
    model: ModelOpt = None,
    cases: Annotated[Optional[Path], typer.Option(help="Behavioural cases JSONL. Default: the bundled suite "
                                                  "(data/behaviour/cases.jsonl).")] = None,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the full report as JSON here.")] = None,
    markdown: Annotated[Optional[Path], typer.Option(help="Also write the report with failing examples as "
                                                     "markdown here.")] = None,
) -> None:
    """Behavioural tests of a model by capability (CheckList-style): pass rates per test.

    Three kinds of test: MFT (minimum functionality: every codebook example and rule, each
    type in many forms), INV (invariance: names, countries, tense, quotes, spelling must not
    change the label) and DIR (directional: negation, hypotheticals, the writer's voice,
    'declined to comment', demands to act must remove the claim). None of these sentences
    is in the training corpus (a test checks it).

    Examples:\n
      claimcoder check\n
      claimcoder check --model models/mine --markdown behaviour.md
    """
    from claimcoder.api import check_behaviour
    from claimcoder.eval.behaviour import format_behaviour

    report = check_behaviour(model, cases, json_path=json_out, markdown_path=markdown)
    typer.echo(format_behaviour(report, examples=False))


@app.command()
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
    from claimcoder.data.io import atomic_write
    from claimcoder.eval.agreement import agreement_files, format_agreement

    result = agreement_files(first, second, _claim_types(types))
    typer.echo(format_agreement(result))
    if json_out:
        with atomic_write(json_out) as fh:
            json.dump(result, fh, indent=1, ensure_ascii=False)
        typer.echo(f"figures written to {json_out}")


@app.command()
def predict(
    texts: Annotated[Optional[list[str]], typer.Argument(help="Sentences to code.")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Read sentences from a .jsonl (field 'text'; "
                                                 "'claims' not needed), .csv (column 'text') or .txt file (one "
                                                 "sentence a line).")] = None,
    model: ModelOpt = None,
    out: Annotated[Optional[Path], typer.Option(help="Write JSONL here instead of standard output.")] = None,
) -> None:
    """Print the claims in each sentence as codebook JSONL (with scores)."""
    from claimcoder.data.io import read_unlabelled, write_jsonl
    from claimcoder.data.schema import Sentence
    from claimcoder.model import ClaimCoder

    if file is not None:
        items = read_unlabelled(file)
    elif texts:
        items = [Sentence(text=t, id=str(i)) for i, t in enumerate(texts, 1)]
    elif not sys.stdin.isatty():
        items = [Sentence(text=t, id=str(i)) for i, t in enumerate(sys.stdin.read().splitlines(), 1) if t.strip()]
    else:
        raise UserError("give sentences as arguments, --file, or on standard input")
    preds = ClaimCoder.load(model).predict_sentences(items)
    if out:
        write_jsonl(out, preds)
        typer.echo(f"{len(preds)} sentences written to {out}")
    else:
        for p in preds:
            typer.echo(json.dumps(p.to_dict(), ensure_ascii=False))


@app.command()
def score(
    inputs: Annotated[list[str], typer.Argument(help="Folders of .txt articles, .jsonl/.csv/.parquet files (one "
                                                "article per line/row), or '-' for JSONL on standard input.")],
    out: Annotated[Path, typer.Option(help="Output folder: claims.<format>, errors.jsonl, run.json.")],
    model: ModelOpt = None,
    format: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = OutputFormat.JSONL,
    id_field: Annotated[str, typer.Option(help="Input field (JSONL/CSV/Parquet) holding the article id.")] = "id",
    text_field: Annotated[str, typer.Option(help="Input field holding the article text.")] = "text",
    all_sentences: Annotated[bool, typer.Option("--all-sentences", help="Also write sentences with no claim.")] = False,
    actors: Annotated[Optional[list[Path]], typer.Option("--actors", help="Extra actor dictionary TSV (actor, code, "
                                                         "kind, aliases); repeatable; wins over the bundled one.")] = None,
    quantize: Annotated[Optional[Quantize], typer.Option(help="int8: ONNX Runtime int8 inference on CPU (its speed "
                                                         "and F1 cost are in the README).")] = None,
    workers: Annotated[int, typer.Option(help="Processes scoring in parallel (each single-threaded if >1).")] = 1,
    batch_size: Annotated[int, typer.Option(help="Sentences per forward pass.")] = 64,
    chunk_size: Annotated[int, typer.Option(help="Articles per resumable chunk.")] = 256,
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted run in OUT (same settings and "
                                         "model; engine local).")] = False,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Discard what OUT holds and start again.")] = False,
    max_chars: Annotated[int, typer.Option(help="Skip (and record) articles longer than this.")] = 200_000,
    summary: Annotated[bool, typer.Option("--summary", help="Then summarize: claims by actor, who -> whom.")] = False,
    engine: Annotated[Engine, typer.Option(help="local (this machine) or ray (Ray Data; pip install "
                                           "claimcoder[ray]).")] = Engine.LOCAL,
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
    from claimcoder.scoring import ScoreOptions, run_score

    opts = ScoreOptions(out=out, model=model, format=format, id_field=id_field, text_field=text_field,
                        all_sentences=all_sentences, actors=[str(a) for a in actors or []], quantize=quantize,
                        batch_size=batch_size, chunk_size=chunk_size, workers=workers, resume=resume,
                        overwrite=overwrite, max_chars=max_chars, engine=engine, ray_address=ray_address,
                        num_gpus=num_gpus)
    stats = run_score(inputs, opts)
    typer.echo(f"articles read {stats.articles_read}, scored {stats.articles_scored}, failed {stats.articles_failed}; "
               f"claims {stats.claims}; wall time {stats.wall_time_s:.1f} s ({stats.articles_per_s:.1f} articles/s)")
    typer.echo(f"claims: {stats.output}")
    if stats.articles_failed:
        typer.echo(f"skipped articles and reasons: {stats.errors_file}")
    if summary:
        _summarize(Path(stats.output), out / "summary")


def _summarize(claims: Path, out_dir: Path) -> None:
    """Print the actor table of ``claims`` (a file or a folder of part files); write the summary to ``out_dir``."""
    from claimcoder.scoring.summary import actor_table, read_claims, summarize, write_summary

    s = summarize(read_claims(claims))
    typer.echo("")
    typer.echo(actor_table(s))
    files = write_summary(s, out_dir)
    typer.echo("")
    typer.echo("summary files: " + ", ".join(str(f) for f in files))


@app.command()
def summarize(
    claims: Annotated[Path, typer.Argument(help="A `claimcoder score` output folder, its claims file, or a folder "
                                           "of part files (engine ray).")],
    out: Annotated[Optional[Path], typer.Option(help="Where to write the CSVs and heatmap. Default: "
                                                "CLAIMS/summary.")] = None,
) -> None:
    """Claims by actor and type, the who-accuses-whom edge list, per-article counts, and a heatmap."""
    base = claims if claims.is_dir() and not claims.name.startswith("claims.") else claims.parent
    _summarize(claims, out or base / "summary")


def main() -> None:
    """Entry point of the ``claimcoder`` script."""
    app()


if __name__ == "__main__":
    main()
