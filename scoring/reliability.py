"""How far to trust one resolution: the chance, learnt from the gold articles, that its actor and side are right.

The resolver is right for about three resolutions in four on articles it has not seen, and its errors are not
spread evenly: a name found in the dictionaries, or a person whose country the text states, is nearly always
right; a descriptor given the article's home country in a story that names three countries often is not.
Researchers who count dyads need to know which rows to check first, or to count only the ones that hold.

``confidence`` is gradient-boosted decision trees over a few signals of each resolution (``evidence``): the
mention's kind, the actor's kind, whether its side is the article's home country, a country the sentence names or
none, how many countries the article names and how much its home leads them, whether the actor came from the
dictionaries, from an earlier mention or from a name further on, how often the article mentions it and where.
Trees, because the signals matter together: the home country is a safe side in a story of one country and a risky
one in a story of three (leaving one gold file out at a time, ROC AUC 0.778 against 0.724 for a logistic
regression on the same signals). They are fitted by scikit-learn (``HistGradientBoostingClassifier``) with
``python bench/fit_reliability.py`` and stored as plain numbers in ``data/actors/reliability.json`` (each tree's
nodes: signal, threshold, children, leaf value) with the files they were fitted on and their held-out figures;
this module walks them, so scoring imports no scikit-learn and nothing is unpickled. The signals were chosen by
leaving one fitted gold file out at a time, never on the held-out files.
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from claimcoder.data.actor_dictionary import mention_kind

if TYPE_CHECKING:  # the resolver imports this module
    from .actors import ArticleResolver, Resolution

#: The signals, in the order of the weights in ``reliability.json``.
FEATURES = (
    "named", "descriptor", "pronoun",  # the mention's kind (a quote's speaker carried over counts as a pronoun)
    "person", "organization", "country", "group", "other", "several",  # the actor's kind; "several": "A and B"
    "listed",  # the actor has a code of its own: a country or a body in the dictionaries
    "stated",  # a body whose country the words introducing it gave
    "side_none", "side_home", "side_abroad",  # the actor's side against the article's home country
    "side_in_sentence", "side_in_article",  # the side is a country this sentence / the article names
    "countries",  # log(1 + the number of countries the article names)
    "home_share",  # the home country's share of the article's country votes (0 when it names none)
    "no_country",  # the article names no country at all (its home, if any, came from its words)
    "home_tied",  # two countries lead the article's votes equally
    "foreign_in_sentence",  # the sentence names a country other than the home
    "antecedent", "later",  # resolved from an earlier mention / from a name further on
    "source",  # the claim's source (else its target)
    "mentions",  # log(1 + how often the article mentions the actor)
    "position",  # where the sentence stands in the article (0 first, 1 last)
    "renamed",  # the actor's affiliation was changed by something read later
    "words",  # log(1 + the span's words)
)


def evidence(resolver: "ArticleResolver", index: int, text: str | None, resolution: "Resolution",
             role: str) -> dict[str, float]:
    """The signals of one resolution of sentence ``index``'s span ``text`` (None for a carried speaker)."""
    from .actors import MEMBER_SEPARATOR, side_of

    kind = mention_kind(text) if text else "pronoun"  # no span: the speaker carried over to a quote
    actor = resolution.to_actor()
    several = bool(resolution.members) or MEMBER_SEPARATOR in resolution.actor
    side = None if several else side_of(actor)
    home, votes = resolver.home, resolver.votes
    total = sum(votes.values())
    top = max(votes.values(), default=0)
    named_here = resolver.sentences[index].named
    source = resolution.resolved_from or ""
    x = {name: 0.0 for name in FEATURES}
    x[kind] = 1.0
    x["several" if several else (actor.kind if actor.kind in FEATURES else "other")] = 1.0
    x["listed"] = float(actor.code is not None and not several)
    x["stated"] = float(actor.name in resolver.stated)
    x["side_none"] = float(side is None and not several)
    x["side_home"] = float(side is not None and side == home)
    x["side_abroad"] = float(side is not None and side != home)
    x["side_in_sentence"] = float(side is not None and side in named_here)
    x["side_in_article"] = float(side is not None and votes.get(side, 0) > 0)
    x["countries"] = math.log1p(len(votes))
    x["home_share"] = votes.get(home, 0) / total if total and home else 0.0
    x["no_country"] = float(total == 0)
    x["home_tied"] = float(sum(1 for n in votes.values() if n == top) > 1)
    x["foreign_in_sentence"] = float(bool(named_here - {home}))
    x["later"] = float(source.startswith("(later)"))
    x["antecedent"] = float(bool(source) and not x["later"])
    x["source"] = float(role == "source")
    x["mentions"] = math.log1p(sum(1 for m in resolver.mentions if m.actor.name == actor.name))
    x["position"] = index / max(1, len(resolver.sentences) - 1)
    x["renamed"] = float(any(a.name == actor.name for a in resolver.renamed))
    x["words"] = math.log1p(len(text.split())) if text else 0.0
    return x


#: A tree node as stored: [signal index, threshold, left child, right child] for a split (left where the signal is
#: at most the threshold), [leaf value] for a leaf.
Node = list


class Trees:
    """Boosted trees read from a ``reliability.json``: ``raw(x)`` is the log-odds that a resolution is right."""

    def __init__(self, baseline: float, trees: list[list[Node]]):
        self.baseline, self.trees = baseline, trees

    def raw(self, values: list[float]) -> float:
        total = self.baseline
        for nodes in self.trees:
            node = nodes[0]
            while len(node) == 4:
                node = nodes[node[2] if values[node[0]] <= node[1] else node[3]]
            total += node[0]
        return total


def load_model(path: str | Path) -> Trees:
    """The trees of a ``reliability.json``, checked: its ``features`` must be ``FEATURES`` in order, and every node a
    leaf or a split whose signal and children exist. A ``ValueError`` names the file and the field."""
    try:
        fitted = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"{path}: not a readable JSON file ({exc})") from None
    if not isinstance(fitted, dict) or fitted.get("features") != list(FEATURES):
        raise ValueError(f"{path}: field 'features' must list {', '.join(FEATURES)} in this order; refit with "
                         "python bench/fit_reliability.py")
    trees = fitted.get("trees")
    baseline = fitted.get("baseline")
    if not isinstance(baseline, (int, float)) or not isinstance(trees, list) or not trees:
        raise ValueError(f"{path}: fields 'baseline' (a number) and 'trees' (a list of trees) are required")
    for t, nodes in enumerate(trees):
        if not (isinstance(nodes, list) and nodes and all(_node_ok(n, i, len(nodes)) for i, n in enumerate(nodes))):
            raise ValueError(f"{path}: field 'trees', tree {t}: each node must be [leaf value] or [signal index, "
                             "threshold, left, right], with finite numbers, an existing signal and children after it")
    return Trees(float(baseline), trees)


def _node_ok(node: object, index: int, size: int) -> bool:
    """A leaf [finite value], or a split [signal index, finite threshold, left, right] whose children come after it
    (so every walk ends at a leaf)."""
    if not isinstance(node, list) or len(node) not in (1, 4):
        return False
    if any(isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) for v in node):
        return False
    if len(node) == 1:
        return True
    signal, _, left, right = node
    return all(type(v) is int for v in (signal, left, right)) and 0 <= signal < len(FEATURES) and \
        index < left < size and index < right < size


@lru_cache(maxsize=1)
def _model() -> Trees:
    return load_model(str(resources.files("claimcoder.data") / "actors" / "reliability.json"))


def fitted_on() -> frozenset[str]:
    """The names of the gold files the bundled trees were fitted on: figures on them are in-sample."""
    record = json.loads((resources.files("claimcoder.data") / "actors" / "reliability.json").read_text(encoding="utf-8"))
    return frozenset(record.get("fitted_on", ()))


def confidence(x: Mapping[str, float]) -> float:
    """The chance that a resolution with these signals names the right actor on the right side."""
    z = _model().raw([x[name] for name in FEATURES])
    return 1.0 / (1.0 + math.exp(-z))


__all__ = ["FEATURES", "evidence", "confidence", "load_model", "Trees", "fitted_on"]
