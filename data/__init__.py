"""Data: the codebook record types, validated readers and writers, splits, the bundled corpus, user errors."""
if __name__ != "claimcoder.data":  # this folder is installed as claimcoder.data only
    raise ImportError("import claimcoder.data, not the 'data' folder directly: pip install -e . first")

from .bundled import corpus_path, load_corpus, load_dataset, sample_articles_dir
from .errors import OptionError, UserError
from .io import DataError, Problem, atomic_write, read_csv, read_jsonl, read_sentences, read_unlabelled, write_jsonl
from .schema import ACTOR_KINDS, CODEBOOK_TYPES, Actor, Claim, Sentence, Span
from .splits import check_no_leak, group_by_document, split_by_document

__all__ = ["CODEBOOK_TYPES", "ACTOR_KINDS", "Actor", "Claim", "Sentence", "Span", "UserError", "OptionError", "DataError", "Problem",
           "read_jsonl", "read_csv", "read_sentences", "read_unlabelled", "write_jsonl", "atomic_write",
           "split_by_document", "group_by_document", "check_no_leak", "corpus_path", "load_corpus", "load_dataset",
           "sample_articles_dir"]
