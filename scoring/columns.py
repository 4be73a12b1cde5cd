"""The columns of a scoring output row, their Parquet types, and how a nested value becomes one cell.

Free of torch: the job's driver imports it.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

#: Output columns, in order; the input's metadata fields follow them.
COLUMNS = ["doc_id", "sentence_index", "sentence_start", "sentence_end", "sentence", "type", "score",
           "source_text", "source_start", "source_end", "source_actor", "source_actor_code", "source_resolved_from",
           "target_text", "target_start", "target_end", "target_actor", "target_actor_code", "target_resolved_from"]

_TYPES = {"sentence_index": "int32", "sentence_start": "int64", "sentence_end": "int64", "score": "float32",
          "source_start": "int64", "source_end": "int64", "target_start": "int64", "target_end": "int64"}


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

