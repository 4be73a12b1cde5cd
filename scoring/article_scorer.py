"""Score whole articles: split into sentences, batch them across articles, resolve actors.

``ArticleScorer`` is the unit both engines share (built by ``WorkerSpec.build``): the
local engine calls ``score()`` on chunks of articles, the Ray engine on batches.
"""
from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

from claimcoder.data.actor_dictionary import ActorDictionary
from claimcoder.data.articles import Article, split_sentences
from claimcoder.model.coder import ClaimCoder, cut_short

from .actors import resolve_claims
from .columns import COLUMNS, span_columns


class ArticleScorer:
    """Articles in, one row per claim out (plus no-claim sentences with ``all_sentences``).

    ``type_scores`` adds a ``type_scores`` column: the sentence's probability for every claim type
    (not only those over threshold), which active learning needs to rank every sentence.
    """

    def __init__(self, coder: ClaimCoder, actors: ActorDictionary | None = None, batch_size: int = 16,
                 all_sentences: bool = False, type_scores: bool = False):
        self.coder = coder
        self.actors = actors if actors is not None else ActorDictionary.load()
        self.batch_size = batch_size
        self.all_sentences = all_sentences
        self.type_scores = type_scores
        #: ``(doc_id, sentence_index)`` of the sentences of the last ``score`` call that were longer than the
        #: model's ``max_length`` tokens and cut (claims in the cut part are not found): the job records them.
        self.truncated: list[tuple[str, int]] = []

    def score(self, articles: Sequence[Article]) -> list[dict[str, Any]]:
        """Rows for all claims in ``articles``, in article then sentence order."""
        spans = [split_sentences(a.text) for a in articles]
        texts = [a.text[s:e] for a, sp in zip(articles, spans) for s, e in sp]
        with warnings.catch_warnings():  # recorded by article and sentence below, not a bare warning per batch
            warnings.filterwarnings("ignore", message=r".*longer than max_length", category=UserWarning)
            raws = iter(self.coder.infer(texts, batch_size=self.batch_size))
        rows: list[dict[str, Any]] = []
        self.truncated = []
        for article, sent_spans in zip(articles, spans):
            meta = {k if k not in COLUMNS else f"meta_{k}": v for k, v in article.meta.items()}
            decoded = []
            for start, end in sent_spans:  # the whole article first: its actors are resolved in context
                raw = next(raws)
                decoded.append((raw, self.coder.decode(article.text[start:end], raw)))
            actors = resolve_claims([(article.text[s:e], c) for (s, e), (_, c) in zip(sent_spans, decoded)],
                                    self.actors)
            for index, ((start, end), (raw, claims)) in enumerate(zip(sent_spans, decoded)):
                sentence = article.text[start:end]
                if raw is not None and cut_short(raw[2], sentence, self.coder.config.max_length):
                    self.truncated.append((article.doc_id, index))
                extra = {"type_scores": self._type_scores(raw)} if self.type_scores else {}
                base = {"doc_id": article.doc_id, "sentence_index": index, "sentence_start": start,
                        "sentence_end": end, "sentence": sentence}
                if not claims and self.all_sentences:
                    rows.append({**dict.fromkeys(COLUMNS), **base, **meta, **extra})
                for claim, resolved in zip(claims, actors[index]):
                    row = {**base, "type": claim.type, "score": round(float(claim.score), 6)}
                    for role in ("source", "target"):
                        row.update(span_columns(role, getattr(claim, role), start, getattr(resolved, role)))
                    rows.append({**row, **meta, **extra})
        return rows

    def _type_scores(self, raw) -> dict[str, float] | None:
        """Every claim type's probability for one sentence; None for an empty one."""
        if raw is None:
            return None
        return {t: round(float(p), 6) for t, p in zip(self.coder.claim_types, raw[0])}
