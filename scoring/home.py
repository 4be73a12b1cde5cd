"""An article's home country from its words, for a story that names no country, town or national institution.

The resolver takes the side of an unaffiliated person or body from the article's home country, which it
reads from the countries, towns and institutions the text names. Some stories name none ("the water board",
"the county auditor", "Cops have blasted ..."), and with no home their people get no side at all. Their
words still tell where they are: currencies, spellings, titles, offices ("councillor", "sheriff", "gardaí").

A small text classifier learns that from the bundled corpus: every training-split article lists the
countries it is about, the first being its own (in 88% of the gold articles the country most of its people
belong to). It is complement naive Bayes over TF-IDF words (Rennie et al. 2003), the model and weighting of
scikit-learn's ``ComplementNB`` and ``TfidfVectorizer(sublinear_tf=True)``, with which its guesses were checked
to agree; it is written out here in numpy because importing scikit-learn costs about 160 MB, more than the
whole int8 scoring process, which imports neither it nor torch. It is fitted in about a second when first
needed, so nothing fitted is shipped or unpickled, and it is asked only when the names gave no answer.
"""
from __future__ import annotations

import contextlib
import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

import numpy as np

#: Words, and currency signs as words of their own; case kept ("Senator", "MP", "Garda").
_TOKENS = re.compile(r"\b\w[\w'’-]*\b|[£$€¥₹]")
#: Additive smoothing of the complement counts (scikit-learn's ``alpha``).
ALPHA = 0.3
#: A text of fewer known words than ``SHORT_TEXT`` is guessed only when its best country leads the next by
#: ``SHORT_MARGIN``: "The ministry denied the report." led by 0.006 (Japan, then another country for the next
#: line), while a line with a telling word ("borough council", "county sheriff", "$") leads by 0.4-0.9. Every
#: gold article that asks has 114 known words or more, so the gold figures do not move.
SHORT_TEXT, SHORT_MARGIN = 30, 0.1
#: Any text whose best country leads the next by less than ``TIE_MARGIN`` is a tie, and guessed as none: a Westminster
#: committee hearing that names no country scored Turkey 47.085, Brazil 47.081, Iran 47.077, Britain 47.075. Of the
#: gold articles that ask, the one under it was guessed wrong (0.001); the closest right one led by 0.021.
TIE_MARGIN = 0.01


class _HomeModel:
    """Complement naive Bayes over sublinear TF-IDF vectors: fitted on (text, country) pairs when built;
    ``predict`` guesses one text's country."""

    def __init__(self, texts: list[str], labels: list[str], min_df: int = 2):
        counts = [Counter(_TOKENS.findall(t)) for t in texts]
        df = Counter(w for c in counts for w in c)
        self.vocab = {w: i for i, w in enumerate(sorted(w for w, n in df.items() if n >= min_df))}
        n = len(texts)
        self.idf = np.array([math.log((1 + n) / (1 + df[w])) + 1 for w in self.vocab])
        self.classes = sorted(set(labels))
        index = {c: k for k, c in enumerate(self.classes)}
        per_class = np.zeros((len(self.classes), len(self.vocab)))
        for c, label in zip(counts, labels):
            ids, row = self._row(c)
            per_class[index[label], ids] += row
        complement = per_class.sum(axis=0) + ALPHA - per_class
        self.weights = -np.log(complement / complement.sum(axis=1, keepdims=True))  # [classes, vocab]

    def _row(self, counts: Counter) -> tuple[np.ndarray, np.ndarray]:
        pairs = [(self.vocab[w], 1 + math.log(k)) for w, k in counts.items() if w in self.vocab]
        if not pairs:
            return np.zeros(0, dtype=int), np.zeros(0)
        ids = np.array([i for i, _ in pairs])
        row = np.array([v for _, v in pairs]) * self.idf[ids]
        return ids, row / np.linalg.norm(row)

    def predict(self, text: str, among: Iterable[str] | None = None) -> str | None:
        ids, row = self._row(Counter(_TOKENS.findall(text)))
        if not len(ids):
            return None  # no word the corpus knows: no guess
        scores = self.weights[:, ids] @ row
        wanted = None if among is None else set(among)
        keep = [k for k, c in enumerate(self.classes) if wanted is None or c in wanted]
        if not keep:
            return None
        ranked = sorted(keep, key=lambda k: -scores[k])
        lead = scores[ranked[0]] - scores[ranked[1]] if len(ranked) > 1 else float("inf")
        if lead < TIE_MARGIN or len(ids) < SHORT_TEXT and lead < SHORT_MARGIN:
            return None  # a line with no telling word ("The ministry denied the report."), or a tie: no country
        return self.classes[ranked[0]]


#: Training articles the classifier leaves out (``held_out``): those a gold evaluation is scoring.
_HELD_OUT: frozenset[str] = frozenset()


@contextlib.contextmanager
def held_out(doc_ids: Iterable[str]) -> Iterator[None]:
    """Inside, the classifier is fitted without these articles of the training split.

    Gold articles drawn from the training split would otherwise be guessed by a classifier that has read them
    with their country, which flatters every figure measured on them.
    """
    global _HELD_OUT
    before, _HELD_OUT = _HELD_OUT, frozenset(doc_ids)
    try:
        yield
    finally:
        _HELD_OUT = before


@functools.lru_cache(maxsize=1)
def _training_articles() -> dict[str, list]:
    """The bundled training split's sentences by article."""
    from claimcoder.data.bundled import load_corpus

    articles: dict[str, list] = defaultdict(list)
    for s in load_corpus("train"):
        articles[s.doc_id].append(s)
    return dict(articles)


@functools.lru_cache(maxsize=2)
def _model(leave_out: frozenset[str] = frozenset()) -> _HomeModel | None:
    """The classifier fitted on the bundled training split less ``leave_out``; None where it has fewer than two
    countries."""
    from claimcoder.data.actor_dictionary import ActorDictionary

    dictionary = ActorDictionary.load()
    articles = _training_articles()
    texts, labels = [], []
    for doc in sorted(set(articles) - leave_out):
        countries = articles[doc][0].meta.get("countries") or []
        found = dictionary.match(countries[0]) if countries else None
        if found is not None and found.kind == "country" and found.code:
            ordered = sorted(articles[doc], key=lambda s: s.meta.get("sent_index", 0))
            texts.append(" ".join(s.text for s in ordered))
            labels.append(found.code)
    return _HomeModel(texts, labels) if len(set(labels)) > 1 else None


def home_from_words(text: str, among: Iterable[str] | None = None) -> str | None:
    """The ISO alpha-3 code of the country an article's words point to (of ``among`` where given: to break a
    tie between the countries it names); None for no text or no model."""
    if not text.strip():
        return None
    # Only training articles change the fit: held-out dev or test articles share the one fitted model.
    model = _model(_HELD_OUT.intersection(_training_articles()) if _HELD_OUT else frozenset())
    return model.predict(text, among) if model is not None else None


__all__ = ["home_from_words", "held_out"]
