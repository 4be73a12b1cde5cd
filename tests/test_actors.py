"""Actor dictionary lookups and article-level pronoun/descriptor resolution."""
from __future__ import annotations

import pytest

from claimcoder.data import DataError
from claimcoder.data.actor_dictionary import ActorDictionary, read_actor_file
from claimcoder.scoring.actors import ArticleResolver, reference_kind

TSV = ("# test dictionary\nactor\tcode\tkind\taliases\n"
       "Russia\tRUS\tcountry\tRussian Federation|Russian|Russians|Moscow|Kremlin\n"
       "United States\tUSA\tcountry\tUS|U.S.|America|American|Washington|White House|Pentagon\n"
       "United Nations\tUN\torganization\tUN|U.N.|UN Security Council\n")


@pytest.fixture
def dictionary(tmp_path):
    path = tmp_path / "actors.tsv"
    path.write_text(TSV, encoding="utf-8")
    return ActorDictionary.load([path], bundled=False)


@pytest.mark.parametrize("text, actor", [
    ("the Kremlin", "Russia"), ("Moscow", "Russia"), ("Russian officials", "Russia"),
    ("Russia's defence ministry", "Russia"), ("The Russians", "Russia"), ("the Pentagon", "United States"),
    ("U.S. Defense Secretary Ash Carter", "United States"), ("the U.N. Security Council", "United Nations"),
    ("Washington.", "United States"),
])
def test_lookup(dictionary, text, actor):
    assert dictionary.match(text).name == actor


def test_short_acronyms_need_capitals_and_whole_words(dictionary):
    assert dictionary.match("told us") is None
    assert dictionary.match("the bus company") is None
    assert dictionary.match("a senior defense official") is None


def test_user_file_overrides(tmp_path, dictionary):
    extra = tmp_path / "mine.tsv"
    extra.write_text("actor\tcode\tkind\taliases\nKremlin press office\tKPO\torg\tKremlin\n", encoding="utf-8")
    d = ActorDictionary.load([tmp_path / "actors.tsv", extra], bundled=False)
    assert d.match("the Kremlin").code == "KPO" and d.match("Moscow").code == "RUS"


def test_bad_dictionary_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("actor\tcode\tkind\taliases\nRussia\tRUS\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"bad.tsv:2: \(row\): expected 4"):
        read_actor_file(bad)
    bad.write_text("name\tcode\n")
    with pytest.raises(DataError, match="expected columns"):
        read_actor_file(bad)


def test_reference_kinds():
    assert reference_kind("he") == "person" and reference_kind("They") == "group"
    assert reference_kind("the ministry") == "descriptor" and reference_kind("The spokesman") == "descriptor"
    assert reference_kind("the Russian ministry") is None and reference_kind("Ash Carter") is None


def test_pronouns_and_descriptors_resolve_to_earlier_mentions(dictionary):
    r = ArticleResolver(dictionary)
    assert r.resolve("Defense Secretary Ash Carter").actor == "Defense Secretary Ash Carter"
    assert r.resolve("Russia's defence ministry").code == "RUS"
    he = r.resolve("he")
    assert he.actor == "Defense Secretary Ash Carter" and he.resolved_from == "Defense Secretary Ash Carter"
    ministry = r.resolve("the ministry")
    assert ministry.actor == "Russia" and ministry.resolved_from == "Russia's defence ministry"
    assert r.resolve("it").actor == "Russia"
    fresh = ArticleResolver(dictionary)
    assert fresh.resolve("she").actor == "she"  # nothing earlier in this article: kept as written


def test_bundled_dictionary_covers_countries_and_metonyms():
    d = ActorDictionary.load()
    assert len(d) > 200
    for text, code in [("the Kremlin", "RUS"), ("Downing Street", "GBR"), ("Beijing", "CHN"), ("the White House", "USA"),
                       ("Kenyan police", "KEN"), ("NATO", "NATO")]:
        hit = d.match(text)
        assert hit is not None and hit.code == code, (text, hit)


def test_indefinite_possessive_and_person_mentions(dictionary):
    r = ArticleResolver(dictionary)
    assert r.resolve("Russian Foreign Minister Olga Petrova").code == "RUS"  # a person, of Russia
    assert r.resolve("the Pentagon").code == "USA"
    she = r.resolve("she")  # the latest *person*, not the latest mention
    assert she.code == "RUS" and she.resolved_from == "Russian Foreign Minister Olga Petrova"
    assert r.resolve("her ministry").code == "RUS"  # through "her"
    assert r.resolve("a senior defense official").actor == "senior defense official"  # someone new
    assert r.resolve("the commission").actor == "commission"  # nothing earlier to point to
    assert reference_kind("a senior official") is None and reference_kind("her ministry") == "possessive"


def test_people_named_in_claim_free_sentences_are_antecedents(dictionary):
    from claimcoder.scoring.actors import person_names

    assert person_names("Foreign Minister Rasa Kudirkaite said the jets had crossed.") == ["Foreign Minister Rasa Kudirkaite"]
    assert person_names("The Interior Ministry and the White House said so.") == []
    r = ArticleResolver(dictionary)
    r.resolve("Russia's ambassador")
    r.observe("Foreign Minister Rasa Kudirkaite said the jets had crossed.")
    she = r.resolve("she")
    assert she.actor == "Foreign Minister Rasa Kudirkaite" and she.resolved_from == "Foreign Minister Rasa Kudirkaite"
    assert ArticleResolver(dictionary).resolve("he").actor == "he"  # no person yet: not some country instead


def test_pronouns_skip_unnamed_mentions(dictionary):
    r = ArticleResolver(dictionary)
    r.resolve("the Kremlin")
    r.resolve("the team")
    r.resolve("26")
    it = r.resolve("it")
    assert it.code == "RUS" and it.resolved_from == "the Kremlin"
