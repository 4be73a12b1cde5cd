"""How far to trust one resolution: the chance, learnt from the gold articles, that its actor and side are right.

The resolver is right for about three resolutions in four on articles it has not seen, and its errors are not
spread evenly: a name found in the dictionaries, or a person whose country the text states, is nearly always
right; a descriptor given the article's home country in a story that names three countries often is not.
Researchers who count dyads need to know which rows to check first, or to count only the ones that hold.

``confidence`` is a logistic regression over a few signals of each resolution (``evidence``): the mention's
kind, the actor's kind, whether its side is the article's home country, a country the sentence names or none,
how many countries the article names and how much its home leads them, whether the actor came from the
dictionaries, from an earlier mention or from a name further on, how often the article mentions it and where.
The signals were chosen by leaving one fitted gold file out at a time, never on the held-out files. Its weights
live in
``data/actors/reliability.json`` with the files they were fitted on and their held-out figures, and are refitted
with ``python bench/fit_reliability.py``. Plain numbers in a readable file: nothing is unpickled.
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


def load_weights(path: str | Path) -> tuple[tuple[float, ...], float]:
    """The weights (in ``FEATURES`` order) and intercept of a ``reliability.json``; a ``ValueError`` naming the
    file and field when it does not give one number for each signal."""
    try:
        fitted = json.loads(Path(path).read_text(encoding="utf-8"))
        weights, intercept = fitted["weights"], float(fitted["intercept"])
        if not isinstance(weights, dict) or set(weights) != set(FEATURES):
            raise KeyError("weights")
        return tuple(float(weights[name]) for name in FEATURES), intercept
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: field 'weights' must give one number for each of {', '.join(FEATURES)} and "
                         f"'intercept' one number ({exc}); refit with python bench/fit_reliability.py") from None


@lru_cache(maxsize=1)
def _model() -> tuple[tuple[float, ...], float]:
    return load_weights(str(resources.files("claimcoder.data") / "actors" / "reliability.json"))


def confidence(x: Mapping[str, float]) -> float:
    """The chance that a resolution with these signals names the right actor on the right side."""
    weights, intercept = _model()
    z = intercept + sum(w * x[name] for w, name in zip(weights, FEATURES))
    return 1.0 / (1.0 + math.exp(-z))


__all__ = ["FEATURES", "evidence", "confidence", "load_weights"]
