"""An article's home country from its words, for a story that names no country, town or national institution.

The resolver takes the side of an unaffiliated person or body from the article's home country, which it
reads from the countries, towns and institutions the text names. Some stories name none ("the water board",
"the county auditor", "Cops have blasted ..."), and with no home their people get no side at all. Their
words still tell where they are: currencies, spellings, titles, offices ("councillor", "Senator", "gardaí").

A small text classifier learns that from the bundled corpus: every training-split article lists the
countries it is about, the first being its own, in 88% of the gold articles the country most of its
people belong to. Complement naive Bayes over TF-IDF words fits in about a second when first needed, so no
fitted model is shipped or unpickled, and it is only asked when the names gave no answer.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from typing import Any

#: Words, and currency signs as words of their own; case kept ("Senator", "MP", "Garda").
_TOKENS = r"(?u)\b\w[\w'’-]*\b|[£$€¥₹]"


@functools.lru_cache(maxsize=1)
def _model() -> tuple[Any, Any] | None:
    """(vectoriser, classifier) fitted on the bundled training split; None where it cannot be had."""
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.naive_bayes import ComplementNB

        from claimcoder.data.actor_dictionary import ActorDictionary
        from claimcoder.data.bundled import load_corpus

        sentences = load_corpus("train")
    except (ImportError, OSError):
        return None
    dictionary = ActorDictionary.load()
    articles: dict[str, list] = defaultdict(list)
    for s in sentences:
        articles[s.doc_id].append(s)
    texts, labels = [], []
    for doc in sorted(articles):
        ss = articles[doc]
        countries = ss[0].meta.get("countries") or []
        found = dictionary.match(countries[0]) if countries else None
        if found is not None and found.kind == "country" and found.code:
            ss.sort(key=lambda s: s.meta.get("sent_index", 0))
            texts.append(" ".join(s.text for s in ss))
            labels.append(found.code)
    if len(set(labels)) < 2:
        return None
    vectoriser = TfidfVectorizer(sublinear_tf=True, min_df=2, token_pattern=_TOKENS, lowercase=False)
    classifier = ComplementNB(alpha=0.3).fit(vectoriser.fit_transform(texts), labels)
    return vectoriser, classifier


def home_from_words(text: str) -> str | None:
    """The ISO alpha-3 code of the country an article's words point to; None for no text or no model."""
    model = _model() if text.strip() else None
    if model is None:
        return None
    vectoriser, classifier = model
    features = vectoriser.transform([text])
    if features.nnz == 0:
        return None  # no word the corpus knows: no guess
    return str(classifier.predict(features)[0])


__all__ = ["home_from_words"]
