"""The rule-based coder: a dictionary coder in the style of TABARI/PETRARCH event coders.

Verb and phrase patterns per type (accuse X of, blame X for, deny, reject the
allegations, "baseless", demand an explanation from X, ask X to explain, ...), veto
patterns for procedural uses ("denied the motion", "was denied bail"), the source as
the subject of the cue verb or of the speech verb that reports it (or the quote's
attribution), the target as the verb's object where the pattern names one. The
patterns live in ``lexicons.json``. Tuning: each pattern's precision on train
(smoothed towards 0.5) becomes its score; a sentence's score for a type is its best
matching pattern's; one threshold per type is tuned on dev.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from claimcoder.data.schema import Claim, Sentence, Span
from claimcoder.model.thresholds import tune_thresholds

from ..metrics import multi_hot, type_metrics
from .base import Coder, check_fit_data, like
from .nounphrase import ATTR_TAIL, SPEAKER, SPEECH, attribution, left_subject, lexicon_data, np_span, quote_of, trim_span

_FRAGMENT = re.compile(r"\{([A-Z_]+)\}")


def expand(pattern: str, fragments: Mapping[str, str] | None = None) -> str:
    """A lexicon pattern with each ``{NAME}`` replaced by its fragment (regex counts such as ``{0,6}`` stay)."""
    fragments = lexicon_data()["fragments"] if fragments is None else fragments
    return _FRAGMENT.sub(lambda m: fragments[m.group(1)], pattern)


@dataclass(frozen=True)
class Cue:
    """One lexicon pattern: the type it signals, a regex, and how to find the actors.

    ``kind`` is ``verb`` (source: subject of the matched verb), ``phrase`` (source:
    speaker of the clause), ``passive`` (target: the grammatical subject; source: the
    ``by`` agent) or ``agent`` (source: the ``by`` agent of "allegations by X"). A
    ``target`` group in the pattern is the claim's target.
    """

    type: str
    pattern: str
    kind: str = "verb"

    def compiled(self) -> re.Pattern:
        return re.compile(self.pattern, re.IGNORECASE)


def load_lexicon() -> tuple[tuple[Cue, ...], dict[str, tuple[str, ...]]]:
    """The cues and veto patterns of ``lexicons.json``, fragments expanded."""
    data = lexicon_data()
    cues = tuple(Cue(c["type"], expand(c["pattern"]), c.get("kind", "verb")) for c in data["cues"])
    vetoes = {t: tuple(expand(v) for v in vs) for t, vs in data["vetoes"].items()}
    return cues, vetoes


LEXICON, VETOES = load_lexicon()
_FROM = re.compile(expand(r"\bfrom\s+{NP}{END}"), re.IGNORECASE)


class RuleCoder(Coder):
    """A dictionary coder: lexicon patterns per type, subject-of-verb sources, tuned on train/dev."""

    name = "rules"

    def __init__(self, claim_types: Sequence[str] | None = None, lexicon: Sequence[Cue] = LEXICON,
                 vetoes: dict[str, Sequence[str]] | None = None, prior: float = 0.5, prior_weight: float = 2.0):
        super().__init__(claim_types)
        self.lexicon = [c for c in lexicon if c.type in self.claim_types]
        self._compiled = [c.compiled() for c in self.lexicon]
        self._vetoes = {t: [re.compile(v, re.IGNORECASE) for v in (vetoes or VETOES).get(t, ())]
                        for t in self.claim_types}
        self.prior, self.prior_weight = prior, prior_weight
        self.cue_scores = np.full(len(self.lexicon), prior)
        self.floor = np.zeros(len(self.claim_types))

    # matching ---------------------------------------------------------------------------
    def matches(self, text: str) -> list[tuple[int, re.Match]]:
        """``(cue index, match)`` for every cue match not inside a veto of its type."""
        vetoed = {t: [(m.start(), m.end()) for v in vs for m in v.finditer(text)] for t, vs in self._vetoes.items()}
        out = []
        for k, (cue, rx) in enumerate(zip(self.lexicon, self._compiled)):
            for m in rx.finditer(text):
                if not any(a < m.end() and m.start() < b for a, b in vetoed[cue.type]):
                    out.append((k, m))
        return out

    def fit(self, train: Sequence[Sentence], dev: Sequence[Sentence]) -> "RuleCoder":
        """Score each cue by its smoothed precision on train; tune per-type thresholds on dev."""
        check_fit_data(train, dev, need_dev=True)
        hits, seen = np.zeros(len(self.lexicon)), np.zeros(len(self.lexicon))
        for s in train:
            for k in {k for k, _ in self.matches(s.text)}:
                seen[k] += 1
                hits[k] += self.lexicon[k].type in s.types
        self.cue_stats = [{"type": c.type, "pattern": c.pattern, "train_matches": int(n), "train_hits": int(h)}
                          for c, n, h in zip(self.lexicon, seen, hits)]
        self.cue_scores = (hits + self.prior * self.prior_weight) / (seen + self.prior_weight)
        # decisions come from cues only: tune thresholds on dev with a zero score where no cue matched
        self.floor = np.zeros(len(self.claim_types))
        probs = self.predict_proba(dev)
        self.thresholds = tune_thresholds(multi_hot(dev, self.claim_types), probs, self.claim_types)
        self.dev_macro_f1 = type_metrics(dev, self.predict(dev), self.claim_types)["macro_f1"]
        # then, for calibrated scores, a sentence no cue of a type matches scores that type's train rate
        # among such sentences (it is still never predicted: see predict_scored)
        no_cue = [self._type_scores(s.text)[1] for s in train]
        self.floor = np.array([np.mean([t in s.types for s, b in zip(train, no_cue) if t not in b] or [0.0])
                               for t in self.claim_types])
        return self

    def _type_scores(self, text: str) -> tuple[np.ndarray, dict[str, tuple[float, int, re.Match]]]:
        """Per-type score (best matching cue, or the no-cue floor) and the best cue match per type."""
        scores = np.zeros(len(self.claim_types))
        best: dict[str, tuple[float, int, re.Match]] = {}
        matched = np.zeros(len(self.claim_types), dtype=bool)
        for k, m in self.matches(text):
            t = self.lexicon[k].type
            sc = float(self.cue_scores[k])
            ti = self.claim_types.index(t)
            scores[ti] = max(scores[ti], sc)
            matched[ti] = True
            if t not in best or sc > best[t][0] + 1e-12 or (abs(sc - best[t][0]) <= 1e-12 and m.start() < best[t][2].start()):
                best[t] = (sc, k, m)
        return np.where(matched, scores, self.floor), best

    def predict_proba(self, sentences: Sequence[Sentence]) -> np.ndarray:
        return np.array([self._type_scores(s.text)[0] for s in sentences]).reshape(len(sentences), len(self.claim_types))

    def predict_scored(self, sentences: Sequence[Sentence]) -> tuple[list[Sentence], np.ndarray]:
        preds, rows = [], []
        for s in sentences:
            scores, best = self._type_scores(s.text)
            rows.append(scores)
            claims = []
            for t in self.claim_types:
                if t in best and best[t][0] >= self.thresholds[t]:
                    sc, k, m = best[t]
                    src, tgt = self.actors(s.text, self.lexicon[k], m)
                    claims.append(Claim(t, src, tgt, sc))
            preds.append(like(s, claims))
        return preds, np.array(rows).reshape(len(sentences), len(self.claim_types))

    # actors -----------------------------------------------------------------------------
    def actors(self, text: str, cue: Cue, m: re.Match) -> tuple[Span | None, Span | None]:
        """Source and target of one cue match (see the module docstring)."""
        groups = m.re.groupindex
        target = np_span(text, m.start("target"), m.end("target")) if "target" in groups and m.group("target") else None
        by = np_span(text, m.start("by"), m.end("by")) if "by" in groups and m.group("by") else None
        if cue.kind == "passive":
            return by, left_subject(text, m.start())
        if cue.kind == "agent":
            return by, target
        quote = quote_of(text, m.start())
        source = attribution(text, quote) if quote else None
        if source is None and cue.kind == "verb":
            source = left_subject(text, m.start())
            if source is None:  # "... and called for an inquiry": the subject of the previous verb
                source = self._previous_subject(text, m.start())
        if source is None:
            speech = [s for s in SPEECH.finditer(text) if s.end() <= m.start()]
            if speech:
                source = left_subject(text, speech[-1].start())
        if source is None:
            tail = ATTR_TAIL.search(text, m.end())
            if tail:
                source = np_span(text, tail.start("src"), tail.end("src"))
        if source is None:
            label = SPEAKER.match(text)  # transcripts: "MINISTER: ..."
            if label:
                source = trim_span(text, label.start("src"), label.end("src"))
        if target is None and cue.type == "demand_explanation":
            frm = _FROM.search(text, m.end(), min(len(text), m.end() + 80))
            if frm:
                target = np_span(text, frm.start("target"), frm.end("target"))
        if source is not None and target is not None and source.start < target.end and target.start < source.end:
            target = None
        return source, target

    def _previous_subject(self, text: str, pos: int) -> Span | None:
        verbs = [mm for k, mm in self.matches(text) if mm.end() <= pos and self.lexicon[k].kind == "verb"]
        verbs += [s for s in SPEECH.finditer(text) if s.end() <= pos]
        for v in sorted(verbs, key=lambda v: -v.start()):
            subj = left_subject(text, v.start())
            if subj is not None:
                return subj
        return None

    def describe(self) -> dict[str, Any]:
        active = int(sum(1 for k, c in enumerate(self.lexicon) if self.cue_scores[k] >= self.thresholds[c.type]))
        return {"system": self.name, "patterns": len(self.lexicon), "patterns_active": active,
                "thresholds": dict(self.thresholds), "dev_macro_f1": getattr(self, "dev_macro_f1", None),
                "prior": self.prior, "prior_weight": self.prior_weight,
                "no_cue_rate": dict(zip(self.claim_types, map(float, self.floor)))}

