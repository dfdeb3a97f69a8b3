"""Translations of one Chinese formulation: a compound rendered whole or character by
character, found through CC-CEDICT."""

import pytest

from viewer.core.translations import (
    GLOSSARY_FILE,
    DictionaryMissing,
    dictionary_glossary,
    dictionary_path,
    glossary,
    join_translated,
    load_glossary,
    one_compound,
    read_glossary,
    translated_as,
    translation_shape,
    write_glossary,
)

#: Real CC-CEDICT lines (traditional simplified [pinyin] /glosses/), a name among them.
EXCERPT = """\
# a comment line
強國 强国 [qiang2 guo2] /powerful country/great power/
強國 强国 [Qiang2 guo2] /(ironically) mainland China (Taiwan & Hong Kong usage)/
大國 大国 [da4 guo2] /a power (i.e. a dominant country)/
強 强 [qiang2] /strong/powerful/better/slightly more than/vigorous/violent/
國 国 [Guo2] /surname Guo/
國 国 [guo2] /country; nation; state (CL:個|个[ge4])/(bound form) national/
網絡 网络 [wang3 luo4] /network (computing, telecommunications, transport etc)/
名 名 [ming2] /name/noun (part of speech)/place (e.g. among winners)/famous/
"""


def test_the_glossary_reads_words_glossed_alone_and_heads_of_two_word_glosses():
    glossary = read_glossary(EXCERPT.splitlines())
    assert glossary.literal["strong"] == ("强",)
    assert glossary.literal["country"] == ("国",)
    assert set(glossary.whole["power"]) == {"强国", "大国"}  # "great power", "a power (...)"
    assert glossary.literal["power"] == ("大国",)  # "a power": the article is no meaning
    assert "network" in glossary.literal  # the aside in parentheses is not part of it
    # A character translated literally is read in its first sense: 名 is "name", and only
    # as a whole word "place".
    assert glossary.literal["name"] == ("名",) and "place" not in glossary.literal
    assert glossary.whole["place"] == ("名",)
    # Names are not translated by their meaning: no "china" from the Taiwanese usage.
    assert "china" not in glossary.whole and "guo" not in glossary.whole


def test_one_word_translates_a_compound_that_two_words_translate_in_order():
    glossary = read_glossary(EXCERPT.splitlines())
    assert one_compound("power", ("strong", "country"), glossary) == "强国"
    assert one_compound("power", ("country", "strong"), glossary) is None
    assert one_compound("power", ("strong", "network"), glossary) is None


def test_the_shape_is_one_word_against_two_once_shared_words_are_out():
    assert translation_shape(["network", "power"], ["strong", "network", "country"]) == (
        "power", ("strong", "country"))
    # Shared by stem: "promote" and "promotion" are one word, leaving one against none.
    assert translation_shape(["promote", "chinese", "style"], ["promotion", "chinese"]) is None
    assert translation_shape(["digital", "economy"], ["green", "transition", "plan"]) is None


def test_the_shipped_glossary_is_the_installed_dictionarys(tmp_path):
    # Redraw it with packaging/make_glossary.py when this fails.
    redrawn = tmp_path / "glossary.json.gz"
    write_glossary(dictionary_glossary(), redrawn)
    assert redrawn.read_bytes() == GLOSSARY_FILE.read_bytes()
    assert load_glossary(redrawn) == glossary()


def test_a_missing_glossary_is_named(tmp_path):
    with pytest.raises(DictionaryMissing, match="glossary.json.gz is missing"):
        load_glossary(tmp_path / "glossary.json.gz")


def test_the_shipped_dictionary_joins_network_power_and_strong_network_country():
    assert dictionary_path().is_file()
    assert translated_as(["network", "power"], ["strong", "network", "country"]) == "强国"
    assert translated_as(["network", "power"], ["network", "security", "law"]) is None


def test_groups_of_translations_are_joined_into_the_first():
    groups = [["cyber power", "network power"], ["network security"],
              ["strong network country", "strong cyber country"]]
    joined = join_translated(groups, str.split)
    assert joined == [["cyber power", "network power", "strong network country",
                       "strong cyber country"], ["network security"]]


def test_no_group_joins_two_meanings_through_different_forms():
    # "cyber power" ~ "strong cyber country" (强国) and "network power" ~ "big network
    # country" (大国) are links of the first group through two of its forms.
    groups = [["network power", "cyber power"], ["strong cyber country"],
              ["big network country"]]
    joined = join_translated(groups, str.split)
    assert len(joined) == 2  # one of the two joins, not both
    assert not any({"strong cyber country", "big network country"} <= set(g) for g in joined)


def test_plurals_are_looked_up_in_the_singular():
    assert translated_as(["network", "powers"], ["strong", "network", "countries"]) == "强国"


def test_a_form_that_would_join_two_meanings_joins_none():
    # "power" is both 强国 and 大国, and these two are different formulations (a big
    # network country is what a strong one grows from).
    groups = [["network power"], ["strong network country"], ["big network country"]]
    assert join_translated(groups, str.split) == groups


def test_the_dictionary_is_read_only_once_two_forms_have_the_shape():
    # In a fresh process: comparing texts without such forms leaves it unread (half a
    # second and 20 MB), and the texts of the slogan test read it.
    import subprocess
    import sys
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[2])
    code = ("from viewer.core import translations as t; from viewer.core.compare import compare; "
            "from viewer.core.document import Document as D; "
            "compare(D('Tidal reform is slow. Tidal reform waits. Rain.', 'a'), "
            "D('Ports praise tidal reform. Tidal reform again. Sun.', 'b')); "
            "print(t._glossary is None, end=' '); "
            "compare(D('A network power. The network power plan.', 'a'), "
            "D('A strong network country. Each strong network country.', 'b')); "
            "print(t._glossary is None)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={"PYTHONPATH": root, "PATH": ""}).stdout
    assert out.strip() == "True False"
