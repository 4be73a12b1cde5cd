"""Distillation: the teacher's outputs reach the student's tokens, and the mixed loss is the right mix."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from claimcoder import TrainingArguments, train
from claimcoder.model.coder import ClaimCoder
from claimcoder.model.tagging import B_SRC, I_SRC, IGNORE, O
from claimcoder.training.distill import _align, teacher_targets, teacher_views
from claimcoder.training.loop import _distilled

from .conftest import toy_corpus


def _one_hot(tag: int, n_types: int = 1, n_tags: int = 5) -> np.ndarray:
    out = np.zeros((n_types, n_tags), dtype=np.float32)
    out[:, tag] = 1.0
    return out


def test_align_turns_a_split_teachers_begin_into_inside():
    # "Kremlin said": the teacher has one token for "Kremlin", the student two ("krem", "##lin").
    teacher_offsets = np.array([[0, 0], [0, 7], [8, 12], [0, 0]])
    teacher_probs = np.stack([_one_hot(O), _one_hot(B_SRC), _one_hot(O), _one_hot(O)])
    student_offsets = np.array([[0, 0], [0, 4], [4, 7], [8, 12], [0, 0]])
    aligned = _align(teacher_offsets, teacher_probs, student_offsets)
    assert np.isnan(aligned[0]).all() and np.isnan(aligned[-1]).all()  # special tokens get no target
    assert aligned[1, 0].argmax() == B_SRC
    assert aligned[2, 0].argmax() == I_SRC and aligned[2, 0, B_SRC] == 0.0
    assert aligned[3, 0].argmax() == O
    assert np.allclose(aligned[1:4].sum(-1), 1.0)


def test_align_leaves_tokens_no_teacher_token_covers_without_target():
    teacher_offsets = np.array([[0, 3]])
    aligned = _align(teacher_offsets, np.stack([_one_hot(O)]), np.array([[0, 3], [4, 6]]))
    assert not np.isnan(aligned[0]).any() and np.isnan(aligned[1]).all()


def test_distilled_loss_is_the_gold_loss_when_the_teacher_agrees_with_gold():
    torch.manual_seed(0)
    type_logits, tag_logits = torch.randn(2, 3), torch.randn(2, 4, 3, 5)
    type_labels = torch.tensor([[1.0, 0.0, 0.0], [0.0, 1.0, 1.0]])
    tag_labels = torch.randint(0, 5, (2, 4, 3))
    tag_labels[0, :, 1:] = IGNORE
    gold_type = torch.nn.functional.binary_cross_entropy_with_logits(type_logits, type_labels)
    gold_tag = torch.nn.functional.cross_entropy(tag_logits.reshape(-1, 5), tag_labels.reshape(-1),
                                                 ignore_index=IGNORE, reduction="sum")
    soft_tags = torch.nn.functional.one_hot(tag_labels.clamp(min=0), 5).float()
    batch = {"soft_types": type_labels.clone(), "soft_tags": soft_tags, "tag_labels": tag_labels}
    mixed_type, mixed_tag = _distilled(gold_type, gold_tag, type_logits, tag_logits, batch, weight=0.7)
    assert torch.allclose(mixed_type, gold_type) and torch.allclose(mixed_tag, gold_tag)
    # A teacher that disagrees moves the loss; weight 0 ignores it.
    batch["soft_types"] = 1 - type_labels
    moved, _ = _distilled(gold_type, gold_tag, type_logits, tag_logits, batch, weight=0.7)
    assert not torch.allclose(moved, gold_type)
    same, _ = _distilled(gold_type, gold_tag, type_logits, tag_logits, batch, weight=0.0)
    assert torch.allclose(same, gold_type)


def test_distilled_loss_skips_sentences_the_teacher_did_not_see():
    type_logits, tag_logits = torch.zeros(1, 3), torch.zeros(1, 2, 3, 5)
    batch = {"soft_types": torch.full((1, 3), float("nan")), "soft_tags": torch.full((1, 2, 3, 5), float("nan")),
             "tag_labels": torch.zeros(1, 2, 3, dtype=torch.long)}
    gold = torch.tensor(0.25)
    mixed_type, mixed_tag = _distilled(gold, gold, type_logits, tag_logits, batch, weight=0.5)
    assert torch.isclose(mixed_type, gold) and torch.isclose(mixed_tag, gold)


def test_teacher_targets_follow_the_students_type_order(tiny_model_dir):
    teacher = ClaimCoder.load(tiny_model_dir)
    texts = ["Prosecutors accused the mayor.", ""]
    offsets = [np.array([[0, 0], [0, 11], [12, 20], [0, 0]]), np.zeros((2, 2), dtype=np.int64)]
    views = teacher_views(teacher, texts)
    assert views[1] is None  # an empty text: no teacher view
    types = teacher.claim_types
    forward = teacher_targets(views, offsets, types, types)
    backward = teacher_targets(views, offsets, types, types[::-1])
    assert np.allclose(forward[0][0], backward[0][0][::-1])
    assert np.allclose(forward[0][1][1:3], backward[0][1][1:3, ::-1])
    assert np.isnan(forward[1][0]).all() and np.isnan(forward[1][1]).all()
    with pytest.raises(ValueError, match="does not code"):
        teacher_targets(views, offsets, types, ["praise"])


def test_teacher_views_match_the_teachers_own_predictions(tiny_model_dir):
    teacher = ClaimCoder.load(tiny_model_dir)
    texts = ["Prosecutors accused the mayor of taking bribes.", "The mayor denied it."]
    views = teacher_views(teacher, texts)
    raws = teacher.infer(texts)
    for view, (probs, tags, offsets) in zip(views, raws):
        assert np.allclose(view[0], probs, atol=1e-6)
        assert (view[1].argmax(-1) == tags).all() and (view[2] == offsets).all()
        assert np.allclose(view[1].sum(-1), 1.0, atol=1e-5)


def test_training_with_a_teacher_learns_something_else_and_records_it(tiny_base, tiny_model_dir, tmp_path):
    data = toy_corpus()
    common = dict(base=str(tiny_base), epochs=1, batch_size=8, max_length=64, progress=False)
    plain = train(data[:32], data[32:], TrainingArguments(**common))
    taught = train(data[:32], data[32:], TrainingArguments(**common, teacher=str(tiny_model_dir), distill_weight=0.9))
    assert taught.config.training["args"]["teacher"] == str(tiny_model_dir)
    w_plain, w_taught = plain.network.type_head.weight, taught.network.type_head.weight
    assert not torch.allclose(w_plain, w_taught)


def test_transfer_articles_are_split_and_coded_by_the_teacher(tiny_model_dir, jsonl_file):
    from claimcoder.training.distill import transfer_sentences

    teacher = ClaimCoder.load(tiny_model_dir)
    path = jsonl_file([{"id": "a1", "text": "Prosecutors accused the mayor.\n\nThe mayor denied it."},
                       {"id": "a2", "text": "The council met on Monday."}])
    out, views = transfer_sentences(teacher, [str(path)])
    assert len(views) == len(out) == 3
    assert [s.text for s in out] == ["Prosecutors accused the mayor.", "The mayor denied it.",
                                     "The council met on Monday."]
    assert [s.doc_id for s in out] == ["transfer:a1", "transfer:a1", "transfer:a2"]
    assert len({s.id for s in out}) == 3
    expected = teacher.predict([s.text for s in out])
    assert [s.claims for s in out] == [p.claims for p in expected]


def test_a_bad_transfer_article_names_its_line(tiny_model_dir, jsonl_file):
    from claimcoder.data.errors import OptionError
    from claimcoder.training.distill import transfer_sentences

    path = jsonl_file([{"id": "a1", "text": "Fine."}, {"id": "a2", "text": 7}])
    with pytest.raises(OptionError, match=r"data\.jsonl:2"):
        transfer_sentences(ClaimCoder.load(tiny_model_dir), [str(path)])


def test_transfer_without_a_teacher_is_refused(tiny_base, jsonl_file):
    from claimcoder.data.errors import OptionError

    data = toy_corpus()
    with pytest.raises(OptionError, match="teacher"):
        train(data[:32], data[32:], TrainingArguments(base=str(tiny_base), transfer=[str(jsonl_file([]))],
                                                      progress=False))


def test_training_on_transfer_articles_counts_them_apart(tiny_base, tiny_model_dir, jsonl_file):
    data = toy_corpus()
    path = jsonl_file([{"id": "a1", "text": "Prosecutors accused the mayor.\n\nThe mayor denied it."}])
    coder = train(data[:32], data[32:], TrainingArguments(base=str(tiny_base), epochs=1, batch_size=8, max_length=64,
                                                          progress=False, teacher=str(tiny_model_dir),
                                                          transfer=[str(path)]))
    assert coder.config.training["data"]["train_sentences"] == 32
    assert coder.config.training["data"]["transfer_sentences"] == 2
    from claimcoder.model.card import model_card

    card = model_card(coder.config)
    assert f"Distilled from the claimcoder model `{tiny_model_dir}`" in card and "on 2 unlabelled" in card


def test_a_missing_transfer_file_is_named_before_anything_loads(tiny_base, tiny_model_dir, tmp_path):
    from claimcoder.data.errors import OptionError

    data = toy_corpus()
    gone = str(tmp_path / "nowhere.jsonl")
    with pytest.raises(OptionError, match="nowhere.jsonl"):
        train(data[:32], data[32:], TrainingArguments(base=str(tiny_base), teacher=str(tiny_model_dir),
                                                      transfer=[gone], progress=False))


def test_align_finds_the_teacher_token_of_a_student_token_that_starts_on_a_space():
    # SentencePiece and untrimmed byte-level students: "▁mayor" has offsets (3, 9), char 3 being the space
    # before the word. A WordPiece teacher covers no space, yet the word's own characters are its "mayor".
    teacher_offsets = np.array([[0, 0], [0, 3], [4, 9], [0, 0]])
    teacher_probs = np.stack([_one_hot(O), _one_hot(O), _one_hot(B_SRC), _one_hot(O)])
    student_offsets = np.array([[0, 0], [0, 3], [3, 9], [9, 10], [0, 0]])  # the last: "▁" alone
    aligned = _align(teacher_offsets, teacher_probs, student_offsets)
    assert aligned[2, 0].argmax() == B_SRC  # a word's first token keeps the teacher's B- mass
    assert np.isnan(aligned[3]).all()  # a bare space still has no teacher token


def _teacher_coding_every_type(tiny_model_dir, tmp_path):
    """A copy of the tiny model whose thresholds of 0 give every sentence a claim of every type."""
    import json
    import shutil

    teacher = shutil.copytree(tiny_model_dir, tmp_path / "teacher", ignore=shutil.ignore_patterns("onnx"))
    config = json.loads((teacher / "config.json").read_text(encoding="utf-8"))
    config["thresholds"] = dict.fromkeys(config["claim_types"], 0.0)
    (teacher / "config.json").write_text(json.dumps(config), encoding="utf-8")
    return teacher, config["claim_types"]


def test_transfer_from_a_teacher_of_more_types_keeps_the_students_types(tiny_base, tiny_model_dir, tmp_path,
                                                                        jsonl_file):
    teacher, teacher_types = _teacher_coding_every_type(tiny_model_dir, tmp_path)
    student_types = teacher_types[:1]
    data = [s.__class__(text=s.text, claims=[c for c in s.claims if c.type in student_types], id=s.id,
                        doc_id=s.doc_id, meta=s.meta) for s in toy_corpus()]
    path = jsonl_file([{"id": "a1", "text": "Prosecutors accused the mayor.\n\nThe mayor denied it."}])
    coder = train(data[:32], data[32:], TrainingArguments(base=str(tiny_base), epochs=1, batch_size=8, max_length=64,
                                                          progress=False, claim_types=student_types,
                                                          teacher=str(teacher), transfer=[str(path)]))
    assert coder.claim_types == student_types
    assert coder.config.training["data"]["transfer_sentences"] == 2


def test_a_teacher_without_the_students_types_is_refused_with_its_folder(tiny_base, tiny_model_dir):
    from claimcoder.data.errors import OptionError

    data = toy_corpus()
    types = ClaimCoder.load(tiny_model_dir).claim_types + ["praise"]
    with pytest.raises(OptionError, match=r"(?s)teacher.*praise"):
        train(data[:32], data[32:], TrainingArguments(base=str(tiny_base), claim_types=types, progress=False,
                                                      teacher=str(tiny_model_dir)))


@pytest.mark.parametrize(("bad", "says"), [({"distill_weight": 1.5}, "distill_weight"),
                                           ({"distill_weight": -0.1}, "distill_weight"),
                                           ({"distill_temperature": 0.0}, "distill_temperature"),
                                           ({"transfer": "articles.jsonl"}, "list of")])
def test_distillation_settings_that_cannot_work_are_refused(tiny_base, tiny_model_dir, bad, says):
    from claimcoder.data.errors import OptionError

    data = toy_corpus()
    with pytest.raises(OptionError, match=says):
        train(data[:32], data[32:], TrainingArguments(base=str(tiny_base), progress=False, epochs=1,
                                                      teacher=str(tiny_model_dir), **bad))
