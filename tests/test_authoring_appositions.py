"""The corpus keeps one span convention for appositions: the name, not the descriptor before it."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimcoder.data import authoring
from claimcoder.data.authoring import apposed_name, find_phrase
from claimcoder.data.io import DataError


def _name(text: str, phrase: str) -> str | None:
    span = apposed_name(text, find_phrase(text, phrase))
    return None if span is None else span.text


@pytest.mark.parametrize("text, phrase, name", [
    ("The Senate majority leader, Gordon Pell, accused Democrats of stalling.", "The Senate majority leader",
     "Gordon Pell"),
    ("A Pentagon spokesman, Major Daniel Ortega-Reyes, said the move was unsafe.", "A Pentagon spokesman",
     "Major Daniel Ortega-Reyes"),
    ("The group, Citizens' Rights Watch Nigeria (CRWN), said its researchers had been threatened.", "The group",
     "Citizens' Rights Watch Nigeria (CRWN)"),
    ("Ezeani's lawyer, Chief Olu Adegbite, suggested the witness had lied.", "Ezeani's lawyer", "Chief Olu Adegbite"),
    ("His team, Astana-based Steppe Racing, said it had suspended the rider.", "His team", "Steppe Racing"),
    ("Prosecutors accused the economy minister, Abbas Nazeri.", "the economy minister", "Abbas Nazeri"),
])
def test_a_descriptor_before_a_name_points_at_the_name(text, phrase, name):
    assert _name(text, phrase) == name


@pytest.mark.parametrize("text, phrase, name", [
    ("Kenya's envoy in Vienna, Miriam Otieno, said the charge was untrue.", "Kenya's envoy in Vienna",
     "Miriam Otieno"),
    ("The Minister for Housing, Dr Sean Boyle TD, demanded an explanation.", "The Minister for Housing",
     "Dr Sean Boyle TD"),
    ("The campaign's PAC, Lakeshore Values Fund, denied the report.", "The campaign's PAC", "Lakeshore Values Fund"),
])
def test_a_descriptor_ending_in_a_capitalised_place_or_acronym_points_at_the_name(text, phrase, name):
    assert _name(text, phrase) == name


@pytest.mark.parametrize("text, phrase", [
    ("Prosecutors indicted the sheriff of Dunmore County, Georgia, on Tuesday.", "the sheriff of Dunmore County"),
    ("Mexico's consulate in Windsor, Ontario, said it had asked for answers.", "Mexico's consulate in Windsor"),
    ("The court heard that prosecutor Ilse Brandt, Jonas Weber, 41, signed the invoices.", "prosecutor Ilse Brandt"),
])
def test_a_capitalised_end_before_a_place_or_another_person_is_no_apposition(text, phrase):
    assert _name(text, phrase) is None


@pytest.mark.parametrize("text, phrase", [
    ("Gordon Pell, the Senate majority leader, accused Democrats of stalling.", "Gordon Pell"),  # the name already
    ("According to the indictment, Mr. Kessler met the lobbyist twice.", "the indictment"),
    ("Lawyers for the former head of private clients, Dieter Lansky, said her account was false.",
     "Lawyers for the former head of private clients"),  # the name is the head's, not the lawyers'
    ("A court sentenced three environmental activists, Le Thi Thu Trang, Vo Minh Khoa and Dang Quang, for fraud.",
     "three environmental activists"),
    ("Officials in the capital, Kabul, said the report was false.", "Officials in the capital"),
    ("The minister, Tuesday, denied it.", "The minister"),
    ("The minister said the report was false.", "The minister"),
])
def test_other_commas_are_no_apposition(text, phrase):
    assert _name(text, phrase) is None


def test_the_check_names_the_field_and_the_name(tmp_path):
    article = {"doc_id": "t-001", "beat": "politics_national", "style": "wire", "sentences": [
        {"text": "The contractor, Murat Yalcinkaya, denied any fault.",
         "claims": [{"type": "denial", "source": "The contractor", "target": None}]}]}
    problems: list = []
    authoring.article_to_sentences(article, "a.jsonl", 3, problems)
    assert [(p.line, p.field) for p in problems] == [(3, "sentences[0].claims[0].source")]
    assert "'Murat Yalcinkaya'" in problems[0].message
    article["sentences"][0]["claims"][0]["source"] = "Murat Yalcinkaya"
    problems.clear()
    authoring.article_to_sentences(article, "a.jsonl", 3, problems)
    assert problems == []


def test_the_bundled_authoring_files_keep_the_convention():
    src = Path(authoring.__file__).parent / "corpus" / "src"
    if not src.is_dir():
        pytest.skip("the authoring files are not installed (only a source checkout has them)")
    try:
        authoring.read_authoring(sorted(src.glob("*.jsonl")))
    except DataError as exc:  # pragma: no cover - the message is the point
        pytest.fail(str(exc)[:2000])


@pytest.mark.parametrize("text, phrase, name", [
    ("At the meeting, the deputy mayor, Rose Namukose, accused the clerk's office of waste.",
     "the deputy mayor, Rose Namukose", "Rose Namukose"),  # the whole apposition
    ("The deputy mayor, Rose Namukose, accused the clerk's office of waste.", "Rose Namukose", None),
    ("The Ministry of Foreign Affairs, International Trade and Worship rejected the report.",
     "The Ministry of Foreign Affairs, International Trade and Worship", None),  # one name with a comma
    ("Britain's Foreign, Commonwealth and Development Office denied it.",
     "Foreign, Commonwealth and Development Office", None),
])
def test_a_whole_apposition_is_a_problem_and_a_name_with_a_comma_is_not(text, phrase, name):
    problem = authoring._apposition_problem(text, find_phrase(text, phrase))
    assert (problem.text if problem else None) == name
