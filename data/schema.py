"""The record types of the codebook: a sentence, its claims, and their spans.

One set of types serves annotated data and predictions alike, so that evaluation
compares like with like. ``Claim.score`` is ``None`` for gold annotations.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: The claim types the codebook defines (``../shared/CODEBOOK.md``).
CODEBOOK_TYPES: tuple[str, ...] = ("accusation", "denial", "demand_explanation")


#: The kinds of actor the codebook allows on a span's optional ``actor``.
ACTOR_KINDS: tuple[str, ...] = ("person", "country", "organization", "group", "other")


@dataclass(frozen=True)
class Actor:
    """The canonical actor a span refers to (codebook, "Actors"): who, what kind, whose side.

    ``code`` is the actor's own code (ISO alpha-3 for a country); ``affiliation`` the
    country or organisation code the text ties it to, so speakers become dyads.
    """

    name: str
    kind: str = "other"
    code: str | None = None
    affiliation: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "code": self.code,
                "affiliation": self.affiliation}


@dataclass(frozen=True)
class Span:
    """A character span of the sentence: ``text == sentence[start:end]``."""

    start: int
    end: int
    text: str
    actor: Actor | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.actor is not None:
            out["actor"] = self.actor.to_dict()
        return out


@dataclass(frozen=True)
class Claim:
    """One claim: its type, who makes it (source) and whom it is about (target)."""

    type: str
    source: Span | None = None
    target: Span | None = None
    score: float | None = None

    def key(self) -> tuple:
        """What makes two claims the same claim: the type and the offsets of both spans (score aside)."""
        return (self.type, *((s.start, s.end) if s else None for s in (self.source, self.target)))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": self.type,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
        }
        if self.score is not None:
            out["score"] = round(float(self.score), 6)
        return out


@dataclass
class Sentence:
    """A sentence with its claims (empty list: no claim), as one JSONL line."""

    text: str
    claims: list[Claim] = field(default_factory=list)
    id: str = ""
    doc_id: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    context: str | None = None

    @property
    def types(self) -> set[str]:
        """The set of claim types present (what the type head predicts)."""
        return {c.type for c in self.claims}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "doc_id": self.doc_id,
            "text": self.text,
            "claims": [c.to_dict() for c in self.claims],
        }
        if self.context is not None:
            out["context"] = self.context
        if self.meta:
            out["meta"] = self.meta
        return out


__all__ = ["CODEBOOK_TYPES", "ACTOR_KINDS", "Actor", "Span", "Claim", "Sentence"]
