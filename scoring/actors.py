"""Who a span refers to: every claim's source and target resolved to a canonical actor, article by article.

``resolve_article`` reads an article's sentences in order and keeps the mentions seen so
far: the claim spans and the people, bodies and countries named around them. Each span
gets an ``Actor`` (name, kind, code, affiliation), following the codebook's conventions:
metonyms and governments in a dispute are the country ("the Kremlin" -> Russia);
government bodies are organisations affiliated to their country ("Russia's defence
ministry"); people get their full name and the country or organisation the text ties them
to; unnamed collectives ("officials") are groups.

The rules, one function each, in the order a span meets them:

* ``is_boilerplate`` / ``dateline``: photo credits, bylines, datelines and boilerplate are never
  antecedents (a dateline's city still tells the article's home country);
* ``home_votes`` / ``headline_country``: the article's home country is the first country its headline names,
  else the dateline's when the story speaks of it or its body's one hint is a town the gazetteer guessed ("the
  Kendal power station" under a JOHANNESBURG dateline), else the one it names most (not one named for its embassy,
  nor a language: "translated from Spanish"), counting the institutions of one country ("A&E", "gardaí",
  "Borough Council") for stories that name none;
* ``split_coordination``: "Russia and Iran" is two actors (``Resolution.members``);
* ``_named``: a name found in the dictionaries, a person (titles stripped, matched to earlier
  mentions by surname), or an organisation (matched by its words in any order, its initials or a "known as"
  name); a name after a firm's noun or with initials in brackets is a body ("drone maker Skylark Aerial",
  "Ligue Nationale de Rugby (LNR)"), and a firm's descriptor in the span is not part of its name ("the U.S.
  search company Quarry"); a body met by its kind is the one later named with that kind ("the distributor" ...
  "Its local distributor, Saigon Star Media"); in a debate "the Right Honourable Lady" is the member who spoke;
* ``_descriptor``: possessors and nationality adjectives ("China's coast guard", "Spanish
  officials"), role nouns to the latest mention of that role ("the spokeswoman", "the minister"),
  body nouns to the latest body of that kind ("the company"), appositions ("A Pentagon spokesman,
  Major Daniel Ortega-Reyes"), headline or lead descriptors to the person or body named just after
  ("Kazakh regulator" -> the ministry named next), documents to their owner or author ("the suit"),
  "the authorities" and "the North" to the state, "a group of investors" to the investors; a common noun to a
  listed organisation by its aliases' words ("the alliance": NATO), a capitalised body noun to the body of the
  organisation in the story ("the Commission" after "the EU"), "the group" to a listed armed group, a country's
  body named in passing ("Sudan's army") to a later "the army", "X, known as Y" to Y;
* ``_pronoun``: gender and number agreement; a quote's speaker carries over to "he said", to "I"
  and "we" inside the quote and to the next quoted paragraph; "you" in a transcript is the
  person addressed;
* ``_affiliation``: a person or body without a country of its own gets the one the text ties it
  to: a nationality or country in the span, its apposition or its "for/of" phrase, an
  organisation metonym ("the Pentagon"), the body it speaks for ("a ministry spokesman"), a phrase
  right after the span (", from the Toronto-based lab"; for a body, ", which is headquartered in San Francisco"),
  the initials of an earlier body ("a former RSF officer"), the post written before a name ("Ireland's defence
  minister, Seán O'Rourke"; "Kiprotich's former coach, Peter Mwangi"; "whose director, Tan Wei Ming"; "A ministry
  spokesman, Gábor Szalai" after a ministry spoke) and a colleague's country for the next post ("The foreign
  minister, ..."), the place a state's voice speaks from ("In Oslo, a foreign ministry spokesman"), the foreign
  state speaking earlier in the sentence
  for a titled official, the latest speaker's side, the country a transcript's chair gives the floor to, the
  UN for peacekeepers and "the mission" in a UN story, a foreign mission's country ("the consulate"), the
  post's owner for a name it introduces ("Her manager, Dennis Kiprop"), the words introducing a firm ("an Indian
  company, Sunridge Pharma"), and last the article's home country, which a state's own body takes even where it
  would not for a firm ("the National Crime Agency", "the city government"); none where the text withholds it ("people familiar with the case", "some
  Western media", "both sides") or for a charity or firm nothing ties to a country. Listed sub-bodies and armed
  groups carry their parent or country from ``organizations.tsv`` (European Commission: EU; Hezbollah: LBN).

Each resolution that ``resolve_claims`` returns carries a ``confidence`` (``scoring.reliability``): how likely
its actor and side are right, learnt from the gold articles, so that users can check the unsure ones first.

No maintained coreference library runs offline here: coreferee's English model and spaCy's
pipelines are downloaded at install time from outside PyPI, and fastcoref or maverick-coref
load their weights from the Hugging Face hub at run time.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache

from claimcoder.data.actor_dictionary import (BODY_HEADS, DETERMINERS, FIRST_PERSON, PERSON_ROLES, PRONOUNS,
                                              STATE_HEADS, TITLES, ActorDictionary, first_name_sex, head_word,
                                              is_plural_noun, mention_kind, role_of, singular, tokens)
from claimcoder.data.schema import Actor, Claim, Sentence, Span
from claimcoder.data.gazetteer import region_country, region_names, town_countries, towns

from . import reliability
from .home import home_from_words

#: How several actors in one span travel in a row's cells: names joined by " | ", codes by "|".
MEMBER_SEPARATOR = " | "


@dataclass(frozen=True)
class Resolution:
    """What a span refers to: the actor, and the earlier mention it was resolved from (None for a name).

    ``members`` holds the actors of a coordination ("Russia and Iran"); ``actor``, ``code`` and
    ``affiliation`` then join theirs with ``MEMBER_SEPARATOR``.
    """

    actor: str
    code: str | None = None
    kind: str | None = None
    affiliation: str | None = None
    resolved_from: str | None = None
    members: tuple[Actor, ...] = ()
    #: How likely the actor and its side are right (``scoring.reliability``); set on what ``resolve_claims`` returns.
    confidence: float | None = None

    @classmethod
    def of(cls, actor: Actor, resolved_from: str | None = None) -> "Resolution":
        return cls(actor.name, actor.code, actor.kind, actor.affiliation, resolved_from)

    @classmethod
    def group(cls, actors: Sequence[Actor]) -> "Resolution":
        kinds = {a.kind for a in actors}
        join = lambda xs: "|".join(x or "" for x in xs) if any(xs) else None  # noqa: E731
        return cls(MEMBER_SEPARATOR.join(a.name for a in actors), join([a.code for a in actors]),
                   kinds.pop() if len(kinds) == 1 else "group", join([a.affiliation for a in actors]),
                   members=tuple(actors))

    def to_actor(self) -> Actor:
        """The codebook actor of the span."""
        return Actor(self.actor, self.kind or "other", self.code, self.affiliation)


def side_of(actor: Actor | None) -> str | None:
    """The dyad code: the actor's own code when it is a country, else its affiliation."""
    if actor is None:
        return None
    return actor.code if actor.kind == "country" else actor.affiliation


@dataclass
class Mention:
    """A mention seen in the article: where, what it resolved to, and what a later pronoun needs to know."""

    text: str
    sentence: int
    start: int
    end: int
    actor: Actor
    person: bool = False
    plural: bool = False
    gender: str | None = None
    roles: frozenset[str] = frozenset()
    speaker: bool = False
    in_quote: bool = False
    location: bool = False
    first: bool = False  # the first mention of its sentence (its subject, mostly)


# ------------------------------------------------------------------------------------ sentence rules
#: Capital letters a name may start with ("Özdemir", "Łukasz", "Šimić"), for patterns that find names.
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_BOILERPLATE = [
    re.compile(r"^\(?\s*(photo|picture|image|video|file photo|illustration)s?\b.{0,80}\b(by|credit|courtesy)\b", re.I),
    re.compile(r"\b(AP|AFP|Reuters|EPA|Getty Images|Bloomberg|Xinhua|Anadolu)\s*(Photo|/|via)", re.I),
    re.compile(r"^\(?(reporting|writing|editing|additional reporting|compiled|translated) by\b", re.I),
    re.compile(r"^[Bb]y\s+[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}(\s*(,|and)\s*[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3})*"
               r"(\s*[|,]\s*[\w ]{0,40})?\s*$"),
    re.compile(r"copyright|all rights reserved|©|\bsign up\b|\bsubscribe\b|click here|follow us|read more:", re.I),
    re.compile(r"^(for further information|for more information|media contact|contact:|related:|advertisement)", re.I),
]
#: (a town's name in capitals may hold accented letters: "SÃO PAULO", "HRADEC KRÁLOVÉ", "ŁÓDŹ")
_DATELINE = re.compile(rf"^\s*((?:[{_UPPER}][A-Za-zÀ-ÖØ-öø-ÿĀ-ž.'’-]*\s?){{1,4}}(?:/(?:[A-Z][A-Za-z.'’-]*\s?){{1,3}})?)"
                       r"(?:,\s*([A-Z][A-Za-z.'’-]+(?:\s[A-Z][A-Za-z.'’-]+)?)(?=,\s*(?:\d{1,2}\s+[A-Z][a-z]{2,8}\b|"
                       r"[A-Z][a-z]{2,8}\.?\s+\d{1,2})))?"  # "BELO HORIZONTE, Brazil, Jan 22", "VALDIVIA, Chile, 14
                       # August": the country or state before the date
                       r"(?:,\s*(?:\d{1,2}\s+)?[A-Z][a-z]{2,8}\.?(?:\s+\d{1,2})?(?:,?\s+\d{4})?)?"
                       r"\s*(?:\([A-Za-z]+\))?\s*(?:—|–|--|-)\s+")


def is_boilerplate(sentence: str) -> bool:
    """A photo credit, byline, dateline on its own or site boilerplate: nobody in it is an antecedent."""
    text = sentence.strip()
    return any(p.search(text) for p in _BOILERPLATE) or bool(_DATELINE.match(text) and not text[_DATELINE.match(
        text).end():].strip())


#: The abbreviations of states and provinces that wire style puts after a dateline's town ("SPRINGFIELD, Ill.",
#: "PORT HOPE, Ont."): the country a story datelined so is told from. Read in datelines only, where "Ill." or
#: "Mass." cannot be a word.
_REGION_ABBREVIATIONS = {
    **dict.fromkeys("Ala. Ariz. Ark. Calif. Colo. Conn. Del. D.C. Fla. Ga. Ill. Ind. Kan. Ky. La. Md. Mass. Mich. "
                    "Minn. Miss. Mo. Mont. Neb. Nev. N.H. N.J. N.M. N.Y. N.C. N.D. Okla. Ore. Pa. R.I. S.C. S.D. "
                    "Tenn. Vt. Va. Wash. W.Va. Wis. Wyo.".split(), "USA"),
    **dict.fromkeys("Alta. B.C. Man. N.B. N.L. Nfld. N.S. Ont. P.E.I. Que. Sask.".split(), "CAN"),
    **dict.fromkeys("NSW N.S.W. Qld. Qld Vic. Tas.".split(), "AUS"),
}


def dateline(sentence: str) -> tuple[int, str | None]:
    """Where the article body starts after a dateline ("MANILA, Oct 3 — "), and the dateline's place."""
    m = _DATELINE.match(sentence)
    if not m or len(m.group(1).split()) > 4:
        return 0, None
    place = m.group(1).strip()
    if not (place.isupper() or "," in m.group(0) or re.search(r"\d", m.group(0))):
        return 0, None
    return m.end(), place


_LANGUAGE = re.compile(r"\b(?:translated|translation|dubbed|subtitled|speaks?|spoke|speaking|written|fluent)\s+"
                       r"(?:from\s+|into\s+|in\s+)?$")
_ABROAD = re.compile(r"\s*(?:embassy|embassies|consulate|consul|ambassador|envoy|diplomats?)\b", re.I)


def home_votes(text: str, dictionary: ActorDictionary, surnames: frozenset[str] = frozenset(),
               placed: Mapping[str, str] | None = None) -> list[str]:
    """The country codes a sentence gives towards its article's home country: the countries it names (not one
    named for its embassy, consulate or envoy, which stand in another country), the countries of the bodies and
    places it names, the towns it puts in a place's position ("in Pulwama"; not one the article uses as a
    person's surname: "pressure from Jimenez" after "Carla Jimenez") and the institutions of one country ("A&E",
    "gardaí", "Senior Minister of State"). ``placed``: towns the article puts in a country of its own saying
    (``placed_towns``), which count for that country."""
    return _votes(text, dictionary, surnames, placed)[0]


def _votes(text: str, dictionary: ActorDictionary, surnames: frozenset[str] = frozenset(),
           placed: Mapping[str, str] | None = None) -> tuple[list[str], list[str]]:
    """``home_votes`` and, apart, the weak part of them: towns the gazetteer guessed and institutions of one
    country whose name others may share, which a dateline outweighs."""
    out = []
    hits, places = dictionary.find(text), dictionary.places(text)
    if placed:
        def where(a: int, b: int, code: str) -> str:
            return placed.get(text[a:b].title(), code)
        places = [(a, b, where(a, b, code)) for a, b, code in places]
        moved = [h for h in hits if text[h.start:h.end].title() in placed]
        out += [placed[text[h.start:h.end].title()] for h in moved]  # "Tripoli" in a story "TRIPOLI, Lebanon"
        hits = [h for h in hits if h not in moved]
    out += ["USA"] * len(georgia_state(hits, text))  # the US state (within_places leaves its hit out)
    for h in within_places(hits, places, text):
        if h.actor.kind == "country":
            if _LANGUAGE.search(text[:h.start]) and not re.match(r"\s+[a-z]", text[h.end:]):
                continue  # "translated from Spanish", "said in French": a language, not a country
            if not _ABROAD.match(text[h.end:]):
                out.append(h.actor.code)
        elif h.actor.affiliation and h.actor.kind != "organization":
            out.append(h.actor.affiliation)
        elif h.actor.affiliation and getattr(dictionary.by_code(h.actor.affiliation), "kind", None) == "country":
            out.append(h.actor.affiliation)  # Hezbollah speaks for Lebanon's story; the Commission for no country
    out += [code for a, _, code in places if not _NAME_BEFORE_PLACE.search(text[max(0, a - 12):a])]
    known = [(h.start, h.end) for h in hits] + [(a, b) for a, b, _ in places]
    weak = [(placed or {}).get(text[a:b].title(), code) for a, b, code in towns(text)
            if text[a:b] not in surnames and not any(a < e and s < b for s, e in known)] + dictionary.markers(text)
    return out + weak + [code for pattern, code in _CURRENCIES if pattern.search(text)], weak


#: A town its writer puts in a country by name: "TRIPOLI, Lebanon -", "in Tripoli, Lebanon, on Monday".
_TOWN_IN_COUNTRY = re.compile(r"\b([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2}),\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})"
                              r"(?=\s*(?:[,.;:()]|—|–|-|$))")


def placed_towns(texts: Sequence[str], dictionary: ActorDictionary) -> dict[str, str]:
    """The towns an article puts in a country or a listed state by name whose name reads elsewhere as another
    country's ("TRIPOLI, Lebanon" where Tripoli is Libya's capital; "London, Ontario"), each with the code of the
    country it is put in: the article's every "Tripoli" is then Lebanon's city, in its headline and body alike.
    Keys are in title case ("Tripoli" for "TRIPOLI")."""
    placed: dict[str, str] = {}
    for text in texts:
        for m in _TOWN_IN_COUNTRY.finditer(text):
            country = dictionary.exact(m.group(2))
            region = _place_codes(m.group(2), dictionary)
            if m.group(2) in town_countries() and m.group(2) not in region_names():
                region = []  # "Sydney, Vancouver, and Dallas", "London, New York, Hong Kong": a city, not a state
            if region:  # "SAINT PETERSBURG, Florida", "London, Ontario": a state or province of one country
                code = region[0]
            elif m.group(2) in ("Washington", "Georgia"):  # "VANCOUVER, Washington", "ROME, Georgia": the US state
                code = "USA"
            elif country is not None and country.kind == "country" and country.name == m.group(2) and \
                    region_country(m.group(2)) in (None, country.code):
                code = country.code  # not "ATLANTA, Georgia" (the US state) nor "MINNA, Niger" (Niger State)
            else:
                continue  # "Paris, Berlin": a capital is no country's name
            nxt = re.match(r",\s*(?:(?:and|or)\s+)?([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)*)", text[m.end():])
            after = dictionary.exact(nxt.group(1)) if nxt is not None else None
            if nxt is not None and (getattr(after, "kind", None) == "country" and after.code != code or
                                    _place_codes(nxt.group(1), dictionary, towns_too=True)):
                continue  # "Tripoli, Tunisia, Algeria and Egypt", "Kyiv, Washington, and Brussels": a list
            town = re.sub(r"^(?:The|In|At|From|Near|Outside|Around|Across|Inside|Throughout|Like|Unlike)\s+", "",
                          m.group(1).title())  # "In Perth, Scotland, drivers say": the town is "Perth"
            hit = dictionary.exact(town)
            if re.search(r"[A-Z][\w'’-]*\s$", text[:m.start()]) or hit is not None and hit.name == town:
                continue  # "Inner Mongolia, China": part of a longer name, or a country's own name
            readings = _readings(town, hit, dictionary)
            if m.group(2) == "Georgia" and "GEO" in readings:
                continue  # "BATUMI, Georgia": the country's own town
            if any(other != code for other in readings):
                placed[town] = code
        for m in _COUNTRYS_TOWN.finditer(text):  # "Lebanon's Tripoli", "Lebanon's northern city of Tripoli"
            country, town = dictionary.exact(m.group(1)), m.group(2)
            hit = dictionary.exact(town)
            if country is None or country.kind != "country" or country.name != m.group(1) or \
                    country.name == "Georgia" or \
                    hit is not None and (hit.kind != "country" or hit.name == town):
                continue  # "Russia's Vladimir Putin", "Britain's Labour", "Georgia's Atlanta airport" (the US state)
            if any(other != country.code for other in _readings(town, hit, dictionary)):
                placed[town] = country.code
    return placed


def _readings(town: str, hit: Actor | None, dictionary: ActorDictionary) -> list[str]:
    """The countries a town's name reads as on its own: the country whose capital it is (``hit``, the dictionary's
    actor for it) and the listed places and gazetteer towns of that name ("Tripoli": Libya's; "London": Britain's)."""
    return ([hit.code] if hit is not None and hit.kind == "country" else []) + \
        _place_codes(town, dictionary, towns_too=True)


#: How nationality words end ("Croatian", "Japanese", "Turkish", "Iraqi", "Dutch", "Greek", "Swiss", "Cypriot").
_NATIONALITY = re.compile(r"(?:an|ese|ish|i|ic|ch|sh|kh|k|ss|ot|en)$")
#: Words between a country and a noun that make the country an actor, not the noun's nationality.
_VERB_BETWEEN = re.compile(r"(?:^|\s)(?:the|a|an|its|their|his|her|has|had|is|was|were|are|will|would|said|says|"
                           r"told|[a-z]+ed)\s")
#: First-person words in a quote: its speaker speaks for their own people.
_OWN_WORDS = re.compile(r"\b(?:we|us|our|ours|I|me|my)\b", re.I)
#: People a complaint speaks for (a speaker's own "residents", "workers"), never the "they" it blames.
_AGGRIEVED = {"resident", "worker", "family", "relative", "villager", "community", "survivor", "employee", "picker",
              "rider", "driver", "farmer", "parent", "fan", "supporter", "passenger", "patient", "woman", "man",
              "victim", "tenant", "pupil", "student", "nurse", "teacher", "protester", "demonstrator",
              "grower", "fisherman", "fishermen", "shopkeeper", "trader", "vendor", "local", "neighbour", "neighbor",
              "homeowner", "miner", "herder"}
#: A member of the European Parliament by the post's short form.
_MEP = re.compile(r"^(?:(?!\b(?:[Ff]ormer|[Ee]x)\b).)*\bMEPs?\b")  # not a former one
#: A town its writer gives a country's possessive: "Lebanon's Tripoli", "Lebanon's northern port city of Tripoli".
_COUNTRYS_TOWN = re.compile(r"\b([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)['’]s\s+(?:(?:northern|southern|eastern|western|"
                            r"central|coastal|port|second|third|largest|biggest|main|old)\s+)*"
                            r"(?:(?:city|town|port)\s+of\s+)?([A-Z][\w'’-]+)\b(?!\s+[A-Z])(?!\s+(?:offensive|"
                            r"incursion|operations?|war|campaign|strikes?|attacks?|raids?|invasion|blockade|siege|"
                            r"policy|front|border|occupation)\b)")  # not "Israel's Gaza offensive", "Ukraine's Kursk
# incursion"


def _place_codes(name: str, dictionary: ActorDictionary, towns_too: bool = False) -> list[str]:
    """The countries of the listed places (and with ``towns_too`` the gazetteer's towns) whose name is the whole of
    ``name`` ("Porto Alegre", not "Porto"; "Chicago", "Glasgow")."""
    found = [code for a, b, code in dictionary.places(name) if b - a == len(name)]
    return found + [code for a, b, code in towns(name, require_position=False) if b - a == len(name)] \
        if towns_too else found


#: A body of the world or of a region of several countries by its name ("World Rugby", "the World Boxing Federation",
#: "the Pacific Islands News Association", "the Andean Press Freedom Network"): no country of the story's own.
_REGION_WIDE = re.compile(
    r"^(?:the\s+)?(?:World\s+(?!Cup\b|Bank\b)(?:[A-Z][\w'’-]*\s+)*?(?:Federation|Confederation|Association|Council|"
    r"Union|Network|Forum|Alliance|Organi[sz]ation|Committee)\b"
    r"|(?!Central\s+African\b)(?:(?:Central|Eastern|Western|Northern|Southern|East|West|North|South|Southeast|"
    r"Sub-Saharan)\s+)?(?:European|African|Asian|Pan-African|Pan-American|South American|Latin American|Arab|"
    r"Pacific Islands?|Caribbean|Andean|Nordic)\s+"
    r"(?!(?:American|Canadian|British|Australian|Coast|Northwest|Northeast|Bar|Bank)\b)"
    r"(?:(?:[A-Z][\w'’-]*|and|&)\s+)*(?:Federation|Confederation|Association|Network|Forum|Council|Union|"
    r"Alliance)s?$)")  # "the Caribbean Hotel and Tourism Association" too


#: A preposition or conjunction ending the words before a name: they are no descriptor set before it ("a hearing in
#: Brussels with Marek Hudec").
_ENDS_IN_LINK = re.compile(r"\b(?:with|by|from|to|and|or|against|between)\s*$")
#: ... unless the words say whose the name is ("the Kenyan delegation led by", "a firm founded by"): they do tie it.
_BELONGING_LINK = re.compile(r"\b(?:led|headed|chaired|represented|owned|run|founded|accompanied|joined)\s+by\s*$")


#: A word that makes a place's name part of a longer one elsewhere: "Cerro Colorado" is in Peru, "Villa Texas" no
#: vote for the US state (English ones are left out: "Lake Winnipeg" and "Port Adelaide" are where their city is).
_NAME_BEFORE_PLACE = re.compile(r"\b(?:Cerro|R[ií]o|Villa|Puerto|Isla|Sierra|Monte|Ciudad|Bah[ií]a|Valle|Laguna|Punta|"
                                r"Nueva|Nuevo)\s+$")


#: Sums in a currency only one country writes so: a hint of the article's home ("£1.2million" in a British court
#: story that names no country). The dollar, euro and yen are left out as shared or written by foreign desks.
_CURRENCIES = [(re.compile(p), code) for p, code in (
    (r"£\s?\d", "GBR"), (r"₹\s?\d", "IND"), (r"\bA\$\s?\d", "AUS"), (r"\bNZ\$\s?\d", "NZL"),
    (r"\bC\$\s?\d", "CAN"), (r"\bR\$\s?\d", "BRA"), (r"\bS\$\s?\d", "SGP"), (r"₦\s?\d", "NGA"),
    (r"₱\s?\d", "PHL"), (r"₩\s?\d", "KOR"), (r"\bNT\$\s?\d", "TWN"),
    (r"\bKSh\s?\d", "KEN"), (r"\bGH₵\s?\d", "GHA"), (r"\bRp\s?\d", "IDN"),
    (r"฿\s?\d", "THA"), (r"₺\s?\d", "TUR"), (r"₽\s?\d", "RUS"), (r"₴\s?\d", "UKR"))]


#: A first name and a surname ("Carla Jimenez"): the surname may stand alone later, where a town of that name
#: could be read.
_FULL_NAME = re.compile(rf"\b[{_UPPER}][a-zß-öø-ÿā-ž]+\s+([{_UPPER}][a-zß-öø-ÿā-ž'’-]+)\b")


#: The heading of a statement that names who issues it: "PRESS STATEMENT - Coalition of ... - Abuja, 7 July",
#: "Statement by the Office of the Deputy President on ...", "Ministry of Trade statement on ...".
_ISSUED = [re.compile(p) for p in (
    r"^(?:PRESS (?:STATEMENT|RELEASE)|MEDIA (?:STATEMENT|RELEASE)|STATEMENT)\s*[-–—:|]\s*(?P<body>[^-–—:|]+?)\s*(?:[-–—:|]|$)",
    r"^(?:[Pp]ress |[Mm]edia )?(?:[Ss]tatement|[Rr]elease)\s+(?:by|from|of)\s+(?P<body>.+?)(?:\s+on\s|\s+regarding\s|"
    r"\s*[-–—:|]|$)",
    r"^(?P<body>[A-Z][^:–—|]+?)\s+(?:[Pp]ress |[Mm]edia )?[Ss]tatement\s+(?:on|regarding|about|concerning)\s",
    r"^(?P<body>[A-Z][^:–—|-]+?)\s*[-–—:|]\s*(?:[Pp]ress |[Mm]edia )?(?:[Ss]tatement|[Rr]elease)\s+(?:by|of)\s+the\s+"
    r"[Ss]pokes(?:person|man|woman)\b")]  # "Federal Foreign Office - Statement by the Spokesperson on ..."


#: Lower-case words inside a body's name ("Ministry of Foreign Affairs", "Médecins sans Frontières").
_NAME_PARTICLES = {"of", "for", "and", "the", "on", "de", "du", "des", "la", "le", "del", "sans", "in", "to", "at",
                   "y", "e", "et", "en", "und", "für", "der", "die", "van", "von", "&"}


def issuer_named(headline: str, dictionary: ActorDictionary | None = None) -> str | None:
    """The body a statement's heading names as its issuer, whose "we" and "the Ministry" its sentences are (the
    codebook: a statement speaks in its issuer's voice); None for any other headline, and for a country written
    before the heading, which is its subject ("Vietnam: Statement by the Spokesperson on ...")."""
    for pattern in _ISSUED:
        m = pattern.match(headline.strip())
        body = re.sub(r"^the\s+", "", m.group("body").strip()) if m else ""
        if dictionary is not None and getattr(dictionary.exact(body), "kind", None) == "country":
            continue
        if any(w[:1].islower() and w not in _NAME_PARTICLES and not re.match(r"[dl]['’]", w) for w in body.split()):
            continue  # "MEDIA RELEASE – Independent councillors call for inquiry": a headline, not an issuer
        if body[:1].isupper():
            return body
    return None


#: A press release's closing note on its issuer: "About the FPO: The Free Press Observatory is ...".
_ABOUT = re.compile(r"^About\s+(?:the\s+)?(?P<body>[A-Z][\w&.'’-]*(?:\s+(?:[A-Z][\w&.'’-]*|of|for|and|de|del|du|"
                    r"des|la|the))*?)\s*:\s+\S")


def about_issuer(texts: Sequence[str]) -> str | None:
    """The body a release's "About X:" note names, which issued it when its heading names no issuer: its "we" is that
    body's. Only a name the release used before the note ("About the FPO:" after "The Free Press Observatory (FPO)"),
    so not "About Us:", "About the Author:" nor "About This Report:", and not a person's biography."""
    for k, text in enumerate(texts[1:], 1):
        m = _ABOUT.match(text.strip())
        if m is None or first_name_sex(m.group("body")) is not None or m.group("body") in _NOT_ISSUERS:
            continue
        if any(re.search(rf"\b{re.escape(m.group('body'))}\b", t) for t in texts[:k]):
            return m.group("body")
    return None


#: Where an About note seats its body ("headquartered in Tromso, Norway") or what it says the body is ("is a
#: Norwegian telecom operator").
_SEATED = re.compile(r"\b(?:based|headquartered|registered|incorporated)\s+in\s+([^.;]+)")
_IS_A = re.compile(r"\b(?:is|are)\s+(?:an?|the)\s+((?:[\w-]+\s+){0,3}?)(?:company|firm|group|operator|organi[sz]ation|"
                   r"association|network|ngo|charity|body|agency|maker|producer|manufacturer|provider|bank|insurer)\b")
#: "About ...:" notes that name no issuer.
_NOT_ISSUERS = frozenset({"Us", "Me", "This", "The", "It", "Them"})


def within_places(hits: Sequence, places: Sequence[tuple[int, int, str]], text: str = "") -> list:
    """The dictionary hits that are not a word inside a longer place's name ("Mexico" in "a Democrat from New
    Mexico" is the US state, not the country) nor the US state of Georgia where the text says so (``text``)."""
    state = georgia_state(hits, text)
    hits = [h for h in hits if h not in state]
    if not places:
        return list(hits)
    return [h for h in hits if not any(a <= h.start and h.end <= b and b - a > h.end - h.start for a, b, _ in places)]


def georgia_state(hits: Sequence, text: str) -> list:
    """The hits of the country Georgia that the words around them in ``text`` make the US state."""
    return [h for h in hits if h.actor.code == "GEO" and _US_GEORGIA.search(text[max(0, h.start - 40):h.end + 40])]


#: Georgia the US state rather than the country: "Colquitt County, Georgia", "a Georgia sheriff", "Georgia's
#: governor", "four other Georgia counties" (the country reading dominates in news otherwise: countries.tsv).
_US_GEORGIA = re.compile(r"\b(?:County|Atlanta|Savannah|Augusta|Macon),\s+Georgia\b|\bGeorgia(?:['’]s)?\s+(?:"
                         r"county|counties|sheriffs?|governor|legislature|General Assembly|Bureau of Investigation|"
                         r"Secretary of State|attorney general|Republicans?|Democrats?|primary)\b", re.I)


def headline_country(headline: _Sentence, dictionary: ActorDictionary, placed: Mapping[str, str] | None = None,
                     datelined: Sequence[str] = ()) -> str | None:
    """The country a headline puts first ("Myanmar junta says ...", "Who is arming Sudan's warring parties?"): what
    the article is about, whatever its dateline or the foreign capitals its body quotes. Of the countries the
    headline names, the first (taking the one the whole article names most instead lost 0.4-1.1 points on dev,
    dev-b and test-c); None for a story whose headline names none."""
    if not headline.headline or headline.boiler:
        return None
    owners = owned_in_headline(headline.text, dictionary)
    named = [c for c in home_votes(headline.text, dictionary, placed=placed)
             if getattr(dictionary.by_code(c), "kind", None) == "country"]
    named = [c for c in named if c not in owners or c in datelined]  # "Andean villagers say Canadian-owned mine":
    # the owner's country is the other party's, not where the story is (unless the story is filed from it)
    return named[0] if named else None


def owned_in_headline(text: str, dictionary: ActorDictionary) -> set[str]:
    """The countries a headline writes as an owner's, a backer's or a flag's ("Canadian-owned mine", "Chinese
    state-owned miner") and, beside such an owner, the other party's ("Last British-owned carmaker sold to Chinese
    group": the buyer is no more where the story is than the owner; the body says that)."""
    hits = dictionary.find(text)
    owners = {h.actor.code for h in hits if _OWNED.match(text[h.end:]) or _OWNED.search(text[h.start:h.end])}
    if owners:
        owners |= {h.actor.code for h in hits if h.actor.kind == "country" and
                   re.search(r"\b(?:to|by|from|with|against)\s+(?:an?\s+|the\s+)?$", text[:h.start])}
    return owners


#: What comes before the other party's nationality in a headline: "row with", "sued by", "responds to" (not a
#: movement's "to": "Refugees return to Syrian towns"), a result's "beat" ("Monterrey side beat Brazilian visitors").
_OTHER_PARTY_BEFORE = re.compile(r"\b(?:with|against|by|from|(?:respon\w*|repl\w*|react\w*|answer\w*|object\w*|"
                                 r"appeal\w*)\s+to)\s+(?:an?\s+|the\s+)?$")
#: A result's verb before the beaten side's nationality, which must then name a side ("Police beat Ethiopian
#: journalists" is no result).
_RESULT_BEFORE = re.compile(r"\b(?:beat|beats|edges?|holds?|downs?|stuns?|thrash\w*|defeats?|overcomes?|outlasts?|"
                            r"routs?|sinks?|upsets?)\s+(?:an?\s+|the\s+)?$")
_SIDE_NOUN = re.compile(r"\s+(?:visitors|visiting|guests|hosts|side|team|club|rivals|opponents|champions|challengers?|"
                        r"giants|outfit|squad|XI|holders)\b")
#: A country written as an owner's, a backer's or a flag's ("Canadian-owned", "Iran-backed", "Vanuatu-flagged"; the
#: dictionary does not split "Australian-listed", so a listing is left to the body's words).
_OWNED = re.compile(r"(?:\s+(?:state|government|family|majority|wholly|partly|privately))?-(?:owned|listed|flagged|"
                    r"registered|backed|funded|controlled)\b")  # "Chinese state-owned miner" too


def _headline_other_party(headline: str, code: str, dictionary: ActorDictionary) -> bool:
    """Does the headline name country ``code`` only as the nationality of the other party ("row with Costa Rican
    club", "sued by Chilean miner", "responds to Latvian data protection findings")?"""
    hits = [h for h in dictionary.find(headline) if h.actor.kind == "country" and h.actor.code == code]
    return bool(hits) and all((_OTHER_PARTY_BEFORE.search(headline[:h.start]) or
                               _RESULT_BEFORE.search(headline[:h.start]) and _SIDE_NOUN.match(headline[h.end:])) and
                              re.search(r"(?:an|ese|ish|i|ic)$", headline[h.start:h.end]) and
                              re.match(r"\s+[a-z]", headline[h.end:])
                              for h in hits)  # a nationality before a noun ("with Costa Rican club"), not "in
    # Zimbabwe" (the setting) nor "against Serbia's government"


_QUOTE_CHARS = re.compile("[“”\"‘’']")
_QUOTE_PAIRS = {"“": "”", '"': '"', "‘": "’", "'": "'"}


def quote_regions(text: str, open_at_start: bool = False) -> tuple[list[tuple[int, int]], bool]:
    """Character ranges inside quotation marks, and whether a quote is still open at the end.

    ``open_at_start``: the sentence continues a quote opened in an earlier one (a quoted paragraph).
    Single quotes count only where they cannot be apostrophes.
    """
    regions: list[tuple[int, int]] = []
    start = 0 if open_at_start else None
    closer = "”" if open_at_start else None
    for q in _QUOTE_CHARS.finditer(text):  # only quotation marks open or close a quote
        i, ch = q.start(), q.group()
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if start is None:
            if ch in "“\"" or (ch in "‘'" and not prev.isalnum() and nxt.isalnum()):
                start, closer = i, _QUOTE_PAIRS[ch]
        elif ch == closer or (closer == "”" and ch == '"') or (closer == '"' and ch == "”"):
            if closer in "’'" and (nxt.isalnum() or not prev.strip()):
                continue
            regions.append((start, i + 1))
            start, closer = None, None
    if start is not None:
        regions.append((start, len(text)))
    return regions, start is not None


def _inside(pos: int, regions: Sequence[tuple[int, int]]) -> bool:
    return any(s < pos < e for s, e in regions)


_SPEECH = (r"said|says|say|told|tells|added|adds|stated|insisted|insists|argued|claimed|claims|wrote|writes|"
           r"tweeted|posted|announced|noted|explained|replied|responded|countered|contended|maintained|"
           r"acknowledged|admitted|alleged|alleges|accused|accuses|denied|denies|rejected|rejects|dismissed|"
           r"demanded|demands|asked|asks|urged|called|blamed|charged|described|warned|confirmed|declared")
#: An antecedent sought at the opening of the clause of a claim reported as such
#: ("... Tallinn's claim that | it is jamming").
_CLAIM_THAT = re.compile(r"\b(?:claims?|allegations?|accusations?|charges?|suggestions?|assertions?|reports?)\s+"
                         r"(?:that\s+)?$", re.I)
#: ... inside a sentence whose subject rejects it.
_REJECTS = re.compile(r"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:es|ed|ing)|"
                      r"brush(?:es|ed)? off|dispute[sd]?|disputing|rebuff(?:s|ed)?)\b", re.I)
#: "X said", with up to two insertions between them ("Gemma Oakley, 31, from Peterborough, told us"); a second one
#: that opens with "and" or "or" is another subject ("X, a lawyer, and Y, said"), so it does not count.
_SPEECH_AFTER = re.compile(rf"^(?:\s*,[^,“”\"]{{1,120}}(?:,(?!\s*(?:and|or)\b)[^,“”\"]{{1,60}})?,)?\s*"
                           rf"(?:has |had |have |also |further |on \w+ )*(?:{_SPEECH})\b")
_SPEECH_BEFORE = re.compile(r"(?:[,”\"’']\s*(?:said|says|added|wrote|asked|insisted|continued)|\baccording to)\s*$")
#: Honorifics that may open a transcript's speaker label before a name in capitals or in title case: a UN record's
#: "Mr. DELACROIX (France):", a parliament's "Ms Grace Tan:", "The PRESIDENT (spoke in French):".
_TURN_HONORIFIC = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Madam|Madame|Senator|Sen|Rep)\.?\s+"
_TURN = re.compile(rf"^\s*((?:(?:The\s+(?=(?:PRESIDENT|CHAIR|SPEAKER|CLERK|SECRETARY|MODERATOR|ACTING)\b)|"
                   rf"{_TURN_HONORIFIC})?(?:[{_UPPER}][{_UPPER}.'’\-]+\s?){{1,4}}|"
                   rf"{_TURN_HONORIFIC}(?:[{_UPPER}][\w'’\-]+\s?){{1,3}})(?:\([^)]{{0,60}}\))?)\s*:\s")
#: A post in title case opening a line of a transcript: "The Prime Minister: ...", "The Chair: ...".
_POST_TURN = re.compile(r"^\s*(The\s+(?:[A-Z][a-z]+\s?){1,4})\s*:\s")
#: A label's note on the language spoken, not the speaker's side: "(spoke in French)", "(interpretation from Arabic)".
_LANGUAGE_NOTE = re.compile(r"^\s*(?:spoke|speaking|spoke\s+in|interpretation|interpreted|translated|through|via)\b",
                            re.I)


def is_speaker(text: str, start: int, end: int, quotes: Sequence[tuple[int, int]]) -> bool:
    """The mention at [start, end) speaks: "X said", "said X", "according to X", outside quotes."""
    if _inside(start, quotes):
        return False
    after, before = text[end:end + 160], text[max(0, start - 40):start]
    return bool(_SPEECH_AFTER.match(after) or _SPEECH_BEFORE.search(before.rstrip(" ,")))


def transcript_speaker(sentence: str) -> tuple[str, int] | None:
    """The speaker label that opens a transcript turn ("DR CHUA: ...") and where the turn's text starts."""
    m = _TURN.match(sentence)
    if not m or not any(c.isalpha() for c in m.group(1)):
        return None
    return m.group(1).strip(), m.end()


# ----------------------------------------------------------------------------------------- span rules
_LOCATIVE = re.compile(r"\b(in|at|near|outside|inside|across|over|into|off|around|throughout|within|to|from)\s+(the\s+)?"
                       r"((?:north|south|east|west|central)\w*\s+)?$", re.I)
_CONJ = re.compile(r"\s*(?:,\s*(?:and|or)\s+|,\s*|\s+and\s+|\s+or\s+|\s*&\s*)")


@lru_cache(maxsize=8192)  # pure, and asked of the same words over and over
def clean_surface(text: str) -> str:
    """The surface form used as an actor's name when nothing better is known."""
    text = text.strip().strip("\"'“”‘’()[],.;:")
    return re.sub(r"\s+", " ", DETERMINERS.sub("", text))


def expand_to_words(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Grow a span cut inside a word or an abbreviation back to whole words ("U" of "U.S." -> "U.S.")."""
    while start > 0 and (sentence[start - 1].isalnum() or (sentence[start - 1] == "." and start > 1
                                                           and sentence[start - 2].isalpha() and start >= 2)):
        if sentence[start - 1] == "." and not sentence[start:start + 1].isupper():
            break
        start -= 1
    while end < len(sentence) and (sentence[end].isalnum() or (sentence[end] == "." and end + 1 < len(sentence)
                                                               and sentence[end + 1].isalpha())):
        end += 1
    if end < len(sentence) and sentence[end] == "." and re.fullmatch(r"(?:[A-Z]\.)+[A-Z]", sentence[start:end]):
        end += 1  # the last dot of "U.S."
    return start, end


def split_coordination(text: str, dictionary: ActorDictionary) -> list[str]:
    """The conjuncts of "Russia and Iran" or "Britain, France and Germany" when each one is an actor of its own
    (a dictionary entry or a proper name); otherwise the whole span ("Bosnia and Herzegovina", "Residents of
    Blackpool and Farranree", "Ridgefield and Moorside MP James Okafor")."""
    body = clean_surface(text)
    if dictionary.exact(body) is not None or not re.search(r"\band\b|,|&", body):
        return [text]
    parts = [p for p in _CONJ.split(body) if p]
    if len(parts) < 2 or any(len(p.split()) > 4 for p in parts):
        return [text]
    if all(dictionary.exact(p) is not None for p in parts):
        return parts
    return [text]


@lru_cache(maxsize=8192)
def possessor(text: str) -> tuple[str, str] | None:
    """ "Russia's defence ministry" -> ("Russia", "defence ministry"); None without a possessive."""
    m = re.match(r"^(?:the\s+)?(.+?)['’]s?\s+(.+)$", clean_surface(text), re.I)
    if not m or m.group(1).lower() in PRONOUNS:
        return None
    return m.group(1), m.group(2)


#: Capitalised words that are never names: days, months, and words that open sentences or questions.
NOT_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
             "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
             "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "the", "a", "an",
             "but", "and", "in", "on", "at", "after", "when", "as", "he", "she", "it", "they", "we", "i", "if",
             "while", "since", "asked", "according", "under", "last", "this", "that", "its", "his", "her", "their",
             "why", "what", "who", "how", "where", "which", "will", "can", "could", "would", "should", "did", "do",
             "does", "is", "are", "was", "were", "has", "have", "had", "our", "my", "your", "there", "here", "then",
             "now", "so", "yet", "also", "still", "for", "from", "with", "without", "by", "to", "of", "no", "not",
             "yes", "well", "let", "let's", "today", "tonight", "yesterday", "tomorrow", "mr", "mrs", "ms", "dr",
             "retired", "former", "some", "several", "many", "most", "one", "two", "three", "four", "five", "all",
             "both", "each", "every", "any", "other", "others", "another", "during", "before", "until", "though",
             "although", "because", "unless", "whether", "photos", "photo", "video", "transcript", "good",
             "thank", "thanks", "welcome", "joining", "meanwhile", "however", "instead", "earlier", "later",
             "senior", "local", "state", "federal", "national", "opposition", "ruling", "presiding"}
#: Words of ``NOT_NAMES`` that open the names of public bodies: "National Crime Agency", "Federal Reserve".
_BODY_OPENERS = {"national", "federal", "state", "senior", "local", "opposition", "ruling", "supreme"}


def opens_name(words: Sequence[str]) -> bool:
    """A word of ``_BODY_OPENERS`` ("National", "Federal", "State", "Supreme", "Opposition", ...) before more
    capitalised words that end in a body's noun or suffix is part of the body's name ("the Federal Emergency
    Management Agency", "Supreme Court Judges Council"), not a word to strip as a sentence opener is ("State
    Senator")."""
    return len(words) > 2 and words[0].lower() in _BODY_OPENERS and words[1][:1].isupper() and (
        _form(words[-1]) in _ORG_SUFFIXES or singular(words[-1].lower().strip(".")) in BODY_HEADS)


_NAME_TOKEN = re.compile(rf"^[{_UPPER}][\w'’\-]*\.?$|^[{_UPPER}]\.$|^(?:al|el|abu|ul|ud)-[{_UPPER}][\w'’\-]*$")  # "Šimek"
#: A capitalised body noun and "of" before the last words: "Ministry of State Assets" names a body, not a person.
_BODY_OF = re.compile(r"\b(?:Ministry|Department|Office|Bureau|Agency|Commission|Council|Court|Institute|University|"
                      r"Chamber|Committee|Federation|Union|Association|League|Bank|Authority|Board)\s+of\b")
#: Countries' names that are common given names: "Jordan Reyes" and "Chad Mbeki" are people.
_COUNTRY_GIVEN_NAMES = frozenset({"Jordan", "Chad"})  # not Georgia ("Georgia Power"), nor Israel ("Israel Hayom")
_PARTICLES = {"de", "da", "del", "van", "von", "der", "bin", "al", "el", "la", "le", "di", "du", "dos", "ibn", "ben",
              "das", "do", "des", "della", "dei", "degli", "ter", "ten", "zu"}


def person_name(text: str, dictionary: ActorDictionary) -> str | None:
    """The person's name at the end of a span, titles and roles stripped ("Foreign Minister Rasa Kudirkaite" ->
    "Rasa Kudirkaite", "Lt. Gen. Marcus Hale" -> "Marcus Hale", "DR CHUA" -> "Chua"); None if none."""
    return dictionary.remember("person_name", text, lambda t: _person_name(t, dictionary))


def _person_name(text: str, dictionary: ActorDictionary) -> str | None:
    of = _TITLED_OF.match(clean_surface(re.split(r",|\(", text)[0]))
    if of is not None and titled(of.group(1)):
        named = _person_name(of.group(1), dictionary)  # "Mayor Ricardo Dumaguete of Santa Lucena", "Senator Ana
        if named is not None and len(named.split()) > 1:  # Ruiz of the opposition": the person, whatever she is
            return named  # of (not "General Mills of Canada": one word after a title may be a body's)
    words = clean_surface(re.split(r",|\(", text)[0]).split()
    name: list[str] = []
    for w in reversed(words):
        bare = w.strip(".,;:'’").lower()
        if not (_NAME_TOKEN.match(w) or (bare in _PARTICLES and name)):
            break
        if name and re.search(r"['’]s$", w):
            return None  # "Prime Minister's Questions": what someone owns or holds, not a person's name
        if bare in TITLES or w.lower() in TITLES or role_of(bare) or singular(bare) in BODY_HEADS:
            if name and w[:1].isupper() and singular(bare) != bare and role_of(bare) and bare not in TITLES:
                return None  # "Kitchen Workers United": a capitalised plural role inside a body's name, no title
            break
        if dictionary.exact(w) is not None and not name:
            return None  # "Foreign Minister of Russia" ends in a country, not a person
        name.insert(0, w)
    k = len(words) - len(name) - 1
    while k > 0 and words[k].lower() == "national":
        k -= 1  # "Office for National Statistics": "National" is no title of a person there
    before = words[k].lower() if k >= 0 else ""
    if before in ("of", "for", "and", "in", "at", "from", "de", "to", "on"):
        return None  # "Association for Human Rights", "mayor of Viña del Mar": a body or a place, not a person
    body_of = list(_BODY_OF.finditer(head := " ".join(words[:len(words) - len(name)])))
    post = head[body_of[-1].end():].split() if body_of else []
    if body_of and not (len(post) > 1 and any(
            w.strip(".,").lower() in TITLES or role_of(w.strip(".,")) or
            (w.isalpha() and w.islower() and w not in _PARTICLES | {"of", "for", "and", "the", "in", "on", "at"})
            for w in post[1:])):
        return None  # "the Ministry of State Assets" ends a body's name; "Bank of England Governor X" is a person
    while name and name[0].strip(".").lower() in _PARTICLES:
        name.pop(0)
    has_title = len(words) > len(name) and (words[-len(name) - 1].strip(".,").lower() in TITLES
                                         or bool(role_of(words[-len(name) - 1].strip(".,"))))
    if not name or all(len(w.strip(".")) <= 1 for w in name) or any(
            w.strip(".,'’").lower() in NOT_NAMES and not (w == "He" and k == 0 and len(name) == 2 and has_title)
            for k, w in enumerate(name)):
        return None  # a pronoun is no name, save the Chinese surname He after a title ("spokeswoman He Yadong")
    if len(name) == 1 and not any(t.strip(".").lower() in TITLES or role_of(t.strip(".,")) for t in words[:-1]):
        if name[0].isupper() and len(name[0]) <= 5:
            return None  # an acronym ("NATO", "DGSN"), not a surname
    if dictionary.exact(" ".join(name)) is not None or any(
            (a := dictionary.exact(w)) is not None and a.kind == "country" and a.name[:4].lower() == w[:4].lower()
            and not (k == 0 and len(name) == 2 and w in _COUNTRY_GIVEN_NAMES) for k, w in enumerate(name)):
        return None  # "Russian Grigory": a nationality, not a name ("Wellington Macedo" is a name)
    if _form(name[-1]) in _ORG_SUFFIXES or singular(name[-1].lower()) in BODY_HEADS or \
            _form(name[0]) in _ORG_PREFIXES or len(name) > 1 and name[0].lower() in _FIRM_OPENERS or \
            _PLACE_MODIFIER.search(name[-1]):
        return None  # a body, or a modifier ("Sao Paulo-listed", "Kremlin-backed")
    whole = " ".join(name)
    if len(name) > 1 and any(b - a == len(whole) for a, b, _ in dictionary.places(whole)):
        return None  # "a Hong Kong newsletter", "in Sao Paulo": a place, not a person (GeoNames' towns are not
        # asked: many bear people's names, "Miguel Pereira", "Diego Martin")
    return " ".join(w if not w.isupper() or len(w) <= 2 else w.capitalize() for w in name)


#: A titled name and what it is of: "Mayor Ricardo Dumaguete of Santa Lucena", "Sen. Ron Wyden of Oregon".
_TITLED_OF = re.compile(r"^((?:[A-Z][\w'’.-]*\s+)*?[A-Z][\w'’-]+)\s+of\s+(.+)$")


def _form(word: str) -> str:
    """A name's word as ``_ORG_SUFFIXES`` and ``_ORG_PREFIXES`` list it: lower case, without the dots of a company
    form ("S.A." -> "sa", "S.p.A." -> "spa", "Ltd." -> "ltd")."""
    return word.replace(".", "").lower()


#: A seat written before a name ("Kumasi-based Goldcoast Pharma Ltd"): where the body is, no word of its name.
_SEAT_BEFORE_NAME = re.compile(r"^[A-Z][\w'’.]*(?:\s[A-Z][\w'’.]*){0,2}-(?:based|headquartered|registered|listed)\s+"
                               r"(?=[A-Z])")


_ORG_SUFFIXES = {"ltd", "inc", "corp", "co", "llc", "plc", "gmbh", "ag", "sa", "kft", "group", "systems", "labs",
                 "partners", "services", "holdings", "capital", "entertainment", "pictures", "media", "news",
                 "components", "mobile", "electric", "bank", "airlines", "motors", "energy", "mining", "gold",
                 "watch", "net", "libre", "club", "party", "union", "association", "federation", "committee",
                 "council", "ministry", "department", "agency", "office", "police", "court", "commission",
                 "directorate", "chamber", "board", "institute", "university", "hospital", "foundation", "fund",
                 "network", "lab", "times", "post", "ledger", "brief", "review", "herald", "tribune", "jail", "prison",
                 "county", "city", "district", "region", "province", "street", "square", "centre", "center", "hall",
                 "command", "community",
                 "station", "airport", "port", "base", "camp", "island", "river", "sea", "lake", "valley", "bay",
                 "shoal", "reef", "strait", "gulf", "park", "road", "avenue", "buildings", "house", "tower",
                 # trades and sports that end firms' and clubs' names ("Sunridge Pharma", "Racing Provence XV")
                 "pharma", "pharmaceutical", "pharmaceuticals", "semiconductor", "semiconductors", "animation",
                 "aerial", "aerospace", "genetics", "biotech", "therapeutics", "logistics", "shipping", "airways",
                 "foods", "chemicals", "technologies", "technology", "software", "robotics", "studios", "productions",
                 "insurance", "securities", "exchange", "xv", "fc", "rugby", "telecom", "steel", "construction",
                 "produce", "farm", "farms", "dairy", "dairies", "poultry", "seafood", "fisheries", "resorts",
                 "hotels", "brewery", "bakery", "wines",
                 # the same nouns ending firms' names in other languages ("Vértice Mineração", "Acciones SpA")
                 "mineração", "minera", "mineria", "minería", "construções", "construcciones", "industrie",
                 "industrias", "spa", "srl", "sarl", "sas", "ltda", "bv", "nv", "ab", "asa", "oy", "kk", "tbk",
                 "bhd", "pte", "pty", "sae", "farma", "alimentos", "alimentação", "bebidas", "lebensmittel",
                 # venues and places that end a name ("the Red Lion Sports Bar", "the Pine Ridge Landfill"); words
                 # that are also common surnames (Hill, Church, Wood, Ridge, Grove) are left out
                 "pub", "inn", "hotel", "motel", "cafe", "café", "restaurant", "bistro", "clinic", "chapel",
                 "mosque", "cathedral", "synagogue", "academy", "project", "initiative", "mall", "landfill", "creek",
                 "heights", "springs", "falls", "gardens", "estate", "ranch", "quarry", "dam", "tunnel", "stadium",
                 "theatre", "theater", "museum", "gallery", "library", "subdivision",
                 # more trades ending firms' and clubs' names ("Redline Research", "Kessler Pay", "Zypher AI")
                 "research", "pay", "payments", "resorts", "trust", "ai", "tv",
                 "trading", "contracting", "electronics", "microelectronics", "rovers", "wanderers", "athletic",
                 "bau", "automobil", "aeromotive", "fruits", "meat", "dormitories", "verpakking",
                 # common trades and broadcasters that end firms' names ("Okoye Cement", "Coastal Voice FM",
                 # "Kumo Games"); none is a common surname (Power, Mills, Cable, Sugar, Ferry, Courier, Homes and
                 # Bouw are left out, and Express and Courier name newspapers)
                 "fm", "cement", "water", "utilities", "waste", "recycling", "rail", "railways", "ferries",
                 "freight", "cargo", "aviation", "automotive", "tyres", "tires",
                 "games", "gaming", "live", "events", "records", "music", "films", "broadcasting", "communications",
                 "telecoms", "networks", "solutions", "consulting", "engineering", "industries", "manufacturing",
                 "textiles", "garments", "apparel", "cosmetics", "beverages", "brewing", "plastics", "packaging",
                 "printing", "publishing", "metals", "minerals", "resources", "materials", "petroleum", "oil",
                 "diagnostics", "medical", "healthcare", "laboratories", "biosciences", "investments", "finance",
                 "financial", "realty", "properties", "developments", "infrastructure", "catering", "staffing",
                 "recruitment", "logistik", "maritime", "marine", "optics", "display", "displays", "devices",
                 "avionics", "propulsion", "interactive", "digital", "data", "analytics", "travel", "tours",
                 "hospitality", "housing", "forum", "observatory", "limited", "seafoods", "civil",
                 # and in other languages ("Van der Meulen Logistiek", "Brenner Technik")
                 "logistiek", "techniek", "groep", "transport", "technik", "gruppe", "werke", "logistique",
                 "groupe", "logística", "ingeniería", "seguros", "cementos", "aceros",
                 # company forms written with dots or in capitals ("Frutas Levante S.A.", "Agroservicios Júcar S.L.",
                 # "Minh Phat Textile JSC", "Nordhavn Lines A/S") and a few more trades and sports bodies
                 "sl", "slu", "sab", "sapi", "jsc", "pjsc", "ojsc", "cjsc", "doo", "dd", "ad", "a/s",
                 "aps", "oyj", "sro", "zrt", "nyrt", "uab", "ehf", "hf", "bhd", "tbk", "pvt", "pte",
                 "textile", "gaa", "rfc", "afc", "sc", "bc", "hc", "united",
                 # and in the Nordic languages ("Vestkyst Sparekasse", "Nordvik Havbruk")
                 "sparekasse", "sparebank", "sparbank", "sparbanken", "havbruk", "rederi", "fiskeri", "bryggeri",
                 "entreprenør", "andelsselskab", "osuuskunta"}


#: A name made a modifier: "Sao Paulo-listed", "Kremlin-backed" (not "Min-jun" in a Korean name).
_PLACE_MODIFIER = re.compile(r"-(?:based|listed|born|backed|led|run|owned|headquartered|registered|funded|linked|"
                             r"allied|aligned|controlled|affiliated|made|bound)$")
#: First words of rivers', mountains' and islands' names.
_PLACE_OPENERS = {"rio", "río", "lake", "lago", "mount", "monte", "mont", "cape", "cabo", "isla", "ilha", "île", "port",
                  "fort", "sierra", "gulf", "bay"}


#: Last words of lakes', rivers' and valleys' names ("Red Lake", "the Hunter Valley"), never a body's.
_PLACE_ENDINGS = {"lake", "river", "valley", "bay", "coast", "hills", "mountains", "peninsula", "delta", "basin",
                  "plateau", "strait", "gorge", "creek", "highlands", "lowlands"}
#: A part of a town or region: "South Jakarta", "East London".
_COMPASS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "greater",
            "upper", "lower", "inner", "outer"}


def looks_like_place(phrase: str) -> bool:
    """A capitalised phrase that is a place, or a modifier made of one: a river or mountain ("Rio Doce"), a town
    GeoNames knows ("Belo Horizonte"), "Sao Paulo-listed"."""
    words = phrase.split()
    if words[:1] == ["the"] or words[:1] == ["The"]:
        words = words[1:]
    if not words:
        return False
    return words[0].lower() in _PLACE_OPENERS or bool(_PLACE_MODIFIER.search(words[-1])) or \
        " ".join(words) in town_countries() or words[-1].lower() in _PLACE_ENDINGS and len(words) > 1 or \
        len(words) > 1 and words[0].lower() in _COMPASS and " ".join(words[1:]) in town_countries() and \
        singular(words[-1].lower()) not in BODY_HEADS | _PUBLIC_HEADS and words[-1].lower() not in _ORG_SUFFIXES


@lru_cache(maxsize=8192)
def titled(text: str) -> bool:
    """A title or role word stands in the phrase ("Sen. Bell", "Councillor Zsófia Mérő", "Dr Stoica")."""
    return any(w.strip(",").lower() in TITLES or role_of(w.strip(".,")) for w in text.split()[:-1]) or \
        bool(re.match(r"^(Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Capt|Adm|Prof|Rev)\.?\s", text.strip()))


def _titled_name(name: str) -> bool:
    """A title opens or stands in the name, so a firm's or club's noun before it is the title's owner, not the
    name's kind ("league Commissioner Rob Manfred" is a person)."""
    words = name.split()
    return bool(words) and (titled(name) or words[0].strip(".,").lower() in TITLES)


#: Nouns for firms and clubs that a name follows ("drone maker Skylark Aerial", "search giant Quarry").
_FIRM_NOUNS = {"maker", "carmaker", "automaker", "drugmaker", "chipmaker", "giant", "chain", "distributor", "lender",
               "miner", "subsidiary", "start-up", "club", "league", "outfit", "processor", "meatpacker", "packer",
               "retailer", "grocer", "supermarket", "carrier", "airline", "insurer", "refiner", "builder", "developer",
               "manufacturer", "exporter", "importer", "supplier", "wholesaler", "operator", "provider", "firm"}


#: The words that give a name ("a group called ...", "a page calling itself ..."): what follows is a name, however
#: common its first word ("Parents for Honest Schools").
_NAMING = r"(?:called|named|calling\s+itself|known\s+as)"
#: A firm's descriptor and then its name in one span: "the U.S. search company Quarry", "search giant Quarry".
_FIRM_NAMED = re.compile(r"^((?:[\w.'’-]+\s+)*?[a-z][a-z-]+)\s+"
                         r"([A-Z][\w'’.&-]*(?:\s+(?:&\s+)?[A-Z0-9][\w'’.&-]*)*)$")
#: The noun written right before a name, read three ways on purpose (folding either later one into the first
#: changes dev-c output):
#: is the name a body at all: any article or none, and the article and comma decide ("told the court John Smith").
_BODY_NOUN_BEFORE = re.compile(r"(?:^|\b(?P<det>an?|its|their|the)\s+(?:[\w'’.-]+\s+){0,3}?)?(?P<noun>[a-z][a-z-]+)"
                               rf"(?P<called>\s+{_NAMING})?(?P<comma>,?)\s*$")
#: which words describe the firm: up to three before the noun, article or not ("Shenzhen-based drone maker").
_FIRM_DESCRIPTOR = re.compile(r"((?:[\w'’.-]+\s+){0,3}[a-z][a-z-]+),?\s*$")
#: is it a body met before by its kind: only a definite or possessive word, capitalised too, and a comma ("Its
#: local distributor, Saigon Star Media"); "a rival distributor, Lotus Reel Media" introduces a new body.
_NOUN_BEFORE_NAME = re.compile(r"\b(?:[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s+((?:[a-z][\w-]*\s+){0,2}?)"
                               r"([a-z][a-z-]+),\s*$")
#: A firm's shares trading in a place: "The company's shares fell 1.8 percent in Tokyo", "Kaito's shares closed
#: down in Seoul".
_SHARES = re.compile(r"\b(?P<owner>[Ii]ts|[Tt]he (?:company|firm|group)|[A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){0,3})['’]?s?"
                     r"\s+shares\b(?:[^.;]|\.\d){0,60}?\s(?:in|on the)\s+(?P<place>[A-Z][\w-]*(?:\s[A-Z][\w-]*)?)")
#: One who answers for another, named as such ("Her barrister, X,", "The star's spokesman", "Ngakola's defence team",
#: "a lawyer for Ms Ruiz") rejecting a claim about the one they answer for: "... rejected the prosecution's claim
#: that she had", "... denied that he".
_AGENT = r"spokes(?:man|woman|person)|lawyers?|barrister|solicitor|attorneys?|counsel|publicist|representatives?"
_AGENT_DENIES = re.compile(rf"(?:(?:\b(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)|\w['’]s?)\s+(?:[a-z-]+\s+){{0,2}}?"
                           rf"(?P<agent>{_AGENT}|agent|defen[cs]e\s+(?:team|lawyers?)|legal\s+team)\b|"
                           rf"\b(?P<agent2>{_AGENT})\s+for\s+(?-i:[A-Z]))"
                           r"[^.;:“”\"]*?\b(?:(?:claims?|reports?|accounts?|allegations?|suggestions?|accusations?|"
                           r"assertions?|charges?)\s+that|denied\s+(?:that\s+)?)\s*$")
#: A post and the name of the person holding it, in one span: "the deputy mayor, Rose Namukose", "Serbia's sports
#: minister, Milica Janković".
_POST_THEN_NAME = re.compile(r"^(?P<post>[^,]*[a-z]),\s+(?P<name>(?:(?:Dr|Mr|Mrs|Ms|Prof|Sir|Dame)\.?\s+)?"
                             r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)+),?\s*$")
#: A post held as a stand-in or in opposition: "shadow treasurer", "Deputy Minister", "vice-president"; for posts
#: whose holder the bare noun means ("the Treasurer"), not ranks ("Vice Admiral", "Assistant Professor").
_UNDERSTUDY = re.compile(r"\b(?:shadow|deputy|vice|assistant)[\s-]+(minister|treasurer|secretary|president|mayor|"
                         r"chair|chairman|chairwoman|governor|leader|speaker|premier|commissioner|coach|manager|"
                         r"director|editor|chief|principal|head)\b", re.I)
_NAME_WORD = re.compile(rf"(?:[{_UPPER}0-9][\w&.'’-]*|(?:al|el|bin|ibn|van|von|de|da|di|du|le|la)-?[{_UPPER}][\w'’-]*|"
                        r"of|for|and|the|de|del|da|do|dos|das|di|du|des|la|le|al|el|van|von|der|den|y|e|&)$")


def post_before(window: str) -> re.Match | None:
    """The post written before a name and a comma ("an American teacher, Dan Pruitt"), with a country of several
    words where it ends in a post and is no object of what comes before ("South Korea's trade minister, Yoon Hye-jin",
    not "After talks with New Zealand's foreign minister, Penny Wong")."""
    post = _POST_BEFORE.search(window)
    longer = _LONG_POST_BEFORE.search(window) if post is not None else None
    if longer is not None and any(role_of(w) for w in re.findall(r"\b[a-z]+\b", longer.group(1))) and not re.search(
            r"\b(?:with|after|before|to|from|at|for|by|against|of|meeting|met|beside|alongside|and|on|in|about|like|"
            r"than)\s+$", window[:longer.start()], re.I):
        return longer
    return post


def _describing_noun(text: str) -> str | None:
    """The noun that describes a name in a span ("the parents' association Save Our Local Schools": association)."""
    split = _modified_name(clean_surface(text))
    return singular(re.sub(r"['’]s?$", "", split[0].split()[-1].lower())) if split is not None else None


@lru_cache(maxsize=8192)
def _understudy(before: str, text: str) -> tuple[tuple[str, str], ...]:
    """The stand-in posts written right before a name or in its span: (("shadow", "treasurer"),)."""
    found = [*re.finditer(_UNDERSTUDY.pattern + r",?\s*$", before, re.I), *_UNDERSTUDY.finditer(text)]
    return tuple((m.group(0).split()[0].lower(), singular(m.group(1).lower())) for m in found)


def _modified_name(body: str) -> tuple[str, str] | None:
    """A name after words that describe it: ("Swiss watchmaker", "Lemaire"), ("Sudan's paramilitary", "Rapid
    Support Forces"). The words end in a lowercase word (a possessive one too), and the name is capitalised
    throughout ("the ruling Law and Justice party" is no name after words, "Korean Central News Agency" no words
    before a name)."""
    words = body.split()
    for k in range(len(words) - 1, 0, -1):
        last = words[k - 1]
        if not re.fullmatch(r"[a-z][a-z-]*(?:['’]s)?", last) or last in _NAME_PARTICLES | _PARTICLES | {
                "at", "by", "from", "with", "as", "into", "against", "over", "near", "than", "or", "but", "not", "no",
                "nor", "without", "within", "under", "between", "across", "is", "are", "was", "were", "be", "so"}:
            continue  # "Hope not Hate", "Engineers without Borders": a word inside a name
        rest = words[k:]
        if rest[0][:1].isupper() and all(_NAME_WORD.match(w) for w in rest) and \
                not rest[0].lower().rstrip(".") in TITLES and any(w[:1].isupper() for w in rest):
            return " ".join(words[:k]), " ".join(rest)
        return None
    return None


#: A turn opening by calling someone: "Minister, ...", "Governor Whitcomb, ...", "Mr. Eze, ..." (not "Yes, ...", nor
#: the chair: "Mr Speaker, ...").
_VOCATIVE = re.compile(r"\s*(?!(?:Yes|No|Well|Now|So|Thank|Thanks|Okay|OK|Look|Sorry|Right|Indeed|Again|First|Mr\.?\s+"
                       r"Speaker|Madam\s+Speaker|Mr\.?\s+Chair(?:man)?|Madam\s+Chair|Chair|Sir|Madam|Ma'am|Listen|Please|"
                       r"Frankly|Honestly|Actually|Clearly|Again|Finally|Then|But|And)\b)"
                       r"((?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w.'’-]*),\s")
#: A name given right before a span ("a group called Parents for Honest Schools").
_CALLED = re.compile(rf"\b[a-z]+\s+{_NAMING}\s+$")


@lru_cache(maxsize=8192)
def named_as_body(before: str, after: str) -> bool:
    """A name written right after a firm's or club's noun ("drone maker Skylark Aerial", "an Indian company,
    Sunridge Pharma", "Its local distributor, Saigon Star Media") or followed by its initials ("Ligue Nationale de
    Rugby (LNR)") is a body, whatever its words look like; ``before`` and ``after`` are the text around it."""
    if re.match(r"\s*\([A-Z]{2,8}\)", after):
        return True  # people are not given initials in brackets
    m = _BODY_NOUN_BEFORE.search(before)
    if m is None or role_of(m.group("noun")) or (m.group("comma") and m.group("det") in (None, "the")):
        return False  # "the party's lawyer, Ana Ruiz"; "Speaking to the committee, Smith said"
    if m.group("comma") and re.search(r"\b(?:chief|head|deputy)\s+of\s+(?:the\s+)?[a-z-]+,?\s*$", before):
        return False  # "its deputy chief of mission, Zhou Ming": a post in the body, held by a person
    noun = m.group("noun")
    if not m.group("comma") and m.group("det") and noun not in _FIRM_NOUNS and not m.group("called"):
        return False  # "told the court John Smith had": a bare classifier ("drone maker Skylark") has no article
    return noun in _FIRM_NOUNS or (singular(noun) in BODY_HEADS and singular(noun) not in _GOVERNMENT | {
        "family", "families", "side", "state", "country", "nation", "city", "town", "region", "province", "county"})


#: Firms' nouns that name no person's trade ("the builder, Bongani Mokoena" and "a local miner, Kwabena Asante" are
#: people).
_FIRMS_ONLY = frozenset({"company", "firm", "corporation", "conglomerate", "contractor", "airline", "automaker",
                         "carmaker", "chain", "chipmaker", "distributor", "drugmaker", "insurer", "lender",
                         "manufacturer", "meatpacker", "retailer", "start-up", "subsidiary", "supermarket", "wholesaler",
                         "processor", "provider", "refiner"})


def firm_apposed(before: str, name: str) -> bool:
    """A name with no known first name set off after a firm's noun ("The contractor, Sunwoo Inspection,", "the
    company, Hanbit Resources,"): a body, where "the lawyer, Ana Ruiz" stays a person."""
    m = _BODY_NOUN_BEFORE.search(before)
    return m is not None and bool(m.group("comma")) and first_name_sex(name) is None and \
        singular(m.group("noun")) in _FIRMS_ONLY


def owner_named(before: str, name: str) -> bool:
    """A person's name after a noun that a firm or a person may be ("bar owner Gary Pickford", "site operator Ana
    Ruiz"): a person where the name opens with a known first name ("landfill operator Keystone" stays a body)."""
    m = _BODY_NOUN_BEFORE.search(before)
    return m is not None and singular(m.group("noun")) in _PERSON_OR_FIRM and first_name_sex(name) is not None


#: Where a firm or body sits, said right after its name: ", which is headquartered in San Francisco", ", based in
#: Lagos,", ", a Seoul-registered company" is left to the apposition rule.
_SEAT_AFTER = re.compile(r"\s*,\s*(?:(?:which|that)\s+(?:is|was|are|were|has\s+been)\s+)?(?:based|headquartered|"
                         r"registered|incorporated)\s+in\s+((?:the\s+)?[A-Z][^,;]{1,79})")


#: What an apposition right after a name says it is: ", the Netherlands' third-largest supermarket chain", ", a
#: Rotterdam firm that", ", an Omaha company,".
#: Verbs that make the words after "Name, the ..." a clause of its own, not an apposition of the name.
_CLAUSE_VERB = re.compile(r"\b(?:said|says|told|tells|added|denied|denies|insisted|claimed|rejected|confirmed|"
                          r"announced|stated|wrote|argued)\b")


def _clause_follows(words: str) -> bool:
    """Do the words after "Name, the" hold a speech verb before any relative pronoun ("the company said it had"),
    so that they are a clause of their own and not an apposition ("the grocer that regulators said ...")?"""
    return bool(_CLAUSE_VERB.search(re.split(r"\b(?:that|which|who|whose)\b", words)[0]))
_APPOSED = re.compile(r"\s*,\s*(?:an?|the)\s+([^,.;:()\"“”]{2,80})")
#: Body nouns that do not make a name a body when apposed to it: places, households, sides, and the heads a person
#: may hold ("Murat Yalcin, the contractor").
_NOT_APPOSED_BODY = {"family", "families", "household", "side", "state", "country", "nation", "city", "town", "region",
                     "province", "county", "municipality", "defence", "defense", "prosecution", "plaintiffs",
                     "kingdom", "republic",
                     # a trade a person plies ("Gary Marsh, a local builder"), or a noun with a person's sense
                     # ("a former centre of the national team", "a giant of Irish letters", "a party to the suit")
                     "builder", "maker", "exporter", "importer", "wholesaler", "distributor", "processor", "provider",
                     "manufacturer", "grocer", "miner", "packer", "centre", "center", "giant", "party", "force",
                     "network", "unit", "station"}


@lru_cache(maxsize=8192)
def apposed_body(after: str) -> str | None:
    """The firm's or body's noun an apposition gives a name ("Verhoef Markt, the Netherlands' third-largest
    supermarket chain," -> chain; "Brightpath Data Services, a Rotterdam firm that" -> firm): a name so described is
    a body however much its words look like a person's; None for a person's ("Jane Ruiz, the chain's founder")."""
    m = _APPOSED.match(after)
    if m is None:
        return None
    phrase = re.split(r"\s+(?:who|which|that|whose|of|for|to|in|at|from|on|with|based|since)\b", m.group(1))[0]
    if re.match(r"\s+(?:of|to)\b", m.group(1)[len(phrase):]):
        return None  # "a member of", "a party to": what a person is of something
    head = singular(head_word(phrase).lower().strip(".'’"))
    if role_of(head) or head in _NOT_APPOSED_BODY | _PERSON_OR_FIRM or re.search(r"['’]s?$", head_word(phrase)):
        return None
    return head if head in _FIRM_NOUNS or head in BODY_HEADS else None


def _modifiers(name: str, head: str) -> set[str]:
    """The lower-case words before a body's head noun ("energy" of "Uganda's energy ministry"), which tell two bodies
    of one kind apart; empty where the head is not written so."""
    words = re.findall(r"[\w'’-]+", name)
    low = [singular(w.lower()) for w in words]
    if head not in low:
        return set()
    return {w for w in words[:low.index(head)] if w.islower() and w not in (
        "the", "a", "an", "new", "its", "their", "his", "her", "our", "your", "my", "same", "former")}


def _based(text: str, a: int, b: int) -> int | None:
    """Where the words after a place written "X-based" ("X-headquartered", "X-registered") begin, or None."""
    m = re.search(r"-(?:based|headquartered|registered)$", text[a:b])
    if m:
        return b
    m = re.match(r"[-\s](?:based|headquartered|registered)\b", text[b:])
    return b + m.end() if m else None


def _name_words(name: str) -> list[str]:
    """A body's name as lower-case words without "the", "of", "and", "for", so word order and wording compare."""
    return [w for w in re.findall(r"[\w'’-]+", name.casefold()) if w not in ("the", "of", "and", "for")]


def _label_words(name: str) -> str:
    """A name as it compares for sameness: no leading article, lower case, words only."""
    return re.sub(r"[^\w]+", " ", re.sub(r"(?i)^(?:the|a|an)\s+", "", name or "")).lower().strip()


def firm_descriptor(before: str) -> str | None:
    """The words that introduce a firm's name, up to three before its noun ("Shenzhen-based drone maker" before
    "Skylark Aerial", "an Indian company," before "Sunridge Pharma"), where ``named_as_body`` holds."""
    if not named_as_body(before, ""):
        return None
    m = _FIRM_DESCRIPTOR.search(before)
    return m.group(1) if m else None


def _title_before(sentence: str, start: int) -> str:
    """The words right before a name that title it ("Kremlin spokesman" in "Kremlin spokesman Dmitry Arkhipov",
    "operator" in "ordered mobile operator Steppe Mobile"): capitalised, title, role or body words only."""
    words = sentence[max(0, start - 60):start].split()
    out: list[str] = []
    for w in reversed(words):
        bare = w.strip(",.;:").lower()
        if w.endswith((",", ";", ":")) or not (w[:1].isupper() or bare in TITLES or role_of(bare)
                                                 or singular(bare) in BODY_HEADS):
            break
        out.insert(0, w)
        if len(out) == 4:
            break
    return " ".join(out)


_ORG_PREFIXES = {"hotel", "club", "bank", "hospital", "university", "ministry", "department", "court", "radio",
                 "camp", "port", "fort", "lake", "mount", "cape", "air", "team", "banco", "grupo", "deportivo",
                 "atletico", "atlético", "save", "the", "royal", "national", "federal", "central", "general",
                 # firms' first words in other languages ("Mineração Serra Alta"; not "Rio", a first name too)
                 "companhia", "compañía", "compagnie", "société", "empresa", "empresas", "industrias",
                 "indústrias", "gruppo", "mineração", "mineradora", "minera", "construtora", "constructora",
                 "petróleos", "laboratorios", "laboratoires", "editora", "editorial", "transportes", "aerolíneas",
                 "cooperativa", "fundación", "fundação", "fondazione", "stiftung", "instituto", "universidad",
                 "universidade", "università", "clínica", "hôpital", "ospedale", "banque", "banca", "caja", "caixa",
                 # bodies' first words in other languages ("Sindicato Nacional ...", "Federazione Italiana ...")
                 "sindicato", "asociación", "associação", "federación", "federação", "confederación", "observatorio",
                 "observatório", "ministerio", "ministério", "secretaría", "consejo", "conselho", "comisión",
                 "comissão", "comité", "comitê", "tribunal", "juzgado", "policía", "polícia", "partido", "frente",
                 "movimiento", "movimento", "coordinadora", "colectivo", "asamblea", "syndicat", "fédération",
                 "ministère", "observatoire", "collectif", "conseil", "agence", "institut", "parti", "mouvement",
                 "associazione", "federazione", "sindacato", "ministero", "comitato", "consiglio", "osservatorio",
                 "istituto", "partito", "verband", "verein", "gewerkschaft", "ministerium", "bundesamt",
                 # company forms written before the name ("PT Sinar Medika Farma", "OOO Severstroy")
                 "pt", "ooo", "oao", "pao", "zao", "jsc", "pjsc",
                 # clubs' first words in central and eastern Europe and the Balkans ("HNK Rijeka", "OFK Beograd"; not
                 # the two-letter ones, "NK", "FK", "KK": Indian names begin with such initials, "KK Shailaja")
                 "hnk", "gnk", "ofk", "mks",
                 # armed groups' first words in Arabic ("Kataib Sayyid al-Imam", "Jaish al-Adl")
                 "kataib", "kata'ib", "jaish", "harakat", "liwa", "saraya", "jabhat", "asaib", "ahrar", "dar", "hizb",
                 "jamaat", "jamiat", "majlis", "markaz", "ittihad"}
#: Trades that open firms' names in Spanish and Portuguese ("Terminal Portuario Andino", "Servicios de Agua del Norte",
#: "Lácteos Arenal"): a body where a word follows, while a surname alone ("Bodegas said") stays a person's.
_FIRM_OPENERS = frozenset({
    "terminal", "servicios", "serviços", "inversiones", "comercializadora", "distribuidora", "agropecuaria",
    "astilleros", "estaleiro", "siderúrgica", "cementos", "cimentos", "lácteos", "laticínios", "productos", "produtos",
    "alimentos", "naviera", "petrolera", "farmacéutica", "hidroeléctrica", "minerações", "frigorífico", "ingenio",
    "viñedos", "bodegas"})


@lru_cache(maxsize=8192)
def gender_of(text: str) -> str | None:
    """'m' or 'f' where a title or role noun says so ("Mrs", "spokeswoman"), else None."""
    for w in clean_surface(text).lower().split():
        w = w.strip(",;:")
        g = TITLES.get(w) or TITLES.get(w + ".") or PERSON_ROLES.get(singular(w.strip(".")))
        if g:
            return g
    return None


@lru_cache(maxsize=8192)
def roles_of(text: str) -> frozenset[str]:
    """The role and body nouns of a phrase, singular ("Labour housing spokeswoman Aoife Brennan" -> spokeswoman); a
    possessor's are not the phrase's ("the council's prosecutor" is a prosecutor, not a council)."""
    out = set()
    text = re.split(r"\s(?:who|which|that)\s", text)[0]
    text = re.split(r"\b[a-z][\w-]*(?:['’]s|s['’])\s+(?=[a-z])", text)[-1]  # a common noun's only: "Iran's ministry"
    words = [t.norm.lower().strip(".") for t in tokens(text)]
    for i, w in enumerate(words):
        s = singular(w)
        if s in PERSON_ROLES or s in BODY_HEADS:
            out.add(s)
        if i + 1 < len(words) and f"{w} {words[i + 1]}" in STATE_HEADS | BODY_HEADS:
            out.add(f"{w} {singular(words[i + 1])}")
    return frozenset(out)


#: Role nouns that name one job: "the minister" finds "Housing Minister Declan Furlong"; synonyms share a set.
_ROLE_GROUPS = [
    {"spokesman", "spokeswoman", "spokesperson"}, {"official", "officer"}, {"minister", "secretary"},
    {"lawmaker", "legislator", "mp", "congressman", "congresswoman", "deputy", "senator", "representative"},
    {"chief", "director", "head", "boss", "founder", "ceo", "executive", "president", "chairman", "chairwoman",
     "chair", "owner"}, {"prosecutor", "prosecution", "investigator", "attorney"}, {"lawyer", "attorney", "counsel"},
    {"company", "firm", "operator", "corporation", "owner", "maker", "manufacturer", "conglomerate",
     "developer", "contractor", "supplier", "exchange", "start-up", "startup"},
    {"agency", "regulator", "watchdog", "ministry", "department"},
    {"agency", "regulator", "watchdog", "administration", "authority", "bureau", "inspectorate"},
    {"association", "federation"},
    {"charity", "ngo", "group", "organisation", "organization"}, {"channel", "network", "broadcaster", "newspaper"},
    {"police", "force", "gardaí"}, {"committee", "commission"}, {"board", "management"},
    {"coastguard", "coast guard", "guard"}, {"union"}, {"opposition", "party"}, {"network", "group", "ring", "gang"},
    {"club", "team", "side"}, {"court", "tribunal"},
]
#: Sources that are documents: "The report said" is whoever issued it.
_DOCUMENTS = {"report", "review", "indictment", "suit", "lawsuit", "complaint", "statement", "letter", "filing",
              "study", "audit", "investigation", "inquiry", "commentary", "editorial", "petition", "ruling"}
#: Heads of actors that do not take the article's home country by default: they belong to no country named.
_NO_HOME = {"group", "government", "country", "people", "person", "ngo", "exchange",
            "analyst", "expert", "diplomat", "channel", "source", "organisation", "organization", "firm",
            "researcher", "scientist", "campaigner", "activist", "other",
            "gang", "cartel"}
#: Reports and outlets of the press that name no paper: the story's country is not theirs ("The outlet" may be a shop).
_PRESS_REPORTS = re.compile(r"(?i)^(?:(?:some|several|many|other|earlier|recent|certain|the)\s+)*(?:(?:media|press|news|"
                            r"newspaper)\s+reports?|(?:media|press|news)\s+outlets?)$|^(?:some|several|many|certain)\s+outlets$")
#: "A small number of" opening a span: the noun after it says whose the span is.
_NUMBER_OF = re.compile(r"(?i)^(?:(?:a|the)\s+)?(?:(?:very\s+)?(?:small|large|growing|tiny|handful)\s+)?number of\s+")
_SPOKES = {"spokesman", "spokeswoman", "spokesperson"}
_ANONYMOUS = {"official", "spokesman", "spokeswoman", "spokesperson", "source", "aide", "member", "resident",
              "worker", "employee", "diplomat", "analyst", "expert", "person", "people", "officer", "witness"}
#: Phrases that withhold who or where: anonymous sources, "one Nordic country", "Western governments".
_NO_COUNTRY = re.compile(r"^(?:the\s+|some\s+|many\s+|other\s+)?western\b|^(?:whoever|anyone)\b|"
                         r"^(?:both|the two|all)\s+(?:sides|parties)\b|\bparties concerned\b|^each other$|"
                         r"\b(?:familiar with|close to|briefed on|with knowledge of)\s|"
                         r"\b(?:in|from|of)\s+(?:a|an|one|another|a third)\s+(?:[\w-]+\s+){0,2}?"
                         r"(?:country|nation|state|government)\b", re.I)
#: Where a span's people are, written right after it and before a verb of speech or a comma: "A coalition of rights
#: groups in Juba said", "prosecutors in Astana accuse him", "officials in Kyiv say" (no \b after ",").
#: Nouns for the people a story is about, not for posts that bring new people in ("the minister", "a spokesman"):
#: "the singer", "the winger" go back to the person named before.
_PUBLIC_PEOPLE = frozenset({
    "star", "singer", "actress", "actor", "player", "winger", "striker", "midfielder", "full-back", "defender",
    "goalkeeper", "rider", "cyclist", "vlogger", "blogger", "influencer", "rapper", "chart-topper", "footballer",
    "athlete", "boxer", "sprinter", "swimmer", "golfer", "presenter", "comedian", "musician", "celebrity",
    "mum-of-two", "mum-of-three", "dad-of-two", "dad-of-three", "mother-of-two", "father-of-two", "youngster",
    "batsman", "bowler", "jockey", "tycoon", "billionaire", "socialite",
})
#: What follows a body that spoke or answered: "Uganda's revenue authority rejected the charge", "the ministry, in a
#: statement on Tuesday, said".
_ANSWERED = re.compile(r"(?:[^.;:]{0,80}?\s)?(?:said|says|told|rejected|rejects|denied|denies|dismissed|dismisses|"
                       r"responded|insisted|refuted|disputed|rebuffed|retorted|countered|replied)\b")
#: Words that make "X's ... authority" its government, not a named body: "Kenya's highest authority", "the ruling
#: authority".
_RULING = re.compile(r"\b(?:ruling|transitional|interim|central|highest|supreme|top|national|new|military|governing|"
                     r"civilian|de facto|provisional|sole|only)\b")
#: The word after a town's name that makes the name a local facility's ("Lakeside County Referral Hospital").
_LOCAL_FACILITY = re.compile(r"\s+(?:County|District|Referral|General|Community|Memorial|Regional|Municipal|Road|"
                             r"Street|Avenue|Estate|Park|Village|Mall|Primary|Secondary|High|Medical|Health)\b")
#: Posts whose holders a story quotes about the person it is about, never that person: "the singer" is not the judge.
_OFFICES = frozenset({
    "judge", "magistrate", "manager", "coach", "minister", "commander", "director", "president", "chief", "officer",
    "official", "spokesman", "spokeswoman", "spokesperson", "lawyer", "barrister", "solicitor", "attorney",
    "prosecutor", "inspector", "detective", "police", "superintendent", "chairman", "chairwoman", "chair",
    "secretary", "mayor", "governor", "senator", "councillor", "councilor", "sheriff", "referee", "organiser",
    "organizer", "agent", "analyst", "professor", "doctor", "surgeon", "executive", "founder", "owner",
})
#: A person named by age alone: "the 26-year-old", "The 47-year-old".
_AGED = re.compile(r"(?:(?:the|The)\s+)?(\d{1,3})-year-old")
#: A capitalised body right after a person's name: "Camila Errázuriz of the University of Chile", "Tom Reyes from
#: the Philippine Red Cross", "Ana Ruiz at Lund University" ("at" only before a place of study or care: "Xi Jinping at
#: the Kremlin" is a visitor).
_MEMBER_OF = re.compile(r"\s+(?:(?:of|from)\s+(?=(?:the\s+)?[A-Z])|at\s+(?=(?:the\s+)?(?:[A-Z][\w'’.-]*\s+){0,3}"
                        r"(?:University|Institute|College|Hospital|School|Laboratory|Centre|Center)\b))"
                        r"((?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:(?:of|for|and|de|del|la)\s+)?[A-Z][\w'’.-]*){0,5})")
#: An article or a possessive that opens a post ("A Hamas official", "Its president").
_POST_LEAD = r"(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s+"
#: A post set off before a name: "A Hamas official in Beirut, Osama Haddad", "Kessler's Warsaw spokeswoman, Agata Wilk".
_POST_APPOSED = re.compile(r"(?:(?P<owner>[A-Z][\w.-]*(?:\s[A-Z][\w.-]*){0,3})[’']s\s+|"
                           rf"(?P<lead>\b{_POST_LEAD})|^)(?P<post>[^,.;“”\"—–]{{2,70}}),\s*$")
#: An apposition naming a firm's parent ("a subsidiary of a Singapore-registered trading group"): the parent's country,
#: not the firm's, which is where the story places it (as the gold files code such firms).
_PARENT_OF = re.compile(r"(?:[a-z-]+\s+)?(?:subsidiary|unit|arm|affiliate|division|branch|offshoot)\s+of\s+"
                        r"(?:an?\s|(?!the\b)[A-Z])")  # (not "a branch of the Kenya Red Cross", "the Tanzanian arm of")
#: Words before a long clause that make it no post set off before a name: "After meeting the Kenyan foreign minister
#: in Nairobi, Abdi Farah, ...".
_NOT_POST_BEFORE = re.compile(r"\b(?:with|after|before|meeting|met|meets|to|by|from|against|visiting|visited)\s+$", re.I)
#: Titles that give a person's sex.
_SEXED_TITLE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Mister|Madam|Mme|Mlle|Sir|Dame|Lady|Lord)\.?\s", re.I)
#: A client's counsel, who practise where the case is heard, not on the client's side.
_LOCAL_COUNSEL = frozenset({"lawyer", "lawyers", "attorney", "attorneys", "solicitor", "solicitors", "counsel",
                            "barrister", "barristers", "advocate", "advocates"})
#: Listed bodies' codes that are other bodies' initials too ("EMA": the European Medicines Agency, Singapore's Energy
#: Market Authority, a county's Emergency Management Agency): the listed body only where the article spells it out.
_SPELT_ONLY = frozenset({"EMA", "EIB", "AIU", "EBA", "ECA"})
#: The voices of a state, whom a place that opens their sentence places ("In Bogota, Foreign Minister ...").
_PLACED_VOICE = re.compile(r"\b(?:minist\w*|spokes\w*|officials?|government|diplomats?|embass\w*|police|prosecutors?|"
                          r"authorities|president|premier|chancellor|secretary|office|department|agency|commission|ambassador|"
                          r"army|military|regulator)\b", re.I)
#: a place written "X-based" right before a name, with no article ("has sued Rotterdam-based Van der Meulen")
_BASED_BEFORE = re.compile(r"\b[A-Z][\w'’.]*(?:\s[A-Z][\w'’.]*){0,2}-(?:based|headquartered|registered)\s+$")
_PLACE_AFTER = re.compile(r"\s+(?:in|from|based in)\s+((?:[A-Z][\w'’.-]*\s?){1,3})(?=\s*(?:,|(?:said|says|told|"
                          r"have|has|had|were|was|are|is|accused|demanded|called|urged|[a-z]{3,}ed|say|accuses?|"
                          r"claims?|alleges?|den(?:y|ies)|demands?|blames?|insists?|argues?|wants?|charges?)\b))")
#: A post held, written just before the holder's name: "Ireland's defence minister, " or "Kenyan envoy, ".
_POST_BEFORE = re.compile(r"([A-Z][\w'’.-]*\s+(?:[a-z-]+\s+){0,2}[a-z-]+),\s*$")
#: The same with a country of several words ("South Korea's trade minister, Yoon Hye-jin,"): taken only where it
#: ends in a post and is no object of what comes before ("After talks with New Zealand's foreign minister, X").
_LONG_POST_BEFORE = re.compile(r"((?:[A-Z][\w'’.-]*\s+){1,2}[A-Z][\w'’.-]*\s+(?:[a-z-]+\s+){0,2}[a-z-]+),\s*$")
#: Titles of a state's office holders: with no country of their own they serve the state speaking beside them.
_STATE_TITLE = re.compile(r"\b(?:minister|president|ambassador|envoy|secretary|spokes(?:man|woman|person)|premier|"
                          r"chancellor)\b", re.I)
#: "A group of investors" is the investors: a collective noun whose members are named after "of".
_COLLECTIVE_OF = re.compile(r"^(?:an?\s+|one\s+)?(?:group|number|band|coalition|crowd|handful|couple|dozens|hundreds|"
                            r"thousands|team)\s+of\s+(?!the\b)(.+)$", re.I)
#: The opposition at home speaks of its own country's government ("The opposition's foreign affairs spokesman
#: said the government had been asleep"), even on foreign affairs.
_OPPOSITION = re.compile(r"\bopposition\b", re.I)
#: Words of a state's generic bodies, which a nationality before them names by its country ("the Chinese Foreign
#: Ministry" and "China's foreign ministry" are one body); a name with other words keeps its own spelling.
_STATE_BODY_WORDS = frozenset(w for h in STATE_HEADS for w in h.split()) | frozenset({
    "of", "and", "for", "the", "foreign", "defence", "defense", "interior", "home", "affairs", "external", "state",
    "health", "finance", "justice", "trade", "economy", "energy", "agriculture", "education", "transport",
    "labour", "labor", "environment", "information", "security", "public", "national", "federal", "central",
    "special", "armed", "naval", "border", "coast", "guard", "coastguard", "air", "force", "ground", "marine",
    "marines", "intelligence", "service", "services", "office", "department", "presidency", "prime", "minister",
    "ministers", "president", "spokesman", "spokeswoman", "spokesperson", "officials", "official", "media",
    "television", "news", "agency", "authorities", "embassy", "consulate", "parliament", "senate", "court",
    "prosecutors", "prosecutor", "police", "customs", "immigration", "regulator", "diplomats", "diplomat"})
#: Last words of street names, which the firm-ending words ("Street" for "Wall Street") would take for a firm.
_STREETS = frozenset({"street", "road", "avenue", "lane", "square", "boulevard", "drive", "way"})
#: Trades a bare "the airline" names, meaning the firm of the story (not state nouns, "board", nor the hospitals,
#: schools, banks and clubs a story about another firm may speak of).
_TRADE_HEADS = frozenset({
    "airline", "carrier", "clinic", "vendor", "exporter", "cooperative", "operator", "site", "brand",
    "chain", "retailer", "supplier", "manufacturer", "maker", "firm", "studio", "label", "developer", "contractor",
    "insurer", "lender", "platform", "app", "broadcaster", "network", "publisher", "business", "company", "outlet",
    "website", "restaurant", "builder"})
#: An indefinite apposition after a span: ", a Colombian distributor," / ", a company registered in the UAE, said".
_INDEFINITE_APPOSITION = re.compile(r"(?:\s+named [^,]{0,40})?,\s+(?:an?|one of)\s+([^,]{2,70}?)(?:,|\s+(?:said|says|told|which|who)\b)")
#: Words that make ", a ..." a clause or a time, not a noun phrase describing the span.
_NOT_A_NOUN_PHRASE = re.compile(r"(?i)\b(?:after|before|when|since|day|days|week|weeks|month|year|hours?|while|"
                                r"complained|said|had|has|was|were)\b")
#: Culprits nobody has identified.
_CULPRIT = re.compile(r"(?i)^(?:the|a|an|some|unknown|unidentified|masked|armed)?\s*(?:[\w-]+\s+)?(?:attackers|gunmen|"
                      r"militants|perpetrators|smugglers|syndicate|someone|criminals|assailants|thieves|robbers|"
                      r"culprits|kidnappers|vandals|arsonists|group of smugglers|people smugglers)\s*$")
#: Heads of unnamed civil groups and people, and the words that say they are not of one country.
_CIVIL_HEAD = re.compile(r"(?i)\b(?:groups?|organi[sz]ations?|people|men|women|activists|campaigners|residents|parents|"
                         r"father|mother|researchers|firms?|defendants|victims|supporters|students|farmers)\b")
_NOT_LOCAL = re.compile(r"(?i)\b(?:both|other|international|foreign|western|global|each|either|media|outside|rights|"
                        r"freedom|aid|humanitarian|relief|NGOs?|charit(?:y|ies))\b|^\s*people\s*$")
# (rights and aid groups keep none: the gold's convention; they come from anywhere)
#: What ties a name to the body after it: "Katrin Altmann, a spokeswoman for the", "Azlan Rahim of the".
_ROLE_LINK = re.compile(r"(?i)\s*,?\s*(?:(?:an?|the)\s+)?(?:(?!(?:who|whose|which|that)\b)[a-z-]+\s+){0,3}?"
                        r"(?:of|for|at|from|with)\s+(?:the\s+)?")  # not ", whose son died at"
#: Posts whose holder's "we" is their state.
_STATE_VOICE = re.compile(r"(?i)\b(?:minister|spokes(?:man|woman|person)|ambassador|envoy|foreign office|delegation|"
                          r"representative|mediator|government)\b")
#: Nouns for those who run a body that stand for the body itself in a claim ("blamed management").
#: Posts only a firm has, written after a name that owns them: "Dhofar Coastal's general manager" (not a president,
#: a coach, players or a spokesman, whom people have too: "Pep Guardiola's players").
_BODY_POST_AFTER = re.compile(r"['’]s\s+(?:(?:new|former|interim|acting|senior)\s+)?(?:chief\s+(?:executive|financial|"
                              r"operating)|CEO|general\s+manager|managing\s+director|chair(?:man|woman|person)\b|"
                              r"board\b|shareholders|directors|founders?)")
#: A defined term after a body's name, as releases and filings write it: ', Ltd. ("the Company")', '(the "Group")',
#: '("Northline" or "the Company")'.
_DEFINED_TERM = re.compile(r"(?:,?\s*(?:Ltd|Inc|LLC|plc|Co|Corp|S\.A|AG|GmbH|SE|NV|BV)\.?)*\s*\((?:hereinafter\s+)?"
                           r"(?:[\"“][^\"”]{1,30}[\"”]\s+or\s+)?(?:[\"“]the\s+|the\s+[\"“]|[\"“])"
                           r"([A-Z][a-z]+)[\"”]\)")
#: Craft a country's forces or fleets sail or fly: "the Chinese vessels" are craft of China's, not China.
_CRAFT = frozenset({"vessel", "ship", "boat", "jet", "aircraft", "drone"})
_CRAFT_KINDS = (frozenset({"vessel", "ship", "boat"}), frozenset({"jet", "aircraft"}))
#: Europe's states, whose own "side" a story may mean by "the European side" (Britain, France and Germany in talks).
_EUROPEAN = frozenset({
    "ALB", "AND", "AUT", "BEL", "BGR", "BIH", "BLR", "CHE", "CYP", "CZE", "DEU", "DNK", "ESP", "EST", "FIN", "FRA",
    "GBR", "GRC", "HRV", "HUN", "IRL", "ISL", "ITA", "LIE", "LTU", "LUX", "LVA", "MCO", "MDA", "MKD", "MLT", "MNE",
    "NLD", "NOR", "POL", "PRT", "ROU", "SMR", "SRB", "SVK", "SVN", "SWE", "UKR", "XKX"})
#: Blocs of states that news calls "the bloc".
_BLOCS = frozenset({"EU", "ASEAN", "AU", "GCC", "MERCOSUR", "CARICOM", "ECOWAS", "SADC", "EAC", "SCO", "BRICS",
                    "NATO"})
_RUNS_THE_BODY = frozenset({"management", "leadership"})
#: Who presses a country's own government: its opposition, its legislators, its critics.
_HOME_CRITIC = re.compile(r"\b(?:opposition|lawmakers?|legislators?|deputies|MPs?|parliamentarians?|senators?|"
                          r"congress(?:wo)?m[ae]n|critics?)\b", re.I)
#: A state's offices that its own critics ask to explain themselves.
_PRESSED_AT_HOME = frozenset({"ministry", "minister", "cabinet", "administration", "premier", "president", "police",
                              "prosecutor", "secretary", "chancellor", "department"})
#: Platforms used the world over: a story about one country's users does not make them that country's. A user's
#: dictionary entry for one of them wins (listed actors are looked up first).
_PLATFORMS = frozenset({
    "Meta", "Facebook", "Instagram", "WhatsApp", "Google", "YouTube", "TikTok", "Spotify", "Twitter", "Telegram",
    "Reddit", "Snapchat", "LinkedIn", "Netflix", "Discord", "Twitch", "Threads", "Bluesky", "Pinterest"})
_POSSESSIVE_DETERMINERS = frozenset({"his", "her", "its", "their", "our", "your", "my"})
#: Heads of online speakers whose country a story's setting does not give ("the account", "one popular site"); not
#: a news website, which is a country's press, nor "the man behind the account", nor "the organisers' website".
_ONLINE = frozenset({"account", "page", "website", "site", "user", "troll", "handle", "forum", "blog"})
_CONTINENTS = frozenset({"Europe", "Asia", "Africa", "North America", "South America", "Latin America", "Oceania",
                         "the Middle East", "Middle East", "the Gulf", "Scandinavia", "the Caribbean"})
#: One country's governments over time: "successive governments" have run the country the story is about.
_SUCCESSIVE = re.compile(r"^(?:the\s+)?(?:successive|previous|past|former|earlier)\s+governments$", re.I)
#: Unnamed people speaking from near someone: "A source close to the singer", "people close to the rapper".
_CLOSE_TO = re.compile(r"^(?:(?:an?|one|the|two|several|some)\s+)?((?:[a-z-]+\s+)?(?:sources?|people|persons?|insiders?|"
                       r"friends?|someone|associates?))\s+(?:close|familiar)\s+to\s+(?P<who>(?:the|his|her|their|its)\s+"
                       r"[a-z-]+|(?-i:[A-Z]).*)$", re.I)
#: A relative clause after a name that says whom the person works for.
_WHO_WORKS = re.compile(r"\s*,\s*who\s+(?:now\s+|also\s+|still\s+)?(?:heads|headed|leads|led|chairs|chaired|runs|ran|"
                        r"directs|directed|coordinates|coordinated|works\s+for|worked\s+for|advises|advised|manages|"
                        r"managed|founded|owns|commands|commanded)\b((?:[^,;.]|\.(?=\S))*)")
#: Where the words that describe a name begin: after the last verb of saying, preposition or conjunction before it.
_CLAUSE_CUT = re.compile(r"\b(?:from|by|to|with|against|for|and|but|said|says|told|tells|that|on|in|at|of|after|"
                         r"before|over|while|when|as|is|are|was|were)\s+")
#: What sources are close to that is no one: "sources close to the talks", "a source close to the investigation".
_CLOSE_TO_MATTER = re.compile(r"\b(?:talks|negotiations?|investigations?|inquiry|inquiries|probe|case|deal|matter|"
                              r"process|discussions?|decisions?|situation|border|frontier|river|scene|site|fighting|"
                              r"front|operation|trial|hearing|review|plans?|project|story)$", re.I)
#: The owner of a small premises or of an animal is a person ("a corner shop owner", "a dog owner"); a possessor's
#: owner ("the crane's owner, a rental company") may be a firm.
_KEEPER = re.compile(r"\b(?:shop|store|restaurant|bar|pub|café|cafe|salon|bakery|stall|kiosk|business|home|house|farm|"
                     r"hotel|gym|dog|horse|cat|car|boat|clinic|nightclub)\s+owners?$", re.I)
#: Heads that a person or a firm may hold: "The contractor, Murat Yalcin," is a person ("The channel, X" a body).
_PERSON_OR_FIRM = {"contractor", "owner", "supplier", "developer", "publisher", "operator"}
_MISSIONS = {"embassy", "consulate", "ambassador", "envoy", "consul", "mission"}
#: A state's mission abroad, which stands in the country it is posted to and speaks for its own.
_MISSION_NAME = re.compile(r"\b(?:embass(?:y|ies)|consulate|high commission|permanent mission)\b", re.I)
_COLLECTIVE_BODIES = {"police", "prosecutor", "investigator", "prosecution", "gardaí"}
#: Heads that, for a country, are the country itself in a dispute: "Mali's government", "the Malian authorities".
_GOVERNMENT = {"government", "authorities", "authority", "regime", "junta", "administration", "side", "state",
               "country", "leadership", "military government", "military rulers"}


#: Nouns a firm is introduced by before it is named ("Dutch telecoms group", "a Thai construction firm").
_FIRM_HEADS = {"group", "company", "firm", "maker", "operator", "chain", "conglomerate", "supplier", "manufacturer",
               "developer", "contractor", "retailer", "producer", "exporter", "importer", "carrier", "airline", "bank",
               "lender", "insurer", "startup", "start-up", "agency", "cooperative", "platform", "app"}


#: Heads of capitalised names that are a state's own bodies ("Environment Agency", "Financial Supervisory Service").
_PUBLIC_HEADS = {"agency", "commission", "authority", "bureau", "inspectorate", "directorate", "ministry",
                 "department", "service", "office", "council", "tribunal", "court", "police"}


@lru_cache(maxsize=8192)
def national_body(text: str) -> bool:
    """A body's proper name that says it is a state's own ("National Water Commission", "Federal Emergency
    Management Agency", "Financial Supervisory Service"): it belongs to the article's country when it names no
    other, unlike a firm or a charity ("an aid agency", "Ember & Oak")."""
    words = [w for w in clean_surface(text).split() if w.lower() not in ("of", "for", "and", "the", "on", "de")]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return False
    if words[0].lower() in ("international", "world", "global", "european", "african", "asian", "united") or \
            _REGION_WIDE.match(clean_surface(text)):
        return False  # "the Central European Press Freedom Network" is no state's
    return words[0].lower() in ("national", "federal", "state", "central") or \
        singular(words[-1].lower().strip(".")) in _PUBLIC_HEADS


#: Words before "government" or "authority" that make it a body of its own kind: a place below the state ("the
#: city government", "the state government" of a US state) or one field ("the competition authority"). Any other
#: word ("the coalition government", "the military government") leaves it the state's own.
_OWN_KINDS = {"city", "town", "village", "local", "municipal", "metropolitan", "regional", "provincial", "county",
              "district", "state", "territorial", "autonomous", "tribal", "rebel-run", "presidential", "port",
              "harbour", "airport", "competition", "tax", "customs", "water", "health", "aviation", "transport",
              "energy", "food", "drug", "drugs", "financial", "monetary", "data", "electoral", "election", "housing",
              "planning", "maritime", "highway", "highways", "school", "education", "broadcasting", "media",
              "telecommunications", "communications", "gaming", "gambling", "nuclear", "environmental", "railway"}


@lru_cache(maxsize=8192)
def own_body(text: str) -> bool:
    """A government or authority of its own kind ("the city government", "France's competition authority", "the
    port authority"): a body, not the state that "the government" or "the authorities" stand for."""
    words = re.findall(r"[\w-]+", clean_surface(text))
    if len(words) < 2 or singular(words[-1].lower()) not in ("government", "authority", "administration"):
        return False  # a capitalised word before it is the state's name or nationality ("the Malian authorities")
    return words[-2] in _OWN_KINDS


@lru_cache(maxsize=8192)
def head_noun(text: str) -> str:
    """The singular, lower-case head noun of a phrase; a collective's members ("a group of investors" -> investor)."""
    body = clean_surface(text)
    of = _COLLECTIVE_OF.match(body)
    return singular(head_word(of.group(1) if of else body).lower().strip("."))


def _other_body(head: str, name: str) -> bool:
    """A body of another sort than ``head`` says: a headline's "Swimming federation" is not the "World Anti-Doping
    Agency" named next."""
    last = singular(name.split()[-1].lower().strip(".,")) if name.split() else ""
    return head in BODY_HEADS and last in BODY_HEADS and last != head


def _compatible_roles(a: str, b: str) -> bool:
    return a == b or any(a in g and b in g for g in _ROLE_GROUPS)


#: A firm's trade, said of a named firm ("Verhoef Markt, the Netherlands' third-largest supermarket chain"):
#: synonyms share a set.
_TRADES = [{"airline"}, {"grocer", "supermarket", "retailer", "chain"}, {"carmaker", "automaker"},
           {"lender"}, {"insurer"}, {"miner"}, {"refiner"}, {"distributor"}, {"wholesaler"}, {"exporter"},
           {"importer"}, {"processor"}, {"drugmaker"}, {"chipmaker"}, {"meatpacker", "packer"},
           {"station", "broadcaster"}]
_TRADE_NOUNS = set().union(*_TRADES)
#: The trade the last word of a firm's name says ("Coastal Voice FM"): "the broadcaster", or "the station" (a trade of
#: the same set), is that firm. Not "the channel", as often a messaging app's channel as a broadcaster.
_NAME_TRADES = {"fm": "broadcaster", "radio": "broadcaster", "tv": "broadcaster", "television": "broadcaster"}
#: The words that may stand before "station" for a broadcaster: "the radio station", not "the power station".
_STATION_WORDS = {"station", "radio", "tv", "television", "local", "community", "private", "commercial", "broadcast"}


def trades_said(sentence: str, start: int, end: int) -> frozenset[str]:
    """The trades the words around a firm's name give it ("German grocer Brennhaus", "Verhoef Markt, the
    Netherlands' third-largest supermarket chain"): a later "the grocer" or "the chain" is that firm."""
    appo = _APPOSED.match(sentence[end:end + 100])
    if appo is not None and _clause_follows(appo.group(1)):
        appo = None  # "In a filing to the Stock Exchange, the company said ...": a clause's subject, no apposition
    said = " ".join((_title_before(sentence, start), firm_descriptor(sentence[max(0, start - 50):start]) or "",
                     appo.group(1).split(" for ")[0] if appo else ""))
    return frozenset(singular(w) for w in re.findall(r"[a-z]+", said.lower()) if singular(w) in _TRADE_NOUNS)


def _same_trade(head: str, role: str) -> bool:
    """ "The chain" or "the company" for a firm named as a supermarket chain; not "the contractor" for an airline,
    nor "the airline" for a grocer, nor "the insurer" for a firm known only as a company (a trade is its synonyms,
    and the generic "company" is any trade; "carrier", a mail, mobile or freight firm as often as an airline, is
    none)."""
    if head in _TRADE_NOUNS and role in _TRADE_NOUNS:
        return any(head in g and role in g for g in _TRADES)
    return role in _TRADE_NOUNS and head in ("company", "firm", "corporation")


# ------------------------------------------------------------------------------------------ resolver
@dataclass
class _Sentence:
    text: str
    body: int = 0  # where the text starts after a dateline or a speaker label
    boiler: bool = False
    headline: bool = False
    quotes: list[tuple[int, int]] = field(default_factory=list)
    turn: str | None = None  # the transcript speaker label that opens the sentence
    named: frozenset[str] = frozenset()  # the countries its body gives towards the home country (``home_votes``)


class ArticleResolver:
    """Resolve spans one article at a time, in reading order.

    ``read`` the article's sentences first (so cataphora and the home country are known), then
    ``resolve_sentence`` for each sentence in order. For a span with no article around it,
    ``resolve(text)`` resolves against what was seen so far, and ``observe(sentence)`` records the
    people named in a sentence without claims.
    """

    def __init__(self, dictionary: ActorDictionary):
        self.dictionary = dictionary
        self.mentions: list[Mention] = []
        self.sentences: list[_Sentence] = []
        self.home: str | None = None
        self.votes: Counter = Counter()  # the countries the article names, and how often
        self.excluded: Actor | None = None  # an actor a span is being resolved again without
        self.country_led: dict[str, tuple[str, tuple[str, ...]] | None] = {}  # ``_country_led``'s answers
        self.index = -1
        self.renamed: dict[Actor, Actor] = {}  # actors given a better affiliation after they were first resolved
        self.acronyms: dict[str, Actor] = {}  # "dgsn" -> the body a "(DGSN)" followed
        self.defined: dict[str, Actor] = {}  # "company" -> the body a '("the Company")' followed
        self.stated: set[str] = set()  # bodies whose country the words introducing their name gave
        self.surnames: frozenset[str] = frozenset()  # "Jimenez" after "Carla Jimenez": a person, not a town
        self.datelined: list[str] = []  # the countries of the article's dateline
        self.issuer: str | None = None  # the issuer a statement's heading names
        self.about = False  # the issuer is named only by a release's "About X:" note
        self._issuer_actor: Actor | None = None

    # ---------------------------------------------------------------------------------- reading
    def _tie_break(self, texts: Sequence[str], tied: Sequence[str]) -> str | None:
        """Of countries an article names equally often, the one its headline or first sentence names, else the one
        its words point to (the home classifier asked to choose among them); read after the sentences are."""
        lead = {c for t, s in list(zip(texts, self.sentences))[:2] if not s.boiler
                for c in home_votes(t[s.body:], self.dictionary, self.surnames)} & set(tied)
        if len(lead) == 1:
            return lead.pop()
        return home_from_words(" ".join(t for t, s in zip(texts, self.sentences) if not s.boiler), tied)

    def read(self, texts: Sequence[str]) -> None:
        """Note each sentence's dateline, quotes, turn label and boilerplate, and the article's home country."""
        self.sentences = []
        open_quote = False
        places: Counter = Counter()
        guessed: Counter = Counter()  # the weak part of those votes (see ``_votes``)
        datelined: list[str] = []
        self.surnames = surnames = frozenset(m.group(1) for text in texts for m in _FULL_NAME.finditer(text))
        self.placed = placed = placed_towns(texts, self.dictionary)
        heads = [dateline(text) for text in texts]
        for text, (body, place) in zip(texts, heads):  # "PERTH -" over "born in Perth, Scotland": a dateline with no
            # state or country written is the well-known town, and so is the article's every other bare "Perth"
            if place and place.title() in placed and place.title() not in placed_towns([text[:body]], self.dictionary):
                del placed[place.title()]
        labels = [transcript_speaker(text) for text in texts]
        for i, text in enumerate(texts):
            s = _Sentence(text)
            s.boiler = is_boilerplate(text)
            body, place = heads[i]
            turn = labels[i]
            if turn is not None and not re.sub(r"\(.*?\)", "", turn[0]).isupper() and (
                    i == 0 or re.search(r"\w['’]s\b", turn[0])):
                # a headline in title case ("Sen. Warren Responds: ..."), or a line whose "label" owns something
                # ("Ms Ardern's Verdict: guilty"): no speaker label
                turn = None
            if turn is None and (any(x.turn for x in self.sentences) or any(label for label in labels[i + 1:])):
                post = _POST_TURN.match(text)  # in a transcript, "The Prime Minister: ..." is a turn too
                if post is not None and role_of(head_word(post.group(1)).lower()):
                    turn = post.group(1), post.end()
            if turn is not None:
                s.turn, body = turn[0], turn[1]
                open_quote = False
            s.body = body
            if place:
                before = len(datelined)
                hit = self.dictionary.match(place.title()) or self.dictionary.match(place)
                if hit is not None and hit.kind == "country":
                    datelined.append(hit.code)
                head = _DATELINE.match(text)
                named = place.title()  # the town's listed country, if any ("Porto Alegre", not "Porto")
                listed = _place_codes(named, self.dictionary)
                region = head.group(2)  # "BELO HORIZONTE, Brazil, Jan 22": the country first
                hit = self.dictionary.match(region) if region else None
                state = _place_codes(region, self.dictionary) if region else []
                if hit is not None and hit.kind == "country":
                    datelined.append(hit.code)
                elif state:  # "CAMBRIDGE, Massachusetts, 8 October": the state's country, over a town of that name
                    datelined.append(state[0])  # elsewhere ("ST. PETERSBURG, Florida")
                    placed.setdefault(named, state[0])
                elif region is None:  # "KATHMANDU, Nepal (AP) —": the country stands where a date may, unless
                    # the town is a listed place of another country or it is "Georgia" ("ATLANTA, Georgia (AP)")
                    # or the word is also a region of another country ("MINNA, Niger": Niger State, Nigeria)
                    slot = text[head.end(1):body]
                    datelined += [h.actor.code for h in self.dictionary.find(slot)
                                  if h.actor.kind == "country" and h.actor.code != "GEO" and
                                  (not listed or h.actor.code in listed) and
                                  region_country(slot[h.start:h.end]) in (None, h.actor.code)]
                abbreviated = re.match(r",\s*([A-Z][A-Za-z.]*)", text[head.end(1):].rstrip())
                if abbreviated and abbreviated.group(1) in _REGION_ABBREVIATIONS:  # "SPRINGFIELD, Ill. (AP) -"
                    datelined.append(_REGION_ABBREVIATIONS[abbreviated.group(1)])
                datelined += listed or [code for _, _, code in towns(named, require_position=False)]
                if named in placed:  # "TRIPOLI, Lebanon": Lebanon's city, not Libya's capital
                    datelined[before:] = [placed[named]]
                if i == 1 and self.sentences and not self.sentences[0].boiler:
                    self.sentences[0].headline = True
            s.quotes, open_quote = quote_regions(text, open_at_start=open_quote)
            if not s.boiler:
                votes, weak = _votes(text[body:], self.dictionary, surnames, placed)
                if i == 0:  # "Panama-flagged ship sinks": the flag's country casts no vote for the story's home
                    for code in owned_in_headline(text, self.dictionary):
                        if code in votes:
                            votes.remove(code)
                s.named = frozenset(votes)
                places.update(votes)
                guessed.update(weak)
            self.sentences.append(s)
        if len(texts) > 1 and self.sentences and not self.sentences[0].headline:
            first = texts[0].strip()
            if first and first.rstrip("”\"’'")[-1:] not in (".", "?", "!") and not self.sentences[0].turn:
                self.sentences[0].headline = True
        # the dateline's country when the story speaks of it (a DUBAI dateline over an Iran story does not),
        # else the country the article names most
        home = headline_country(self.sentences[0], self.dictionary, placed, datelined) if self.sentences else None
        if home is not None and places:  # unless the story below is about another country far more, and the
            # headline's country is not its subject ("Ukraine says Russian drones ..." stays Ukraine's), or the
            # story is filed from that other country
            top, n = places.most_common(1)[0]
            opens = [h.actor.code for h in self.dictionary.find(" ".join(texts[0].split()[:2]))]
            if top != home and (top in datelined or home not in opens) and n >= 3 and n >= 2 * max(1, places[home]):
                home = top
        if home is not None and datelined and datelined[0] != home and places[datelined[0]] and \
                _headline_other_party(self.sentences[0].text, home, self.dictionary):
            home = datelined[0]  # "Rambla Norte in transfer row with Costa Rican club" filed from MONTEVIDEO
        home = home or next((c for c in datelined if places[c]), None)
        # the body names no country at all, or its one vote is a weak one (a town the gazetteer guessed, a marker):
        # "the Kendal power station" under a JOHANNESBURG dateline (an English town's name), "the Foreign Office"
        # under an ISLAMABAD one, do not outweigh where the story was filed
        lone_guess = sum(places.values()) == 1 and sum(guessed.values()) == 1
        home = home or (datelined[0] if datelined and (not places or lone_guess) else None)
        if not home and places:
            ranked = places.most_common()
            tied = [c for c, n in ranked if n == ranked[0][1]]
            home = (self._tie_break(texts, tied) if len(tied) > 1 else None) or ranked[0][0]
        self.home = home
        if self.home is None and any(not s.boiler for s in self.sentences):  # a story that names no country, town
            self.home = home_from_words(" ".join(t for t, s in zip(texts, self.sentences) if not s.boiler))
        self.votes = places
        self.guessed = guessed
        self.datelined = datelined
        self.issuer = issuer_named(texts[0], self.dictionary) if texts and self.sentences[0].headline else None
        noted = about_issuer(texts) if self.issuer is None else None
        self.about = noted is not None  # the issuer is named only by an "About X:" note
        self.issuer = self.issuer or noted
        self._issuer_actor = None
        self._issued()  # before any mention is seen: the heading's whole name, not a part of it met since

    # ---------------------------------------------------------------------------------- resolving
    def resolve_sentence(self, index: int, spans: Sequence[tuple[int, int]],
                         sources: dict[int, int] | None = None) -> list[Resolution]:
        """Resolve the spans ([start, end) offsets) of sentence ``index``; then record the sentence's mentions.

        ``sources`` maps a target span (its position in ``spans``) to its claim's source span: a pronoun or
        descriptor target found to be the source's own actor is resolved again without it, since one accuses or
        asks someone else (the gold articles hold 6 claims in 6,615 whose source and target are one actor;
        ``resolve_claims`` leaves denials out, where "Beijing rejected the claim that it ..." may be one).
        """
        self.index = index
        s = self.sentences[index]
        if s.turn is not None:
            actor = self._turn_actor(s.turn)
            self._add(Mention(s.turn, index, 0, len(s.turn), actor, person=True, speaker=True, first=True,
                              roles=roles_of(s.turn), gender=gender_of(s.turn)))
        order = sorted(range(len(spans)), key=lambda k: (_inside(spans[k][0], s.quotes), spans[k][0]))
        def inner(m: Mention, st: int, e: int) -> bool:  # "managers at Hoshizora Entertainment": a body named inside
            return st < m.start and m.end <= e and bool(re.search(r"\s(?:of|for|at|from|with)\s", s.text[st:m.start]))
        context = [] if s.boiler else [m for m in self._scan(index) if not any(
            m.start < e and st < m.end and not inner(m, st, e) for st, e in spans)]
        out: dict[int, Resolution] = {}
        pending = sorted(context, key=lambda m: (m.in_quote, m.start))
        for k in order:
            start, end = expand_to_words(s.text, *spans[k])
            while pending and (pending[0].in_quote, pending[0].start) < (_inside(start, s.quotes), start):
                self._add(self._settle(pending.pop(0)))
            source = (sources or {}).get(k)
            exclude = out[source].to_actor() if source is not None and source in out else None
            out[k] = self._resolve_span(s.text[start:end], index, start, end, exclude=exclude)
        for m in pending:
            self._add(self._settle(m))
        self._listed_where(index)
        return [out[k] for k in range(len(spans))]

    def _listed_where(self, index: int) -> None:
        """ "The company's shares fell 1.8 percent in Tokyo": a firm whose country no words stated is of the country
        its shares trade in, in every mention so far and after (``latest`` carries it to earlier claims)."""
        m = _SHARES.search(self.sentences[index].text)
        if m is None:
            return
        side = self._explicit_side(m.group("place"))
        if side is None or getattr(self.dictionary.by_code(side), "kind", None) != "country":
            return
        owner = m.group("owner")
        if owner.lower() in ("its", "the company", "the firm", "the group"):
            found = self._main_firm(index, 0)
            firm = found.actor if found is not None else None
        else:
            firm = self._same_body(owner)
        if firm is not None and firm.kind == "organization" and firm.code is None and firm.name not in self.stated \
                and firm.affiliation != side:
            self.stated.add(firm.name)
            self._reaffiliate(firm, side)

    def resolve(self, text: str) -> Resolution:
        """Resolve one span with no sentence around it, against the mentions seen so far."""
        if self.index < 0 or self.index >= len(self.sentences) or self.sentences[self.index].text != text:
            self.sentences.append(_Sentence(text))
            self.index = len(self.sentences) - 1
        return self._resolve_span(text, self.index, 0, len(text))

    def observe(self, sentence: str) -> None:
        """Record the people and bodies named in a sentence that holds no claim."""
        self.sentences.append(_Sentence(sentence, quotes=quote_regions(sentence)[0], boiler=is_boilerplate(sentence)))
        self.resolve_sentence(len(self.sentences) - 1, [])

    def carried_speaker(self, index: int) -> Resolution | None:
        """The speaker of sentence ``index`` when it is a quote or a transcript turn and names none itself."""
        s = self.sentences[index]
        inside = s.turn is not None or (s.quotes and s.quotes[0][0] <= 1 and s.quotes[0][1] >= len(s.text.rstrip()) - 1)
        spk = self._speaker_of(index, 0) if inside else None
        if spk is None:
            return None
        return Resolution.of(spk.actor, resolved_from=spk.text)

    # ---------------------------------------------------------------------------------- bookkeeping
    def _add(self, m: Mention | None) -> None:
        if m is None:
            return
        s = self.sentences[m.sentence]
        acronym = re.match(r"\s*\(([A-Z][A-Za-z]{1,9})\)|,\s*(?:also\s+)?known\s+as\s+([A-Z][A-Za-z]{1,11})\b",
                           s.text[m.end:])  # "... Security (DGSN)", "the National Water Commission, known as Conagua"
        if acronym and m.actor.kind == "organization":
            self.acronyms.setdefault((acronym.group(1) or acronym.group(2)).casefold(), m.actor)
        term = _DEFINED_TERM.match(s.text[m.end:])
        if term and m.actor.kind == "organization":  # a release's defined term: 'X Ltd. ("the Company")'
            self.defined.setdefault(term.group(1).casefold(), m.actor)
        m.first = not any(x.sentence == m.sentence and x.start < m.start for x in self.mentions)
        m.speaker = m.speaker or is_speaker(s.text, m.start, m.end, s.quotes)
        if m.actor.kind == "organization" and mention_kind(m.text) == "named":
            self._name_earlier_body(m)
            self._name_descriptor_before(m)
        self.mentions.append(m)

    def _name_descriptor_before(self, m: Mention) -> None:
        """A body's kind written right before its name ("Spanish construction firm Alcarria Infraestructuras",
        "the Kazakh miner Steppe Copper"): the descriptor, seen first as a body of its own, is the named one, so
        that a later "the company" finds the name."""
        s = self.sentences[m.sentence]
        for x in reversed(self.mentions):
            if x.sentence != m.sentence:
                return
            old = x.actor
            if x.end < m.start and not s.text[x.end:m.start].strip() and mention_kind(x.text) == "descriptor" and \
                    old.kind == "organization" and old.code is None and old != m.actor and \
                    not any(y.actor == old and mention_kind(y.text) == "named" for y in self.mentions) and \
                    side_of(old) in (None, side_of(m.actor)):
                for y in self.mentions:
                    if y.actor == old:
                        y.actor = m.actor
                self.renamed[old] = m.actor
                return

    #: Words before the noun that say the named body is another one than the one met before.
    _OTHER_BODY = {"rival", "another", "other", "parent", "second", "new"}

    def _name_earlier_body(self, m: Mention) -> None:
        """A body met only by its kind and named later with that kind written before the name ("the distributor"
        ... "Its local distributor, Saigon Star Media"; "the company's manufacturing partner" ... "The partner,
        Hsinpo Semiconductor"): the earlier mentions were that body all along."""
        s = self.sentences[m.sentence]
        noun = _NOUN_BEFORE_NAME.search(s.text[max(0, m.start - 60):m.start])
        if noun is None or role_of(noun.group(2)) or any(x.actor == m.actor for x in self.mentions) or \
                self._OTHER_BODY & set(noun.group(1).split()):
            return  # "The rival distributor, Lotus Reel Media" is not "the distributor" met before
        kind = singular(noun.group(2))
        for x in reversed(self.mentions):
            if x.sentence < m.sentence - 8:
                return
            old = x.actor
            if old.kind in ("organization", "other") and old.code is None and old.name[:1].islower() and \
                    head_noun(old.name) == kind and side_of(old) in (None, side_of(m.actor)):
                for y in self.mentions:
                    if y.actor == old:
                        y.actor = m.actor
                self.renamed[old] = m.actor
                return

    def _mention(self, text: str, index: int, start: int, end: int, actor: Actor, speaker: bool = False) -> Mention:
        s = self.sentences[index]
        person = actor.kind == "person" or (actor.kind == "group" and any(role_of(w) for w in text.split()))
        head = head_word(clean_surface(text)) if clean_surface(text) else ""
        plural = actor.kind == "group" or is_plural_noun(head) or (MEMBER_SEPARATOR in actor.name)
        sex = gender_of(text) or (first_name_sex(actor.name) if actor.kind == "person" else None)
        roles = roles_of(text)
        if actor.kind == "organization" and actor.name.split() and \
                (trade := _NAME_TRADES.get(actor.name.split()[-1].lower().strip("."))) is not None:
            roles = roles | {trade}
        return Mention(text, index, start, end, actor, person=person, plural=plural, gender=sex,
                       roles=roles, speaker=speaker, in_quote=_inside(start, s.quotes),
                       location=bool(_LOCATIVE.search(s.text[max(0, start - 12):start])) and actor.kind == "country")

    def _resolve_span(self, text: str, index: int, start: int, end: int, exclude: Actor | None = None
                      ) -> Resolution:
        """One claim span: resolve it and record it as a mention (a claim's source is a speaker). ``exclude``: the
        claim's source, which a pronoun or descriptor target is not resolved to while another antecedent fits."""
        parts = split_coordination(text, self.dictionary)
        if len(parts) > 1:
            actors = [self.dictionary.exact(p) for p in parts]
            res = Resolution.group([a for a in actors if a is not None])
            for a in res.members:
                self._add(self._mention(a.name, index, start, end, a))
            both = self._mention(text, index, start, end, res.to_actor())
            both.plural = True  # "they" may mean the two of them
            self._add(both)
            return res
        res = self._resolve_text(text, index, start, end)
        if exclude is not None and res.resolved_from is not None and res.to_actor() == exclude:
            res = self._resolve_without(exclude, text, index, start, end) or res
        actor = res.to_actor()
        m = self._mention(text, index, start, end, actor)
        s = self.sentences[index]
        if actor.kind in ("person", "organization") and (mention_kind(text) == "named" or res.resolved_from is None
                                                         and _CALLED.search(s.text[max(0, start - 40):start])):
            # "the Tel Aviv firm Orvex Systems", "Kremlin spokesman Dmitry Arkhipov", "a group called Parents First"
            m.roles = m.roles | roles_of(_title_before(s.text, start)) | self._roles_before(s.text, start)
            if actor.kind == "organization":
                m.roles = m.roles | trades_said(s.text, start, end)
        if res.resolved_from is not None:  # a pronoun or descriptor: keep what its antecedent knows
            ante = next((x for x in reversed(self.mentions) if x.actor == actor), None)
            if ante is not None:
                m.person, m.plural = ante.person, ante.plural if mention_kind(text) != "pronoun" else m.plural
                m.gender = m.gender or ante.gender
                m.roles = m.roles | ante.roles
                g = PRONOUNS.get(text.strip().lower(), (None,))[0]
                if g and ante.gender is None:
                    ante.gender = g
        self._add(m)
        return res

    def _resolve_without(self, actor: Actor, text: str, index: int, start: int, end: int) -> Resolution | None:
        """``text`` resolved as if ``actor`` had not been mentioned: another antecedent, or None where none fits."""
        with self._seeing(lambda m: m.actor != actor, excluded=actor):  # nor named later: a headline's "Watchdog
            res = self._resolve_text(text, index, start, end)  # blames supplier" is not the watchdog twice
        other = res.to_actor()
        later = res.resolved_from is not None and res.resolved_from.startswith("(later)")
        head = head_noun(text)
        if res.resolved_from is None and mention_kind(text) == "descriptor" and other != actor and \
                other.kind != "country" and other.code is None and head not in actor.name.lower().split() and \
                not any(head in m.roles for m in self.mentions if m.actor == actor):
            return res  # "Okonkwo Cement accused the haulage company": a body of its own, not the accuser (but
            # "Riverside Council admitted the council had failed" speaks of itself)
        if res.resolved_from is None or later and not self.sentences[index].headline or other == actor or \
                other.name.split()[-1:] == actor.name.split()[-1:]:
            return None  # no earlier antecedent but the source, or the source again by another name ("Strand")
        return res

    @contextmanager
    def _seeing(self, keep, excluded: Actor | None = None):
        """Resolve as if only the mentions ``keep`` accepts had been met (and ``excluded`` were never named later);
        the article's mentions are back afterwards."""
        kept, before = self.mentions, self.excluded
        self.mentions = [m for m in kept if keep(m)]
        self.excluded = excluded if excluded is not None else before
        try:
            yield
        finally:
            self.mentions, self.excluded = kept, before

    def _is_excluded(self, actor: Actor) -> bool:
        """Whether ``actor`` is the one being set aside, or it by its initials ("FSA", "Food Standards Agency")."""
        if self.excluded is None:
            return False
        words = _name_words(self.excluded.name)
        return actor == self.excluded or len(words) >= 2 and actor.name.casefold() == "".join(w[0] for w in words)

    def _resolve_text(self, text: str, index: int, start: int, end: int) -> Resolution:
        s = self.sentences[index]
        if s.turn is not None and start < s.body:  # the speaker label of a transcript turn
            return Resolution.of(self._turn_actor(s.turn))
        kind = mention_kind(text)
        addressed = self._addressed(text, index) if s.turn is not None else None
        if addressed is not None:  # "The Right Honourable Lady" in a debate: the member who spoke before
            return Resolution.of(addressed.actor, resolved_from=addressed.text)
        issuer = self._issuer_meant(text) if not _inside(start, s.quotes) else None
        if issuer is not None:  # "The Ministry regrets that ..." in the Ministry's statement
            return Resolution.of(issuer, resolved_from=self.issuer)
        if kind == "pronoun":
            return self._pronoun(text.strip().strip("\"'“”‘’,.").lower(), index, start)
        word = text.strip().strip("\"'“”‘’,;:()")
        if kind == "named" and " " not in word and role_of(word) and word.lower() not in TITLES and \
                self.dictionary.exact(word) is None:  # a headline's "Promoter", "Agent slams club": a role noun
            return self._descriptor(text.lower(), index, start, end)
        if kind == "named" or (text[:1].isupper() and _CALLED.search(s.text[max(0, start - 40):start])):
            return Resolution.of(self._named(text, index, start, end))  # "a group called Parents for Fair Votes"
        apposed = _POST_THEN_NAME.match(text)
        post_head = head_word(apposed.group("post")).lower().strip(".,'’") if apposed is not None else ""
        if apposed is not None and role_of(post_head) and not is_plural_noun(post_head) and \
                person_name(apposed.group("name"), self.dictionary) is not None:
            at = start + apposed.start("name")  # "the deputy mayor, Rose Namukose": the person, tied by the post
            new = self._same_person(person_name(apposed.group("name"), self.dictionary) or "") is None
            found = self._named(apposed.group("name"), index, at, end)
            post = clean_surface(apposed.group("post"))
            det = post.split()[0].lower() if post.split() else ""
            owner = self._post_owner_side(post, post, det, index, start, end) if new and found.kind == "person" \
                else None
            if owner is None and new and found.kind == "person" and found.affiliation in (None, self.home) and \
                    possessor(post) is None and det not in _POSSESSIVE_DETERMINERS:
                aff = self._affiliation(post, index, start, end, official=True)  # "A spokesperson, Tarik Jasarevic,"
                owner = aff if aff != self.home else None  # after "A WHO spokesperson said": the WHO's
            if owner is not None and owner != found.affiliation:  # "Its chair, Greg Holloway,": the chair of its side
                found = self._reaffiliate(found, owner)
            return Resolution.of(found)
        listed = self._listed_whole(text)
        if listed is not None:  # "Unifor Local 5150" listed as an alias of Unifor: the list says who it is
            return Resolution.of(listed)
        return self._descriptor(text, index, start, end)

    def _listed_whole(self, text: str) -> Actor | None:
        """The dictionary's actor for a capitalised phrase the rules would read as a descriptor, where the whole
        phrase is one of its names ("Unifor Local 5150", "the Acme group"): what a user listed wins over a guess
        that it is a part of the body it names."""
        phrase = re.sub(r"^(?:the|The)\s+", "", text.strip().strip("\"'“”‘’,;:()"))
        return self.dictionary.exact(phrase) if phrase[:1].isupper() else None

    _HONOURABLE = re.compile(r"^\s*(?:the\s+)?(?:right\s+)?hon(?:ou?rable|\.)\s+(?:and\s+\w+\s+)?"
                             r"(?:lady|gentleman|member|friend)\b(?!\s+for\s+(?-i:[A-Z]))", re.I)
    # "The Honourable Member for Bath" names a seat's member, not whoever spoke last

    def _addressed(self, text: str, index: int) -> Mention | None:
        """ "The Right Honourable Lady", "the honourable member" in a debate's transcript: the member of another turn
        who spoke last, as "you" is in an interview."""
        if not self._HONOURABLE.match(text):
            return None
        me = self.sentences[index].turn
        return next((m for m in reversed(self.mentions) if m.speaker and m.sentence < index and m.person and
                     self.sentences[m.sentence].turn not in (None, me)), None)

    # ---------------------------------------------------------------------------------- names
    #: Speaker labels of a transcript's press or host (lowered): never the "he" or "she" of another turn.
    _PRESS_LABELS = frozenset({"question", "q", "reporter", "host", "moderator", "anchor", "interviewer", "presenter"})

    def _turn_actor(self, label: str) -> Actor:
        """A transcript speaker label: the person it names, matched to the people seen so far."""
        bare = re.sub(r"\(.*?\)", "", label).strip()
        name = person_name(bare.title(), self.dictionary) or clean_surface(bare).title()
        role = re.search(r"\(([^)]*)\)", label)
        if role and _LANGUAGE_NOTE.match(role.group(1)):
            role = None  # "The PRESIDENT (spoke in French)": a language, not a side
        aff = self._explicit_side(role.group(1)) if role else None
        inner = person_name(role.group(1).title(), self.dictionary) if role and aff is None else None
        if inner is not None and role_of(head_word(bare).lower()):  # "SPOKESPERSON FOR FOREIGN AFFAIRS (CLARA
            name = inner  # MEUNIER-VOSS)": the person the post's holder is
        found = self._same_person(name)
        if found is not None:
            return found
        if bare.upper() in ("REPORTER", "HOST", "MODERATOR", "QUESTION", "Q", "ANCHOR", "INTERVIEWER"):
            return Actor(bare.lower(), "person", None, None)
        post = any(role_of(w.lower()) for w in bare.split())  # "THE REPRESENTATIVE OF SYRIA", not "JORDAN"
        return Actor(name, "person", None, aff or (self._explicit_side(bare) if post else None) or
                     self._floor_given() or self._briefing_side() or self.home)

    #: The heading of one body's press briefing: "EUROPEAN COMMISSION - MIDDAY BRIEFING - BRUSSELS", "NATO - Press
    #: conference by the Secretary General"; its speakers (not the press) speak for the body.
    _BRIEFING = re.compile(r"^(?P<body>[A-Z][^-–—:|(]*?)(?:['’]s)?\s*(?:[-–—:|]\s*)?(?:(?:spokes(?:person|man|woman)['’]s\s+)?"
                           r"(?:regular|daily|midday|weekly)\s+)?(?:press\s+)?(?:briefing|conference)\b", re.I)

    def _briefing_side(self) -> str | None:
        """The side of the body whose press briefing the article is a transcript of. The US State Department calls
        its own "Department Press Briefing"."""
        if not self.sentences or not self.sentences[0].headline or not any(s.turn for s in self.sentences):
            return None
        m = self._BRIEFING.match(self.sentences[0].text.strip())
        if m is None:
            return None
        body = re.sub(r"\s+(?:spokes(?:person|man|woman)|press)$", "", m.group("body").strip(), flags=re.I)
        if body.lower() == "department":
            return "USA"
        found = self.dictionary.exact(body) or self.dictionary.exact(body.title())
        return side_of(found) if found is not None else self._explicit_side(body)

    _FLOOR = re.compile(r"\b(?:floor to|call on|call upon|recogni[sz]e|invite|welcome)\s+"
                        r"(?:the\s+)?(?:distinguished\s+)?"
                        r"(?:representative|ambassador|delegate|delegation|minister|permanent representative)\s+"
                        r"(?:of|for|from)\s+((?:the\s+)?[A-Z][^.,;:]{1,60})")

    def _floor_given(self) -> str | None:
        """The country a chair gives the floor to just before a new speaker's first turn ("I now give the floor to
        the representative of the Russian Federation." then "ZAKHAROV: ..."): the speaker's."""
        index = self.index
        chair = self.sentences[index - 1].turn if index > 0 else None
        for j in range(index - 1, max(-1, index - 4), -1):
            s = self.sentences[j]
            if s.turn != chair:
                break
            m = self._FLOOR.search(s.text)
            if m is not None:
                return self._explicit_side(m.group(1))
        return None

    def _same_person(self, name: str, gender: str | None = None) -> Actor | None:
        """An earlier person with this name, or whose surname (or full name) this is; with ``gender`` (a title's:
        "Mr Wróbel"), not one a mention showed to be of the other ("His sister, Agnieszka Wróbel")."""
        key = name.casefold().split()
        if not key:
            return None
        other_gender = {m.actor.name for m in self.mentions if gender and (first_name_sex(m.actor.name) or (
            m.gender if m.actor.name in m.text or _SEXED_TITLE.match(m.text) else None)) not in (None, gender)}
        # (as the name, its naming or a title says: "His sister, Agnieszka Wróbel", "Mr Lindqvist")
        for m in reversed(self.mentions):
            if m.actor.kind != "person" or m.actor.name in other_gender:
                continue
            other = m.actor.name.casefold().split()
            if other == key or (len(other) == 1 and other[0] == key[-1]):
                return m.actor
            if len(key) == 1 and key[0] in other:
                after = other.index(key[0]) + 1
                if after < len(other) and m.actor.name.split()[after].islower():
                    continue  # "Lockwise" is not the "Lockwise spokesperson" a descriptor made a person of
                return m.actor
        return None

    def _listed_group(self, body: str) -> Actor | None:
        """ "The Islamic State group", "the Hezbollah movement": a listed body with its kind written after it."""
        m = re.match(r"^(.+?)\s+(?:group|movement|militia|organi[sz]ation)$", body)
        found = self.dictionary.exact(m.group(1)) if m else None
        return found if found is not None and found.kind == "organization" else None

    def _firm_named(self, name: str, descriptor: str, index: int, start: int, end: int) -> Actor:
        """ "the U.S. search company Quarry", "logistics group Logidis": the firm is the name, of the country its
        descriptor gives (the descriptor is not part of the name: "Quarry" alone is the same firm)."""
        actor = self._named(name, index, start, end)
        if actor.kind == "person" and self._same_person(name) is None:
            actor = replace(actor, kind="organization")  # "the group Klimawende Jetzt": its noun says it is a body
        side = self._explicit_side(descriptor)
        if actor.kind == "organization" and actor.code is None and side is not None and actor.affiliation != side:
            self.stated.add(actor.name)
            actor = self._reaffiliate(actor, side)
        return actor

    def _body_named(self, name: str) -> Actor | None:
        """An earlier body of exactly this name: "Sunridge Pharma" once "an Indian company, Sunridge Pharma" was met
        is that firm again, not a person of that name. Exact, not ``_same_body``: its first-words match
        would turn "Sarah Kimani" into an earlier "Sarah Kimani Foundation"."""
        key = name.casefold().split()

        def same(body: str) -> bool:  # "Serra Alta" after "Mineração Serra Alta": the name less its trade word
            words = body.casefold().split()  # ("Serra Verde" after "Serra Verde Alimentos")
            return words == key or (len(words) > len(key) and words[-len(key):] == key and
                                    all(w in _ORG_PREFIXES for w in words[:-len(key)])) or (
                len(words) > len(key) and words[:len(key)] == key and all(
                    _form(w) in _ORG_SUFFIXES for w in words[len(key):]))
        return next((m.actor for m in reversed(self.mentions) if m.actor.kind == "organization" and not m.person
                     and same(m.actor.name)), None)

    def _same_body(self, name: str) -> Actor | None:
        """An earlier organisation this name stands for: its words, its first or last word, or its initials."""
        words = _name_words(name)
        if not words:
            return None
        if len(words) == 1 and words[0] in self.acronyms:  # "the DGSN" after "... Security (DGSN)"
            return self.acronyms[words[0]]
        own = self._country_led(name)
        for m in reversed(self.mentions):
            a = m.actor
            if a.kind not in ("organization", "group", "other") or m.person:
                continue
            other = _name_words(a.name)
            if not other:
                continue
            theirs = self._country_led(a.name)
            if own and theirs and own == theirs:  # "Chile's National Human Rights Institute", later "the
                return a  # Chilean National Human Rights Institute": one body, its country said two ways
            if own and not theirs and a.affiliation == own[0] and tuple(other) == own[1]:
                return a  # the same, the first named without its country ("Costa Rica's Deportivo Cartago")
            initials = ("".join(w[0] for w in other),)
            if len(initials[0]) >= 4 and a.affiliation and self.dictionary.exact(a.name.split()[0]) is not None:
                # "FDA" or "GFDA" after "Ghana Food and Drugs Authority", named from its country
                initials = (initials[0], initials[0][1:])
            acronym = re.search(r"\(([A-Z][A-Za-z]{1,9})\)", m.text)
            # the same words in another order too: "Agriculture Department", "the Department of Agriculture"
            if words == other or (len(words) >= 2 and sorted(words) == sorted(other)) or (
                    len(words) == 1 and (words[0] in (other[0], other[-1], *initials) or
                                                        (acronym and words[0] == acronym.group(1).casefold()))) or \
                    (len(words) < len(other) and words == other[:len(words)]) or \
                    (len(other) >= 2 and len(other) < len(words) and words[:len(other)] == other) or \
                    (len(other) >= 2 and len(other) < len(words) and words[-len(other):] == other
                     and not self.dictionary.find(" ".join(words[:-len(other)]))):  # not "Russian" foreign ministry
                return a  # "Kilima Gold" and "Kilima Gold Mining Ltd", whichever came first
        return None

    def _country_led(self, name: str) -> tuple[str, tuple[str, ...]] | None:
        """A body's name that opens with its country, as (code, the other words): "Chile's National Human Rights
        Institute" and "Chilean National Human Rights Institute" give the same; None for other names."""
        if name not in self.country_led:  # asked of every earlier body at each lookup: once per name
            hits = [h for h in self.dictionary.find(name) if h.actor.kind == "country" and h.start == 0]
            rest = _name_words(re.sub(r"^['’]s?\s+", "", name[hits[0].end:].strip())) if hits else []
            self.country_led[name] = (hits[0].actor.code, tuple(rest)) if len(rest) >= 2 else None
        return self.country_led[name]

    def _named(self, text: str, index: int, start: int, end: int) -> Actor:
        """A span whose head is a proper name, of the country its own sentence states for it (see ``_stated_side``)
        over one guessed from the article's home."""
        owned = re.search(r"['’]s\s*$", text)
        if owned and text[:1].isupper():
            text, end = text[:owned.start()], end - (len(text) - owned.start())  # "Ms Strand's" is Ms Strand
        actor = self._named_actor(text, index, start, end)
        if actor.code is not None or actor.kind not in ("organization", "person") or actor.name in self.stated:
            return actor
        side = self._stated_side(actor, index, start, end)
        if side is None or side == actor.affiliation:
            return actor
        self.stated.add(actor.name)
        return self._reaffiliate(actor, side)

    @staticmethod
    def _describing(before: str) -> str:
        """The words that describe the name after ``before``: from the last verb of saying, preposition or
        conjunction, unless that word belongs to a post ("the American mediator for the Sudan talks")."""
        cuts = list(_CLAUSE_CUT.finditer(before))
        for cut in reversed(cuts):
            left = before[:cut.start()].split()
            if left and (role_of(left[-1].lower()) or left[-1].lower() in ("charge", "mediator", "negotiator")):
                continue
            return before[cut.end():]
        return before

    def _clause_side(self, sentence: str, end: int) -> str | None:
        """The side a relative clause after a person's name gives for the work they do ("Ana Kovač, who led the
        OSCE's observers"); not where they live (an exile keeps the country the text gives them) nor where something
        happened to them ("who was detained in Iran")."""
        m = _WHO_WORKS.match(sentence[end:])
        if m is None:
            return None
        work = re.split(r"\b(?:with|in|at|near|to|on|from|about|over|across|inside|outside|against)\s", m.group(1))[0]
        return self._explicit_side(work)  # "who led talks with Iran" is no Iranian

    def _stated_side(self, actor: Actor, index: int, start: int, end: int) -> str | None:
        """The country a sentence states for the name at ``start:end``: a country's possessive before it ("sued
        South Korea's Seowon Materials"), a firm's descriptor before it ("the German engineering group Halberg
        Bau"), an apposition after it ("Brenner, a German-owned supplier, said"), or,
        for a body, the place it stands in ("the Royal Albion Museum in London"). A later mention that states it
        corrects an affiliation guessed at the first."""
        s = self.sentences[index].text
        before = re.search(r"((?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*)['’]s?\s+$", s[max(0, start - 40):start])
        if before is not None:
            owner = self.dictionary.exact(before.group(1))
            if owner is not None and owner.kind == "country":
                return owner.code
        post = post_before(s[max(0, start - 60):start]) if actor.kind == "person" else None
        if post is not None:  # "Iran's foreign ministry spokesman, Mehdi Rostami", "an American teacher, Dan Pruitt"
            side = self._explicit_side(post.group(1))
            pos = possessor(post.group(1)) if side is None and role_of(post.group(1).split()[-1]) else None
            owner = (self.dictionary.exact(pos[0]) or self._same_body(pos[0])) if pos is not None else None
            side = side or (side_of(owner) if owner is not None and owner.kind != "other" else None)
            if side is not None:  # "Kessler's managing director, Ulrike Hahn": the firm's
                return side
        if _inside(start, self.sentences[index].quotes):
            return None
        described = firm_descriptor(s[max(0, start - 50):start]) if actor.kind == "organization" else None
        side = self._explicit_side(described) if described else None
        if side is not None and getattr(self.dictionary.by_code(side), "kind", None) == "country":
            return side  # "The German engineering group Halberg Bau", first met bare ("Halberg Bau", "the contractor")
        tail = re.match(r"\s*,\s*(?:an?|the)\s+([^,.;]{2,60}?)\s*(?:,|\bsaid\b|\bsays\b|$)", s[end:])
        if tail is not None and re.search(r"\b[a-z][a-z-]+$", tail.group(1)) and not _PARENT_OF.match(tail.group(1)):
            # a common noun's phrase, not a name; not a parent's ("a subsidiary of a Singapore-registered group")
            side = self._explicit_side(tail.group(1))
            if side is not None and getattr(self.dictionary.by_code(side), "kind", None) == "country":
                return side
        of_body = _MEMBER_OF.match(s[end:]) if actor.kind == "person" and self._same_person(actor.name) is None \
            else None  # (a person met before keeps the side found then: "German Chancellor Olaf Scholz" ...)
        if of_body is not None:  # "glaciologist Camila Errázuriz of the University of Chile": the body's country
            side = self._explicit_side(of_body.group(1))
            if side is not None:
                return side
        clause = self._clause_side(s, end) if actor.kind == "person" and \
            self._explicit_side(s[max(0, start - 40):end]) is None else None
        if clause is not None:  # "Hélène Delacroix, who coordinates the UN's humanitarian operations"
            return clause
        if actor.kind == "organization" and not _MISSION_NAME.search(actor.name):  # "the Indian High Commission
            seat = _SEAT_AFTER.match(s[end:])  # (, based) in Nairobi" stays India's
            # "Flockr, which is headquartered in San Francisco, said"; not "The British Council, based in Lagos": a
            # body whose name gives a country keeps it
            if seat is not None and self._explicit_side(s[start:end]) is None:
                side = self._explicit_side("in " + seat.group(1))
                if getattr(self.dictionary.by_code(side), "kind", None) == "country":
                    return side
            where = re.match(r"\s+(?:in|based in)\s+((?:[A-Z][\w'’.-]*\s?){1,3})", s[end:])  # "the Royal Albion
            if where is not None:  # Museum in London"
                return self._explicit_side(where.group(1).strip())
        if actor.kind == "person" and _STATE_TITLE.search(s[max(0, start - 40):end]):
            for where in re.finditer(r"\b(?:briefing|reporters|journalists|conference)\s+in\s+([A-Z][\w'’.-]*)", s):
                capital = self.dictionary.exact(where.group(1))  # "foreign ministry spokesman Guo Wei told
                if capital is not None and capital.kind == "country" and not _inside(where.start(), self.sentences[
                        index].quotes):  # reporters in Beijing": where a state's spokesman speaks for it
                    return capital.code
        return None

    def _named_actor(self, text: str, index: int, start: int, end: int) -> Actor:
        body = clean_surface(text)
        body = re.sub(r"\s*\([^)]*\)\s*$", "", body)
        person = person_name(text, self.dictionary)
        split = _modified_name(body) if self.dictionary.exact(body) is None and (
            person is None or (len(person.split()) == 1 and not titled(text))) else None
        if split is not None:  # "Swiss watchmaker Lemaire": Lemaire, of the country its words give
            words, name = split
            actor = self._named_actor(name, index, end - len(name), end)
            side = self._explicit_side(words)
            if side is not None and actor.code is None and actor.kind != "country":
                actor = self._reaffiliate(actor, side)
            return actor
        exact = self.dictionary.exact(text.strip().strip("\"'“”‘’,;:()")) or self.dictionary.exact(body) or \
            self._listed_group(body)
        if exact is not None:
            return exact
        if body in _PLATFORMS:  # "Meta", "TikTok": global platforms that speak for no country a story is set in
            return Actor(body, "organization", None, None)
        compass = self._compass_country(body)
        if compass is not None:
            return compass
        s = self.sentences[index]
        firm = _FIRM_NAMED.match(body)
        if firm is not None and named_as_body(firm.group(1), "") and not _titled_name(firm.group(2)):
            return self._firm_named(firm.group(2), firm.group(1), index, start + text.rfind(firm.group(2)), end)
        name = person_name(text, self.dictionary)
        if name is not None and not _titled_name(body) and (self._body_noun_before(text, name) or named_as_body(
                s.text[max(0, start - 50):start], s.text[end:end + 12]) or firm_apposed(
                s.text[max(0, start - 50):start], name)):
            name = None  # "the magazine Revista Estelar", "drone maker Skylark Aerial": a body named after its kind
        if name is not None and not self._looks_like_body(body):
            found = self._same_person(name, gender_of(text)) or self._same_person(name)  # (a bar that leaves no one
            # is the census table's error: "Mr Conti" after "Andrea Conti")
            if found is not None:
                return self._with_affiliation(found, text, index, start, end)
            found = self._same_body(body) if len(name.split()) == 1 else (
                None if titled(text) else self._body_named(name))  # "Founder Tony Lamb" after "Tony Lamb Transport"
            if found is not None:
                return found
            if len(name.split()) > 1 or titled(text):
                return Actor(name, "person", None, self._affiliation(text, index, start, end, official=False))
            # one unknown word, untitled: people are introduced by their full name, bodies often are not
        found = self._same_body(body)
        if found is not None:
            return found
        acronym = re.fullmatch(r"[A-Z]{2,6}", body)
        coded = self.dictionary.by_code(body) if acronym and body not in _SPELT_ONLY else None
        if coded is not None and coded.kind == "organization":
            return coded  # "WHO asks China ...": a listed body's own code in capitals, not the word "who"
        if acronym:
            spelt = self._spelt_before(body)
            if spelt is not None:  # "the FAA" after "the Federal Aviation Administration"
                return spelt
            written = self._spelt_anywhere(body)
            if written is not None:  # a headline's "FAA blames contractor", spelt out in the story below
                return self._body(written, index, start, end)
            expanded = re.search(rf"((?:[A-Z][\w'’-]+\s(?:(?:of|for|and|the)\s)*)+)\({body}\)", " ".join(
                x.text for x in self.sentences[:index + 1]))
            if expanded:
                return self._body(expanded.group(1).strip(), index, start, end)
        hit = self.dictionary.match(body)
        if hit is not None and hit.kind == "organization" and len(body.split()) <= 3 and \
                singular(head_word(body).lower()) != "party":  # not "the Commonwealth Party"
            return hit
        return self._body(body, index, start, end, s.text)

    @staticmethod
    def _initials(words: Sequence[str]) -> str:
        return "".join(w[0] for w in words if w[:1].isupper())

    def _spelt_before(self, acronym: str) -> Actor | None:
        """The latest body met whose name's capitalised words give ``acronym`` ("Serious Fraud Office": SFO)."""
        for m in reversed(self.mentions):
            if m.actor.kind == "organization" and not m.person and len(acronym) > 1 and \
                    self._initials(re.findall(r"[\w'’-]+", m.actor.name)) == acronym:
                return m.actor
        return None

    def _spelt_anywhere(self, acronym: str) -> str | None:
        """A name written anywhere in the article whose capitalised words give ``acronym``, with a country's
        short name just before it kept ("U.S. Food and Drug Administration" for FDA)."""
        if len(acronym) < 3:
            return None
        for s in self.sentences:
            for run in re.finditer(r"[A-Z][\w'’.-]*(?:\s+(?:(?:of|for|and|on)\s+)?[A-Z][\w'’.-]*)+", s.text):
                words = run.group(0).split()
                for k in range(len(words)):
                    if words[k][:1].isupper() and self._initials(words[k:]) == acronym:
                        owner = words[k - 1] if k and (self.dictionary.exact(words[k - 1]) or
                                                       self.dictionary.match(words[k - 1])) else None
                        return " ".join(([owner] if owner else []) + words[k:])
        return None

    @staticmethod
    def _body_noun_before(text: str, name: str) -> bool:
        """The word before a name in its span is a body noun, not a title: "the magazine Revista Estelar". Not
        ``named_as_body``, which refuses a bare body noun after "the" (it would call this a person)."""
        before = text[:text.rfind(name.split()[0])].split() if name.split()[0] in text else []
        last = before[-1].strip(",").lower() if before else ""
        return singular(last) in BODY_HEADS and not role_of(last) and last not in TITLES and last.islower()

    def _post_owner_side(self, body: str, pre: str, det: str, index: int, start: int, end: int) -> str | None:
        """The side of the post a new name is introduced with: the country or body the post names ("Eritrea's
        information minister, Tesfalem Berhane"), or the side of whoever "her" or "its" is ("Her manager, Dennis
        Kiprop" is of the runner's country); None where the post says nothing of it."""
        explicit = self._explicit_side(body)
        if explicit is not None:
            return explicit
        pos = possessor(pre)
        owner = None
        if pos is not None:
            owner = self.dictionary.exact(pos[0]) or self._named_owner(pos[0], index, start, end)
        elif det in ("his", "her", "its", "their"):
            owner = self._pronoun(det, index, start).to_actor()
        return side_of(owner) if owner is not None and owner.kind != "other" else None

    def _introduced(self, actor: Actor, head: str, descriptor: str, at: tuple[int, int] | None = None) -> Actor:
        """A body named after a descriptor that introduced it ("A rescue charity said ... Aegean Watch"): a charity
        or NGO is of no country unless the descriptor or its name says which ("An Israeli company"); one the
        descriptor gives a country ("A Spanish mayor ... Juan Carlos Ribera") is of that country. A firm keeps the
        home of a story that names no other country ("Courier firm rejects ..." set in Leeds), as the gold files do."""
        explicit = self._explicit_side(descriptor) if at is not None else None  # (named after the descriptor only)
        if explicit and actor.kind in ("person", "organization") and side_of(actor) != explicit and \
                actor.name not in self.stated and getattr(self.dictionary.by_code(explicit), "kind", None) == "country" \
                and not any(m.actor.name == actor.name and (m.sentence, m.start) < at for m in self.mentions):
            self.stated.add(actor.name)
            return self._reaffiliate(actor, explicit)
        if head not in _NO_HOME or actor.kind != "organization" or actor.affiliation is None or \
                national_body(actor.name) or actor.name in self.stated or (head == "firm" and self._one_country()):
            return actor
        if self._explicit_side(descriptor) is not None or self._explicit_side(actor.name) is not None:
            return actor
        return self._reaffiliate(actor, None)

    def _classifying(self, pre: str, word: str) -> bool:
        """ "Mineworkers' union", "supporters' groups": a plural common noun with a bare apostrophe says what kind
        of body it is, not who owns it (unlike "the Philippines' coast guard" or "Choi's lawyer")."""
        return len(word.split()) == 1 and bool(re.search(rf"\b{re.escape(word)}['’](?!s)", pre)) and \
            re.search(r"[^s]s$", word.lower()) is not None and self.dictionary.exact(word) is None and \
            self._same_body(word) is None and self._same_person(word) is None

    def _forward_same_side(self, head: str, owner: Actor, index: int, end: int) -> Actor | None:
        """The body a headline's or lead's "Kazakh regulator" or "An Israeli surveillance company" introduces: the
        next body named with a compatible role and the same country."""
        side = side_of(owner) or owner.code
        ahead = self._forward(head, False, index, end, headline=True, strict=True)
        if ahead is None and head in _FIRM_HEADS:  # "Dutch telecoms group blames ..." then "Kelderveld Telecom, the
            ahead = self._forward_newcomer(index, end, side)  # Netherlands' third-largest mobile operator"
        if ahead is None or side_of(ahead) != side:
            return None
        return ahead

    def _forward_newcomer(self, index: int, end: int, side: str | None) -> Actor | None:
        """The first body of ``side`` named in the next two sentences that the story has not met before."""
        seen = {m.actor.name for m in self.mentions}
        for j in range(index + 1, min(index + 3, len(self.sentences))):
            s = self.sentences[j]
            for m in self._scan_text(s.text[s.body:], j, s.body):
                if m.actor.kind == "organization" and m.actor.code is None and m.actor.name not in seen and \
                        not m.actor.name.isupper() and " and " not in m.actor.name:
                    found = self._settle(m).actor
                    if side_of(found) == side:
                        return found
        return None

    def _compass_country(self, body: str) -> Actor | None:
        """ "The North" or "the South" alone: the country of the article named so ("North Korea", "South Sudan")."""
        if body.lower() not in ("north", "south"):
            return None
        for m in reversed(self.mentions):
            country = self.dictionary.by_code(side_of(m.actor))
            if country is not None and country.name.lower().startswith(body.lower() + " "):
                return country
        return None

    def _looks_like_body(self, body: str) -> bool:
        last = body.split()[-1] if body.split() else ""
        return _form(last) in _ORG_SUFFIXES or singular(last.strip(".").lower()) in BODY_HEADS


    def _body(self, body: str, index: int, start: int, end: int, sentence: str = "") -> Actor:
        """A named organisation: a country's government body ("The Philippine Coast Guard") or another body."""
        hits = [h for h in self.dictionary.find(body) if h.actor.kind == "country"]
        pos = possessor(body)
        if hits and hits[0].start == 0:
            rest = re.sub(r"^['’]s?\s+", "", body[hits[0].end:].strip())  # "U.S. studio": not "tudio"
            if rest and singular(head_word(rest).lower()) not in ("national", "citizen", "person", "people"):
                if not set(re.findall(r"[a-z]+", rest.lower())) <= _STATE_BODY_WORDS:
                    owned = re.search(r"['’]s?$", body[:hits[0].end]) or re.match(r"['’]s?\s", body[hits[0].end:])
                    own = rest if owned and rest[:1].isupper() and len(rest.split()) >= 2 and \
                        first_name_sex(rest) is None else body  # "Costa Rica's Turrialba Unido": Turrialba Unido
                    return Actor(own, "organization", None, hits[0].actor.code)  # a name of its own, as
                    # written: "Nigerian National Petroleum Company Ltd", not "Nigeria national petroleum ..."
                return Actor(f"{hits[0].actor.name} {rest.lower()}".strip(), "organization", None,
                             hits[0].actor.code)  # "the Chinese Foreign Ministry": China foreign ministry
        if pos is not None:
            owner = self.dictionary.exact(pos[0])
            if owner is not None:
                return Actor(f"{owner.name} {pos[1].lower()}", "organization", None, side_of(owner))
        exact = self.dictionary.exact(re.sub(r"^(?:[a-z][\w-]*\s+)+", "", body))
        if exact is not None and exact.kind == "organization":
            return exact  # "the paramilitary Rapid Support Forces": the listed body itself
        org = self.dictionary.match(body)
        party = singular(head_word(body).lower()) == "party"
        if org is not None and org.kind == "organization" and not party:
            return Actor(body, "organization", None, org.code)  # "UN Development Programme": the UN's
        side = self._affiliation(body, index, start, end)
        if party and getattr(self.dictionary.by_code(side), "kind", "country") != "country":
            side = self.home  # "the Commonwealth Party" is no body of the Commonwealth: a party is of a country
        return Actor(_SEAT_BEFORE_NAME.sub("", body), "organization", None, side)  # "Penang-based Genvira
        # Biosciences" is Genvira Biosciences, of the country its seat gave

    def latest(self, res: Resolution | None) -> Resolution | None:
        """A resolution made earlier, with what was learnt about its actor since (a better affiliation)."""
        if res is None or res.members:
            return res
        actor = res.to_actor()
        seen = set()
        while actor in self.renamed and actor not in seen:
            seen.add(actor)
            actor = self.renamed[actor]
        return res if actor == res.to_actor() else replace(Resolution.of(actor), resolved_from=res.resolved_from)

    def _reaffiliate(self, actor: Actor, code: str | None) -> Actor:
        """Give an actor a better-founded affiliation (None: none), in every mention seen so far."""
        new = replace(actor, affiliation=code)
        for m in self.mentions:
            if m.actor == actor:
                m.actor = new
        self.renamed[actor] = new
        return new

    def _with_affiliation(self, actor: Actor, text: str, index: int, start: int, end: int) -> Actor:
        if actor.affiliation is not None:
            return actor
        aff = self._affiliation(text, index, start, end, official=False)
        return actor if aff is None else self._reaffiliate(actor, aff)

    # ---------------------------------------------------------------------------------- descriptors
    def _descriptor(self, text: str, index: int, start: int, end: int) -> Resolution:
        """A span whose head is a common noun: "the minister", "China's coast guard", "A spokesperson"; then the
        rules that correct what it found by what it alone does not see."""
        defined = self.defined.get(re.sub(r"(?i)^the\s+", "", text.strip()).casefold()) \
            if re.match(r"(?:[Tt]he\s+)?[A-Z][a-z]+$", text.strip()) else None
        if defined is not None:  # "Tanabe Precision Industries Co., Ltd. ("the Company")" ... "The Company denies"
            return Resolution.of(defined, resolved_from=defined.name)
        res = self._described(text, index, start, end)
        if res.members or res.kind == "country":
            return res
        body = clean_surface(text)
        for rule in (self._trade_noun_firm, self._apposed_country, self._culprit_unplaced, self._civil_group_home):
            res = rule(res, text, body, index, start, end)
        return res

    def _trade_noun_firm(self, res: Resolution, text: str, body: str, index: int, start: int, end: int
                         ) -> Resolution:
        """ "The airline", "the clinic" with no airline or clinic met before: the firm the article names most,
        as "the company" is (a bare new actor called "airline" otherwise)."""
        if res.resolved_from is not None or not re.match(r"(?i)^(?:the|this)\s+[\w-]+$", text.strip()) or \
                _label_words(res.to_actor().name) != _label_words(body) or \
                singular(head_word(body).lower()) not in _TRADE_HEADS:
            return res
        here = {m.actor for m in self.mentions if m.sentence == index and m.start < start}
        firm = self._main_firm(index, start, skip=here)  # "RosterPoint said ... the airline": not RosterPoint
        return Resolution.of(firm.actor, resolved_from=firm.text) if firm is not None else res

    def _apposed_country(self, res: Resolution, text: str, body: str, index: int, start: int, end: int
                         ) -> Resolution:
        """ "The supplier, a Colombian distributor, said": the country the apposition states."""
        m = _INDEFINITE_APPOSITION.match(self.sentences[index].text[end:])
        if m is None or len(m.group(1).split()) > 5 or _NOT_A_NOUN_PHRASE.search(m.group(1)) or \
                self._explicit_side(res.to_actor().name) is not None:
            return res  # "The ministry, a day after Colombian officials complained,": no apposition
        said = [c for c in home_votes(m.group(1), self.dictionary)
                if getattr(self.dictionary.by_code(c), "kind", None) == "country"]
        actor = res.to_actor()
        if not said or side_of(actor) == said[0]:
            return res
        new = self._reaffiliate(actor, said[0]) if actor.affiliation is not None else replace(actor, affiliation=said[0])
        return Resolution.of(new, resolved_from=res.resolved_from)

    def _culprit_unplaced(self, res: Resolution, text: str, body: str, index: int, start: int, end: int
                          ) -> Resolution:
        """Unknown attackers, smugglers or "someone" that no words place keep no country: the story's setting is
        where they struck, not who they are."""
        if res.resolved_from is not None or not _CULPRIT.match(body) or self._explicit_side(body) or \
                side_of(res.to_actor()) is None:
            return res
        return Resolution.of(replace(res.to_actor(), affiliation=None))

    def _civil_group_home(self, res: Resolution, text: str, body: str, index: int, start: int, end: int
                          ) -> Resolution:
        """Unnamed groups, residents or researchers with no side, in a story that names one country at most:
        that country's ("Environmental groups" in a story set in Brazil)."""
        actor = res.to_actor()
        if side_of(actor) is not None or actor.kind not in ("group", "organization") or not self._one_country() or \
                not _CIVIL_HEAD.search(text) or _NOT_LOCAL.search(text):
            return res
        return Resolution.of(replace(actor, affiliation=self.home), resolved_from=res.resolved_from)

    def _described(self, text: str, index: int, start: int, end: int) -> Resolution:
        s = self.sentences[index]
        body = clean_surface(text)
        low = text.strip().lower()
        det = low.split()[0] if low.split() else ""
        head = singular(head_word(body).lower().strip("."))
        pre = re.split(r"\s(?:of|for|at|from|to|in|on|with|who|which|that|whose)\s|,", body, maxsplit=1)[0]
        plural = is_plural_noun(head_word(body)) or bool(re.match(
            r"^(two|three|four|five|six|\d+|several|some|many|both)\b(?!-)", body, re.I))
        if _COLLECTIVE_OF.match(body):  # "a group of 300 investors": investors
            head, plural = head_noun(body), True
        role = role_of(head) or ("owner" if _KEEPER.search(body) else None)
        close = _CLOSE_TO.match(body)
        if close is not None:  # "a source close to the singer": unnamed, on the singer's side
            who = close.group("who")
            at = start + max(0, text.rfind(who))
            near = self._resolve_text(who, index, at, at + len(who)).to_actor() if not _CLOSE_TO_MATTER.search(
                who) else None  # close to the talks or the investigation: nobody's side
            plural = close.group(1).lower().endswith(("s", "people"))
            return Resolution.of(Actor(body, "group" if plural else "person", None, side_of(near)))
        listed = self._listed_group(body)
        if listed is not None:  # "the Islamic State group"
            return Resolution.of(listed)
        aged = _AGED.fullmatch(body) if det == "the" else None
        if aged is not None:  # "the 26-year-old": a person named before, the one given that age if any
            found = self._aged(aged.group(1), index)
            if found is not None:
                return Resolution.of(found.actor, resolved_from=found.text)
        if re.fullmatch(r"(?i)european\s+side", body) and self._european_side_is_eu(index):
            return Resolution.of(self.dictionary.by_code("EU"), resolved_from="EU")  # Beijing's "the European side"
        if head == "bloc" and not plural and det == "the" and len(body.split()) == 1:
            bloc = self._bloc(index, start)
            if bloc is not None:  # "The bloc said ..." after "the European Union"
                return Resolution.of(bloc, resolved_from=bloc.name)
        if head in _RUNS_THE_BODY:
            run = self._body_run(body, index, start, end)
            if run is not None:  # "the hospital's management", "Brackett management", "the RSF leadership"
                return Resolution.of(run.actor, resolved_from=run.text)
        named = self._apposition(s.text, end) if not plural else None
        if named is not None and (role or head in BODY_HEADS):
            new = self._same_person(person_name(named, self.dictionary) or named) is None
            found = self._named(named, index, start, end)
            colleague = self._colleague_side(head, index) if new and role and found.kind == "person" and \
                self._explicit_side(body) is None else None
            if colleague is not None and colleague != found.affiliation:  # "Ireland's defence minister, ..." then
                found = self._reaffiliate(found, colleague)  # "The foreign minister, Niamh Keady": Ireland's too
            owner = self._post_owner_side(body, pre, det, index, start, end) if new and role and \
                found.kind == "person" and colleague is None else None
            if owner is not None and owner != found.affiliation:  # "Eritrea's information minister, Tesfalem
                found = self._reaffiliate(found, owner)  # Berhane", "Her manager, Dennis Kiprop": the post's side
            if found.kind == "person" and not role and head in BODY_HEADS and self._same_person(found.name) is None \
                    and not (head in _PERSON_OR_FIRM and len(found.name.split()) > 1):
                found = replace(found, kind="organization")  # "The channel, Noticias Once,": a body
            found = self._introduced(found, head, body)
            return Resolution.of(found, resolved_from=named)
        later = self._named_later(body, index, end, bool(role)) if (role or head in BODY_HEADS and s.headline) and \
            not plural and head not in _ANONYMOUS and det not in _POSSESSIVE_DETERMINERS and \
            getattr(self._antecedent_by_role(head, plural, index, start, body), "sentence", index) >= index else None
        if later is not None:  # "Taiwan's president" ... later "Taiwan's president, Hsu Wen-chieh,"
            return Resolution.of(later, resolved_from="(later) " + later.name)
        if role and not plural and head not in _ANONYMOUS and (s.headline or (index <= 2 and det in ("a", "an"))):
            ahead = self._forward(head, True, index, end, headline=s.headline)  # "A Brazilian congressman", named next
            if ahead is not None:
                return Resolution.of(self._introduced(ahead, head, body, (index, start)),
                                     resolved_from="(later) " + ahead.name)
        if role and not plural and head not in _ANONYMOUS and index <= 1 and det == "the" and \
                self._antecedent_by_role(head, plural, index, start, body) is None:
            ahead = self._forward(head, True, index, end)  # "The former chief executive of X pleaded ..." named next
            if ahead is not None:
                return Resolution.of(self._introduced(ahead, head, body, (index, start)),
                                     resolved_from="(later) " + ahead.name)
        if det in _POSSESSIVE_DETERMINERS:  # "his lawyer", "its army", "her ministry"
            owner = self._pronoun(det, index, start)
            rest = body.split(None, 1)[-1] if len(body.split()) > 1 else body
            found = self._belonging(owner.to_actor(), rest, role, plural, index, start, end, body)
            explicit = self._explicit_side(rest)
            if explicit and found.kind != "country" and side_of(found) != explicit and \
                    getattr(self.dictionary.by_code(explicit), "kind", None) == "country":
                found = self._reaffiliate(found, explicit)  # "her Argentine counterpart", "its Chinese chief"
            return Resolution.of(found, resolved_from=owner.resolved_from or owner.actor)
        if head in _DOCUMENTS and possessor(pre) is not None and det not in ("his", "her", "its", "their"):
            owner = self.dictionary.exact(possessor(pre)[0]) or self._named_owner(possessor(pre)[0], index, start, end)
            if owner is not None:  # "The audit chamber's report said": the chamber
                return Resolution.of(owner, resolved_from=possessor(pre)[0])
        if head in _DOCUMENTS and len(pre.split()) <= 4 and possessor(pre) is None:
            author = self._author(head, index, start)
            if author is not None:  # "X filed a lawsuit ... The suit alleges": X
                return Resolution.of(author.actor, resolved_from=author.text)
            issuer = self._latest(lambda m: m.speaker and not m.person and m.actor.kind in ("organization", "country")
                                  and not m.location, index, window=3)
            if issuer is not None:  # "The report said": whoever issued it
                return Resolution.of(issuer.actor, resolved_from=issuer.text)
        if index <= 2 and head in _COLLECTIVE_BODIES | {"regulator", "agency", "committee", "directorate"}:
            ahead = self._forward_body(body, index, end)  # "Russian investigators ... the Investigative Committee"
            if ahead is not None:
                return Resolution.of(self._introduced(ahead, head, body, (index, start)),
                                     resolved_from="(later) " + ahead.name)
        pos = possessor(pre)
        if pos is not None and self._classifying(pre, pos[0]):
            pos = None  # "Mineworkers' union": a union of mineworkers, owned by nobody
        owner = None
        if pos is not None:
            owner = self.dictionary.exact(pos[0]) or self._named_owner(pos[0], index, start, end)
            self._owner_met(owner, pos[0], index, start, text)
        hits = [h for h in within_places(self.dictionary.find(pre), (), body)
                if h.actor.kind in ("country", "organization")]  # (not "a Georgia sheriff"'s Georgia)
        if owner is None and hits and not (plural and head in ("government", "country", "state")):
            owner = hits[0].actor
            if not plural and (s.headline or (index <= 2 and det in ("a", "an"))):
                ahead = self._forward_same_side(head, owner, index, end)
                if ahead is not None:  # "Kazakh regulator demands ..." then "Kazakhstan's Ministry of ..."
                    return Resolution.of(ahead, resolved_from="(later) " + ahead.name)
        if owner is not None:
            return Resolution.of(self._belonging(owner, pos[1] if pos else pre, role, plural, index, start, end, body))
        named = self._named_authority(head, plural, index, start)
        if named is not None:  # "The authority said" after "Ghana's Food and Drugs Authority"
            return Resolution.of(named.actor, resolved_from=named.text)
        if head in _GOVERNMENT and (not plural or self._authorities(body, index, start) or _SUCCESSIVE.match(body)) \
                and not own_body(body):
            country = self._government(index, start)  # "the government", "the authorities": who speaks
            if country is not None:
                return Resolution.of(country)
        definite = det in ("the", "this", "that", "these", "those")
        if s.headline and not plural and not role and not definite:  # "Unifor says owner broke promise"
            again = self._antecedent_by_role(head, plural, index, start, body)
            if again is not None and again.sentence == index and head in again.text.lower().split():
                # "Greek coastguard towed ..., coastguard denies": the same noun again
                return Resolution.of(again.actor, resolved_from=again.text)
            ahead = self._forward(head, False, index, end, headline=True)
            if ahead is not None:
                return Resolution.of(self._introduced(ahead, head, body, (index, start)),
                                     resolved_from="(later) " + ahead.name)
        if definite or (not plural and det not in ("a", "an", "one")) or head in _COLLECTIVE_BODIES:
            ante = self._antecedent_by_role(head, plural, index, start, body)
            critic = self._home_critic(index, start, opposition=True) if head in _PRESSED_AT_HOME and \
                ante is not None and ante.actor.kind != "country" and self._explicit_side(body) is None else None
            # only an opposition: US senators asking "the ministry" after China's, or British lawmakers "the prime
            # minister" after Netanyahu, mean the one named before
            if critic is not None and side_of(ante.actor) != critic.code:  # critics at home press their own
                ante = self._on_side(critic.code, head, plural, index, start, body)  # minister, not the other's
                if ante is None:
                    return Resolution.of(replace(self._new(body, role, plural, head, index, start, end),
                                                 affiliation=critic.code))
            if ante is not None:
                explicit = self._explicit_side(body) or self._tail_side(s.text, end)  # "the Michigan-based owner"
                if explicit and ante.actor.kind != "country" and side_of(ante.actor) != explicit and \
                        ante.actor.affiliation in (None, self.home):
                    return Resolution.of(self._reaffiliate(ante.actor, explicit), resolved_from=ante.text)
                return Resolution.of(ante.actor, resolved_from=ante.text)
        if index <= 2 and (head in _COLLECTIVE_BODIES or head in STATE_HEADS or head in BODY_HEADS):
            ahead = self._forward_body(body, index, end)
            if ahead is not None:
                return Resolution.of(self._introduced(ahead, head, body, (index, start)),
                                     resolved_from="(later) " + ahead.name)
        if not plural and not role and (s.headline or (index <= 2 and det in ("a", "an", "one"))):
            ahead = self._forward(head, False, index, end, headline=True, strict=not s.headline)
            if ahead is not None:
                return Resolution.of(self._introduced(ahead, head, body, (index, start)),
                                     resolved_from="(later) " + ahead.name)
        sub = self._sub_body(body, index, start) if not plural else None
        if sub is not None:  # "the Commission" in a story about the EU: the European Commission
            return Resolution.of(sub)
        if det == "the" and not plural and head in _PUBLIC_PEOPLE and len(body.split()) == 1:
            found = self._recent_person(index, gender_of(body), noun=head)
            if found is not None:  # "the singer", "the winger": the person the story is about, named before
                return Resolution.of(found.actor, resolved_from=found.text)
        return Resolution.of(self._new(body, role, plural, head, index, start, end))

    def _aged(self, age: str, index: int) -> Mention | None:
        """The named person "the 26-year-old" stands for: the latest one the article gave that age ("Tomás Ruiz,
        26,", "the 26-year-old Tomás Ruiz"), else the first named person holding no post of the latest sentence that
        names one; none where the article brought in someone unnamed of that age ("A 19-year-old student was
        arrested")."""
        named = self._named_people(index)
        for m in named:
            text = self.sentences[m.sentence].text
            for name in {m.text, m.actor.name}:
                if re.search(rf"{re.escape(name)},?\s+(?:aged\s+)?{age}\b", text) or re.search(
                        rf"\b{age}-year-old\s+(?:[a-z]+\s+){{0,3}}{re.escape(name)}", text):
                    return m
        if any(re.search(rf"\b(?:a|an|A|An)\s+{age}-year-old\b", s.text) for s in self.sentences[:index]):
            return None
        return self._recent_person(index)

    def _named_people(self, index: int, window: int = 8) -> list[Mention]:
        """The mentions of named people in the last ``window`` sentences before this one, newest first (a person
        named in a post-and-name span, "The clinic's director, Dr. Ruth Banda", too)."""
        return [m for m in reversed(self.mentions) if index - window <= m.sentence < index and m.person and
                not m.plural and m.actor.kind == "person" and mention_kind(m.actor.name) == "named"]

    def _recent_person(self, index: int, sex: str | None = None, noun: str | None = None) -> Mention | None:
        """The named person a bare "the singer" or "the 26-year-old" goes back to: one named before this sentence (one
        named in it would be "he" or "she" here), of ``sex`` where known, holding no post (a judge, a manager or a
        police commander quoted about the singer is not her). With ``noun``, the one introduced with that noun
        ("Singer Dua Lipa"), else the most mentioned; without, the first of the latest sentence naming one."""
        posts = {m.actor.name for m in self.mentions if m.roles & _OFFICES}
        named = [m for m in self._named_people(index) if m.actor.name not in posts and (
            sex is None or first_name_sex(m.actor.name) in (None, sex))]
        if not named:
            return None
        if noun is not None:
            same = [m for m in named if noun in m.roles or any(noun in x.roles for x in self.mentions
                                                               if x.actor == m.actor)]
            if same:
                return same[0]
            counts = Counter(m.actor.name for m in self.mentions if m.actor.kind == "person")
            return max(reversed(named), key=lambda m: counts[m.actor.name])
        latest = [m for m in named if m.sentence == named[0].sentence]
        return min(latest, key=lambda m: m.start)

    def _owner_met(self, owner: Actor | None, name: str, index: int, start: int, text: str) -> None:
        """A person first met as an owner ("Mayor Dolores Kitteridge's administration") is met all the same: a
        later "she" or "Kitteridge" is her."""
        if owner is None or owner.kind != "person" or mention_kind(name) != "named" or \
                any(m.actor == owner for m in self.mentions):
            return
        if name not in text:
            return
        at = start + text.find(name)
        self._add(self._mention(name, index, at, at + len(name), owner))

    def _sub_body(self, body: str, index: int, start: int) -> Actor | None:
        """A capitalised body noun alone ("the Commission", "the Parliament") names the body of that name of the
        organisation the article speaks of: the dictionary's "EU Commission" or "European Commission" once the EU
        is mentioned."""
        words = body.split()
        if len(words) != 1 or not words[0][:1].isupper() or words[0].isupper():
            return None
        seen = set()
        for m in reversed(self.mentions):
            a = m.actor
            if a.kind != "organization" or a.code is None or a in seen or (m.sentence == index and m.start >= start):
                continue
            seen.add(a)
            for owner in (a.code, a.name.split()[0]):
                found = self.dictionary.exact(f"{owner} {words[0]}")
                if found is not None and found.kind == "organization" and found != a:
                    return found
        return None

    def _named_authority(self, head: str, plural: bool, index: int, start: int) -> Mention | None:
        """ "The authority" once a body called an authority was named ("Ghana's Food and Drugs Authority", "France's
        competition authority"): that body, not the state."""
        if head != "authority" or plural:
            return None
        return self._latest(lambda m: m.actor.kind == "organization" and not m.person and "authority" in m.roles
                            and not (m.sentence == index and m.start >= start), index, window=12)

    def _authorities(self, body: str, index: int, start: int) -> bool:
        """ "The authorities" in the narration is a state, like "the government" (one inside a quote may be
        another side's, "the puppet authorities")."""
        return body.lower() in ("authorities", "the authorities") and not _inside(start, self.sentences[index].quotes)

    _MAKES = (r"(?:published|issued|released|unsealed|filed|lodged|brought|submitted|produced|commissioned|wrote|"
              r"compiled|sent|launched|opened|carried out|conducted)")

    def _author(self, head: str, index: int, start: int) -> Mention | None:
        """Who made the document "the report" stands for: the subject of a recent sentence that published,
        filed or unsealed one ("The family ... filed a federal lawsuit", then "The suit alleges")."""
        made = re.compile(rf"\b{self._MAKES}\s+(?:(?:a|an|its|their|the)\s+)?(?:[\w-]+\s+){{0,3}}?\w*{head}s?\b", re.I)
        for j in range(index, max(-1, index - 4), -1):
            text = self.sentences[j].text[:start] if j == index else self.sentences[j].text
            m = made.search(text)
            if m is None:
                continue
            found = [x for x in self.mentions if x.sentence == j and x.start < m.start() and not x.location
                     and not x.in_quote and x.actor.kind in ("organization", "country", "group", "person")]
            return found[0] if found else None
        return None

    def _government(self, index: int, start: int = -1) -> Actor | None:
        """The country "the government" belongs to: the side of the sentence's speaker, else of the critics at
        home who ask it ("Opposition deputies in Yerevan demanded that the government explain"), else the latest
        country."""
        spk = next((m for m in reversed(self.mentions) if m.sentence == index and m.speaker and side_of(m.actor)),
                   None)
        code = side_of(spk.actor) if spk is not None else None
        if code is None:
            critic = self._home_critic(index, start)
            if critic is not None:
                return critic
        if code is not None and getattr(self.dictionary.by_code(code), "kind", "country") != "country":
            spk = code = None  # UN investigators speaking of "the military government": a state's, not the UN's
        if spk is not None and not _OPPOSITION.search(spk.text) and (spk.actor.kind == "country" or re.search(
                r"foreign|embassy|defen[cs]e|envoy|ambassador|mission", spk.text + " " + spk.actor.name, re.I)):
            other = self._latest(lambda m: m.actor.kind == "country" and m.actor.code != code and not m.location,
                                 index, window=4)  # a state speaking of "the junta": another state's
            if other is not None:
                return other.actor
        if code is None:
            country = self._latest(lambda m: m.actor.kind == "country" and not m.location, index, window=3)
            code = country.actor.code if country is not None else self.home
        return self.dictionary.by_code(code)

    def _home_critic(self, index: int, start: int, opposition: bool = False) -> Actor | None:
        """The country of the opposition, lawmakers or critics who came before ``start`` in sentence ``index``:
        a country's own critics press their own government. None where none did or none has a country.
        ``opposition``: only an opposition, which is always at home (senators may press a foreign ministry)."""
        for m in reversed(self.mentions):
            if m.sentence != index or not 0 <= m.start < start:
                continue
            if not (_OPPOSITION if opposition else _HOME_CRITIC).search(m.text):
                continue
            code = side_of(m.actor) or self.home
            found = self.dictionary.by_code(code) if code else None
            if found is not None and found.kind == "country":
                return found
        return None

    def _on_side(self, code: str, head: str, plural: bool, index: int, start: int, body: str) -> Mention | None:
        """The antecedent by role among the mentions on side ``code`` only."""
        with self._seeing(lambda m: side_of(m.actor) == code):
            return self._antecedent_by_role(head, plural, index, start, body)

    def _named_owner(self, text: str, index: int, start: int, end: int) -> Actor | None:
        """The owner in "Choi's lawyer", "Hoshizora's president", "the board's chief executive"."""
        if mention_kind(text) == "named":
            return self._named(text, index, start, end)
        if singular(head_word(text).lower()) == "bloc":
            return self._bloc(index, start)  # "the bloc's foreign policy chief": the EU's
        ante = self._antecedent_by_role(singular(head_word(text).lower()), False, index, start, text)
        return ante.actor if ante is not None else None

    def _european_side_is_eu(self, index: int) -> bool:
        """Is "the European side" the EU: a state across from it speaks in this sentence or the last (Beijing's "the
        European side"), the EU was named, and no European state was (Britain, France and Germany in talks with Iran
        are "the European side" too)?"""
        states = [m.actor.code for m in self.mentions if m.actor.kind == "country"]
        return any("EU" in (m.actor.code, m.actor.affiliation) for m in self.mentions) and \
            not any(c in _EUROPEAN for c in states) and any(
                m.actor.kind == "country" and m.actor.code not in _EUROPEAN and m.sentence >= index - 1
                for m in self.mentions)

    def _bloc(self, index: int, start: int) -> Actor | None:
        """The trading or political bloc named last ("the bloc" after "the European Union" or "ASEAN"), or the one a
        body named last belongs to ("the European Commission" stands for the EU)."""
        if any(re.search(r"\bbloc\b(?<!the bloc)", x.text, re.I) for x in self.sentences[:index]):
            return None  # "Iraq's largest Shi'ite bloc", "a bloc of 30 hardliners": the bloc the story calls so
        for m in reversed(self.mentions):
            if m.sentence == index and m.start >= start or m.person or m.location or \
                    m.actor.kind not in ("organization", "group"):
                continue
            code = next((c for c in (m.actor.code, m.actor.affiliation) if c in _BLOCS), None)
            return self.dictionary.by_code(code) if code else None  # the latest body, if it is a bloc
        return None

    def _belonging(self, owner: Actor, rest: str, role: str | None, plural: bool, index: int, start: int,
                   end: int, text: str = "") -> Actor:
        """Who "X's rest" is: the country itself for a government in a dispute, a body of the owner, a person of
        the owner (a spokesman, a lawyer), or people of the owner."""
        head = singular(head_word(rest).lower().strip(".")) if rest.strip() else ""
        side = owner.code if owner.kind == "organization" and owner.code else side_of(owner)
        rest_low = rest.lower().strip()
        name = text or f"{owner.name} {rest_low}"
        ruling = [h.actor for h in self.dictionary.find(rest) if h.actor.kind == "organization"]
        if owner.kind == "country" and head in _GOVERNMENT and ruling and side_of(ruling[0]) == owner.code:
            return ruling[0]  # "Afghanistan's Taliban administration": the listed movement that rules it
        if owner.kind == "country" and (head in _GOVERNMENT or rest_low in _GOVERNMENT) and (
                not plural or head in ("authority", "authorities")) and not own_body(rest) and not (
                head == "authority" and not plural and len(rest_low.split()) > 1 and not self.dictionary.find(rest)
                and not _RULING.search(rest_low)):
            # (not "Uganda's revenue authority": a body of Uganda's)
            return owner
        local = owner.kind == "person" and bool({"mayor", "governor"} & (roles_of(text) | {
            r for m in self.mentions if m.actor == owner for r in m.roles}))
        if owner.kind == "person" and rest_low in ("government", "administration") and side and not local:
            country = self.dictionary.by_code(side)
            if country is not None and country.kind == "country":
                return country  # "her government" of a Colombian minister: Colombia's, the country in a dispute
        if owner.kind == "country" and head in _CRAFT:
            for m in reversed(self.mentions):  # "the Chinese vessels" after "China's coast guard"
                if m.actor.kind == "organization" and m.actor.affiliation == side and m.roles & {
                        "coast guard", "coastguard", "navy", "guard", "military", "army", "air force"}:
                    return m.actor
            definite = bool(re.match(r"(?i)(?:the|this|that)\s", self.sentences[index].text[start:start + 5]))
            crafts = [m.actor for m in reversed(self.mentions) if m.actor.kind == "other" and
                      m.actor.affiliation == side]
            same = next((a for a in crafts if head in map(singular, _name_words(a.name))), None)
            if same is not None:  # "the Philippine boat" again: the craft met before
                return same
            akin = next((a for a in crafts if any(head in group and set(map(singular, _name_words(a.name))) & group
                                                  for group in _CRAFT_KINDS)), None) if definite else None
            if akin is not None:  # "the Chinese vessel" after "a Chinese survey ship"
                return akin
            return Actor(name, "other", None, side)  # a craft of that country, not the country itself
        if role is None or head in _COLLECTIVE_BODIES:
            if not rest_low or rest_low == owner.name.lower() or head in ("", owner.name.lower()):
                return owner
            specific = {r for r in roles_of(rest) if " " in r}  # "foreign ministry" is not "defence ministry"
            mods = _modifiers(rest, head) if head in ("ministry", "department", "minister", "secretary") else set()
            for m in reversed(self.mentions):  # the same body seen before: "China's coast guard" twice
                theirs = _modifiers(m.actor.name, head) if mods else set()
                if theirs and theirs.isdisjoint(mods):
                    continue  # "Uganda's foreign ministry" after "Uganda's energy ministry": another ministry
                if m.actor.kind == "organization" and side_of(m.actor) == side and (head in m.roles or any(
                        _compatible_roles(head, r) for r in m.roles if r not in ("group", "side"))) and (
                        not specific or specific & m.roles or not any(" " in r for r in m.roles)):
                    return m.actor
            if plural and head not in _COLLECTIVE_BODIES and head not in STATE_HEADS:
                return Actor(name, "group", None, side)
            return Actor(name, "organization", None, side if owner.kind == "country" else (owner.code or side))
        if not plural:
            for m in reversed(self.mentions):
                if m.person and side_of(m.actor) == side and m.sentence >= index - 6 and any(
                        _compatible_roles(role, r) for r in m.roles):
                    return m.actor
            return Actor(name, "person", None, side)
        return Actor(name, "group", None, side)

    def _apposition(self, sentence: str, end: int) -> str | None:
        """A name right after the span: "A Pentagon spokesman, Major Daniel Ortega-Reyes, said" -> the name."""
        m = re.match(r"\s*(?:(?:who|which|that)\s[^,]{1,80}|(?:of|for|at|in|from)\s(?:the\s)?[A-Z][^,]{1,40})?,\s*"
                     r"(?:(?:known as|called|named)\s+)?((?:[A-Z][\w.'’\-]*\s?){1,6})"
                     r"(?=[,(]|\s(?:said|told|says|who|and|with)\b)", sentence[end:])
        if not m:
            return None
        name = m.group(1).strip()
        if self.dictionary.exact(name) is not None and self.dictionary.exact(name).kind == "country":
            return None
        if any(w.lower() in NOT_NAMES for w in name.split()):
            return None
        if any(a == 0 and b >= len(name.rstrip(".")) for a, b, _ in self.dictionary.places(name)):
            return None  # "a man from Markham, Ontario,": a place, not the man's name
        return name

    def _antecedent_by_role(self, head: str, plural: bool, index: int, start: int, body: str) -> Mention | None:
        """The latest mention with a compatible role or body noun (a speaker or a sentence's subject first)."""
        words = set(re.findall(r"[a-z]+", body.lower())) - {"the", "a", "an", "this", "that", "these", "those"}
        person_role = role_of(head) is not None and head not in _COLLECTIVE_BODIES

        entity_roles: dict[Actor, set[str]] = {}
        for m in self.mentions:
            entity_roles.setdefault(m.actor, set()).update(m.roles)
        specific = {r for r in roles_of(body) if " " in r}  # "the foreign ministry" is not the defence ministry
        understudies: dict[Actor, set[str]] = {}  # the posts an actor holds as a shadow, deputy or assistant
        for m in self.mentions:
            for rank, post in _understudy(self.sentences[m.sentence].text[max(0, m.start - 30):m.start], m.text):
                if rank not in words:
                    understudies.setdefault(m.actor, set()).add(post)

        def fits(m: Mention) -> bool:
            if m.sentence == index and m.start >= start:
                return False
            roles = entity_roles.get(m.actor, m.roles)
            if specific and not specific & roles and (any(" " in r for r in roles) or not any(
                    x in m.actor.name.lower() for x in specific)):
                return False  # "the air force" is not the Rapid Support Forces
            # a named firm by its trade, but not the firm speaking ("Thornbury Foods, the supermarket chain, said
            # the grocer had been offered a lease": the village grocer)
            if head in understudies.get(m.actor, ()):
                return False  # "the Treasurer" is not the shadow treasurer, "the minister" not a deputy minister
            by_trade = m.actor.kind == "organization" and mention_kind(m.text) == "named" and m.sentence != index \
                and any(_same_trade(head, r) for r in roles) and not (head == "station" and words - _STATION_WORDS)
            if head in roles or any(_compatible_roles(head, r) for r in roles) or by_trade:
                # people are "the men" or "the officials", not "the union" ("union members" are not the union)
                return person_role or plural if m.actor.kind == "group" else m.person == person_role
            if head in _COLLECTIVE_BODIES:
                return m.actor.kind == "organization" and \
                    any(w in m.actor.name.lower() for w in ("prosecut", "attorney", "police", "investigat", "garda"))
            if m.person or m.actor.kind != "organization" or person_role:
                return False
            return head in m.actor.name.lower().split() or head == _describing_noun(m.text) or (
                # "the union" -> "... Workers' Union"; "the association" -> "the parents' association Save Our
                # Local Schools"
                m.actor.code is not None and head in self.dictionary.alias_words(m.actor)) or (  # "the alliance": NATO
                head in ("group", "movement", "militia") and m.actor.code is not None and  # "the group": Hezbollah
                getattr(self.dictionary.by_code(m.actor.affiliation), "kind", None) == "country")
        def same_noun(m: Mention) -> bool:  # "the exporters' association", not the union federation beside it
            return fits(m) and (head in entity_roles.get(m.actor, m.roles) or head in re.findall(
                r"[a-z]+", m.actor.name.lower()))

        found = self._salient(same_noun, index, start, prefer_speaker=True, window=12) or \
            self._salient(fits, index, start, prefer_speaker=True, window=12)
        if found is None and not plural and _compatible_roles(head, "company"):
            found = self._main_firm(index, start)
        if found is not None:
            return found
        if plural and person_role:  # "the men", "the aides": the latest people
            found = self._salient(lambda m: m.plural and m.person and not (m.sentence == index and m.start >= start),
                                  index, start, prefer_speaker=False, window=6)
            if found is not None:
                return found
        if len(words) >= 2:  # "the integrity body": the Athletics Integrity Unit (a generic body noun aside)
            core = words - {"body", "organisation", "organization", "entity", "outfit"} or words
            return self._latest(lambda m: core <= set(re.findall(r"[a-z]+", m.actor.name.lower())), index, window=12)
        return None

    def _body_run(self, body: str, index: int, start: int, end: int) -> Mention | None:
        """The body whose management or leadership is meant: its owner ("the hospital's management"), the name
        before the noun ("Brackett management", "the RSF leadership"), else the firm the article is about. The
        codebook's actor is the body (gold: 19 of 21 "management" spans)."""
        of = re.search(r"\b(?:management|leadership)\s+of\s+(.+)$", body, re.I)
        pos = possessor(body)
        if of is not None:  # "the management of the Port of Oran Company"
            owner = of.group(1)
        elif pos is not None:
            owner = pos[0]
        else:  # a name before the noun, not a common one ("the port management": which port?)
            owner = " ".join(w for w in body.split()[:-1] if w.lower() not in (
                "the", "a", "an", "new", "senior", "top", "current", "former", "previous"))
            if owner and not owner[:1].isupper():
                return None
        if owner:
            if owner.lower() in PRONOUNS:
                return None
            at = start + max(0, body.find(owner))
            res = self._resolve_text(owner, index, at, at + len(owner))
            actor = res.to_actor()
            if actor.kind in ("organization", "group") and (res.resolved_from is not None or
                                                             self._same_body(owner) is not None):
                return Mention(owner, index, at, at + len(owner), actor)
            return None
        if not body.lower().endswith("management"):
            return None  # "the leadership" of a party or a state is no firm's
        firm = self._main_firm(index, start)
        named = sum(m.actor == firm.actor for m in self.mentions) if firm is not None else 0
        return firm if named >= 2 else None  # the story's firm, not one named in passing

    def _main_firm(self, index: int, start: int, skip: frozenset | set = frozenset()) -> Mention | None:
        """ "The company" with no company named as such: the firm the article names most (then most recently);
        ``skip``: firms it cannot be (those the sentence already named before it)."""
        counts: Counter = Counter()
        last: dict[Actor, Mention] = {}
        for m in self.mentions:
            if m.sentence == index and m.start >= start or m.sentence < index - 12 or m.actor in skip:
                continue
            head = singular(head_word(m.actor.name).lower().strip("."))
            if m.actor.kind == "organization" and not m.person and mention_kind(m.text) == "named" and not (
                    head in BODY_HEADS and not _compatible_roles(head, "company")) and not m.location:
                counts[m.actor] += 1
                last[m.actor] = m
        if not counts:
            return None
        best = max(counts, key=lambda a: (counts[a], (last[a].sentence, last[a].start)))
        return last[best]

    @staticmethod
    def _stems(text: str) -> set[str]:
        return {w[:6] for w in re.findall(r"[a-z]+", text.lower().replace("-", "")) if len(w) >= 5} - {
            "nation", "govern", "office", "intern", "federa", "region", "servic"}

    def _forward_body(self, body: str, index: int, end: int) -> Actor | None:
        """A lead's "Russian investigators" that the text names a little later ("the Investigative Committee")."""
        stems = self._stems(body) - {self._stems(h.actor.name).pop() for h in self.dictionary.find(body)
                                     if self._stems(h.actor.name)}
        stems -= {st for h in self.dictionary.find(body) for st in self._stems(body[h.start:h.end])}
        if not stems:
            return None
        for j in range(index, min(index + 2, len(self.sentences))):
            s = self.sentences[j]
            offset = end if j == index else s.body
            for m in self._scan_text(s.text[offset:], j, offset):
                if m.actor.kind == "organization" and stems & self._stems(m.actor.name):
                    return self._settle(m).actor
        return None

    def _named_later(self, body: str, index: int, end: int, person: bool) -> Actor | None:
        """The person (or body) a post is first written without a name for, where the article later gives the same
        words with the name in apposition: "Taiwan's president" first, then "Taiwan's president, Hsu Wen-chieh,";
        a headline's "bank", then "The bank, Nordhafen Privatbank,". Only a post of two words or more outside a
        headline ("the minister" alone may be another minister), met for the first time."""
        core = re.sub(r"^(?:the|a|an)\s+", "", body.strip(), flags=re.I)
        if len(core.split()) < (1 if self.sentences[index].headline else 2) or \
                any(core.lower() in m.text.lower() for m in self.mentions):
            return None
        pattern = re.compile(r"(?<![\w-])" + re.escape(core) + r",\s+(?=(?-i:[A-Z]))", re.I)
        for j in range(index, len(self.sentences)):
            s = self.sentences[j]
            if s.boiler:
                continue
            offset = end if j == index else 0
            for m in pattern.finditer(s.text, offset):
                owner = re.search(r"(\w+)\s+(?:of|for|to)(?:\s+the)?\s*$", s.text[:m.start()])
                if re.search(r"\b(?:former|ex|then|late|acting|deputy|vice|assistant|interim|outgoing|incoming|next|"
                             r"previous|another|other|rival)-?\s*$", s.text[:m.start()], re.I) or owner is not None and (
                        role_of(owner.group(1).lower()) or singular(owner.group(1).lower()) in BODY_HEADS):
                    continue  # not "the former Peruvian foreign minister, X" for "Peruvian foreign minister", nor
                    # "the office of the union, Avenida Grecia" for the union, nor "The spokesman of Moldova's prime
                    # minister, Ion Ceban" for the prime minister
                found = [n for n in self._scan_text(s.text[m.end():], j, m.end()) if n.start == m.end() and
                         n.actor.kind in (("person",) if person else ("person", "organization"))]
                if found:
                    actor = self._settle(found[0]).actor
                    return actor if person or actor.kind == "organization" else replace(actor, kind="organization")
        return None

    def _forward(self, head: str, person: bool, index: int, end: int, headline: bool = False,
                 strict: bool = False) -> Actor | None:
        """The person (or, from a headline, the body) a descriptor introduces, named in the next sentences:
        one introduced with the same role first ("Polish town mayor" ... "Mayor Tadeusz Wrona"), else the
        first newcomer of the next sentences with no role of its own."""
        seen = {m.actor.name for m in self.mentions if m.actor.name.split()[-1].lower() in m.text.lower()}
        kind = "person" if person else "organization"
        found: list[tuple[int, Mention]] = []
        for j in range(index, min(index + 5, len(self.sentences))):
            s = self.sentences[j]
            if s.boiler:
                continue
            offset = end if j == index else s.body
            found += [(j, m) for m in self._scan_text(s.text[offset:], j, offset)
                      if m.actor.name not in seen and m.actor.kind == kind and not self._is_excluded(m.actor)]
        if not person and not headline:
            return None
        for _, m in found:
            if any(_compatible_roles(head, r) or _same_trade(head, r) for r in m.roles):
                return self._settle(m).actor
        for j, m in found:
            if index < j <= index + 2 and not m.roles and not strict and not _other_body(head, m.actor.name):
                return self._settle(m).actor
            if strict and j == index + 1 and not m.roles and m.start <= self.sentences[j].body + 4 and \
                    not _other_body(head, m.actor.name) and not m.actor.name.isupper() and \
                    (" and " not in m.actor.name or self._looks_like_body(m.actor.name)):
                # "... sued by a Thai construction firm." "Andaman Build Co. has filed a claim": the next
                # sentence's subject, new to the story
                return self._settle(m).actor
        if strict and _compatible_roles(head, "company"):
            firms = [m for j, m in found if j == index + 1 and self._looks_like_body(m.actor.name) and
                     not looks_like_place(m.actor.name) and m.actor.name.split()[-1].lower() not in _STREETS and
                     not _other_body(head, m.actor.name) and not self._public(m.actor.name)]
            if len(firms) == 1:  # "... accused a Midlands egg supplier ..." then "... concerns with Ravensworth
                return self._settle(firms[0]).actor  # Farm Produce": the one firm the next sentence names
        return None

    @staticmethod
    def _public(name: str) -> bool:
        """A public body's name (an agency, a ministry, a council), not a firm's."""
        return bool(re.search(r"\b(?:agency|ministry|department|council|commission|authority|office|court|police|"
                              r"government|parliament|committee|service|regulator|board|union|federation|"
                              r"association|university|institute|college|foundation|trust|hospital|school)\b",
                              name, re.I))

    def _new(self, body: str, role: str | None, plural: bool, head: str, index: int, start: int, end: int) -> Actor:
        """Someone or something met for the first time."""
        aff = self._affiliation(body, index, start, end, official=head in _ANONYMOUS or role not in (None, "owner"))
        if head in _ONLINE and self._explicit_side(body) is None and possessor(body) is None and \
                not re.search(r"\b(?:behind|news)\b", body, re.I):
            aff = None  # "an anonymous account", "the websites": online, from anywhere, unless the text says where
        if head in _COLLECTIVE_BODIES:
            return Actor(body, "organization", None, aff)
        if plural:
            return Actor(body, "group", None, aff)
        if role is not None or head in ("people", "person"):
            return Actor(body, "person", None, aff)
        return Actor(body, "organization" if head in BODY_HEADS else "other", None, aff)

    # ---------------------------------------------------------------------------------- pronouns
    def _own_people(self, m: Mention, speaker: Mention) -> bool:
        """People a transcript's speaker calls "we": those the other side called "your ..." when addressing them, and
        the groups of the speaker's own country."""
        if m.text.lower().startswith("your ") and self.sentences[m.sentence].turn not in (None, self.sentences[
                speaker.sentence].turn):
            return True
        return m.actor.kind == "group" and side_of(m.actor) is not None and side_of(m.actor) == side_of(speaker.actor)

    def _speaker_of(self, index: int, start: int) -> Mention | None:
        """Who speaks at ``start`` of sentence ``index``: the turn's label, the sentence's attribution, or the
        speaker of the quote this one continues."""
        s = self.sentences[index]
        for m in reversed(self.mentions):
            if m.sentence == index and m.speaker and not m.in_quote:
                return m
        for m in reversed(self.mentions):
            if m.sentence < index and m.speaker and not m.in_quote:
                return m if m.sentence >= index - 3 or s.turn else None
        return None

    def _issuer_meant(self, text: str) -> Actor | None:
        """The issuer of a statement, where ``text`` names it or a word of its name ("The Ministry")."""
        issuer = self._issued()
        if issuer is None:
            return None
        own = re.fullmatch(r"\s*[Tt]he\s+([A-Za-z]+)\s*", text) if not self.about else None  # "the group" is not
        # the "Sahel Rights Group" of an About note (a release is in its voice, not in its heading's words)
        if own and own.group(1).lower() in re.findall(r"[a-z]+", self.issuer.lower()) or \
                re.sub(r"^the\s+", "", text.strip(), flags=re.I) == self.issuer:
            return issuer
        return None

    def _issued(self) -> Actor | None:
        """The issuer a statement's heading names, resolved once (see ``issuer_named``)."""
        if self.issuer is not None and self._issuer_actor is None:
            at = next((i for i, s in enumerate(self.sentences) if self.issuer in s.text), 0)  # an "About X:" note's
            # issuer where the heading does not name it
            start = self.sentences[at].text.find(self.issuer)
            actor = self._named(self.issuer, at, start, start + len(self.issuer))
            if actor.kind == "person" and first_name_sex(actor.name) is None:  # a release's issuer is a body,
                # whatever its name looks like ("Sahara Gas Transmission"), but not "Senator Jane Doe"
                self.renamed[actor] = actor = replace(actor, kind="organization")
            side = (self.datelined or [self.home])[0]  # it speaks from where it is datelined ("Sejong, 30 October")
            if self.about:  # "About Nordlys Telecom: ... a Norwegian operator": what the note says it is, over the
                # dateline; not where it works ("with operations in Chile and Peru")
                note = next((s.text for s in self.sentences if _ABOUT.match(s.text.strip())
                             and self.issuer in s.text), "")
                said = _SEATED.search(note) or _IS_A.search(note)
                side = (self._explicit_side(said.group(1)) if said else None) or \
                    self._explicit_side(self.issuer) or side
            if actor.code is None and actor.name not in self.stated and side and actor.affiliation != side:
                actor = self._reaffiliate(actor, side)
            self._issuer_actor = actor
        return self._issuer_actor

    def _pronoun(self, word: str, index: int, start: int) -> Resolution:
        """A pronoun: the latest agreeing mention (gender, number, person); quotes and turns speak for themselves."""
        s = self.sentences[index]
        gender, plural, person = PRONOUNS.get(word, (None, False, None))
        quoted = _inside(start, s.quotes) or (s.turn is not None and start >= s.body)
        if word in FIRST_PERSON and quoted:
            spk = self._speaker_of(index, start)
            if spk is not None:
                body = self._spoken_for(spk.actor) if plural else None
                if body is not None:  # "We allege ..." said by a prosecutor: her office
                    return Resolution.of(body, resolved_from=spk.text)
                return Resolution.of(spk.actor, resolved_from=spk.text)
        if word in FIRST_PERSON and not quoted and s.turn is None and plural and self._issued() is not None:
            return Resolution.of(self._issued(), resolved_from=self.issuer)  # "We call on the newspaper to ..."
        turn = self._turn_at(index) if word in ("you", "your") else None
        addressed = self._you_in_turn(*turn) if turn is not None else None
        if addressed is not None:
            return addressed
        if word in ("you", "your") and s.turn is not None:
            me = self._turn_actor(s.turn)
            for m in reversed(self.mentions):
                if m.speaker and m.sentence < index and m.actor != me and self.sentences[m.sentence].turn:
                    return Resolution.of(m.actor, resolved_from=m.text)
        speaker = self._speaker_of(index, start) if quoted else None
        subject = not s.text[s.body:start].strip() or bool(_SPEECH_AFTER.match(s.text[start + len(word):]))

        obj = word in ("him", "them", "me", "us")
        # "Her barrister, Kamal Siddiqui, rejected the prosecution's claim that she had ...": the one a lawyer or
        # spokesman answers for, not the lawyer
        agent = _AGENT_DENIES.search(s.text[:start]) if person and not plural and not quoted else None

        aggrieved = plural and quoted and word not in FIRST_PERSON and self._speaks_for_own(index, start)

        def agrees(m: Mention) -> bool:
            if m.location or (m.sentence == index and m.start >= start):
                return False
            if aggrieved and m.actor.kind == "group" and singular(head_noun(m.text)) in _AGGRIEVED:
                return False  # "They are taking our water," said a villager: not "the villagers"
            if word not in FIRST_PERSON and s.turn is not None and self.sentences[m.sentence].turn is not None and \
                    m.start < self.sentences[m.sentence].body and (m.actor.name.lower() in self._PRESS_LABELS or
                                                                   self.sentences[m.sentence].turn == s.turn):
                return False  # in a transcript "he" is neither the press asking nor the one speaking
            if agent is not None and m.sentence == index and m.end > agent.start(
                    "agent" if agent.group("agent") else "agent2"):
                return False
            if obj and m.sentence == index and m.first:  # "the judge asked him": not the judge
                return False
            if speaker is not None and quoted and (m.actor == speaker.actor or (
                    plural and side_of(m.actor) is not None and side_of(m.actor) == side_of(speaker.actor) and (
                        m.actor.kind == "country" or m.actor.kind == "organization" and bool(m.roles & STATE_HEADS)))):
                return False  # "they" is not the speaker's own state (a federation or a firm of it may be)
            if speaker is not None and s.turn is not None and plural and self._own_people(m, speaker):
                return False  # in an interview, "they" is not "your soldiers" nor the speaker's compatriots
            if person is True and (not m.person or m.plural):
                return False
            if person is False and (m.person or m.plural):
                return False
            if plural and not (m.plural or m.actor.kind in ("organization", "country", "group")):
                return False
            if gender and m.gender and m.gender != gender:
                return False
            return True
        best = None
        if plural:  # "they": people or a coordination first, then a body or a country
            best = self._salient(lambda m: agrees(m) and m.plural, index, start, prefer_speaker=subject, window=2)
        best = best or self._salient(agrees, index, start, prefer_speaker=subject)
        if gender and not plural and best is not None and best.gender is None:
            # "she" after "Tina Rasmussen said ..." is Tina, not the nearer "Gord Pellerin" whose sex the names
            # table does not know: one who is known to agree, met as recently, first
            known = self._salient(lambda m: agrees(m) and m.gender == gender, index, start, prefer_speaker=subject,
                                  window=3)
            if known is not None and known.sentence >= best.sentence and (
                    known.first or known.speaker or not (best.first or best.speaker)):
                best = known  # not over the subject or speaker of a sentence ("Chidi Okonkwo accused X ... He said")
        if best is None and person and not plural and index <= 1 and not quoted:
            ahead = self._forward_person(gender, index, start)  # a headline's "Now he says it was all for work"
            if ahead is not None:
                return Resolution.of(ahead, resolved_from="(later) " + ahead.name)
        if best is None:
            return Resolution(word)
        if gender and best.gender is None:
            best.gender = gender
        return Resolution.of(best.actor, resolved_from=best.text)

    def _speaks_for_own(self, index: int, start: int) -> bool:
        """Does the quote holding ``start`` speak in the first person ("our water", "they told us")? Its "they" is
        then the other party, not the speaker's own people."""
        s = self.sentences[index]
        region = next(((a, b) for a, b in s.quotes if a < start < b), None)
        return region is not None and bool(_OWN_WORDS.search(s.text[region[0]:region[1]]))

    def _you_in_turn(self, label: str, k: int) -> Resolution | None:
        """Whom "you" means in the transcript turn ``label`` opened at sentence ``k``: the person the turn calls by
        name or post ("Mr. Eze, isn't it true ...", "Councillor, our caller says ..."), else a speaker whose label
        is that post ("CHAIR: Minister, ..." in a hearing where the MINISTER speaks), else whoever answers the turn at
        length next ("Can you explain to this committee ...?"); None: who spoke before."""
        s = self.sentences[k]
        calling = _VOCATIVE.match(s.text[s.body:])
        if calling is not None:
            at = s.body + calling.start(1)
            res = self._resolve_text(calling.group(1), k, at, at + len(calling.group(1)))
            if res.kind == "person" and (res.resolved_from is not None or mention_kind(calling.group(1)) == "named"
                                         and person_name(calling.group(1), self.dictionary) is not None):
                return replace(res, resolved_from=calling.group(1))
            post = calling.group(1).split()[-1].lower()
            named = next((x.turn for x in self.sentences[max(0, k - 6):k + 6] if x.turn not in (None, label) and
                          post in x.turn.lower().split()), None)
            if named is not None:
                return Resolution.of(self._turn_actor(named), resolved_from=named)
        answer = next((x for x in self.sentences[k + 1:k + 6] if x.turn is not None and x.turn != label), None)
        # not a chair's call ("TANIGUCHI: The Prime Minister.") nor a cut-in ("BELL: Can I get in here?"): the one
        # asked answers at length
        if answer is None or len(answer.text[answer.body:].split()) < 6 or answer.turn.lower() in self._PRESS_LABELS:
            return None
        actor = self._turn_actor(answer.turn)
        return Resolution.of(actor, resolved_from=answer.turn) if actor != self._turn_actor(label) else None

    def _turn_at(self, index: int) -> tuple[str, int] | None:
        """The transcript turn sentence ``index`` belongs to: its own label, or the label of the turn it continues
        (a turn's later sentences carry none), with the index of the sentence that opens it."""
        for k in range(index, -1, -1):
            if self.sentences[k].turn is not None:
                return self.sentences[k].turn, k
            if self.sentences[k].headline:
                return None
        return None

    def _spoken_for(self, person: Actor) -> Actor | None:
        """Who a person's "we" is: the body the introduction ties the person to by a role ("Katrin Altmann, a
        spokeswoman for the Munich Public Prosecutor's Office", "Azlan Rahim of the ..."), and on the same side where
        the person has one; else for one whose own title or apposition is a state's post (minister, envoy,
        spokesman) the country; None otherwise, and then "we" stays the person."""
        if person.kind != "person":
            return None
        seen = [m for m in self.mentions if m.actor == person]
        if not seen:
            return None
        first = seen[0]
        side = side_of(person)
        text = self.sentences[first.sentence].text
        for m in self.mentions:  # the body tied to the name: "X, a spokeswoman for Y", "X of Y", "Y's X"
            if m.sentence != first.sentence or m.actor == person or m.person or m.location or \
                    m.actor.kind != "organization" or side is not None and side_of(m.actor) != side:
                continue
            after = m.start >= first.end and _ROLE_LINK.fullmatch(text[first.end:m.start])
            before = m.end <= first.start and re.fullmatch(r"(?:['’]s)?\s+(?:[a-z][\w-]*\s+){0,3}",
                                                           text[m.end:first.start])  # "X department director NAME"
            titled = bool(first.roles & set(re.findall(r"[a-z]+", m.actor.name.lower())))  # PROSECUTOR ALTMANN
            if after or before or titled:
                return m.actor
        country = self.dictionary.by_code(side) if side else None
        after = re.split(r"\b(?:who|whose|which|that|said|says|told)\b", text[first.end:first.end + 60])[0]
        own = " ".join((text[max(0, first.start - 40):first.start], first.text, after))  # its title, apposition
        if country is not None and country.kind == "country" and _STATE_VOICE.search(own):
            return country  # "Peru's foreign minister, Elena Zevallos": the minister's own title, not the sentence's
        return None

    def _forward_person(self, gender: str | None, index: int, start: int) -> Actor | None:
        """The first person of that gender named after a pronoun that opens a story with no one named before it."""
        for j in range(index, min(index + 2, len(self.sentences))):
            s = self.sentences[j]
            offset = start if j == index else s.body
            for m in self._scan_text(s.text[offset:], j, offset):
                if m.actor.kind == "person" and not (gender and m.gender and m.gender != gender):
                    return self._settle(m).actor
        return None

    def _salient(self, fits, index: int, start: int, prefer_speaker: bool, window: int = 8) -> Mention | None:
        """The antecedent: the closest fitting mention in this sentence, else in the latest sentence that has one,
        where a speaker (for a subject pronoun) or the sentence's first mention comes before later ones."""
        same = [m for m in self.mentions if m.sentence == index and fits(m)]
        if same:
            return self._accused(same, index, start) or same[-1]
        for j in range(index - 1, max(-1, index - window), -1):
            found = [m for m in self.mentions if m.sentence == j and fits(m)]
            if not found:
                continue
            if prefer_speaker:
                speakers = [m for m in found if m.speaker]
                if speakers:
                    return speakers[-1]
            firsts = [m for m in found if m.first]
            return firsts[0] if firsts else found[0]
        return None

    def _accused(self, same: Sequence[Mention], index: int, start: int) -> Mention | None:
        """In "Moscow rejected Tallinn's claim that it is jamming the signals", "it" is the one who rejects the
        claim, the sentence's subject, not its nearest actor (who makes the claim). ``_salient`` asks it for every
        antecedent found in the sentence itself, so a role descriptor there ("... claim that the company") reads
        the same way as a pronoun."""
        if len(same) < 2:
            return None
        before = self.sentences[index].text[:start]
        if not _CLAIM_THAT.search(before) or not _REJECTS.search(before):
            return None
        return next((m for m in same if m.first), None)

    def _latest(self, fits, index: int, window: int = 30) -> Mention | None:
        for m in reversed(self.mentions):
            if m.sentence < index - window:
                return None
            if fits(m):
                return m
        return None

    # ---------------------------------------------------------------------------------- affiliation
    def _explicit_side(self, text: str) -> str | None:
        """A country or organisation code named in the text itself (nationality, country, metonym, body)."""
        hits = self.dictionary.find(text)
        if georgia_state(hits, text):
            return "USA"  # "a Georgia sheriff": of the US state
        places = self.dictionary.places(text)
        named = []
        based_at = []  # where the words an "X-based" place or capital describes begin
        for h in within_places(hits, places, text):
            based = _based(text, h.start, h.end)
            if based is not None:
                based_at.append((h.start, based))
            if h.actor.kind == "organization" and h.actor.code:
                named.append((h.start, h.actor.code))  # "a Hezbollah commander", "a Commission spokesman": the body
            elif h.actor.kind in ("country", "organization"):
                named.append((h.start, side_of(h.actor) or h.actor.code))
        found = places or [t for t in towns(text) if text[t[0]:t[1]] not in self.surnames and
                           not self._local_facility_town(text, *t)]
        for a, b, code in found[:1]:  # "the Toronto-based lab", "a Hialeah-based exile group"
            named.append((a, code))
            based = _based(text, a, b)
            if based is not None:
                based_at.append((a, based))
        for a, after in based_at:
            # an "X-based" place says where what follows sits: "the Geneva-based World Health Organization" is the
            # WHO's, "a Toronto-based Iranian activist" Iranian; not a country named later ("a Melbourne-based
            # historian who was detained in Iran")
            if any(p >= after and re.fullmatch(r"\s+(?:[a-z]+\s+)?", text[after:p]) for p, _ in named):
                named = [(len(text) if p == a else p, c) for p, c in named]
        # else the first named: "headquartered in San Francisco and has its European base in Dublin" is American
        return min(named, key=lambda n: n[0])[1] if named else None

    def _local_facility_town(self, text: str, a: int, b: int, code: str) -> bool:
        """Is the town the gazetteer found at [a, b) only the first word of a local facility's name ("Lakeside County
        Referral Hospital" in a Kenyan story) of a country the article names nowhere but in the gazetteer's guesses?
        Then it is no clue: local names of that shape are made of common words everywhere. "Uppsala University" or
        "Kiel Institute" in the same story still say Sweden and Germany."""
        return code != self.home and self.votes[code] <= self.guessed[code] and code not in self.datelined and \
            _based(text, a, b) is None and bool(_LOCAL_FACILITY.match(text[b:]))

    def _colleague_side(self, role: str, index: int) -> str | None:
        """The country of the latest person (in this or the last two sentences) holding a post like ``role``: "the
        foreign minister" right after "Ireland's defence minister" is a member of the same government."""
        for m in reversed(self.mentions):
            if m.sentence < index - 2:
                return None
            if m.person and not m.plural and side_of(m.actor) and any(_compatible_roles(role, r) for r in m.roles):
                return side_of(m.actor)
        return None

    def _spokesperson_side(self, head: str, index: int, start: int, written: str) -> str | None:
        """The side of the body a spokesperson with no stated side speaks for: the body or country that opens this
        sentence or the last, where it is not the story's own ("Uganda's revenue authority rejected the charge. A
        spokeswoman, Grace Namutebi, said ..."). Only a body that spoke or answered counts ("Oman has long passed
        messages", "Russia expelled the diplomats" do not make the next spokesman Omani or Russian), and a post with
        an owner ("The group's spokesman") is the owner's: ``written`` is the span as written."""
        if head not in _SPOKES or re.search(r"['’]s?\s|^\s*(?:his|her|its|their)\b", written, re.I):
            return None  # "The group's spokesman": the group's side, whatever spoke last
        for m in reversed(self.mentions):
            if m.sentence < index - 1:
                return None
            if (m.sentence < index or m.start < start) and m.first and not m.person and not m.location and \
                    m.actor.kind in ("organization", "country") and (m.speaker or _ANSWERED.match(
                        self.sentences[m.sentence].text[m.end:m.end + 80])):
                side = side_of(m.actor) if m.actor.kind == "country" else (m.actor.code or side_of(m.actor))
                return side if side != self.home else None
        return None

    def _sentence_state(self, index: int, start: int) -> str | None:
        """The foreign state speaking earlier in this sentence (a country or its body), whose office a titled
        official named after it holds; None when that state is the article's own (the default anyway)."""
        for m in reversed(self.mentions):
            if m.sentence != index or m.start >= start or not m.speaker or m.location:
                continue
            code = side_of(m.actor)
            country = self.dictionary.by_code(code)
            if country is not None and country.kind == "country" and code != self.home:
                return code
        return None

    def _body_named_in(self, text: str) -> str | None:
        """The code of an earlier body whose initials stand in the text as a modifier ("RSF" in "an RSF commander")."""
        for acronym in re.findall(r"\b[A-Z]{2,6}\b", text):
            found = self._same_body(acronym)
            if found is not None and found.kind == "organization" and (found.code or found.affiliation):
                return found.code or found.affiliation
        return None

    def _post_side(self, s: _Sentence, start: int) -> str | None:
        """The side of a post set off before the name at ``start``: its owner's ("Kessler's Warsaw spokeswoman, Agata
        Wilk," after Kessler was named), else that of a body it names or is "for", "of", "at" or "with" ("A
        spokeswoman for Brandt in Warsaw,"), a listed body's own code ("A Commission spokeswoman,": EC), else a country
        or listed body its words name ("A Hamas official in Beirut,"), else the ministry that just spoke ("A ministry
        spokesman,"); a "whose" post is the body's before it ("Meridian Circuits of Singapore, whose director, Tan
        Wei Ming,"). None where no post stands there."""
        window = max(s.body, start - 80)  # after the dateline
        whose = re.search(r",\s+whose\s+([^,.;“”\"—–]{2,60}),\s*$", s.text[window:start])
        if whose is not None and role_of(head_noun(whose.group(1)).lower()):  # "Meridian Circuits Pte Ltd of
            at = window + whose.start()  # Singapore, whose regional operations director, Tan Wei Ming,": the firm's
            body = self._latest(lambda m: m.sentence == self.index and m.end <= at and at - m.end <= 2 and
                                not m.person and m.actor.kind in ("organization", "country"), self.index, window=0)
            if body is not None:
                return body.actor.code or side_of(body.actor)
        post = _POST_APPOSED.search(s.text[window:start])
        later = post
        while later is not None:  # an owner's post nearer the name: "The AIU charged Kiprotich's former coach, Peter
            later = _POST_APPOSED.search(s.text[window:start], later.start() + 1)  # Mwangi," is Kiprotich's coach
            if later is not None and later.group("owner") and not s.text[window + later.start() - 1].isalnum() and \
                    role_of(head_noun(later.group("post")).lower()) and self._owner_known(later.group("owner")):
                post = later
        if post is not None and (len(post.group("post")) > 50 and not (post.group("lead") or post.group("owner")) or
                                 _NOT_POST_BEFORE.search(s.text[:window + post.start()])):
            post = None  # a long clause is a post only set off as one, and none is after "with" or "after" ("After
            # meeting the Kenyan foreign minister in Nairobi on Monday evening, Abdi Farah," is no post of his)
        if post is not None and post.start() == 0 and not post.group("lead") and window > s.body:
            post = None  # the window opens mid-sentence: what precedes the post is unknown
        if post is None or not role_of(head_noun(post.group("post")).lower()):
            return None
        words, owner = post.group("post"), post.group("owner")
        if owner:
            found = self.dictionary.exact(owner) or self._same_body(owner) or (
                self._same_person(owner) if head_noun(words).lower() not in _LOCAL_COUNSEL else None)  # "Mensah's
            # agent, Kwame Boateng," is on Mensah's side; "Sandhu's lawyer" in a Canadian court is Canadian
        else:
            caps = re.match(rf"(?:{_POST_LEAD})?((?:[A-Z][\w'’.-]*\s)+)", words)
            of = re.search(r"\b(?:for|of|at|with)\s+((?:[A-Z][\w'’.-]*\s?)+)", words)
            found = (self._same_body(caps.group(1).strip()) if caps else None) or (
                self._same_body(of.group(1).strip()) if of else None)
        if found is not None:
            return found.code or side_of(found)
        return None if owner else self._body_named_in(words) or self._explicit_side(words) or \
            self._noun_body_side(words, self.index)

    def _owner_known(self, owner: str) -> bool:
        """Is ``owner`` a listed body, or a body or person the article met before?"""
        return (self.dictionary.exact(owner) or self._same_body(owner) or self._same_person(owner)) is not None

    def _noun_body_side(self, words: str, index: int) -> str | None:
        """ "A ministry spokesman, Gábor Szalai," after "Hungary's foreign ministry rejected the charge": the side of
        the ministry met in this sentence or the last (the latest body of that noun), not the story's home."""
        found = re.findall(r"[a-z]+", words)
        for k, w in enumerate(found):
            if singular(w) in BODY_HEADS and singular(w) not in ("people", "person"):
                qualifier = found[k - 1] if k and found[k - 1] not in ("a", "an", "the", "its", "their") else ""
                body = self._latest(lambda m, w=w: not m.person and singular(w) in m.roles and side_of(m.actor) and
                                    (m.speaker or m.first) and qualifier in m.text.lower(), index, window=1)
                if body is not None:  # (a "defence ministry spokeswoman" is not of the foreign ministry just met)
                    return side_of(body.actor)
        return None

    def _affiliation(self, text: str, index: int, start: int, end: int, official: bool = True) -> str | None:
        """The country or organisation the text ties a person or body to (see the module's docstring)."""
        if _NO_COUNTRY.search(text):
            return None  # "people familiar with the case", "prosecutors in one Nordic country": not said
        name = person_name(text, self.dictionary)
        if _MEP.search(text.split(name)[0] if name else text):
            return "EP"  # "Dutch MEP Lotte Brinkman" sits in the European Parliament, whatever her nationality
        explicit = self._explicit_side(text.replace(name, " ") if name else text)  # "Wellington" is not New Zealand
        if explicit is not None:
            return explicit
        explicit = self._body_named_in(text.replace(name, " ") if name else text)
        if explicit is not None:  # "a former RSF logistics officer" after "the Rapid Support Forces (RSF)"
            return explicit
        s = self.sentences[index]
        pre = re.search(r"\b(?:the|a|an)\s+([^,.;“”\"]{1,40})$", s.text[max(0, start - 45):start])
        if pre is not None and not _ENDS_IN_LINK.search(pre.group(1)):  # "the Singapore-based fund Tessaly
            # Partners", not "a hearing in Brussels with Marek Hudec" (no descriptor of the name)
            explicit = self._explicit_side(pre.group(1))
            if explicit is not None:
                return explicit
        explicit = self._post_side(s, start)
        if explicit is not None:  # "A Hamas official in Beirut, Osama Haddad,"
            return explicit
        based = _BASED_BEFORE.search(s.text[max(0, start - 45):start])
        if based is not None:  # "has sued Rotterdam-based Van der Meulen Logistiek", "owner, Busan-based Daeyang"
            explicit = self._explicit_side(based.group(0))
            if explicit is not None:
                return "USA" if explicit == "GEO" and self.home == "USA" else explicit  # "Georgia-based" in the US
        firm = firm_descriptor(s.text[max(0, start - 50):start])
        if firm is not None:  # "an Indian company, Sunridge Pharma", "Shenzhen-based drone maker Skylark Aerial"
            explicit = self._explicit_side(firm)
            if explicit is not None:
                self.stated.add(clean_surface(text))
                return explicit
        tail = re.match(r"\s*,\s*(?:an?|the)\s+([^,.;]{2,100})", s.text[end:])  # ", a spokesman for the NSC"
        if tail is not None and not _PARENT_OF.match(tail.group(1)):  # (a parent's country is not its unit's)
            explicit = self._explicit_side(tail.group(1))
            if explicit is not None:
                return explicit
            body = self._tail_body(tail.group(1), index, start)
            if body is not None:
                return body
        where = _PLACE_AFTER.match(s.text[end:])
        if where is not None and not _inside(start, s.quotes):  # "A coalition of rights groups in Juba said"
            explicit = self._explicit_side(where.group(1))
            if explicit is not None:
                return explicit
        opening = self._opening_place(index, start)
        if opening is not None and _PLACED_VOICE.search(self.sentences[index].text[:start] + text):
            return opening  # "In Oslo, a foreign ministry spokesman said": Norway's, not the ministry met before
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", text)]
        for w in words:  # "a ministry spokesman", "a department spokesperson": the latest such body
            if singular(w) in BODY_HEADS and singular(w) not in ("people", "person"):
                body = self._latest(lambda m, w=w: not m.person and singular(w) in m.roles and side_of(m.actor),
                                    index)
                if body is not None:
                    return side_of(body.actor)
        pp = re.search(r"\b(?:for|of|at|from|with)\s+(.+)$", text)
        if pp is not None:
            inner = pp.group(1)
            found = self._same_body(clean_surface(inner)) or self._same_person(clean_surface(inner))
            if found is not None and side_of(found):
                return side_of(found)
        if national_body(text) or own_body(text):
            return self.home  # "the National Crime Agency", "the Federal Emergency Management Agency", "the city
            # government": the story's country's own
        if official:
            spoken = self._spokesperson_side(singular(head_noun(text)), index, start, self.sentences[index].text[
                start:end])
            if spoken is not None:
                return spoken
            spk = self._latest(lambda m: m.speaker and side_of(m.actor) is not None, index, window=3)
            if spk is not None and self.home and side_of(spk.actor) != self.home and spk.sentence >= index - 1 and \
                    (s.turn is not None or getattr(self.dictionary.by_code(side_of(spk.actor)), "kind", None) ==
                     "country"):  # (in a report, a body's staff are named as such: those UNMISS accuses are not
                return side_of(spk.actor)  # the UN's; in a body's own briefing its speakers speak for it)
        if not official and _STATE_TITLE.search(text):
            state = self._sentence_state(index, start)
            if state is not None:  # "Venezuela's navy said ..., and Foreign Minister Yván Gil said": Venezuela's
                return state
        if head_noun(text).rstrip("s") in ("peacekeeper", "peacekeeping") and self._un_story(index):
            return "UN"  # "11 peacekeepers" in a story of the UN
        mission = self._mission_side(text, index)
        if mission is not None:
            return mission
        earlier = self._earlier_nationality(text, index, start)
        if earlier is not None:  # "the boat" after "Japan detains South Korean squid boat"
            return earlier
        head = head_noun(_NUMBER_OF.sub("", text))  # "a small number of countries": countries
        if head in _NO_HOME and not (head == "firm" and self._one_country()) or re.match(
                r"^(western|foreign|international|global|other|mainland|overseas|offshore)\b(?!\s+(?:"
                r"minister|ministry|secretary|office|affairs))", text, re.I) or _PRESS_REPORTS.search(text) or \
                _REGION_WIDE.match(text):
            return None  # "rights groups", "Western governments": no country of the story's own
        return self.home

    def _opening_place(self, index: int, start: int) -> str | None:
        """The country of the place a sentence opens with ("In Oslo, a foreign ministry spokesman said ..."), for
        the state's voices after it (``_PLACED_VOICE``: not "In Paris, a team doctor", "In Geneva, a negotiator", whom
        a venue does not place). Only a country other than the story's home."""
        s = self.sentences[index]
        m = re.match(r"\s*(?:(?:Meanwhile|But|And|Back|Elsewhere),?\s+)?[Ii]n\s+((?:[A-Z][\w'’.-]*\s?){1,3}),\s",
                     s.text[s.body:])
        if m is None or s.body + m.end() > start:
            return None
        code = self._explicit_side("in " + m.group(1).strip())
        if code == self.home or getattr(self.dictionary.by_code(code), "kind", None) != "country":
            return None
        return code

    def _earlier_nationality(self, text: str, index: int, start: int) -> str | None:
        """The country whose name or nationality the article last wrote before the same noun ("the trawler" after "a
        Croatian fishing trawler"), for a bare "the X" that no mention resolved: what the writer said it was."""
        m = re.fullmatch(r"\s*(?:[Tt]he\s+)?([a-z]+)\s*", text)
        if m is None:
            return None
        noun = re.compile(r"\b([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+((?:[a-z-]+\s+){0,2})" + re.escape(m.group(1)) + r"\b")
        found = None
        for t in [s.text for s in self.sentences[:index]] + [self.sentences[index].text[:start]]:
            for hit in noun.finditer(t):
                actor = self.dictionary.exact(hit.group(1))
                if actor is None or actor.kind != "country":
                    continue
                if not hit.group(2) and actor.name == hit.group(1) or actor.name != hit.group(1) and \
                        _NATIONALITY.search(hit.group(1)) and not _VERB_BETWEEN.search(" " + hit.group(2)):
                    found = actor.code  # "a Croatian fishing trawler", "Samoa lock Fetu Aiono"; not "Italy seized
                    # the trawler", "Russia expels journalist", "Tehran said the tanker"
        return found

    def _tail_body(self, tail: str, index: int, start: int) -> str | None:
        """The side of the body a person's apposition names by a common noun: "Dana Okafor, a spokeswoman for the
        agency," after "the United Nations refugee agency" is the agency's (UNHCR), not the story's country."""
        m = re.fullmatch(r"(?:[a-z]+\s){1,3}(?:for|of|at)\s+(the\s+[a-z]+)", tail.strip())
        if m is None or role_of(tail.split()[0]) is None:
            return None
        head = m.group(1).split()[-1]
        if head not in BODY_HEADS and head not in _COLLECTIVE_BODIES:
            return None
        found = self._antecedent_by_role(head, False, index, start, m.group(1))
        if found is None or found.person or not (head in found.roles or head in found.actor.name.lower().split() or
                                                 head in self.dictionary.alias_words(found.actor)):
            return None  # "a spokeswoman for the ministry" is not the agency's
        return found.actor.code if found.actor.kind == "organization" and found.actor.code else side_of(found.actor)

    def _one_country(self) -> bool:
        """Does the story name no country but its home? Then a firm it ties to no country is of that one (as the gold
        files code firms); in a story across borders such a firm keeps none."""
        return self.home is not None and set(self.votes) | set(self.datelined) <= {self.home}

    def _tail_side(self, sentence: str, end: int) -> str | None:
        """The country a phrase right after a span gives: "The researchers, from the Toronto-based Northlight Lab,"
        or "The channel, which is registered in Britain,"."""
        m = re.match(r"\s*,\s*(?:(?:from|of|at|with)\s|(?:which|who)\s(?:is|are|was|were)\s(?:based|registered|"
                     r"headquartered)\s(?:in\s)?)([^,.;]{2,80})", sentence[end:])
        return self._explicit_side(m.group(1)) if m else None

    def _un_story(self, index: int) -> bool:
        """The UN or one of its bodies was named lately: "the mission" and "peacekeepers" are then the UN's."""
        return self._latest(lambda m: "UN" in (m.actor.code, m.actor.affiliation), index, window=12) is not None

    def _mission_side(self, text: str, index: int) -> str | None:
        """ "The consulate", "the ambassador" with no country of their own: a foreign mission, so the country of
        the latest embassy, consulate or envoy mentioned (never the article's own country)."""
        if singular(head_word(clean_surface(text)).lower()) not in _MISSIONS:
            return None
        found = self._latest(lambda m: bool(m.roles & _MISSIONS or _MISSIONS & set(m.text.lower().split()))
                             and side_of(m.actor) not in (None, self.home), index, window=12)
        if found is not None:
            return side_of(found.actor)
        if self._un_story(index):
            return "UN"  # "the mission" in a story of the UN, no embassy named: a UN mission
        foreign = [c for c, _ in self.votes.most_common() if c != self.home]
        return foreign[0] if foreign else None  # the foreign country the article speaks of most

    # ---------------------------------------------------------------------------------- scanning
    def _scan(self, index: int) -> list[Mention]:
        s = self.sentences[index]
        return self._scan_text(s.text[s.body:], index, s.body) + self._state_bodies(s.text[s.body:], index, s.body)

    _FUNCTION_WORDS = {"the", "a", "an", "under", "in", "on", "at", "of", "to", "for", "with", "by", "from", "and",
                       "or", "as", "into", "over", "after", "before", "since", "than", "that", "which", "who"}
    _BODY_AFTER = re.compile(r"(?:['’]s?)?\s+((?:[a-z][a-z-]*\s+){0,2}[a-z]+)\b")

    def _state_bodies(self, text: str, index: int, offset: int) -> list[Mention]:
        """A country's body named in passing, "Sudan's army" or "the Chinese coast guard": a later "the army" or
        "the coast guard" is that body, of that country (a claim span names none of these)."""
        out = []
        for h in self.dictionary.find(text):
            if h.actor.kind != "country":
                continue
            m = self._BODY_AFTER.match(text, h.end)
            if m is None:
                continue
            words = m.group(1).split()
            while words and singular(words[-1]) not in BODY_HEADS:
                words.pop()  # "Sudan's army and": up to the body noun
            if any(w in self._FUNCTION_WORDS for w in words):
                continue  # "sold in France under the brand name": no body of France's
            rest = " ".join(words)
            if words and singular(words[-1]) == "government" and len(words) == 1:  # "the Cambodian government": the
                phrase = text[h.start:m.start(1) + len(rest)]  # state, whose "government spokesman" comes later
                out.append(self._mention(phrase, index, offset + h.start, offset + m.start(1) + len(rest), h.actor))
                continue
            if not words or singular(words[-1]) in _GOVERNMENT | {"family", "families", "city", "town", "country",
                                                                  "nation", "state", "people", "person"}:
                continue
            actor = self._belonging(h.actor, rest, None, is_plural_noun(words[-1]), index, offset + h.start,
                                    offset + m.start(1) + len(rest), f"{h.actor.name} {rest}")
            if actor.kind != "organization":
                continue
            phrase = text[h.start:m.start(1) + len(rest)]
            out.append(self._mention(phrase, index, offset + h.start, offset + m.start(1) + len(rest), actor))
        return out

    #: A run of capitalised words (and name particles) that may name a person or body; never from inside a word
    #: ("admiral" is no "al ...", "U.S." no "S.") nor after a prefix of three letters or more ("pro-Kremlin",
    #: "anti-Kremlin"), while "al-Assad", "ex-President Jacob Zuma" and "then-Prime Minister Theresa May" keep theirs.
    _NP = re.compile(rf"(?<![\w.])(?:(?<![a-z]{{3}}-)|(?<=\bthen-))(?:(?:[Tt]he|[Aa]n?)\s+)?"
                     rf"(?:(?:[{_UPPER}][\w.'’\-]*|of|for|and|de|del|van|von|al|bin|da|das|dos|di|du|della|ter)\s+)*"
                     rf"[{_UPPER}][\w.'’\-]*(?:\s*\([A-Z]{{2,8}}\))?")

    _PEOPLE = re.compile(r"\b(?:[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]everal|[Ss]ome|[Mm]any|[Dd]ozens of|\d+)"
                         r"\s+(?:[a-z-]+\s){0,2}?([a-z]+s)\b")

    def _scan_text(self, text: str, index: int, offset: int) -> list[Mention]:
        """The people, bodies and countries named in a stretch of a sentence (not yet added to the history),
        and groups of people counted there ("Three residents"), whom a later "they" may mean."""
        s = self.sentences[index]
        out = []
        for m in self._PEOPLE.finditer(text):
            if role_of(m.group(1)) and m.group(1) != "members" and not _inside(offset + m.start(), s.quotes):
                phrase = m.group(0)
                out.append(self._mention(phrase, index, offset + m.start(), offset + m.end(),
                                         Actor(phrase, "group", None, None)))
        for at, found in self._np_parts(text):
            phrase = found.strip()
            words = phrase.split()
            while words and words[-1] in ("of", "for", "and"):
                words.pop()
            while words and words[0].lower().strip(".,'’") in NOT_NAMES and not (
                    len(words) > 1 and words[0].lower() in ("mr", "mrs", "ms", "dr")) and not opens_name(words):
                words.pop(0)
            if not words:
                continue
            words[-1] = re.sub(r"['’]s$", "", words[-1])  # "Choi's videos": Choi
            if re.fullmatch(r"[A-Za-z][a-z]{3,}\.", words[-1]):
                words[-1] = words[-1][:-1]  # the sentence's full stop ("Questions to the Prime Minister."), not "Inc."
            phrase = " ".join(words)
            st = offset + at + found.find(words[0])
            en = st + len(phrase)
            if _inside(st, s.quotes) and self.dictionary.match(phrase) is None:
                continue
            exact = self.dictionary.exact(phrase)
            if exact is None and (phrase.isupper() and sum(w.isupper() and len(w) > 1 for w in s.text.split()) >= 3
                                  or any(a == 0 and b >= len(phrase.rstrip(".")) for a, b, _ in
                                         self.dictionary.places(phrase)) or self._places_listed(phrase)):
                continue  # a headline in capitals ("IN THE DOCK"), a place ("Silicon Valley"), "Leeds and York"
            name = None if exact is not None else person_name(phrase, self.dictionary)
            if exact is not None:
                actor = exact
            elif name is not None and not self._looks_like_body(phrase) and (
                    not named_as_body(left := s.text[max(0, st - 50):st], s.text[en:en + 12])
                    or owner_named(left, name)) and not firm_apposed(left, name) and (
                    titled(phrase) or first_name_sex(name) is not None or apposed_body(s.text[en:en + 100]) is None
                    and not _BODY_POST_AFTER.match(s.text[en:])):
                # ("Steppe Copper's chief executive, Yerlan Abenov": a name whose posts are a firm's is a body)
                before = s.text[max(0, st - 30):st].split()
                if len(name.split()) == 1 and not titled(phrase) and self._same_person(name) is None and not (
                        before and (before[-1].lower().strip(".") in TITLES or role_of(before[-1]))):
                    continue
                if before and before[-1].lower() in ("of", "in", "at", "from", "near", "to", "outside", "across",
                                                     "around", "into") and not titled(phrase):
                    continue  # "the mayor of Viña del Mar", "in Des Moines": a place
                if before and before[-1].lower() == "the" and not titled(phrase) and first_name_sex(name) is None \
                        and re.match(r"\s+[a-z]+\b(?<!said)(?<!says)", s.text[en:]) and len(name.split()) > 1:
                    continue  # "the Pine Ridge landfill", "the Silver Creek estate": a name used as a modifier
                actor = Actor(name, "person")
            elif looks_like_place(phrase) or re.match(r"\s+(?:region|province|district|oblast|prefecture|"
                                                      r"governorate)\b", s.text[en:]) and not self._looks_like_body(
                    phrase):
                continue  # "the Rio Doce", "Sao Paulo-listed", "in Belo Horizonte", "Kazakhstan's Karaganda region":
                # never an antecedent
            elif len(words) >= 2 or re.fullmatch(r"[A-Z]{2,6}", phrase) or name is not None:
                actor = Actor(re.sub(r"\s*\([^)]*\)$", "", phrase), "organization")
            else:
                hit = self.dictionary.match(phrase)
                if hit is None:
                    continue
                actor = hit
            mention = self._mention(phrase, index, st, en, actor)
            # a role just before the name: "Kremlin spokesman Dmitry Arkhipov", ", a spokesman for the NSC"
            before = s.text[max(0, st - 60):st]
            after = s.text[en:en + 80]
            extra = roles_of(_title_before(s.text, st)) | self._roles_before(s.text, st) \
                if actor.kind != "country" else frozenset()
            appo = re.match(r"\s*,\s*(?:an?|the)\s+([^,.;]{2,80})", after)
            if appo is not None and actor.kind != "country" and not _clause_follows(appo.group(1)):
                extra |= roles_of(appo.group(1).split(" for ")[0].split(" of ")[0])
            if actor.kind == "organization":
                extra |= trades_said(s.text, st, en)
            mention.roles = mention.roles | extra
            mention.gender = mention.gender or gender_of(" ".join(before.split()[-2:]))
            out.append(mention)
        return out

    _HONORIFIC = re.compile(r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Capt|Prof|Rev|Sir|Dame|Lord|Lady)\.?")

    def _np_parts(self, text: str) -> list[tuple[int, str]]:
        """The capitalised runs of ``text`` (start, run), a run cut before an "and" that opens a titled person ("the
        Riverside Police Department and Councilman Tom Esposito") or two people by their given names ("Paul Imhof and
        Lena Vogt"), while "Marks and Spencer" stays one."""
        out = []
        for m in self._NP.finditer(text):
            run, at = m.group(0), m.start()
            for cut in re.finditer(r"\s+and\s+", run):
                rest = run[cut.end():]
                words = rest.split()
                left = run[:cut.start()].split()
                two_people = len(left) == 2 and len(words) >= 2 and first_name_sex(" ".join(left)) is not None and \
                    first_name_sex(rest) is not None and self._surname_alone(left[-1], words[-1])
                # "Paul Imhof and Lena Vogt ... Vogt said": two people; not "Paul Weiss and Davis Polk", law firms
                if left and not self._HONORIFIC.fullmatch(left[-1]) and (
                        len(words) > 2 and role_of(words[0]) == words[0].lower() or
                        len(words) > 1 and self._HONORIFIC.fullmatch(words[0]) or two_people) and \
                        person_name(rest, self.dictionary) is not None:
                    out.append((at, run[:cut.start()]))
                    run, at = rest, at + cut.end()
                    break
            out.append((at, run))
        return out

    def _surname_alone(self, *surnames: str) -> bool:
        """Does the article use one of these surnames without a given name before it ("Vogt said", "Ms Vogt"), as
        it does of people and not of firms named after them?"""
        for name in surnames:
            for s in self.sentences:
                for m in re.finditer(rf"\b{re.escape(name)}\b", s.text):
                    before = s.text[:m.start()].split()
                    if not before or not before[-1][:1].isupper() or self._HONORIFIC.fullmatch(before[-1]) or \
                            before[-1].endswith((".", ",", ":")):
                        return True
        return False

    def _places_listed(self, phrase: str) -> bool:
        """Places listed together ("Manchester and Birmingham", "Leeds, York"): each a town or a region."""
        parts = [p.strip().rstrip(".") for p in re.split(r",\s*|\s+and\s+", phrase) if p.strip()]
        return len(parts) > 1 and all(looks_like_place(p) or any(
            a == 0 and b >= len(p) for a, b, _ in self.dictionary.places(p)) or p in town_countries() or
            p in _CONTINENTS or getattr(self.dictionary.exact(p), "kind", None) == "country" for p in parts)

    @staticmethod
    def _roles_before(sentence: str, start: int) -> frozenset[str]:
        """A role given just before a name: "The mayor of Viña del Mar, Rodrigo Saavedra" -> mayor."""
        m = re.search(r"(?:^|[.;]\s|\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s)"
                      r"([a-z][\w\s-]{0,30}?)\s(?:of|for|to|at)\s[^,]{1,50},\s*$", sentence[max(0, start - 90):start])
        if m is None:  # "a group called Parents for Honest Schools"
            m = re.search(rf"\b(?:[Tt]he|[Aa]n?)\s+((?:[a-z-]+\s){{0,2}}[a-z-]+)\s+{_NAMING}\s+$",
                          sentence[max(0, start - 60):start])
        if m is None:  # "The charity, Aegean Watch", "Park's lawyer, Kim Hye-won"
            m = re.search(r"(?:\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er)|\b[A-Z][\w-]*['’]s)\s+"
                          r"((?:[a-z-]+\s){0,2}[A-Za-z][a-z-]+),\s*$", sentence[max(0, start - 50):start])
        return roles_of(m.group(1)) if m else frozenset()

    def _settle(self, m: Mention) -> Mention | None:
        """Resolve a scanned mention against the history before it is added (an earlier person or body)."""
        if m.actor.kind == "group":
            m.actor = replace(m.actor, affiliation=self._affiliation(m.text, m.sentence, m.start, m.end))
            return m
        if m.actor.kind == "person":
            found = self._same_person(m.actor.name)
            if found is not None:
                m.actor = found
            else:
                s = self.sentences[m.sentence]
                before = s.text[max(s.body, m.start - 60):m.start]  # not the dateline ("VIENNA - A Nigerian")
                tied = before.split(",")[-1]
                if _ENDS_IN_LINK.search(tied) and not _BELONGING_LINK.search(tied):
                    tied = ""  # "a hearing in Brussels with Marek Hudec": where he was heard, not whose he is
                near = self._describing(tied)  # "rejected a proposal from EU envoy Henrik Dalgaard": EU's
                if near != tied and self._explicit_side(near):
                    tied = near
                post = post_before(before)  # "Ireland's defence minister, Seán O'Rourke": the post's country
                if post is not None and role_of(post.group(1).split()[-1]):
                    tied = post.group(1)
                    m.roles = m.roles | roles_of(tied)
                stated = self._explicit_side(self._describing(tied) + " " + m.text)
                of_body = _MEMBER_OF.match(s.text[m.end:]) if not stated else None
                member = self._explicit_side(of_body.group(1)) if of_body is not None else None
                m.actor = replace(m.actor, affiliation=member or (None if stated else self._clause_side(s.text, m.end)) or
                                  self._affiliation(tied + " " + m.text, m.sentence, m.start, m.end, official=False))
            return m
        if m.actor.code is None:
            found = self._same_body(m.actor.name)
            if found is not None:
                m.actor = found
            else:
                m.actor = self._body(m.actor.name, m.sentence, m.start, m.end)
        return m


@dataclass(frozen=True)
class ClaimActors:
    """The resolutions of one claim's source and target (None where the claim has no such span and no
    speaker carries over to it)."""

    source: Resolution | None
    target: Resolution | None


def resolve_claims(sentences: Sequence[tuple[str, Sequence[Claim]]], dictionary: ActorDictionary, *,
                   evidence: list[dict] | None = None) -> list[list[ClaimActors]]:
    """Resolve every claim's source and target in one article: ``sentences`` in reading order, each its text
    and its claims; one ``ClaimActors`` per claim back.

    A claim with no source span inside a quote or a transcript turn takes the quote's speaker, carried over
    from the attribution ("...," he said) or from the paragraph that opened the quote; its
    ``resolved_from`` says so and the row keeps no source text. Each resolution carries its ``confidence``;
    ``evidence``, a list, receives the signals it was computed from (one dict per resolution: sentence, claim,
    role, signals), for fitting ``scoring.reliability`` on gold articles.
    """
    resolver = ArticleResolver(dictionary)
    resolver.read([text for text, _ in sentences])
    out = []
    for i, (_, claims) in enumerate(sentences):
        given = sorted({(sp.start, sp.end) for c in claims for sp in (c.source, c.target) if sp is not None})
        at = {span: k for k, span in enumerate(given)}
        sources = {at[(c.target.start, c.target.end)]: at[(c.source.start, c.source.end)] for c in claims
                   if c.source is not None and c.target is not None and c.type != "denial"}  # one may deny of oneself
        resolved = dict(zip(given, resolver.resolve_sentence(i, given, sources)))
        row = []
        for c in claims:
            src = resolved[(c.source.start, c.source.end)] if c.source else resolver.carried_speaker(i)
            tgt = resolved[(c.target.start, c.target.end)] if c.target else None
            row.append(ClaimActors(src, tgt))
        out.append(row)
    _headline_from_lead(resolver, sentences, out)
    return [[ClaimActors(_rated(resolver, i, k, claim.source, resolver.latest(c.source), "source", evidence),
                         _rated(resolver, i, k, claim.target, resolver.latest(c.target), "target", evidence))
             for k, (claim, c) in enumerate(zip(claims, row))]
            for i, ((_, claims), row) in enumerate(zip(sentences, out))]


def _headline_from_lead(resolver: ArticleResolver, sentences: Sequence[tuple[str, Sequence[Claim]]],
                        out: list[list[ClaimActors]]) -> None:
    """A headline's descriptor that no mention explains ("Tokyo talent agency slammed over cover-up", "Pop diva
    quits festival") is the actor in the same part of the same kind of claim in the lead below it, where the lead
    names one: headlines retell the story's first claim. ``out`` is changed in place."""
    if not out or not resolver.sentences or not resolver.sentences[0].headline:
        return
    lead = [(i, c, r) for i in range(1, min(len(sentences), 4)) for c, r in zip(sentences[i][1], out[i])]
    for k, claim in enumerate(sentences[0][1]):
        for role in ("source", "target"):
            span, res = getattr(claim, role), getattr(out[0][k], role)
            if span is None or res is None or not _unexplained(span.text, res):
                continue
            other = getattr(out[0][k], "target" if role == "source" else "source")
            head = head_word(clean_surface(span.text)).lower().strip(".,'’")
            person, plural = role_of(head) is not None, is_plural_noun(head)
            stated = resolver._explicit_side(span.text)
            same = _SAME_KIND.get(head)
            for i, c, r in lead:
                found, there = getattr(r, role), getattr(c, role)
                if c.type != claim.type or found is None or there is None:
                    continue
                mismatch = (other is not None and found.actor == other.actor) or \
                    (stated is not None and side_of(found.to_actor()) != stated) or \
                    (same is not None and not re.search(same, f"{found.actor} {there.text}", re.I))
                if _unexplained(there.text, found):
                    lead_head = head_word(clean_surface(there.text)).lower().strip(".,'’")
                    if (role_of(lead_head) is not None) == person and is_plural_noun(lead_head) == plural and \
                            not mismatch and not re.search(r"\bof\s+(?:them|us|those|these)\b", there.text, re.I) and \
                            (person or lead_head == head or _compatible_roles(head, lead_head)):
                        # the lead brings in its own unnamed one ("A nurse who raised concerns"): the headline's
                        # whistleblower is the nurse, whom no name gives, not a minister named after her
                        out[0][k] = replace(out[0][k], **{role: replace(found, resolved_from="(later) " + there.text)})
                        break
                    continue
                if found.members or found.kind in ("other", "country") or (found.kind == "group") != plural or \
                        (found.kind == "person") != (person and not plural) or mismatch:
                    continue  # "Bus drivers' union denies ..." is no bus operator the lead names
                out[0][k] = replace(out[0][k], **{role: replace(found, resolved_from="(later) " + there.text)})
                break


#: Headline nouns of one kind of body, and the words a body of that kind is named with.
_SAME_KIND = {"union": r"\b(?:union|association|federation|workers|guild|syndicate|congress|confederation)\b",
              "council": r"\bcouncil", "court": r"\b(?:court|tribunal|judge)", "party": r"\bparty\b",
              "police": r"\b(?:police|garda|constabulary|gendarmerie)", "ministry": r"\b(?:ministry|department)",
              "hospital": r"\b(?:hospital|health|clinic|infirmary)", "university": r"\b(?:university|college)",
              "school": r"\b(?:school|academy|college)", "club": r"\b(?:club|fc|united|city|rovers|athletic)",
              "bank": r"\bbank"}


def _unexplained(text: str, res: Resolution) -> bool:
    """A descriptor resolved to nothing but its own words ("software vendor" -> "software vendor")."""
    return mention_kind(text) == "descriptor" and res.resolved_from is None and res.code is None and \
        not res.members and res.actor.lower() in clean_surface(text).lower()


def _rated(resolver: ArticleResolver, index: int, k: int, span: Span | None, res: Resolution | None, role: str,
           evidence: list[dict] | None) -> Resolution | None:
    """The resolution with its confidence (``scoring.reliability``); its signals appended to ``evidence``."""
    if res is None:
        return None
    x = reliability.evidence(resolver, index, span.text if span is not None else None, res, role)
    if evidence is not None:
        evidence.append({"sentence": index, "claim": k, "role": role, "signals": x})
    return replace(res, confidence=round(reliability.confidence(x), 3))


def with_actors(sentences: Sequence[Sentence], resolved: Sequence[Sequence[ClaimActors]]) -> list[Sentence]:
    """The sentences with each claim's resolved actors (``resolve_claims``) on its source and target spans."""
    out = []
    for s, actors in zip(sentences, resolved):
        claims = [Claim(c.type, replace(c.source, actor=a.source.to_actor()) if c.source else None,
                        replace(c.target, actor=a.target.to_actor()) if c.target else None, c.score)
                  for c, a in zip(s.claims, actors)]
        out.append(replace(s, claims=claims))
    return out


def resolve_article(sentences: Sequence[Sentence], dictionary: ActorDictionary) -> list[Sentence]:
    """An article's sentences (in reading order) with an actor on every claim's source and target span."""
    return with_actors(sentences, resolve_claims([(s.text, s.claims) for s in sentences], dictionary))


__all__ = ["ArticleResolver", "Resolution", "ClaimActors", "Mention", "MEMBER_SEPARATOR", "resolve_claims",
           "resolve_article", "with_actors", "side_of",
           "clean_surface", "is_boilerplate", "dateline", "quote_regions", "is_speaker", "transcript_speaker",
           "expand_to_words", "split_coordination", "possessor", "person_name", "gender_of", "roles_of"]
