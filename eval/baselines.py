"""The systems compared in one table: majority, rule-based coder, TF-IDF + logistic regression,
and the fine-tuned transformer, all behind one scikit-learn-style interface.

Each system is ``fit(train, dev)`` then ``predict(sentences)`` (codebook ``Sentence``
predictions, so the same metrics apply) and ``predict_proba(sentences)`` (``[N, T]``
type scores, for calibration, PR curves and the ranked error list). Everything tuned
is tuned on the train and dev splits only: the evaluated data is never seen.

* ``MajorityCoder``: predicts the most frequent type set of the train split (in a news
  corpus that is "no claim"); its scores are the train prevalence of each type.
* ``RuleCoder``: a dictionary coder in the style of TABARI/PETRARCH event coders: verb
  and phrase patterns per type (accuse X of, blame X for, deny, reject the allegations,
  "baseless", demand an explanation from X, ask X to explain, ...), veto patterns for
  procedural uses ("denied the motion", "was denied bail"), the source as the subject
  of the cue verb or of the speech verb that reports it (or the quote's attribution),
  the target as the verb's object where the pattern names one. Tuning: each pattern's
  precision on train (smoothed towards 0.5) becomes its score; a sentence's score for
  a type is its best matching pattern's; one threshold per type is tuned on dev.
* ``TfidfCoder``: word 1-2-gram (optionally plus character 2-5-gram) TF-IDF and one
  class-balanced logistic regression per type; the feature set and C are chosen by dev
  macro-F1, thresholds tuned on dev. Types only: it predicts no spans.
* ``TransformerCoder``: the fine-tuned ClaimCoder (``claimcoder.training.train``), or
  a saved one via ``TransformerCoder.from_pretrained``.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from claimcoder.data.schema import CODEBOOK_TYPES, Claim, Sentence, Span

from .metrics import multi_hot, type_metrics
from .thresholds import tune_thresholds


class Coder:
    """Base class: ``fit(train, dev)``, ``predict``, ``predict_proba``, ``predict_scored``."""

    name = "coder"

    def __init__(self, claim_types: Sequence[str] | None = None):
        self.claim_types = list(claim_types or CODEBOOK_TYPES)
        self.thresholds: dict[str, float] = {t: 0.5 for t in self.claim_types}

    def fit(self, train: Sequence[Sentence], dev: Sequence[Sentence]) -> "Coder":
        raise NotImplementedError

    def predict_proba(self, sentences: Sequence[Sentence]) -> np.ndarray:
        """Type scores ``[N, T]`` in ``claim_types`` order."""
        raise NotImplementedError

    def predict(self, sentences: Sequence[Sentence]) -> list[Sentence]:
        """Predicted claims, one ``Sentence`` per input (ids, doc ids and meta kept)."""
        return self.predict_scored(sentences)[0]

    def predict_scored(self, sentences: Sequence[Sentence]) -> tuple[list[Sentence], np.ndarray]:
        """Predictions and scores together (one pass where the system allows)."""
        probs = self.predict_proba(sentences)
        return [_like(s, self._claims(s, probs[i])) for i, s in enumerate(sentences)], probs

    def describe(self) -> dict[str, Any]:
        """What the system is and what was tuned (for the report)."""
        return {"system": self.name, "thresholds": dict(self.thresholds)}

    def _claims(self, sentence: Sentence, scores: np.ndarray) -> list[Claim]:
        return [Claim(t, None, None, float(scores[k])) for k, t in enumerate(self.claim_types)
                if scores[k] >= self.thresholds[t]]


def _like(s: Sentence, claims: list[Claim]) -> Sentence:
    return Sentence(text=s.text, claims=claims, id=s.id, doc_id=s.doc_id, meta=s.meta)


def _check_fit_data(train: Sequence[Sentence], dev: Sequence[Sentence] | None, need_dev: bool) -> None:
    if not train:
        raise ValueError("cannot fit a baseline on an empty train split")
    if need_dev and not dev:
        raise ValueError("this system tunes its thresholds on dev: give a non-empty dev split")


# ------------------------------------------------------------------------------ majority
class MajorityCoder(Coder):
    """The most frequent type set of the train split, for every sentence."""

    name = "majority"

    def fit(self, train: Sequence[Sentence], dev: Sequence[Sentence] | None = None) -> "MajorityCoder":
        _check_fit_data(train, dev, need_dev=False)
        sets = Counter(tuple(t for t in self.claim_types if t in s.types) for s in train)
        # most frequent; ties to the smaller set, then alphabetically (deterministic)
        self.majority = min(sets, key=lambda k: (-sets[k], len(k), k))
        self.prevalence = multi_hot(train, self.claim_types).mean(axis=0).astype(float)
        return self

    def predict_proba(self, sentences: Sequence[Sentence]) -> np.ndarray:
        return np.tile(self.prevalence, (len(sentences), 1))

    def _claims(self, sentence: Sentence, scores: np.ndarray) -> list[Claim]:
        return [Claim(t, None, None, float(scores[self.claim_types.index(t)])) for t in self.majority]

    def describe(self) -> dict[str, Any]:
        return {"system": self.name, "predicts": list(self.majority) or ["(no claim)"],
                "train_prevalence": dict(zip(self.claim_types, map(float, self.prevalence)))}


# --------------------------------------------------------------------------------- TF-IDF
class TfidfCoder(Coder):
    """TF-IDF n-grams and one class-balanced logistic regression per type (types only)."""

    name = "tfidf"
    GRID = tuple((feats, c) for feats in ("word", "word+char") for c in (0.25, 1.0, 4.0, 16.0))

    def __init__(self, claim_types: Sequence[str] | None = None, grid: Sequence[tuple[str, float]] | None = None):
        super().__init__(claim_types)
        self.grid = list(grid or self.GRID)

    @staticmethod
    def _vectorizer(feats: str):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import FeatureUnion

        word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, lowercase=True)
        if feats == "word":
            return word
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2, lowercase=True)
        return FeatureUnion([("word", word), ("char", char)])

    def _fit_one(self, texts: list[str], y: np.ndarray, feats: str, c: float):
        from sklearn.linear_model import LogisticRegression

        vec = self._vectorizer(feats).fit(texts)
        x = vec.transform(texts)
        models = []
        for t in range(len(self.claim_types)):
            if y[:, t].min() == y[:, t].max():  # a type never (or always) present: a constant
                models.append(float(y[0, t]) if len(y) else 0.0)
                continue
            lr = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", dual=True,
                                    max_iter=5000, random_state=0)
            models.append(lr.fit(x, y[:, t]))
        return vec, models

    @staticmethod
    def _proba(vec, models, texts: list[str]) -> np.ndarray:
        x = vec.transform(texts)
        cols = [np.full(len(texts), m) if isinstance(m, float) else m.predict_proba(x)[:, 1] for m in models]
        return np.stack(cols, axis=1) if cols else np.zeros((len(texts), 0))

    def fit(self, train: Sequence[Sentence], dev: Sequence[Sentence]) -> "TfidfCoder":
        _check_fit_data(train, dev, need_dev=True)
        texts, y = [s.text for s in train], multi_hot(train, self.claim_types)
        dev_texts, dev_y = [s.text for s in dev], multi_hot(dev, self.claim_types)
        self.search = []
        best = None
        for feats, c in self.grid:
            vec, models = self._fit_one(texts, y, feats, c)
            probs = self._proba(vec, models, dev_texts)
            thr = tune_thresholds(dev_y, probs, self.claim_types)
            score = _macro_f1(dev_y, probs, thr, self.claim_types)
            self.search.append({"features": feats, "C": c, "dev_macro_f1": score})
            if best is None or score > best[0] + 1e-12:
                best = (score, feats, c, vec, models, thr)
        self.dev_macro_f1, self.features, self.C, self.vectorizer, self.models, self.thresholds = best
        return self

    def predict_proba(self, sentences: Sequence[Sentence]) -> np.ndarray:
        return self._proba(self.vectorizer, self.models, [s.text for s in sentences])

    def describe(self) -> dict[str, Any]:
        return {"system": self.name, "features": self.features, "C": self.C, "thresholds": dict(self.thresholds),
                "dev_macro_f1": self.dev_macro_f1, "search": self.search}


def _macro_f1(y: np.ndarray, probs: np.ndarray, thresholds: dict[str, float], claim_types: Sequence[str]) -> float:
    thr = np.array([thresholds[t] for t in claim_types])
    pred = probs >= thr
    f1s = []
    for t in range(len(claim_types)):
        tp = float((pred[:, t] & (y[:, t] == 1)).sum())
        fp = float((pred[:, t] & (y[:, t] == 0)).sum())
        fn = float((~pred[:, t] & (y[:, t] == 1)).sum())
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(f1s)) if f1s else 0.0


# ----------------------------------------------------------------------------- rule-based
#: a target noun phrase: up to 7 words, as few as the rest of the pattern allows
_NP = r"(?!(?:by|of|to|that|for|with)\b)(?P<target>(?:[\w'’.&-]+\s+){0,6}?[\w'’.&-]+)"
_END = r"(?=\s*(?:[,.;:!?\"“”]|$|\s(?:over|about|on|after|for|why|how|whether|what|regarding|and|in|to|as)\b))"
_EXPLAIN = (r"(?:explain|clarify|justify|account\s+for|answer\s+for|disclose|set\s+out|reveal|come\s+clean|"
            r"say\s+why|tell\s+\w+\s+why|provide\s+(?:details|information|answers|an?\s+explanation))")
_DEMAND_OBJ = (r"[‘'“\"]?(?:an?\s+|full\s+|urgent\s+|immediate\s+|further\s+|clear\s+)*(?:explanation|answers?|clarification|"
               r"clarity|justification|accounting|account|information|details|assurances?|response)")
_INQUIRY = r"(?:an?\s+)?(?:\w+\s+){0,2}(?:investigation|inquiry|enquiry|probe|audit|review)"
_SPEECH_WORDS = (r"said|says|say|told|tells|added|adds|stated|states|insisted|insists|claimed|claims|argued|wrote|"
                 r"writes|declared|noted|warned|responded|replied|acknowledged|maintained|according\s+to")
_SPEECH = re.compile(rf"\b(?:{_SPEECH_WORDS})\b", re.IGNORECASE)
_PASSIVE = r"\b(?:was|were|been|being|is|are|be|has\s+been|have\s+been|had\s+been)\s+"
_BY = (r"(?:\s+(?:\w+\s+){0,8}?by\s+(?P<by>(?:[\w'’.&-]+\s+){0,6}?[\w'’.&-]+)"
       r"(?=\s*(?:[,.;:]|$|\s(?:of|for|with|over|in|on|after|to)\b)))?")


@dataclass(frozen=True)
class Cue:
    """One lexicon pattern: the type it signals, a regex, and how to find the actors.

    ``kind`` is ``verb`` (source: subject of the matched verb), ``phrase`` (source:
    speaker of the clause) or ``passive`` (target: the grammatical subject; source:
    the ``by`` agent). A ``target`` group in the pattern is the claim's target.
    """

    type: str
    pattern: str
    kind: str = "verb"

    def compiled(self) -> re.Pattern:
        return re.compile(self.pattern, re.IGNORECASE)


LEXICON: tuple[Cue, ...] = (
    # accusation: verbs of blaming, alleging, charging, with the accused as object
    Cue("accusation", rf"\baccus(?:e|es|ed|ing)\s+{_NP}\s+of\b"),
    Cue("accusation", r"\baccus(?:e|es|ed|ing)\b(?!\s+(?:man|woman|person|men|women|people))"),
    Cue("accusation", rf"\bblam(?:e|es|ed|ing)\s+{_NP}\s+(?:for|over)\b"),
    Cue("accusation", r"\bblam(?:e|es|ed|ing)\b"),
    Cue("accusation", rf"\bcharg(?:e|es|ed|ing)\s+{_NP}\s+with\b"),
    Cue("accusation", rf"\bcritici[sz](?:e|es|ed|ing)\s+{_NP}{_END}"),
    Cue("accusation", r"\bcondemn(?:s|ed|ing)?\b"),
    Cue("accusation", r"\bdenounc(?:e|es|ed|ing)\b"),
    Cue("accusation", r"\balleg(?:e|es|ed|ing)\b"),
    Cue("accusation", rf"\bsu(?:e|es|ed|ing)\s+{_NP}{_END}"),
    Cue("accusation", rf"\bindict(?:s|ed|ing)?\s+{_NP}{_END}"),
    Cue("accusation", rf"\b(?:hold|holds|holding|held)\s+{_NP}\s+(?:responsible|accountable)\b"),
    Cue("accusation", r"\b(?:slam(?:s|med)?|lambast(?:s|ed)?|rebuk(?:e|es|ed)|castigat(?:e|es|ed)|berat(?:e|es|ed))\b"
                      r"(?!\s+(?:the\s+|as\s+)?(?:claims?|reports?|allegations?|accusations?|rumou?rs?))"),
    Cue("accusation", r"\b(?:allegations?|accusations?|claims?|charges?|complaints?)\s+(?:\w+\s+){0,2}?by\s+"
                      r"(?P<by>(?:[\w'’.&-]+\s+){0,5}?[\w'’.&-]+)(?=\s*(?:[,.;:]|$|\s(?:that|of|against|over|in|on|about)\b))",
        "agent"),
    Cue("accusation", r"\b(?:witch[- ]hunt|victim\s+of|smear\s+campaign)\b", "phrase"),
    Cue("accusation", r"\bfault(?:s|ed)?\b"),
    Cue("accusation", r"\bfail(?:s|ed|ing|ure)?\s+to\b", "phrase"),
    Cue("accusation", r"\b(?:violat(?:e|es|ed|ion|ions)|breach(?:ed|es)?|illegal(?:ly)?|unlawful(?:ly)?)\b", "phrase"),
    Cue("accusation", r"\b(?:lied|lying|a\s+lie|lies|misled|mislead(?:ing)?|deceiv(?:e|ed|ing)|cover(?:ed)?[- ]up)\b", "phrase"),
    Cue("accusation", r"\b(?:negligen(?:t|ce)|reckless(?:ly)?|irresponsible|incompeten(?:t|ce)|mismanag\w*|"
                      r"fraud\w*|corrupt\w*|abuse[ds]?|cheat(?:ed|ing)?|wrongdoing|scandal(?:ous)?|shameful|"
                      r"provocati\w+|unacceptable|outrageous|disgrace\w*)\b", "phrase"),
    Cue("accusation", rf"{_PASSIVE}(?:accused|charged|blamed|criticised|criticized|indicted|sued|condemned)\b{_BY}",
        "passive"),
    # denial: rejecting an accusation or a report about oneself
    Cue("denial", r"\bden(?:y|ies|ied|ying)\b"),
    Cue("denial", r"\b(?:reject|dismiss|refute|rebut|rebuff|dispute|contest|slam|slamm|brush|shrugg|hit)(?:s|ed|ing|d)?"
                  r"\s+(?:off\s+|aside\s+|back\s+at\s+|as\s+)?(?:\w+\s+){0,3}?"
                  r"(?:allegations?|accusations?|claims?|charges?|reports?|criticism|suggestions?|assertions?|"
                  r"findings?|account)\b"),
    Cue("denial", r"\b(?:refut|rebutt?|rebuff|disput)(?:e|es|ed|ing)?\b"),
    Cue("denial", r"\b(?:baseless|unfounded|groundless|untrue|false|fabricat\w+|made[- ]up|nonsense|smear|"
                  r"witch[- ]hunt|politically\s+motivated|inaccurate|not\s+true|no\s+truth)\b", "phrase"),
    Cue("denial", r"\bwithout\s+(?:any\s+)?(?:merit|foundation|basis)\b", "phrase"),
    Cue("denial", r"\b(?:no|any)\s+wrongdoing\b|\bnothing\s+wrong\b|\bnot\s+guilty\b|\binnocen(?:t|ce)\b", "phrase"),
    Cue("denial", r"\b(?:complied|complies|comply|in\s+(?:full\s+)?compliance|in\s+(?:accordance|line)\s+with)\b|"
                  r"\bfollowed\s+(?:every|all|the)\b", "phrase"),
    Cue("denial", r"\bnot\s+(?:responsible|to\s+blame|at\s+fault|involved)\b|\bnever\s+(?:\w+\s+){0,2}(?:met|took|"
                  r"received|knew|said|did|had|asked|told)\b", "phrase"),
    Cue("denial", r"\binsist(?:s|ed|ing)?\b"),
    Cue("denial", r"\bhit(?:s)?\s+back\b|\bdefend(?:s|ed|ing)?\b"),
    # demand_explanation: asking the target to explain, answer, account
    Cue("demand_explanation", rf"\b(?:demand|request|seek|want|await|press|ask)(?:s|ed|ing)?\s+{_DEMAND_OBJ}\s+from\s+{_NP}{_END}"),
    Cue("demand_explanation", rf"\b(?:demand|request|seek|want|await)(?:s|ed|ing)?\s+{_DEMAND_OBJ}\b"),
    Cue("demand_explanation", rf"\bsought\s+{_DEMAND_OBJ}\b"),
    Cue("demand_explanation", rf"\b(?:demand|ask|request|press|urge|call)(?:s|ed|ing)?\s+(?:on\s+)?{_NP}\s+(?:to\s+|for\s+)"
                              rf"(?:\w+\s+){{0,2}}?(?:{_EXPLAIN}|{_DEMAND_OBJ})\b"),
    Cue("demand_explanation", rf"\b(?:challeng|urg)(?:e|es|ed|ing)\s+{_NP}\s+to\s+{_EXPLAIN}\b"),
    Cue("demand_explanation", rf"\b(?:demand|want|wanted|ask|insist)(?:s|ed|ing)?\s+(?:that\s+)?{_NP}\s+(?:must\s+|should\s+)?"
                              rf"{_EXPLAIN}\b"),
    Cue("demand_explanation", rf"\bcall(?:s|ed|ing)?\s+for\s+{_INQUIRY}\b"),
    Cue("demand_explanation", r"\b(?:demand|want|ask)(?:s|ed|ing)?\s+to\s+know\b|\bdeserve\s+to\s+know\b"),
    Cue("demand_explanation", rf"\b(?:must|should|needs?\s+to|owes?\s+\w+)\s+{_EXPLAIN}\b", "phrase"),
    Cue("demand_explanation", rf"\b(?:asking|requesting|seeking)\s+(?:for\s+)?{_DEMAND_OBJ}\b"),
    Cue("demand_explanation", r"\b(?:asked|asking|asks|questioned|wondered)\s+(?:why|how|whether|who|what)\b"),
    Cue("demand_explanation", rf"\bask(?:s|ed|ing)?\s+{_NP}\s+(?:whether|why|how|what|who|when|if)\b"),
    Cue("demand_explanation", rf"\b(?:can|could|will|would)\s+{_NP}\s+{_EXPLAIN}\b", "phrase"),
)

#: Procedural and other non-claim uses of the cue words; a cue match inside one is dropped.
VETOES: dict[str, tuple[str, ...]] = {
    "denial": (r"\bden(?:y|ies|ied|ying)\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+|its\s+)?(?:\w+\s+)?"
               r"(?:motion|request|bail|entry|access|appeal|application|permission|visa|petition|bid|licen[cs]e)\b",
               r"\b(?:was|were|been|be|being)\s+denied\b", r"\bdeclin\w+\s+to\s+comment\b"),
    "accusation": (r"\b(?:the|an?|two|three|four|five|several|all|both)\s+accused\b",
                   r"\blies\s+(?:about\s+\d|in|on|between|at|along|near|just|within|off|across|some|roughly)\b",
                   r"\b(?:charged|charges?)\s+(?:a\s+)?(?:fee|price|rate)s?\b",
                   r"\bcharging\s+(?:station|point)s?\b"),
    "demand_explanation": (),
}

_BOUNDARY = re.compile(r"[,;:“”\"(\[—–]|\s-\s|\b(?:and|but|that|which|who|whom|while|after|before|because|when|"
                       r"as|if|although|though|saying|adding|where)\b", re.IGNORECASE)
_LEAD_DROP = {"but", "and", "however", "meanwhile", "also", "then", "so", "yet", "now", "still", "separately",
              "later", "earlier", "instead"}
_TRAIL_DROP = {"has", "have", "had", "was", "were", "is", "are", "been", "be", "also", "again", "would", "will",
               "could", "did", "does", "do", "not", "never", "yesterday", "today", "tonight", "on", "in", "at", "a",
               "an", "statement", "letter", "interview", "post", "this", "last", "week", "month", "year", "earlier",
               "later", "then", "previously", "since", "monday", "tuesday", "wednesday", "thursday", "friday",
               "saturday", "sunday", "morning", "evening", "night", "afternoon", "subsequently", "once", "had",
               "already", "may", "might", "should", "must", "can", "written"}
_NOT_SUBJECT = {"in", "on", "at", "for", "with", "by", "from", "after", "before", "during", "speaking", "asked",
                "according", "however", "meanwhile", "despite", "under", "over", "to", "of", "into", "about"}
_WORD = re.compile(r"[\w'’.&-]+")
_QUOTES = re.compile(r"“[^”]*”|\"[^\"]*\"|(?<!\w)['‘][^'’]*?['’](?!\w)")
_ATTR_AFTER = re.compile(rf"^\s*[,—–-]?\s*(?P<src>(?:[\w'’.&-]+\s+){{0,9}}?[\w'’.&-]+)\s+(?:{_SPEECH_WORDS})\b",
                         re.IGNORECASE)
_ATTR_INVERTED = re.compile(rf"^\s*[,—–-]?\s*(?:{_SPEECH_WORDS})\s+(?P<src>(?:[\w'’.&-]+\s+){{0,6}}?[\w'’.&-]+)"
                            r"(?=\s*(?:[,.;]|$))", re.IGNORECASE)
_ATTR_TAIL = re.compile(rf"[,”\"’']\s*(?P<src>(?:[\w'’.&-]+\s+){{0,9}}?[\w'’.&-]+)\s+(?:{_SPEECH_WORDS})\b", re.IGNORECASE)
_SPEAKER = re.compile(r"^(?P<src>(?:[A-Z][A-Z.'’-]*\s+){0,3}[A-Z][A-Z.'’-]+)(?:\s*\([^)]*\))?:\s")
_FROM = re.compile(rf"\bfrom\s+{_NP}{_END}", re.IGNORECASE)


def _span(text: str, start: int, end: int) -> Span | None:
    """A span with surrounding spaces and punctuation trimmed (None if nothing left)."""
    strip = " \t\n\"“”‘’'(),.;:!?—–-"
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return Span(start, end, text[start:end]) if end > start else None


def _np_span(text: str, start: int, end: int) -> Span | None:
    """A noun-phrase span without trailing auxiliaries, adverbs, time words or a possessive 's."""
    words = list(_WORD.finditer(text, start, end))
    while words and (words[-1].group().lower() in _TRAIL_DROP or
                     (words[-1].group().islower() and words[-1].group().endswith("ly"))):
        words.pop()
    while words and words[0].group().lower() in _LEAD_DROP:
        words.pop(0)
    if not words:
        return None
    last = words[-1].group()
    stop = words[-1].end() - (2 if last[-2:] in ("'s", "’s") and len(words) > 1 else 0)
    return _span(text, words[0].start(), stop)


def left_subject(text: str, pos: int) -> Span | None:
    """The noun phrase right before position ``pos`` (a verb), back to the clause boundary.

    Leading discourse words and trailing auxiliaries, adverbs and time phrases are
    dropped ("The mayor on Tuesday denied" -> "The mayor"). An appositive or an
    adverbial between commas is skipped ("Sunrise Pictures, in a statement, said").
    """
    end = pos
    for _ in range(4):  # at most a few comma-separated chunks back
        bounds = list(_BOUNDARY.finditer(text, 0, end))
        b = bounds[-1] if bounds else None
        span = _np_span(text, b.end() if b else 0, end)
        if span is not None and span.text.split()[0].lower() not in _NOT_SUBJECT and len(span.text.split()) <= 10:
            return span
        if b is None or b.group() not in (",", "—", "–"):
            return None
        end = b.start()
    return None


def _quote_of(text: str, pos: int) -> re.Match | None:
    return next((q for q in _QUOTES.finditer(text) if q.start() < pos < q.end()), None)


def _attribution(text: str, quote: re.Match) -> Span | None:
    """Who a quotation is attributed to: '"...," he said', '"...," said X', or 'X said: "..."'."""
    after = text[quote.end():]
    m = _ATTR_AFTER.match(after) or _ATTR_INVERTED.match(after)
    if m:
        return _np_span(text, quote.end() + m.start("src"), quote.end() + m.end("src"))
    before = text[:quote.start()]
    speech = list(_SPEECH.finditer(before))
    if speech and not before[speech[-1].end():].strip(" :,"):
        return left_subject(text, speech[-1].start())
    return None


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
        _check_fit_data(train, dev, need_dev=True)
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
        no_cue = [self._score(s.text)[1] for s in train]
        self.floor = np.array([np.mean([t in s.types for s, b in zip(train, no_cue) if t not in b] or [0.0])
                               for t in self.claim_types])
        return self

    def _score(self, text: str) -> tuple[np.ndarray, dict[str, tuple[float, int, re.Match]]]:
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
        return np.array([self._score(s.text)[0] for s in sentences]).reshape(len(sentences), len(self.claim_types))

    def predict_scored(self, sentences: Sequence[Sentence]) -> tuple[list[Sentence], np.ndarray]:
        preds, rows = [], []
        for s in sentences:
            scores, best = self._score(s.text)
            rows.append(scores)
            claims = []
            for t in self.claim_types:
                if t in best and best[t][0] >= self.thresholds[t]:
                    sc, k, m = best[t]
                    src, tgt = self.actors(s.text, self.lexicon[k], m)
                    claims.append(Claim(t, src, tgt, sc))
            preds.append(_like(s, claims))
        return preds, np.array(rows).reshape(len(sentences), len(self.claim_types))

    # actors -----------------------------------------------------------------------------
    def actors(self, text: str, cue: Cue, m: re.Match) -> tuple[Span | None, Span | None]:
        """Source and target of one cue match (see the module docstring)."""
        groups = m.re.groupindex
        target = _np_span(text, m.start("target"), m.end("target")) if "target" in groups and m.group("target") else None
        by = _np_span(text, m.start("by"), m.end("by")) if "by" in groups and m.group("by") else None
        if cue.kind == "passive":
            return by, left_subject(text, m.start())
        if cue.kind == "agent":
            return by, target
        quote = _quote_of(text, m.start())
        source = _attribution(text, quote) if quote else None
        if source is None and cue.kind == "verb":
            source = left_subject(text, m.start())
            if source is None:  # "... and called for an inquiry": the subject of the previous verb
                source = self._previous_subject(text, m.start())
        if source is None:
            speech = [s for s in _SPEECH.finditer(text) if s.end() <= m.start()]
            if speech:
                source = left_subject(text, speech[-1].start())
        if source is None:
            tail = _ATTR_TAIL.search(text, m.end())
            if tail:
                source = _np_span(text, tail.start("src"), tail.end("src"))
        if source is None:
            label = _SPEAKER.match(text)  # transcripts: "MINISTER: ..."
            if label:
                source = _span(text, label.start("src"), label.end("src"))
        if target is None and cue.type == "demand_explanation":
            frm = _FROM.search(text, m.end(), min(len(text), m.end() + 80))
            if frm:
                target = _np_span(text, frm.start("target"), frm.end("target"))
        if source is not None and target is not None and source.start < target.end and target.start < source.end:
            target = None
        return source, target

    def _previous_subject(self, text: str, pos: int) -> Span | None:
        verbs = [mm for k, mm in self.matches(text) if mm.end() <= pos and self.lexicon[k].kind == "verb"]
        verbs += [s for s in _SPEECH.finditer(text) if s.end() <= pos]
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


# ---------------------------------------------------------------------------- transformer
class TransformerCoder(Coder):
    """The fine-tuned ClaimCoder behind the same interface (training reuses ``claimcoder.training``)."""

    name = "transformer"

    def __init__(self, args=None, coder=None):
        from claimcoder.training import TrainingArguments

        self.args = args or TrainingArguments(progress=False)
        self.coder = coder
        self.batch_size = 64
        super().__init__(coder.claim_types if coder is not None else self.args.claim_types)
        if coder is not None:
            self.thresholds = dict(coder.config.thresholds)

    @classmethod
    def from_pretrained(cls, path: str | Path | None) -> "TransformerCoder":
        """Wrap a saved model directory (None: the default model)."""
        from claimcoder.model.coder import ClaimCoder

        return cls(coder=ClaimCoder.load(path))

    def recipe(self) -> "TransformerCoder":
        """An untrained copy with the training arguments this model was trained with."""
        from dataclasses import fields

        from claimcoder.training import TrainingArguments

        recorded = (self.coder.config.training.get("args") if self.coder is not None else None) or {}
        known = {f.name for f in fields(TrainingArguments)}
        args = TrainingArguments(**{k: v for k, v in recorded.items() if k in known})
        args.progress = False
        args.claim_types = list(self.claim_types)
        return TransformerCoder(args)

    def fit(self, train: Sequence[Sentence], dev: Sequence[Sentence]) -> "TransformerCoder":
        from claimcoder.training import train as run_train

        _check_fit_data(train, dev, need_dev=True)
        self.args.claim_types = list(self.claim_types)
        self.coder = run_train(train, dev, self.args)
        self.thresholds = dict(self.coder.config.thresholds)
        return self

    def predict_scored(self, sentences: Sequence[Sentence]) -> tuple[list[Sentence], np.ndarray]:
        if self.coder is None:
            raise ValueError("TransformerCoder is not fitted")
        raws = self.coder.infer([s.text for s in sentences], batch_size=self.batch_size)
        probs = np.zeros((len(sentences), len(self.claim_types)))
        for i, r in enumerate(raws):
            if r is not None:
                probs[i] = r[0]
        preds = [_like(s, self.coder.decode(s.text, r)) for s, r in zip(sentences, raws)]
        return preds, probs

    def predict_proba(self, sentences: Sequence[Sentence]) -> np.ndarray:
        return self.predict_scored(sentences)[1]

    def describe(self) -> dict[str, Any]:
        cfg = self.coder.config if self.coder is not None else None
        return {"system": self.name, "base_encoder": cfg.base_encoder if cfg else self.args.base,
                "thresholds": dict(self.thresholds), "best_epoch": cfg.training.get("best_epoch") if cfg else None}


BASELINES = {"majority": MajorityCoder, "rules": RuleCoder, "tfidf": TfidfCoder}


def fit_baselines(train: Sequence[Sentence], dev: Sequence[Sentence], claim_types: Sequence[str],
                  names: Sequence[str] = ("majority", "rules", "tfidf")) -> dict[str, Coder]:
    """Fit the named baselines on train (and tune on dev), in the order given."""
    unknown = [n for n in names if n not in BASELINES]
    if unknown:
        raise ValueError(f"unknown baseline(s) {', '.join(unknown)}; known: {', '.join(BASELINES)}")
    return {n: BASELINES[n](claim_types).fit(train, dev) for n in names}
