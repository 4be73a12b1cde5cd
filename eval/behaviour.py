"""CheckList-style behavioural tests (Ribeiro et al. 2020) for any claim coder.

The cases are data (``data/behaviour/cases.jsonl``, bundled as ``claimcoder.data``
``behaviour/cases.jsonl``), one JSON object a line::

    {"id": "mft-dem-001", "kind": "MFT", "capability": "demand_explanation",
     "test": "demand: varied verbs", "group": null,
     "text": "The Pentagon demanded a response from Russia.",
     "claims": [{"type": "demand_explanation", "source": "The Pentagon", "target": "Russia"}],
     "exact_spans": true}

``source``/``target`` are whole-word phrases of ``text`` (or null); ``claims: []`` means
no claim. Three kinds of test:

* **MFT** (minimum functionality), one case a unit: it passes when the predicted type
  multiset equals the expected one and every expected claim can be matched one-to-one to
  a predicted claim of its type whose source overlaps the expected source phrase (when
  that is not null). With ``exact_spans: true`` the predicted source and target texts
  must equal the expected ones exactly (null included).
* **INV** (invariance), one group a unit: every member passes as an MFT case and all
  members get the same predicted type set.
* **DIR** (directional), one group a unit: every member gets exactly its expected type
  set (spans not checked).

Usage::

    from claimcoder import ClaimCoder
    from claimcoder.eval.behaviour import run_behaviour, format_behaviour
    report = run_behaviour(ClaimCoder.load().predict)
    print(format_behaviour(report))

``predict`` is any callable taking a list of texts and returning, in order, objects with
``.claims`` (each with ``.type`` and ``.source``/``.target`` spans having ``.text``,
``.start``, ``.end``, or None).
"""
from __future__ import annotations

import itertools
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from claimcoder.data.io import DataError, Problem, jsonl_lines
from claimcoder.data.schema import CODEBOOK_TYPES

KINDS: tuple[str, ...] = ("MFT", "INV", "DIR")
_FIELDS = {"id", "kind", "capability", "test", "group", "text", "claims", "exact_spans", "note"}
_REQUIRED = ("id", "kind", "capability", "test", "text", "claims")
MAX_FAILURES_SHOWN = 3


@dataclass(frozen=True)
class ExpectedClaim:
    """One expected claim: type and source/target phrases (or None)."""

    type: str
    source: str | None = None
    target: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "source": self.source, "target": self.target}


@dataclass(frozen=True)
class BehaviourCase:
    """One behavioural test case (one sentence with its expected claims)."""

    id: str
    kind: str
    capability: str
    test: str
    text: str
    claims: tuple[ExpectedClaim, ...] = ()
    group: str | None = None
    exact_spans: bool = False
    note: str | None = None

    @property
    def expected_types(self) -> Counter:
        return Counter(c.type for c in self.claims)

    @property
    def expected_type_set(self) -> frozenset[str]:
        return frozenset(c.type for c in self.claims)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "kind": self.kind, "capability": self.capability,
                               "test": self.test, "group": self.group, "text": self.text,
                               "claims": [c.to_dict() for c in self.claims], "exact_spans": self.exact_spans}
        if self.note:
            out["note"] = self.note
        return out


def phrase_spans(text: str, phrase: str) -> list[tuple[int, int]]:
    """Every whole-word occurrence of ``phrase`` in ``text`` as ``(start, end)``."""
    if not phrase:
        return []
    pattern = re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def default_cases_path() -> str:
    """The bundled case file (``claimcoder.data`` / ``behaviour/cases.jsonl``)."""
    return str(resources.files("claimcoder.data") / "behaviour" / "cases.jsonl")


def _parse_case(obj: Any, name: str, lineno: int, add,
                claim_types: Sequence[str] = CODEBOOK_TYPES) -> BehaviourCase | None:
    """Validate one decoded line; report problems via ``add(field, message)``."""
    if not isinstance(obj, dict):
        add("(line)", f"must be a JSON object, got {type(obj).__name__}")
        return None
    ok = True
    for key in sorted(set(obj) - _FIELDS):
        add(key, f"unknown field (expected some of {', '.join(sorted(_FIELDS))})")
        ok = False
    for key in _REQUIRED:
        if key not in obj:
            add(key, "missing")
            ok = False
    for key in ("id", "capability", "test", "text"):
        if key in obj and (not isinstance(obj[key], str) or not obj[key].strip()):
            add(key, f"must be a non-empty string, got {obj[key]!r}")
            ok = False
    kind = obj.get("kind")
    if "kind" in obj and kind not in KINDS:
        add("kind", f"unknown kind {kind!r} (expected one of {', '.join(KINDS)})")
        ok = False
    group = obj.get("group")
    if group is not None and (not isinstance(group, str) or not group.strip()):
        add("group", f"must be a non-empty string or null, got {group!r}")
        ok = False
        group = None
    if kind in ("INV", "DIR") and obj.get("group") is None:
        add("group", f"an {kind} case needs a group id")
        ok = False
    exact = obj.get("exact_spans", False)
    if not isinstance(exact, bool):
        add("exact_spans", f"must be true or false, got {exact!r}")
        ok = False
    note = obj.get("note")
    if note is not None and not isinstance(note, str):
        add("note", "must be a string or null")
        ok = False
    text = obj.get("text") if isinstance(obj.get("text"), str) else None
    raw_claims = obj.get("claims")
    claims: list[ExpectedClaim] = []
    if "claims" in obj and not isinstance(raw_claims, list):
        add("claims", f"must be a list (use [] for no claim), got {type(raw_claims).__name__}")
        ok = False
    elif isinstance(raw_claims, list):
        for i, c in enumerate(raw_claims):
            where = f"claims[{i}]"
            if not isinstance(c, dict):
                add(where, "must be an object with type, source, target")
                ok = False
                continue
            for key in sorted(set(c) - {"type", "source", "target"}):
                add(f"{where}.{key}", "unknown field (expected type, source, target)")
                ok = False
            ctype = c.get("type")
            if ctype not in claim_types:
                add(f"{where}.type", f"unknown claim type {ctype!r} (expected one of {', '.join(claim_types)})")
                ok = False
            phrases: dict[str, str | None] = {}
            for key in ("source", "target"):
                if key not in c:
                    add(f"{where}.{key}", "missing (use null when the actor is not in the sentence)")
                    ok = False
                    continue
                val = c[key]
                if val is None:
                    phrases[key] = None
                elif not isinstance(val, str) or not val.strip():
                    add(f"{where}.{key}", f"must be a non-empty phrase or null, got {val!r}")
                    ok = False
                elif val != val.strip():
                    add(f"{where}.{key}", f"phrase {val!r} has leading or trailing whitespace")
                    ok = False
                elif text is not None and not phrase_spans(text, val):
                    add(f"{where}.{key}", f"{val!r} is not a whole-word phrase of the text")
                    ok = False
                else:
                    phrases[key] = val
            if ok:
                claims.append(ExpectedClaim(ctype, phrases.get("source"), phrases.get("target")))
    if not ok:
        return None
    return BehaviourCase(id=obj["id"], kind=kind, capability=obj["capability"], test=obj["test"],
                         text=obj["text"], claims=tuple(claims), group=group, exact_spans=exact, note=note)


def load_cases(path: str | os.PathLike | None = None,
               claim_types: Sequence[str] = CODEBOOK_TYPES) -> list[BehaviourCase]:
    """Read and validate a case file (default: the bundled one); ``claim_types`` are the types its claims
    may have (a model trained on your own label set is tested with cases of its own types).

    Every problem in the file is collected first; then :class:`DataError` is raised
    listing them all with file, line and field. Checks: JSON, fields and their types,
    kinds and claim types, spans as whole-word phrases of the text, INV/DIR cases with a
    group, unique ids, groups of one kind and one test with at least two members, a test
    name used by one kind and capability only, and INV groups whose members expect the
    same type set.
    """
    path = default_cases_path() if path is None else path
    name = str(path)
    problems: list[Problem] = []
    cases: list[tuple[int, BehaviourCase]] = []
    first_id_line: dict[str, int] = {}
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise DataError([Problem(name, 0, "(file)", f"cannot read: {exc.strerror or exc}")]) from exc
    with fh:
        for lineno, obj, problem in jsonl_lines(fh):
            def add(fld: str, msg: str, _line: int = lineno) -> None:
                problems.append(Problem(name, _line, fld, msg))

            if problem is not None:
                add(*problem)
                continue
            if isinstance(obj, dict) and isinstance(obj.get("id"), str):
                cid = obj["id"]
                if cid in first_id_line:
                    add("id", f"duplicate id {cid!r} (first on line {first_id_line[cid]})")
                else:
                    first_id_line[cid] = lineno
            case = _parse_case(obj, name, lineno, add, claim_types)
            if case is not None:
                cases.append((lineno, case))

    # Cross-line checks: groups and test names.
    test_owner: dict[str, tuple[str, str, int]] = {}
    groups: dict[str, list[tuple[int, BehaviourCase]]] = defaultdict(list)
    for lineno, case in cases:
        owner = test_owner.setdefault(case.test, (case.kind, case.capability, lineno))
        if owner[:2] != (case.kind, case.capability):
            problems.append(Problem(name, lineno, "test",
                                    f"test {case.test!r} is {owner[0]}/{owner[1]} on line {owner[2]}, "
                                    f"here {case.kind}/{case.capability}"))
        if case.group:
            groups[case.group].append((lineno, case))
    for gid, members in groups.items():
        first_line, first = members[0]
        for lineno, case in members[1:]:
            if case.kind != first.kind or case.test != first.test:
                problems.append(Problem(name, lineno, "group",
                                        f"group {gid!r} mixes {case.kind}/{case.test!r} with "
                                        f"{first.kind}/{first.test!r} (line {first_line})"))
            if case.kind == "INV" and case.expected_type_set != first.expected_type_set:
                problems.append(Problem(name, lineno, "claims",
                                        f"INV group {gid!r} expects {sorted(case.expected_type_set)} here but "
                                        f"{sorted(first.expected_type_set)} on line {first_line}"))
        if first.kind in ("INV", "DIR") and len(members) < 2:
            problems.append(Problem(name, first_line, "group", f"group {gid!r} has one member; needs at least 2"))
    if problems:
        raise DataError(problems)
    return [c for _, c in cases]


# --------------------------------------------------------------------------- running


def _span_text(span: Any) -> str | None:
    return None if span is None else getattr(span, "text", None)


def _overlaps(text: str, phrase: str, span: Any) -> bool:
    if span is None:
        return False
    start, end = getattr(span, "start", None), getattr(span, "end", None)
    if start is None or end is None:
        return _span_text(span) == phrase
    return any(s < end and start < e for s, e in phrase_spans(text, phrase))


def _claim_matches(case: BehaviourCase, exp: ExpectedClaim, pred: Any) -> bool:
    if pred.type != exp.type:
        return False
    if case.exact_spans:
        return _span_text(pred.source) == exp.source and _span_text(pred.target) == exp.target
    if exp.source is not None:
        return _overlaps(case.text, exp.source, pred.source)
    return True


def case_passes(case: BehaviourCase, predicted_claims: Sequence[Any]) -> bool:
    """The MFT rule: the same type multiset and a one-to-one span match per expected claim."""
    if Counter(c.type for c in predicted_claims) != case.expected_types:
        return False
    preds = list(predicted_claims)
    for ctype in case.expected_type_set:
        exp = [c for c in case.claims if c.type == ctype]
        got = [p for p in preds if p.type == ctype]
        if len(got) > 6:  # never in practice; avoid a factorial blow-up
            if not all(any(_claim_matches(case, e, p) for p in got) for e in exp):
                return False
            continue
        if not any(all(_claim_matches(case, e, p) for e, p in zip(exp, perm))
                   for perm in itertools.permutations(got)):
            return False
    return True


def _claims_summary(claims: Sequence[Any]) -> list[dict[str, Any]]:
    return [{"type": c.type, "source": _span_text(c.source), "target": _span_text(c.target)} for c in claims]


@dataclass
class BehaviourTest:
    """One named test: its units (cases for MFT, groups for INV/DIR) and failures."""

    test: str
    kind: str
    capability: str
    n: int = 0
    passed: int = 0
    n_cases: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)
    n_failures: int = 0

    @property
    def rate(self) -> float:
        return self.passed / self.n if self.n else float("nan")

    def to_dict(self) -> dict[str, Any]:
        return {"test": self.test, "kind": self.kind, "capability": self.capability, "n": self.n,
                "n_cases": self.n_cases, "passed": self.passed, "failed": self.n - self.passed,
                "rate": round(self.rate, 4) if self.n else None, "examples": self.failures}


@dataclass
class Tally:
    n: int = 0
    passed: int = 0
    n_cases: int = 0

    @property
    def rate(self) -> float:
        return self.passed / self.n if self.n else float("nan")

    def to_dict(self) -> dict[str, Any]:
        return {"n": self.n, "n_cases": self.n_cases, "passed": self.passed,
                "rate": round(self.rate, 4) if self.n else None}


@dataclass
class BehaviourReport:
    """Results per test, per kind, per capability and overall (units: MFT cases, INV/DIR groups)."""

    tests: list[BehaviourTest]
    by_kind: dict[str, Tally]
    by_capability: dict[str, Tally]
    overall: Tally

    def to_dict(self) -> dict[str, Any]:
        return {"overall": self.overall.to_dict(),
                "by_kind": {k: v.to_dict() for k, v in self.by_kind.items()},
                "by_capability": {k: v.to_dict() for k, v in self.by_capability.items()},
                "tests": [t.to_dict() for t in self.tests]}


def run_behaviour(predict: Callable[[list[str]], Sequence[Any]],
                  cases: Sequence[BehaviourCase] | None = None,
                  max_examples: int = MAX_FAILURES_SHOWN) -> BehaviourReport:
    """Run ``predict`` on every case text once and score each test by its pass rule."""
    cases = load_cases() if cases is None else list(cases)
    texts = list(dict.fromkeys(c.text for c in cases))
    outputs = list(predict(texts)) if texts else []
    if len(outputs) != len(texts):
        raise ValueError(f"predict returned {len(outputs)} results for {len(texts)} texts")
    pred_of = {t: list(getattr(o, "claims", None) or []) for t, o in zip(texts, outputs)}

    results: dict[str, BehaviourTest] = {}
    units: list[tuple[str, list[BehaviourCase]]] = []
    grouped: dict[str, list[BehaviourCase]] = {}
    for case in cases:
        if case.kind == "MFT" or not case.group:
            units.append((case.test, [case]))
        elif case.group in grouped:
            grouped[case.group].append(case)
        else:
            grouped[case.group] = [case]
            units.append((case.test, grouped[case.group]))

    for test, members in units:
        first = members[0]
        res = results.setdefault(test, BehaviourTest(test, first.kind, first.capability))
        res.n += 1
        res.n_cases += len(members)
        if first.kind == "DIR":
            ok = all(frozenset(c.type for c in pred_of[m.text]) == m.expected_type_set for m in members)
        else:
            ok = all(case_passes(m, pred_of[m.text]) for m in members)
            if first.kind == "INV":
                ok = ok and len({frozenset(c.type for c in pred_of[m.text]) for m in members}) == 1
        if ok:
            res.passed += 1
        else:
            res.n_failures += 1
            if len(res.failures) < max_examples:
                res.failures.append({
                    "group": first.group if first.kind != "MFT" else None,
                    "cases": [{"id": m.id, "text": m.text,
                               "expected": [c.to_dict() for c in m.claims],
                               "predicted": _claims_summary(pred_of[m.text])} for m in members]})

    tests = list(results.values())
    by_kind: dict[str, Tally] = {k: Tally() for k in KINDS if any(t.kind == k for t in tests)}
    by_cap: dict[str, Tally] = {}
    overall = Tally()
    for t in tests:
        for tally in (by_kind[t.kind], by_cap.setdefault(t.capability, Tally()), overall):
            tally.n += t.n
            tally.passed += t.passed
            tally.n_cases += t.n_cases
    return BehaviourReport(tests=tests, by_kind=by_kind, by_capability=by_cap, overall=overall)


def _pct(x: float) -> str:
    return "-" if x != x else f"{100 * x:.1f}%"


def _fmt_claims(claims: Sequence[dict[str, Any]]) -> str:
    if not claims:
        return "none"
    return "; ".join(f"{c['type']}({c['source'] or '-'} -> {c['target'] or '-'})" for c in claims)


def format_behaviour(report: "BehaviourReport | dict[str, Any]", examples: bool = True) -> str:
    """A behaviour report (or its ``to_dict()`` form) as markdown: per test, per kind, overall, failing examples."""
    behaviour = report.to_dict() if isinstance(report, BehaviourReport) else report
    overall = behaviour["overall"]
    lines = [f"behavioural tests: {overall['passed']}/{overall['n']} units passed ({_pct(overall['rate'])}; "
             "units are MFT cases and INV/DIR groups)", "",
             "| kind | capability | test | units | passed | rate |", "| --- | --- | --- | ---: | ---: | ---: |"]
    for t in behaviour["tests"]:
        lines.append(f"| {t['kind']} | {t['capability']} | {t['test']} | {t['n']} | {t['passed']} | "
                     f"{_pct(t['rate'])} |")
    lines += ["", "| kind | units | passed | rate |", "| --- | ---: | ---: | ---: |"]
    for kind, tally in behaviour["by_kind"].items():
        lines.append(f"| {kind} | {tally['n']} | {tally['passed']} | {_pct(tally['rate'])} |")
    if examples:
        failing = [t for t in behaviour["tests"] if t.get("examples")]
        if failing:
            lines += ["", "Failing examples:", ""]
        for t in failing:
            for f in t["examples"]:
                for c in f["cases"]:
                    lines.append(f"- {t['test']}: {c['text']} | expected {_fmt_claims(c['expected'])} | "
                                 f"predicted {_fmt_claims(c['predicted'])}")
    return "\n".join(lines) + "\n"


__all__ = ["KINDS", "ExpectedClaim", "BehaviourCase", "BehaviourTest", "Tally", "BehaviourReport", "load_cases",
           "run_behaviour", "format_behaviour", "case_passes", "phrase_spans", "default_cases_path"]
