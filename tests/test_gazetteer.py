"""Towns as hints of an article's country: found in a place's position, never a person or an ambiguous name."""
from __future__ import annotations

import pytest

from claimcoder.data.gazetteer import town_countries, towns
from claimcoder.scoring.actors import ArticleResolver, dateline, home_votes, person_name, side_of

from .test_actors import _actors, _article


def _codes(text: str, **kw) -> list[tuple[str, str]]:
    return [(text[a:b], code) for a, b, code in towns(text, **kw)]


def test_a_town_in_a_place_s_position_gives_its_country():
    assert _codes("Two men were killed in an overnight gunfight in Pulwama.") == [("Pulwama", "IND")]
    assert _codes("Two residents of a Napier rest home died.") == []  # no place's position: "of a"
    assert _codes("The outbreak at a Napier rest home killed two.") == [("Napier", "NZL")]
    assert _codes("Hialeah police said the men were released.") == [("Hialeah", "USA")]
    assert _codes("a Hialeah-based exile group") == [("Hialeah", "USA")]


def test_an_english_name_of_a_town_counts_but_a_person_s_name_does_not():
    assert _codes("three patients died in a hospital in Patras") == [("Patras", "GRC")]
    assert _codes("Pop star Jada Monroe hit back at the claims.") == []  # "Monroe" does not open the name
    assert _codes("She said Monroe had lied.") == []  # a surname alone, not after "in", "from"...


def test_ambiguous_names_countries_and_common_words_are_not_towns():
    table = town_countries()
    assert "Reading" not in table and "Hamilton" not in table  # towns of that name in several countries
    assert "Mali" not in table and "Lebanon" not in table  # a country's name, read by the actor dictionary
    assert "Split" not in table  # a word before it is a town
    assert table["Youngstown"] == "USA" and table["Doncaster"] == "GBR"  # England's is 4x Australia's
    assert _codes("MONTERREY", require_position=False) == [] and _codes("Monterrey", require_position=False) == [
        ("Monterrey", "MEX")]


def test_a_story_that_names_no_country_takes_its_towns_country(bundled):
    art = _article(
        ("Families demand answers after norovirus outbreak at Napier rest home", []),
        ("The daughter of one resident said the home's manager had ignored the first cases for a week.",
         [("accusation", "The daughter of one resident", "the home's manager")]),
    )
    ((daughter, manager),) = _actors(art, bundled)
    assert side_of(daughter) == "NZL" and side_of(manager) == "NZL"


def test_a_surname_is_not_read_as_the_town_of_that_name(bundled):
    art = _article(
        ("Water board member Carla Jimenez asked why the contract was never put out to bid.", []),
        ("The county auditor is under pressure from Jimenez to account for the audit.",
         [("demand_explanation", "Jimenez", "The county auditor")]),
    )
    ((jimenez, auditor),) = _actors(art, bundled)
    assert side_of(jimenez) != "MEX" and side_of(auditor) != "MEX"  # Jiménez is a town in Mexico


def test_a_story_that_names_no_place_takes_the_country_its_words_point_to(bundled):
    from claimcoder.scoring.home import home_from_words

    assert home_from_words("The borough council said the £40,000 scheme was sound, and a Tory councillor called "
                           "it a shambles.") == "GBR"
    assert home_from_words("The county sheriff said the $3.2 million contract was sound; the state attorney "
                           "general demanded an explanation.") == "USA"
    assert home_from_words("") is None and home_from_words("zzzz qqqq") is None  # no word the corpus knows
    # a hearing whose words point nowhere in particular (Turkey, Brazil, Iran and Britain within 0.01): no country
    assert home_from_words("Public Accounts Committee - oral evidence on the ferry contract MINISTER: We followed the "
                           "procurement rules at every stage of the ferry contract. CHAIR: Minister, can you explain "
                           "why you signed off the contract two days before the audit? SIR JOHN PRICE: If I may, "
                           "Chair, the sign-off was a formality that officials had prepared for weeks.") is None
    art = _article(
        ("The county auditor is under pressure over the $3.2 million meter contract.", []),
        ("Board member Carla Jimenez accused chairman Ted Rourke of signing it without a bid.",
         [("accusation", "Board member Carla Jimenez", "chairman Ted Rourke")]),
    )
    ((jimenez, rourke),) = _actors(art, bundled)
    assert side_of(jimenez) == "USA" and side_of(rourke) == "USA"  # no country, town or institution is named


def test_the_words_classifier_leaves_out_the_articles_an_evaluation_holds_out(monkeypatch):
    """Gold articles from the training split are scored by a classifier that has not read them."""
    from claimcoder.data.schema import Sentence
    from claimcoder.scoring import home

    def doc(text, country):
        return [Sentence(text, meta={"countries": [country]})]
    corpus = {"us1": doc("The county sheriff and the state auditor spent $5 million.", "United States"),
              "us2": doc("The sheriff said the county auditor owes $2 million.", "United States"),
              "ie1": doc("The councillor said the gardaí spent €5 million.", "Ireland"),
              "ie2": doc("Gardaí told the councillor the €2 million was spent.", "Ireland")}
    monkeypatch.setattr(home, "_training_articles", lambda: corpus)
    home._model.cache_clear()
    try:
        assert home.home_from_words("The sheriff and the county auditor") == "USA"
        with home.held_out(["us1", "us2", "not-in-training"]):  # one country left: no classifier, no guess
            assert home.home_from_words("The sheriff and the county auditor") is None
        assert home.home_from_words("The sheriff and the county auditor") == "USA"
    finally:
        home._model.cache_clear()


def test_an_article_that_names_its_country_keeps_it_whatever_its_words(bundled):
    art = _article(
        ("The county auditor in Ghana is under pressure over the $3.2 million meter contract.", []),
        ("Board member Ama Mensah accused the chairman of signing it without a bid.",
         [("accusation", "Board member Ama Mensah", "the chairman")]),
    )
    ((mensah, chairman),) = _actors(art, bundled)
    assert side_of(mensah) == "GHA" and side_of(chairman) == "GHA"


def test_a_dateline_s_country_counts_and_its_town_is_nobody(bundled):
    r = ArticleResolver(bundled)
    r.read(["Regulator orders miner to explain river spill",
            "PORTO ALEGRE, Brazil, May 4 (wire) - The regulator on Monday ordered Cobrenorte to explain a spill.",
            "Residents said the water had turned brown."])
    assert r.home == "BRA"
    assert dateline(r.sentences[1].text)[1] == "PORTO ALEGRE"


def test_a_firm_named_in_another_language_is_a_body_and_its_short_name_is_the_same_body(bundled):
    art = _article(
        ("Regulators ordered Construtora Vale Norte to explain the collapse of a bridge in Recife.",
         [("demand_explanation", "Regulators", "Construtora Vale Norte")]),
        ("Vale Norte denied that the design had been changed.", [("denial", "Vale Norte", None)]),
        ("Engineer Ana Paula dos Reis accused the company of skipping inspections.",
         [("accusation", "Engineer Ana Paula dos Reis", "the company")]),
    )
    (_, firm), (short, _), (engineer, company) = _actors(art, bundled)
    assert firm.kind == "organization" and firm.name == "Construtora Vale Norte"
    assert short == firm and company == firm
    assert engineer.kind == "person" and engineer.name == "Ana Paula dos Reis"


def test_rivers_and_listed_on_modifiers_are_not_antecedents(bundled):
    art = _article(
        ("Fishermen accused Terranova Mining of fouling a river near its main pit.",
         [("accusation", "Fishermen", "Terranova Mining")]),
        ("Dead fish were seen along the Rio Verde, and shares in the Lima-listed group fell.", []),
        ("The company denied it.", [("denial", "The company", None)]),
    )
    _, (company, _) = _actors(art, bundled)
    assert company.name == "Terranova Mining"
    assert person_name("Rio Ferdinand", bundled) == "Rio Ferdinand"  # a first name, not only a river's


@pytest.mark.parametrize("sentence, code", [
    ("The singer is suing her former manager for £2.4million in unpaid fees.", "GBR"),
    ("The firm was fined ₹40 lakh by the regulator.", "IND"),
    ("The Carabinieri seized the recordings of the calls.", "ITA"),
    ("Officers of the Guardia Civil boarded the boat at dawn.", "ESP"),
])
def test_currencies_and_national_bodies_hint_at_the_home_country(bundled, sentence, code):
    assert code in home_votes(sentence, bundled)


def test_a_town_before_born_is_in_a_place_s_position():
    assert _codes("the Stockport-born singer") == [("Stockport", "GBR")]


def test_a_region_two_countries_share_gives_no_side_of_its_own(bundled):
    """Punjab is a state of India and a province of Pakistan: a Lahore story's Punjab body is Pakistani."""
    art = _article(
        ("LAHORE - The Punjab Citizens' Rights Forum accused police of staging shootouts.",
         [("accusation", "The Punjab Citizens' Rights Forum", "police")]),
    )
    ((forum, police),) = _actors(art, bundled)
    assert side_of(forum) == "PAK" and side_of(police) == "PAK"


def test_an_alternative_name_of_a_mid_sized_town_claims_nothing():
    """GeoNames lists "Oban" among the names of Aubagne (France, 45,000 people); the Scottish Oban is too small
    for the table, so the name would make an Oban harbour story French. A large town's English name still counts."""
    table = town_countries()
    assert "Oban" not in table
    assert table.get("Patras") == "GRC"


def test_a_line_with_no_telling_word_gets_no_country():
    from claimcoder.scoring.home import home_from_words

    for line in ("The ministry denied the report.", "Officials denied it.", "The company denied the report."):
        assert home_from_words(line) is None, line
    assert home_from_words("The sheriff and the county auditor") == "USA"  # short, but telling


def test_towns_with_letters_beyond_latin_1_are_found():
    """"Poznań" and "Łódź" were never matched: the name pattern took only Latin-1 letters."""
    from claimcoder.data.gazetteer import towns
    assert [code for _, _, code in towns("Police in Poznań said")] == ["POL"]
    assert [code for _, _, code in towns("He lives in Łódź now.")] == ["POL"]


def test_first_level_regions_place_a_story_as_towns_do():
    """ISO 3166-2 states and provinces one country alone has (pycountry): "in Pará" is Brazil, "in Ogun State"
    Nigeria; generic names ("the Midlands", "Eastern Province") and a given name before a surname are no region."""
    assert towns("a hearing on deforestation in Pará on Tuesday") == [(30, 34, "BRA")]
    assert [c for *_, c in towns("the plant in Ogun State employs 400 people")] == ["NGA"]
    assert towns("factories across the Midlands closed") == []
    assert towns("a municipal official in Eastern Province said") == []
    assert towns("The next question comes from Nandi Khumalo of Ridgeback Securities.") == []
