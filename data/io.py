"""Read and write codebook JSONL (and plain CSV), validating every line.

A reader collects every problem in a file before it raises, so a user fixes an
annotation file in one pass instead of one error per run.
"""
from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .errors import UserError
from .schema import ACTOR_KINDS, CODEBOOK_TYPES, Actor, Claim, Sentence, Span

MAX_PROBLEMS_SHOWN = 50


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an input file, located precisely."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class DataError(UserError, ValueError):
    """An input file does not follow the codebook format; ``problems`` lists why.

    A ``UserError`` (the command line prints it without a traceback) and, for older
    callers, a ``ValueError``.
    """

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        shown = "\n".join(f"  {p}" for p in self.problems[:MAX_PROBLEMS_SHOWN])
        more = len(self.problems) - MAX_PROBLEMS_SHOWN
        tail = f"\n  ... and {more} more" if more > 0 else ""
        files = sorted({p.file for p in self.problems})
        super().__init__(f"{len(self.problems)} problem(s) in {', '.join(files)}:\n{shown}{tail}")


def _check_span(obj: Any, text: str, where: str, add) -> Span | None:
    if obj is None:
        return None
    if not isinstance(obj, dict):
        add(where, f"must be an object with start, end, text or null, got {type(obj).__name__}")
        return None
    missing = [k for k in ("start", "end", "text") if k not in obj]
    if missing:
        add(where, f"missing field(s) {', '.join(missing)}")
        return None
    start, end, stext = obj["start"], obj["end"], obj["text"]
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
        add(where, f"start and end must be integers, got {start!r} and {end!r}")
        return None
    if not isinstance(stext, str):
        add(f"{where}.text", "must be a string")
        return None
    if not 0 <= start < end <= len(text):
        add(where, f"offsets [{start}, {end}) fall outside the sentence (length {len(text)})")
        return None
    if text[start:end] != stext:
        add(f"{where}.text", f"{stext!r} does not match text[{start}:{end}] = {text[start:end]!r}")
        return None
    return Span(start, end, stext, _check_actor(obj.get("actor"), f"{where}.actor", add))


def _check_actor(obj: Any, where: str, add) -> Actor | None:
    """The optional codebook ``actor`` of a span; absent or null means unresolved."""
    if obj is None:
        return None
    if not isinstance(obj, dict):
        add(where, f"must be an object with name, kind, code, affiliation or null, got {type(obj).__name__}")
        return None
    name, kind = obj.get("name"), obj.get("kind", "other")
    if not isinstance(name, str) or not name.strip():
        add(f"{where}.name", "must be a non-empty string")
        return None
    if kind not in ACTOR_KINDS:
        add(f"{where}.kind", f"must be one of {', '.join(ACTOR_KINDS)}, got {kind!r}")
        return None
    codes = {}
    for key in ("code", "affiliation"):
        value = obj.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            add(f"{where}.{key}", f"must be a non-empty string or null, got {value!r}")
            return None
        codes[key] = value
    return Actor(name, kind, codes["code"], codes["affiliation"])


def parse_record(obj: Any, file: str, line: int, claim_types: Sequence[str] | None,
                 problems: list[Problem], labelled: bool = True) -> Sentence | None:
    """Validate one decoded JSON line; append problems, return the Sentence if clean.

    ``labelled=False`` reads sentences to code: a missing ``claims`` field means none.
    """
    before = len(problems)

    def add(fld: str, msg: str) -> None:
        problems.append(Problem(file, line, fld, msg))

    if not isinstance(obj, dict):
        add("(line)", f"must be a JSON object, got {type(obj).__name__}")
        return None
    text = obj.get("text")
    if "text" not in obj:
        add("text", "missing")
    elif not isinstance(text, str):
        add("text", f"must be a string, got {type(text).__name__}")
    raw_claims = obj.get("claims", None if labelled else [])
    if "claims" not in obj and labelled:
        add("claims", "missing (use [] for a sentence with no claim)")
    elif not isinstance(raw_claims, list):
        add("claims", f"must be a list, got {type(raw_claims).__name__}")
    for key in ("id", "doc_id"):
        if key in obj and not isinstance(obj[key], (str, int)):
            add(key, "must be a string")
    if "meta" in obj and not isinstance(obj["meta"], dict):
        add("meta", "must be an object")
    if len(problems) > before:
        return None
    claims: list[Claim] = []
    for i, c in enumerate(raw_claims):
        where = f"claims[{i}]"
        if not isinstance(c, dict):
            add(where, "must be an object")
            continue
        ctype = c.get("type")
        if "type" not in c:
            add(f"{where}.type", "missing")
            continue
        if not isinstance(ctype, str) or not ctype:
            add(f"{where}.type", "must be a non-empty string")
            continue
        if claim_types is not None and ctype not in claim_types:
            add(f"{where}.type", f"unknown claim type {ctype!r} (expected one of {', '.join(claim_types)})")
            continue
        for k in ("source", "target"):
            if k not in c:
                add(f"{where}.{k}", "missing (use null when the actor is not in the sentence)")
        src = _check_span(c.get("source"), text, f"{where}.source", add)
        tgt = _check_span(c.get("target"), text, f"{where}.target", add)
        score = c.get("score")
        claims.append(Claim(ctype, src, tgt, float(score) if isinstance(score, (int, float)) else None))
    if len(problems) > before:
        return None
    sid = str(obj.get("id", "") or f"{Path(file).stem}-{line}")
    return Sentence(text=text, claims=claims, id=sid, doc_id=str(obj.get("doc_id", "") or sid),
                    meta=dict(obj.get("meta") or {}), context=obj.get("context"))


def jsonl_lines(stream: Iterable[bytes]) -> Iterator[tuple[int, Any, tuple[str, str] | None]]:
    """The one JSON-lines decoder: ``(line number, value, None)`` per line, streaming.

    A line that is not UTF-8 or not JSON gives ``(line number, None, (field, message))``
    instead; blank lines are skipped and a byte-order mark on line 1 is dropped.
    """
    for lineno, raw in enumerate(stream, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield lineno, None, ("(encoding)", f"not valid UTF-8 ({exc.reason} at byte {exc.start})")
            continue
        if lineno == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        try:
            yield lineno, json.loads(line), None
        except json.JSONDecodeError as exc:
            yield lineno, None, ("(json)", f"bad JSON: {exc.msg} at column {exc.colno}")


def iter_jsonl_lines(path: str | os.PathLike, problems: list[Problem]) -> Iterator[tuple[int, Any]]:
    """Yield ``(line_number, decoded_json)`` from a file, streaming; bad lines become problems."""
    name = str(path)
    with open(path, "rb") as fh:
        for lineno, obj, problem in jsonl_lines(fh):
            if problem is None:
                yield lineno, obj
            else:
                problems.append(Problem(name, lineno, *problem))


def read_jsonl(path: str | os.PathLike, claim_types: Sequence[str] | None = CODEBOOK_TYPES,
               labelled: bool = True) -> list[Sentence]:
    """Read a codebook JSONL file; raise ``DataError`` listing every problem found.

    ``claim_types=None`` accepts any type name (for corpora with their own label set);
    ``labelled=False`` reads sentences to code, where ``claims`` may be left out.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError([Problem(str(path), 0, "(file)", "no such file")])
    problems: list[Problem] = []
    out: list[Sentence] = []
    lines: list[int] = []
    for lineno, obj in iter_jsonl_lines(path, problems):
        rec = parse_record(obj, str(path), lineno, claim_types, problems, labelled=labelled)
        if rec is not None:
            out.append(rec)
            lines.append(lineno)
    if problems:
        raise DataError(problems)
    if not out:
        raise DataError([Problem(str(path), 0, "(file)", "holds no sentences")])
    _check_unique_ids(out, lines, str(path))
    return out


def _check_unique_ids(sentences: Sequence[Sentence], lines: Sequence[int], name: str) -> None:
    """Every id once; a repeat is reported at its file line, with the line of its first use."""
    seen: dict[str, int] = {}
    problems = []
    for s, lineno in zip(sentences, lines):
        if s.id in seen:
            problems.append(Problem(name, lineno, "id", f"duplicate id {s.id!r} (first at line {seen[s.id]})"))
        seen.setdefault(s.id, lineno)
    if problems:
        raise DataError(problems)


def read_csv(path: str | os.PathLike, text_column: str = "text", id_column: str | None = "id",
             doc_column: str | None = "doc_id") -> list[Sentence]:
    """Read sentences to label from a CSV file with one sentence per row (no claims)."""
    path = Path(path)
    problems: list[Problem] = []
    out: list[Sentence] = []
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            if reader.fieldnames is None or text_column not in reader.fieldnames:
                raise DataError([Problem(str(path), 1, text_column,
                                         f"no column named {text_column!r} in header {reader.fieldnames}")])
            for row in reader:
                lineno = reader.line_num
                text = row.get(text_column)
                if text is None:
                    problems.append(Problem(str(path), lineno, text_column, "missing value"))
                    continue
                sid = (row.get(id_column) if id_column else None) or f"{path.stem}-{lineno}"
                doc = (row.get(doc_column) if doc_column else None) or sid
                meta = {k: v for k, v in row.items() if k not in {text_column, id_column, doc_column} and k}
                out.append(Sentence(text=text, id=str(sid), doc_id=str(doc), meta=meta))
    except UnicodeDecodeError as exc:
        raise DataError([Problem(str(path), 0, "(encoding)", f"not valid UTF-8 ({exc.reason})")]) from None
    except FileNotFoundError:
        raise DataError([Problem(str(path), 0, "(file)", "no such file")]) from None
    if problems:
        raise DataError(problems)
    return out


def read_sentences(path: str | os.PathLike, claim_types: Sequence[str] | None = CODEBOOK_TYPES) -> list[Sentence]:
    """Read ``.jsonl`` or ``.csv`` by extension."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return read_csv(path)
    return read_jsonl(path, claim_types=claim_types)


def read_unlabelled(path: str | os.PathLike) -> list[Sentence]:
    """Sentences to code: ``.txt`` (one a line), ``.csv`` (column ``text``) or ``.jsonl`` (field ``text``).

    Annotations in a JSONL file are read and checked when present, but none are
    required; any claim type name is accepted.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_csv(path)
    if suffix == ".txt":
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            raise DataError([Problem(str(path), 0, "(file)", "no such file")]) from None
        except UnicodeDecodeError as exc:
            raise DataError([Problem(str(path), 0, "(encoding)", f"not valid UTF-8 ({exc.reason})")]) from None
        return [Sentence(text=t, id=f"{path.stem}-{i}") for i, t in enumerate(lines, 1) if t.strip()]
    return read_jsonl(path, claim_types=None, labelled=False)


def current_umask() -> int:
    """The process umask (reading it means setting it, so set it straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8",
                 newline: str | None = None) -> Iterator[IO]:
    """Write to a temporary file beside ``path`` and rename it into place on success.

    A crash midway leaves the old file (or none), never half a file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.chmod(tmp, 0o666 & ~current_umask())  # mkstemp makes 0600; give the file the usual permissions
    try:
        text_args = {} if "b" in mode else {"encoding": encoding, "newline": newline}
        with os.fdopen(fd, mode, **text_args) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_jsonl(path: str | os.PathLike, records: Iterable[Sentence | dict[str, Any]]) -> int:
    """Write sentences (or plain dicts) as JSONL, atomically; return the count."""
    n = 0
    with atomic_write(path) as fh:
        for r in records:
            d = r.to_dict() if isinstance(r, Sentence) else r
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
            n += 1
    return n


__all__ = ["Problem", "DataError", "read_jsonl", "read_csv", "read_sentences", "read_unlabelled", "write_jsonl",
           "atomic_write", "parse_record", "jsonl_lines", "iter_jsonl_lines"]
