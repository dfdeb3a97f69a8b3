"""Counts as the reader reads them: "1 pair", "2 pairs", "1,204 articles"; an article
listed by its date and title; a first appearance among articles some of which are
undated; a file the window cannot open as a collection store; the
lines a chart's legend names; a comparison's slogans, as the status bar and the Slogans tab
count them alike; the watch-list's lines not watched; the matching settings a pair was
compared with, beside a collection's; what a comparison's list says when it has no rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from viewer.core.model import Comparison
from viewer.core.settings import DECLARED, Settings
from viewer.core.slogans import PassedOver


def counted(count: int, noun: str) -> str:
    """`count` with thousands separated and `noun` (given in the singular, made plural with
    an "s") agreeing with it."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


#: What a comparison's list says when it has no rows, in the window and the reports alike.
NO_SHARED_PHRASES = "No shared phrases at these settings."
NO_SLOGANS = "No slogans at these settings."
NO_THEMES = "No theme overlap at these settings."


#: The most lines a timeline's legend names, in the order they were selected: 8 names read
#: at a glance and leave the plot in view; more are drawn (grey, beneath) and counted.
LEGEND_NAMED = 8


def legend_entries(names: Sequence[str], most: int = LEGEND_NAMED) -> tuple[list[str], str]:
    """The names a chart's legend shows of its lines' `names`, and what it says of the
    others, drawn but not named: (["a", "b", …], "and 54 more"), or (names, "")."""
    named = list(names[:most])
    rest = len(names) - len(named)
    return named, f"and {rest:,} more" if rest else ""


@dataclass(frozen=True)
class SloganTally:
    """A comparison's slogans as every count of them reads: those A or B uses, and the
    watch-list's phrases neither uses, listed with them but no slogan of theirs. The
    status bar, the Slogans tab and the reports all say "7" and "+2 watched", never 7 and
    9."""

    #: The slogans either text uses (`Comparison.slogans_used`).
    found: int
    #: The watch-list's phrases neither text uses, listed too ("used by neither").
    watched: int

    @property
    def status(self) -> str:
        """The status bar's figure: "7 slogans", "7 slogans (+2 watched, not found)"."""
        return counted(self.found, "slogan") + self._not_found

    @property
    def figure(self) -> str:
        """The reports' figure beside "Slogans": "7", "7 (+2 watched, not found)"."""
        return f"{self.found:,}{self._not_found}"

    @property
    def _not_found(self) -> str:
        return f" (+{self.watched:,} watched, not found)" if self.watched else ""

    @property
    def tab(self) -> str:
        """The tab's title, short: "Slogans (7)", "Slogans (7 +2 watched)"."""
        extra = f" +{self.watched:,} watched" if self.watched else ""
        return f"Slogans ({self.found:,}{extra})"

    @property
    def short_tab(self) -> str:
        """The tab's title where the panel is narrow: "Slogans (7)", "Slogans (7 +2)"."""
        extra = f" +{self.watched:,}" if self.watched else ""
        return f"Slogans ({self.found:,}{extra})"

    @property
    def tip(self) -> str:
        """The tab's tooltip, the title's figures in words."""
        found = f"{counted(self.found, 'slogan')} used by A or B"
        if not self.watched:
            return found
        return (f"{found}; {counted(self.watched, 'watch-list phrase')} used by neither, "
                "listed too")


def slogan_tally(comparison: Comparison | None) -> SloganTally:
    """The one rule the status bar and the Slogans tab count a comparison's slogans by."""
    if comparison is None:
        return SloganTally(0, 0)
    found = comparison.slogans_used
    return SloganTally(found, len(comparison.slogans) - found)


#: The most watch-list lines not watched that the watch-list's note names; it counts the rest.
PASSED_OVER_NAMED = 6


def passed_over_note(passed_over: Sequence[PassedOver]) -> str:
    """What the watch-list's note says of its lines not watched: "Ignored: ".*" (no words),
    "Network  Power" (same as "network power")"; "" when every line is watched."""
    said = [f'"{p.line}" ' + (f'(same as "{p.same_as}")' if p.same_as is not None
                             else "(no words)") for p in passed_over]
    named, rest = legend_entries(said, PASSED_OVER_NAMED)
    return "Ignored: " + ", ".join(named + ([rest] if rest else [])) if said else ""


#: What stands where an article's date goes when it has none (as the timelines' notes
#: name the uses no month shows).
UNDATED = "undated"
#: What stands for a formulation's first article when none of its uses is dated: the
#: lowest id the contract's "first" gives then is no first appearance.
ALL_USES_UNDATED = "all uses undated"
#: What stands for the formulations of a collection they were left out of
#: (`--no-formulations`), where an empty list would read as "none recurs".
FORMULATIONS_LEFT_OUT = ("Formulations were left out (--no-formulations): they were not looked "
                         "for, as they take the whole collection in one process. To find them: "
                         "tandem corpus add STORE SOURCE... --refind")
#: What stands for the first of the articles carrying a shared passage when none of them is
#: dated: the lowest id is then no first appearance either.
ALL_ARTICLES_UNDATED = "all undated"


def undated_may_be_earlier(undated: int) -> str:
    """What a first appearance (a formulation's, a shared passage's) adds when `undated`
    of the articles using it have no date: it is the first of the dated ones only, and
    an undated one may be earlier. "" when every one is dated."""
    return f"{counted(undated, 'undated article')} may be earlier" if undated else ""


def dated_title(date: str, title: str) -> str:
    """An article in a list of articles: "2023-07-14  Title", "undated  Title" when it has
    no date (not a blank, as though its date had failed to show)."""
    return f"{date or UNDATED}  {title}"


#: How the window opens a collection, in its menus' words.
OPEN_A_COLLECTION = ("To open a collection, choose its folder of articles (File > Open "
                     "collection folder…), or its JSON-lines file or a store Tandem made "
                     "(File > Open collection file…).")


def not_a_store(path: str, database: bool) -> str:
    """What the window says of a file opened as a collection store that is none: another
    SQLite `database`, or no database at all; it is left as it is."""
    what = ("is not a Tandem collection store, but another SQLite database" if database
            else "is not a Tandem collection store, nor an SQLite database of any kind")
    return f"{path}: {what}. It is left as it is.\n\n{OPEN_A_COLLECTION}"


def settings_apart(used: Settings, listed: Settings) -> str:
    """What a pair compared with the `used` settings says when its matching settings are
    not those its collection `listed` its passages with ("" when they are): the two may
    find other passages, and the reader should know why. Short: the status bar shows it
    beside the comparison's figures."""
    apart = [f"{d.label.split(' (')[0]} {_setting(getattr(used, d.name))} "
             f"(not {_setting(getattr(listed, d.name))})"
             for d in DECLARED if d.group == "matching"
             and getattr(used, d.name) != getattr(listed, d.name)]
    if not apart:
        return ""
    return "Passages may differ from the collection's: your " + ", ".join(apart)


def _setting(value: object) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return f"{value:g}" if isinstance(value, float) else str(value)
