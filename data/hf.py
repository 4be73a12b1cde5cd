"""Convert sentences to Hugging Face ``datasets`` objects with ClassLabel features."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import datasets

from .schema import Sentence


def features(claim_types: Sequence[str]) -> datasets.Features:
    """The schema: one row per sentence, claim types and span roles as ClassLabels."""
    type_label = datasets.ClassLabel(names=list(claim_types))
    span = {"start": datasets.Value("int32"), "end": datasets.Value("int32")}
    return datasets.Features({
        "id": datasets.Value("string"),
        "doc_id": datasets.Value("string"),
        "text": datasets.Value("string"),
        "types": datasets.Sequence(type_label),
        "claims": datasets.Sequence({
            "type": type_label,
            "source_start": span["start"], "source_end": span["end"],
            "target_start": span["start"], "target_end": span["end"],
        }),
    })


def to_dataset(sentences: Sequence[Sentence], claim_types: Sequence[str]) -> datasets.Dataset:
    """One ``datasets.Dataset``; a missing span is stored as start = end = -1."""
    index = {t: i for i, t in enumerate(claim_types)}
    rows: dict[str, list] = {"id": [], "doc_id": [], "text": [], "types": [], "claims": []}
    for s in sentences:
        rows["id"].append(s.id)
        rows["doc_id"].append(s.doc_id)
        rows["text"].append(s.text)
        rows["types"].append(sorted({index[c.type] for c in s.claims}))
        rows["claims"].append({
            "type": [index[c.type] for c in s.claims],
            "source_start": [c.source.start if c.source else -1 for c in s.claims],
            "source_end": [c.source.end if c.source else -1 for c in s.claims],
            "target_start": [c.target.start if c.target else -1 for c in s.claims],
            "target_end": [c.target.end if c.target else -1 for c in s.claims],
        })
    return datasets.Dataset.from_dict(rows, features=features(claim_types))


def to_dataset_dict(splits: Mapping[str, Sequence[Sentence]], claim_types: Sequence[str]) -> datasets.DatasetDict:
    """A ``DatasetDict`` keyed by split name."""
    return datasets.DatasetDict({k: to_dataset(v, claim_types) for k, v in splits.items()})


__all__ = ["features", "to_dataset", "to_dataset_dict"]
