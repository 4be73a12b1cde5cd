"""What a scoring worker needs, built once from the user's options, for both engines.

A ``WorkerSpec`` is small, frozen and picklable: the local engine hands it to each
worker process, the Ray engine to each Ray actor, and ``build()`` is the one place
that loads the model and the actor dictionaries into an ``ArticleScorer``.
``die_with_parent`` makes a local worker process end when its driver does, however the driver ends.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .options import Engine, ScoreOptions

if TYPE_CHECKING:
    from .article_scorer import ArticleScorer


@dataclass(frozen=True)
class WorkerSpec:
    """The model, backend, dictionaries and batching of one worker; ``threads`` None: one per physical core."""

    model: str | None
    quantize: str | None
    actors: tuple[str, ...]
    batch_size: int
    all_sentences: bool
    threads: int | None
    type_scores: bool = False

    @classmethod
    def from_options(cls, opts: ScoreOptions) -> "WorkerSpec":
        """One worker process alone uses every core; several (or Ray actors, one CPU each) use one thread each."""
        alone = opts.engine is Engine.LOCAL and opts.workers == 1
        return cls(model=str(opts.model) if opts.model else None,
                   quantize=opts.quantize.value if opts.quantize else None, actors=tuple(str(a) for a in opts.actors),
                   batch_size=opts.batch_size, all_sentences=opts.all_sentences, threads=None if alone else 1,
                   type_scores=opts.type_scores)

    def build(self) -> "ArticleScorer":
        """Load the model and the dictionaries: an ``ArticleScorer``.

        Imports torch except for int8 with its export already cached, which runs in ONNX Runtime alone.
        """
        from claimcoder.data.actor_dictionary import ActorDictionary
        from claimcoder.model.coder import ClaimCoder

        from .article_scorer import ArticleScorer

        # oneDNN (bf16 matmuls) keeps a compiled primitive per input shape, up to 1,024; with dynamic padding
        # every batch length is a new shape, and the cache grew memory by about 10 MB a chunk. Eight are
        # as fast here. Read by oneDNN at its first use, so setting it now still counts; a user's value wins.
        os.environ.setdefault("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "8")
        coder = ClaimCoder.load(self.model, quantize=self.quantize, threads=self.threads)
        return ArticleScorer(coder, ActorDictionary.load(self.actors), self.batch_size, self.all_sentences,
                             type_scores=self.type_scores)


def release_freed_memory() -> None:
    """Hand the heap memory freed by the last chunk back to the system (glibc ``malloc_trim``; elsewhere nothing).

    glibc keeps freed blocks for reuse, and the forward pass's differently sized activations fragment its
    heap: without this, a scoring process's memory grew by about 30 MB a chunk and never came back.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        pass


#: prctl(2) option: the signal this process gets when its parent dies (Linux).
_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int, poll_s: float = 1.0) -> None:
    """End this worker process when ``parent`` (the driver) ends, even when it is killed with SIGKILL.

    Without this, workers of a killed driver go on scoring the chunks already queued and writing
    their part files into a folder that a new run may be using. On Linux the kernel sends SIGKILL
    when the parent dies (``prctl(PR_SET_PDEATHSIG)``); elsewhere, or if that call fails, a daemon
    thread checks every ``poll_s`` seconds whether the process has been re-parented. Either way the
    parent may already be gone by the time this runs, so that is checked once at once.
    """
    armed = False
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    if not armed:
        threading.Thread(target=_watch_parent, args=(parent, poll_s), daemon=True, name="watch-parent").start()


def _watch_parent(parent: int, poll_s: float) -> None:
    while os.getppid() == parent:
        time.sleep(poll_s)
    os._exit(1)
