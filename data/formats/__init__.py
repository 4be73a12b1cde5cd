"""Annotation tools' formats: Label Studio, doccano and Prodigy files to and from codebook JSONL.

``read_annotations(path)`` and ``write_annotations(path, sentences, to)`` take any of the four
formats (``codebook``, ``labelstudio``, ``doccano``, ``prodigy``); ``convert`` is
``claimcoder convert``. How a claim (type, source, target, either span may be missing) maps onto
spans and relations is described in ``common``; ``labelstudio.xml`` is the labelling config that
goes with it.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import OptionError
from ..io import DataError, Problem, atomic_write, read_jsonl, refuse_overwriting, write_jsonl
from ..schema import CODEBOOK_TYPES, Sentence
from . import doccano, labelstudio, prodigy
from .common import ACTOR, SOURCE_ONLY, TARGET_ONLY, ReadResult, span_labels, to_graph

FORMATS = ("codebook", "labelstudio", "doccano", "prodigy")
_MODULES = {"labelstudio": labelstudio, "doccano": doccano, "prodigy": prodigy}


def check_format(name: str, option: str = "--to") -> str:
    """``name`` if it is a format, else an ``OptionError`` listing them."""
    if name not in FORMATS:
        raise OptionError(f"{option} must be one of {', '.join(FORMATS)}, got {name!r}")
    return name


def _guess(obj: object) -> str | None:
    """The format one decoded task or line looks like; None when it could be several (a bare ``text``)."""
    if not isinstance(obj, dict):
        return None
    if "data" in obj or "annotations" in obj or "predictions" in obj:
        return "labelstudio"
    if "claims" in obj:
        return "codebook"
    if "entities" in obj or "cats" in obj or (isinstance(obj.get("label"), list)
                                              and all(isinstance(x, list) for x in obj["label"])):
        return "doccano"
    if any(k in obj for k in ("spans", "tokens", "answer", "_input_hash", "_task_hash", "accept")):
        return "prodigy"
    rels = obj.get("relations")
    if isinstance(rels, list) and rels and isinstance(rels[0], dict):
        return "doccano" if "from_id" in rels[0] else "prodigy" if "head" in rels[0] else None
    return None


def detect_format(path: str | os.PathLike, max_items: int = 50) -> str:
    """The format of an annotation file, from its content; ``DataError`` when it cannot be told.

    A JSON list (or a task with ``data``) is Label Studio; JSON lines with ``claims`` are
    codebook, with ``entities`` (or ``label`` triples, ``cats``) doccano, with ``spans``,
    ``tokens`` or ``answer`` Prodigy. The first ``max_items`` must agree.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError([Problem(str(path), 0, "(file)", "no such file")])
    with open(path, "rb") as fh:
        head = fh.read(1 << 16).decode("utf-8-sig", errors="replace").lstrip()
    if head.startswith("["):
        return "labelstudio"
    seen: dict[str, int] = {}
    problems = []
    for lineno, line in enumerate(head.splitlines()[:max_items], start=1):
        try:
            guess = _guess(json.loads(line)) if line.strip() else None
        except json.JSONDecodeError:
            if lineno == 1 and head.startswith("{"):  # one pretty-printed task object
                return "labelstudio"
            break  # a line cut by the 64 KiB window, or bad JSON: the reader will say which
        if guess:
            seen.setdefault(guess, lineno)
    if len(seen) == 1:
        return next(iter(seen))
    if len(seen) > 1:
        where = ", ".join(f"{fmt} (line {line})" for fmt, line in seen.items())
        problems.append(Problem(str(path), 0, "(format)", f"lines look like different formats: {where}; "
                                                            "give --from"))
    else:
        problems.append(Problem(str(path), 0, "(format)", "cannot tell the format from the content (no claims, "
                                                            "entities, spans or tasks): give --from"))
    raise DataError(problems)


def read_annotations(path: str | os.PathLike, fmt: str | None = None,
                     claim_types: Sequence[str] | None = CODEBOOK_TYPES, unreviewed: bool = False) -> ReadResult:
    """Sentences from an annotation file of any format (``fmt`` None: detected from the content).

    ``unreviewed`` also takes tasks no annotator answered, with their pre-annotations as they are.
    """
    fmt = check_format(fmt, "--from") if fmt else detect_format(path)
    if fmt == "codebook":
        return ReadResult(read_jsonl(path, claim_types=claim_types))
    return _MODULES[fmt].read(path, claim_types=claim_types, unreviewed=unreviewed)


def write_annotations(path: str | os.PathLike, sentences: Iterable[Sentence], fmt: str,
                      predictions: bool = False) -> int:
    """Write sentences in ``fmt``; ``predictions``: their claims are the model's pre-annotations, to review."""
    check_format(fmt)
    if fmt == "codebook":
        return write_jsonl(path, sentences)
    return _MODULES[fmt].write(path, sentences, predictions=predictions)


@dataclass
class Conversion:
    """What ``convert`` did."""

    source_format: str
    target_format: str
    sentences: int
    claims: int
    skipped: int
    skipped_why: str
    out: Path
    config: Path | None = None  # a Label Studio labelling config written for claim types not the codebook's


def convert(src: str | os.PathLike, dst: str | os.PathLike, to: str, from_: str | None = None, *,
            claim_types: Sequence[str] | None = CODEBOOK_TYPES, unreviewed: bool = False,
            predictions: bool = False) -> Conversion:
    """What ``claimcoder convert`` does: read ``src`` (format detected unless ``from_``), write ``dst`` as ``to``."""
    check_format(to)
    refuse_overwriting(dst, [src])
    source_format = check_format(from_, "--from") if from_ else detect_format(src)
    if from_:
        try:
            looks = detect_format(src)
        except DataError:
            looks = None  # mixed or unknown content: the reader says what is wrong with it
        if looks is not None and looks != source_format:  # read as the wrong format, every claim would be lost
            raise OptionError(f"{src}: --from {source_format}, but its content is {looks} (its records have "
                              f"{looks}'s keys); leave --from out to detect it, or give --from {looks}")
    result = read_annotations(src, source_format, claim_types=claim_types, unreviewed=unreviewed)
    n = write_annotations(dst, result.sentences, to, predictions=predictions)
    config = None
    types = list(claim_types) if claim_types else sorted({c.type for s in result.sentences for c in s.claims})
    if to == "labelstudio" and types and not set(types) <= set(CODEBOOK_TYPES):  # the bundled config lacks them
        config = Path(dst).with_name(Path(dst).stem + ".labelstudio.xml")
        with atomic_write(config) as fh:
            fh.write(labelstudio.labelling_config(types))
    return Conversion(source_format, to, n, sum(len(s.claims) for s in result.sentences), result.skipped,
                      result.skipped_why, Path(dst), config)


__all__ = ["FORMATS", "ACTOR", "SOURCE_ONLY", "TARGET_ONLY", "ReadResult", "Conversion", "read_annotations",
           "write_annotations", "detect_format", "convert", "check_format", "span_labels", "to_graph"]
