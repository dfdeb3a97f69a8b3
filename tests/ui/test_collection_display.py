"""What the collection view draws, on small collections made here (no store, no engine):
the date filter, shares, the timeline, the clusters and the tables' order and widths."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from viewer.collection.store import DocumentRow, PairRow
from viewer.ui.collection.data import CollectionData
from viewer.ui.collection.view import CollectionView, pair_filter


def doc(ident: str, date: str = "", title: str = "", series: str = "s1") -> DocumentRow:
    return DocumentRow(num=0, id=ident, series=series, date=date, path=f"{ident}.txt",
                       title=title or f"Article {ident}", chars=1000, words=180,
                       language="en")


def pair(a: str, b: str, shared_a: float = 0.5, shared_b: float = 0.5) -> PairRow:
    return PairRow(a, b, shared_a, shared_b, 90, [{"a": [0, 500], "b": [0, 500]}])


def collection(documents: Sequence[DocumentRow], pairs: Sequence[PairRow] = (),
               clusters: Sequence[dict[str, Any]] = (),
               formulations: Sequence[dict[str, Any]] = ()) -> CollectionData:
    return CollectionData(name="made.sqlite", store_path="", documents=list(documents),
                          pairs=list(pairs), clusters=list(clusters),
                          formulations=list(formulations), boilerplate=[], skipped=[])


@pytest.fixture
def view(qtbot):  # type: ignore[no-untyped-def]
    widget = CollectionView()
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_either_date_bound_leaves_out_pairs_with_an_undated_article() -> None:
    data = collection([doc("d1", "2023-03-01"), doc("d2", "2023-04-01"), doc("u1"), doc("u2")],
                      [pair("d1", "d2"), pair("u1", "u2"), pair("d1", "u1")])
    for bounds in (("2023", ""), ("", "2023-12"), ("2023", "2023-12")):
        accept = pair_filter(data, "", *bounds, 0.0, "")
        assert accept is not None
        assert [(p.a, p.b) for p in data.pairs if accept(p)] == [("d1", "d2")], bounds
