"""Choose the sentences to annotate next from a scoring run (active learning), with the model's claims.

Input is what ``claimcoder score --all-sentences --type-scores`` writes: one row per claim, one
per sentence without a claim, each with ``type_scores`` (the sentence's probability for every claim
type). A sentence's **margin** is how far its least sure type decision lies from that type's
threshold, in log-odds: ``min_t |logit(p_t) - logit(threshold_t)|``. Without ``type_scores`` only
the claims' own scores are known, so a sentence with no claim has no margin (it is ranked last),
and a warning says so.

Strategies:

* ``uncertainty``: the smallest margins first;
* ``diverse``: uncertainty-weighted, spread over documents and topics: each pick maximises
  ``(u + 0.01) * (1 - s) / (1 + d)``, with ``u = 1 / (1 + margin)``, ``s`` the highest similarity
  to a sentence already picked, ``d`` the sentences already picked from the same document;
* ``random``: uniformly at random (the baseline for ``bench/active_learning.py``).

No strategy ever picks a near-duplicate: a sentence whose TF-IDF cosine (character 3-5-grams)
with one already picked, or with one in the ``exclude`` files (already annotated), reaches
``dup_threshold`` (0.7) is passed over.
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from claimcoder.data.errors import OptionError
from claimcoder.data.io import DataError, Problem, refuse_overwriting
from claimcoder.data.schema import Claim, Sentence, Span

from .columns import COLUMNS

STRATEGIES = ("uncertainty", "diverse", "random")
#: TF-IDF cosine (character 3-5-grams) at which two sentences count as near-duplicates. On the bundled
#: corpus the pairs above 0.7 are templates and paraphrases ("Jury selection is scheduled to begin on
#: March 3." / "... on Oct. 14."), and distinct sentences stay well below it.
DUP_THRESHOLD = 0.7
_EPS = 1e-6


@dataclass
class Candidate:
    """One scored sentence: its text, the model's claims (spans in sentence offsets) and type probabilities."""

    doc_id: str
    index: int
    text: str
    claims: list[Claim] = field(default_factory=list)
    type_scores: dict[str, float] | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    context: str | None = None


def margin(c: Candidate, thresholds: Mapping[str, float]) -> float:
    """Log-odds distance of the sentence's least sure type decision from its threshold (inf: unknown)."""
    if c.type_scores:
        probs = c.type_scores
    else:  # only the types over threshold are known, with their claims' scores
        probs = {}
        for claim in c.claims:
            if claim.score is not None:
                probs[claim.type] = min(probs.get(claim.type, 1.0), claim.score)
    dists = [abs(_logit(p) - _logit(thresholds.get(t, 0.5))) for t, p in probs.items()]
    return min(dists) if dists else math.inf


def _logit(p: float) -> float:
    p = min(max(float(p), _EPS), 1 - _EPS)
    return math.log(p / (1 - p))


# --------------------------------------------------------------------------- near-duplicates
class _Similarity:
    """Cosine similarity of sentences in TF-IDF space: character 3-5-grams, taken across word boundaries
    so that word order counts a little ("A accused B" is not quite "B accused A")."""

    def __init__(self, fit_texts: Sequence[str]):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(3, 5), sublinear_tf=True,
                                          preprocessor=_normalise)
        self.vectorizer.fit([t for t in fit_texts if t.strip()] or ["."])

    def vectors(self, texts: Sequence[str]):
        return self.vectorizer.transform(texts)  # rows are L2-normalised: a dot product is the cosine


def _normalise(text: str) -> str:
    """Case and runs of white space say nothing about content."""
    return " ".join(text.lower().split())


def _max_sim(x, against) -> np.ndarray:
    """For each row of ``x``, its highest cosine with a row of ``against`` (0 when there is none)."""
    if against is None or against.shape[0] == 0:
        return np.zeros(x.shape[0])
    return np.asarray((x @ against.T).max(axis=1).todense()).ravel()


def choose(candidates: Sequence[Candidate], n: int, strategy: str, thresholds: Mapping[str, float], *,
           seed: int = 13, exclude_texts: Sequence[str] = (), dup_threshold: float = DUP_THRESHOLD
           ) -> list[tuple[int, float]]:
    """Indices of the ``n`` candidates to annotate, in order of choice, each with its margin.

    Fewer when the candidates run out of sentences that are not near-duplicates.
    """
    if strategy not in STRATEGIES:
        raise OptionError(f"--strategy must be one of {', '.join(STRATEGIES)}, got {strategy!r}")
    if n < 1:
        raise OptionError(f"--n must be 1 or more, got {n}")
    margins = np.array([margin(c, thresholds) for c in candidates], dtype=float)
    usable = np.array([bool(c.text.strip()) for c in candidates], dtype=bool)
    rng = np.random.default_rng(seed)
    tiebreak = rng.random(len(candidates))
    if strategy == "random":
        order = rng.permutation(len(candidates))
    else:
        order = np.lexsort((tiebreak, margins))  # smallest margin first, ties at random
    order = [int(i) for i in order if usable[i]]
    if not order:
        return []
    pool_size = max(20 * n, 5000)
    sim = _Similarity([candidates[i].text for i in order[:pool_size]] + list(exclude_texts))
    excluded = sim.vectors(list(exclude_texts)) if len(exclude_texts) else None
    if strategy == "diverse":
        return _diverse(candidates, order[:pool_size], margins, n, sim, excluded, dup_threshold)
    return _greedy(candidates, order, margins, n, sim, excluded, dup_threshold, chunk=max(4 * n, 500))


def _greedy(candidates, order, margins, n, sim, excluded, dup_threshold, chunk) -> list[tuple[int, float]]:
    """Take candidates in ``order``, passing over near-duplicates of those taken (and of ``excluded``)."""
    import scipy.sparse as sp

    picked: list[int] = []
    taken = excluded if excluded is not None else None
    for at in range(0, len(order), chunk):
        ids = order[at:at + chunk]
        x = sim.vectors([candidates[i].text for i in ids])
        before = _max_sim(x, taken)
        fresh: list[int] = []  # rows of x picked in this chunk
        for row, i in enumerate(ids):
            if before[row] >= dup_threshold:
                continue
            if fresh and _max_sim(x[row], x[fresh])[0] >= dup_threshold:
                continue
            fresh.append(row)
            picked.append(i)
            if len(picked) == n:
                break
        if fresh:
            taken = x[fresh] if taken is None else sp.vstack([taken, x[fresh]]).tocsr()
        if len(picked) == n:
            break
    return [(i, float(margins[i])) for i in picked]


def _diverse(candidates, pool, margins, n, sim, excluded, dup_threshold) -> list[tuple[int, float]]:
    """Uncertainty-weighted picks that keep away from what is picked, and from documents already used."""
    x = sim.vectors([candidates[i].text for i in pool])
    closest = _max_sim(x, excluded)
    u = np.array([1.0 / (1.0 + margins[i]) if math.isfinite(margins[i]) else 0.0 for i in pool])
    docs = [candidates[i].doc_id for i in pool]
    per_doc: dict[str, int] = {}
    open_ = np.ones(len(pool), dtype=bool)
    picked: list[int] = []
    while len(picked) < n:
        open_ &= closest < dup_threshold
        if not open_.any():
            break
        spread = np.array([1.0 + per_doc.get(d, 0) for d in docs])
        value = np.where(open_, (u + 0.01) * (1.0 - closest) / spread, -np.inf)
        row = int(np.argmax(value))  # ties: the earlier, i.e. the more uncertain
        picked.append(pool[row])
        open_[row] = False
        per_doc[docs[row]] = per_doc.get(docs[row], 0) + 1
        closest = np.maximum(closest, np.asarray((x @ x[row].T).todense()).ravel())
    return [(i, float(margins[i])) for i in picked]


# ------------------------------------------------------------------------- reading a scoring run
def _int(value: Any) -> int | None:
    """An integer cell (CSV gives text), or None for an empty one."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not an integer")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return int(value)


def _float(value: Any) -> float | None:
    if value is None or value == "":
        return None
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{value!r} is not a finite number")
    return number


def _type_scores(value: Any) -> dict[str, float] | None:
    """The ``type_scores`` cell: an object in JSONL, its JSON text in CSV and Parquet."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = json.loads(value)
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise ValueError("must be an object of claim type -> probability")
    return {k: float(v) for k, v in value.items()}


def read_candidates(scored: str | Path) -> tuple[list[Candidate], dict[str, Any]]:
    """Sentences of a ``claimcoder score`` output (folder, claims file, or folder of part files), and its run record.

    Rows of one sentence (one per claim) become one candidate; its article's neighbouring
    sentences become its ``context`` (with ``--all-sentences`` every sentence is there).
    """
    from .summary import claim_files, read_claims

    scored = Path(scored)
    run_file = (scored if scored.is_dir() else scored.parent) / "run.json"
    run: dict[str, Any] = {}
    if run_file.is_file():
        try:
            run = json.loads(run_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            run = {}
    by_key: dict[tuple[str, int], Candidate] = {}
    problems: list[Problem] = []
    for file, _fmt in claim_files(scored):
        for number, row in enumerate(read_claims(file), start=1):
            add = lambda fld, msg: problems.append(Problem(str(file), number, fld, msg))  # noqa: E731
            _add_row(row, by_key, add)
            if len(problems) >= 50:
                break
    if problems:
        raise DataError(problems)
    if not by_key:
        raise DataError([Problem(str(scored), 0, "(rows)", "no scored sentences")])
    candidates = list(by_key.values())
    texts = {(c.doc_id, c.index): c.text for c in candidates}
    for c in candidates:
        around = [texts.get((c.doc_id, c.index - 1)), c.text, texts.get((c.doc_id, c.index + 1))]
        if around[0] is not None or around[2] is not None:
            c.context = " ".join(t for t in around if t)
    return candidates, run


def _add_row(row: dict[str, Any], by_key: dict[tuple[str, int], Candidate], add) -> None:
    """Fold one output row into its sentence's candidate (``add(field, message)`` records a problem)."""
    text = row.get("sentence")
    if not isinstance(text, str):
        add("sentence", "missing or not text")
        return
    try:
        index, start = _int(row.get("sentence_index")), _int(row.get("sentence_start"))
    except (TypeError, ValueError) as exc:
        add("sentence_index", f"not an integer ({exc})")
        return
    if row.get("doc_id") is None or index is None:
        add("doc_id" if row.get("doc_id") is None else "sentence_index", "missing")
        return
    key = (str(row["doc_id"]), index)
    cand = by_key.get(key)
    if cand is None:
        meta = {k: v for k, v in row.items() if k not in COLUMNS and k != "type_scores" and v is not None}
        cand = by_key[key] = Candidate(key[0], index, text, meta=meta)
    try:
        scores = _type_scores(row.get("type_scores"))
    except (TypeError, ValueError) as exc:
        add("type_scores", str(exc))
        return
    cand.type_scores = cand.type_scores or scores
    ctype = row.get("type")
    if not ctype:
        return
    spans = {}
    for role in ("source", "target"):
        try:
            s, e = _int(row.get(f"{role}_start")), _int(row.get(f"{role}_end"))
        except (TypeError, ValueError) as exc:
            add(f"{role}_start", f"not an integer ({exc})")
            return
        if s is None or e is None:
            spans[role] = None
            continue
        offset = start or 0
        s, e = s - offset, e - offset
        if not (0 <= s < e <= len(text)) or (row.get(f"{role}_text") not in (None, text[s:e])):
            add(f"{role}_start", f"[{s + offset}, {e + offset}) is not {row.get(f'{role}_text')!r} in the sentence")
            return
        spans[role] = Span(s, e, text[s:e])
    try:
        score = _float(row.get("score"))
    except (TypeError, ValueError) as exc:
        add("score", str(exc))
        return
    cand.claims.append(Claim(str(ctype), spans["source"], spans["target"], score))


# ------------------------------------------------------------------------------- the command
@dataclass
class Selection:
    """What ``select`` chose and wrote, with what the user should know about it."""

    sentences: list[Sentence]
    strategy: str
    candidates: int
    out: Path | None = None
    warnings: list[str] = field(default_factory=list)


def to_sentence(c: Candidate, rank: int, m: float, strategy: str) -> Sentence:
    """A chosen candidate as a codebook sentence whose claims are the model's pre-annotations."""
    meta = {**c.meta, "sentence_index": c.index, "select_strategy": strategy, "select_rank": rank,
            "select_margin": round(m, 4) if math.isfinite(m) else None}
    return Sentence(text=c.text, claims=list(c.claims), id=f"{c.doc_id}-{c.index:02d}", doc_id=c.doc_id,
                    meta=meta, context=c.context)


def model_thresholds(model: str | Path | None, run: Mapping[str, Any]) -> dict[str, float]:
    """The per-type thresholds of ``model`` (None: the default), checked against the run's model fingerprint."""
    from claimcoder.model.config import ClaimCoderConfig, find_model, model_fingerprint

    directory = find_model(model)
    recorded = (run.get("settings") or {}).get("model")
    if recorded and recorded != model_fingerprint(directory):
        raise OptionError(f"the run was scored with another model (fingerprint {recorded}) than {directory}: "
                          "pass the model it was scored with as --model")
    config = ClaimCoderConfig.load(directory)
    return {t: float(config.thresholds.get(t, 0.5)) for t in config.claim_types}


def select(scored: str | Path, n: int, strategy: str = "uncertainty", *, to: str = "labelstudio",
           out: str | Path | None = None, model: str | Path | None = None,
           thresholds: Mapping[str, float] | None = None, seed: int = 13, exclude: Sequence[str | Path] = (),
           dup_threshold: float = DUP_THRESHOLD) -> Selection:
    """What ``claimcoder select`` does: choose ``n`` sentences of a scoring run and write them for annotation.

    ``thresholds`` default to ``model``'s (the default model when None); ``exclude`` lists annotation
    files (any format) whose sentences, and their near-duplicates, are not chosen again.
    """
    from claimcoder.data.formats import check_format, read_annotations, write_annotations

    check_format(to)
    if strategy not in STRATEGIES:
        raise OptionError(f"--strategy must be one of {', '.join(STRATEGIES)}, got {strategy!r}")
    if out is not None:
        from .summary import run_inputs

        refuse_overwriting(out, [*run_inputs(scored), *exclude])
    candidates, run = read_candidates(scored)
    if thresholds is None:
        thresholds = model_thresholds(model, run)
    done = [s.text for path in exclude for s in read_annotations(path, claim_types=None, unreviewed=True).sentences]
    chosen = choose(candidates, n, strategy, thresholds, seed=seed, exclude_texts=done, dup_threshold=dup_threshold)
    sentences = [to_sentence(candidates[i], rank, m, strategy) for rank, (i, m) in enumerate(chosen, start=1)]
    result = Selection(sentences, strategy, len(candidates), Path(out) if out else None, _warnings(candidates, run))
    if len(sentences) < n:
        result.warnings.append(f"only {len(sentences)} of the {n} sentences asked for: the rest were empty, "
                               "near-duplicates or already annotated")
    if out is not None:
        write_annotations(out, sentences, to, predictions=True)
    return result


def _warnings(candidates: Sequence[Candidate], run: Mapping[str, Any]) -> list[str]:
    out = []
    settings = run.get("settings") or {}
    recorded = settings.get("all_sentences")  # a claims file alone has no run.json: judge by its rows
    if recorded is False or (recorded is None and not any(not c.claims for c in candidates)):
        out.append("the run holds only sentences with claims (it was scored without --all-sentences): sentences "
                   "in which the model found nothing, where it misses claims, cannot be chosen")
    missing = sum(1 for c in candidates if not c.type_scores)
    if missing:
        out.append(f"{missing} of {len(candidates)} sentences carry no type_scores (score with --type-scores): "
                   "their uncertainty comes from their claims' scores only, and those without claims rank last")
    return out


__all__ = ["STRATEGIES", "DUP_THRESHOLD", "Candidate", "Selection", "margin", "choose", "read_candidates",
           "select", "to_sentence", "model_thresholds"]
