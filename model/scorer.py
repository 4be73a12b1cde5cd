"""Score whole articles: split into sentences, batch them across articles, resolve actors.

``ArticleScorer`` is the unit both engines share: the local engine calls
``score()`` on chunks of articles; Ray Data calls the same object on batches.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from claimcoder.data.actors import ActorDictionary, ArticleResolver
from claimcoder.data.articles import Article, split_sentences

from .coder import ClaimCoder
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


class RayArticleScorer:
    """A callable class for Ray Data ``map_batches``: loads the model once per worker."""

    def __init__(self, model_dir: str | None, actor_files: Sequence[str] = (), batch_size: int = 64,
                 all_sentences: bool = False, quantize: str | None = None, id_field: str = "id",
                 text_field: str = "text", threads: int | None = 1):
        import torch

        if threads:
            torch.set_num_threads(threads)
        coder = ClaimCoder.load(model_dir, quantize=quantize)
        self.scorer = ArticleScorer(coder, ActorDictionary.load(actor_files), batch_size, all_sentences)
        self.id_field, self.text_field = id_field, text_field

    def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
        n = len(batch[self.text_field])
        articles = []
        for i in range(n):
            meta = {k: _plain(v[i]) for k, v in batch.items() if k not in (self.id_field, self.text_field)}
            articles.append(Article(str(batch[self.id_field][i]), str(batch[self.text_field][i]), meta))
        rows = self.scorer.score([a for a in articles if a.text.strip()])
        cols = COLUMNS + sorted({k for r in rows for k in r} - set(COLUMNS))
        return {c: [_cell(r.get(c)) for r in rows] for c in cols}


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value


def _cell(value: Any) -> Any:
    """Ray/Arrow columns need one type per column: nested metadata travels as JSON text."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value
