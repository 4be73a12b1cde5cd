"""Active learning measured with the bundled corpus as the oracle: macro-F1 gained per 100 sentences
chosen by each strategy of `claimcoder select`, against random choice.

    python bench/active_learning.py [--seed-size 1500] [--n 500] [--repeats 3] [--epochs 1] [--eval-split dev]

Per repeat (seeds 13, 14, ...): fine-tune on a random seed subset of the train split, score the rest
of the train split (the pool) with that model, choose N pool sentences with each strategy
(uncertainty, diverse, random: ``claimcoder.scoring.select.choose``, the code behind
``claimcoder select``), take their gold annotations from the corpus (the oracle stands in for the
annotator), fine-tune again from the base encoder on seed + chosen, and measure sentence-level
macro-F1 on the evaluation split. Every fit has the same recipe (``--epochs``, thresholds tuned on
the dev split); with ``--eval-split dev`` the figures share that tuning's optimism, equally for every
strategy (``--eval-split test`` avoids it). Prints one table: macro-F1 (mean and spread over
repeats), the gain over the seed model, the gain per 100 sentences added, and that gain against
random choice's.

Expected time on the project's 2-core CPU (default MiniLM, bf16 where the CPU has it): per repeat
about 1 min for the seed fit (1,500 sentences, 1 epoch, then the dev pass), 1.5 min to score the
pool (about 10,500 sentences), and about 1.3 min for each of the three refits on 2,000 sentences:
about 6-7 min a repeat, 20 min for three. A smoke run with a tiny random encoder takes seconds:

    python bench/active_learning.py --base TINY_DIR --seed-size 40 --n 20 --max-pool 200 --max-eval 100 --repeats 1
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Sequence

from claimcoder.api import train
from claimcoder.data import bundled
from claimcoder.data.schema import Sentence
from claimcoder.eval.metrics import multi_hot
from claimcoder.model.coder import ClaimCoder
from claimcoder.model.thresholds import macro_f1_at
from claimcoder.scoring.select import STRATEGIES, Candidate, choose
from claimcoder.training.args import TrainingArguments


def fit(train_data: Sequence[Sentence], dev: Sequence[Sentence], args: argparse.Namespace, seed: int) -> ClaimCoder:
    """One fine-tuning run with the bench's recipe (no behavioural suite: this model is measured, not published)."""
    recipe = TrainingArguments(base=args.base, epochs=args.epochs, seed=seed, progress=False,
                               max_length=args.max_length)
    return train(train_data, dev, recipe, behaviour=False)


def macro_f1(coder: ClaimCoder, gold: Sequence[Sentence]) -> float:
    """Sentence-level macro-F1 over the claim types at the model's own (dev-tuned) thresholds."""
    probs = coder.predict_proba([s.text for s in gold])
    return macro_f1_at(multi_hot(gold, coder.claim_types), probs, coder.config.thresholds, coder.claim_types)


def candidates(coder: ClaimCoder, pool: Sequence[Sentence]) -> list[Candidate]:
    """The pool as `claimcoder score --all-sentences --type-scores` would give it: claims and type probabilities."""
    raws = coder.infer([s.text for s in pool])
    out = []
    for k, (s, raw) in enumerate(zip(pool, raws)):
        scores = None if raw is None else {t: float(p) for t, p in zip(coder.claim_types, raw[0])}
        index = s.meta.get("sent_index")
        out.append(Candidate(s.doc_id, index if isinstance(index, int) else k, s.text, coder.decode(s.text, raw),
                             scores))
    return out


def one_repeat(train_all: list[Sentence], dev: list[Sentence], evaluation: list[Sentence], args: argparse.Namespace,
               seed: int) -> dict[str, float]:
    """macro-F1 of the seed model and of each strategy's refit, for one seed."""
    rng = random.Random(seed)
    order = list(range(len(train_all)))
    rng.shuffle(order)
    seed_set = [train_all[i] for i in order[:args.seed_size]]
    pool = [train_all[i] for i in order[args.seed_size:]][:args.max_pool or None]
    t0 = time.perf_counter()
    coder = fit(seed_set, dev, args, seed)
    result = {"seed only": macro_f1(coder, evaluation)}
    cands = candidates(coder, pool)
    print(f"  seed {seed}: seed model {result['seed only']:.4f} ({time.perf_counter() - t0:.0f} s with pool scoring)",
          flush=True)
    for strategy in args.strategies:
        t1 = time.perf_counter()
        picked = choose(cands, args.n, strategy, coder.config.thresholds, seed=seed)
        chosen = [pool[i] for i, _ in picked]  # the oracle: the corpus's own annotations of the chosen sentences
        refit = fit(seed_set + chosen, dev, args, seed)
        result[strategy] = macro_f1(refit, evaluation)
        result[f"{strategy} n"] = len(chosen)
        result[f"{strategy} claims"] = sum(bool(s.claims) for s in chosen) / max(len(chosen), 1)
        print(f"  seed {seed}: {strategy:<11} {result[strategy]:.4f} ({len(chosen)} added, "
              f"{result[f'{strategy} claims']:.0%} with a claim; {time.perf_counter() - t1:.0f} s)", flush=True)
    return result


def table(runs: list[dict[str, float]], strategies: Sequence[str]) -> str:
    """Mean macro-F1 (spread), gain over the seed model, gain per 100 sentences, and that against random."""
    def mean_sd(key: str) -> tuple[float, float]:
        values = [r[key] for r in runs]
        return statistics.mean(values), (statistics.stdev(values) if len(values) > 1 else 0.0)

    seed_mean, seed_sd = mean_sd("seed only")
    per100 = {}
    lines = [f"{'strategy':<13}{'added':>7}{'with claim':>12}{'macro-F1':>10}{'(sd)':>8}{'gain':>9}"
             f"{'gain/100':>10}{'vs random/100':>15}",
             f"{'seed only':<13}{0:>7}{'':>12}{seed_mean:>10.4f}{seed_sd:>8.4f}"]
    for s in strategies:
        mean, sd = mean_sd(s)
        added = statistics.mean(r[f"{s} n"] for r in runs)
        gains = [(r[s] - r["seed only"]) / max(r[f"{s} n"], 1) * 100 for r in runs]
        per100[s] = statistics.mean(gains)
        lines.append(f"{s:<13}{added:>7.0f}{statistics.mean(r[f'{s} claims'] for r in runs):>12.0%}{mean:>10.4f}"
                     f"{sd:>8.4f}{mean - seed_mean:>+9.4f}{per100[s]:>+10.4f}")
    if "random" in per100:
        for i, s in enumerate(strategies):
            lines[i + 2] += f"{per100[s] - per100['random']:>+15.4f}"
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed-size", type=int, default=1500, help="Train sentences the first model sees.")
    parser.add_argument("--n", type=int, default=500, help="Sentences each strategy adds.")
    parser.add_argument("--repeats", type=int, default=3, help="Repeats with seeds 13, 14, ...")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--base", default=None, help="Base encoder (default: the bundled MiniLM).")
    parser.add_argument("--max-length", type=int, default=256)
    parser.add_argument("--eval-split", choices=("dev", "test"), default="dev")
    parser.add_argument("--max-pool", type=int, default=0, help="Cap the pool (smoke runs); 0: the whole rest.")
    parser.add_argument("--max-eval", type=int, default=0, help="Cap the evaluation split (smoke runs).")
    parser.add_argument("--strategies", default=",".join(STRATEGIES))
    parser.add_argument("--json", default=None, help="Also write every run's figures here.")
    args = parser.parse_args()
    args.strategies = [s.strip() for s in args.strategies.split(",") if s.strip()]
    train_all, dev = bundled.load_corpus("train"), bundled.load_corpus("dev")
    evaluation = dev if args.eval_split == "dev" else bundled.load_corpus("test")
    if args.max_eval:
        evaluation = evaluation[:args.max_eval]
        dev = dev[:args.max_eval]
    print(f"train {len(train_all)} sentences (seed {args.seed_size}, pool the rest), {args.n} added per strategy, "
          f"{args.repeats} repeat(s), {args.epochs} epoch(s) a fit; {args.eval_split} {len(evaluation)} sentences",
          flush=True)
    start = time.perf_counter()
    runs = [one_repeat(train_all, dev, evaluation, args, 13 + k) for k in range(args.repeats)]
    print()
    print(table(runs, args.strategies))
    print(f"\nwall time {time.perf_counter() - start:.0f} s")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump({"args": vars(args), "runs": runs}, fh, indent=1)


if __name__ == "__main__":
    main()
