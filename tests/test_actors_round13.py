"""Resolver rules of round 30: regions and islands by their English names ("the Balearic government", "Nuevo
Leon state police") place a story; "Hellenic" is Greek and "Greek Cypriot" Cypriot; a person's apposition naming a
body by a common noun ("a spokeswoman for the agency") takes that body's side; a headline nationality after a
result's verb before a side's noun ("beat Brazilian visitors") is the other party's; "Lebanon's Tripoli" puts the town
in Lebanon; an MEP sits in the European Parliament; a dateline's state or country before a day-first date is read; a
release's "About X:" note names its issuer; a bare noun takes the nationality last written before it; a complaint's
quoted "they" is not the speaker's own people. The reviews' traps for these rules are in the stories data
(``test_actors_stories.py``)."""
from __future__ import annotations

from claimcoder.scoring.actors import ArticleResolver, placed_towns

from .test_actors import _actors, _article


def test_a_region_by_its_english_name_places_a_story_that_names_no_country(bundled):
    resolver = ArticleResolver(bundled)
    resolver.read(["Port residents say enough as cruise coaches return",
                   "Coaches came down the valley road before ten o'clock, residents said.",
                   "The Consell de Mallorca said the permits had been issued under rules of the Balearic government.",
                   "The Balearic tourism department said it was drafting a decree to cap coach arrivals.",
                   "Many of the visitors were from Germany, and a retired teacher from Hamburg said she had no idea."])
    assert resolver.home == "ESP"
    assert [code for _, _, code in bundled.places("in Baja California on Monday")] == ["MEX"]  # not California's


def test_hellenic_is_greek_and_greek_cypriot_is_cypriot(bundled):
    art = _article(
        ("Turkish coast guard picks up survivors", []),
        ("The Turkish coast guard said it had pulled 22 people from the water.", []),
        ("UNHCR asked the Hellenic Coast Guard for its radio logs.", [("demand_explanation", "UNHCR",
                                                                        "the Hellenic Coast Guard")]),
        ("Ankara accused the Greek Cypriot administration of harassment.",
         [("accusation", "Ankara", "the Greek Cypriot administration")]),
    )
    (_, guard), (_, cyprus) = _actors(art, bundled)
    assert guard.affiliation == "GRC"
    assert cyprus.code == "CYP"


def test_an_apposition_naming_a_body_by_a_common_noun_takes_its_side(bundled):
    art = _article(
        ("UN agency calls for inquiry", []),
        ("GENEVA - The United Nations refugee agency called on Greek authorities to investigate.",
         [("demand_explanation", "The United Nations refugee agency", "Greek authorities")]),
        ('"That would be a breach of Greece\'s obligations," Dana Okafor, a spokeswoman for the agency, said.',
         [("accusation", "Dana Okafor", "Greece")]),
        ("Ruth Bell, a spokeswoman for the ministry, denied it.", [("denial", "Ruth Bell", None)]),
    )
    _, (okafor, _), (bell, _) = _actors(art, bundled)
    assert okafor.affiliation == "UNHCR"
    assert bell.affiliation != "UNHCR"  # no ministry was named: not the agency's


def test_a_headline_nationality_after_a_result_s_verb_is_the_other_party_s(bundled):
    resolver = ArticleResolver(bundled)
    resolver.read(["Monterrey side beat Brazilian visitors as crowd trouble mars opener",
                   "MONTERREY, Mexico - Halcones beat Brazil's Aguias 91-87 in overtime on Wednesday night.",
                   "Aguias, last season's Brazilian runners-up, had led at half-time.",
                   "Supporters threw cups at the Brazilian bench, according to Nuevo Leon state police."])
    assert resolver.home == "MEX"


def test_a_country_s_possessive_puts_a_town_in_it(bundled):
    assert placed_towns(["Opinion: Lebanon's Tripoli has waited long enough"], bundled) == {"Tripoli": "LBN"}
    assert placed_towns(["Protests in Lebanon's northern city of Tripoli"], bundled) == {"Tripoli": "LBN"}
    assert placed_towns(["Russia's Vladimir Putin said", "Britain's Foreign Office said"], bundled) == {}


def test_an_mep_sits_in_the_european_parliament(bundled):
    art = _article(
        ("MEPs demand answers over spyware", []),
        ("Dutch MEP Femke de Wit accused the Greek government of stalling.",
         [("accusation", "Dutch MEP Femke de Wit", "the Greek government")]),
    )
    (mep, _), = _actors(art, bundled)
    assert mep.name == "Femke de Wit" and mep.affiliation == "EP"


def test_a_dateline_s_country_before_a_day_first_date_is_read(bundled):
    from claimcoder.scoring.actors import dateline

    text = "VALDIVIA, Chile, 14 August - The university issues the following statement."
    assert dateline(text) == (text.index("The university"), "VALDIVIA")
    resolver = ArticleResolver(bundled)
    resolver.read(["Statement on press reports about the water study", text,
                   "The articles were reproduced by media in Argentina, and an Argentine company holds the rights.",
                   "Communities in Chile, Argentina and Bolivia depend on the water."])
    assert resolver.home == "CHL"


def test_a_release_s_about_note_names_its_issuer(bundled):
    art = _article(
        ("Free Press Observatory calls on Turkish authorities to explain detention of journalist", []),
        ("STOCKHOLM, 4 June 2024 - The Free Press Observatory (FPO) is deeply concerned by the detention of a "
         "reporter in Izmir.", []),
        ("The FPO considers the detention an abuse by the Turkish authorities.",
         [("accusation", "The FPO", "the Turkish authorities")]),
        ("We call on the prosecutor's office to explain the grounds for her detention.",
         [("demand_explanation", "We", None)]),
        ("About the FPO: The Free Press Observatory is an independent organisation based in Stockholm.", []),
    )
    (fpo, turkey), (we, _) = _actors(art, bundled)
    assert fpo.name == "Free Press Observatory" and fpo.kind == "organization" and fpo.affiliation == "SWE"
    assert turkey.code == "TUR"
    assert we == fpo


def test_a_bare_noun_takes_the_nationality_last_written_before_it(bundled):
    art = _article(
        ("Japan detains South Korean squid boat, Seoul demands explanation", []),
        ("TOKYO, Oct 14 - Japan's coast guard detained a fishing vessel, saying the boat had been fishing inside "
         "Japan's zone.", [("accusation", "Japan's coast guard", "the boat")]),
    )
    (guard, boat), = _actors(art, bundled)
    assert guard.affiliation == "JPN" and boat.affiliation == "KOR"


def test_a_complaint_s_they_is_not_the_speaker_s_own_people(bundled):
    art = _article(
        ("Villagers say mine is draining their lagoon", []),
        ("LIMA, May 3 - Farming communities in Ancash accused Ridgeback Minerals of pumping water from a lagoon.",
         [("accusation", "Farming communities in Ancash", "Ridgeback Minerals")]),
        ('"They are taking our water at night, when nobody is there to watch," said Teodoro Huaman.',
         [("accusation", "Teodoro Huaman", "They")]),
    )
    _, (_, they) = _actors(art, bundled)
    assert they.name == "Ridgeback Minerals"
