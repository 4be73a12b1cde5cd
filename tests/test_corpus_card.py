"""The corpus card's check of what the words alone tell (``shortcut_words``)."""
from __future__ import annotations

from claimcoder.eval.corpus_card import shortcut_words

from .conftest import make_sentence


def _corpus(cue_decides: bool) -> list:
    """Twenty articles; in each, one sentence with "slammed" and one without. Where ``cue_decides``, the
    sentence with the word is the accusation; otherwise the label alternates between articles, so the word
    says nothing."""
    out = []
    for d in range(20):
        accuse_cue = cue_decides or d % 2 == 0
        for k, text in enumerate((f"The mayor slammed the council over report {d}.",
                                  f"The mayor met the council over report {d}.")):
            accused = (k == 0) == accuse_cue
            claims = [("accusation", "The mayor", "the council")] if accused else []
            out.append(make_sentence(text, claims, f"a{d}-{k}", f"a{d}"))
    return out


def test_a_word_that_decides_the_label_is_named_and_tells_the_type():
    found = shortcut_words(_corpus(cue_decides=True), ["accusation"], top=3)["accusation"]
    assert found["auc"] > 0.95
    assert ("slammed", 20, 20) in found["words"]


def test_a_word_that_carries_no_label_tells_nothing():
    found = shortcut_words(_corpus(cue_decides=False), ["accusation"], top=3)["accusation"]
    assert found["auc"] < 0.7
