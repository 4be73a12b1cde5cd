"""What a scoring worker needs, built once from the user's options, for both engines.

A ``WorkerSpec`` is small, frozen and picklable: the local engine hands it to each
worker process, the Ray engine to each Ray actor, and ``build()`` is the one place
that loads the model and the actor dictionaries into an ``ArticleScorer``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .options import Engine, ScoreOptions

if TYPE_CHECKING:
    from .article_scorer import ArticleScorer


@dataclass(frozen=True)
class WorkerSpec:
    """The model, backend, dictionaries and batching of one worker; ``threads`` None: torch's default."""

    model: str | None
    quantize: str | None
    actors: tuple[str, ...]
    batch_size: int
    all_sentences: bool
    threads: int | None

    @classmethod
    def from_options(cls, opts: ScoreOptions) -> "WorkerSpec":
        """One worker process alone uses every core; several (or Ray actors, one CPU each) use one thread each."""
        alone = opts.engine is Engine.LOCAL and opts.workers == 1
        return cls(model=str(opts.model) if opts.model else None,
                   quantize=opts.quantize.value if opts.quantize else None, actors=tuple(str(a) for a in opts.actors),
                   batch_size=opts.batch_size, all_sentences=opts.all_sentences, threads=None if alone else 1)

    def build(self) -> "ArticleScorer":
        """Load the model and the dictionaries: an ``ArticleScorer`` (imports torch)."""
        import torch

        from claimcoder.data.actor_dictionary import ActorDictionary
        from claimcoder.model.coder import ClaimCoder

        from .article_scorer import ArticleScorer

        if self.threads:
            torch.set_num_threads(self.threads)
        coder = ClaimCoder.load(self.model, quantize=self.quantize)
        return ArticleScorer(coder, ActorDictionary.load(self.actors), self.batch_size, self.all_sentences)
