"""Dates of articles: ISO dates from metadata values, from file or folder names, and from
a date line at the head of a text ("date 2023-03-02", "Release time: Apr 14, 2024")."""

from __future__ import annotations

import datetime
import json
import math
import re

# A date standing alone in a name: 2021-04-02, 2021_4_2, 2021.04.02, 20210402 or
# 2021年4月2日, not part of a longer number (an id like 1202104021 is no date), but for
# a time of day run on to the eight digits, as a scraper or camera stamps a file:
# 202104020830 or 20210402083000. (日 ends a date in Chinese: a time may follow it,
# 2021年4月2日0830.)
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})(?:(?:([-_.])(\d{1,2})\2(\d{1,2})|(\d{2})(\d{2})"
                        r"(?:(?:[01]\d|2[0-3])[0-5]\d(?:[0-5]\d)?)?)"
                        r"(?!\d)|年(\d{1,2})月(\d{1,2})日)")
# A metadata value: 2021-04-02, 2021/4/2, 2021.04.02 or 20210402, possibly followed by a
# time ("2021-04-02T10:00:00Z").
_VALUE_DATE = re.compile(r"\s*(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})|(\d{2})(\d{2}))(?:$|[T\s])")
# The time such a value may go on with, checked to be one: "T25:00" is no time, and the
# day the value meant no more than a guess.
_VALUE_TIME = re.compile(r"\s*(\d{1,2}):(\d{2})(?::(\d{2}))?")
_YEARS = range(1000, 2200)
#: A line near the head of a text that states its date: a label such as "date",
#: "published" or 发布时间, then the date (2023-03-02, 2023/3/2, 2023年3月2日,
#: "Apr 14, 2024", "14 April 2024"), possibly a time after it; a byte-order mark (U+FEFF)
#: may open the text.
_STATED = re.compile(
    r"^[\s\ufeff]*(?:date[d]?|published(?: on)?|posted(?: on)?|release(?:d| time| date)?|"
    r"publication date|发布时间|发布日期|日期|时间)\s*[:：]?\s*(.+)$",
    re.IGNORECASE)
_CHINESE_DAY = r"(\d{4})年(\d{1,2})月(\d{1,2})日"
_CHINESE_DATE = re.compile(r"\s*" + _CHINESE_DAY)
_CHINESE_IN_TEXT = re.compile(r"(?<!\d)" + _CHINESE_DAY)
# Apr 14, 2024 / April 14 2024 / 14 April 2024.
_MONTH_FIRST = re.compile(r"\s*([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})(?!\d)")
_DAY_FIRST = re.compile(r"\s*(\d{1,2}) ([A-Za-z]{3,9})\.?,? (\d{4})(?!\d)")
# The day of the week such a date may open with: "Thu, 09 Mar 2023 08:20:00 GMT", as RSS
# feeds and e-mail write it, or "Thursday, March 9, 2023".
_WEEKDAY = re.compile(r"\s*(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
                      r"\.?,?(?=\s)", re.IGNORECASE)
# A time of day after a stated date: 05:15 AM, 10:00:30.
_TIME = re.compile(r"^\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?")
#: Lines of a text read for a stated date: its title and the byline or date lines under it.
STATED_LINES = 3
# Where those lines are looked for: the head of a text, not the whole of a long one.
_HEAD_CHARS = 2000
# The longest value a note shows whole.
_SHOWN_CHARS = 60
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def _valid(year: str, month: str, day: str) -> str:
    try:
        date = datetime.date(int(year), int(month), int(day))
    except ValueError:
        return ""
    return date.isoformat() if date.year in _YEARS else ""


def iso_date(value: object) -> str:
    """`value` as "YYYY-MM-DD" when it starts with a real date (ISO, with or without
    separators or a real time of day after it; a number such as 20210304 too, or a Unix time
    (`_unix_day`); in Chinese, 2021年3月4日;
    with the month's English name, "March 4, 2021" or "4 Mar 2021", which no reader takes
    for another day, the day of the week before it or not); "" otherwise."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = _unix_day(value) or (str(value) if isinstance(value, int) else "")
    if not isinstance(value, str):
        return ""
    return _date_opening(value)[0]


def _iso_opening(value: str) -> tuple[str, int]:
    """The ISO-like date `value` opens with (`iso_date`) and the characters it takes;
    ("", 0) when it opens with none."""
    match = _VALUE_DATE.match(value)
    if not match:
        return "", 0
    year, _, month, day, month8, day8 = match.groups()
    date = _valid(year, month or month8, day or day8)
    if _no_time_of_day(value, match.end()):
        return "", 0
    return date, match.end() if date else 0


def _no_time_of_day(value: str, at: int) -> bool:
    """Whether what `value` has at `at`, after a date, is a time that is none (25:00)."""
    time = _VALUE_TIME.match(value, at)
    return time is not None and not _time_of_day(*time.groups())


def _time_of_day(hour: str, minute: str, second: str | None) -> bool:
    """Whether hour, minute and second make a time of day: up to 23:59:60 (a leap second),
    or 24:00:00, which ISO 8601 allows for the end of a day."""
    h, m, s = int(hour), int(minute), int(second or 0)
    return (h < 24 and m < 60 and s <= 60) or (h, m, s) == (24, 0, 0)


def unread_date(value: object, instead: str) -> str:
    """What to tell of a date given for an article (`value`) that is not read as one
    (`iso_date`), the article then being indexed `instead` ("undated"); "" when it is read,
    or none was given."""
    if value is None or (isinstance(value, str) and not value.strip()) or iso_date(value):
        return ""
    dated = _VALUE_DATE.match(value) if isinstance(value, str) else None
    if dated and isinstance(value, str) and _no_time_of_day(value, dated.end()):
        return (f"has the date {_as_written(value)}, whose time of day is none (write a "
                f"time from 00:00 to 23:59, or the date alone); the article is indexed "
                f"{instead}")
    return (f"has the date {_as_written(value)}, which is not read as a date (write it "
            f"YYYY-MM-DD); the article is indexed {instead}")


def _as_written(value: object) -> str:
    """A given date as a note shows it: a string quoted, any other value as JSON writes it
    ({"$date": ...}, not its Python type), shortened."""
    shown = repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                                  default=str)
    return shown if len(shown) <= _SHOWN_CHARS else shown[:_SHOWN_CHARS - 1] + "…"


def _unix_day(number: float) -> str:
    """The day (UTC) of a Unix time given as a number of 10 digits (seconds: 2001 to 2286)
    or 13 (milliseconds), as passim's and many crawlers' exports write a date; "" for any
    other number, and for one that would be a day yet to come (2023030908 is a date and
    an hour run together, not a time in 2034)."""
    if not math.isfinite(number) or number < 0:
        return ""
    whole = int(number)
    scale = {10: 1000, 13: 1}.get(len(str(whole)))
    if scale is None:
        return ""
    day = epoch_day(whole * scale)
    tomorrow = datetime.datetime.now(datetime.UTC).date() + datetime.timedelta(days=1)
    return day if day and day <= tomorrow.isoformat() else ""


def epoch_day(milliseconds: int) -> str:
    """The day (UTC) of a time given in milliseconds since 1970, as "YYYY-MM-DD"; "" when
    it is beyond the years dates are read in."""
    try:
        day = (_EPOCH + datetime.timedelta(milliseconds=milliseconds)).date()
    except OverflowError:
        return ""
    return day.isoformat() if day.year in _YEARS else ""


def date_in_name(name: str) -> str:
    """The last real date written in a file or folder name, as "YYYY-MM-DD", or ""."""
    found = ""
    for match in _NAME_DATE.finditer(name):
        year, _, month, day, month8, day8, month_zh, day_zh = match.groups()
        found = _valid(year, month or month8 or month_zh, day or day8 or day_zh) or found
    return found


def unreal_date_in_name(name: str) -> str:
    """A date written in a name with separators or in Chinese (2023-13-45, 2023年2月30日)
    that is no real date, as written; "" when there is none, or a real one. (Eight digits
    alone that are no date are no date written wrong: an id, a count.)"""
    if date_in_name(name):
        return ""
    for match in _NAME_DATE.finditer(name):
        if match.group(2) or match.group(7):
            return match.group(0)
    return ""


def chinese_dates_as_iso(text: str) -> str:
    """`text` with each real date it writes in Chinese (2023年3月9日) written as ISO, a
    space after it ("2023-03-09 ") so that a time written on (日10:20) stays apart."""
    def as_iso(match: re.Match[str]) -> str:
        date = _valid(*match.groups())
        return f"{date} " if date else match.group(0)

    return _CHINESE_IN_TEXT.sub(as_iso, text)


def stated_date(text: str) -> str:
    """The date a text states at its head, as "YYYY-MM-DD": one of its first `STATED_LINES`
    non-empty lines that opens with a date label (`_STATED`) and goes on with a date;
    "" when none does. A date the text mentions elsewhere (an event's) is not its date."""
    lines = [line for line in text[:_HEAD_CHARS].splitlines() if line.strip()]
    for line in lines[:STATED_LINES]:
        match = _STATED.match(line)
        if match:
            return _date_opening(match.group(1))[0]
    return ""


def without_stated_date(line: str) -> str:
    """A title line less the date label and date it opens with ("date 2023-03-02
    Promoting ..." -> "Promoting ..."); the line as it is when it opens with none, or
    holds nothing else."""
    match = _STATED.match(line)
    if not match:
        return line
    date, length = _date_opening(match.group(1))
    rest = _TIME.sub("", match.group(1)[length:]).strip()
    return rest if date and rest else line


def _date_opening(rest: str) -> tuple[str, int]:
    """The date `rest` opens with (ISO-like, Chinese, or with the month's English name)
    and the characters it takes; ("", 0) when it opens with none."""
    date, length = _iso_opening(rest)
    if date:
        return date, length
    chinese = _CHINESE_DATE.match(rest)
    if chinese:
        return _valid(*chinese.groups()), chinese.end()
    weekday = _WEEKDAY.match(rest)
    start = weekday.end() if weekday else 0
    named = _MONTH_FIRST.match(rest, start) or _DAY_FIRST.match(rest, start)
    if named is None:
        return "", 0
    month, day, year = named.groups() if named.re is _MONTH_FIRST else (
        named.group(2), named.group(1), named.group(3))
    for pattern in ("%b %d %Y", "%B %d %Y"):
        try:
            parsed = datetime.datetime.strptime(f"{month} {day} {year}", pattern).date()
        except ValueError:
            continue
        return (parsed.isoformat() if parsed.year in _YEARS else ""), named.end()
    return "", 0
