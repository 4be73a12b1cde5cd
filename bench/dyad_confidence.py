"""How right the dyads a researcher counts are, keeping only claims whose actors are confident.

    python bench/dyad_confidence.py data/gold/actors-dev*.jsonl data/gold/actors-test*.jsonl [--model DIR]

End to end on gold articles, as ``claimcoder score`` codes them: each article's text rebuilt from its gold
sentences, split, coded by the model, its actors resolved with their ``actor_confidence``. Every predicted claim
is a dyad a summary counts: (type, source side, target side), a side being the country or organisation code of
the actor. It is right when the article's gold claims hold the same dyad (each gold claim matched once). For each
threshold, the claims whose source and target actors (where they have one) are at least that confident: how many
are kept, and how many of those are right. Use the dev and test files: the model was trained on the others. The
bundled confidence was fitted on them too, so for an honest figure fit one without them and pass it as
``--confidence FILE`` (``python bench/fit_reliability.py --fit data/gold/actors-train-[a-t].jsonl --test
data/gold/actors-train-[u-y].jsonl --write FILE``).
"""
from __future__ import annotations

import argparse
from collections import Counter

from claimcoder.data import io
from claimcoder.data.actor_dictionary import ActorDictionary
from claimcoder.data.articles import split_sentences
from claimcoder.eval.articles import gold_articles, rebuild_text, side
from claimcoder.model.coder import ClaimCoder
from claimcoder.scoring import reliability
from claimcoder.scoring.actors import resolve_claims, side_of
from claimcoder.scoring.home import held_out

THRESHOLDS = (None, 0.5, 0.6, 0.7, 0.8, 0.9)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+")
    ap.add_argument("--model", default=None, help="a model folder (default: the default model)")
    ap.add_argument("--confidence", default=None, help="a reliability.json to use instead of the bundled one")
    args = ap.parse_args()
    if args.confidence:
        trees = reliability.load_model(args.confidence)
        reliability._model = lambda: trees
    coder = ClaimCoder.load(args.model)
    dictionary = ActorDictionary.load([])
    kept = Counter()
    right = Counter()
    gold_total = 0
    for path in args.files:
        gold = io.read_jsonl(path, claim_types=None)
        with held_out({s.doc_id for s in gold}):
            for sentences in gold_articles(gold):
                wanted = Counter((c.type, side(c.source.actor if c.source else None),
                                  side(c.target.actor if c.target else None)) for s in sentences for c in s.claims)
                gold_total += sum(wanted.values())
                text, _ = rebuild_text(sentences)
                spans = split_sentences(text)
                coded = coder.predict([text[s:e] for s, e in spans])
                resolved = resolve_claims([(s.text, s.claims) for s in coded], dictionary)
                rows = [(c.type, a) for s, row in zip(coded, resolved) for c, a in zip(s.claims, row)]
                for t in THRESHOLDS:
                    left = Counter(wanted)
                    for ctype, a in rows:
                        confidences = [r.confidence for r in (a.source, a.target) if r is not None]
                        if t is not None and any(c is None or c < t for c in confidences):
                            continue
                        dyad = (ctype, side_of(a.source.to_actor()) if a.source else None,
                                side_of(a.target.to_actor()) if a.target else None)
                        kept[t] += 1
                        if left[dyad] > 0:
                            left[dyad] -= 1
                            right[t] += 1
    print(f"{len(args.files)} files, {gold_total} gold claims; {kept[None]} predicted claims")
    print(f"{'min confidence':>15} {'claims kept':>12} {'share':>7} {'dyads right':>12} {'precision':>10}")
    for t in THRESHOLDS:
        share = kept[t] / kept[None] if kept[None] else 0.0
        prec = right[t] / kept[t] if kept[t] else 0.0
        print(f"{'none' if t is None else t:>15} {kept[t]:>12} {share:>7.1%} {right[t]:>12} {prec:>10.1%}")


if __name__ == "__main__":
    main()
