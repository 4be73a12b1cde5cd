"""Stream articles from folders of .txt, JSONL, CSV, Parquet or stdin, and split them into sentences.

Reading is streaming: one article at a time, so memory stays flat whatever the
input size (but for about 60 bytes an article to catch repeated ids). An article
that cannot be used becomes an ``ArticleError`` (recorded, skipped) instead of
stopping the run: a bad line, row or byte costs that article only, and a file
that cannot be read at all (a corrupt Parquet file, a CSV header naming a column
twice) is one error naming the file. Articles that come through are clean: valid
Unicode text without NUL characters, a unique ``doc_id``, and metadata that is plain
JSON (Parquet dates, decimals and bytes arrive as ISO strings, text and base64).
"""
from __future__ import annotations

import base64
import csv
import datetime as dt
import decimal
import hashlib
import math
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pysbd

from .errors import OptionError
from .io import CSV_FIELD_LIMIT, DataError, Problem, iter_csv_rows, json_kind, jsonl_lines, surrogate_message

DEFAULT_MAX_CHARS = 200_000

#: pysbd's time grows with the square of its input, so a line longer than this is split
#: window by window (each window's last sentences are redone in the next one).
SPLIT_WINDOW = 1500
#: A sentence start this close to a window's end may depend on text past it: not trusted.
_SPLIT_MARGIN = 200


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


Record = tuple[str, "dict[str, Any] | ArticleError"]


def _check(doc_id: str, text: Any, origin: str, meta: dict[str, Any], max_chars: int) -> Article | ArticleError:
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            return ArticleError(doc_id, origin, f"text field is binary data, not UTF-8 text ({exc.reason})")
    if not isinstance(text, str):
        return ArticleError(doc_id, origin, f"text field is {json_kind(text)}, not a string")
    if not text.strip():
        return ArticleError(doc_id, origin, "empty text")
    if len(text) > max_chars:
        return ArticleError(doc_id, origin, f"too long: {len(text)} characters > --max-chars {max_chars}")
    bad = surrogate_message(text)
    if bad:
        return ArticleError(doc_id, origin, f"text {bad}")
    if "\x00" in text:
        return ArticleError(doc_id, origin, "text holds NUL characters (binary data?)")
    return Article(doc_id, text, meta, origin)


def _doc_id(value: Any, origin: str) -> tuple[str, str | None]:
    """``(doc_id, None)``, or ``(origin, reason)`` when the id field holds no usable id.

    No id (missing, null, blank) means the article is named by its origin (``file:line``).
    """
    if isinstance(value, (bytes, bytearray)):
        try:
            value = bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            return origin, "id field is binary data, not UTF-8 text"
    if value is None or (isinstance(value, str) and not value.strip()):
        return origin, None
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)  # 7.0: an integer column that went through a float (pandas, NaN)
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return origin, f"id field is {json_kind(value)}, not a string or an integer"
    if isinstance(value, str):
        bad = surrogate_message(value)
        if bad:
            return origin, f"id {bad}"
    return str(value), None


#: A folder of .txt articles may carry their metadata (a date, an outlet) in this CSV file at its top: a
#: ``file`` column with each article's path relative to the folder, and any other columns, which join the
#: article's metadata (so ``claimcoder export events --date-field date`` can date its claims).
METADATA_NAME = "metadata.csv"


def folder_metadata(folder: Path) -> dict[str, dict[str, str]]:
    """``METADATA_NAME`` of ``folder`` as {relative path: fields}; {} when there is none.

    Any problem (a bad row, a path given twice, a path naming no .txt file of the folder) is a
    ``DataError`` naming file, line and field: metadata silently attached to the wrong article, or
    to none, would be worse than none.
    """
    path = folder / METADATA_NAME
    if not path.is_file():
        return {}
    out: dict[str, dict[str, str]] = {}
    problems: list[Problem] = []
    for row in iter_csv_rows(path, required=("file",)):
        if row.problem is not None:
            problems.append(Problem(str(path), row.line, *row.problem))
            continue
        name = row.values["file"].strip()
        if name in out:
            problems.append(Problem(str(path), row.line, "file", f"{name!r} is listed twice"))
        elif Path(name).suffix.lower() != ".txt" or ".." in Path(name).parts or not (folder / name).is_file():
            problems.append(Problem(str(path), row.line, "file", f"{name!r} is not a .txt file of {folder}"))
        else:
            out[Path(name).as_posix()] = {k: v for k, v in row.values.items() if k != "file"}
    if problems:
        raise DataError(problems)
    return out


def _txt_article(path: Path, doc_id: str, max_chars: int, meta: dict[str, Any] | None = None) -> Article | ArticleError:
    try:
        if path.stat().st_size > 4 * max_chars + 4:  # over max_chars characters in any UTF-8: not read at all
            return ArticleError(doc_id, str(path), f"too long: {path.stat().st_size} bytes > --max-chars {max_chars}")
        data = path.read_bytes()
    except OSError as exc:
        return ArticleError(doc_id, str(path), f"cannot read: {exc.strerror or exc}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf16 = ": the file is UTF-16 (save it as UTF-8)" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ""
        return ArticleError(doc_id, str(path), f"not valid UTF-8 ({exc.reason} at byte {exc.start}){utf16}")
    return _check(doc_id, text, str(path), {"file": path.name, **(meta or {})}, max_chars)


def _from_txt_folder(folder: Path, max_chars: int) -> Iterator[Article | ArticleError]:
    """Every ``.txt`` file under ``folder`` (any case: ``A.TXT`` too), in path order.

    Symbolic links are followed only to files inside the folder; a link to a file
    outside it, or to a folder, is recorded and not followed, so an input folder
    never reads files its owner did not put in it.
    """
    root = folder.resolve()
    metadata = folder_metadata(folder)
    found: list[tuple[tuple[str, ...], Path, str | None]] = []  # (sort key, path, reason to skip)
    walk_errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(folder, onerror=walk_errors.append):
        here = Path(dirpath)
        for name in dirnames:
            if (here / name).is_symlink():
                found.append((_parts(here / name, folder), here / name,
                              "a symbolic link to a folder: not followed (give its target as an input instead)"))
        for name in filenames:
            path = here / name
            if path.suffix.lower() == ".txt":
                found.append((_parts(path, folder), path, _link_problem(path, root)))
    for exc in walk_errors:
        path = Path(exc.filename or folder)
        found.append((_parts(path, folder), path, f"cannot read the folder: {exc.strerror or exc}"))
    for _, path, reason in sorted(found, key=lambda item: item[0]):
        doc_id = path.relative_to(folder).with_suffix("").as_posix()
        if reason is not None:
            yield ArticleError(doc_id, str(path), reason)
        elif not path.is_file():
            yield ArticleError(doc_id, str(path), "not a regular file: skipped")
        else:
            yield _txt_article(path, doc_id, max_chars, metadata.get(path.relative_to(folder).as_posix()))


def _parts(path: Path, folder: Path) -> tuple[str, ...]:
    return path.relative_to(folder).parts


def _link_problem(path: Path, root: Path) -> str | None:
    if not path.is_symlink():
        return None
    target = path.resolve()
    if not target.exists():
        return f"a broken symbolic link (to {target})"
    if not target.is_relative_to(root):
        return f"a symbolic link to {target}, outside the input folder: not followed"
    return None


def _from_records(records: Iterable[Record], id_field: str, text_field: str,
                  max_chars: int) -> Iterator[Article | ArticleError]:
    for origin, rec in records:
        if isinstance(rec, ArticleError):
            yield rec
            continue
        if id_field != "id" and rec.get(id_field) in (None, ""):  # an id chosen by name: no silent numbering
            yield ArticleError(origin, origin, f"no {id_field!r} (--id-field): the article is skipped, to keep its "
                                               "claims from being filed under a made-up id")
            continue
        doc_id, problem = _doc_id(rec.get(id_field), origin)
        if problem is not None:
            yield ArticleError(doc_id, origin, problem)
            continue
        if text_field not in rec:
            yield ArticleError(doc_id, origin, f"no field {text_field!r} (choose it with --text-field)")
            continue
        meta = {k: v for k, v in rec.items() if k not in (id_field, text_field)}
        yield _check(doc_id, rec[text_field], origin, meta, max_chars)


def _jsonl_records(stream: Iterable[bytes], name: str) -> Iterator[Record]:
    for lineno, obj, problem in jsonl_lines(stream):
        origin = f"{name}:{lineno}"
        if problem is not None:
            fld, message = problem
            reason = message if fld.startswith("(") else f"field {fld}: {message}"
            yield origin, ArticleError(origin, origin, reason)
            continue
        if not isinstance(obj, dict):
            yield origin, ArticleError(origin, origin, "line is not a JSON object")
            continue
        yield origin, obj


def _csv_records(path: Path, id_field: str, text_field: str, max_chars: int) -> Iterator[Record]:
    """Rows of a CSV file; a row that does not fit (bad byte, wrong number of values, NUL) is
    recorded alone, and one that breaks the file (unclosed quote, bad header) ends it, recorded."""
    name = str(path)
    limit = max(CSV_FIELD_LIMIT, min(max_chars + 1, 1 << 31))  # a longer value is refused anyway
    for row in iter_csv_rows(path, required=(text_field,), field_limit=limit):
        origin = f"{name}:{row.line}" if row.line else name
        if row.problem is None:
            yield origin, dict(row.values)
            continue
        fld, message = row.problem
        reason = message if fld.startswith("(") else f"{fld}: {message}"
        if fld == text_field and row.line == 1:
            reason += " (choose it with --text-field); file skipped"
        elif row.last and row.line <= 1:
            reason += "; file skipped"
        doc_id, bad_id = _doc_id(row.values.get(id_field), origin)
        yield origin, ArticleError(origin if bad_id else doc_id, origin, reason)


def json_safe(value: Any) -> Any:
    """A cell read from Parquet as plain JSON: dates and times as ISO 8601 text, decimals as text
    (exact), durations as seconds, bytes as base64, NaN and infinities as null."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, decimal.Decimal):
        return str(value) if value.is_finite() else None
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, (dt.date, dt.time)):  # datetime (and pandas' Timestamp) included
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return str(value)


def _parquet_records(path: Path, id_field: str, text_field: str) -> Iterator[Record]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    name = str(path)
    try:
        batches = pq.ParquetFile(path).iter_batches(batch_size=512)
        names = pq.read_schema(path).names
    except (pa.ArrowException, OSError) as exc:
        yield name, ArticleError(name, name, f"not a readable Parquet file ({exc}); file skipped")
        return
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        yield name, ArticleError(name, name, f"column(s) {', '.join(map(repr, twice))} appear twice; file skipped")
        return
    raw = {id_field, text_field}  # bytes stay bytes here: _from_records decodes them as UTF-8 text
    cell_errors = (ValueError, OverflowError, TypeError, ArithmeticError, pa.ArrowException)
    row = 0
    while True:
        try:
            batch = next(batches)
        except StopIteration:
            return
        except (pa.ArrowException, OSError) as exc:
            origin = f"{name}:row {row + 1}"
            reason = f"damaged Parquet data ({exc}); the rest of the file is not read"
            yield origin, ArticleError(origin, origin, reason)
            return
        try:
            recs: list[Any] = batch.to_pylist()
        except cell_errors:  # a value Python cannot hold (a date past year 9999, ...): find its row
            recs = [_one_row(batch, i, cell_errors) for i in range(batch.num_rows)]
        for rec in recs:
            row += 1
            origin = f"{name}:row {row}"
            if isinstance(rec, Exception):
                yield origin, ArticleError(origin, origin, f"a value cannot be read ({rec})")
            else:
                yield origin, {k: v if k in raw and isinstance(v, bytes) else json_safe(v) for k, v in rec.items()}


def _one_row(batch: Any, i: int, errors: tuple[type[Exception], ...]) -> dict[str, Any] | Exception:
    try:
        return batch.slice(i, 1).to_pylist()[0]
    except errors as exc:
        return exc


JSONL_SUFFIXES, PARQUET_SUFFIXES = (".jsonl", ".json", ".ndjson"), (".parquet", ".pq")
INPUT_SUFFIXES = (*JSONL_SUFFIXES, ".csv", *PARQUET_SUFFIXES, ".txt")


def _read_input(item: str | Path, id_field: str, text_field: str, max_chars: int) -> Iterator[Article | ArticleError]:
    if str(item) == "-":
        yield from _from_records(_jsonl_records(sys.stdin.buffer, "<stdin>"), id_field, text_field, max_chars)
        return
    path = Path(item)
    suffix = path.suffix.lower()
    if path.is_dir():
        yield from _from_txt_folder(path, max_chars)
    elif not path.exists():
        raise FileNotFoundError(2, "no such file or folder", str(path))
    elif suffix in JSONL_SUFFIXES:
        with open(path, "rb") as fh:
            yield from _from_records(_jsonl_records(fh, str(path)), id_field, text_field, max_chars)
    elif suffix == ".csv":
        yield from _from_records(_csv_records(path, id_field, text_field, max_chars), id_field, text_field, max_chars)
    elif suffix in PARQUET_SUFFIXES:
        yield from _from_records(_parquet_records(path, id_field, text_field), id_field, text_field, max_chars)
    elif suffix == ".txt":
        yield _txt_article(path, path.stem, max_chars)
    else:
        raise _unknown_type(path)


def _unknown_type(path: Path) -> OptionError:
    return OptionError(f"{path}: unknown input type {path.suffix!r}; use a folder of .txt, .jsonl, .csv "
                       "or .parquet, or '-' for JSONL on standard input")




def _check_has_articles(folder: Path) -> None:
    """Refuse a folder that holds no ``.txt`` article but files of articles (``news.jsonl``): a folder is read
    for its .txt files only, so it would score nothing and say only "articles read 0"."""
    others: list[Path] = []
    for dirpath, _dirnames, filenames in os.walk(folder):
        for name in filenames:
            suffix = Path(name).suffix.lower()
            if suffix == ".txt":
                return
            if suffix in INPUT_SUFFIXES and name != METADATA_NAME:
                others.append(Path(dirpath) / name)
    if others:
        shown = ", ".join(str(p) for p in sorted(others)[:3]) + (", ..." if len(others) > 3 else "")
        raise OptionError(f"{folder}: no .txt articles in this folder (a folder is read for its .txt files); it "
                          f"holds {shown}: give such files as inputs themselves")


def check_inputs(inputs: Sequence[str | Path], id_field: str = "id", text_field: str = "text",
                 also: Sequence[tuple[str, str]] = ()) -> None:
    """Refuse, before any work, an input that cannot be read at all: an unknown file type, a
    folder whose ``metadata.csv`` is wrong (``DataError`` naming file, line and field), or a file whose first
    record lacks the text field, an id field chosen by name, or a field of ``also`` ((option, field) pairs):
    a mistyped ``--text-field`` would otherwise fail every article one by one, and a mistyped ``--id-field``
    silently number them."""
    for item in inputs:
        if str(item) == "-" or "://" in str(item):
            continue
        path = Path(item)
        if path.is_dir():
            _check_has_articles(path)
            metadata = folder_metadata(path)
            columns = {"file", *(k for meta in metadata.values() for k in meta)}
            for option, name in also if (path / METADATA_NAME).is_file() else ():  # else: not known here
                if name not in columns:
                    raise OptionError(f"{path}: no {name!r} column in its {METADATA_NAME} (the fields of a folder's "
                                      f"articles: {', '.join(map(repr, sorted(columns)))}); check {option}")
            continue
        if path.exists() and path.suffix.lower() not in INPUT_SUFFIXES:  # a missing path: run_settings says so
            raise _unknown_type(path)
        fields = _first_fields(path)
        if fields is None:
            continue  # empty or unreadable: reported, with its line, when it is read
        optional = () if path.suffix.lower() in JSONL_SUFFIXES else also  # a JSON record may omit it
        for option, name in (("--text-field", text_field), ("--id-field", id_field if id_field != "id" else None),
                             *optional):
            if name is not None and name not in fields:
                raise OptionError(f"{path}: its first records have no field {name!r} (their fields: "
                                  f"{', '.join(map(repr, fields)) or 'none'}); choose one with {option}")


def _first_fields(path: Path) -> list[str] | None:
    """The field names of a JSONL file's first records (any of its first 20), a CSV file's header or a Parquet
    file's schema; None where there is none to read."""
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            seen: dict[str, None] = {}
            with open(path, "rb") as fh:
                for _, obj, problem in islice(jsonl_lines(fh), 20):  # one bad record alone is only that record's
                    if problem is None and isinstance(obj, dict):
                        seen.update(dict.fromkeys(obj))
            return list(seen) or None
        if suffix == ".csv":
            with open(path, encoding="utf-8-sig", newline="") as fh:
                header = next(csv.reader(fh), None)
            return list(header) if header else None
        if suffix in PARQUET_SUFFIXES:
            import pyarrow.parquet as pq

            return list(pq.read_schema(path).names)
    except Exception:  # noqa: BLE001 - unreadable or damaged: reported, with its name and line, when it is read
        return None
    return None


def iter_articles(inputs: Sequence[str | Path], id_field: str = "id", text_field: str = "text",
                  max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article | ArticleError]:
    """Articles from each input in order: a folder of .txt, .jsonl, .csv, .parquet, or '-' (JSONL on stdin).

    An id already used by an earlier article of the run (in any input) is recorded and
    that article skipped: merged under one ``doc_id``, two articles would read as one
    in every output, and renaming one would break the link to the user's data.
    """
    seen: set[int] = set()  # 8-byte digests of the ids so far (not the ids: they can be long URLs)
    for item in inputs:
        name = str(item)
        try:
            for art in _read_input(item, id_field, text_field, max_chars):
                if isinstance(art, Article):
                    key = int.from_bytes(hashlib.blake2b(art.doc_id.encode("utf-8"), digest_size=8).digest(), "big")
                    if key in seen:
                        art = ArticleError(art.doc_id, art.origin, f"duplicate id {art.doc_id!r}: an earlier "
                                           "article has it; skipped so that two articles are not merged under "
                                           "one doc_id (give each article its own id)")
                    seen.add(key)
                yield art
        except (FileNotFoundError, OptionError):
            raise
        except OSError as exc:
            yield ArticleError(name, name, f"cannot read: {exc.strerror or exc}; the rest of this input is not read")


_SEGMENTER: pysbd.Segmenter | None = None


def _segmenter() -> pysbd.Segmenter:
    global _SEGMENTER
    if _SEGMENTER is None:
        _SEGMENTER = pysbd.Segmenter(language="en", clean=False)
    return _SEGMENTER


def _sentence_starts(piece: str) -> list[int]:
    """Where pysbd starts a sentence in ``piece``, found left to right in one pass.

    (pysbd's own ``char_span`` searches the whole text for every sentence: quadratic.)
    A sentence pysbd changed so that it is not found joins the one before it.
    """
    starts: list[int] = []
    cursor = 0
    for sentence in _segmenter().processor(piece).process() or []:
        sentence = sentence.strip()
        at = piece.find(sentence, cursor) if sentence else -1
        if at >= 0:
            starts.append(at)
            cursor = at + len(sentence)
    return starts


_LAST_SPACE = re.compile(r"\s(?=\S*$)")
#: No sentence starts with a dash: in "PORT HOPE, Ont. — The mayor said ..." the full stop ends a dateline's
#: abbreviation, not a sentence.
_DASH_START = re.compile(r"\s*(?:—|–|--?\s)")


def _line_starts(line: str) -> list[int]:
    """Sentence starts in one line (0 first), pysbd run on windows of at most ``SPLIT_WINDOW``.

    Each window keeps the starts not near its end; the next window begins at the last
    start kept, so no sentence is judged on cut text. A window with no start at all (one
    very long 'sentence') is cut at its last space, or at its end if it has none.
    """
    out, pos = [0], 0
    while len(line) - pos > SPLIT_WINDOW:
        starts = [s for s in _sentence_starts(line[pos:pos + SPLIT_WINDOW]) if s > 0]
        trusted = [s for s in starts if s <= SPLIT_WINDOW - _SPLIT_MARGIN]
        if trusted or starts:
            keep = trusted or starts[:1]
        else:
            half = line[pos + SPLIT_WINDOW // 2:pos + SPLIT_WINDOW]
            space = _LAST_SPACE.search(half)
            keep = [SPLIT_WINDOW // 2 + (space.start() + 1 if space else len(half))]
        out.extend(pos + s for s in keep)
        pos += keep[-1]
    out.extend(pos + s for s in _sentence_starts(line[pos:]) if s > 0)
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence character offsets ``(start, end)`` in ``text``, whitespace trimmed.

    pysbd handles news abbreviations ("Sen.", "U.S.", "p.m."), decimals and
    quotes; line breaks also end a sentence, so headlines without a full stop and
    bullet items stand alone. Time is linear in the length of ``text`` (long lines
    go to pysbd in windows), and every non-space character is in one sentence.
    """
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            bounds = [b for b in _line_starts(line) if b == 0 or not _DASH_START.match(line, b)]
            for a, b in zip(bounds, bounds[1:] + [len(line)]):
                start, end = pos + a, pos + b
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
                if end > start:
                    out.append((start, end))
        pos += len(line)
    return out
