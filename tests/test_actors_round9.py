"""Resolver rules of round 26: an "X-based" place written right before a name; a headline's country that is only
the other party yields to the dateline's; "the bloc"; a name whose posts are a firm's is a body; a region is no
body; two ministries of one country told apart; a release's defined term ('("the Company")'); no apposition where a
clause follows a name; a name set off after a firm's noun is a body; trades that open Spanish and Portuguese firms'
names; a country's ship or jet is a craft, not the country; "the European side" is the EU."""
from __future__ import annotations

from claimcoder.scoring.actors import ArticleResolver, person_name

from .test_actors import _actors, _article


def test_a_place_written_x_based_right_before_a_name_is_its_country(bundled):
    art = _article(
        ("Port operator goes to court over diverted cargo", []),
        ("GHENT, Belgium, May 2 - A Belgian stevedore has sued Hamburg-based Elbkontor Logistik, saying it broke "
         "a handling contract.", [("accusation", "A Belgian stevedore", "Elbkontor Logistik")]),
    )
    (_, firm), = _actors(art, bundled)
    assert firm.name == "Elbkontor Logistik" and firm.affiliation == "DEU"


def test_a_headline_country_that_is_only_the_other_party_yields_to_the_dateline(bundled):
    r = ArticleResolver(bundled)
    r.read(["Atlético Sarandí in row with Paraguayan club over unpaid fee",
            "MONTEVIDEO — Atlético Sarandí was accused on Monday by a Paraguayan side of failing to pay a transfer "
            "fee, and Uruguay's football association said it would look into the case."])
    assert r.home == "URY"
    r.read(["Paraguayan club accuses Atlético Sarandí over unpaid fee",
            "MONTEVIDEO — A Paraguayan side accused Atlético Sarandí on Monday of failing to pay a transfer fee, "
            "and Uruguay's football association said it would look into the case."])
    assert r.home == "PRY"  # the headline's subject keeps the story


def test_the_bloc_is_the_bloc_named_before(bundled):
    art = _article(
        ("Beijing says Brussels is protectionist", []),
        ("China accused the European Union of protectionism on Monday.", []),
        ("The bloc's trade commissioner said Beijing must explain its subsidies.",
         [("demand_explanation", "The bloc's trade commissioner", "Beijing")]),
        ("The bloc has rejected the charge.", [("denial", "The bloc", None)]),
    )
    (commissioner, _), (bloc, _) = _actors(art, bundled)
    assert commissioner.affiliation == "EU"
    assert bloc.code == "EU"


def test_a_name_whose_posts_are_a_firm_s_is_a_body_and_he_is_the_post_holder(bundled):
    art = _article(
        ("Smelter denies leak", []),
        ("Regulators said the Balkhash plant had leaked acid into the river.", []),
        ("Altyn Dala's chief executive, Aibek Serikov, said in an interview that the readings were wrong.", []),
        ("\u201cWe have hidden nothing,\u201d he said.", [("denial", "he", None)]),
    )
    (he, _), = _actors(art, bundled)
    assert he.name == "Aibek Serikov"


def test_a_region_named_with_its_country_is_no_body_that_the_company_could_be(bundled):
    art = _article(
        ("Miner faces fine over spill", []),
        ("A dam at a copper plant in Kazakhstan's Pavlodar region leaked last year, and its owner is now in court.",
         []),
        ("The ministry said the company had hidden the leak.", [("accusation", "The ministry", "the company")]),
    )
    (_, company), = _actors(art, bundled)
    assert "Pavlodar" not in company.name


def test_two_ministries_of_one_country_are_told_apart_by_their_modifiers(bundled):
    art = _article(
        ("Fuel shipments held at border", []),
        ("Ghana's energy ministry said on Monday that Togolese officials had delayed fuel trucks at the border.",
         [("accusation", "Ghana's energy ministry", "Togolese officials")]),
        ("Ghana's foreign ministry said it had asked Lomé to explain the delays.",
         [("demand_explanation", "Ghana's foreign ministry", "Lomé")]),
    )
    (energy, _), (foreign, _) = _actors(art, bundled)
    assert energy != foreign and "foreign" in foreign.name.lower()


def test_a_release_s_defined_term_is_the_body_it_follows(bundled):
    art = _article(
        ("Statement on press reports", []),
        ("NAGOYA, May 9 — Hoshino Bearing Industries Co., Ltd. (\"the Company\") issues this statement on articles "
         "about its Toyota City plant.", []),
        ("Articles published by the business magazine Shukan Keizai allege that staff altered test data.",
         [("accusation", "the business magazine Shukan Keizai", "staff")]),
        ("The Company denies that any data was altered.", [("denial", "The Company", None)]),
    )
    _, (company, _) = _actors(art, bundled)
    assert company.name.startswith("Hoshino Bearing")


def test_a_clause_after_a_name_is_no_apposition(bundled):
    art = _article(
        ("Fish sauce maker recalls batches", []),
        ("The food agency said Mekong Brine Joint Stock Company had failed to report two tests.", []),
        ("In a filing to the Hanoi Stock Exchange, the company said it had recalled the batches.",
         [("denial", "the company", None)]),
    )
    (company, _), = _actors(art, bundled)
    assert company.name == "Mekong Brine Joint Stock Company"


def test_a_name_set_off_after_a_firm_s_noun_is_a_body(bundled):
    art = _article(
        ("Shipyard deaths trial", []),
        ("A contractor that inspected the yard's cranes is also on trial.", []),
        ("The contractor, Haedong Inspection, rejected the lawyer's claim that it had altered records.",
         [("denial", "Haedong Inspection", None), ("accusation", None, "it")]),
    )
    (firm, _), (_, it) = _actors(art, bundled)
    assert firm.kind == "organization" and it.name == "Haedong Inspection"


def test_a_trade_that_opens_a_spanish_or_portuguese_firm_s_name_makes_a_body(bundled):
    assert person_name("Terminal Portuario Austral", bundled) is None
    assert person_name("Servicios de Agua del Sur", bundled) is None
    assert person_name("Lucía Garza Treviño", bundled) == "Lucía Garza Treviño"
    art = _article(
        ("Port operator denies favouring exporters", []),
        ("ANTOFAGASTA, Chile — Terminal Portuario Austral denied on Monday that it had delayed a mining firm's "
         "shipments.", [("denial", "Terminal Portuario Austral", None)]),
    )
    (port, _), = _actors(art, bundled)
    assert port.kind == "organization" and port.affiliation == "CHL"


def test_a_country_s_craft_is_a_craft_of_that_country_not_the_country(bundled):
    art = _article(
        ("Manila protests over survey ship", []),
        ("MANILA, May 3 - The Philippines accused a Chinese survey ship on Friday of entering its waters.",
         [("accusation", "The Philippines", "a Chinese survey ship")]),
        ("The foreign ministry said the Chinese ship had ignored radio calls.",
         [("accusation", "The foreign ministry", "the Chinese ship")]),
    )
    (_, ship), (_, again) = _actors(art, bundled)
    assert ship.kind == "other" and ship.affiliation == "CHN" and again == ship


def test_beijing_s_european_side_is_the_eu(bundled):
    art = _article(
        ("China hits back at Brussels over steel duties", []),
        ("The European Union accused China of dumping steel on Monday.", []),
        ("\u201cThe Chinese side hopes the European side will correct its practice,\u201d the spokesman said.",
         [("demand_explanation", "The Chinese side", "the European side")]),
    )
    (china, eu), = _actors(art, bundled)
    assert china.code == "CHN" and eu.code == "EU"
