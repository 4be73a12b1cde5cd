"""The columns of a scoring output row, their Parquet types, and how a nested value becomes one cell.

Free of torch: the job's driver imports it.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

#: Per role (source, target): the span as written, where it is in the article, and the actor it refers to.
#: ``actor_kind`` is the codebook's kind (person, country, organization, group, other); ``affiliation_code``
#: the country or organisation the actor is tied to. A span naming several actors ("Russia and Iran") keeps
#: one row: its names are joined by " | " and its codes by "|", in the same order. ``actor_confidence`` is the
#: chance that the actor and its side are right (``scoring.reliability``): the rows to check first are the low ones.
ROLE_FIELDS = ("text", "start", "end", "actor", "actor_code", "actor_kind", "affiliation_code", "resolved_from",
               "actor_confidence")

#: Output columns, in order; the input's metadata fields follow them.
COLUMNS = ["doc_id", "sentence_index", "sentence_start", "sentence_end", "sentence", "type", "score",
           *(f"source_{f}" for f in ROLE_FIELDS), *(f"target_{f}" for f in ROLE_FIELDS)]

_TYPES = {"sentence_index": "int32", "sentence_start": "int64", "sentence_end": "int64", "score": "float32",
          "source_start": "int64", "source_end": "int64", "target_start": "int64", "target_end": "int64",
          "source_actor_confidence": "float64", "target_actor_confidence": "float64"}  # 0.9 stays 0.9


def span_columns(role: str, span: Any, offset: int, resolution: Any) -> dict[str, Any]:
    """The cells of one role of a claim row: ``span`` (a ``Span`` or None) with its offset in the article, and
    its ``resolution`` (a ``scoring.actors.Resolution`` or None). A claim with no source span can still have a
    source actor: the speaker a quote carries over."""
    cells: dict[str, Any] = dict.fromkeys(f"{role}_{f}" for f in ROLE_FIELDS)
    if span is not None:
        cells.update({f"{role}_text": span.text, f"{role}_start": offset + span.start, f"{role}_end": offset + span.end})
    if resolution is not None:
        cells.update({f"{role}_actor": resolution.actor, f"{role}_actor_code": resolution.code,
                      f"{role}_actor_kind": resolution.kind, f"{role}_affiliation_code": resolution.affiliation,
                      f"{role}_resolved_from": resolution.resolved_from,
                      f"{role}_actor_confidence": resolution.confidence})
    return cells


def json_cell(value: Any, as_text: bool = False) -> Any:
    """A value fit for one CSV/Arrow cell: nested lists and dicts travel as JSON text, the rest as is
    (``as_text``: every value but None as text, numbers and booleans in JSON spelling)."""
    if value is None or isinstance(value, str) or not (as_text or isinstance(value, (dict, list))):
        return value
    return json.dumps(value, ensure_ascii=False)


def parquet_schema(meta_cols: Sequence[str]):
    """Fixed types for the claim columns; metadata columns as text."""
    import pyarrow as pa

    return pa.schema([(c, getattr(pa, _TYPES.get(c, "string"))()) for c in COLUMNS]
                     + [(c, pa.string()) for c in meta_cols])


def arrow_table(rows: Sequence[dict[str, Any]], meta_cols: Sequence[str]):
    """Rows as an Arrow table with ``parquet_schema`` types (metadata as text, via ``json_cell``)."""
    import pyarrow as pa

    schema = parquet_schema(meta_cols)
    meta = set(meta_cols)
    cols = {c: [json_cell(r.get(c), as_text=c in meta) for r in rows] for c in schema.names}
    return pa.table(cols, schema=schema)

