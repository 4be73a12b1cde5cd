"""How much the resolver's choice of an article's home country leaves, and whether a learned ranker takes it.

    python bench/home_headroom.py data/gold/actors-*.jsonl

For every gold article, the resolver is run once as it is and once with each candidate home forced in (every
country its names vote for, its dateline's, and the words classifier's two best guesses): the best candidate is
the *oracle* home. A logistic regression over each candidate's signals (votes, headline, dateline, lead, first
mention, the words classifier, the rule's own choice) is then fitted on the training-split gold files and scored
on the others, and leaving one gold file out at a time. Prints resolution accuracy per file as is and with the
oracle home, and the spans the ranker gains. Analysis only: nothing here is used at run time.
"""
from __future__ import annotations

import argparse
import math
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from claimcoder.data import io
from claimcoder.data.actor_dictionary import ActorDictionary
from claimcoder.eval.articles import compare_article, gold_articles, strip_actors
from claimcoder.scoring import actors, home
from claimcoder.scoring.home import held_out


class _Probe(actors.ArticleResolver):
    """The resolver with its home country noted (``seen``) or replaced (``force``) after reading."""

    force: str | None = None
    seen: dict = {}

    def read(self, texts):
        super().read(texts)
        if _Probe.force is not None:
            self.home = _Probe.force
            return
        per_sentence = [[] if s.boiler else actors.home_votes(t[s.body:], self.dictionary, self.surnames)
                        for t, s in zip(texts, self.sentences)]
        body = " ".join(t for t, s in zip(texts, self.sentences) if not s.boiler)
        _Probe.seen = {"rule": self.home, "votes": dict(self.votes), "datelined": list(self.datelined),
                       "headline": actors.headline_country(self.sentences[0], self.dictionary),
                       "per_sentence": per_sentence, "words": _word_scores(body)}


def _word_scores(text: str) -> dict[str, float]:
    """The words classifier's score for every country it knows (higher: the words point there more)."""
    model = home._model(home._HELD_OUT.intersection(home._training_articles()) if home._HELD_OUT else frozenset())
    ids, row = model._row(Counter(home._TOKENS.findall(text)))
    return dict(zip(model.classes, (model.weights[:, ids] @ row).tolist())) if len(ids) else {}


def _resolve(article, dictionary):
    return actors.resolve_article(strip_actors(article), dictionary)


def _correct(article, resolved) -> tuple[int, int]:
    results = compare_article(0, article, resolved)
    return sum(r.ok for r in results), len(results)


def _side(actor) -> str | None:
    return None if actor is None else actor.code if actor.kind == "country" else actor.affiliation


def nearby_country(article, resolved, dictionary, seen: dict) -> Counter:
    """What giving an actor the home put at the one foreign country named in the sentence of its first mention
    would do to each of its spans: 'mend', 'break' or 'neither'."""
    where = [i for i, s in enumerate(article) for c in s.claims for _ in (c.source, c.target)]
    spans = lambda ss: [sp for s in ss for c in s.claims for sp in (c.source, c.target)]  # noqa: E731
    first: dict = {}
    tally: Counter = Counter()
    for i, g, p in zip(where, spans(article), spans(resolved)):
        if g is None or g.actor is None or p is None or p.actor is None or p.actor.kind == "country":
            continue
        at = first.setdefault((p.actor.name, p.actor.kind), i)
        foreign = [c for c in dict.fromkeys(seen["per_sentence"][at]) if c != seen["rule"]
                   and getattr(dictionary.by_code(c), "kind", None) == "country"]
        if _side(p.actor) == seen["rule"] and len(foreign) == 1:
            gold, now = _side(g.actor), _side(p.actor)
            tally["mend" if foreign[0] == gold != now else "break" if now == gold else "neither"] += 1
    return tally


def probe(paths: list[str]) -> list[dict]:
    """One record per gold article: the rule's signals and the correct spans under each candidate home."""
    dictionary = ActorDictionary.load()
    actors.ArticleResolver = _Probe  # resolve_claims builds its resolver by this name
    records = []
    for path in paths:
        gold = io.read_jsonl(path, claim_types=None)
        with held_out({s.doc_id for s in gold}):
            for article in gold_articles(gold):
                _Probe.force = None
                resolved = _resolve(article, dictionary)
                base, n = _correct(article, resolved)
                seen = dict(_Probe.seen)
                nearby = nearby_country(article, resolved, dictionary, seen)
                words = sorted(seen["words"], key=seen["words"].get, reverse=True)[:2]
                candidates = set(seen["votes"]) | set(seen["datelined"]) | set(words) | {seen["rule"]} - {None}
                candidates = {c for c in candidates if getattr(dictionary.by_code(c), "kind", None) == "country"}
                correct = {}
                for c in sorted(candidates):
                    _Probe.force = c
                    correct[c] = _correct(article, _resolve(article, dictionary))[0]
                _Probe.force = None
                records.append(seen | {"file": Path(path).name, "base": base, "n": n, "correct": correct,
                                       "nearby": nearby})
    return records


def signals(r: dict, c: str) -> list[float]:
    """A candidate home's signals: how often and where the article names it, and what the rule and words say."""
    votes, per = r["votes"], r["per_sentence"]
    n, top = votes.get(c, 0), max(votes.values(), default=0)
    first = next((i for i, s in enumerate(per) if c in s), None)
    order = list(dict.fromkeys(x for s in per for x in s))
    scores = [r["words"].get(x, -1e9) for x in r["correct"]]
    mine = r["words"].get(c, -1e9)
    return [math.log1p(n), n / max(1, sum(votes.values())), float(n == top > 0), float(c == r["headline"]),
            float(c in r["datelined"]), float(bool(r["datelined"]) and r["datelined"][0] == c),
            float(any(c in s for s in per[:3])), 1.0 if first is None else first / max(1, len(per)),
            float(bool(order) and order[0] == c), float(mine >= max(scores)), float(c == r["rule"]),
            sum(c in s for s in per) / max(1, len(per))]


def _fit(records: list[dict]) -> LogisticRegression:
    x, y = [], []
    for r in records:
        if len(r["correct"]) > 1:
            best = max(r["correct"].values())
            for c, k in r["correct"].items():
                x.append(signals(r, c))
                y.append(int(k == best))
    return LogisticRegression(C=1.0, max_iter=2000).fit(np.array(x), np.array(y))


def _gain(model: LogisticRegression, records: list[dict]) -> tuple[int, int]:
    """Spans gained by the ranker's choice over the rule's, and homes it changes."""
    gain = changed = 0
    for r in records:
        if len(r["correct"]) > 1:
            cands = list(r["correct"])
            pick = cands[int(np.argmax(model.decision_function(np.array([signals(r, c) for c in cands]))))]
            gain += r["correct"][pick] - r["base"]
            changed += pick != r["rule"]
    return gain, changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+")
    records = probe(parser.parse_args().files)
    files = sorted({r["file"] for r in records})
    for f in files + ["all"]:
        rs = [r for r in records if f in ("all", r["file"])]
        n = sum(r["n"] for r in rs)
        oracle = sum(max(r["correct"].values(), default=r["base"]) for r in rs)
        print(f"{f:26s} as is {sum(r['base'] for r in rs) / n:.1%}  oracle home {oracle / n:.1%}  "
              f"({sum(max(r['correct'].values(), default=0) > r['base'] for r in rs)} of {len(rs)} articles)")
    train = [r for r in records if "train" in r["file"]]
    rest = [r for r in records if "train" not in r["file"]]
    if train and rest:
        gain, changed = _gain(_fit(train), rest)
        print(f"ranker fitted on the training-split files, on the others: {gain:+d} spans of "
              f"{sum(r['n'] for r in rest)} ({changed} homes changed)")
    nearby = sum((r["nearby"] for r in records), Counter())
    print(f"the foreign country named where an actor first appears, for actors put at home: mends {nearby['mend']} "
          f"spans, breaks {nearby['break']}")
    loo = [_gain(_fit([r for r in records if r["file"] != f]), [r for r in records if r["file"] == f]) for f in files]
    print("ranker, one file left out at a time: %+d spans of %d (%d homes changed)"
          % (sum(g for g, _ in loo), sum(r["n"] for r in records), sum(c for _, c in loo)))


if __name__ == "__main__":
    main()
