"""Inter-annotator agreement between two annotation files of the same sentences.

For annotation projects: how far two coders agree tells how much a model can be
expected to reach and which type's definition needs work. Figures per type:
Cohen's kappa and Krippendorff's alpha (nominal) on "does the sentence hold a claim
of this type"; overall: alpha on the whole type set of each sentence; spans: exact
and token-overlap F1 of one coder's sources and targets against the other's (F1 is
symmetric, so which file comes first does not matter), and claim F1 (type + source). Where both
files give codebook actors on the same spans, also how often the two give the same actor and side.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from claimcoder.data.errors import OptionError
from claimcoder.data.io import read_jsonl
from claimcoder.data.schema import CODEBOOK_TYPES, Sentence
from claimcoder.model.thresholds import prf

from .articles import MENTION_KINDS, resolution_accuracy
from .metrics import claim_metrics, multi_hot, span_metrics
from .stats import cohen_kappa, krippendorff_alpha


def align(a: Sequence[Sentence], b: Sequence[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """Pair the two files' sentences by ``id``; raise ``OptionError`` if they do not cover the same text."""
    by_id = {s.id: s for s in b}
    only_a = [s.id for s in a if s.id not in by_id]
    ids_a = {s.id for s in a}
    only_b = [s.id for s in b if s.id not in ids_a]
    if only_a or only_b:
        parts = []
        if only_a:
            parts.append(f"{len(only_a)} id(s) only in the first file (e.g. {', '.join(only_a[:3])})")
        if only_b:
            parts.append(f"{len(only_b)} id(s) only in the second file (e.g. {', '.join(only_b[:3])})")
        raise OptionError("the two files must annotate the same sentences: " + "; ".join(parts))
    differ = [s for s in a if s.text != by_id[s.id].text]
    if differ:
        first = differ[0]
        raise OptionError(f"{len(differ)} sentence(s) have the same id but different text (e.g. "
                          f"{', '.join(s.id for s in differ[:3])}; {first.id}: {first.text[:60]!r} in the first file, "
                          f"{by_id[first.id].text[:60]!r} in the second)")
    return list(a), [by_id[s.id] for s in a]


def _spans(s: Sentence) -> list[tuple]:
    return [(c.type, None if sp is None else (sp.start, sp.end)) for c in s.claims for sp in (c.source, c.target)]


def actor_agreement(a: Sequence[Sentence], b: Sequence[Sentence]) -> dict[str, Any] | None:
    """How often the second annotator gives a span the same actor (and the same side) as the first, scored as
    ``claimcoder evaluate --articles`` scores a resolver: the second file stands in for the resolver. The
    ceiling a resolver can be held to. Only sentences whose claims have the very same spans in both files are
    compared (``sentences_left_out`` counts the others); None where either file gives no actors or no
    sentence has the same spans in both."""
    def has_actor(sentences: Sequence[Sentence]) -> bool:
        return any(sp is not None and sp.actor is not None for s in sentences for c in s.claims
                   for sp in (c.source, c.target))

    a, b = align(a, b)
    same = [(x, y) for x, y in zip(a, b) if _spans(x) == _spans(y)]
    if not (has_actor(a) and has_actor(b)) or not any(x.claims for x, _ in same):
        return None
    by_id = {y.id: y for _, y in same}
    result = resolution_accuracy([x for x, _ in same], lambda sentences: [by_id[s.id] for s in sentences])
    return {**result, "sentences_left_out": len(a) - len(same)}


def agreement(a: Sequence[Sentence], b: Sequence[Sentence], claim_types: Sequence[str]) -> dict[str, Any]:
    """Every agreement figure for two annotations of the same sentences (aligned by id)."""
    a, b = align(a, b)
    if not a:
        raise ValueError("no sentences to compare")
    ya, yb = multi_hot(a, claim_types), multi_hot(b, claim_types)
    per_type = {}
    for t, name in enumerate(claim_types):
        both = int(((ya[:, t] == 1) & (yb[:, t] == 1)).sum())
        na, nb = int(ya[:, t].sum()), int(yb[:, t].sum())
        per_type[name] = {"kappa": cohen_kappa(ya[:, t], yb[:, t]), "alpha": krippendorff_alpha(ya[:, t], yb[:, t]),
                          "percent_agreement": float((ya[:, t] == yb[:, t]).mean()),
                          "f1": float(prf(both, nb - both, na - both)["f1"]) if na + nb else None, "n_first": na, "n_second": nb, "n_both": both}
    sets_a = ["+".join(t for t in claim_types if t in s.types) or "none" for s in a]
    sets_b = ["+".join(t for t in claim_types if t in s.types) or "none" for s in b]
    kappas = [m["kappa"] for m in per_type.values() if m["kappa"] is not None]
    return {
        "n_sentences": len(a), "n_documents": len({s.doc_id for s in a}), "claim_types": list(claim_types),
        "per_type": per_type,
        "mean_kappa": sum(kappas) / len(kappas) if kappas else None,
        "alpha_type_set": krippendorff_alpha(sets_a, sets_b),
        "exact_type_set_agreement": float(sum(x == y for x, y in zip(sets_a, sets_b)) / len(a)),
        "source": span_metrics(a, b, "source"), "target": span_metrics(a, b, "target"),
        "claim": claim_metrics(a, b),
        "actors": actor_agreement(a, b),
    }


def agreement_files(first: str | Path, second: str | Path,
                    claim_types: Sequence[str] | Literal["auto"] | None = None) -> dict[str, Any]:
    """``agreement`` of two codebook JSONL files (the result also names them).

    ``claim_types``: None for the codebook's three, a list of your own, or ``"auto"``
    for every type found in either file.
    """
    reader_types = None if claim_types == "auto" else list(claim_types or CODEBOOK_TYPES)
    a = read_jsonl(first, claim_types=reader_types)
    b = read_jsonl(second, claim_types=reader_types)
    try:
        align(a, b)
    except OptionError as exc:
        raise OptionError(f"{first} and {second}: {exc}") from None
    types = reader_types or sorted({c.type for s in a + b for c in s.claims})
    if not types:
        raise OptionError("neither file holds a claim: nothing to measure agreement on (give the claim types)")
    return {"first": str(first), "second": str(second), **agreement(a, b, types)}


def format_agreement(result: dict[str, Any]) -> str:
    """The agreement figures as a terminal table."""
    def f(x: float | None) -> str:
        return "   n/a" if x is None else f"{x:6.3f}"

    lines = [f"{'type':<22}{'kappa':>8}{'alpha':>8}{'agree%':>8}{'F1':>8}{'n A':>6}{'n B':>6}"]
    for name, m in result["per_type"].items():
        lines.append(f"{name:<22}{f(m['kappa']):>8}{f(m['alpha']):>8}{f(m['percent_agreement']):>8}{f(m['f1']):>8}"
                     f"{m['n_first']:>6}{m['n_second']:>6}")
    lines.append(f"{'mean kappa':<22}{f(result['mean_kappa']):>8}")
    lines.append(f"{'alpha (type set)':<22}{'':>8}{f(result['alpha_type_set']):>8}")
    lines.append(f"{'same type set':<22}{'':>16}{f(result['exact_type_set_agreement']):>8}")
    for role in ("source", "target"):
        r = result[role]
        lines.append(f"{role + ' span F1':<23}exact {r['exact_f1']:.3f}  overlap {r['overlap_f1']:.3f}")
    lines.append(f"{'claim F1 (type+source)':<23}{result['claim']['f1']:.3f}")
    actors = result.get("actors")
    if actors:
        kinds = " / ".join(f"{k} {100 * actors['by_kind'][k]['accuracy']:.1f}%" for k in MENTION_KINDS
                           if actors["by_kind"][k]["accuracy"] is not None)
        o = actors["overall"]
        lines.append(f"{'actors (same spans)':<22}{kinds} / all {100 * o['accuracy']:.1f}% "
                     f"[{100 * o['accuracy_ci'][0]:.1f}, {100 * o['accuracy_ci'][1]:.1f}]; same actor "
                     f"{100 * o['entity']:.1f}%, same side {100 * o['side']:.1f}%")
        if actors.get("sentences_left_out"):
            lines.append(f"{'':<22}({actors['sentences_left_out']} sentences whose claim spans differ left out)")
    lines.append(f"sentences: {result['n_sentences']}, documents: {result['n_documents']}")
    return "\n".join(lines)
