"""Build the codebook-format corpus from the authoring files in ``data/corpus/src``.

Annotators write whole articles with spans given as the exact phrase (plus an
occurrence index when the phrase repeats); this module turns them into character
offsets, validates them and deals articles into fixed train/dev/test files.
"""
from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .io import DataError, Problem, iter_jsonl_lines, write_jsonl
from .schema import CODEBOOK_TYPES, Claim, Sentence, Span
from .splits import check_no_leak, group_by_document, split_by_document

BEATS = ("conflict_diplomacy", "politics_national", "politics_local", "courts", "crime_policing",
         "business", "regulation_labour", "sport", "health_science", "technology", "culture")
HARD_NEGATIVE_KINDS = ("procedural_verb", "declined_comment", "non_explanation_demand", "rejected_offer",
                       "other_speech_act", "writer_voice", "investigation_opened", "third_party_factcheck")


def find_phrase(text: str, phrase: str, occurrence: int = 0) -> Span | None:
    """The ``occurrence``-th whole-word match of ``phrase`` in ``text`` ("he" never matches inside "the")."""
    pattern = re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)")
    matches = list(pattern.finditer(text))
    if not 0 <= occurrence < len(matches):
        return None
    m = matches[occurrence]
    return Span(m.start(), m.end(), m.group(0))


#: "The Senate majority leader, Gordon Pell, accused ...": a span that takes the descriptor of such an apposition
#: where the name follows is a codebook error (the shortest phrase that *names* the actor is the name, with a
#: title written onto it: "Major Daniel Ortega-Reyes"). The pattern is deliberately narrow: a descriptor whose head
#: word is a lowercase singular noun, a comma, then only capitalised words (name particles and an acronym in
#: brackets allowed), then a comma, a bracket or the sentence's end.
_NAME_PARTICLE = r"(?:de|da|do|dos|das|del|della|di|du|van|von|der|den|bin|bint|ibn|al|el|la|le|y|e|ter|zu)"
_CAPITALISED = r"(?:[A-Z][\w'’.-]*|[A-Z]\.)"
_APPOSED_NAME = re.compile(r",\s+(" + _CAPITALISED + r"(?:[\s-](?:" + _CAPITALISED + r"|" + _NAME_PARTICLE
                           + r"(?=[\s-][A-Z])))*(?:\s+\([A-Z][\w.-]*\))?)(?=\s*(?:,|\(|\.?$))")
#: Capitalised words that open a clause or a date, not a name ("The minister, Tuesday, said" is no apposition).
_NOT_NAME_START = frozenset(
    "The A An In On At For But And However Who Which When Where It He She They We I His Her Their Its This That "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August "
    "September October November December Last Earlier Later Meanwhile According After Before Since Asked".split())
#: Head nouns of places: "officials in the capital, Kabul," put the name on the place, not the actor.
_PLACE_NOUNS = frozenset("capital city town country region province state village district county port island "
                         "area neighbourhood neighborhood suburb nation".split())


#: A descriptor may also end in a capitalised phrase after a preposition ("China's ambassador in Geneva, Chen
#: Liqiang", "The governor of La Guajira, Ernesto Pushaina") or in an acronym ("The super PAC, Badger State Forward");
#: there the words after the comma are a name only where they are no place ("the sheriff of Colquitt Ridge County,
#: Georgia" and "Mexico's consulate in Leamington, Ontario" say where, not who).
_PREPOSITION_TAIL = re.compile(r"\s(?:in|to|of|for|at)\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s*)+$")
_ACRONYM = re.compile(r"[A-Z]{2,5}")


@functools.lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Countries, states, provinces and large cities with their aliases, from the bundled actor tables."""
    from .actor_dictionary import PLACES_FILE, read_actor_file, read_place_file

    tables = Path(__file__).parent / "actors"
    countries = [(e.actor.name, e.aliases) for e in read_actor_file(tables / "countries.tsv") if e.actor.kind == "country"]
    places = [(place, aliases) for place, _, aliases in read_place_file(tables / PLACES_FILE)]
    return frozenset(name for first, aliases in countries + places for name in (first, *aliases))


def _plural(word: str) -> bool:
    low = word.lower()
    return len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "'s", "’s", "us", "is"))


def apposed_name(text: str, span: Span) -> Span | None:
    """The name set in apposition after a descriptor span ("The contractor, Murat Yalçınkaya, told ..." ->
    "Murat Yalçınkaya"), or None where the span is no such descriptor. Plural descriptors ("three activists,
    A, B and C"; "Lawyers for the former head, X," where X is the head) and "according to" are left alone."""
    m = _APPOSED_NAME.match(text, span.end)
    words = re.findall(r"[\w'’-]+", span.text)
    if m is None or not words or m.group(1).split()[0].rstrip(".,") in _NOT_NAME_START:
        return None
    head = words[-1]
    if not head[0].islower():
        capitalised_tail = _PREPOSITION_TAIL.search(span.text) or _ACRONYM.fullmatch(head)
        if not capitalised_tail or m.group(1) in _place_names():
            return None
    elif head.lower() in _PLACE_NOUNS:
        return None
    if _plural(words[0]) or _plural(head):
        return None
    if re.search(r"(?i)according to\s+$", text[:span.start]):
        return None
    name = re.sub(r"^[A-Z][\w'’.]*-based\s+", "", m.group(1))  # "Astana-based Steppe Racing" -> "Steppe Racing"
    end = m.end(1)
    if name.endswith(".") and re.search(r"\w{2,}\.$", name) and not re.search(r"\b(?:Jr|Sr|Inc|Ltd|Co|Corp)\.$", name):
        name, end = name[:-1], end - 1  # the sentence's full stop, not part of the name
    return Span(end - len(name), end, name)


def _apposition_problem(text: str, span: Span) -> Span | None:
    """The name a span should have been, where it is the descriptor of a "descriptor, Name," apposition or
    the whole apposition ("the deputy mayor, Rose Namukose"); None where the span keeps the convention."""
    head = span.text.split(", ")[0]
    name = apposed_name(text, Span(span.start, span.start + len(head), head))
    if name is None or (head != span.text and name.end != span.end):
        return None
    return name


def article_to_sentences(article: dict[str, Any], file: str, line: int,
                         problems: list[Problem]) -> list[Sentence]:
    """Convert one authoring article to codebook sentences, recording every problem."""
    def add(fld: str, msg: str) -> None:
        problems.append(Problem(file, line, fld, msg))

    doc_id = article.get("doc_id")
    if not isinstance(doc_id, str) or not doc_id:
        add("doc_id", "missing")
        return []
    beat = article.get("beat")
    if beat not in BEATS:
        add("beat", f"{beat!r} is not one of {', '.join(BEATS)}")
    sents = article.get("sentences")
    if not isinstance(sents, list) or not sents:
        add("sentences", "missing or empty")
        return []
    out = []
    for i, s in enumerate(sents):
        where = f"sentences[{i}]"
        text = s.get("text") if isinstance(s, dict) else None
        if not isinstance(text, str) or not text.strip():
            add(f"{where}.text", "missing or empty")
            continue
        claims = []
        for j, c in enumerate(s.get("claims", [])):
            cw = f"{where}.claims[{j}]"
            if c.get("type") not in CODEBOOK_TYPES:
                add(f"{cw}.type", f"unknown claim type {c.get('type')!r}")
                continue
            spans: dict[str, Span | None] = {}
            for role in ("source", "target"):
                phrase = c.get(role)
                if phrase is None:
                    spans[role] = None
                    continue
                occ = int(c.get(f"{role}_occ", 0))
                span = find_phrase(text, phrase, occ)
                if span is None:
                    add(f"{cw}.{role}", f"{phrase!r} (occurrence {occ}) is not a whole-word phrase of the sentence")
                elif (name := _apposition_problem(text, span)) is not None:
                    add(f"{cw}.{role}", f"{phrase!r} takes the descriptor of an apposition: the span is the name "
                        f"{name.text!r} (the codebook's shortest phrase that names the actor)")
                spans[role] = span
            claims.append(Claim(c["type"], spans["source"], spans["target"]))
        hard = s.get("hard_negative")
        if hard is not None and hard not in HARD_NEGATIVE_KINDS:
            add(f"{where}.hard_negative", f"{hard!r} is not one of {', '.join(HARD_NEGATIVE_KINDS)}")
        if hard is not None and claims:
            add(f"{where}.hard_negative", "a sentence with claims cannot be a hard negative")
        meta: dict[str, Any] = {"beat": beat, "style": article.get("style"), "sent_index": i,
                                "n_sents": len(sents), "countries": article.get("countries", [])}
        if hard:
            meta["hard_negative"] = hard
        contrast = s.get("contrast")
        if contrast is not None:
            if not isinstance(contrast, str) or not contrast:
                add(f"{where}.contrast", "must be a non-empty string naming the contrast group")
            else:
                meta["contrast"] = f"{doc_id}:{contrast}"
        out.append(Sentence(text=text, claims=claims, id=f"{doc_id}-{i:02d}", doc_id=doc_id, meta=meta))
    groups: dict[str, list[Sentence]] = {}
    for sent in out:
        if "contrast" in sent.meta:
            groups.setdefault(sent.meta["contrast"], []).append(sent)
    for name, members in groups.items():
        labels = {tuple(sorted(c.type for c in m.claims)) for m in members}
        if len(members) < 2 or len(labels) < 2:
            add("sentences.contrast", f"group {name.split(':', 1)[1]!r} needs two or more sentences "
                f"with different labels (has {len(members)}, {len(labels)} distinct label set(s))")
    return out


def read_authoring(paths: Sequence[Path]) -> list[Sentence]:
    """Read authoring files; raise ``DataError`` with every problem across them."""
    problems: list[Problem] = []
    sentences: list[Sentence] = []
    seen_docs: set[str] = set()
    for path in paths:
        for lineno, obj in iter_jsonl_lines(path, problems):
            if not isinstance(obj, dict):
                problems.append(Problem(str(path), lineno, "(line)", "must be a JSON object"))
                continue
            if obj.get("doc_id") in seen_docs:
                problems.append(Problem(str(path), lineno, "doc_id", f"duplicate doc_id {obj.get('doc_id')!r}"))
                continue
            seen_docs.add(obj.get("doc_id"))
            sentences.extend(article_to_sentences(obj, str(path), lineno, problems))
    if problems:
        raise DataError(problems)
    return sentences


def corpus_version(doc_id: str) -> str:
    """The generation an article was written in: ``v2``, ``v3``, ... from doc ids ``v<N><batch>-NNN``;
    ``v1`` for the first corpus (``b*``/``r*`` ids)."""
    m = re.match(r"v(\d+)[a-z]", doc_id)
    return f"v{m.group(1)}" if m else "v1"


def build_corpus(src_dir: Path, out_dir: Path, seed: int = 13) -> dict[str, int]:
    """Read ``src_dir/*.jsonl`` and write the splits into ``out_dir`` (``train.jsonl`` or its shards, ...)."""
    paths = sorted(Path(src_dir).glob("*.jsonl"))
    sentences = read_authoring(paths)
    # Each generation is dealt out on its own, so adding articles never moves an earlier
    # article between splits (test figures stay comparable across versions).
    versions: dict[str, list[Sentence]] = {}
    for s in sentences:
        versions.setdefault(corpus_version(s.doc_id), []).append(s)
    splits: dict[str, list[Sentence]] = {"train": [], "dev": [], "test": []}
    for version in sorted(versions):
        for name, part in split_by_document(versions[version], seed=seed, stratify="beat").items():
            splits[name].extend(part)
    check_no_leak(splits)
    counts = {}
    for name, sents in splits.items():
        for stale in [Path(out_dir) / f"{name}.jsonl", *Path(out_dir).glob(f"{name}-[0-9][0-9].jsonl")]:
            stale.unlink(missing_ok=True)
        shards = _shards(sents)
        for k, shard in enumerate(shards):
            path = Path(out_dir) / (f"{name}.jsonl" if len(shards) == 1 else f"{name}-{k:02d}.jsonl")
            counts[name] = counts.get(name, 0) + write_jsonl(path, shard)
    return counts


#: A split file holds at most this many characters; a bigger split is written as numbered shards
#: (``train-00.jsonl``, ...), whole articles each, so no file in the repository grows past ~1.5 MB.
MAX_SHARD_CHARS = 1_500_000


def _shards(sentences: Sequence[Sentence]) -> list[list[Sentence]]:
    shards: list[list[Sentence]] = [[]]
    size = 0
    for indices in group_by_document(sentences).values():
        doc = [sentences[i] for i in indices]
        doc_size = sum(len(json.dumps(s.to_dict(), ensure_ascii=False)) + 1 for s in doc)
        if shards[-1] and size + doc_size > MAX_SHARD_CHARS:
            shards.append([])
            size = 0
        shards[-1].extend(doc)
        size += doc_size
    return shards


USAGE = ("usage: python -m claimcoder.data.authoring --check FILE...   validate authoring files\n"
         "       python -m claimcoder.data.authoring --build             rewrite the corpus splits from data/corpus/src")


def main(argv: Sequence[str]) -> int:
    """``--check FILE...`` validates; ``--build`` rewrites the splits. Anything else prints the usage and
    changes nothing: rebuilding is never a side effect of a mistyped option (``--help`` once rewrote them)."""
    if argv[:1] == ["--check"] and len(argv) > 1:
        try:
            checked = read_authoring([Path(p) for p in argv[1:]])
        except DataError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        docs = {s.doc_id for s in checked}
        in_groups = sum("contrast" in s.meta for s in checked)
        print(f"ok: {len(docs)} articles, {len(checked)} sentences, "
              f"{sum(bool(s.claims) for s in checked)} with claims, {in_groups} in contrast groups")
        return 0
    if list(argv) == ["--build"]:
        here = Path(__file__).parent / "corpus"
        print(json.dumps(build_corpus(here / "src", here), indent=1))
        return 0
    print(USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
