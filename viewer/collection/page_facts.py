"""The date and title an HTML page states about itself (its <meta> tags and structure).

trafilatura's metadata extraction reads `article:published_time`, `date`, Dublin Core,
JSON-LD, <time> and the like; the title comes from the same pass. Nothing is fetched.
"""

from __future__ import annotations

from viewer.collection.dates import iso_date
from viewer.core.errors import LoadError


def page_date_and_title(data: bytes, shown: str) -> tuple[str, str]:
    """("YYYY-MM-DD" or "", title or "") of the page in `data`; ("", "") when it says none."""
    from trafilatura.metadata import extract_metadata

    from viewer.core.loaders.html import decode_html

    try:
        markup = decode_html(data, shown)
        # extensive=False: dates the page states, not ones guessed from its URL or any
        # number in the text.
        facts = extract_metadata(markup, extensive=False)
    except (LoadError, ValueError, TypeError, AttributeError):  # no usable metadata
        return "", ""
    if facts is None:
        return "", ""
    title = " ".join(str(facts.title or "").split())
    return iso_date(facts.date or ""), title
