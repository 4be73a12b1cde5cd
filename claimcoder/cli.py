"""The ``claimcoder`` command line: train, evaluate, agreement, predict, score, summarize.

Every command explains itself with ``--help`` and is thin: parse the options, make
one library call, print. An error that is the user's to fix (a ``UserError``: bad
input file, bad option, missing model) ends with one clear message and exit status
2; any other exception is a bug and keeps its traceback.
"""
from __future__ import annotations

import errno
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
    """Print a ``UserError``, or a path the user gave that cannot be written (a folder where a file goes, a file
    where a folder goes, no permission), as ``error: message`` with exit status 2; let every other exception
    through."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except UserError as exc:
            _fail(str(exc))
        except (FileExistsError, IsADirectoryError, NotADirectoryError, PermissionError) as exc:
            if exc.filename is None:
                raise
            where = exc.filename2 or exc.filename  # a rename onto the user's path names it second
            _fail(f"{where}: {exc.strerror or exc}")  # an output path the user named: theirs to fix
        except OSError as exc:  # a read-only file system, a full disk or quota: the place, not the program
            if exc.errno not in _PLACE_ERRORS:
                raise
            where = exc.filename2 or exc.filename
            if where is not None and Path(where).name.startswith(".") and Path(where).name.endswith(".tmp"):
                where = Path(where).parent  # the temporary file an atomic write makes: name its folder
            _fail(f"{where or 'writing the output'}: {exc.strerror}; the files finished before it are whole (each "
                  "is written to a temporary file and renamed into place): free space or choose a writable place "
                  "for the output, and run again")
    return wrapper


#: Errors of the place written to, which the user fixes: read-only file system, no space, quota exceeded.
_PLACE_ERRORS = {getattr(errno, name) for name in ("EROFS", "ENOSPC", "EDQUOT") if hasattr(errno, name)}


def _spare(inputs: list[Optional[Path]], outputs: list[Optional[Path]]) -> None:
    """Refuse, before any work, an output path that is one of the command's input files (``--json`` given the
    gold file's name would replace the annotations with a report)."""
    from claimcoder.data.io import refuse_overwriting

    given = [i for i in inputs if i is not None]
    for out in outputs:
        if out is not None:
            refuse_overwriting(out, given)


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
    merged = {**values, **{k: v for k, v in given.items() if v is not None}}
    from claimcoder.training.args import TrainingArguments

    try:  # every field's type and range now, before any data is split or written
        TrainingArguments.from_dict(merged)
    except OptionError as exc:
        raise OptionError(f"{config}: {exc}" if config is not None and any(k in str(exc) for k in values) else
                          str(exc)) from None
    return merged


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
    soup: Annotated[Optional[int], typer.Option(help="Train this many runs (seeds SEED, SEED+1, ...) and keep the "
                                                "average of their weights (a model soup: one model's cost to run). "
                                                "Default: TrainingArguments'.")] = None,
    bf16: Annotated[Optional[bool], typer.Option("--bf16/--no-bf16", help="bf16 autocast in the encoder's forward "
                                                 "pass. Default: on where the hardware has bf16 (AVX-512 BF16 or AMX CPUs, bf16 GPUs).")] = None,
    freeze_embeddings: Annotated[Optional[bool], typer.Option(
        "--freeze-embeddings/--train-embeddings", help="Keep the encoder's word embeddings as pretrained (a third "
        "faster on CPU; the default recipe's 5 epochs assume it). Default: frozen.")] = None,
    freeze_layers: Annotated[Optional[int], typer.Option(
        help="Also keep the embeddings and this many of the encoder's lowest layers as pretrained, computed once "
             "and reused every epoch (MiniLM: 3 of its 6 halve a CPU step's time, but its spans come out weaker; see the "
             "README). Default: 0.")] = None,
    config: Annotated[Optional[Path], typer.Option(help="JSON file of TrainingArguments fields (e.g. "
                                                   "{\"label_smoothing\": 0.1}); options given here override it.")] = None,
    max_train_sentences: Annotated[Optional[int], typer.Option(help="Subsample the train split (quick runs).")] = None,
    teacher: Annotated[Optional[Path], typer.Option(help="A trained claimcoder model to distil from: its "
                                                    "probabilities become extra targets (see --transfer).")] = None,
    transfer: Annotated[Optional[list[Path]], typer.Option(help="Unlabelled article files (any format `score` reads; "
                                                           "repeatable) that --teacher codes for this model to "
                                                           "learn from.")] = None,
    if_missing: Annotated[bool, typer.Option("--if-missing", help="Do nothing if a model already exists at OUT.")] = False,
) -> None:
    """Fine-tune a claim coder. With no options: train the default model on the bundled corpus.

    Examples:\n
      claimcoder train\n
      claimcoder train --data my_annotations.jsonl --out models/mine\n
      claimcoder train --train train.jsonl --dev dev.jsonl --base bert-base-cased --out models/big\n
      claimcoder train --teacher models/big --transfer unlabelled.jsonl --out models/fast
    """
    from claimcoder.api import train_from_files
    from claimcoder.eval.evaluate import format_report

    run = train_from_files(data=data, train_file=train_file, dev_file=dev_file, out=out,
                           claim_types=_claim_types(types), if_missing=if_missing,
                           args=_training_args(config, base=base, epochs=epochs, batch_size=batch_size,
                                               learning_rate=learning_rate, seed=seed, soup=soup, bf16=bf16,
                                               freeze_embeddings=freeze_embeddings,
                                               freeze_layers=freeze_layers,
                                               max_train_sentences=max_train_sentences,
                                               teacher=str(teacher) if teacher else None,
                                               transfer=[str(p) for p in transfer] if transfer else None),
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
    articles: Annotated[Optional[Path], typer.Option("--articles", help="Gold articles with actors (codebook JSONL, "
                                                     "every sentence of each article): score them end to end from "
                                                     "raw text and report actor resolution by mention kind, "
                                                     "actor-level claim F1 and dyad accuracy.")] = None,
    resolver_only: Annotated[bool, typer.Option("--resolver-only", help="With --articles: the actor resolver alone "
                                                "on the gold claims (no model; seconds).")] = False,
    actors: Annotated[Optional[list[Path]], typer.Option("--actors", help="With --articles: extra actor dictionary "
                                                         "TSV; repeatable.")] = None,
) -> None:
    """Measure a model on annotated sentences: P/R/F1 per type, macro/micro-F1, span and claim F1, calibration,
    with 95% bootstrap intervals over documents. With --articles: actors on whole gold articles.

    Examples:\n
      claimcoder evaluate test.jsonl --model models/mine --report-dir reports/mine\n
      claimcoder evaluate test.jsonl --model models/mine --baselines\n
      claimcoder evaluate test.jsonl --compare models/a models/b\n
      claimcoder evaluate my_corpus.jsonl --model models/mine --cv 5\n
      claimcoder evaluate --articles data/gold/actors-dev.jsonl --resolver-only
    """
    from claimcoder.api import fit_recipe
    from claimcoder.eval.run import format_evaluation, run_evaluation

    _spare([data, articles, train_file, dev_file, *(actors or [])],
           [json_out, *((report_dir / "report.json", report_dir / "report.md") if report_dir else ())])
    if articles is not None or resolver_only:
        from claimcoder.api import evaluate_articles
        from claimcoder.eval.articles import format_articles_report

        if articles is None or data is not None:
            raise UserError("--articles FILE replaces the DATA argument (and --resolver-only needs --articles)")
        unused = [name for name, given in (("--report-dir", report_dir), ("--baselines", baselines),
                                           ("--compare", compare), ("--cv", cv), ("--learning-curve", learning_curve),
                                           ("--train", train_file), ("--dev", dev_file), ("--behaviour", behaviour),
                                           ("--model", resolver_only and model)) if given]
        if unused:
            mode = "--articles --resolver-only" if resolver_only else "--articles"
            takes = "--actors" if resolver_only else "--model, --actors"
            raise UserError(f"{', '.join(unused)}: not used with {mode} (it takes {takes}, --json, --bootstrap and "
                            f"--seed); leave {'it' if len(unused) == 1 else 'them'} out")
        typer.echo(format_articles_report(evaluate_articles(
            articles, model, actors=actors or [], resolver_only=resolver_only, n_resamples=bootstrap, seed=seed,
            json_path=json_out)))
        if json_out:
            typer.echo(f"figures written to {json_out}")
        return

    if actors:
        raise UserError("--actors: used only with --articles (the actor dictionaries of the resolver)")
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

    _spare([cases], [json_out, markdown])
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
    type set, and source/target span agreement (exact and token-overlap F1). Where both files give
    codebook actors on the same spans (two annotations of a gold actors file), also how often they
    give the same actor and side, by mention kind: the ceiling for the actor resolver.

    Example:\n
      claimcoder agreement coder_a.jsonl coder_b.jsonl --json agreement.json
    """
    from claimcoder.data.io import atomic_write
    from claimcoder.eval.agreement import agreement_files, format_agreement

    _spare([first, second], [json_out])
    result = agreement_files(first, second, _claim_types(types))
    typer.echo(format_agreement(result))
    if json_out:
        with atomic_write(json_out) as fh:
            json.dump(result, fh, indent=1, ensure_ascii=False)
        typer.echo(f"figures written to {json_out}")


@app.command()
def predict(
    texts: Annotated[Optional[list[str]], typer.Argument(help="Sentences to code; '-' reads them from standard "
                                                         "input, one a line.")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Read sentences from a .jsonl (field 'text'; "
                                                 "'claims' not needed), .csv (column 'text') or .txt file (one "
                                                 "sentence a line).")] = None,
    model: ModelOpt = None,
    out: Annotated[Optional[Path], typer.Option(help="Write JSONL here instead of standard output.")] = None,
) -> None:
    """Print the claims in each sentence as codebook JSONL (with scores)."""
    from claimcoder.data.io import read_unlabelled, sentences_from_texts, write_jsonl
    from claimcoder.model import ClaimCoder

    if file is not None and texts:
        raise UserError("give sentences as arguments or with --file, not both")
    _spare([file], [out])
    if file is not None:
        items = read_unlabelled(file)
    elif texts == ["-"] or (not texts and not sys.stdin.isatty()):
        items = sentences_from_texts(sys.stdin.read().splitlines(), "<stdin>", skip_blank=True)
    elif texts:
        items = sentences_from_texts(texts, "<arguments>")
    else:
        raise UserError("give sentences as arguments, --file, or on standard input")
    from claimcoder.model.coder import paragraph_warning

    if (message := paragraph_warning([s.text for s in items])) is not None:
        typer.echo(f"warning: {message}", err=True)
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
    type_scores: Annotated[bool, typer.Option("--type-scores", help="Add a type_scores column: each sentence's "
                                              "probability for every claim type (for `claimcoder select`).")] = False,
    actors: Annotated[Optional[list[Path]], typer.Option("--actors", help="Extra actor dictionary TSV (actor, code, "
                                                         "kind, aliases); repeatable; wins over the bundled one.")] = None,
    quantize: Annotated[Optional[Quantize], typer.Option(help="int8: ONNX Runtime int8 inference on CPU; bf16: torch "
                                                         "bf16 autocast, fast on CPUs with AVX-512 BF16 or AMX and "
                                                         "on GPUs (speed and F1 cost of both in the README).")] = None,
    workers: Annotated[int, typer.Option(help="Processes scoring in parallel (each single-threaded if >1).")] = 1,
    batch_size: Annotated[int, typer.Option(help="Sentences per forward pass (16 keeps memory low on CPU at the "
                                            "same speed; raise it on a GPU).")] = 16,
    chunk_size: Annotated[int, typer.Option(help="Articles per resumable chunk.")] = 256,
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted run in OUT (same settings and "
                                         "model; engine local).")] = False,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Discard what OUT holds and start again.")] = False,
    max_chars: Annotated[int, typer.Option(help="Skip (and record) articles longer than this.")] = 200_000,
    summary: Annotated[bool, typer.Option("--summary", help="Then summarize: claims by actor, who -> whom.")] = False,
    report: Annotated[bool, typer.Option("--report", help="Then write OUT/report.html (totals, top actors and dyads, "
                                         "pictures, sample claims) and OUT/articles.html (see `claimcoder show`).")] = False,
    date_field: Annotated[Optional[str], typer.Option(help="With --report: the input field holding each article's "
                                                      "ISO date; the report then draws the top dyads over time.")] = None,
    engine: Annotated[Engine, typer.Option(help="local (this machine) or ray (Ray Data; pip install "
                                           "'claimcoder\\[ray]').")] = Engine.LOCAL,
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

    if date_field is not None and not report:
        raise UserError("--date-field dates the report's dyads: add --report (to date every claim, use "
                        "`claimcoder export events OUT --date-field FIELD` after scoring)")
    opts = ScoreOptions(out=out, model=model, format=format, id_field=id_field, text_field=text_field,
                        all_sentences=all_sentences, type_scores=type_scores, actors=[str(a) for a in actors or []],
                        quantize=quantize,
                        batch_size=batch_size, chunk_size=chunk_size, workers=workers, resume=resume,
                        overwrite=overwrite, max_chars=max_chars, engine=engine, ray_address=ray_address,
                        num_gpus=num_gpus, required_fields=(("--date-field", date_field),) if date_field else ())
    stats = run_score(inputs, opts)
    typer.echo(f"articles read {stats.articles_read}, scored {stats.articles_scored}, failed {stats.articles_failed}; "
               f"claims {stats.claims}; wall time {stats.wall_time_s:.1f} s ({stats.articles_per_s:.1f} articles/s)")
    typer.echo(f"claims: {stats.output}")
    if stats.articles_failed:
        typer.echo(f"skipped articles and reasons: {stats.errors_file}")
    if not stats.articles_read:
        typer.echo("warning: no article was read from the input (an empty file or folder?)", err=True)
    if stats.sentences_truncated:
        first = stats.truncated_examples[0]
        typer.echo(f"warning: {stats.sentences_truncated} sentence(s) longer than the model's max_length tokens were "
                   f"cut, and claims in the cut part are not found (the first: {first['doc_id']} sentence "
                   f"{first['sentence_index']}); listed in {Path(out) / 'run.json'}", err=True)
    if summary:
        _summarize(Path(stats.output), out / "summary")
    if report:
        from claimcoder.scoring.html import write_report

        local = [i for i in inputs if i != "-" and "://" not in i]  # stdin and remote inputs cannot be re-read
        page = write_report(out, out, articles=local, id_field=id_field,
                            text_field=text_field, date_field=date_field)
        typer.echo(f"report: {page.report} (articles: {page.articles_page})")


def _summarize(claims: Path, out_dir: Path, by: str = "actor", actors: Optional[list[Path]] = None,
               min_confidence: Optional[float] = None) -> None:
    """Print the actor table of ``claims`` (a file or a folder of part files); write the summary to ``out_dir``."""
    from claimcoder.scoring.summary import summarize_claims

    table, files = summarize_claims(claims, out_dir, by=by, actors=actors or [], min_confidence=min_confidence)
    typer.echo("")
    typer.echo(table)
    typer.echo("")
    typer.echo("summary files: " + ", ".join(str(f) for f in files))


@app.command()
def summarize(
    claims: Annotated[Path, typer.Argument(help="A `claimcoder score` output folder, its claims file, or a folder "
                                           "of part files (engine ray).")],
    out: Annotated[Optional[Path], typer.Option(help="Where to write the CSVs and heatmap. Default: "
                                                "CLAIMS/summary.")] = None,
    by: Annotated[str, typer.Option("--by", help="actor: count each actor; country: count each actor as its "
                                    "country (its code if it is a country, else its affiliation), for "
                                    "country -> country dyads.")] = "actor",
    actors: Annotated[Optional[list[Path]], typer.Option("--actors", help="Extra actor dictionary TSV, for the "
                                                         "names of countries and organisations; repeatable.")] = None,
    min_confidence: Annotated[Optional[float], typer.Option(
        "--min-confidence", help="Count only claims whose source and target actors both have at least this "
        "actor_confidence (0-1; on unseen gold articles the most confident half of resolutions is right 86.4% "
        "of the time, all of them 70.4%: see README, 'How far to trust an actor').")] = None,
) -> None:
    """Claims by actor (or country) and type, the who-accuses-whom edge list, per-article counts, and a heatmap.

    Examples:\n
      claimcoder summarize runs/samples\n
      claimcoder summarize runs/samples --by country\n
      claimcoder summarize runs/samples --by country --min-confidence 0.8
    """
    base = claims if claims.is_dir() and not claims.name.startswith("claims.") else claims.parent
    _summarize(claims, out or base / "summary", by=by, actors=actors, min_confidence=min_confidence)


@app.command()
def show(
    claims: Annotated[Path, typer.Argument(help="A `claimcoder score` output folder, its claims file, or a folder "
                                           "of part files.")],
    out: Annotated[Path, typer.Option(help="The HTML page to write.")],
    articles: Annotated[Optional[list[Path]], typer.Option("--articles", help="The scored inputs (folder of .txt, "
                                                           ".jsonl/.csv/.parquet), to show each article's text "
                                                           "with its claims in place; repeatable.")] = None,
    id_field: Annotated[Optional[str], typer.Option(help="Article id field of --articles. Default: the run's "
                                                    "(run.json), else 'id'.")] = None,
    text_field: Annotated[Optional[str], typer.Option(help="Article text field of --articles. Default: the run's, "
                                                      "else 'text'.")] = None,
    limit: Annotated[Optional[int], typer.Option(help="Show at most this many articles (the rest are counted).")] = None,
) -> None:
    """Render articles and their claims as one standalone HTML page: source and target highlighted, type,
    score and resolved actors on each claim; no script, no external file.

    Examples:\n
      claimcoder show runs/samples --articles data/samples --out samples.html\n
      claimcoder show runs/news/claims.parquet --out news.html --limit 100
    """
    from claimcoder.scoring.html import write_show

    if limit is not None and limit < 1:
        raise UserError(f"--limit {limit}: give a positive number of articles")
    page = write_show(claims, out, articles=articles, id_field=id_field, text_field=text_field, limit=limit)
    more = f" ({page.omitted} more not shown: --limit)" if page.omitted else ""
    typer.echo(f"{page.claims} claims in {page.articles} articles{more} -> {page.out}")
    if articles and page.with_text < page.articles:
        typer.echo(f"article text found for {page.with_text} of {page.articles} articles (check --articles, "
                   "--id-field, --text-field)")


export_app = _App(help="Export scored claims for other tools: `claimcoder export events` (dyadic event data).",
                  no_args_is_help=True)
app.add_typer(export_app, name="export")


@export_app.command("events")
def export_events(
    claims: Annotated[Path, typer.Argument(help="A `claimcoder score` output folder, its claims file, or a folder "
                                           "of part files.")],
    date_field: Annotated[str, typer.Option(help="The scored input's field holding each article's date "
                                            "(ISO 8601 date or date-time), carried into the claims.")],
    out: Annotated[Path, typer.Option(help="Output folder: events, undated claims, dyad aggregates, pictures.")],
    freq: Annotated[str, typer.Option(help="Aggregation period: day, week (ISO, from Monday) or month.")] = "week",
    level: Annotated[str, typer.Option(help="Dyads of actors, or of their countries (the actor's code if it is a "
                                       "country, else its affiliation).")] = "actor",
    top: Annotated[int, typer.Option(help="Dyads drawn in the time-series picture (0: no such picture).")] = 8,
    min_confidence: Annotated[Optional[float], typer.Option(
        "--min-confidence", help="Leave out (and count) the claims with a source or target actor whose "
        "actor_confidence is under this (0-1): dyads the resolver is sure of (README, 'How far to trust an "
        "actor').")] = None,
) -> None:
    """Dyadic event data: one record per claim (date, source and target actor with code and affiliation,
    claim type, PLOVER-style category, score, doc id, sentence), counts by period and dyad (CSV and
    Parquet), the top dyads over time and a who-claims-against-whom network (PNG).

    Claims whose date is missing or not ISO 8601 go to OUT/undated.csv and are counted, never dropped.

    Examples:\n
      claimcoder export events runs/news --date-field published --out runs/news/events\n
      claimcoder export events runs/news --date-field published --out events --freq month --level country
    """
    from claimcoder.scoring.events import export_events as run_export, format_export

    typer.echo(format_export(run_export(claims, date_field, out, freq=freq, level=level, top=top,
                                        min_confidence=min_confidence)))


@app.command()
def convert(
    src: Annotated[Path, typer.Argument(help="Annotations: codebook JSONL, a Label Studio export (JSON), doccano "
                                        "JSONL or Prodigy JSONL.")],
    dst: Annotated[Path, typer.Argument(help="The file to write.")],
    to: Annotated[str, typer.Option("--to", help="Output format: codebook, labelstudio, doccano or prodigy.")],
    from_: Annotated[Optional[str], typer.Option("--from", help="Input format. Default: told from the content.")] = None,
    types: Annotated[Optional[str], typer.Option(help="Comma-separated claim types. Default: the codebook's three; "
                                                 "'auto' accepts any.")] = None,
    unreviewed: Annotated[bool, typer.Option("--unreviewed", help="Also take tasks nobody annotated, with their "
                                             "pre-annotations as they are (Label Studio, Prodigy).")] = False,
    predictions: Annotated[bool, typer.Option("--predictions", help="Write the claims as pre-annotations to review "
                                              "(Label Studio predictions; Prodigy tasks with no answer).")] = False,
) -> None:
    """Convert annotations between codebook JSONL and Label Studio, doccano or Prodigy (spans plus relations).

    A claim with source and target is a relation source -> target labelled with its type
    (spans labelled ACTOR); with no target, its source span is labelled '<type>:source-only';
    with no source, its target '<type>:target-only'; with neither, a sentence-level label.
    The Label Studio labelling config that goes with it: data/formats/labelstudio.xml.

    Examples:\n
      claimcoder convert corpus.jsonl tasks.json --to labelstudio\n
      claimcoder convert project-export.json annotated.jsonl --to codebook\n
      claimcoder convert doccano.jsonl prodigy.jsonl --to prodigy --from doccano
    """
    from claimcoder.data.formats import convert as run_convert
    from claimcoder.data.formats.labelstudio import config_path

    from claimcoder.data.schema import CODEBOOK_TYPES

    claim_types = None if types == "auto" else (_claim_types(types) or list(CODEBOOK_TYPES))  # None: any type
    done = run_convert(src, dst, to, from_, claim_types=claim_types,
                       unreviewed=unreviewed, predictions=predictions)
    typer.echo(f"{done.sentences} sentences ({done.claims} claims) from {done.source_format} to "
               f"{done.target_format}: {done.out}")
    if done.skipped:
        typer.echo(f"{done.skipped} task(s) left out: {done.skipped_why}")
    if done.target_format == "labelstudio":
        typer.echo(f"Label Studio labelling config: {done.config or config_path()}")


@app.command()
def select(
    scored: Annotated[Path, typer.Argument(help="A `claimcoder score --all-sentences --type-scores` output folder, "
                                           "or its claims file.")],
    n: Annotated[int, typer.Option("--n", help="How many sentences to choose.")],
    out: Annotated[Path, typer.Option(help="The file to write, for the annotation tool.")],
    strategy: Annotated[str, typer.Option(help="uncertainty (nearest a threshold), diverse (uncertain, spread over "
                                          "documents and topics) or random.")] = "uncertainty",
    to: Annotated[str, typer.Option("--to", help="labelstudio, doccano, prodigy or codebook.")] = "labelstudio",
    model: ModelOpt = None,
    exclude: Annotated[Optional[list[Path]], typer.Option("--exclude", help="Annotations already made (any format; "
                                                          "repeatable): never choose them or their near-duplicates "
                                                          "again.")] = None,
    seed: Annotated[int, typer.Option(help="Seed for random choice and ties.")] = 13,
) -> None:
    """Choose sentences to annotate next (least sure first, no near-duplicates), with the model's claims.

    Writes them for Label Studio, doccano or Prodigy with the model's claims as pre-annotations.
    --model is the model that scored the run (its thresholds define uncertainty).

    Examples:\n
      claimcoder score news.jsonl --out runs/news --all-sentences --type-scores\n
      claimcoder select runs/news --n 200 --strategy diverse --to labelstudio --out round1.json\n
      claimcoder select runs/news --n 200 --to prodigy --out round2.jsonl --exclude round1-done.jsonl
    """
    from claimcoder.scoring.select import select as run_select

    chosen = run_select(scored, n, strategy, to=to, out=out, model=model, seed=seed, exclude=exclude or [])
    typer.echo(f"{len(chosen.sentences)} of {chosen.candidates} sentences chosen ({chosen.strategy}), with the "
               f"model's claims as pre-annotations: {chosen.out}")
    for warning in chosen.warnings:
        typer.secho(f"caution: {warning}", fg=typer.colors.YELLOW, err=True)


def main() -> None:
    """Entry point of the ``claimcoder`` script."""
    app()


if __name__ == "__main__":
    main()
