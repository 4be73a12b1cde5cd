"""Resolver rules of round 4: places are no bodies, titled people after "and", role nouns as headline names,
acronyms spelt out, public bodies met by "the agency" or "the regulator"."""
from __future__ import annotations

import pytest

from claimcoder.data.actor_dictionary import ActorDictionary
from claimcoder.scoring.actors import ArticleResolver, looks_like_place

from .test_actors import _actors, _article


@pytest.mark.parametrize("phrase, place", [
    ("Red Lake", True), ("the Hunter Valley", True), ("South Jakarta", True),
    ("Redline Research", False), ("Southern Cross Seafoods", False), ("Valley", False),
])
def test_a_lake_a_valley_or_a_compass_part_of_a_town_is_a_place(phrase, place):
    assert looks_like_place(phrase) is place


def test_places_listed_together_are_never_the_company(bundled):
    art = _article(
        ("Couriers walk out over pay at delivery app Zipli", []),
        ("Hundreds of riders logged off across London, Manchester and Birmingham on Friday.", []),
        ("A union accused the firm of cutting fees.", [("accusation", "A union", "the firm")]),
    )
    ((_, firm),) = _actors(art, bundled)
    assert firm.name == "Zipli"


def test_a_country_followed_by_other_words_is_no_body_of_that_country(bundled):
    text = "The drug, sold in France under the brand name Calmivex, is made by Russia's defence ministry."
    resolver = ArticleResolver(bundled)
    resolver.read([text])
    bodies = [m.text for m in resolver._state_bodies(text, 0, 0)]
    assert bodies == ["Russia's defence ministry"]


def test_a_titled_person_after_and_is_not_part_of_the_body_before(bundled):
    resolver = ArticleResolver(bundled)
    parts = [p for _, p in resolver._np_parts(
        "With me are the Riverside Police Department and Councilman Tom Esposito, and Marks and Spencer.")]
    assert "Councilman Tom Esposito" in parts and any(p.endswith("Marks and Spencer.") for p in parts)
    assert "the Riverside Police Department" in parts


def test_a_headline_acronym_is_the_body_spelt_out_below_and_the_agency_is_it(bundled):
    art = _article(
        ("FAA blames contractor for radar outage", [("accusation", "FAA", "contractor")]),
        ("The Federal Aviation Administration said a faulty update had caused the outage.", []),
        ("Meridian Avionics said the agency had approved the update.", [("denial", "Meridian Avionics", None)]),
        ("Lawmakers asked the agency to explain.", [("demand_explanation", "Lawmakers", "the agency")]),
    )
    (faa, _), _, (_, agency) = _actors(art, bundled)
    assert faa.name == "Federal Aviation Administration" and agency == faa


def test_a_firm_s_short_name_is_not_its_spokesperson(bundled):
    art = _article(
        ("SEOUL, May 2 - Daeyang Electronics denied the report.", [("denial", "Daeyang Electronics", None)]),
        ("A Daeyang spokeswoman said the phones were safe.", [("denial", "A Daeyang spokeswoman", None)]),
        ("Daeyang said it would sue.", [("accusation", "Daeyang", None)]),
    )
    (firm, _), _, (short, _) = _actors(art, bundled)
    assert short == firm


def test_a_turkish_dotted_capital_still_names_its_place(bundled):
    assert [code for *_, code in bundled.places("The deputy for İzmir spoke first.")] == ["TUR"]


def test_a_lead_s_new_firm_is_the_one_named_as_the_next_sentence_s_subject(bundled):
    art = _article(
        ("Pop star sued over Phuket villa", []),
        ("Singer Danny Coles is being sued by a Thai construction firm over a villa it built for him.",
         [("accusation", "a Thai construction firm", "Singer Danny Coles")]),
        ("Andaman Build Co. has filed a claim at the Phuket Provincial Court.", []),
    )
    ((firm, _),) = _actors(art, bundled)
    assert firm.name == "Andaman Build Co." and firm.kind == "organization"


def test_a_headline_pronoun_before_anyone_is_named_is_the_person_named_next(bundled):
    art = _article(
        ("Trips to Capri: now he says it was all for work", [("denial", "he", None)]),
        ("Tourism minister Gianfranco Lodi billed taxpayers for eight trips to Capri.", []),
    )
    ((he, _),) = _actors(art, bundled)
    assert he.name == "Gianfranco Lodi" and he.kind == "person"


def test_a_person_met_as_an_owner_is_met(bundled):
    art = _article(
        ("Residents want answers from Mayor Dolores Kitteridge's administration about the fund.",
         [("demand_explanation", "Residents", "Mayor Dolores Kitteridge's administration")]),
        ("Kitteridge denied it, and she said nobody took a dime.", [("denial", "she", None)]),
    )
    _, (she, _) = _actors(art, bundled)
    assert she.name == "Dolores Kitteridge" and she.kind == "person"


def test_a_release_s_headline_sentence_is_no_issuer_and_nsw_is_australian(bundled):
    from claimcoder.scoring.actors import issuer_named
    assert issuer_named("MEDIA RELEASE – Independent councillors call for inquiry into tower", bundled) is None
    assert issuer_named("MEDIA RELEASE – Coalition for Clean Rivers", bundled) == "Coalition for Clean Rivers"
    assert [code for *_, code in bundled.places("the NSW Office of Local Government")] == ["AUS"]


def test_a_body_s_name_ending_in_a_person_like_word_is_no_person(bundled):
    from claimcoder.scoring.actors import person_name
    assert person_name("Office for National Statistics", bundled) is None
    assert person_name("Bank of England Governor Andrew Bailey", bundled) == "Andrew Bailey"


def test_a_headline_s_national_firm_is_the_first_new_body_of_that_country_named_next(bundled):
    art = _article(
        ("Dutch telecoms group blames contractor for breach", [("accusation", "Dutch telecoms group", "contractor")]),
        ("AMSTERDAM, March 12 (wire) - Records of customers of Kelderveld Telecom, the Netherlands' third-largest "
         "mobile operator, were copied from a billing system.", []),
    )
    ((group, _),) = _actors(art, bundled)
    assert group.name == "Kelderveld Telecom" and group.affiliation == "NLD"


@pytest.mark.parametrize("name, person", [
    ("Secretary of State Antony Blinken", "Antony Blinken"), ("Minister of Health Wes Streeting", "Wes Streeting"),
    ("Office for National Statistics", None),
])
def test_a_post_of_a_ministry_before_a_name_still_gives_the_person(bundled, name, person):
    from claimcoder.scoring.actors import person_name
    assert person_name(name, bundled) == person


def test_review_cases_of_round_19(bundled):
    from claimcoder.data.schema import Actor
    from claimcoder.scoring.actors import issuer_named
    assert not looks_like_place("Central Bank") and not looks_like_place("Northern Alliance")
    assert issuer_named("PRESS RELEASE – Delegation of the European Union to Bolivia", bundled) == \
        "Delegation of the European Union to Bolivia"
    parts = [p for _, p in ArticleResolver(bundled)._np_parts(
        "The Royal College of Physicians and Surgeons of Glasgow and Mr and Mrs Smith wrote.")]
    assert any(p.endswith("Physicians and Surgeons of Glasgow") for p in parts)
    assert any("Mr and Mrs Smith" in p for p in parts)
    d = ActorDictionary()
    d.add(Actor("İzmir Metropolitan Municipality", "organization"), [])
    assert [h.actor.name for h in d.find("the İzmir Metropolitan Municipality said")] == \
        ["İzmir Metropolitan Municipality"]
