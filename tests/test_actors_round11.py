"""Resolver rules of round 28: a town its writer puts in a country by name ("TRIPOLI, Lebanon") is that
country's town throughout the article; a body of the world or of a region of several countries by its name
("World Rugby", "the Andean Press Freedom Network") takes no country of the story's own; the world's and the
continents' sports federations are listed bodies."""
from __future__ import annotations

from claimcoder.scoring.actors import ArticleResolver, placed_towns

from .test_actors import _actors, _article


def test_a_town_put_in_a_country_by_name_is_that_country_s_town_throughout(bundled):
    assert placed_towns(["TRIPOLI, Lebanon - Bins overflowed."], bundled) == {"Tripoli": "LBN"}
    assert placed_towns(["The fair opened in London, Ontario, on Friday."], bundled) == {"London": "CAN"}
    for text in ("Paris, Berlin and Rome backed the plan.", "ATLANTA, Georgia (AP) - Storms hit.", "MINNA, Niger - x",
                 "Talks in Moscow, Russia, ended.", "Herders in Inner Mongolia, China, said so.",
                 "Ministers from The Philippines, Malaysia and Vietnam met."):
        assert placed_towns([text], bundled) == {}, text
    art = _article(
        ("Tripoli traders demand answers over power cuts", []),
        ("TRIPOLI, Lebanon - Shopkeepers in the old souks said the city's generators had been off for four days.",
         []),
        ("Councillor Hanan Mrad accused the utility of selling fuel meant for the city.",
         [("accusation", "Councillor Hanan Mrad", "the utility")]),
        ("Like Tripoli, other towns wait for fuel.", []),
    )
    resolver = ArticleResolver(bundled)
    resolver.read([s.text for s in art])
    assert resolver.home == "LBN" and resolver.datelined == ["LBN"]
    (councillor, utility), = _actors(art, bundled)
    assert councillor.affiliation == "LBN" and utility.affiliation == "LBN"


def test_a_body_of_the_world_or_of_a_region_takes_no_country_of_the_story(bundled):
    art = _article(
        ("Broadcaster fined over election coverage", []),
        ("LIMA, June 2 - The Andean Press Freedom Network accused the regulator of punishing critical reporting.",
         [("accusation", "The Andean Press Freedom Network", "the regulator")]),
        ("The World Boxing Federation said the bout would go ahead.", []),
    )
    (network, regulator), = _actors(art, bundled)
    assert network.kind == "organization" and network.affiliation is None
    assert regulator.affiliation == "PER"  # the story's own body keeps its country


def test_the_world_s_and_continents_sports_federations_are_listed_bodies(bundled):
    for alias, code in (("CONMEBOL", "CONMEBOL"), ("Confederation of African Football", "CAFOOT"), ("FIBA", "FIBA"),
                        ("World Rugby", "WRUGBY"), ("International Cycling Union", "UCI"),
                        ("European Handball Federation", "EHF")):
        found = bundled.exact(alias)
        assert found is not None and found.code == code and found.kind == "organization", alias
    assert bundled.exact("CAF") is None and bundled.exact("UCI") is None  # also Canada's forces, a university
    art = _article(
        ("Club fined after cup brawl", []),
        ("ROSARIO, Argentina - CONMEBOL fined Deportivo Ribera 40,000 dollars for the fight.",
         [("accusation", "CONMEBOL", "Deportivo Ribera")]),
    )
    (confed, club), = _actors(art, bundled)
    assert confed.code == "CONMEBOL" and confed.affiliation is None and club.affiliation == "ARG"

