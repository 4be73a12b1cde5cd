"""The columns of a scoring output row (kept free of torch so the job's reader process stays light)."""

#: Output columns, in order; the input's metadata fields follow them.
COLUMNS = ["doc_id", "sentence_index", "sentence_start", "sentence_end", "sentence", "type", "score",
           "source_text", "source_start", "source_end", "source_actor", "source_actor_code", "source_resolved_from",
           "target_text", "target_start", "target_end", "target_actor", "target_actor_code", "target_resolved_from"]
