"""Token tags <-> character spans, including non-ASCII text."""
from __future__ import annotations

import numpy as np
from transformers import AutoTokenizer

from claimcoder.data.schema import Claim, Span
from claimcoder.model.encoder import bundled_encoder_dir
from claimcoder.model.tagging import B_SRC, B_TGT, I_SRC, I_TGT, IGNORE, pair_claims, spans_to_tags, tags_to_spans

TYPES = {"accusation": 0, "denial": 1}


def offsets_of(text):
    tok = AutoTokenizer.from_pretrained(str(bundled_encoder_dir()))
    return [tuple(o) for o in tok(text, return_offsets_mapping=True)["offset_mapping"]]


def test_unicode_spans_round_trip():
    text = "“Éric Zémmour’s allies lied,” said Ségolène Royal — the ex-minister — on Tuesday."
    src = Span(text.index("Ségolène"), text.index("Ségolène") + len("Ségolène Royal"), "Ségolène Royal")
    tgt = Span(1, 1 + len("Éric Zémmour"), "Éric Zémmour")
    assert text[src.start:src.end] == src.text and text[tgt.start:tgt.end] == tgt.text
    offsets = offsets_of(text)
    tags = spans_to_tags([Claim("accusation", src, tgt)], offsets, TYPES)
    assert tags[0, 0] == IGNORE and tags[-1, 0] == IGNORE  # [CLS], [SEP]
    assert (tags[:, 1] == IGNORE).all()  # no denial in the sentence: its column is not trained
    assert tags_to_spans(tags[:, 0], offsets, text, B_SRC, I_SRC) == [src]
    assert tags_to_spans(tags[:, 0], offsets, text, B_TGT, I_TGT) == [tgt]


def test_stray_inside_tag_starts_a_span_and_special_tokens_end_it():
    text = "The ministry said so"
    offsets = offsets_of(text)  # [CLS] the ministry said so [SEP]
    tags = np.array([0, I_SRC, I_SRC, 0, 0, I_SRC])
    assert tags_to_spans(tags, offsets, text, B_SRC, I_SRC) == [Span(0, 12, "The ministry")]


def test_pairing_several_sources():
    a, b = Span(0, 5, "Alice"), Span(20, 23, "Bob")
    x, y = Span(10, 13, "Xen"), Span(30, 33, "Yan")
    claims = pair_claims("accusation", 0.9, [a, b], [x, y])
    assert [(c.source, c.target) for c in claims] == [(a, x), (b, y)]
    assert pair_claims("denial", 0.8, [], []) == [Claim("denial", None, None, 0.8)]
    assert len(pair_claims("denial", 0.8, [], [x, y])) == 2


def test_spans_widen_to_whole_words_and_drop_lone_function_words():
    text = "The alleged ringleader was charged, the police said."
    offsets = offsets_of(text)
    toks = [text[a:b] for a, b in offsets]
    tags = np.zeros(len(offsets), dtype=int)
    tags[toks.index("leader")] = B_SRC  # only the second piece of "ring ##leader"
    tags[toks.index("the")] = B_TGT  # a lone determiner
    assert tags_to_spans(tags, offsets, text, B_SRC, I_SRC) == [Span(12, 22, "ringleader")]
    assert tags_to_spans(tags, offsets, text, B_TGT, I_TGT) == []


def _spans_for(text: str, pieces: list[str], after: str | None = None) -> list[str]:
    """Tag consecutive tokens ``pieces`` (found after the token ``after``) as one source span; read spans back."""
    offsets = offsets_of(text)
    toks = [text[a:b] for a, b in offsets]
    first = toks.index(pieces[0], toks.index(after) + 1 if after else 0)
    assert toks[first:first + len(pieces)] == pieces
    tags = np.zeros(len(offsets), dtype=int)
    tags[first] = B_SRC
    tags[first + 1:first + len(pieces)] = I_SRC
    return [s.text for s in tags_to_spans(tags, offsets, text, B_SRC, I_SRC)]


def test_spans_never_cut_abbreviations_or_initials():
    assert _spans_for("The U.S. embassy denied it.", ["U"]) == ["U.S."]
    assert _spans_for("The F.B.I. director, James B. Comey, said so.", ["F", "."]) == ["F.B.I."]
    assert _spans_for("The F.B.I. director, James B. Comey, said so.", [".", "Come", "y"], after="James") == ["B. Comey"]
    assert _spans_for("Officials in the U.S. said so.", ["Officials", "in", "the", "U"]) == ["Officials in the U.S."]


def test_spans_lose_stray_punctuation_at_their_edges():
    assert _spans_for("He left. Smith then accused him.", [".", "Smith"]) == ["Smith"]
    assert _spans_for("“Smith,” she said.", ["Smith", ","]) == ["Smith"]
    assert _spans_for("It was the ministry.", ["ministry", "."]) == ["ministry"]


def test_spans_take_whole_hyphenated_and_apostrophe_words_but_not_possessives():
    text = "Mr. Trump said a Mexican-American judge and O'Brien were biased, and Russia's envoy agreed."
    assert _spans_for(text, ["American"]) == ["Mexican-American"]  # the piece after the hyphen
    assert _spans_for(text, ["Mexican"]) == ["Mexican-American"]  # the piece before it, capital after
    assert _spans_for(text, ["Brien"]) == ["O'Brien"]
    assert _spans_for(text, ["Russia"]) == ["Russia"]  # a possessive 's is not part of the actor
    assert _spans_for("Kremlin-backed rebels denied it.", ["K", "rem", "lin"]) == ["Kremlin"]  # no capital after the hyphen


def _pieces_as_spans(text: str, pieces: list[str]) -> list[str]:
    """Tag each phrase of ``pieces`` as its own source span (B- then I-); read the spans back."""
    offsets = offsets_of(text)
    tags = np.zeros(len(offsets), dtype=int)
    for piece in pieces:
        start = text.index(piece)
        toks = [i for i, (a, b) in enumerate(offsets) if b > a and a >= start and b <= start + len(piece)]
        tags[toks[0]] = B_SRC
        tags[toks[1:]] = I_SRC
    return [s.text for s in tags_to_spans(tags, offsets, text, B_SRC, I_SRC)]


def test_pieces_of_one_phrase_join_across_a_space_or_a_connecting_word():
    text = "A spokeswoman for the National Security Council denied it, CBI spokesperson Kanchan Prasad said."
    assert _pieces_as_spans(text, ["A spokeswoman for", "National Security Council"]) == [
        "A spokeswoman for the National Security Council"]
    assert _pieces_as_spans(text, ["Kanchan", "Prasad"]) == ["Kanchan Prasad"]


def test_pieces_join_across_one_dropped_word_of_a_title():
    text = "White House Chief of Staff Denis McDonough and Foreign Ministry spokesman Wang Wenbin denied it."
    assert _pieces_as_spans(text, ["White", "Chief of Staff Denis McDonough"]) == [
        "White House Chief of Staff Denis McDonough"]
    assert _pieces_as_spans(text, ["Foreign Ministry", "Wang Wenbin"]) == ["Foreign Ministry spokesman Wang Wenbin"]


def test_pieces_apart_by_a_comma_a_coordinator_a_reporting_verb_or_two_words_stay_two_actors():
    text = "Russia and Iran denied it, Rosenstein, the deputy, said."
    assert _pieces_as_spans(text, ["Russia", "Iran"]) == ["Russia", "Iran"]
    assert _pieces_as_spans(text, ["Rosenstein", "the deputy"]) == ["Rosenstein", "the deputy"]
    text = "Moscow said Kyiv lied, and Ankara later told Baku it would not interfere."
    assert _pieces_as_spans(text, ["Moscow", "Kyiv"]) == ["Moscow", "Kyiv"]
    assert _pieces_as_spans(text, ["Ankara", "Baku"]) == ["Ankara", "Baku"]  # two words: "later told"


def test_a_word_left_untagged_inside_a_phrase_does_not_split_one_speaker_in_two():
    """The tagger tagged "The former first lady and U.S. senator" but for the "U" of "U.S.": one speaker."""
    text = "The former first lady and U.S. senator denied that she mishandled classified information."
    offsets = offsets_of(text)
    toks = [text[a:b] for a, b in offsets]
    tags = np.zeros(len(offsets), dtype=int)
    first, last = toks.index("The"), toks.index("senator")
    tags[first], tags[first + 1:last + 1] = B_SRC, I_SRC
    tags[toks.index("U")] = 0
    assert [s.text for s in tags_to_spans(tags, offsets, text, B_SRC, I_SRC)] == [
        "The former first lady and U.S. senator"]


def test_spans_lose_function_words_at_their_edges():
    text = "The former first lady and U.S. officials at the Ministry of Defence denied it."
    assert _pieces_as_spans(text, ["The former first lady and"]) == ["The former first lady"]
    assert _pieces_as_spans(text, ["and U.S. officials"]) == ["U.S. officials"]
    assert _pieces_as_spans(text, ["the Ministry of"]) == ["the Ministry"]
    text = "The minister, and Ukraine's envoy, the chair of Group A denied it."
    assert _pieces_as_spans(text, ["The minister, and"]) == ["The minister"]  # no comma left bare
    assert _pieces_as_spans(text, ["Ukraine's envoy, the"]) == ["Ukraine's envoy"]
    assert _pieces_as_spans(text, ["the chair of Group A"]) == ["the chair of Group A"]  # "A" is a name's
    assert _pieces_as_spans("Officials of the U.S. and allies denied it.", ["Officials of the U.S. and"]) == [
        "Officials of the U.S."]  # an abbreviation keeps its full stop


def test_a_span_that_stops_inside_a_capitalised_name_takes_the_rest_of_it():
    text = "Calls for an inquiry were rejected by the Human Rights Council in Geneva on Friday."
    assert _pieces_as_spans(text, ["the Human Rights"]) == ["the Human Rights Council"]
    assert _pieces_as_spans(text, ["Geneva"]) == ["Geneva"]  # "on" is no name
    assert _pieces_as_spans("Kyiv accused Russia Tuesday of shelling the port.", ["Russia"]) == ["Russia"]
    assert _pieces_as_spans("Lawmakers accused the firm of lying.", ["Lawmakers"]) == ["Lawmakers"]
    # A headline in title case capitalises its verbs: the span stays as tagged.
    assert _pieces_as_spans("Protesters in Mexico Demand Answers Over Missing Students", ["Protesters in Mexico"]) == [
        "Protesters in Mexico"]
