"""Dates of articles: ISO dates from metadata values and from file or folder names."""

from __future__ import annotations

import datetime
import re

# A date standing alone in a name: 2021-04-02, 2021_4_2, 2021.04.02, 20210402 or
# 2021年4月2日, not part of a longer number (an id like 1202104021 is no date).
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})(?:([-_.])(\d{1,2})\2(\d{1,2})|(\d{2})(\d{2})"
                        r"|年(\d{1,2})月(\d{1,2})日)(?!\d)")
# A metadata value: 2021-04-02, 2021/4/2, 2021.04.02 or 20210402, possibly followed by a
# time ("2021-04-02T10:00:00Z").
_VALUE_DATE = re.compile(r"\s*(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})|(\d{2})(\d{2}))(?:$|[T\s])")
_YEARS = range(1000, 2200)


def _valid(year: str, month: str, day: str) -> str:
    try:
        date = datetime.date(int(year), int(month), int(day))
    except ValueError:
        return ""
    return date.isoformat() if date.year in _YEARS else ""


def iso_date(value: object) -> str:
    """`value` as "YYYY-MM-DD" when it starts with a real date (ISO, with or without
    separators or a time after it; a number such as 20210304 too); "" otherwise."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return ""
    match = _VALUE_DATE.match(value)
    if not match:
        return ""
    year, _, month, day, month8, day8 = match.groups()
    return _valid(year, month or month8, day or day8)


def unread_date(value: object, instead: str) -> str:
    """What to tell of a date given for an article (`value`) that is not read as one
    (`iso_date`), the article then being indexed `instead` ("undated"); "" when it is read,
    or none was given."""
    if value is None or (isinstance(value, str) and not value.strip()) or iso_date(value):
        return ""
    shown = value if isinstance(value, str | int | float) else type(value).__name__
    return (f"has the date {shown!r}, which is not read as a date (write it YYYY-MM-DD); "
            f"the article is indexed {instead}")


def date_in_name(name: str) -> str:
    """The last real date written in a file or folder name, as "YYYY-MM-DD", or ""."""
    found = ""
    for match in _NAME_DATE.finditer(name):
        year, _, month, day, month8, day8, month_zh, day_zh = match.groups()
        found = _valid(year, month or month8 or month_zh, day or day8 or day_zh) or found
    return found
