"""Score whole articles: split into sentences, batch them across articles, resolve actors.

``ArticleScorer`` is the unit both engines share (built by ``WorkerSpec.build``): the
local engine calls ``score()`` on chunks of articles, the Ray engine on batches.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from claimcoder.data.actor_dictionary import ActorDictionary
from claimcoder.data.articles import Article, split_sentences
from claimcoder.model.coder import ClaimCoder

from .actors import ArticleResolver
from .columns import COLUMNS


class ArticleScorer:
    """Articles in, one row per claim out (plus no-claim sentences with ``all_sentences``)."""

    def __init__(self, coder: ClaimCoder, actors: ActorDictionary | None = None, batch_size: int = 64,
                 all_sentences: bool = False):
        self.coder = coder
        self.actors = actors if actors is not None else ActorDictionary.load()
        self.batch_size = batch_size
        self.all_sentences = all_sentences

    def score(self, articles: Sequence[Article]) -> list[dict[str, Any]]:
        """Rows for all claims in ``articles``, in article then sentence order."""
        spans = [split_sentences(a.text) for a in articles]
        texts = [a.text[s:e] for a, sp in zip(articles, spans) for s, e in sp]
        raws = iter(self.coder.infer(texts, batch_size=self.batch_size))
        rows: list[dict[str, Any]] = []
        for article, sent_spans in zip(articles, spans):
            resolver = ArticleResolver(self.actors)
            meta = {k if k not in COLUMNS else f"meta_{k}": v for k, v in article.meta.items()}
            for index, (start, end) in enumerate(sent_spans):
                sentence = article.text[start:end]
                claims = self.coder.decode(sentence, next(raws))
                base = {"doc_id": article.doc_id, "sentence_index": index, "sentence_start": start,
                        "sentence_end": end, "sentence": sentence}
                if not claims and self.all_sentences:
                    rows.append({**dict.fromkeys(COLUMNS), **base, **meta})
                for claim in claims:
                    row = {**base, "type": claim.type, "score": round(float(claim.score), 6)}
                    for role in ("source", "target"):
                        span = getattr(claim, role)
                        if span is None:
                            row.update(dict.fromkeys([f"{role}_{k}" for k in ("text", "start", "end", "actor",
                                                                                "actor_code", "resolved_from")]))
                            continue
                        res = resolver.resolve(span.text)
                        row.update({f"{role}_text": span.text, f"{role}_start": start + span.start,
                                    f"{role}_end": start + span.end, f"{role}_actor": res.actor,
                                    f"{role}_actor_code": res.code, f"{role}_resolved_from": res.resolved_from})
                    rows.append({**row, **meta})
                resolver.observe(sentence)
        return rows
