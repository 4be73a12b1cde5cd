"""Split sentences into train/dev/test by document, so no article leaks across splits."""
from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence

from .schema import Sentence


def group_by_document(sentences: Sequence[Sentence]) -> dict[str, list[int]]:
    """Sentence indices per document, documents in first-seen order.

    A sentence without ``doc_id`` is its own document (keyed by its ``id``).
    """
    docs: dict[str, list[int]] = {}
    for i, s in enumerate(sentences):
        docs.setdefault(s.doc_id or s.id, []).append(i)
    return docs


def split_by_document(sentences: Sequence[Sentence], ratios: Sequence[float] = (0.7, 0.15, 0.15),
                      names: Sequence[str] = ("train", "dev", "test"), seed: int = 13,
                      stratify: str | None = "beat") -> dict[str, list[Sentence]]:
    """Assign whole documents to splits, stratified by ``meta[stratify]`` when present.

    Within each stratum documents are shuffled with ``seed`` and dealt out so each
    split gets close to its share; sentence order inside a document is kept.
    """
    if len(ratios) != len(names) or abs(sum(ratios) - 1.0) > 1e-6:
        raise ValueError("ratios must match names and sum to 1")
    docs = group_by_document(sentences)
    strata: dict[str, list[str]] = defaultdict(list)
    for doc_id, idx in docs.items():
        key = str(sentences[idx[0]].meta.get(stratify, "")) if stratify else ""
        strata[key].append(doc_id)
    rng = random.Random(seed)
    assignment: dict[str, str] = {}
    for key in sorted(strata):
        ids = sorted(strata[key])
        rng.shuffle(ids)
        n = len(ids)
        # Largest-remainder allocation of this stratum's documents to splits.
        quotas = [r * n for r in ratios]
        counts = [int(q) for q in quotas]
        for i in sorted(range(len(ratios)), key=lambda i: quotas[i] - counts[i], reverse=True)[: n - sum(counts)]:
            counts[i] += 1
        pos = 0
        for name, c in zip(names, counts):
            for doc_id in ids[pos:pos + c]:
                assignment[doc_id] = name
            pos += c
    out: dict[str, list[Sentence]] = {name: [] for name in names}
    for s in sentences:
        out[assignment[s.doc_id or s.id]].append(s)
    return out


def check_no_leak(splits: dict[str, Sequence[Sentence]]) -> None:
    """Raise ``ValueError`` if any document appears in more than one split."""
    owner: dict[str, str] = {}
    for name, sents in splits.items():
        for s in sents:
            if owner.setdefault(s.doc_id, name) != name:
                raise ValueError(f"document {s.doc_id!r} is in both {owner[s.doc_id]!r} and {name!r}")


__all__ = ["group_by_document", "split_by_document", "check_no_leak"]
