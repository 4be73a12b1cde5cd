"""Resolver rules of round 29: a headline's country written as an owner's ("Canadian-owned mine") is not the
story's, nor one written as the nationality of what the story's party answers ("responds to Latvian findings");
words ending in a preposition before a name ("a hearing in Brussels with Marek Hudec") do not tie the name; a body
of a part of a continent by its name ("the Central European Press Freedom Network") takes no story country;
a list of places ("Sydney, Vancouver, and Dallas") puts no town in a state, and a bare dateline keeps its town."""
from __future__ import annotations

from claimcoder.scoring.actors import ArticleResolver, placed_towns

from .test_actors import _actors, _article


def test_a_headline_country_written_as_an_owner_s_is_not_the_story_s(bundled):
    art = _article(
        ("Herders say Canadian-owned mine is draining their springs", []),
        ("LIMA, May 3 - Herding families in Peru's Puno region accused the mine's operator of pumping water from "
         "two springs.", []),
        ("Community leader Rosa Quispe said the springs had run dry in March.", []),
        ("Quispe accused the company of hiding its water records.", [("accusation", "Quispe", "the company")]),
    )
    resolver = ArticleResolver(bundled)
    resolver.read([s.text for s in art])
    assert resolver.home == "PER"
    (leader, _), = _actors(art, bundled)
    assert leader.name == "Rosa Quispe" and leader.affiliation == "PER"


def test_a_headline_nationality_after_to_is_the_other_party_s(bundled):
    resolver = ArticleResolver(bundled)
    resolver.read(["Port operator responds to Latvian audit findings",
                   "TALLINN, May 4 - Estonian port operator Saare Terminal said an audit by Latvia's transport "
                   "ministry had misread its contracts.",
                   "The Estonian company said its books were open to Estonia's own regulator."])
    assert resolver.home == "EST"


def test_words_ending_in_a_preposition_before_a_name_do_not_tie_it(bundled):
    art = _article(
        ("Transcript: MEPs question Slovak regulator", []),
        ("The following is an excerpt from Tuesday's hearing of the European Parliament's civil liberties committee "
         "in Brussels with Marek Hudec, chair of Slovakia's Media Services Council.", []),
        ("HUDEC: I reject the claim that the broadcaster was not heard.", [("denial", "HUDEC", None)]),
    )
    (hudec, _), = _actors(art, bundled)
    assert hudec.name == "Marek Hudec" and hudec.affiliation == "SVK"


def test_a_body_of_a_part_of_a_continent_takes_no_story_country(bundled):
    art = _article(
        ("Regulator suspends broadcaster", []),
        ("BRATISLAVA, May 2 - The Central European Press Freedom Network accused the regulator of silencing critics.",
         [("accusation", "The Central European Press Freedom Network", "the regulator")]),
        ("The EuroLeague fined the club.", [("accusation", "The EuroLeague", None)]),
    )
    (network, regulator), (league, _) = _actors(art, bundled)
    assert network.affiliation is None and regulator.affiliation == "SVK"
    assert league.code == "EUROLEAGUE" and league.affiliation is None


def test_a_list_of_places_is_no_town_put_in_a_state_and_a_bare_dateline_keeps_its_town(bundled):
    for text in ("Flights from Sydney, Vancouver, and Dallas resume.", "Officials in Kyiv, Washington, and Brussels met.",
                 "Governments in Tripoli, Tunisia, Algeria and Egypt traded blame."):
        assert placed_towns([text], bundled) == {}, text
    assert placed_towns(["In Perth, Scotland, drivers say the road is unsafe."], bundled) == {"Perth": "GBR"}
    resolver = ArticleResolver(bundled)
    resolver.read(["Restaurateur fined over unpaid wages",
                   "PERTH - The Fair Work Ombudsman fined restaurateur Alasdair Grant, who was born in Perth, "
                   "Scotland, over unpaid wages at his Fremantle cafe."])
    assert "Perth" not in resolver.placed and resolver.home == "AUS"


def test_a_region_wide_name_needs_more_than_gulf_or_pacific(bundled):
    art = _article(
        ("Shrimpers blame importers", []),
        ("NEW ORLEANS - The Gulf Shrimpers Association accused importers of dumping cheap shrimp.",
         [("accusation", "The Gulf Shrimpers Association", "importers")]),
        ("The Caribbean Hotel and Tourism Association said the levy would hurt visitors.",
         [("accusation", "The Caribbean Hotel and Tourism Association", None)]),
    )
    (shrimpers, _), (hotels, _) = _actors(art, bundled)
    assert shrimpers.affiliation == "USA" and hotels.affiliation is None
