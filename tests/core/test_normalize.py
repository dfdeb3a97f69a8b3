"""Match keys: two spellings of one word share a key; the batch path equals one at a time."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from viewer.core.normalize import Normalizer, plain_key


def test_width_case_apostrophes_and_possessives_fold_away() -> None:
    assert plain_key("ＤＩＧＩＴＡＬ") == plain_key("digital") == "digital"
    assert plain_key("Jinping’s") == plain_key("Jinping's") == "jinping"
    assert plain_key("nations'") == "nations"
    assert plain_key("Straße") == plain_key("STRASSE")


def test_case_sensitive_keeps_case_and_stemming_joins_forms() -> None:
    assert Normalizer(case_sensitive=True).key("Digital") != Normalizer(
        case_sensitive=True).key("digital")
    stemmer = Normalizer(stemming=True)
    assert stemmer.key("nations") == stemmer.key("nation")
    assert stemmer.key("2024") == "2024"  # not a word: left as it is


@given(st.lists(st.text(alphabet=st.characters(blacklist_characters="\n"), max_size=8),
                max_size=12))
def test_many_at_once_equals_one_at_a_time(words: list[str]) -> None:
    batch = Normalizer(stemming=True).keys(words)
    single = [Normalizer(stemming=True).keys([w])[0] for w in words]
    assert batch == single


def test_traditional_and_simplified_characters_share_a_key() -> None:
    assert plain_key("國") == plain_key("国") == "国"
    assert Normalizer(case_sensitive=True).keys(["黨", "党", "Party"]) == ["党", "党", "Party"]
