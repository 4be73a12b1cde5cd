"""Scoring articles in bulk: the resumable job, the Ray engine, actor resolution, summaries,
event-data exports and HTML pages of the claims.

The public API::

    from claimcoder.scoring import ScoreOptions, run_score
    stats = run_score(["news.jsonl"], ScoreOptions(out=Path("runs/news")))

This package uses ``claimcoder.model`` and ``claimcoder.data`` only. Names load on
first use, so importing it loads no torch (the model loads in the workers).
"""
if __name__ != "claimcoder.scoring":  # this folder is installed as claimcoder.scoring only
    raise ImportError("import claimcoder.scoring, not the 'scoring' folder directly: pip install -e . first")

from importlib import import_module
from typing import Any

_EXPORTS = {"run_score": ".job", "RunStats": ".job", "ScoreOptions": ".options", "JobError": ".options",
            "OutputFormat": ".options", "Engine": ".options", "Quantize": ".options", "WorkerSpec": ".worker",
            "ArticleScorer": ".article_scorer", "ArticleResolver": ".actors", "run_score_ray": ".ray_engine",
            "COLUMNS": ".columns", "read_claims": ".summary", "summarize": ".summary", "write_summary": ".summary",
            "export_events": ".events", "write_show": ".html", "write_report": ".html"}
__all__ = list(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name], __name__), name)
    raise AttributeError(f"module 'claimcoder.scoring' has no attribute {name!r}")
