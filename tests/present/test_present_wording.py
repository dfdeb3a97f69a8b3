"""The counts the status bar and the Slogans tab read from one rule; the matching settings
a pair was compared with, beside its collection's."""

from __future__ import annotations

from viewer.core.settings import Settings
from viewer.present.wording import SloganTally, settings_apart, slogan_tally


def test_the_slogans_found_and_the_watched_phrases_found_in_neither_read_alike() -> None:
    tally = SloganTally(found=7, watched=2)
    assert tally.status == "7 slogans (+2 watched, not found)"
    assert tally.tab == "Slogans (7 +2 watched)"
    assert tally.short_tab == "Slogans (7 +2)"  # a narrow panel's
    assert tally.tip == ("7 slogans used by A or B; 2 watch-list phrases used by neither, "
                         "listed too")
    one = SloganTally(found=1, watched=0)
    assert (one.status, one.tab, one.tip) == ("1 slogan", "Slogans (1)",
                                              "1 slogan used by A or B")
    assert one.short_tab == "Slogans (1)"
    assert slogan_tally(None) == SloganTally(0, 0)


def test_only_the_matching_settings_apart_from_the_collections_are_named() -> None:
    listed = Settings()
    assert settings_apart(listed, listed) == ""
    # Slogans and themes are found afresh for the pair: they change no passage.
    assert settings_apart(Settings(max_slogans=3, theme_min_score=0.5), listed) == ""
    assert settings_apart(Settings(rarity_margin=45.5, ignore_stop_words=False), listed) == (
        "Passages may differ from the collection's: your Ignore common words off (not on), "
        "Rarity margin 45.5 (not 30)")
