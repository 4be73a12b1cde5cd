"""Resolver rules of round 31: EU agencies, UN missions and a few other bodies are listed, and codes that are other
bodies' initials too (EMA, AIU) stand for the listed body only where spelt out; a sentence opening "In Oslo," places
the state's voices after it; "A ministry spokesman, NAME," takes the ministry that just spoke; "X, whose director,
NAME," ties NAME to X; an owner's post nearest the name wins ("The AIU charged Kiprotich's former coach, NAME,"); a
long post must be set off as one; a parent's country is not its subsidiary's; a title's sex bars a namesake of the
other; datelines and names may hold accented capitals. The reviews' traps for these rules are in the stories data
(``test_actors_stories.py``)."""
from __future__ import annotations

from claimcoder.scoring.actors import ArticleResolver, dateline

from .test_actors import _actors, _article


def test_eu_agencies_and_un_missions_are_listed_and_their_staff_take_them(bundled):
    art = _article(
        ("EU prosecutors charge former regional official", []),
        ("LYON, June 5 - The European Public Prosecutor's Office said it had charged two farm consultants with fraud.",
         [("accusation", "The European Public Prosecutor's Office", "two farm consultants")]),
        ("UNMISS accused government soldiers of looting.", [("accusation", "UNMISS", "government soldiers")]),
    )
    (eppo, consultants), (unmiss, soldiers) = _actors(art, bundled)
    assert (eppo.code, eppo.affiliation) == ("EPPO", "EU")
    assert consultants.affiliation == "FRA"  # those a body charges are not its own staff
    assert (unmiss.code, unmiss.affiliation) == ("UNMISS", "UN")
    assert soldiers.affiliation != "UN"


def test_an_ambiguous_code_is_the_listed_body_only_where_spelt_out(bundled):
    art = _article(
        ("County storm shelters open", []),
        ("The county's Emergency Management Agency (EMA) opened shelters in Macon, Georgia.", []),
        ("Residents accused the EMA of opening them too late.", [("accusation", "Residents", "the EMA")]),
    )
    ((_, ema),) = _actors(art, bundled)
    assert ema.affiliation != "EU"  # not the European Medicines Agency


def test_a_place_opening_a_sentence_places_the_state_s_voices_after_it(bundled):
    art = _article(
        ("Iceland protests Norwegian boarding of trawler", []),
        ("REYKJAVIK, May 2 - Iceland's foreign ministry summoned Norway's ambassador after a Norwegian coast guard "
         "vessel boarded an Icelandic trawler.", []),
        ("In Oslo, a foreign ministry spokesman said the coast guard had acted lawfully and rejected the protest.",
         [("denial", "a foreign ministry spokesman", None)]),
        ("In Paris, a team doctor accused the organisers of negligence.",
         [("accusation", "a team doctor", "the organisers")]),
    )
    (spokesman, _), (doctor, _) = _actors(art, bundled)
    assert spokesman.affiliation == "NOR"
    assert doctor.affiliation != "FRA"  # a venue does not place a team's doctor


def test_a_ministry_spokesman_takes_the_ministry_that_just_spoke(bundled):
    art = _article(
        ("Ukraine accuses Hungary of stalling EU gas storage deal", []),
        ("KYIV, Oct 14 - Ukraine's energy ministry accused the Hungarian government of holding up the deal.", []),
        ("Hungary's foreign ministry rejected the charge, saying its concerns were legitimate.", []),
        ("A ministry spokesman, Gabor Szalai, said Hungary was not blocking anything.",
         [("denial", "Gabor Szalai", None)]),
    )
    ((szalai, _),) = _actors(art, bundled)
    assert szalai.affiliation == "HUN"


def test_whose_post_ties_the_name_to_the_body_before_it(bundled):
    art = _article(
        ("Hearing transcript: commission examines factory fire", []),
        ("Excerpts from Tuesday's hearing in Jakarta of a commission of Indonesia's House of Representatives.", []),
        ("The plant is owned by Meridian Circuits Pte Ltd of Singapore, whose regional operations director, Tan Wei "
         "Ming, testified.", []),
        ("CHAIR: We have received reports that the exits were padlocked.", []),
        ("TAN: Madam Chair, the exits were not locked during working hours.", [("denial", "TAN", None)]),
    )
    ((tan, _),) = _actors(art, bundled)
    assert tan.affiliation == "SGP"


def test_an_owner_s_post_nearest_the_name_wins(bundled):
    art = _article(
        ("Kenyan marathon winner banned", []),
        ("NAIROBI, May 2 - Kenyan runner Daniel Kiprotich was banned for four years by the Athletics Integrity Unit.",
         []),
        ("The AIU charged Kiprotich's former coach, Peter Mwangi, with possessing banned substances.",
         [("accusation", "The AIU", "Peter Mwangi")]),
    )
    ((aiu, mwangi),) = _actors(art, bundled)
    assert aiu.code == "AIU"
    assert mwangi.affiliation == "KEN"  # Kiprotich's coach, not the AIU's


def test_a_long_post_before_a_name_is_read_and_a_clause_is_not(bundled):
    art = _article(
        ("Zambia accuses Congo of border delays", []),
        ("LUSAKA, March 12 - Zambia's government accused authorities in Congo of delaying copper trucks.", []),
        ("A spokesman for the Congolese customs directorate in Lubumbashi, Jean-Pierre Mukendi, denied it.",
         [("denial", "Jean-Pierre Mukendi", None)]),
        ("After meeting the Congolese trade minister in Kinshasa on Monday evening, Mary Banda accused the customs "
         "of extortion.", [("accusation", "Mary Banda", None)]),
    )
    (mukendi, _), (banda, _) = _actors(art, bundled)
    assert mukendi.affiliation == "COD"
    assert banda.affiliation == "ZMB"


def test_a_parent_s_country_is_not_its_subsidiary_s(bundled):
    art = _article(
        ("Villagers sue manganese miner", []),
        ("LIBREVILLE, Nov 4 - A court in the Gabonese town of Franceville began hearing a lawsuit against a miner.", []),
        ("The company, Haut-Ogooue Manganese SA, a subsidiary of a Singapore-registered trading group, denies the "
         "allegations.", [("denial", "Haut-Ogooue Manganese SA", None)]),
    )
    ((firm, _),) = _actors(art, bundled)
    assert firm.affiliation == "GAB"


def test_a_title_s_sex_bars_a_namesake_of_the_other(bundled):
    art = _article(
        ("Ombudsman examines arrest of Polish man in Limerick", []),
        ("LIMERICK, Oct 14 - The Garda Ombudsman opened an investigation into the arrest of a Polish man.", []),
        ("The man, Tomasz Wrobel, a warehouse worker, was treated in hospital.", []),
        ("His sister, Agnieszka Wrobel, told reporters that gardai had beaten him.", []),
        ("Mr Wrobel denied the charges.", [("denial", "Mr Wrobel", None)]),
    )
    ((wrobel, _),) = _actors(art, bundled)
    assert wrobel.name == "Tomasz Wrobel"


def test_accented_capitals_open_datelines_and_names(bundled):
    assert dateline("HRADEC KRÁLOVÉ - Lvi Hradec levelled the series.")[1] == "HRADEC KRÁLOVÉ"
    assert dateline("SÃO PAULO, May 3 - The firm said")[1] == "SÃO PAULO"
    art = _article(
        ("Hradec edge Ostrava in overtime", []),
        ('"It was a foul," Ostrava head coach Radim Šimek said.', [("accusation", "Ostrava head coach Radim Šimek",
                                                                     None)]),
    )
    ((simek, _),) = _actors(art, bundled)
    assert (simek.name, simek.kind) == ("Radim Šimek", "person")


def test_cambodian_provinces_and_new_zealand_words_place_a_story(bundled):
    resolver = ArticleResolver(bundled)
    resolver.read(["Kandal garment workers stage sit-in over unpaid wages",
                   "More than 600 workers at a factory in Kandal province spent a third day outside its gates.",
                   "The factory is owned by a Hong Kong-registered company, workers said."])
    assert resolver.home == "KHM"
    resolver = ArticleResolver(bundled)
    resolver.read(["District council update on boil water notice",
                   "The council has extended the boil water notice while testing continues.",
                   "Taumata Arowai, the drinking water regulator, has been notified.",
                   "Water will be handed out at the Main Road shops and to whānau at the marae."])
    assert resolver.home == "NZL"
