"""Stream articles from folders of .txt, JSONL, CSV, Parquet or stdin, and split them into sentences.

Reading is streaming: one article at a time, so memory stays flat whatever the
input size. An article that cannot be used becomes an ``ArticleError`` (recorded,
skipped) instead of stopping the run.
"""
from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pysbd

from .io import jsonl_lines

DEFAULT_MAX_CHARS = 200_000


@dataclass
class Article:
    """One article to score; ``meta`` carries the input's other fields through."""

    doc_id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    origin: str = ""  # file:line, for messages


@dataclass
class ArticleError:
    """An article that was skipped, and why (written to the errors file)."""

    doc_id: str
    origin: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"doc_id": self.doc_id, "origin": self.origin, "reason": self.reason}


def _check(doc_id: str, text: Any, origin: str, meta: dict[str, Any], max_chars: int) -> Article | ArticleError:
    if not isinstance(text, str):
        return ArticleError(doc_id, origin, f"text field is {type(text).__name__}, not a string")
    if not text.strip():
        return ArticleError(doc_id, origin, "empty text")
    if len(text) > max_chars:
        return ArticleError(doc_id, origin, f"too long: {len(text)} characters > --max-chars {max_chars}")
    return Article(doc_id, text, meta, origin)


def _from_txt_folder(folder: Path, max_chars: int) -> Iterator[Article | ArticleError]:
    for path in sorted(p for p in folder.rglob("*.txt") if p.is_file()):
        doc_id = path.relative_to(folder).with_suffix("").as_posix()
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            yield ArticleError(doc_id, str(path), f"not valid UTF-8 ({exc.reason} at byte {exc.start})")
            continue
        yield _check(doc_id, text, str(path), {"file": path.name}, max_chars)


def _from_records(records: Iterable[tuple[str, dict[str, Any] | ArticleError]], id_field: str, text_field: str,
                  max_chars: int) -> Iterator[Article | ArticleError]:
    for origin, rec in records:
        if isinstance(rec, ArticleError):
            yield rec
            continue
        doc_id = str(rec.get(id_field) if rec.get(id_field) not in (None, "") else origin)
        if text_field not in rec:
            yield ArticleError(doc_id, origin, f"no field {text_field!r} (choose it with --text-field)")
            continue
        meta = {k: v for k, v in rec.items() if k not in (id_field, text_field)}
        yield _check(doc_id, rec[text_field], origin, meta, max_chars)


def _jsonl_records(stream: Iterable[bytes], name: str) -> Iterator[tuple[str, dict[str, Any] | ArticleError]]:
    for lineno, obj, problem in jsonl_lines(stream):
        origin = f"{name}:{lineno}"
        if problem is not None:
            yield origin, ArticleError(origin, origin, problem[1])
            continue
        if not isinstance(obj, dict):
            yield origin, ArticleError(origin, origin, "line is not a JSON object")
            continue
        yield origin, obj


def _csv_records(path: Path) -> Iterator[tuple[str, dict[str, Any] | ArticleError]]:
    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8", errors="strict", newline="") as fh:
        reader = csv.DictReader(fh)
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                origin = f"{path}:{reader.line_num + 1}"
                yield origin, ArticleError(origin, origin, f"not valid UTF-8 ({exc.reason}); rest of file skipped")
                return
            yield f"{path}:{reader.line_num}", dict(row)


def _parquet_records(path: Path) -> Iterator[tuple[str, dict[str, Any] | ArticleError]]:
    import pyarrow.parquet as pq

    row = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=512):
        for rec in batch.to_pylist():
            row += 1
            yield f"{path}:row {row}", rec


def iter_articles(inputs: Sequence[str | Path], id_field: str = "id", text_field: str = "text",
                  max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article | ArticleError]:
    """Articles from each input in order: a folder of .txt, .jsonl, .csv, .parquet, or '-' (JSONL on stdin)."""
    for item in inputs:
        if str(item) == "-":
            yield from _from_records(_jsonl_records(sys.stdin.buffer, "<stdin>"), id_field, text_field, max_chars)
            continue
        path = Path(item)
        if path.is_dir():
            yield from _from_txt_folder(path, max_chars)
        elif not path.exists():
            raise FileNotFoundError(2, "no such file or folder", str(path))
        elif path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
            with open(path, "rb") as fh:
                yield from _from_records(_jsonl_records(fh, str(path)), id_field, text_field, max_chars)
        elif path.suffix.lower() == ".csv":
            yield from _from_records(_csv_records(path), id_field, text_field, max_chars)
        elif path.suffix.lower() in (".parquet", ".pq"):
            yield from _from_records(_parquet_records(path), id_field, text_field, max_chars)
        elif path.suffix.lower() == ".txt":
            try:
                text = path.read_bytes().decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                yield ArticleError(path.stem, str(path), f"not valid UTF-8 ({exc.reason})")
                continue
            yield _check(path.stem, text, str(path), {"file": path.name}, max_chars)
        else:
            raise ValueError(f"{path}: unknown input type {path.suffix!r}; use a folder of .txt, .jsonl, .csv "
                             "or .parquet, or '-' for JSONL on standard input")


_SEGMENTER: pysbd.Segmenter | None = None


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence character offsets ``(start, end)`` in ``text``, whitespace trimmed.

    pysbd handles news abbreviations ("Sen.", "U.S.", "p.m."), decimals and
    quotes; line breaks also end a sentence, so headlines without a full stop and
    bullet items stand alone.
    """
    global _SEGMENTER
    if _SEGMENTER is None:
        _SEGMENTER = pysbd.Segmenter(language="en", clean=False, char_span=True)
    out: list[tuple[int, int]] = []
    pos = 0
    for block in text.splitlines(keepends=True):
        if block.strip():
            for span in _SEGMENTER.segment(block):
                start, end = pos + span.start, pos + span.end
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
                if end > start:
                    out.append((start, end))
        pos += len(block)
    return out
