"""The one declaration of the settings: every field declared, values checked by type and range."""

from __future__ import annotations

import math

import pytest

from viewer.core.settings import BY_NAME, DECLARED, SettingError, Settings


def test_every_setting_is_declared_with_its_default() -> None:
    defaults = Settings()
    for declared in DECLARED:
        assert declared.default == getattr(defaults, declared.name)
        assert declared.label and declared.help
        if declared.minimum is not None:
            assert declared.minimum <= declared.default <= (declared.maximum or math.inf)


def test_round_trip_through_plain_values() -> None:
    settings = Settings(min_words=7, stemming=True, rarity_margin=12.5, watchlist=("a b",))
    assert Settings.from_dict(settings.to_dict()) == settings


@pytest.mark.parametrize(("name", "value"), [
    ("rarity_margin", "x"), ("max_slogans", "lots"), ("slogan_min_words", "2"),
    ("min_words", 0), ("min_words", 2.5), ("min_words", True), ("stemming", "yes"),
    ("theme_min_score", 1.5), ("theme_min_score", math.nan), ("watchlist", "ferry timetable"),
    ("watchlist", [1, 2]), ("max_themes", None),
])
def test_wrong_type_or_range_is_refused_naming_the_setting(name: str, value: object) -> None:
    with pytest.raises(SettingError) as raised:
        Settings.from_dict({name: value})
    assert name in str(raised.value)


def test_slogan_bounds_are_checked_together() -> None:
    with pytest.raises(SettingError, match="slogan_min_words"):
        Settings.from_dict({"slogan_min_words": 6, "slogan_max_words": 3})


def test_ints_are_accepted_for_floats_and_unknown_keys_ignored() -> None:
    settings = Settings.from_dict({"rarity_margin": 20, "old_knob": 1})
    assert settings.rarity_margin == 20.0 and isinstance(settings.rarity_margin, float)
    assert BY_NAME["rarity_margin"].flag == "--rarity-margin"


def test_a_non_mapping_is_refused() -> None:
    with pytest.raises(SettingError):
        Settings.from_dict(["min_words", 5])  # type: ignore[arg-type]
