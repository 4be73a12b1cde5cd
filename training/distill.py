"""Knowledge distillation: a larger trained model's soft outputs as extra targets for the student.

A bigger encoder (all-mpnet-base-v2) reads real news much better than the fast default but scores at
a seventh of its speed. Distillation lets the fast model learn from the bigger one's probabilities:
how likely each claim type is (where the gold label is only 0 or 1) and how sure it is of each token's
role. The teacher has its own tokenizer, so its token outputs are carried over to the student's tokens
by character offsets: a student token takes the distribution of the teacher token its first covered
character falls in, and a student token that continues the same teacher token turns the teacher's B- mass
into I-.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch

from claimcoder.data.articles import ArticleError, iter_articles, split_sentences
from claimcoder.data.errors import OptionError
from claimcoder.data.schema import Sentence
from claimcoder.model.coder import ClaimCoder
from claimcoder.model.config import TAGS, ClaimCoderConfig, find_model
from claimcoder.model.tagging import B_SRC, B_TGT, I_SRC, I_TGT

from .args import TrainingArguments

#: A span's first-token tag -> its continuation tag.
B_TO_I = {B_SRC: I_SRC, B_TGT: I_TGT}

def check_distillation(args: TrainingArguments, claim_types: Sequence[str]) -> None:
    """Refuse distillation settings that cannot work, before the student or the teacher is loaded."""
    if args.transfer and not args.teacher:
        raise OptionError("transfer articles are coded by a teacher model: set teacher as well")
    if isinstance(args.transfer, str):
        raise OptionError(f"transfer must be a list of files, got the string {args.transfer!r}")
    missing = [p for p in args.transfer or [] if p != "-" and not Path(p).exists()]
    if missing:
        raise OptionError(f"transfer input(s) not found: {', '.join(missing)}")
    if args.teacher:
        if not 0.0 <= args.distill_weight <= 1.0:
            raise OptionError(f"distill_weight must be from 0 to 1, got {args.distill_weight!r}")
        if not args.distill_temperature > 0:
            raise OptionError(f"distill_temperature must be above 0, got {args.distill_temperature!r}")
        teacher_types = ClaimCoderConfig.load(find_model(args.teacher)).claim_types
        lacking = [t for t in claim_types if t not in teacher_types]
        if lacking:
            raise OptionError(f"the teacher model in {args.teacher} does not code the claim type(s) "
                              f"{', '.join(lacking)} (it codes {', '.join(teacher_types)})")


#: The teacher's reading of one text: type probabilities ``[T_teacher]``, tag probabilities on its own tokens
#: ``[L_teacher, T_teacher, n_tags]`` and those tokens' character offsets ``[L_teacher, 2]``.
View = tuple[np.ndarray, np.ndarray, np.ndarray]
#: One sentence's targets: type probabilities ``[T]`` and tag probabilities on the student's tokens
#: ``[L_student, T, n_tags]`` (rows of NaN where no teacher token covers a student token).
Targets = tuple[np.ndarray, np.ndarray]


def teacher_views(teacher: ClaimCoder, texts: Sequence[str], batch_size: int = 32, temperature: float = 1.0,
                  bf16: bool = False) -> list[View | None]:
    """One forward pass of the teacher over ``texts``: its probabilities, in its own columns and tokens.

    None for an empty text. ``temperature`` softens the tag distributions (not their argmax).
    """
    network, device = teacher.network, teacher.device
    out: list[View | None] = [None] * len(texts)
    for idx, enc in teacher._batches(texts, batch_size):  # length-sorted, dynamically padded
        with torch.inference_mode(), torch.autocast(device.type, dtype=torch.bfloat16, enabled=bf16):
            type_logits, tag_logits = network(torch.from_numpy(enc["input_ids"]).to(device),
                                              torch.from_numpy(enc["attention_mask"]).to(device))
        type_probs = torch.sigmoid(type_logits.float()).cpu().numpy()
        tag_probs = torch.softmax(tag_logits.float() / temperature, dim=-1).cpu().numpy()
        for row, i in enumerate(idx):
            n = int(enc["attention_mask"][row].sum())
            out[i] = (type_probs[row], tag_probs[row, :n], enc["offset_mapping"][row, :n])
    return out


def teacher_targets(views: Sequence[View | None], student_offsets: Sequence[np.ndarray],
                    teacher_types: Sequence[str], claim_types: Sequence[str]) -> list[Targets]:
    """The teacher's views as the student's targets: its columns in the student's type order, its token
    distributions carried to the student's tokens (``student_offsets``). An empty text gets NaN (no target).
    """
    missing = [t for t in claim_types if t not in teacher_types]
    if missing:
        raise ValueError(f"the teacher model does not code the claim type(s) {missing}")
    cols = [list(teacher_types).index(t) for t in claim_types]
    out: list[Targets] = []
    for view, offsets in zip(views, student_offsets):
        if view is None:
            out.append((np.full(len(claim_types), np.nan, dtype=np.float32),
                        np.full((len(offsets), len(claim_types), len(TAGS)), np.nan, dtype=np.float32)))
            continue
        type_probs, tag_probs, teacher_offsets = view
        out.append((type_probs[cols], _align(teacher_offsets, tag_probs[:, cols], offsets)))
    return out


def _align(teacher_offsets: np.ndarray, teacher_probs: np.ndarray, student_offsets: np.ndarray) -> np.ndarray:
    """Teacher token distributions ``[L_t, T, n_tags]`` carried to the student's tokens by character."""
    n_types, n_tags = teacher_probs.shape[1], teacher_probs.shape[2]
    owner = {}  # character -> teacher token
    for k, (a, b) in enumerate(teacher_offsets):
        for c in range(int(a), int(b)):
            owner.setdefault(c, k)
    aligned = np.full((len(student_offsets), n_types, n_tags), np.nan, dtype=np.float32)
    last = None
    for j, (a, b) in enumerate(student_offsets):
        if a == b:  # special token: no target
            continue
        # Its first character a teacher token covers: SentencePiece and untrimmed byte-level tokens start on
        # the space before their word ("▁mayor" is (3, 9)), which a WordPiece teacher leaves uncovered.
        k = next((owner[c] for c in range(int(a), int(b)) if c in owner), None)
        if k is None:
            last = None
            continue
        dist = teacher_probs[k].copy()
        if k == last:  # the student split the teacher's token: only its first piece may begin a span
            for begin, inside in B_TO_I.items():
                dist[:, inside] += dist[:, begin]
                dist[:, begin] = 0.0
        aligned[j] = dist
        last = k
    return aligned


def transfer_sentences(teacher: ClaimCoder, inputs: Sequence[str], claim_types: Sequence[str] | None = None,
                       batch_size: int = 32, temperature: float = 1.0,
                       bf16: bool = False) -> tuple[list[Sentence], list[View | None]]:
    """Unlabelled articles, split into sentences and coded by the teacher: more text for the student to
    imitate the teacher on. ``inputs`` are article files in any format ``claimcoder score`` reads.
    ``claim_types``: keep only claims of these types (the student's; the teacher may code more).
    Returns the sentences with the teacher's claims and the teacher's views of them (one forward pass
    serves both).

    An article that cannot be read stops training with its file and line: a transfer set with holes
    would silently change what the student learns.
    """
    texts: list[tuple[str, str]] = []
    for art in iter_articles(list(inputs)):
        if isinstance(art, ArticleError):
            raise OptionError(f"{art.origin}: transfer article {art.doc_id!r} cannot be used: {art.reason}")
        texts.extend((art.doc_id, art.text[a:b]) for a, b in split_sentences(art.text))
    views = teacher_views(teacher, [t for _, t in texts], batch_size, temperature, bf16)
    keep = set(teacher.claim_types if claim_types is None else claim_types)
    sentences = []
    for k, ((doc, text), view) in enumerate(zip(texts, views)):
        raw = None if view is None else (view[0], view[1].argmax(-1), view[2])
        claims = [c for c in teacher.decode(text, raw) if c.type in keep]
        sentences.append(Sentence(text=text, claims=claims, id=f"transfer:{doc}:{k}", doc_id=f"transfer:{doc}"))
    return sentences, views
