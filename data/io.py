"""Read and write codebook JSONL (and plain CSV), validating every line.

A reader collects every problem in a file before it raises, so a user fixes an
annotation file in one pass instead of one error per run. Whatever the bytes, a
reader returns clean records or raises ``DataError`` naming file, line and field:
text that cannot reach the tokenizer (lone surrogates, bad UTF-8, NUL) is refused
here, so training, evaluation and scoring never meet it.
"""
from __future__ import annotations

import csv
import json
import math
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NamedTuple

from .errors import OptionError, UserError
from .schema import ACTOR_KINDS, CODEBOOK_TYPES, Actor, Claim, Sentence, Span

MAX_PROBLEMS_SHOWN = 50

#: JSON nested deeper than this is refused. No codebook record or article needs a tenth of it,
#: and deeper values fail later, far from the file (``RecursionError`` in ``json``, Arrow, ...).
MAX_JSON_DEPTH = 64

#: The largest CSV value read (characters). Python's default (131,072) is too small for an
#: article; a cap still stops an unclosed quote from pulling a whole large file into memory.
CSV_FIELD_LIMIT = 64 * 1024 * 1024

#: A sentence CSV row over more lines than this is taken for an unclosed quote.
MAX_SENTENCE_ROW_LINES = 20

_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an input file, located precisely."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file  # line 0: the file as a whole
        return f"{where}: {self.field}: {self.message}"


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
        add(where, f"offsets [{start}, {end}) are empty or reversed (start must be before end)" if 0 <= end <= start
            else f"offsets [{start}, {end}) fall outside the sentence (length {len(text)})")
        return None
    if text[start:end] != stext:
        add(f"{where}.text", f"{stext!r} does not match text[{start}:{end}] = {text[start:end]!r}")
        return None
    return Span(start, end, stext, _check_actor(obj.get("actor"), f"{where}.actor", add))


#: The fields of a span's ``actor`` object (the codebook's "Actors" section).
ACTOR_FIELDS = ("name", "kind", "code", "affiliation")


def _check_actor(obj: Any, where: str, add) -> Actor | None:
    """The optional codebook ``actor`` of a span; absent or null means unresolved. Every problem of the
    object is reported (not only the first), and a country's code must be ISO 3166 alpha-3 ("RUS", not "RU")."""
    if obj is None:
        return None
    if not isinstance(obj, dict):
        add(where, f"must be an object with name, kind, code, affiliation or null, got {type(obj).__name__}")
        return None
    ok = True
    for key in sorted(set(obj) - set(ACTOR_FIELDS)):
        add(f"{where}.{key}", f"unknown field (an actor has {', '.join(ACTOR_FIELDS)})")
        ok = False
    name, kind = obj.get("name"), obj.get("kind")
    if not isinstance(name, str) or not name.strip():
        add(f"{where}.name", "must be a non-empty string")
        ok = False
    if "kind" not in obj:  # read as "other" it would silently count a country's mentions as no country's
        add(f"{where}.kind", f"missing: give one of {', '.join(ACTOR_KINDS)}")
        ok = False
    elif kind not in ACTOR_KINDS:
        add(f"{where}.kind", f"must be one of {', '.join(ACTOR_KINDS)}, got {kind!r}")
        ok = False
    codes = {}
    for key in ("code", "affiliation"):
        value = obj.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            add(f"{where}.{key}", f"must be a non-empty string or null, got {value!r}")
            ok = False
        codes[key] = value
    code = codes["code"]
    if kind == "country" and isinstance(code, str) and not re.fullmatch(r"[A-Z]{3}", code):
        add(f"{where}.code", f"a country's code is its ISO 3166 alpha-3 code (three capitals, as RUS), got {code!r}")
        ok = False
    return Actor(name, kind, codes["code"], codes["affiliation"]) if ok else None


#: Without a doc_id every sentence would count as its own article: document splits and the
#: bootstrap would treat the sentences of one article as independent, silently.
NO_DOC_ID = "missing or empty: add the id of the article the sentence comes from (sentences of one article share it)"


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
        if key in obj and (isinstance(obj[key], bool) or not isinstance(obj[key], (str, int))):
            add(key, f"must be a string, got {json_kind(obj[key])}")
    if "meta" in obj and not isinstance(obj["meta"], dict):
        add("meta", "must be an object")
    if obj.get("context") is not None and not isinstance(obj["context"], str):
        add("context", f"must be a string or null, got {json_kind(obj['context'])}")
    doc = obj.get("doc_id")
    no_doc = labelled and ("doc_id" not in obj or (isinstance(doc, str) and not doc.strip()))
    if len(problems) > before:
        if no_doc:
            add("doc_id", NO_DOC_ID)
        return None
    claims: list[Claim] = []
    seen: dict[tuple, int] = {}
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
        score = _finite(c.get("score"))
        if c.get("score") is not None and score is None:
            add(f"{where}.score", f"must be a number or null, got {json_kind(c['score'])}")
            continue
        claim = Claim(ctype, src, tgt, score)
        if claim.key() in seen:  # counted twice, a right prediction would lose recall
            add(where, f"the same claim as claims[{seen[claim.key()]}] (type, source and target): list a claim once")
            continue
        seen[claim.key()] = i
        claims.append(claim)
    if no_doc:
        add("doc_id", NO_DOC_ID)
    if len(problems) > before:
        return None
    sid = str(obj.get("id", "") or f"{Path(file).stem}-{line}")
    doc_id = str(obj.get("doc_id", "")).strip() or sid  # only unlabelled records get here without one
    return Sentence(text=text, claims=claims, id=sid, doc_id=doc_id,
                    meta=dict(obj.get("meta") or {}), context=obj.get("context"))


def _finite(value: Any) -> float | None:
    """``value`` as a float when it is a real, finite JSON number (``true`` is not a score)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def json_kind(value: Any) -> str:
    """How a JSON value is spelled, for messages: ``true``, ``null``, ``an object``, ``a number`` ..."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    names = {str: "a string", int: "an integer", float: "a number", dict: "an object", list: "an array"}
    return names.get(type(value), type(value).__name__)


class _Refused(ValueError):
    """Raised from inside ``json.loads`` hooks: a value JSON allows but a record must not hold."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:  # json would keep the last one: a second "claims": [] would drop the annotations
            raise _Refused(key, f"key {key!r} appears twice in one object (remove one)")
        obj[key] = value
    return obj


def _constant(name: str) -> Any:
    raise _Refused("(json)", f"{name} is not valid JSON (use null or a number)")


def surrogate_message(text: str) -> str | None:
    """Why ``text`` is not valid Unicode (a lone surrogate, e.g. from a ``"\\ud800"`` escape), or None."""
    if text.isascii():
        return None
    found = _SURROGATE.search(text)
    if found is None:
        return None
    return (f"holds a lone surrogate \\u{ord(found.group()):04x} at character {found.start()}: "
            "not valid Unicode (fix the \\u escape or the encoding)")


def _field_name(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(line)"


def check_json_value(value: Any) -> tuple[str, str] | None:
    """``(field, message)`` for the first part of a decoded JSON value no reader should pass on:
    nesting deeper than ``MAX_JSON_DEPTH``, or a string (or key) that is not valid Unicode."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str):
            message = surrogate_message(item)
            if message:
                return _field_name(path), message
        elif isinstance(item, float) and not math.isfinite(item):  # 1e999 parses as infinity
            return _field_name(path), "a number too large for a float"
        elif isinstance(item, (dict, list)):
            if len(path) >= MAX_JSON_DEPTH:
                return "(json)", f"nested more than {MAX_JSON_DEPTH} levels deep"
            if isinstance(item, dict):
                for key in item:
                    message = surrogate_message(key)
                    if message:
                        return _field_name(path), f"a key {message}"
                children = [(v, (*path, k)) for k, v in item.items()]
            else:
                children = [(v, (*path, i)) for i, v in enumerate(item)]
            stack.extend(reversed(children))  # first field first, as a user reads the line
    return None


def decode_json(line: str) -> tuple[Any, tuple[str, str] | None]:
    """``(value, None)``, or ``(None, (field, message))`` when ``line`` is not one clean JSON value.

    Beyond ``json.loads``: a key twice in one object, NaN/Infinity, nesting past
    ``MAX_JSON_DEPTH`` (never a ``RecursionError``) and lone surrogates are refused.
    """
    try:
        value = json.loads(line, object_pairs_hook=_object, parse_constant=_constant)
    except _Refused as exc:
        return None, (exc.field, exc.message)
    except json.JSONDecodeError as exc:
        where = ("at the end of the line" if exc.pos >= len(line.rstrip("\r\n"))  # a line cut off: not "column 1"
                 else f"at column {exc.pos + 1}")  # of the next line, as json counts past the newline
        message = exc.msg.removesuffix(" at")  # json says "Invalid control character at", then the place
        return None, ("(json)", f"bad JSON: {message} {where}")
    except RecursionError:
        return None, ("(json)", f"nested more than {MAX_JSON_DEPTH} levels deep")
    except ValueError as exc:  # an integer of more than 4,300 digits, ...
        return None, ("(json)", f"bad JSON: {exc}")
    problem = check_json_value(value)
    return (None, problem) if problem else (value, None)


def jsonl_lines(stream: Iterable[bytes]) -> Iterator[tuple[int, Any, tuple[str, str] | None]]:
    """The one JSON-lines decoder: ``(line number, value, None)`` per line, streaming.

    A line that is not UTF-8 or not clean JSON (``decode_json``) gives ``(line number,
    None, (field, message))`` instead; blank lines are skipped. A byte-order mark is
    dropped at the start of any line (files joined with ``cat`` keep their first record);
    a UTF-16 file gives one problem and no more lines.
    """
    for lineno, raw in enumerate(stream, start=1):
        if lineno == 1 and raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            yield lineno, None, ("(encoding)", "not valid UTF-8: the file is UTF-16 (save it as UTF-8)")
            return
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield lineno, None, ("(encoding)", f"not valid UTF-8 ({exc.reason} at byte {exc.start})")
            continue
        line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        value, problem = decode_json(line)
        yield lineno, value, problem


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
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"read_jsonl() takes a file's path (a str or Path), not {type(path).__name__}")
    path = Path(path)
    if not path.is_file():
        why = ("is a folder, not a file" if path.is_dir() else "not a regular file (a device or a pipe): give a "
               "file" if path.exists() else "no such file")
        raise DataError([Problem(str(path), 0, "(file)", why)])
    problems: list[Problem] = []
    out: list[Sentence] = []
    lines: list[int] = []
    try:
        for lineno, obj in iter_jsonl_lines(path, problems):
            rec = parse_record(obj, str(path), lineno, claim_types, problems, labelled=labelled)
            if rec is not None:
                out.append(rec)
                lines.append(lineno)
    except OSError as exc:
        raise DataError([Problem(str(path), 0, "(file)", f"cannot read: {exc.strerror or exc}")]) from None
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


class CsvRow(NamedTuple):
    """One row of a CSV file, or why it cannot be used."""

    line: int  #: the line the row starts on (0: the file as a whole)
    values: dict[str, str]  #: column -> value; what could be read when there is a problem
    problem: tuple[str, str] | None = None  #: (field, message) when the row is not usable
    last: bool = False  #: reading stopped here: the rest of the file is not read


def _value_problem(column: str, value: str) -> tuple[str, str] | None:
    found = _SURROGATE.search(value) if not value.isascii() else None
    if found is not None:
        if "\udc80" <= found.group() <= "\udcff":  # how surrogateescape keeps an undecodable byte
            return column, f"not valid UTF-8 (byte 0x{ord(found.group()) - 0xDC00:02x} at character {found.start()})"
        return column, surrogate_message(value) or ""
    if "\x00" in value:
        return column, "holds a NUL character (a binary or UTF-16 file? save it as UTF-8 text)"
    return None


def _header_problem(header: list[str], required: Sequence[str]) -> tuple[str, str] | None:
    for i, name in enumerate(header):
        problem = _value_problem(f"column {i + 1}", name)
        if problem:
            return "(header)", problem[1]
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            return name, f"column {name!r} appears twice in the header (rename one)"
        seen.add(name)
    for name in required:
        if name not in seen:
            return name, f"no column named {name!r} in the header ({', '.join(map(repr, header))})"
    return None


def iter_csv_rows(path: str | os.PathLike, required: Sequence[str] = (), field_limit: int = CSV_FIELD_LIMIT,
                  max_row_lines: int | None = None) -> Iterator[CsvRow]:
    """The one CSV decoder, streaming: a ``CsvRow`` per row, with its problem if it has one.

    Decoding never stops at a bad byte: only the row holding it is reported (its field
    and byte), so rows before and after are still read. Also reported per row: a number
    of values other than the header's, NUL characters, and (``max_row_lines``) a row over
    that many lines. Parsing is strict, so an unclosed quote is an error on the line where
    its row starts, and reading stops there (``last``), as it does for a header that has a
    column twice or lacks one in ``required``, and for an empty or header-only file.
    A UTF-8 byte-order mark is dropped. Raises ``OSError`` when the file cannot be opened.
    """
    csv.field_size_limit(max(csv.field_size_limit(), field_limit))  # the csv module's limit is process-wide
    with open(path, encoding="utf-8-sig", errors="surrogateescape", newline="") as fh:
        reader = csv.reader(fh, strict=True)
        try:
            header = next(reader, None)
        except csv.Error as exc:
            yield CsvRow(1, {}, ("(header)", f"cannot be read ({exc})"), True)
            return
        if header is None:
            yield CsvRow(0, {}, ("(file)", "empty: expected a header line naming the columns"), True)
            return
        problem = _header_problem(header, required)
        if problem:
            yield CsvRow(1, {}, problem, True)
            return
        end, rows = reader.line_num, 0
        while True:
            start = end + 1
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield CsvRow(start, {}, ("(row)", _broken_row(str(exc), reader.line_num)), True)
                return
            end = reader.line_num
            if not values:  # a blank line
                continue
            rows += 1
            problem = _row_problem(header, values)
            if problem is None and max_row_lines and end - start + 1 > max_row_lines:
                problem = "(row)", (f"runs over {end - start + 1} lines (to line {end}): "
                                    f"is a closing quote missing on line {start}?")
            yield CsvRow(start, dict(zip(header, values)), problem)
        if rows == 0:
            yield CsvRow(0, {}, ("(file)", "no rows under the header"), True)


def _row_problem(header: list[str], values: list[str]) -> tuple[str, str] | None:
    if len(values) != len(header):
        hint = " (an unquoted comma in a value?)" if len(values) > len(header) else ""
        return "(row)", f"has {len(values)} values but the header has {len(header)} columns{hint}"
    for i, (column, value) in enumerate(zip(header, values)):
        problem = _value_problem(column or f"column {i + 1}", value)
        if problem:
            return problem
    return None


def _broken_row(error: str, at: int) -> str:
    if "field larger than field limit" in error:
        what = f"a value over {csv.field_size_limit():,} characters"
    else:
        what = f"a quote that is not closed properly ({error}, line {at})"
    return f"the row starting on this line has {what}: check its quotes; the rest of the file is not read"


def read_csv(path: str | os.PathLike, text_column: str = "text", id_column: str | None = "id",
             doc_column: str | None = "doc_id") -> list[Sentence]:
    """Read sentences to label from a CSV file with one sentence per row (no claims).

    Every problem is collected (``iter_csv_rows``) and ids must be unique; a sentence
    without ``doc_id`` is its own document.
    """
    path = Path(path)
    name = str(path)
    problems: list[Problem] = []
    out: list[Sentence] = []
    lines: list[int] = []
    try:
        for row in iter_csv_rows(path, required=(text_column,), max_row_lines=MAX_SENTENCE_ROW_LINES):
            if row.problem is not None:
                problems.append(Problem(name, row.line, *row.problem))
                continue
            values = row.values
            sid = (values.get(id_column) if id_column else None) or f"{path.stem}-{row.line}"
            doc = (values.get(doc_column) if doc_column else None) or sid
            meta = {k: v for k, v in values.items() if k not in {text_column, id_column, doc_column} and k}
            out.append(Sentence(text=values[text_column], id=sid, doc_id=doc, meta=meta))
            lines.append(row.line)
    except FileNotFoundError:
        raise DataError([Problem(name, 0, "(file)", "no such file")]) from None
    except OSError as exc:
        raise DataError([Problem(name, 0, "(file)", f"cannot read: {exc.strerror or exc}")]) from None
    if problems:
        raise DataError(problems)
    _check_unique_ids(out, lines, name)
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
        return _read_txt_lines(path)
    return read_jsonl(path, claim_types=None, labelled=False)


def sentences_from_texts(texts: Iterable[str], source: str, skip_blank: bool = False) -> list[Sentence]:
    """Sentences given directly (command-line arguments, standard input), checked as a file's lines
    are: ids ``1``, ``2``, ... (each its own document), text that is not valid Unicode or holds NUL
    refused, naming ``source`` and the position."""
    problems: list[Problem] = []
    out: list[Sentence] = []
    for i, text in enumerate(texts, 1):
        problem = _value_problem("(line)", text)
        if problem:
            problems.append(Problem(source, i, *problem))
        elif text.strip() or not skip_blank:
            out.append(Sentence(text=text, id=str(i), doc_id=str(i)))
    if problems:
        raise DataError(problems)
    return out


def _read_txt_lines(path: Path) -> list[Sentence]:
    """One sentence a line; a bad byte or NUL is reported on its own line, not for the whole file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem(str(path), 0, "(file)", "no such file")]) from None
    except OSError as exc:
        raise DataError([Problem(str(path), 0, "(file)", f"cannot read: {exc.strerror or exc}")]) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError([Problem(str(path), 1, "(encoding)", "not valid UTF-8: the file is UTF-16 (save it as UTF-8)")])
    problems: list[Problem] = []
    out: list[Sentence] = []
    for i, line in enumerate(data.decode("utf-8-sig", errors="surrogateescape").split("\n"), 1):
        line = line.rstrip("\r")
        problem = _value_problem("(line)", line)
        if problem:
            field = "(encoding)" if problem[1].startswith("not valid UTF-8") else "(line)"
            problems.append(Problem(str(path), i, field, problem[1]))
        elif line.strip():
            out.append(Sentence(text=line, id=f"{path.stem}-{i}", doc_id=f"{path.stem}-{i}"))
    if problems:
        raise DataError(problems)
    if not out:
        raise DataError([Problem(str(path), 0, "(file)", "holds no sentences")])
    return out


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


def refuse_overwriting(out: str | os.PathLike, inputs: Sequence[str | os.PathLike]) -> None:
    """Raise ``OptionError`` where writing ``out`` would replace one of ``inputs`` (the files a command reads:
    pass a scoring run's claim files and ``run.json``, not only its folder): a command's output must never
    destroy what it was made from."""
    target = Path(out).resolve()
    for item in inputs:
        if Path(item).exists() and Path(item).resolve() == target:
            raise OptionError(f"{out}: the output would overwrite the input {item}")


__all__ = ["Problem", "DataError", "refuse_overwriting", "read_jsonl", "read_csv", "read_sentences",
           "read_unlabelled", "write_jsonl", "atomic_write", "parse_record", "jsonl_lines", "iter_jsonl_lines",
           "decode_json", "iter_csv_rows", "CsvRow", "sentences_from_texts"]
