"""The date and title an HTML page states about itself (its <meta> tags and structure), or
a Markdown file in its front matter.

trafilatura's metadata extraction reads `article:published_time`, `date`, Dublin Core,
JSON-LD, <time> and the like; the title comes from the same pass. Nothing is fetched.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING, NamedTuple

from viewer.collection.dates import chinese_dates_as_iso, iso_date, unreal_date_in_name
from viewer.core.errors import LoadError

if TYPE_CHECKING:
    from trafilatura.settings import Document

# A date written with its day and month as numbers before the year: 05/11/2022, 5.11.2022.
_NUMBERS_FIRST = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?!\d)")
# Where a page states its date in markup: a tag (its attributes), or a JSON-LD date.
_TAGS_AND_JSON_DATES = re.compile(r"<[^<>]*>|\"date\w*\"\s*:\s*\"[^\"]*\"")
# A date a tag's attribute or a JSON-LD date opens its value with: "2023-02-30",
# "2023-02-30T08:00:00Z", "2023年2月30日 10:20" (not one inside a link or a file's name).
_VALUE_DATE = re.compile(r"(?<=[\"'])\s*(\d{4}(?:-\d{1,2}-\d{1,2}|年\d{1,2}月\d{1,2}日))(?![\d-])")
# The dates looked for in a page whose date trafilatura leaves out: the years `iso_date`
# reads in a metadata.csv or a JSON line.
_EARLIEST, _LATEST = "1000-01-01", "2199-12-31"
# A number that may be a year: four digits alone, or opening eight (19900504).
_FOUR_DIGITS = re.compile(r"(?<!\d)(\d{4})(?:\d{4})?(?!\d)")
# What a page with no usable metadata raises on reading it.
_UNUSABLE = (LoadError, ValueError, TypeError, AttributeError)


class PageFacts(NamedTuple):
    """What a page states about itself: its date ("YYYY-MM-DD" or ""), its title (or ""),
    the date it writes that cannot be read one way only ("05/11/2022": 5 November or
    May 11?), which is then not its date, or "", and the date it states that is not taken
    for being out of range (`_out_of_range`), or ""."""

    date: str
    title: str
    unread: str = ""
    out_of_range: str = ""


def page_date_and_title(data: bytes, shown: str) -> PageFacts:
    """The date and title the page in `data` states (`PageFacts`); empty when it says none.
    trafilatura reads 05/11/2022 as 5 November, and 11/05/2022 as 11 May: where the page
    writes its date so and nowhere as ISO, it is left undated, as a date given so in a
    metadata.csv or JSON line is. A date its tags write that is no real day (2023-02-30)
    is not read (`_unreal_dates_left_out`)."""
    from viewer.core.loaders.html import decode_html

    try:
        markup = decode_html(data, shown)
    except _UNUSABLE:
        return PageFacts("", "")
    markup, unreal = _unreal_dates_left_out(markup)
    facts = _metadata(markup)
    if facts is None:
        return PageFacts("", "")
    title = " ".join(str(facts.title or "").split())
    date = iso_date(facts.date or "")
    if not date and (in_iso := _tags_dated_in_iso(markup)) != markup:
        # Read again only when a tag's date was rewritten: most undated pages have none.
        markup = in_iso
        again = _metadata(markup)
        date = iso_date(again.date or "") if again else ""
    written = _written_either_way(markup, date)
    if written or (unreal and not date):
        return PageFacts("", title, written or unreal)
    return PageFacts(date, title, out_of_range="" if date else _out_of_range(markup))


#: The front matter keys Hugo, Jekyll, pandoc and Obsidian date a page with, in order.
_FRONT_MATTER_DATES = ("date", "publishdate", "published", "pubdate", "created")


def front_matter_date_and_title(source: str) -> PageFacts:
    """The date and title the front matter of the Markdown `source` states; a date written
    there that is not read as one is told as `PageFacts.unread`."""
    from viewer.core.loaders.markdown import front_matter

    keys = {str(key).lower(): value for key, value in front_matter(source).items()}
    title = keys.get("title")
    title = " ".join(title.split()) if isinstance(title, str) else ""
    stated = next((keys[key] for key in _FRONT_MATTER_DATES if keys.get(key)), None)
    if stated is None:
        return PageFacts("", title)
    # YAML and TOML read an unquoted date as a date or datetime, whose str() is ISO.
    written = str(stated) if isinstance(stated, datetime.date) else stated
    date = iso_date(written)
    return PageFacts(date, title, "" if date else str(written))


def _out_of_range(markup: str) -> str:
    """The date `markup` states that trafilatura leaves out (htmldate takes none before
    1995, its `MIN_DATE`, nor after today: a page's placeholder 1970-01-01 or an expiry
    date is no date of it, but a 1980s article's archived page is one), as "YYYY-MM-DD";
    "" when it states none so. Told, not taken: which it is, the user knows."""
    from htmldate import find_date
    from htmldate.settings import MIN_DATE

    if not _tags_write_a_year_outside(markup, MIN_DATE.year, datetime.date.today().year):
        return ""  # most pages: not read again
    try:
        found = iso_date(find_date(markup, extensive_search=False, original_date=True,
                                   min_date=_EARLIEST, max_date=_LATEST) or "")
    except _UNUSABLE:
        return ""
    today = datetime.date.today().isoformat()
    return found if found and not MIN_DATE.date().isoformat() <= found <= today else ""


def _unreal_dates_left_out(markup: str) -> tuple[str, str]:
    """`markup` without the dates its tags and JSON-LD state that are no real day
    (content="2023-02-30", "datePublished": "2023-13-05", 2023年2月30日), and the first of
    them as written; (`markup`, "") when they state none. trafilatura read 2023-02-30 as
    2023-02-01, a day the page never states: left out, the page is dated by another date
    it states, or undated."""
    if not any(unreal_date_in_name(match.group(1)) for match in _VALUE_DATE.finditer(markup)):
        return markup, ""  # most pages: no tag is walked
    unreal: list[str] = []

    def left_out(match: re.Match[str]) -> str:
        written = match.group(1)
        if not unreal_date_in_name(written):
            return match.group(0)
        unreal.append(written)
        return ""

    kept = _TAGS_AND_JSON_DATES.sub(
        lambda tag: _VALUE_DATE.sub(left_out, tag.group(0)), markup)
    return (kept, unreal[0]) if unreal else (markup, "")


def _tags_dated_in_iso(markup: str) -> str:
    """`markup` with the dates its tags and JSON-LD write in Chinese (2023年03月09日),
    which trafilatura does not read, written as ISO. Not those of its text: a title or
    paragraph that mentions a date would then outrank the date the tags state."""
    return _TAGS_AND_JSON_DATES.sub(lambda match: chinese_dates_as_iso(match.group(0)), markup)


def _metadata(markup: str) -> Document | None:
    """trafilatura's metadata of the page `markup`, or None when it has none usable."""
    from trafilatura.metadata import extract_metadata

    try:
        # extensive=False: dates the page states, not ones guessed from its URL or any
        # number in the text.
        return extract_metadata(markup, extensive=False)
    except _UNUSABLE:
        return None


def _tags_write_a_year_outside(markup: str, first: int, last: int) -> bool:
    """Whether a tag or JSON-LD date of `markup` writes a number that is a year of
    `iso_date`'s before `first`, or is `last` or after (a date of this year may be after
    today)."""
    tags = " ".join(_TAGS_AND_JSON_DATES.findall(markup))
    return any(int(_EARLIEST[:4]) <= year < first or last <= year <= int(_LATEST[:4])
               for year in map(int, _FOUR_DIGITS.findall(tags)))


def _written_either_way(markup: str, date: str) -> str:
    """How `markup` writes `date` ("YYYY-MM-DD") with day and month as numbers that could
    be read the other way round (both 12 or less, and not equal), when it writes it so
    and never as ISO; else ""."""
    if not date or date in markup:
        return ""
    year, month, day = (int(part) for part in date.split("-"))
    for match in _NUMBERS_FIRST.finditer(markup):
        first, second = int(match.group(1)), int(match.group(3))
        if (int(match.group(4)) == year and {first, second} == {month, day}
                and first != second and max(first, second) <= 12):
            return match.group(0)
    return ""
