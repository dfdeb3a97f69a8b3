"""A share as every view writes it: rounded, but "0%" and "100%" only when they are so."""

from __future__ import annotations

from viewer.export.collection_model import build_report
from viewer.present.shares import percent


def test_whole_percents_claim_neither_none_nor_all_unless_so() -> None:
    assert [percent(v, 0) for v in (0.0, 0.004, 0.005, 0.0051, 0.25, 0.994, 0.995,
                                    0.9951, 1.0)] == [
        "0%", "<1%", "<1%", "1%", "25%", "99%", ">99%", ">99%", "100%"]


def test_one_decimal_guards_its_ends_the_same_way() -> None:
    assert [percent(v) for v in (0.0, 0.0004, 0.9951, 0.9996, 1.0)] == [
        "0.0%", "<0.1%", "99.5%", ">99.9%", "100.0%"]


def test_the_collection_report_never_rounds_a_share_up_to_the_whole_article() -> None:
    result = {"version": 1, "kind": "collection",
              "documents": [{"id": "a", "date": "2020-01-01"}, {"id": "b", "date": "2020-01-02"}],
              "pairs": [{"a": "a", "b": "b", "shared_a": 0.99996, "shared_b": 1.0,
                         "passages": []}]}
    [row] = build_report(result).pairs.rows
    assert (row.shared_a, row.shared_b) == (">99.9%", "100.0%")
