"""The counts the status bar and the Slogans tab read from one rule."""

from __future__ import annotations

from viewer.present.wording import SloganTally, slogan_tally


def test_the_slogans_found_and_the_watched_phrases_found_in_neither_read_alike() -> None:
    tally = SloganTally(found=7, watched=2)
    assert tally.status == "7 slogans (+2 watched, not found)"
    assert tally.tab == "Slogans (7 +2 watched)"
    assert tally.tip == ("7 slogans used by A or B; 2 watch-list phrases used by neither, "
                         "listed too")
    one = SloganTally(found=1, watched=0)
    assert (one.status, one.tab, one.tip) == ("1 slogan", "Slogans (1)",
                                              "1 slogan used by A or B")
    assert slogan_tally(None) == SloganTally(0, 0)
