"""Resolver rules of round 27: company forms written with dots or in capitals ("S.A.", "JSC", "GAA") and clubs'
first words ("HNK", "OFK") make a name a body, and the name less its form is the same body later; "Mayor X of Y" is the
person X; a seat ("Suzhou-based") or a country ("Costa Rica's") written before a body's own name is
no part of its name; a post set off before a name ("A Hamas official in Beirut, Osama Haddad,") gives the
person its side."""
from __future__ import annotations

from claimcoder.scoring.actors import person_name

from .test_actors import _actors, _article


def test_a_name_ending_in_a_dotted_company_form_is_a_body_and_its_short_form_is_the_same_body(bundled):
    art = _article(
        ("Citrus exporter blames contractor for workers' housing", []),
        ("VALENCIA, 4 March - Naranjas del Turia S.A. said the inspectors' findings concerned housing provided by "
         "Alojamientos Ribera S.L., a contractor.", []),
        ("Naranjas del Turia accused Alojamientos Ribera of breaking its contract.",
         [("accusation", "Naranjas del Turia", "Alojamientos Ribera")]),
    )
    (exporter, contractor), = _actors(art, bundled)
    assert exporter.kind == "organization" and exporter.name.startswith("Naranjas del Turia S.A")
    assert contractor.kind == "organization" and contractor.name.startswith("Alojamientos Ribera S.L")


def test_a_capitalised_company_form_or_club_prefix_makes_a_body(bundled):
    for text in ("Song Hong Textile JSC", "Ballinrobe GAA", "HNK Sava", "OFK Drina", "Hordaland Sparekasse"):
        assert person_name(text, bundled) is None, text
    for text, name in (("Minister Kari Holm", "Kari Holm"), ("Health Minister KK Shailaja", "KK Shailaja"),
                       ("Nguyen Van Sau", "Nguyen Van Sau")):  # initials and given names that look like forms
        assert person_name(text, bundled) == name
    art = _article(
        ("Garment maker denies wage claims", []),
        ("HANOI, May 2 - Song Hong Textile JSC rejected a union's report on unpaid overtime.", []),
        ("Song Hong said its payroll records were open to inspectors.", [("denial", "Song Hong", None)]),
    )
    (firm, _), = _actors(art, bundled)
    assert firm.kind == "organization" and firm.name == "Song Hong Textile JSC" and firm.affiliation == "VNM"


def test_a_titled_name_of_a_place_is_the_person(bundled):
    assert person_name("Mayor Ricardo Dumaguete of Santa Lucena", bundled) == "Ricardo Dumaguete"
    assert person_name("Sen. Ron Wyden of Oregon", bundled) == "Ron Wyden"
    assert person_name("General Mills of Canada", bundled) is None  # one word after a title: a body's name
    art = _article(
        ("Mayor charged over flood works", []),
        ("MANILA - Prosecutors charged the mayor of a Leyte town over flood walls never built.", []),
        ("Mayor Rodel Ocampo of San Isidro faces six counts of graft.", [("accusation", None, "Mayor Rodel Ocampo of San Isidro")]),
        ("Ocampo, who is in his third term, said the walls were built and then washed away by Typhoon Amihan in "
         "2021.", [("denial", "Ocampo", None)]),
        ("\u201cThis is politics,\u201d he wrote.", [("denial", "he", None)]),
    )
    (_, mayor), (ocampo, _), (he, _) = _actors(art, bundled)
    assert mayor.name == ocampo.name == he.name == "Rodel Ocampo"
    assert mayor.kind == "person" and he.affiliation == "PHL"


def test_a_seat_or_a_country_written_before_a_body_s_own_name_is_no_part_of_the_name(bundled):
    art = _article(
        ("Chip supplier blamed for outage", []),
        ("Latchwise said the fault came from an update pushed by its supplier, Suzhou-based Korvane Microchips.",
         [("accusation", "Latchwise", "Suzhou-based Korvane Microchips")]),
        ("Korvane called the account inaccurate.", [("denial", "Korvane", None)]),
        ("MONTEVIDEO - Rambla Sur has been accused by Costa Rica's Deportivo Cartago of failing to pay a fee.",
         [("accusation", "Costa Rica's Deportivo Cartago", "Rambla Sur")]),
        ("Deportivo Cartago said it would go to FIFA.", [("accusation", "Deportivo Cartago", None)]),
    )
    (_, seated), (short, _), (club, _), (again, _) = _actors(art, bundled)
    assert seated.name == short.name == "Korvane Microchips" and seated.affiliation == short.affiliation == "CHN"
    assert club.name == again.name == "Deportivo Cartago" and club.affiliation == again.affiliation == "CRI"


def test_a_post_set_off_before_a_name_gives_the_person_its_side(bundled):
    art = _article(
        ("Turkey and Syrian Kurds trade blame over strikes", []),
        ("ANKARA - Turkey's defence ministry said its drones had hit only militant targets near the border.", []),
        ("A Syrian Kurdish official in Qamishli, Sherwan Ali, accused Turkey of striking a water station.",
         [("accusation", "Sherwan Ali", "Turkey")]),
        ("A spokesman for the Iranian embassy in Ankara, Mehdi Farahani, said Tehran had no part in the fighting.",
         [("denial", "Mehdi Farahani", None)]),
    )
    (ali, _), (farahani, _) = _actors(art, bundled)
    assert ali.affiliation == "SYR" and farahani.affiliation == "IRN"
    art = _article(
        ("Budapest rejects gas sanctions", []),
        ("BRUSSELS - Several member states accused Hungary of blocking sanctions on Russian gas.", []),
        ("Hungary's ambassador to the EU, Bence Kovacs, said the measures would raise prices.",
         [("denial", "Bence Kovacs", None)]),
        ("A spokeswoman for the European Commission, Liisa Tamm, said the sanctions were lawful.",
         [("accusation", "Liisa Tamm", None)]),
    )
    (kovacs, _), (tamm, _) = _actors(art, bundled)
    assert kovacs.affiliation == "HUN"  # the post's owner, not the body the post is to
    assert tamm.affiliation == "EC"  # a listed body's own code
