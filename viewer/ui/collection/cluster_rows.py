"""The Clusters tab's rows, worked out from `CollectionData` off the GUI thread (Qt-free).

A large collection has thousands of clusters and their articles: their members, titles,
dates and sort keys are computed where the store is read, so that the GUI thread only
makes the tree's items from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from viewer.export.collection_model import carried_by, quoted
from viewer.present.cluster_order import cluster_rank
from viewer.present.wording import UNDATED

if TYPE_CHECKING:
    from viewer.ui.collection.data import CollectionData


def shown_date(date: str) -> str:
    """An article's date in a cell: "undated" when it has none, as its lists say (not a
    blank, as though the date had failed to show)."""
    return date or UNDATED


@dataclass(frozen=True)
class MemberRow:
    """An article under its cluster."""

    texts: tuple[str, ...]
    tip: str
    #: What a click reads: (the source, this article, its span, the source's span).
    target: tuple[str, str, tuple[int, int], tuple[int, int]]
    is_source: bool


@dataclass(frozen=True)
class ClusterRow:
    """A cluster: its cells, their sort keys (sizes as numbers, dates in date order, None
    for no value) and its articles, the source first, then by date."""

    ident: int
    #: What names the cluster across a reading again (its id may change): its source
    #: and the source's passage.
    key: tuple[str, tuple[int, int]]
    texts: tuple[str, ...]
    tip: str
    keys: tuple[Any, ...]
    members: tuple[MemberRow, ...]


def cluster_rows(data: CollectionData) -> list[ClusterRow]:
    """The clusters of `data` in the reports' order (`cluster_rank`): those of most
    articles first."""

    listed = [(cluster, data.cluster_members(cluster)) for cluster in data.clusters]
    listed.sort(key=lambda pair: cluster_rank(
        len({m.doc for m in pair[1]}), data.date_of(str(pair[0].get("first", ""))),
        str(pair[0].get("first", ""))))
    rows = []
    for order, (cluster, members) in enumerate(listed):
        source = str(cluster.get("first", ""))
        at_source = next((m.span for m in members if m.first), (0, 0))
        ident = int(cluster.get("id", 0))
        shown = data.cluster_texts.get(ident, "")
        docs = [m.doc for m in members]
        text = quoted(shown) if shown else data.title(source)  # a quotation's marks once
        dated, series = data.date_of(source), data.series_of(source)
        keys = (text.casefold(), (dated, order) if dated else None, series,
                (len(set(docs)), len(docs)), 0, ident)
        articles = tuple(
            MemberRow((data.title(m.doc), shown_date(data.date_of(m.doc)),
                       data.series_of(m.doc), "source" if m.is_source else "",
                       f"{m.span[0]}–{m.span[1]}", ""),
                      data.title(m.doc), (source, m.doc, m.span, at_source), m.is_source)
            for m in members)
        rows.append(ClusterRow(ident, (source, at_source),
                               (text, shown_date(dated), series, carried_by(docs), "",
                                str(ident)),
                               shown, keys, articles))
    return rows
