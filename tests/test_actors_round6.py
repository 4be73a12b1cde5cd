"""Resolver rules of round 22: a post written before a name with a country of several words ("South Korea's trade
minister, X,"), and transcript labels: a title-case line is a speaker's turn only beside other turns, never with a
possessive in it, and a post in title case opens a transcript's first turn too."""
from __future__ import annotations

from claimcoder.scoring.actors import resolve_claims

from .test_actors import _actors, _article


def test_a_post_before_a_name_states_a_country_of_several_words(bundled):
    art = _article(
        ("Korean snacks vanish from Chinese shelves", []),
        ("Chinese retailers have pulled the snacks, and China's customs agency said it knew of no ban.",
         [("denial", "China's customs agency", None)]),
        ("Chinese buyers told suppliers the delays were caused by new checks in China.", []),
        ("South Korea's agriculture minister, Park Ji-hoon, accused Beijing of quiet retaliation.",
         [("accusation", "Park Ji-hoon", "Beijing")]),
    )
    _, (park, beijing) = _actors(art, bundled)
    assert park.name == "Park Ji-hoon" and park.affiliation == "KOR"
    assert beijing.code == "CHN"


def test_a_title_case_line_with_a_possessive_or_alone_is_no_speaker_label(bundled):
    art = _article(
        ("Court clears Ardern aide", []),
        ("The hearing in Wellington ended on Friday.", []),
        ("Ms Ardern's Verdict: guilty of nothing, Ms Ardern told reporters.",
         [("accusation", "Ms Ardern", None)]),
        ("Dr Hale Responds: the aide was never charged, Dr Hale said.", [("denial", "Dr Hale", None)]),
    )
    (ardern, _), (hale, _) = _actors(art, bundled)
    assert ardern.name == "Ardern" and ardern.kind == "person"
    assert hale.name == "Hale"


def test_a_post_in_title_case_opens_a_transcript_s_first_turn(bundled):
    art = _article(
        ("Prime Minister's Questions - extract", []),
        ("The Prime Minister: The member for Ashby has misled the House about the figures.",
         [("accusation", None, "The member for Ashby")]),
        ("Mr Gareth Pryce (Leader of the Opposition): Mr Speaker, the figures were right.", []),
        ("The Prime Minister: They were not, and he knows it.", []),
    )
    rows = resolve_claims([(s.text, s.claims) for s in art], bundled)
    speaker = rows[1][0].source
    assert speaker is not None and "Prime Minister" in speaker.to_actor().name


def test_you_in_a_transcript_is_who_answers_the_turn_unless_they_only_cut_in(bundled):
    art = _article(
        ("Morning Briefing - interview transcript", []),
        ("PRESENTER: Good morning, and with me is the housing minister.", []),
        ("PRESENTER: Minister, the auditor says the figures were wrong.", []),
        ("Can you explain why you published them?", [("demand_explanation", None, "you")]),
        ("HARTLEY: The figures were checked twice, and the auditor has misread them.", []),
    )
    (_, you), = _actors(art, bundled)
    assert you.name == "Hartley" and you.kind == "person"
    debate = _article(
        ("Governor's debate - transcript", []),
        ("WHITCOMB: The incentives were clawed back the day that company broke its contract.", []),
        ("SORENSEN: Governor, I'd ask you again to tell those families why you waited a year.",
         [("demand_explanation", "SORENSEN", "you")]),
        ("BELL: Can I get in here?", []),
        ("BELL: Both of them are arguing about the past while prices keep rising for everyone.", []),
    )
    (_, you), = _actors(debate, bundled)
    assert you.name == "Whitcomb"


def test_a_lawyer_rejecting_a_claim_about_her_client_speaks_of_the_client(bundled):
    art = _article(
        ("Councillor denies fraud", []),
        ("Councillor Susan Harkness, 52, is accused of taking £40,000 from a charity she chaired.", []),
        ("Her barrister, Kamal Siddiqui, rejected the prosecution's claim that she had spent the money on holidays.",
         [("denial", "Kamal Siddiqui", "she")]),
    )
    (lawyer, she), = _actors(art, bundled)
    assert she.name == "Susan Harkness" and lawyer.name == "Kamal Siddiqui"


def test_a_post_and_a_name_in_one_span_are_the_person_with_her_sex(bundled):
    art = _article(
        ("Jinja councillors demand answers over school grants", []),
        ("At a council meeting, the deputy mayor, Rose Namukose, accused the clerk's office of losing the money.",
         [("accusation", "the deputy mayor, Rose Namukose", "the clerk's office")]),
        ("Town Clerk Patrick Wandera told councillors the funds had been delayed by the finance ministry.", []),
        ("\u201cMy office has nothing to hide,\u201d he said.", [("denial", "he", None)]),
    )
    (mayor, _), (he, _) = _actors(art, bundled)
    assert mayor.name == "Rose Namukose" and mayor.kind == "person"
    assert he.name == "Patrick Wandera"  # a clerk's title is no part of his name, and "he" is not Rose


def test_the_treasurer_is_not_the_shadow_treasurer(bundled):
    art = _article(
        ("Costings row", []),
        ("The Treasurer, Michael Drayton, said the figures released by shadow treasurer Fiona Harcourt did not add up.",
         [("accusation", "Michael Drayton", "shadow treasurer Fiona Harcourt")]),
        ("Ms Harcourt dismissed the Treasurer's claim as a scare campaign.", [("denial", "Ms Harcourt", None)]),
        ("She also rejected an invitation from the Treasurer to a debate.", []),
        ("Ms Harcourt said the Treasurer had misled voters.", [("accusation", "Ms Harcourt", "the Treasurer")]),
    )
    (drayton, _), _, (_, treasurer) = _actors(art, bundled)
    assert treasurer == drayton


def test_a_headline_descriptor_is_the_actor_the_lead_names_in_the_same_claim(bundled):
    art = _article(
        ("K-pop label hits back at 'fabricated' bullying claims", [("denial", "K-pop label", None)]),
        ("SEOUL, May 3 - Seoul agency Starline Entertainment has denied reports that its new group bullied trainees.",
         [("denial", "Starline Entertainment", None)]),
        ("Residents say the agency's dormitory was noisy.", []),
    )
    (label, _), (agency, _) = _actors(art, bundled)
    assert label == agency and label.name == "Starline Entertainment"
    crowd = _article(  # people in the plural are no one person the lead names
        ("Residents slam council over bin strikes", [("accusation", "Residents", "council")]),
        ("Resident Bríd Kelly, 70, accused Corkhill Council of leaving rubbish uncollected for five weeks.",
         [("accusation", "Resident Bríd Kelly", "Corkhill Council")]),
    )
    (residents, council), _ = _actors(crowd, bundled)
    assert residents.name != "Bríd Kelly" and council.name == "Corkhill Council"


def test_words_that_describe_a_name_are_no_part_of_it(bundled):
    art = _article(
        ("Watch row", []),
        ("GENEVA, Oct 28 - Swiss watchmaker Lemaire has sued Taiwanese chip designer Lumitek Semiconductor.",
         [("accusation", "Swiss watchmaker Lemaire", "Taiwanese chip designer Lumitek Semiconductor")]),
        ("The Kuwaiti novelist Fahad al-Mutairi said the parents' association Save Our Local Schools had lied.",
         [("accusation", "The Kuwaiti novelist Fahad al-Mutairi", "the parents' association Save Our Local Schools")]),
        ("The association denied it.", [("denial", "The association", None)]),
    )
    (lemaire, lumitek), (novelist, schools), (association, _) = _actors(art, bundled)
    assert (lemaire.name, lemaire.kind, lemaire.affiliation) == ("Lemaire", "organization", "CHE")
    assert (lumitek.name, lumitek.affiliation) == ("Lumitek Semiconductor", "TWN")
    assert (novelist.name, novelist.kind, novelist.affiliation) == ("Fahad al-Mutairi", "person", "KWT")
    assert schools.name == "Save Our Local Schools" and association == schools
    # a name that opens with a nationality keeps it, and so does one after a place's possessive
    rows = _actors(_article(("x", []), ("The state-run Korean Central News Agency and Japan's Sanwa Steel said so.",
                                         [("accusation", "The state-run Korean Central News Agency", "Japan's Sanwa Steel")])),
                   bundled)
    (kcna, sanwa), = rows
    assert kcna.name == "Korean Central News Agency" and "Sanwa Steel" in sanwa.name


def test_she_prefers_a_woman_known_by_name_to_a_name_of_unknown_sex(bundled):
    art = _article(
        ("School board race turns on library books", []),
        ("Challenger Derek Holt accused board chair Sandra Pruitt of banning books.",
         [("accusation", "Challenger Derek Holt", "board chair Sandra Pruitt")]),
        ("She said the vote had only moved the books to a review shelf.", [("denial", "She", None)]),
    )
    (holt, pruitt), (she, _) = _actors(art, bundled)
    assert pruitt.name == "Sandra Pruitt" and she == pruitt
