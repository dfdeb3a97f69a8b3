"""What a collection says of a comparison's slogans and shared passages, as the words every
view shows: the window's side panel, the HTML report and the PDF report.

`collection_context` (viewer.collection.context) gives the figures, one entry (or None) per
slogan and per shared passage; `collection_figures` turns them into one label each, "" where
the collection has nothing to say.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from viewer.core.model import Comparison, Slogan
from viewer.present.wording import (
    ALL_ARTICLES_UNDATED,
    ALL_USES_UNDATED,
    counted,
    undated_may_be_earlier,
)


@dataclass(frozen=True)
class CollectionFigures:
    """One label per slogan and per shared passage of a comparison, in its order."""

    #: "common formulation · in 166/1,000 articles · first 2019-06-06" (with "(3 undated
    #: articles may be earlier)" where some are undated), or "".
    slogans: tuple[str, ...]
    #: "also in 4 other articles · first: Title, 2019-06-06" (A or B when it is one of
    #: the two), "also in 4 other articles · all undated", or "".
    phrases: tuple[str, ...]
    #: "1,000 articles of collection.sqlite", for a report's facts.
    collection: str
    #: The slogans' labels short, for a table's cells: "common · 166/1,000", or "".
    slogans_short: tuple[str, ...] = ()
    #: Which of A and B is none of the collection's articles, so which figures are missing
    #: (`outside_note`, as a sentence of a report), or "".
    outside: str = ""


#: What a collection makes of a slogan: the words of a report or a tooltip, and the short
#: ones of a table cell, which keeps a row one line high.
_KINDS = {"neither": ("used by neither", "neither"), "a": ("used by A only", "A only"),
          "b": ("used by B only", "B only"), "common": ("common formulation", "common"),
          "pair": ("shared only by these two", "these two only")}


def slogan_label(figures: Mapping[str, Any] | None, slogan: Slogan, short: bool = False,
                 ours: Mapping[str, str | None] | None = None) -> str:
    """A slogan's collection figures and what they make of it: "common formulation · in
    5/30 articles · first 2023-03-02", or `short`, for a table cell whose tooltip has the
    rest, "common · 5/30". `ours`, {"a": id, "b": id}, names the collection's articles
    that A and B are (None for one that is none of them); not given, both are, apart."""
    if not figures or not figures.get("of"):  # a store that holds no article yet
        return ""
    found, total = int(figures.get("documents", 0)), int(figures.get("of", 0))
    first = figures.get("first") or {}
    if slogan.count_a == 0 and slogan.count_b == 0:  # a watch-list phrase neither uses
        kind = "neither"
    elif slogan.count_a == 0 or slogan.count_b == 0:
        kind = "b" if slogan.count_a == 0 else "a"
    else:
        kind = "common" if found > _counted_of_ours(ours) else "pair"
    label = _KINDS[kind][1 if short else 0]
    if short:
        return f"{label} · {found:,}/{total:,}"
    # Undated, the first the collection gives is its lowest id: no first appearance.
    since = (f" · first {first['date']}{_besides(figures)}" if first.get("date")
             else f" · {ALL_USES_UNDATED}" if first else "")
    return f"{label} · in {found:,}/{total:,} articles{since}"


def _counted_of_ours(ours: Mapping[str, str | None] | None) -> int:
    """How many of the articles a slogan both texts use is counted in are A and B: those of
    the two that are articles of the collection. The rest are other articles, which make
    it more than the pair's."""
    if ours is None:
        return 2
    return len({doc for doc in (ours.get("a"), ours.get("b")) if doc is not None})


def phrase_label(figures: Mapping[str, Any] | None, title: Callable[[str], str] = str,
                 ours: Mapping[str, str | None] | None = None) -> str:
    """A shared passage's cluster: how many other articles carry it, and the first one by
    date, or that none is dated (`title` names an article by its id; `ours`, {"a": id,
    "b": id}, the two compared, which are named A and B)."""
    if not figures:
        return ""
    first = figures.get("first") or {}
    doc = str(first.get("doc", ""))
    named = next((side.upper() for side, own in (ours or {}).items() if own == doc), "")
    others = int(figures["others"])
    carried = f"also in {others:,} other article{'s' if others != 1 else ''}"
    # Undated articles come last in time order: an undated first means none is dated.
    if not first.get("date"):
        return f"{carried} · {ALL_ARTICLES_UNDATED}"
    return f"{carried} · first: {named or title(doc)}, {first['date']}{_besides(figures)}"


def _besides(figures: Mapping[str, Any]) -> str:
    """What a dated first adds when some of the articles are undated: " (3 undated
    articles may be earlier)", else ""."""
    note = undated_may_be_earlier(int(figures.get("undated") or 0))
    return f" ({note})" if note else ""


def collection_figures(context: Mapping[str, Any], comparison: Comparison,
                       title: Callable[[str], str] = str, name: str = "",
                       trimmed: bool = False) -> CollectionFigures:
    """The labels of `context` (what `collection_context` gives for `comparison`), the
    collection called `name` (its folder or file; its store's file name when none), the
    texts `trimmed` or not (see `outside_note`)."""
    about = context.get("collection") or {}
    store = name or os.path.basename(str(about.get("store", "")))
    ours = {"a": about.get("a"), "b": about.get("b")}
    return CollectionFigures(
        tuple(slogan_label(f, s, ours=ours) for f, s in zip(
            context["slogans"], comparison.slogans, strict=True)),
        tuple(phrase_label(f, title, ours) for f in context["shared_phrases"]),
        f"{int(about.get('documents', 0)):,} articles of {store}",
        tuple(slogan_label(f, s, short=True, ours=ours) for f, s in zip(
            context["slogans"], comparison.slogans, strict=True)),
        _as_sentence(outside_note(context, store, trimmed, (
            comparison.document_a.language, comparison.document_b.language))))


def _as_sentence(line: str) -> str:
    return f"{line[:1].upper()}{line[1:]}." if line else ""


def outside_note(context: Mapping[str, Any], name: str, trimmed: bool = False,
                 languages: tuple[str, str] = ("", "")) -> str:
    """One line naming which of A and B is not an article of the store called `name` (no
    article has its text, nor, when the texts were `trimmed`, trims to it), so the figures
    that need it are missing: "" when both are. Given the texts' `languages`, a text in
    none of the store's articles' languages is named as such: the collection can count
    none of its phrases, so every slogan's figures would read as unheard of. A store
    that holds no article yet is told as such."""
    found = context["collection"]
    if not found["documents"]:  # A and B are none of its articles, as it has none
        return (f"the store {name} holds no article yet, so it has no figures for the slogans "
                "or the shared passages")
    strangers = _in_other_languages(found, context.get("languages"), languages)
    if strangers:
        who = " and ".join(strangers)
        language = "/".join(sorted({languages["AB".index(side)] for side in strangers}))
        return (f"{who} {'are' if len(strangers) == 2 else 'is'} in {language}, and "
                f"{name} has no article in {language} "
                f"({counted(found['documents'], 'article')} in "
                f"{'/'.join(context['languages'])}): its figures count none of {who}'s "
                "phrases")
    outside = [side.upper() for side in ("a", "b") if found[side] is None]
    if not outside:
        return ""
    count = found["documents"]
    same = "the same text, trimmed or not" if trimmed else "the same text"
    where = f"an article of {name} ({counted(count, 'article')}; none has {same})"
    if len(outside) == 2:
        return (f"neither A nor B is {where}, so only its formulations and its figures for "
                "the slogans apply: no shared passage is matched to its clusters")
    inside = "B" if outside == ["A"] else "A"
    return (f"{outside[0]} is not {where}, so only {inside}'s shared passages are matched "
            "to its clusters")


def _in_other_languages(found: Mapping[str, Any], stored: Sequence[str] | None,
                        languages: tuple[str, str]) -> list[str]:
    """Which of A and B ("A", "B") is none of the store's articles (`found`) and in a
    language (`languages`) none of them is in (`stored`; None: not known)."""
    if not stored:
        return []
    return [side.upper() for side, language in zip("ab", languages, strict=True)
            if found[side] is None and language and language not in stored]
