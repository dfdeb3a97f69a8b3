"""The timelines of a collection's formulations, binned once for every view: the window's
chart and the HTML and PDF reports' bar charts.

A timeline counts a phrase's uses per day, per month or per year over the collection's
dated span (`timeline_bins`), so that its bars say when the phrase was taken up, however
long the collection runs: a collection of one month counted per month is one full bar for
every phrase.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

#: A collection whose dates span at most this many days counts per day: counted per month,
#: a quarter's articles are three bars or four, alike for every phrase. A day's bar is then
#: still 2.6 pixels wide or more in the reports' charts.
MAX_DAYS = 92
#: Beyond this many months a timeline counts per year: bars stay wide enough to see.
MAX_MONTHS = 120
_BIN_NAMES = {10: "day", 7: "month", 4: "year"}


@dataclass(frozen=True)
class Timeline:
    """Uses per bin over the collection's span: a day ("YYYY-MM-DD"), a month ("YYYY-MM")
    or a year ("YYYY"), as `timeline_bins` chooses."""

    bins: tuple[str, ...]
    counts: tuple[int, ...]
    #: Uses in undated articles, which no bar shows.
    undated: int = 0

    @property
    def peak(self) -> int:
        return max(self.counts, default=0)

    @property
    def per(self) -> str:
        """What a bar counts: "day", "month" or "year"."""
        return bin_name(self.bins)

    @property
    def ends(self) -> tuple[str, ...]:
        """The first and the last bin an axis is labelled with, or its one bin alone (a
        collection of one day): no day named twice."""
        return self.bins[:1] + self.bins[1:][-1:]

    @property
    def undated_text(self) -> str:
        """"11 undated": the uses no bar shows, as every view names them ("" for none)."""
        return f"{self.undated:,} undated" if self.undated else ""


def bin_name(bins: tuple[str, ...]) -> str:
    """"day", "month" or "year": what each of `bins` (`timeline_bins`) is ("" for none)."""
    return _BIN_NAMES.get(len(bins[0]), "") if bins else ""


def timeline_bins(dates: Iterable[str]) -> tuple[str, ...]:
    """The bins of the collection's timelines, from its earliest date ("YYYY-MM-DD") to its
    latest: every day when they span at most `MAX_DAYS` days, else every month, or every year
    beyond `MAX_MONTHS` months; () for no dates."""
    dated = [d for d in dates if len(d) >= 7 and d[4] == "-"]
    days = [day for d in dated if (day := _day(d)) is not None]
    if days and len(days) == len(dated):  # per day only where every date names its day
        first, last = min(days), max(days)
        if (last - first).days < MAX_DAYS:
            return tuple((first + datetime.timedelta(days=k)).isoformat()
                         for k in range((last - first).days + 1))
    months = month_range(dated)
    return months if len(months) <= MAX_MONTHS else tuple(sorted({m[:4] for m in months}))


def month_range(dates: Iterable[str]) -> tuple[str, ...]:
    """Every month from the earliest to the latest date, as "YYYY-MM"."""
    months = sorted({d[:7] for d in dates if len(d) >= 7 and d[4] == "-"})
    if not months:
        return ()
    year, month = int(months[0][:4]), int(months[0][5:7])
    last = (int(months[-1][:4]), int(months[-1][5:7]))
    out = []
    while (year, month) <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(out)


def timeline(bins: tuple[str, ...], item: Mapping[str, Any],
             dates: Mapping[str, str]) -> Timeline:
    """The timeline of `item` (a formulation of the JSON contract: its "count" and
    "occurrences", and "per_month" when given) over `bins`, `dates` giving each article's
    date by id. Per day, uses are counted from the occurrences' articles; per month or
    year, from "per_month" where the item gives it."""
    per_month = per_month_of(item, dates)
    count = int(_number(item.get("count")))
    undated = undated_uses(item, dates, count, per_month)
    width = len(bins[0]) if bins else 7
    per_bin: Counter[str] = Counter()
    if width > 7:
        for occurrence in _occurrences(item):
            date = dates.get(str(occurrence.get("doc")), "")
            if len(date) >= width:
                per_bin[date[:width]] += _uses(occurrence)
    else:
        for month, uses in per_month.items():
            per_bin[month[:width]] += uses
    return Timeline(bins, tuple(per_bin.get(b, 0) for b in bins), undated)


def undated_uses(item: Mapping[str, Any], dates: Mapping[str, str], count: int,
                 per_month: Mapping[str, int]) -> int:
    """A formulation's uses in undated articles: those its count has beyond its months,
    or, with no months given, those of its occurrences in articles without a date."""
    if isinstance(item.get("per_month"), Mapping):
        return max(0, count - sum(per_month.values()))
    return sum(_uses(occurrence) for occurrence in _occurrences(item)
               if str(occurrence.get("doc")) in dates
               and len(dates[str(occurrence.get("doc"))]) < 7)


def undated_articles(item: Mapping[str, Any], dates: Mapping[str, str]) -> int:
    """How many of the articles using `item` (a formulation of the JSON contract: its
    "occurrences") have no date by `dates` (an id it lacks is none of the collection's,
    and not counted)."""
    return len({doc for occurrence in _occurrences(item)
                if (doc := str(occurrence.get("doc"))) in dates and not dates[doc]})


def per_month_of(item: Mapping[str, Any], dates: Mapping[str, str]) -> Mapping[str, int]:
    """A formulation's uses per month: its "per_month", else counted from its occurrences
    and their articles' `dates`."""
    given = item.get("per_month")
    if isinstance(given, Mapping):
        return {str(k)[:7]: int(_number(v)) for k, v in given.items()}
    counts: Counter[str] = Counter()
    for occurrence in _occurrences(item):
        date = dates.get(str(occurrence.get("doc")), "")
        if len(date) >= 7:
            counts[date[:7]] += _uses(occurrence)
    return counts


def _occurrences(item: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [o for o in item.get("occurrences") or () if isinstance(o, Mapping)]


def _uses(occurrence: Mapping[str, Any]) -> int:
    """An occurrence's uses: its spans, or one where it gives none."""
    return len(occurrence.get("spans") or ()) or 1


def _day(date: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(date[:10])
    except ValueError:
        return None


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) \
        else 0.0
