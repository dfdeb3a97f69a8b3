"""The time order of a collection's articles: by date, undated ones last, then by id.

One rule for every "first" a collection shows: a cluster's source (`clusters`), a
formulation's first appearance (`formulations.formulation_of`) and a pair's earlier
article are the earliest of their articles so ordered. Articles of one date go by id, not
by the order they were stored in, so the same articles indexed at once or added a few at
a time, in any order, have the same first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

#: Sorts after every ISO date: where an undated article goes.
UNDATED = "\uffff"


def order_key(date: str, doc_id: str) -> tuple[str, str]:
    """Where an article of `date` (ISO, "" if unknown) and id `doc_id` comes in time order."""
    return (date or UNDATED, doc_id)


def earliest(documents: Iterable[int], dates: Sequence[str],
             ids: Sequence[str] | None) -> int:
    """The earliest of `documents` (indexes into `dates` and `ids`) in time order. Without
    `ids` (texts read on their own, by a finder given none), those of one date come in
    the order of their indexes."""
    return min(documents, key=lambda d: (order_key(dates[d], "" if ids is None else ids[d]), d))
