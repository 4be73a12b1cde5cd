"""Resolver rules of round 24: a post and a name in one span with a closing comma ("The clinic's director, Dr.
Ana Sousa,"), tied to the post's owner; a spokesperson introduced right after a foreign body speaks for it; a
country's named authority ("Zambia's energy authority") is a body, its authorities the country; a town the
gazetteer knows only as the first word of a longer name is no clue to a country the article never names; a
person "of the University of Ghana" is of Ghana."""
from __future__ import annotations

from .test_actors import _actors, _article


def test_a_post_and_a_name_in_one_span_with_its_closing_comma_give_the_name(bundled):
    art = _article(
        ("Malawi orders audit of Zomba clinic", []),
        ("LILONGWE, May 4 - Malawi's health ministry said it would audit the Mbela Mission Clinic in Zomba.", []),
        ("The clinic's director, Dr. Ruth Banda, rejected the ministry's figures.",
         [("denial", "The clinic's director, Dr. Ruth Banda,", None)]),
        ('"Every death was reported," she said.', [("denial", "she", None)]),
    )
    (banda, _), (she, _) = _actors(art, bundled)
    assert banda.name == "Ruth Banda" and banda.affiliation == "MWI"
    assert she.name == "Ruth Banda"


def test_a_possessive_post_and_a_name_in_one_span_take_the_owner_s_side(bundled):
    art = _article(
        ("Fiji and Samoa trade words over rugby fixture", []),
        ("SUVA, June 2 - Fiji Rugby said the Samoan union had broken the agreement on the date.",
         [("accusation", "Fiji Rugby", "the Samoan union")]),
        ("Its chair, Viliame Tuilau, accused the Samoan side of bad faith.",
         [("accusation", "Its chair, Viliame Tuilau,", None)]),
    )
    _, (chair, _) = _actors(art, bundled)
    assert chair.name == "Viliame Tuilau" and chair.affiliation == "FJI"


def test_a_spokesperson_right_after_a_foreign_body_speaks_for_it(bundled):
    art = _article(
        ("Zambia and Malawi row over stranded maize lorries", []),
        ("LUSAKA, Feb 9 - Zambia's agriculture ministry accused Malawian border officials of holding 40 lorries.",
         [("accusation", "Zambia's agriculture ministry", "Malawian border officials")]),
        ("Malawi's revenue authority rejected the charge on Tuesday.",
         [("denial", "Malawi's revenue authority", None)]),
        ("A spokesman, Peter Phiri, said the lorries lacked permits.", [("denial", "A spokesman, Peter Phiri", None)]),
    )
    _, (authority, _), (phiri, _) = _actors(art, bundled)
    assert authority.kind == "organization" and authority.affiliation == "MWI"
    assert phiri.name == "Peter Phiri" and phiri.affiliation == "MWI"
    unnamed = _article(*[(s.text, []) for s in art[:3]],
                       ("A spokeswoman said the checks were routine.", [("denial", "A spokeswoman", None)]))
    (spokeswoman, _), = _actors(unnamed, bundled)
    assert spokeswoman.affiliation == "MWI"


def test_a_country_s_authorities_stay_the_country(bundled):
    art = _article(
        ("Zambia accuses Malawi over lorries", []),
        ("Malawi's authorities rejected the charge.", [("denial", "Malawi's authorities", None)]),
        ("The Malawian authorities rejected it again.", [("denial", "The Malawian authorities", None)]),
    )
    (first, _), (second, _) = _actors(art, bundled)
    assert first.kind == "country" and first.code == "MWI"
    assert second.kind == "country" and second.code == "MWI"


def test_a_town_only_as_the_first_word_of_a_name_is_no_clue_to_another_country(bundled):
    art = _article(
        ("Uganda orders inquiry into maternity deaths", []),
        ("KAMPALA, April 2 - Uganda's health ministry said it had sent inspectors to a hospital in Jinja.", []),
        ("The deaths at Meadowbrook District Hospital were first reported by a radio station.", []),
        ("The ministry accused the hospital's management of hiding the deaths.",
         [("accusation", "The ministry", "the hospital's management")]),
    )
    (_, management), = _actors(art, bundled)
    assert management.affiliation == "UGA"


def test_a_person_of_a_body_that_names_a_country_is_of_that_country(bundled):
    art = _article(
        ("Study on cocoa yields draws fire", []),
        ("ABIDJAN, Aug 3 - Ivorian farm researchers said the study overstated the losses.",
         [("accusation", "Ivorian farm researchers", None)]),
        ("The study, led by agronomist Kwame Osei of the University of Ghana, used satellite data.", []),
        ("Osei rejected the criticism on Friday.", [("denial", "Osei", None)]),
        ("Kofi Mensah of the University of Ghana accused the Ivorian team of ignoring the data.",
         [("accusation", "Kofi Mensah", "the Ivorian team")]),
    )
    _, (osei, _), (mensah, _) = _actors(art, bundled)
    assert osei.name == "Kwame Osei" and osei.affiliation == "GHA"
    assert mensah.affiliation == "GHA"


def test_the_n_year_old_is_the_person_given_that_age_else_the_latest_sentence_s_subject(bundled):
    art = _article(
        ("Gallery director charged over missing paintings", []),
        ("Paul Imhof and Lena Vogt, 52, appeared in court in Basel on Monday.", []),
        ("Imhof was released on bail.", []),
        ("Prosecutors accused the 52-year-old of selling six works from the store.",
         [("accusation", "Prosecutors", "the 52-year-old")]),
    )
    (_, aged), = _actors(art, bundled)
    assert aged.name == "Lena Vogt"
    firms = _article(
        ("Law firms advise on merger", []),
        ("Paul Weiss and Davis Polk advised on the deal, the companies said.", []),
        ("Regulators accused the 52-year-old of hiding fees.", [("accusation", "Regulators", "the 52-year-old")]),
    )
    (_, aged), = _actors(firms, bundled)
    assert aged.name not in ("Paul Weiss", "Davis Polk")  # two firms named after people are no people
    art = _article(
        ("Striker fined after nightclub video", []),
        ("Midfielder Ruben Costa was filmed at a club, according to the sports site Golo Diario.", []),
        ("The club accused the 24-year-old of breaking its curfew.", [("accusation", "The club", "the 24-year-old")]),
    )
    (_, aged), = _actors(art, bundled)
    assert aged.name == "Ruben Costa"


def test_the_singer_goes_back_to_the_person_the_story_is_about(bundled):
    art = _article(
        ("Pop star sues label over unpaid royalties", []),
        ("Marisol Vega, whose debut album went platinum, has sued her former label, Sol Records.", []),
        ("Vega said the label hid sales figures from her for years.", [("accusation", "Vega", "the label")]),
        ("Its lawyer, Hugo Ibarra, called the claim baseless.", []),
        ("The label accused the singer of breaching her contract.", [("accusation", "The label", "the singer")]),
    )
    _, (_, singer) = _actors(art, bundled)
    assert singer.name == "Marisol Vega"


def test_the_spokesman_is_not_given_the_side_of_a_country_that_only_opened_the_last_sentence(bundled):
    art = _article(
        ("Egypt denies report of secret talks with Israeli envoys in Doha", []),
        ("CAIRO, May 2 - Egypt's foreign ministry denied a report of secret talks in Doha.",
         [("denial", "Egypt's foreign ministry", None)]),
        ("A ministry spokesman said messages were passed through intermediaries.", []),
        ("Qatar has for years carried messages between the two governments.", []),
        ("The spokesman also accused the channel of publishing false stories.",
         [("accusation", "The spokesman", "the channel")]),
        ("The group's spokesman said the report was false.", []),
    )
    _, (spokesman, _) = _actors(art, bundled)
    assert spokesman.affiliation == "EGY"


# Counter-examples a review of this round found in ordinary copy (each misfired in a first version of the rules).

def test_an_unnamed_person_of_that_age_keeps_the_n_year_old_from_a_quoted_official(bundled):
    art = _article(
        ("Student held after attack on Lyon tram", []),
        ("A 19-year-old student has been arrested after a tram driver was attacked in Lyon.", []),
        ("Interior Minister Claire Vasseur said the attack was unacceptable.", []),
        ("Police accused the 19-year-old of striking the driver twice.", [("accusation", "Police", "the 19-year-old")]),
    )
    (_, aged), = _actors(art, bundled)
    assert aged.name != "Claire Vasseur"


def test_the_singer_is_not_the_judge_quoted_more_often(bundled):
    art = _article(
        ("Singer wins privacy case", []),
        ("Singer Lola Brandt has won her privacy case against a tabloid.", []),
        ("Judge Sarah Collins said the paper had no public interest defence.", []),
        ("Judge Sarah Collins said the photographs were taken unlawfully.", []),
        ("Collins said the paper must pay costs.", []),
        ("The paper accused the singer of seeking publicity.", [("accusation", "The paper", "the singer")]),
    )
    (_, singer), = _actors(art, bundled)
    assert singer.name == "Lola Brandt"


def test_a_spokesman_after_a_country_that_acted_but_did_not_speak_keeps_the_home_side(bundled):
    art = _article(
        ("Britain summons Russian envoy", []),
        ("LONDON, March 3 - Britain's Foreign Office summoned the Russian ambassador on Monday.", []),
        ("Russia expelled two British diplomats last week.", []),
        ("A spokesman, James Holloway, accused Moscow of harassment.", [("accusation", "A spokesman, James Holloway,",
                                                                         "Moscow")]),
    )
    (holloway, _), = _actors(art, bundled)
    assert holloway.affiliation == "GBR"


def test_an_authority_of_rank_or_rule_is_the_country(bundled):
    art = _article(
        ("Kenya competition watchdog fines miller", []),
        ("NAIROBI, May 5 - Kenya's Competition Authority fined a maize miller.", []),
        ("Kenya's highest authority rejected the claim.", [("denial", "Kenya's highest authority", None)]),
    )
    (highest, _), = _actors(art, bundled)
    assert highest.kind == "country" and highest.code == "KEN"


def test_a_head_of_government_at_a_foreign_seat_keeps_his_own_country(bundled):
    art = _article(
        ("Scholz meets Biden", []),
        ("BERLIN - German Chancellor Olaf Scholz met President Joe Biden on Friday.", []),
        ("Olaf Scholz at the White House accused Moscow of blackmail.", [("accusation", "Olaf Scholz", "Moscow")]),
    )
    (scholz, _), = _actors(art, bundled)
    assert scholz.affiliation == "DEU"
