"""What the collection view draws, on small collections made here (no store, no engine):
the date filter, shares, the timeline, the clusters and the tables' order and widths."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QContextMenuEvent, QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QTableView,
)

from viewer.collection.store import DocumentRow, PairRow
from viewer.present.cluster_order import CLUSTER_ORDER_NAME
from viewer.ui.collection.column_fit import TEXT_GIVE
from viewer.ui.collection.data import CollectionData
from viewer.ui.collection.table_model import Column, ListTableModel
from viewer.ui.collection.view import (
    CLUSTER_HEADING_TIPS,
    CLUSTER_HEADINGS,
    OPENED_CLUSTERS,
    TARGET_ROLE,
    CollectionView,
    add_members,
    pair_filter,
)


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
        accept = pair_filter(data, None, *bounds, 0.0, "")
        assert accept is not None
        assert [(p.a, p.b) for p in data.pairs if accept(p)] == [("d1", "d2")], bounds


def uses(doc_id: str, count: int) -> dict[str, Any]:
    return {"doc": doc_id, "spans": [[k * 10, k * 10 + 5] for k in range(count)]}


def formulation(phrase: str, *occurrences: dict[str, Any]) -> dict[str, Any]:
    return {"phrase": phrase, "variants": [], "documents": len(occurrences),
            "count": sum(len(o["spans"]) for o in occurrences),
            "occurrences": list(occurrences), "first": {"doc": occurrences[0]["doc"]}}


def test_the_timeline_says_how_many_uses_it_leaves_out_undated_as_the_report_does(
        view) -> None:  # type: ignore[no-untyped-def]
    from viewer.export.collection_model import build_report

    documents = [doc("d1", "2023-03-01"), doc("d2", "2023-05-01"), doc("u1"), doc("u2")]
    phrases = [formulation("Xi Jinping", uses("d1", 28), uses("d2", 14), uses("u1", 11)),
               formulation("information technology", uses("d1", 5), uses("u2", 20)),
               formulation("dated only", uses("d1", 2), uses("d2", 1))]
    view.show_collection(collection(documents, formulations=phrases))
    view.tabs.setCurrentWidget(view.formulations_page)
    report = build_report({"version": 1, "kind": "collection",
                           "documents": [{"id": d.id, "date": d.date} for d in documents],
                           "formulations": phrases})
    assert report.formulations.rows[0].timeline.undated_text == "11 undated"
    assert view.undated_uses_label.isVisible()
    assert view.undated_uses_label.text() == "Not in the chart: 11 undated"
    view.formulations_table.selectAll()
    assert view.undated_uses_label.text() == (
        "Not in the chart: 11 undated (“Xi Jinping”), 20 undated (“information technology”)")
    view.formulations_table.selectRow(2)
    assert not view.undated_uses_label.isVisible()


def _month_label_boxes(chart) -> list[tuple[QRectF, str]]:  # type: ignore[no-untyped-def]
    """Where the timeline's month axis draws each of its texts, and the text (pyqtgraph
    drops those it finds out of bounds when it lays them out)."""
    from PySide6.QtGui import QImage, QPainter

    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = chart.getAxis("bottom").generateDrawSpecs(painter)
    finally:
        painter.end()
    return [(box, text) for box, _, text in specs[2]]


def _drawn_month_labels(chart) -> list[str]:  # type: ignore[no-untyped-def]
    """The texts the timeline's month axis draws."""
    return [text for _, text in _month_label_boxes(chart)]


@pytest.mark.parametrize("width", [1400, 800])
def test_the_timeline_labels_its_first_and_last_months(view, qtbot, width) -> None:  # type: ignore[no-untyped-def]
    documents = [doc(f"d{m}", f"{2019 + m // 12}-{m % 12 + 1:02d}-05") for m in range(36)]
    view.show_collection(collection(
        documents, formulations=[formulation("a phrase", *(uses(d.id, 1) for d in documents))]))
    view.resize(width, 600)
    view.tabs.setCurrentWidget(view.formulations_page)
    qtbot.wait(50)
    drawn = _drawn_month_labels(view.timeline)
    assert drawn[0] == "2019-01" and drawn[-1] == "2021-12"
    assert len(drawn) > 2


def test_the_last_month_label_takes_the_place_of_one_it_would_run_into() -> None:
    from viewer.ui.collection.timeline import labelled_months

    assert labelled_months(36, 4, 3)[-2:] == [32, 35]  # three months apart: room for both
    assert labelled_months(35, 6, 5)[-2:] == [24, 34]  # 30 would run into 34
    assert labelled_months(1, 1, 1) == [0] and labelled_months(2, 5, 5) == [0, 1]


@pytest.mark.parametrize("width", [1400, 800])
def test_the_legend_tells_apart_phrases_that_begin_alike(view, qtbot, width) -> None:  # type: ignore[no-untyped-def]
    documents = [doc(f"d{m}", f"2020-{m + 1:02d}-01") for m in range(6)]
    phrases = ["establishing system and nation", "establishing comprehensive strategy",
               "establishing important strategic consensus and nation",
               "establishing important strategic consensus and frontier",
               "the civil coordination and integrated initiative of the inclusive transition",
               "the civil coordination and integrated initiative of the open transition"]
    view.show_collection(collection(documents, formulations=[
        formulation(p, *(uses(d.id, k + 1) for d in documents)) for k, p in enumerate(phrases)]))
    view.resize(width, 600)
    view.tabs.setCurrentWidget(view.formulations_page)
    qtbot.wait(50)
    chart = view.timeline
    rows = view.formulations_table.selectionModel()
    # Two lines: told apart by their ends where their columns cut them.
    rows.select(view.formulations_model.index(1, 0), rows.SelectionFlag.Select
                | rows.SelectionFlag.Rows)
    names = chart.legend_names()
    assert names[0] != names[1]
    if width == 1400:  # the chart has room for their whole names
        assert names == phrases[:2]
    # Six: cut to their columns, but no two alike.
    view.formulations_table.selectAll()
    names = chart.legend_names()
    assert len(names) == len(set(names)) == 6
    assert all(name == phrase or "…" in name for name, phrase in zip(names, phrases,
                                                                      strict=True))


def test_names_cut_alike_lose_their_common_words_then_are_numbered() -> None:
    from viewer.ui.collection.timeline import distinct_names

    def middle(name: str) -> str:
        return name if len(name) <= 12 else name[:5] + "…" + name[-6:]

    assert distinct_names(["civil work of the open transition",
                           "civil work of the fair transition", "short"], middle) == [
        "…open…sition", "…fair…sition", "short"]

    def end(name: str) -> str:
        return name if len(name) <= 4 else "…" + name[-3:]

    assert distinct_names(["same a end", "same b end", "other"], end) == [
        "1. …end", "2. …end", "…her"]


@pytest.mark.parametrize("width", [1400, 800])
def test_a_long_title_in_the_uses_list_is_cut_and_keeps_date_and_count(
        view, qtbot, width) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage

    long_title = "There are many influences on aesthetic qualities " * 4
    documents = [doc("d1", "2019-09-16", long_title), doc("d2", "2019-10-01")]
    phrase = formulation("a phrase", uses("d1", 3), uses("d2", 1))
    view.show_collection(collection(documents, formulations=[phrase]))
    view.resize(width, 600)
    view.tabs.setCurrentWidget(view.formulations_page)
    view.list_uses(phrase)
    qtbot.wait(50)
    listed = view.uses_list
    assert listed.item(0).text().endswith("×3")
    # Nothing out of view to the right: the line is cut to the list's width.
    assert listed.horizontalScrollBar().maximum() == 0
    # The end of the line ("×3") is drawn at the list's right edge, not past it.
    image = QImage(listed.viewport().size(), QImage.Format.Format_ARGB32)
    listed.viewport().render(image)
    row = listed.visualItemRect(listed.item(0))
    background = image.pixelColor(image.width() - 1, row.top())
    drawn = [x for x in range(image.width()) for y in range(row.top(), row.bottom())
             if image.pixelColor(x, y) != background]
    assert drawn and max(drawn) > image.width() - 40


def _cluster(ident: int, first: str, *docs: str) -> dict[str, Any]:
    return {"id": ident, "first": first,
            "passages": [{"doc": d, "span": [100 * k, 100 * k + 80]} for k, d in enumerate(docs)]}


def _click_heading(qtbot, tree, column: int) -> None:  # type: ignore[no-untyped-def]
    header = tree.header()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(column) + 5, 5))


def test_clusters_have_headings_and_sort_by_size_and_back_to_their_own_order(
        view, qtbot) -> None:  # type: ignore[no-untyped-def]
    documents = [doc(f"d{k}", f"2020-0{k + 1}-01") for k in range(6)]
    clusters = [_cluster(1, "d0", "d0", "d1"), _cluster(2, "d1", "d1", "d2", "d3", "d4"),
                _cluster(3, "d2", "d2", "d3", "d4"), _cluster(4, "d3", "d3", "d5")]
    view.show_collection(collection(documents, clusters=clusters))
    view.tabs.setCurrentIndex(2)
    tree = view.clusters_tree
    headings = [tree.headerItem().text(c) for c in range(tree.columnCount())]
    assert all(headings) and len(set(headings)) == len(headings)
    where = headings.index("Where")
    # Spans under "Where", and no cluster number there.
    assert tree.topLevelItem(0).child(1).text(where) == "100–180"
    assert "cluster" not in tree.topLevelItem(0).text(where)

    def order() -> list[str]:
        return [tree.topLevelItem(k).text(headings.index("No."))
                for k in range(tree.topLevelItemCount())]

    # Their own order, the reports': most articles first, then by date.
    assert order() == ["2", "3", "1", "4"]
    _click_heading(qtbot, tree, headings.index("Date"))
    assert order() == ["1", "2", "3", "4"]
    _click_heading(qtbot, tree, headings.index("Date"))
    _click_heading(qtbot, tree, headings.index("Date"))  # a third click: their own order
    assert order() == ["2", "3", "1", "4"]
    size = headings.index("Articles")
    _click_heading(qtbot, tree, size)
    _click_heading(qtbot, tree, size)
    assert tree.header().sortIndicatorSection() == size
    assert order()[:2] == ["2", "3"]  # the most articles first
    # Its articles keep their date order, the source first.
    biggest = tree.topLevelItem(0)
    assert [biggest.child(k).text(1) for k in range(4)] == [d.date for d in documents[1:5]]
    assert biggest.child(0).text(size) == "source"
    _click_heading(qtbot, tree, size)  # a third click: back to their own order
    assert tree.header().sortIndicatorSection() == -1
    assert order() == ["2", "3", "1", "4"]


def test_a_third_click_on_a_heading_brings_back_the_ranking_which_is_named(
        view, qtbot) -> None:  # type: ignore[no-untyped-def]
    from viewer.ui.collection.view import PAIRS_HINT, USES_HINT

    documents = [doc(f"d{k}", f"2020-0{k + 1}-01") for k in range(4)]
    ranked = [pair("d0", "d1", 0.9, 0.8), pair("d2", "d3", 0.2, 0.7), pair("d1", "d2", 0.5, 0.1)]
    phrases = [formulation("best", uses("d0", 1), uses("d1", 2)),
               formulation("second", uses("d0", 5)),
               formulation("third", uses("d0", 1), uses("d1", 1), uses("d2", 1))]
    view.show_collection(collection(documents, ranked, formulations=phrases))
    for table, rows in ((view.pairs_table, ranked), (view.formulations_table, phrases)):
        view.tabs.setCurrentIndex(next(k for k in range(view.tabs.count())
                                       if view.tabs.widget(k).isAncestorOf(table)))
        header = table.horizontalHeader()
        model = table.model()
        for click in range(3):
            qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                             pos=QPoint(header.sectionViewportPosition(2) + 5, 5))
            if click < 2:
                assert model.shown() != rows
        assert header.sortIndicatorSection() == -1
        assert model.shown() == rows
    for hint in (PAIRS_HINT, USES_HINT):
        assert hint.startswith("Ranked, best first.") and "third click" in hint
    assert view.uses_label.text() == USES_HINT


def test_at_800_pixels_every_column_of_the_pairs_tab_is_in_view(view, qtbot) -> None:  # type: ignore[no-untyped-def]
    documents = [doc(f"d{k}", f"2020-0{k + 1}-13", "Reprinted from Capital Review " * 3,
                     series=f"s1{k}") for k in range(4)]
    pairs = [pair("d0", "d1", 0.9951, 1.0), pair("d2", "d3", 0.35, 0.28)]
    view.show_collection(collection(documents, pairs))
    view.resize(800, 600)
    view.tabs.setCurrentIndex(0)
    qtbot.wait(50)
    table = view.pairs_table
    assert table.horizontalScrollBar().maximum() == 0
    last = table.model().columnCount() - 1
    assert table.columnViewportPosition(last) + 30 < table.viewport().width()  # Series
    # The titles keep more room than a figure's column.
    widths = [table.columnWidth(c) for c in range(last + 1)]
    assert min(widths[:2]) > max(widths[2:5])


def test_a_watched_phrase_that_is_also_a_formulation_is_told_apart_in_the_legend(
        view, qtbot) -> None:  # type: ignore[no-untyped-def]
    documents = [doc(f"d{m}", f"2020-{m + 1:02d}-01") for m in range(6)]
    found = formulation("clean energy", *(uses(d.id, 1) for d in documents))
    view.show_collection(collection(documents, formulations=[found]))
    view.show_watched([dict(found)])  # the user watches a phrase the collection lists
    view.tabs.setCurrentWidget(view.formulations_page)
    qtbot.wait(50)
    view.formulations_table.selectAll()
    # Named as their rows are, whole: not "1. …energy" and "2. …energy".
    assert view.timeline.legend_names() == ["clean energy", "clean energy (watch-list)"]


@pytest.mark.parametrize("width", [560, 1400])
def test_the_clusters_text_keeps_room_to_be_read_in_a_small_window(
        view, qtbot, width) -> None:  # type: ignore[no-untyped-def]
    # A small window once left the text column a few pixels: dates and spans, no text.
    # Series named at length: the other columns need more than half of a small window.
    documents = [doc(f"d{k}", f"2020-0{k + 1}-13", f"A long title of article {k} " * 4,
                     series=f"the provincial press, series {k}") for k in range(4)]
    clusters = [_cluster(1, "d0", "d0", "d1", "d2"), _cluster(2, "d1", "d1", "d3")]
    view.show_collection(collection(documents, clusters=clusters))
    view.resize(width, 400)
    view.tabs.setCurrentIndex(2)
    qtbot.wait(50)
    tree = view.clusters_tree
    room = tree.viewport().width()
    assert tree.columnWidth(0) >= room // 2
    columns = range(tree.columnCount())
    if width == 1400:  # room enough: every column in view, the text taking what is left
        assert sum(tree.columnWidth(c) for c in columns) == room
        assert tree.horizontalScrollBar().maximum() == 0
    else:  # the others are scrolled to, sideways
        assert tree.horizontalScrollBar().maximum() > 0


def test_an_undated_use_says_undated_where_the_others_give_their_date(view) -> None:  # type: ignore[no-untyped-def]
    # An undated article's line began with blanks, as though its date had failed to show.
    documents = [doc("d1", "2019-09-16", "Dated"), doc("u1", "", "Undated")]
    phrase = formulation("a phrase", uses("u1", 2), uses("d1", 1))
    view.show_collection(collection(documents, formulations=[phrase]))
    view.list_uses(phrase)
    lines = [view.uses_list.item(k).text() for k in range(view.uses_list.count())]
    assert lines == ["2019-09-16  Dated  ×1", "undated  Undated  ×2"]


def test_headings_that_read_alike_across_tabs_say_what_they_count(view) -> None:  # type: ignore[no-untyped-def]
    # "Words" is the shared passages' in the Pairs tab and the whole article's in the
    # Articles tab: with no tooltip, a pair's 90 words read as an article of 90 words.
    def tips(model) -> dict[str, str]:  # type: ignore[no-untyped-def]
        return {model.headerData(c, Qt.Orientation.Horizontal):
                model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
                for c in range(model.columnCount())}

    pairs, articles = tips(view.pairs_model), tips(view.articles_model)
    assert "share" in pairs["Words"] and "share" not in articles["Words"]
    assert "earlier" in pairs["Direction"]
    assert articles["Shared"] and articles["Pairs"] and articles["Words"]


def test_a_sort_keeps_the_chosen_rows_chosen(view, qtbot) -> None:  # type: ignore[no-untyped-def]
    # The selection stayed at its row numbers while the rows moved: after a sort the
    # formulations table showed another phrase chosen than the chart drew, and Enter in
    # the Pairs tab opened another pair than the one chosen.
    documents = [doc(f"d{k}", f"2020-0{k + 1}-13") for k in range(4)]
    phrases = [formulation(f"phrase {k}", *(uses(d.id, 1) for d in documents[:k + 1]))
               for k in range(4)]
    pairs = [pair("d0", "d1", 0.9, 0.9), pair("d1", "d2", 0.5, 0.5), pair("d2", "d3", 0.2, 0.2)]
    view.show_collection(collection(documents, pairs, formulations=phrases))
    view.tabs.setCurrentWidget(view.formulations_page)
    table = view.formulations_table
    table.selectRow(1)
    chosen = [f["phrase"] for f in view.selected_formulations()]
    table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # most articles first
    assert [f["phrase"] for f in view.selected_formulations()] == chosen == ["phrase 1"]
    assert view.formulations_model.item(table.currentIndex().row())["phrase"] == "phrase 1"
    assert [line[0] for line in view._chart_series] == chosen
    view.tabs.setCurrentIndex(0)
    table = view.pairs_table
    table.selectRow(0)
    table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # least shared first
    requested = []
    view.pair_requested.connect(lambda a, b: requested.append((a, b)))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert requested == [("d0", "d1")]
    # The sort cleared (a third click): still the same rows.
    table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    assert view.pairs_model.item(table.currentIndex().row()) is view.pairs_model.items[0]


def test_the_title_search_reads_full_width_digits_and_either_chinese_script() -> None:
    # Chinese state media write digits full width (１９５８年) and Taiwan or Hong Kong
    # outlets in traditional characters (網絡): a search typed as "1958" or "网络" found
    # neither, where the Find bar and the matcher read them alike.
    documents = [doc("d1", "2019-01-07", "１９５８年１月１３日电记者谢湘"), doc("d2", "2019-02-01"),
                 doc("d3", "2019-03-01", "網絡安全的新篇章"), doc("d4", "2019-04-01"),
                 doc("d5", "2019-05-01", "ＮＥＷＳ digest"), doc("d6", "2019-06-01")]
    data = collection(documents, [pair("d1", "d2"), pair("d3", "d4"), pair("d5", "d6")])
    for typed, found in (("1958", ("d1", "d2")), ("网络", ("d3", "d4")),
                         ("news", ("d5", "d6")), ("１月", ("d1", "d2"))):
        accept = pair_filter(data, None, "", "", 0.0, typed)
        assert accept is not None
        assert [(p.a, p.b) for p in data.pairs if accept(p)] == [found], typed


def test_a_long_watched_phrase_is_not_cut_by_columns_fitted_before_it_came(
        view, qtbot) -> None:  # type: ignore[no-untyped-def]
    documents = [doc(f"d{m}", f"2020-{m % 12 + 1:02d}-01") for m in range(40)]
    # More formulations than the rows a fit measures, all of them short.
    found = [formulation(f"ph {k}", uses(documents[k].id, 1)) for k in range(40)]
    view.show_collection(collection(documents, formulations=found))
    view.tabs.setCurrentWidget(view.formulations_page)
    qtbot.wait(50)
    table = view.formulations_table
    before = table.columnWidth(0)
    watched = formulation("菜篮子工程 for the city's vegetable baskets", uses("d1", 1))
    view.show_watched([watched])  # counted a moment later, appended at the end
    qtbot.wait(50)
    model = view.formulations_model
    row = model.rowCount() - 1
    assert model.data(model.index(row, 0)).endswith("(watch-list)")
    wanted = table.sizeHintForIndex(model.index(row, 0)).width()
    assert wanted > before
    assert table.columnWidth(0) >= wanted
    # Fitted so again when the window is resized.
    view.resize(1300, 800)
    qtbot.wait(50)
    assert table.columnWidth(0) >= wanted


def test_the_articles_tab_tells_how_to_read_an_article(view, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    view.show_collection(collection([doc("d1", "2023-03-01"), doc("d2")]))
    tab = next(view.tabs.widget(k) for k in range(view.tabs.count())
               if view.tabs.tabText(k) == "Articles")
    view.tabs.setCurrentWidget(tab)
    qtbot.wait(20)
    # A line under the table, as the other tabs have one.
    hints = [label.text() for label in tab.findChildren(QLabel) if label.isVisible()]
    assert any("Double-click an article" in text and "Enter" in text for text in hints)
    assert view.articles_table.isVisible()
    # It does what it says: Enter on the chosen row opens that article.
    opened = []
    view.article_requested.connect(lambda ident, spans: opened.append(ident))
    view.articles_table.setFocus()
    view.articles_table.selectRow(1)
    qtbot.keyClick(view.articles_table, Qt.Key.Key_Return)
    assert opened == [view.articles_model.item(1).row.id]


def test_many_lines_leave_the_plot_in_view_the_legend_naming_the_first_and_counting_the_rest(
        view, qtbot) -> None:  # type: ignore[no-untyped-def]
    from viewer.present.wording import LEGEND_NAMED

    documents = [doc(f"d{m}", f"{2019 + m // 12}-{m % 12 + 1:02d}-05") for m in range(24)]
    phrases = [formulation(f"formulation number {k}",
                           *(uses(d.id, 1 + (k + m) % 5) for m, d in enumerate(documents)))
               for k in range(40)]
    view.show_collection(collection(documents, formulations=phrases))
    view.resize(1200, 600)
    view.tabs.setCurrentWidget(view.formulations_page)
    qtbot.wait(50)
    view.formulations_table.selectAll()
    chart = view.timeline
    # Every line is drawn; the legend names the first and counts the others.
    assert len(chart.series) == len(chart.listDataItems()) == 40
    names = chart.legend_names()
    assert len(names) == LEGEND_NAMED + 1
    assert names[-1] == f"and {40 - LEGEND_NAMED} more"
    # The legend leaves most of the plot to the lines, and runs into none of them.
    assert chart.legend.sceneBoundingRect().height() < chart.plotItem.vb.height() / 2
    tops = [point.y() for point in _line_points(chart)]
    assert chart.legend.sceneBoundingRect().bottom() < min(tops)
    # Eight read at once: all named, the eighth (blue again) told from the first by its points.
    view.formulations_table.clearSelection()
    rows = view.formulations_table.selectionModel()
    for row in range(LEGEND_NAMED):
        rows.select(view.formulations_model.index(row, 0),
                    rows.SelectionFlag.Select | rows.SelectionFlag.Rows)
    assert len(chart.legend_names()) == LEGEND_NAMED
    assert not any(name.startswith("and ") for name in chart.legend_names())
    first, eighth = chart.listDataItems()[0], chart.listDataItems()[7]
    assert first.opts["symbol"] != eighth.opts["symbol"]


def test_a_legend_names_the_first_lines_and_counts_the_others() -> None:
    from viewer.present.wording import legend_entries

    assert legend_entries(["a", "b"], 3) == (["a", "b"], "")
    assert legend_entries(["a", "b", "c"], 3) == (["a", "b", "c"], "")
    assert legend_entries([str(k) for k in range(1062)], 2) == (["0", "1"], "and 1,060 more")


def test_a_pair_with_an_article_of_no_series_names_it_as_the_boilerplate_tab_does(
        view) -> None:  # type: ignore[no-untyped-def]
    # An article at the top of a folder has no series: a pair of it and one of a sub-folder
    # read " / peoples", a slash after nothing, where the Boilerplate tab says "(none)".
    # Two such articles are "(none)" too, as the Series filter names them; in a folder
    # without sub-folders there is no series to name.
    documents = [doc("top", "2022-05-07", series=""), doc("p1", "2023-03-02", series="peoples"),
                 doc("x1", "2022-03-01", series="xinhua"), doc("top2", "2022-06-01", series="")]
    view.show_collection(collection(documents, [pair("top", "p1"), pair("x1", "top"),
                                                pair("top", "top2"), pair("x1", "p1")]))
    model = view.pairs_model
    series = {(model.item(r).a, model.item(r).b): model.index(r, 8).data()
              for r in range(model.rowCount())}
    assert model.headerData(8, Qt.Orientation.Horizontal) == "Series"
    assert series == {("top", "p1"): "(none) / peoples", ("x1", "top"): "xinhua / (none)",
                      ("top", "top2"): "(none)", ("x1", "p1"): "xinhua / peoples"}
    view.show_collection(collection(documents[:1] + documents[3:], [pair("top", "top2")]))
    assert model.index(0, 8).data() == ""


def _widest_cell(table: QTableView, column: int) -> int:
    """The width the widest cell of `column` asks for, all rows measured."""
    model = table.model()
    return max(table.sizeHintForIndex(model.index(row, column)).width()
               for row in range(model.rowCount()))


def test_in_a_wide_window_titles_and_phrases_are_not_cut_while_room_is_left(
        view, qtbot) -> None:  # type: ignore[no-untyped-def]
    # Every fitted column was capped at 320 px whatever the width: at 2400 px the titles
    # and formulations were cut in the middle while the last column stretched over a
    # thousand empty pixels.
    documents = [doc(f"d{k}", f"2020-0{k + 1}-13",
                     f"The report of the Congress on building a network power, part {k} " * 2)
                 for k in range(4)]
    found = [formulation("Party Central Committee with Comrade Xi Jinping at its core, "
                         "the great rejuvenation", uses("d1", 2), uses("d2", 1))]
    view.show_collection(collection(documents, [pair("d0", "d1"), pair("d2", "d3")],
                                    formulations=found))
    view.resize(2400, 900)
    for tab, table, columns in ((0, view.pairs_table, (0, 1)),
                                (1, view.formulations_table, (0,))):
        view.tabs.setCurrentIndex(tab)
        qtbot.wait(50)
        for column in columns:
            whole = _widest_cell(table, column)
            assert whole > 400  # wider than the old cap: the case this is about
            assert table.columnWidth(column) >= whole, (table.objectName(), column)
        assert table.horizontalScrollBar().maximum() == 0


def test_the_summary_shows_a_collections_name_as_written_even_with_markup_characters(
        view) -> None:  # type: ignore[no-untyped-def]
    # The summary is rich text (the name in bold): a folder named "Q&A <draft>" lost its
    # "<draft>" (read as a tag) and "R&amp;D" showed as "R&D".
    for name in ("Q&A <draft> 2023", "R&amp;D notes"):
        view.show_collection(replace(collection([doc("d1"), doc("d2")]), name=name))
        shown = QTextDocument()
        shown.setHtml(view.summary.text())
        assert shown.toPlainText().startswith(f"{name} · 2 articles"), shown.toPlainText()


def test_the_articles_of_no_series_can_be_filtered_on_as_the_table_names_them(
        view) -> None:  # type: ignore[no-untyped-def]
    # Articles at the top of a folder have no series, beside those of its sub-folders: the
    # table names theirs "(none)", but the Series filter offered only the named series.
    documents = [doc("top1", series=""), doc("top2", series=""), doc("w1", series="wire"),
                 doc("w2", series="wire"), doc("g1", series="gazette")]
    pairs = [pair("top1", "top2"), pair("top1", "w1"), pair("w1", "w2"), pair("w2", "g1")]
    view.show_collection(collection(documents, pairs))
    choices = [view.series_filter.itemText(k) for k in range(view.series_filter.count())]
    assert choices == ["All series", "gazette", "wire", "(none)"]
    view.series_filter.setCurrentIndex(choices.index("(none)"))
    shown = view.pairs_model.shown()
    assert [(p.a, p.b) for p in shown] == [("top1", "top2"), ("top1", "w1")]
    series = [view.pairs_model.index(row, 8).data() for row in range(len(shown))]
    assert series == ["(none)", "(none) / wire"]  # as the filter names them
    assert view.pairs_count.text() == "2 of 4 pairs"
    # Read again (its store written while shown), the choice stays as the reader left it.
    view.show_collection(collection(documents, pairs), again=True)
    assert view.series_filter.currentText() == "(none)"
    assert len(view.pairs_model.shown()) == 2
    view.series_filter.setCurrentIndex(0)
    assert len(view.pairs_model.shown()) == 4
    # A collection whose articles all have no series has no "(none)" to choose: it is all.
    view.show_collection(collection(documents[:2], pairs[:1]))
    assert view.series_filter.count() == 1


def test_a_collection_shown_anew_lists_every_series_whatever_was_chosen_before(
        view) -> None:  # type: ignore[no-untyped-def]
    documents = [doc("top1", series=""), doc("w1", series="wire"), doc("w2", series="wire")]
    pairs = [pair("top1", "w1"), pair("w1", "w2")]
    view.show_collection(collection(documents, pairs))
    view.series_filter.setCurrentIndex(view.series_filter.findData(""))
    view.show_collection(collection(documents, pairs))
    assert view.series_filter.currentText() == "All series"
    assert len(view.pairs_model.shown()) == 2


class _ClickActivates(QProxyStyle):
    """A platform that activates an item on one click (KDE's single-click setting)."""

    def styleHint(self, hint, *rest):  # type: ignore[no-untyped-def]  # noqa: N802 (Qt override)
        if hint == QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick:
            return 1
        return super().styleHint(hint, *rest)


def test_a_click_on_a_clusters_article_opens_it_once_where_a_click_activates_too(
        view, qtbot) -> None:  # type: ignore[no-untyped-def]
    # The tree opened an article on `itemClicked` and on `itemActivated`: where a click
    # activates an item, one click read the pair twice (two comparisons of it).
    documents = [doc(f"d{k}", f"2020-0{k + 1}-01") for k in range(3)]
    view.show_collection(collection(documents, clusters=[_cluster(1, "d0", "d0", "d1", "d2")]))
    view.tabs.setCurrentIndex(2)
    tree = view.clusters_tree
    requested: list[tuple[str, str, int, int]] = []
    view.passage_requested.connect(lambda *asked: requested.append(asked))
    style = _ClickActivates()
    style.setParent(tree)  # kept as long as the tree
    for activates in (False, True):
        if activates:
            tree.setStyle(style)
        assert bool(tree.style().styleHint(
            QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick, None, tree)) == activates
        requested.clear()
        member = tree.topLevelItem(0).child(2)
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                         pos=tree.visualItemRect(member).center())
        assert [asked[:2] for asked in requested] == [("d0", "d2")], activates
        requested.clear()
        tree.setCurrentItem(member)
        qtbot.keyClick(tree, Qt.Key.Key_Return)  # Enter opens it too, once
        assert [asked[:2] for asked in requested] == [("d0", "d2")], activates


def test_tab_and_shift_tab_leave_every_table_and_ctrl_tab_goes_to_the_next_tab(
        view, qtbot) -> None:  # type: ignore[no-untyped-def]
    # Tab walked a table's cells round and round: a reader on the keyboard, once in a
    # table, never got back to the filters or the tab bar.
    view.show_collection(collection([doc("d1", "2023-03-01"), doc("d2", "2023-04-01")],
                                    [pair("d1", "d2")]))
    view.window().activateWindow()
    tables = (view.pairs_table, view.formulations_table, view.articles_table,
              view.boilerplate_table)
    for table in tables:
        page = next(k for k in range(view.tabs.count())
                    if view.tabs.widget(k).isAncestorOf(table))
        for key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            view.tabs.setCurrentIndex(page)
            table.setFocus()
            qtbot.waitUntil(table.hasFocus)
            qtbot.keyClick(table, key)
            assert not table.hasFocus(), (table.objectName(), key)
    view.tabs.setCurrentIndex(0)
    view.pairs_table.setFocus()
    qtbot.waitUntil(view.pairs_table.hasFocus)
    qtbot.keyClick(view.pairs_table, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert view.tabs.currentIndex() == 1


def test_tab_passes_over_the_timeline_chart_which_answers_no_key(
        view, qtbot) -> None:  # type: ignore[no-untyped-def]
    # The chart (no mouse zoom, no menu: a picture) took a Tab stop of its own, where a
    # key did nothing and nothing showed the focus: the keyboard seemed lost there.
    documents = [doc("d1", "2023-03-01"), doc("d2", "2023-05-01"), doc("d3", "2023-06-01")]
    view.show_collection(collection(documents, formulations=[
        formulation("open transition", uses("d1", 2), uses("d2", 1), uses("d3", 4))]))
    view.tabs.setCurrentWidget(view.formulations_page)
    chart = view.timeline
    assert chart.isVisible()
    view.window().activateWindow()
    view.formulations_table.setFocus()
    qtbot.waitUntil(view.formulations_table.hasFocus)
    stops = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        stops.append(QApplication.focusWidget())
    assert view.uses_list in stops
    assert not any(stop is chart or chart.isAncestorOf(stop) for stop in stops)


def test_the_pair_filters_and_the_lists_are_named_for_a_screen_reader(view, qtbot) -> None:  # type: ignore[no-untyped-def]
    # The filters' labels were not their buddies, and two fields had none: a screen reader
    # announced nameless text fields and tables, and Alt and a letter reached no filter.
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QLabel

    view.show_collection(collection([doc("d1", "2023-03-01"), doc("d2")], [pair("d1", "d2")]))
    labels = {label.buddy(): label.text() for label in view.findChildren(QLabel)
              if label.buddy() is not None}
    for field in (view.series_filter, view.date_from, view.min_share):
        assert "&" in labels.get(field, ""), field.objectName()
    for widget in (view.date_from, view.date_to, view.min_share, view.title_search,
                   view.pairs_table, view.formulations_table, view.uses_list,
                   view.clusters_tree, view.articles_table, view.boilerplate_table):
        name = QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)
        assert name.strip(), widget.objectName()
    # Alt and the label's letter takes the keyboard to its field.
    view.window().activateWindow()
    view.pairs_table.setFocus()
    qtbot.waitUntil(view.pairs_table.hasFocus)
    qtbot.keyClick(view.pairs_table, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert view.min_share.hasFocus()


def test_the_skipped_link_opens_from_the_keyboard(view, qtbot) -> None:  # type: ignore[no-untyped-def]
    # The link to what was skipped took no focus: only a mouse could open the list.
    data = replace(collection([doc("d1", "2023-03-01"), doc("d2")], [pair("d1", "d2")]),
                   skipped=[{"path": "broken.docx", "reason": "not a Word file"}])
    view.show_collection(data)
    asked = []
    view.skipped_requested.connect(lambda: asked.append(True))
    view.window().activateWindow()
    view.pairs_table.setFocus()
    qtbot.waitUntil(view.pairs_table.hasFocus)
    for _ in range(10):  # Tab on round the view until the link has the focus
        if view.skipped_link.hasFocus():
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert view.skipped_link.hasFocus()
    qtbot.keyClick(view.skipped_link, Qt.Key.Key_Return)
    assert asked == [True]
    # And the next Tab moves on.
    qtbot.keyClick(view.skipped_link, Qt.Key.Key_Tab)
    assert not view.skipped_link.hasFocus()
    # With nothing skipped, Tab never stops on an empty link.
    view.show_collection(collection([doc("d1", "2023-03-01"), doc("d2")], [pair("d1", "d2")]))
    assert not view.skipped_link.isVisible()


@pytest.mark.parametrize("dark", [False, True])
def test_every_timeline_line_is_seen_on_a_light_and_a_dark_background(
        view, qtbot, dark) -> None:  # type: ignore[no-untyped-def]
    # The seventh line was Okabe-Ito's yellow, 1.3:1 on a light chart's white: with seven
    # formulations chosen, one line and its legend swatch were all but unseen.
    from PySide6.QtGui import QColor, QPalette

    from tests.present.test_present_palette import _contrast

    if dark:
        palette = QPalette()
        for role, colour in ((QPalette.ColorRole.Base, "#1e1e1e"),
                             (QPalette.ColorRole.Text, "#e0e0e0")):
            palette.setColor(role, QColor(colour))
        view.setPalette(palette)
    documents = [doc(f"d{m}", f"2020-{m + 1:02d}-01") for m in range(6)]
    phrases = [f"phrase number {k}" for k in range(8)]  # as many as the legend names
    view.show_collection(collection(documents, formulations=[
        formulation(p, *(uses(d.id, k + 1) for d in documents)) for k, p in enumerate(phrases)]))
    view.tabs.setCurrentWidget(view.formulations_page)
    qtbot.wait(20)
    view.formulations_table.selectAll()
    chart = view.timeline
    behind = chart.palette().color(QPalette.ColorRole.Base).name()
    drawn = [item.opts["pen"].color().name() for item in chart.plotItem.listDataItems()]
    assert len(drawn) == len(phrases)
    # The palette's weakest on white (orange, sky blue) are 2.2:1, seen at once as thick
    # lines with their points; the yellow was 1.3:1.
    assert all(_contrast(colour, behind) >= 2 for colour in drawn), (drawn, behind)
    # Still told apart: no two named lines alike in colour and points.
    shapes = [(item.opts["pen"].color().name(), item.opts["symbol"])
              for item in chart.plotItem.listDataItems()]
    assert len(set(shapes)) == len(shapes)


def test_a_date_bound_that_is_no_date_is_said_in_words_a_screen_reader_reads(
        view, qtbot) -> None:  # type: ignore[no-untyped-def]
    # "2019-13" in the from-date got a red border and a tooltip only, and the filter was
    # dropped without a word: a reader who cannot see the border saw all pairs listed.
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QLabel

    view.show_collection(collection([doc("d1", "2019-03-01"), doc("d2", "2019-04-01"),
                                     doc("d3", "2018-05-01"), doc("d4", "2018-06-01")],
                                    [pair("d1", "d2"), pair("d3", "d4")]))

    def said() -> str:
        """What the Pairs tab's lines say."""
        return " ".join(label.text() for label in view.findChildren(QLabel)
                        if label.isVisible())

    def description(field) -> str:  # type: ignore[no-untyped-def]
        return QAccessible.queryAccessibleInterface(field).text(
            QAccessible.Text.Description)

    view.date_from.setText("2019-13")
    assert view.pairs_count.text() == "2 pairs"  # not applied
    assert "from-date 2019-13 is not a date (YYYY-MM-DD): not applied" in said()
    assert "not a date" in description(view.date_from).casefold()
    view.date_to.setText("2019-02-30")
    assert "to-date 2019-02-30 is not a date" in said()
    # Once a date, applied, and nothing more is said of it.
    view.date_from.setText("2019")
    assert view.pairs_count.text() == "1 of 2 pairs"
    assert "from-date" not in said()
    view.date_to.setText("2019-12")
    assert view.pairs_count.text() == "1 of 2 pairs"
    assert "not a date" not in said()
    for field in (view.date_from, view.date_to):
        assert "not a date" not in description(field).casefold()
    # Dates the wrong way round: no pair, and the line says why.
    view.date_from.setText("2020")
    view.date_to.setText("2019-12")
    assert view.pairs_count.text() == "0 of 2 pairs"
    assert "from-date 2020 is later than the to-date 2019-12" in said()
    view.date_from.setText("2019")
    assert view.pairs_count.text() == "1 of 2 pairs"
    assert "later than" not in said()


def _sort_entries(qtbot, view, widget) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Shift+F10 on `widget`: the entries of the menu it opens, by their text."""
    from PySide6.QtWidgets import QMenu

    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    popup = QApplication.activePopupWidget()
    assert isinstance(popup, QMenu), "Shift+F10 opened no menu"
    return {action.iconText(): action for action in popup.actions() if action.isCheckable()}


@pytest.mark.qt_log_ignore(  # what the offscreen platform says of a menu it pops up
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints\(\))")
def test_the_keyboard_sorts_a_list_by_any_column_and_back(view, qtbot) -> None:  # type: ignore[no-untyped-def]
    # A heading takes no focus: a reader on the keyboard could not sort Pairs by Words,
    # nor the clusters by their size; only a click on a heading sorted a list.
    documents = [doc(f"d{k}", f"2020-0{k + 1}-01") for k in range(6)]
    ranked = [PairRow("d0", "d1", 0.9, 0.8, 40, []), PairRow("d2", "d3", 0.2, 0.7, 300, []),
              PairRow("d1", "d2", 0.5, 0.1, 120, [])]
    clusters = [_cluster(1, "d0", "d0", "d1"), _cluster(2, "d1", "d1", "d2", "d3", "d4")]
    view.show_collection(collection(documents, ranked, clusters))
    view.window().activateWindow()
    table, model = view.pairs_table, view.pairs_model
    entries = _sort_entries(qtbot, view, table)
    headings = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(9)]
    assert set(headings) < set(entries)
    assert [name for name, action in entries.items() if action.isChecked()] == [
        "Ranking (best first)"]
    entries["Words"].trigger()
    QApplication.activePopupWidget().close()
    assert [p.words for p in model.shown()] == [40, 120, 300]
    assert table.horizontalHeader().sortIndicatorSection() == headings.index("Words")
    # The Menu key (a context menu asked for from the keyboard) offers the same.
    table.selectRow(1)
    QApplication.sendEvent(table.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, QPoint(5, 5), table.viewport().mapToGlobal(
            QPoint(5, 5))))
    popup = QApplication.activePopupWidget()
    entries = {action.iconText(): action for action in popup.actions() if action.isCheckable()}
    assert entries["Words"].isChecked() and not entries["Reverse order"].isChecked()
    entries["Reverse order"].trigger()
    popup.close()
    assert [p.words for p in model.shown()] == [300, 120, 40]
    _sort_entries(qtbot, view, table)["Ranking (best first)"].trigger()
    QApplication.activePopupWidget().close()
    assert model.shown() == ranked
    assert table.horizontalHeader().sortIndicatorSection() == -1
    # The clusters, by size, by date and back to their own order (most articles first).
    view.tabs.setCurrentIndex(2)
    tree = view.clusters_tree
    tree.setCurrentItem(tree.topLevelItem(0))
    _sort_entries(qtbot, view, tree)["Articles"].trigger()
    QApplication.activePopupWidget().close()
    _sort_entries(qtbot, view, tree)["Reverse order"].trigger()
    QApplication.activePopupWidget().close()
    assert [tree.topLevelItem(k).text(5) for k in range(2)] == ["2", "1"]
    _sort_entries(qtbot, view, tree)["Date"].trigger()
    QApplication.activePopupWidget().close()
    assert [tree.topLevelItem(k).text(5) for k in range(2)] == ["1", "2"]
    _sort_entries(qtbot, view, tree)[CLUSTER_ORDER_NAME].trigger()
    QApplication.activePopupWidget().close()
    assert [tree.topLevelItem(k).text(5) for k in range(2)] == ["2", "1"]


def test_an_empty_boilerplate_tab_says_none_was_found_as_the_other_tabs_do(view) -> None:  # type: ignore[no-untyped-def]
    # A collection of one folder (no series) has no boilerplate: its tab showed an empty
    # table under the headings, which looks broken, where Pairs and Formulations say why.
    from PySide6.QtWidgets import QLabel

    def said() -> str:
        page = view.boilerplate_table.parentWidget()
        return " ".join(label.text() for label in page.findChildren(QLabel))

    data = collection([doc("d1", "2023-03-01"), doc("d2", "2023-04-01")], [pair("d1", "d2")])
    view.show_collection(data)
    assert "No boilerplate" in said()
    line = {"series": "s1", "text": "Editor in charge: Wang Lin", "documents": 2}
    view.show_collection(replace(data, boilerplate=[line]))
    assert "No boilerplate" not in said()
    assert "Lines repeated across the articles of one series" in said()


def test_undated_rows_sort_last_by_a_date_whichever_way(view) -> None:  # type: ignore[no-untyped-def]
    # Sorted by "First seen" (or a date) ascending, the formulations whose uses are all
    # undated came first, as though they were the oldest; undated is no date at all.
    documents = [doc("d1", "2020-03-01"), doc("d2", "2020-01-01"), doc("u1"), doc("u2")]
    phrases = [{**formulation(name, uses(first, 1)), "first": {"doc": first, "date": date}}
               for name, first, date in (("undated one", "u1", ""),
                                         ("march", "d1", "2020-03-01"),
                                         ("january", "d2", "2020-01-01"))]
    pairs = [pair("u1", "u2"), pair("d1", "u1"), pair("d1", "d2")]
    view.show_collection(collection(documents, pairs, formulations=phrases))

    def column(model, heading: str) -> int:  # type: ignore[no-untyped-def]
        return next(c for c in range(model.columnCount())
                    if model.headerData(c, Qt.Orientation.Horizontal) == heading)

    ascending, descending = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
    table, model = view.formulations_table, view.formulations_model
    table.sortByColumn(column(model, "First seen"), ascending)
    assert [f["phrase"] for f in model.shown()] == ["january", "march", "undated one"]
    table.sortByColumn(column(model, "First seen"), descending)
    assert [f["phrase"] for f in model.shown()] == ["march", "january", "undated one"]
    table, model = view.articles_table, view.articles_model
    for order, dated in ((ascending, ["d2", "d1"]), (descending, ["d1", "d2"])):
        table.sortByColumn(column(model, "Date"), order)
        assert [a.row.id for a in model.shown()] == [*dated, "u1", "u2"]
    table, model = view.pairs_table, view.pairs_model
    for order in (ascending, descending):
        table.sortByColumn(column(model, "Date B"), order)
        assert [(p.a, p.b) for p in model.shown()][-2:] == [("u1", "u2"), ("d1", "u1")]


def test_an_undated_articles_date_cell_says_undated_in_every_tab(view) -> None:  # type: ignore[no-untyped-def]
    # The Articles, Pairs and Clusters tabs left an undated article's Date cell blank, as
    # though its date had failed to show, where its lists of uses say "undated".
    documents = [doc("d1", "2020-03-01"), doc("u1"), doc("u2")]
    view.show_collection(collection(documents, [pair("d1", "u1")],
                                    clusters=[_cluster(1, "u1", "u1", "u2")]))

    def cells(model, heading: str) -> list[str]:  # type: ignore[no-untyped-def]
        column = next(c for c in range(model.columnCount())
                      if model.headerData(c, Qt.Orientation.Horizontal) == heading)
        return [model.index(row, column).data() for row in range(model.rowCount())]

    assert cells(view.articles_model, "Date") == ["2020-03-01", "undated", "undated"]
    assert cells(view.pairs_model, "Date A") + cells(view.pairs_model, "Date B") == [
        "2020-03-01", "undated"]
    tree = view.clusters_tree
    date = [tree.headerItem().text(c) for c in range(tree.columnCount())].index("Date")
    cluster = tree.topLevelItem(0)
    assert [cluster.text(date)] + [cluster.child(k).text(date) for k in range(2)] == [
        "undated"] * 3


def test_undated_clusters_sort_last_by_date_whichever_way(view, qtbot) -> None:  # type: ignore[no-untyped-def]
    # Sorted by Date descending, the clusters whose source is undated came first, their
    # key being "9999": having no date is being neither earliest nor latest.
    documents = [doc("d1", "2020-03-01"), doc("d2", "2020-01-01"), doc("d3", "2020-05-01"),
                 doc("u1"), doc("u2"), doc("u3")]
    clusters = [_cluster(1, "d2", "d2", "u1"), _cluster(2, "d1", "d1", "d3"),
                _cluster(3, "u1", "u1", "u2"), _cluster(4, "u2", "u2", "u3")]
    view.show_collection(collection(documents, clusters=clusters))
    view.tabs.setCurrentIndex(2)
    tree = view.clusters_tree
    headings = [tree.headerItem().text(c) for c in range(tree.columnCount())]

    def order() -> list[str]:
        return [tree.topLevelItem(k).text(headings.index("No."))
                for k in range(tree.topLevelItemCount())]

    date = headings.index("Date")
    _click_heading(qtbot, tree, date)
    orders = {tree.header().sortIndicatorOrder(): order()}
    _click_heading(qtbot, tree, date)
    orders[tree.header().sortIndicatorOrder()] = order()
    assert orders == {Qt.SortOrder.AscendingOrder: ["1", "2", "3", "4"],
                      Qt.SortOrder.DescendingOrder: ["2", "1", "3", "4"]}
    # Each cluster's articles keep their date order, undated last.
    first = next(tree.topLevelItem(k) for k in range(4) if tree.topLevelItem(k).text(
        headings.index("No.")) == "1")
    assert [first.child(k).text(date) for k in range(2)] == ["2020-01-01", "undated"]


def test_short_columns_show_their_longest_cell_whole_wherever_its_row_is(
        view, qtbot) -> None:  # type: ignore[no-untyped-def]
    # Qt sizes a column by its first rows only: an id, a series or a figure longer than
    # theirs further down the list showed cut ("r…0") in a wide window.
    documents = [doc(f"d{k}", "2020-01-01", f"A{k}", series="s" + "e" * (k % 25))
                 for k in range(60)]
    documents.append(doc("rpen03_0417_overseas", "2021-12-31", "A60",
                         series="People's Daily overseas edition"))
    # Fewer characters than many series, but wider: each as wide as two Latin ones.
    documents.append(doc("d61", "2022-01-01", "A61",
                         series="人民日报海外版评论员文章与社论汇编合订本"))
    late = documents[-2].id
    pairs = [pair(documents[k].id, documents[k + 1].id) for k in range(59)]
    pairs.append(replace(pair("d0", late), words=1_234_567))
    found = [formulation(f"ph {k}", uses(documents[k].id, 1)) for k in range(59)]
    found.append({**formulation("ph late", *(uses(d.id, 1) for d in documents)),
                  "count": 1_234_567})
    view.show_collection(collection(documents, pairs, formulations=found))
    view.resize(2400, 900)
    for page, table, columns in ((0, view.pairs_table, (4,)),
                                 (1, view.formulations_table, (2, 3)),
                                 (3, view.articles_table, (1, 2, 3, 4))):
        view.tabs.setCurrentIndex(page)
        qtbot.wait(50)
        for column in columns:
            whole = _widest_cell(table, column)
            assert table.columnWidth(column) >= whole, (table.objectName(), column)
        assert table.horizontalScrollBar().maximum() == 0


def test_a_filter_refits_the_pairs_columns_to_the_pairs_it_lists(
        view, qtbot) -> None:  # type: ignore[no-untyped-def]
    # The Pairs tab's columns were fitted when the collection was shown, to its first rows,
    # and never again: a title search listing pairs further down, whose articles share a
    # title (so the id follows it), showed "Repo…d0417" in a window with room to spare.
    documents = [doc(f"d{k}", "2020-01-01", f"A{k}") for k in range(60)]
    documents += [doc(f"rpen03_{k:04}_overseas", "2021-01-01", "Reprinted commentary")
                  for k in range(2)]
    pairs = [pair(documents[k].id, documents[k + 1].id) for k in range(59)]
    pairs.append(pair(documents[-2].id, documents[-1].id))
    view.show_collection(collection(documents, pairs))
    view.resize(2400, 900)
    qtbot.wait(50)
    table = view.pairs_table
    view.title_search.setText("reprinted")
    assert view.pairs_model.rowCount() == 1
    for column in (0, 1):
        whole = _widest_cell(table, column)
        assert table.columnWidth(column) >= whole, column
    assert table.horizontalScrollBar().maximum() == 0


def test_first_seen_among_partly_dated_articles_says_undated_ones_may_be_earlier(
        view) -> None:  # type: ignore[no-untyped-def]
    # In a partly dated collection "First seen" named the first dated article, with no
    # word of the undated ones using the phrase: any of them may be the earlier.
    documents = [doc("d1", "2023-03-01"), doc("d2", "2023-05-01"), doc("u1"), doc("u2")]
    phrases = [formulation("Xi Jinping", uses("d1", 2), uses("u1", 1), uses("u2", 3)),
               formulation("dated only", uses("d1", 2), uses("d2", 1)),
               formulation("undated only", uses("u1", 2), uses("u2", 1))]
    for phrase in phrases:
        first = phrase["occurrences"][0]["doc"]
        phrase["first"] = {"doc": first, "date": {"d1": "2023-03-01"}.get(first, "")}
    view.show_collection(collection(documents, formulations=phrases))
    model = view.formulations_model
    headings = [model.headerData(c, Qt.Orientation.Horizontal)
                for c in range(model.columnCount())]
    first, undated = headings.index("First seen"), headings.index("Undated")
    cells = {model.item(r)["phrase"]: (model.index(r, first).data(),
                                       model.index(r, first).data(Qt.ItemDataRole.ToolTipRole),
                                       model.index(r, undated).data())
             for r in range(model.rowCount())}
    assert cells == {
        "Xi Jinping": ("2023-03-01 · Article d1",
                       "2023-03-01 · Article d1 (2 undated articles may be earlier)", "2"),
        "dated only": ("2023-03-01 · Article d1", "2023-03-01 · Article d1", "0"),
        "undated only": ("all uses undated", "all uses undated", "2")}
    # Sorted by it, those with the most undated articles first.
    view.formulations_table.sortByColumn(undated, Qt.SortOrder.DescendingOrder)
    assert model.item(model.rowCount() - 1)["phrase"] == "dated only"


def _profiled(action: Callable[[], object], count: Callable[[Any, str, Any], None]) -> None:
    """Run `action` with `count` as the profiler (`sys.setprofile`), then none."""
    sys.setprofile(count)
    try:
        action()
    finally:
        sys.setprofile(None)


def _qt_calls_during(action: Callable[[], object]) -> int:
    """How many calls Python makes into Qt (PySide's methods) while `action` runs."""
    calls = 0

    def count(_frame: object, event: str, function: object) -> None:
        nonlocal calls
        if event == "c_call" and isinstance(getattr(function, "__self__", None),
                                            shiboken6.Shiboken.Object):
            calls += 1

    _profiled(action, count)
    return calls


def test_a_clusters_sort_compares_without_asking_qt_and_keeps_what_is_open_and_chosen(
        view, qtbot) -> None:  # type: ignore[no-untyped-def]
    # Each comparison asked Qt for the sort column and order: a click took 100-300 ms on
    # 1,460 clusters. A sort now asks Qt a fixed number of things, whatever the clusters.
    documents = [doc(f"d{k:03}", f"2020-{k % 12 + 1:02}-{k % 28 + 1:02}" if k % 5 else "")
                 for k in range(400)]
    clusters = [_cluster(k + 1, f"d{k:03}", *(f"d{(k + j) % 400:03}" for j in range(k % 4 + 2)))
                for k in range(400)]
    view.show_collection(collection(documents, clusters=clusters))
    view.tabs.setCurrentIndex(2)
    tree = view.clusters_tree
    size, ident = CLUSTER_HEADINGS.index("Articles"), CLUSTER_HEADINGS.index("No.")
    chosen = tree.topLevelItem(7)
    tree.setCurrentItem(chosen)
    opened = {tree.topLevelItem(k) for k in range(tree.topLevelItemCount())
              if tree.topLevelItem(k).isExpanded()}

    def articles() -> dict[str, list[str]]:
        tops = (tree.topLevelItem(k) for k in range(tree.topLevelItemCount()))
        return {top.text(ident): [top.child(j).text(0) for j in range(top.childCount())]
                for top in tops}

    def sizes() -> list[tuple[int, int]]:
        return [(tree.topLevelItem(k).childCount(), int(tree.topLevelItem(k).text(ident)))
                for k in range(tree.topLevelItemCount())]

    # The articles of half the closed clusters made (as though opened and closed again).
    for k in range(OPENED_CLUSTERS, tree.topLevelItemCount(), 2):
        add_members(tree.topLevelItem(k))
    asked = _qt_calls_during(lambda: _click_heading(qtbot, tree, size))
    assert asked < len(clusters)  # not one per comparison, nor one per cluster
    for k in range(tree.topLevelItemCount()):  # and the rest's made now, sorted
        add_members(tree.topLevelItem(k))
    listed = articles()
    # Fewest articles first, clusters of one size in their own order: by date, undated last.
    dates = {d.id: d.date for d in documents}
    own = {k + 1: (dates[f"d{k:03}"] or "\uffff", f"d{k:03}") for k in range(400)}
    assert sizes() == sorted(sizes(), key=lambda s: (s[0], own[s[1]]))
    _click_heading(qtbot, tree, size)
    assert sizes() == sorted(sizes(), key=lambda s: (-s[0], own[s[1]]))
    # The articles under a cluster keep their (date) order, whichever way, and whenever
    # they were made.
    assert articles() == listed
    assert tree.currentItem() is chosen
    assert {tree.topLevelItem(k) for k in range(tree.topLevelItemCount())
            if tree.topLevelItem(k).isExpanded()} == opened


def test_a_sort_refits_the_columns_to_the_rows_it_brings_into_view(
        view, qtbot) -> None:  # type: ignore[no-untyped-def]
    # The columns were fitted to the rows first listed, and a filter refitted them, but a
    # sort did not: the pair it brought to the top, whose articles share a title (so the
    # ids follow it), showed "Repr…_overseas" in a window with room to spare.
    documents = [doc(f"d{k}", "2020-01-01", f"A{k}") for k in range(60)]
    documents += [doc(f"rpen03_{k:04}_overseas", "2021-01-01", "Reprinted commentary")
                  for k in range(2)]
    pairs = [pair(documents[k].id, documents[k + 1].id, 0.5, 0.5) for k in range(59)]
    pairs.append(pair(documents[-2].id, documents[-1].id, 0.9, 0.9))
    view.show_collection(collection(documents, pairs))
    view.resize(2400, 900)
    qtbot.wait(50)
    table = view.pairs_table
    shares = view.pairs_model.columns.index(
        next(c for c in view.pairs_model.columns if c.header == "% of A"))
    table.sortByColumn(shares, Qt.SortOrder.DescendingOrder)
    assert view.pairs_model.item(0) is pairs[-1]
    for column in (0, 1):
        whole = _widest_cell(table, column)
        assert table.columnWidth(column) >= whole, column
    assert table.horizontalScrollBar().maximum() == 0


def test_a_filter_finds_its_widest_rows_without_reading_every_text_again(qtbot) -> None:  # type: ignore[no-untyped-def]
    # Each keystroke in the title search refits the Pairs tab, and read every pair's
    # series, dates and words again to find the widest: 0.8 s of a keystroke at 50,000
    # pairs. The texts of a list of items are read once; a filter looks at its rows only.
    reads = 0

    def series(item: tuple[int, str]) -> str:
        nonlocal reads
        reads += 1
        return item[1]

    model: ListTableModel[tuple[int, str]] = ListTableModel([Column("Series", series,
                                                                    whole=True)])
    model.set_items([(k, "s" * (k % 7 + 1) + "é" * (k % 2)) for k in range(5000)])
    assert sorted(len(model.item(row)[1]) for row in model.widest_rows(0))[-1] == 8
    read_once = reads
    for most in (3, 5, 2):
        model.set_filter(lambda item, most=most: len(item[1]) <= most)
        widest = [model.item(row)[1] for row in model.widest_rows(0)]
        assert max(map(len, widest)) == most  # the longest of the rows listed
        assert all(len(text) <= most for text in widest)
    assert reads == read_once


def _python_calls_during(action: Callable[[], object], *functions: Callable[..., object]
                         ) -> dict[str, int]:
    """How many times each of `functions` is called while `action` runs, by name."""
    codes = {f.__code__: f.__name__ for f in functions}  # type: ignore[attr-defined]
    calls = dict.fromkeys(codes.values(), 0)

    def count(frame: Any, event: str, _arg: object) -> None:
        if event == "call" and frame.f_code in codes:
            calls[codes[frame.f_code]] += 1

    _profiled(action, count)
    return calls


def _undated_collection() -> CollectionData:
    """Clusters and formulations over articles of which every fifth is undated."""
    documents = [doc(f"d{k:03}", f"2020-{k % 12 + 1:02}-{k % 28 + 1:02}" if k % 5 else "")
                 for k in range(200)]
    clusters = [_cluster(k + 1, f"d{k:03}", *(f"d{(k + j) % 200:03}" for j in range(k % 4 + 2)))
                for k in range(200)]
    phrases = [formulation(f"phrase {k}", *({"doc": f"d{(k + j) % 200:03}", "spans": [[0, 9]]}
                                           for j in range(3 + k % 7)))
               for k in range(30)]
    return collection(documents, clusters=clusters, formulations=phrases)


def test_the_clusters_rows_and_undated_counts_are_worked_out_where_the_store_is_read(
        view) -> None:  # type: ignore[no-untyped-def]
    # A 10,000-article store froze the window a quarter of a second once read: the GUI
    # thread worked out the clusters' members, titles and sort keys, and counted each
    # formulation's undated articles (twice). The read (off the GUI thread) does it now.
    from viewer.present import timeline

    data = _undated_collection()
    calls = _python_calls_during(lambda: view.show_collection(data),
                                 CollectionData.cluster_members, CollectionData.title,
                                 timeline.undated_articles)
    assert calls == {"cluster_members": 0, "title": 0, "undated_articles": 0}
    # What is shown is what was worked out: every cluster, its articles in date order,
    # undated last, and the undated articles of each formulation counted.
    tree = view.clusters_tree
    assert tree.topLevelItemCount() == 200
    # The articles of a cluster, made as it opens, are what was worked out too.
    calls = _python_calls_during(tree.expandAll, CollectionData.cluster_members,
                                 CollectionData.title, timeline.undated_articles)
    assert calls == {"cluster_members": 0, "title": 0, "undated_articles": 0}
    dates = {d.id: d.date for d in data.documents}
    for k in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(k)
        docs = [top.child(j).data(0, TARGET_ROLE)[1] for j in range(top.childCount())]
        later = [dates[d] or "9999" for d in docs[1:]]
        assert later == sorted(later), top.text(5)
        assert top.text(3).startswith(str(len(docs)))
    model, undated = view.formulations_model, 4
    for row in range(model.rowCount()):
        uses = model.item(row)["occurrences"]
        assert model.index(row, undated).data() == str(
            sum(1 for o in uses if not dates[o["doc"]]))


def test_a_collection_shown_fits_the_table_in_sight_and_each_other_as_it_is_shown(
        view) -> None:  # type: ignore[no-untyped-def]
    # Each table was fitted two or three times per show (its reset, its sort put back,
    # the filter, the watch-list's empty count), a tenth of a second each on 10,000
    # articles; then all four once, 60 ms as the collection was shown, three of them out
    # of sight. Each is fitted once, as it comes into sight, to the widths it would have
    # been fitted to then.
    from viewer.ui.collection import column_fit

    data = _undated_collection()
    view.show_collection(data)
    view.pairs_table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    view.formulations_table.sortByColumn(4, Qt.SortOrder.DescendingOrder)

    def again() -> None:
        view.show_collection(data, again=True)
        view.show_watched([])  # an empty watch-list counted

    tables = view.column_fitter.tables
    fitted = []
    for shown in (lambda: view.show_collection(data), again):
        view.tabs.setCurrentIndex(0)
        assert _python_calls_during(shown, column_fit.fit_widths) == {"fit_widths": 1}
        for table in tables[1:]:
            tab = next(k for k in range(view.tabs.count())
                       if view.tabs.widget(k).isAncestorOf(table))
            assert _python_calls_during(lambda tab=tab: view.tabs.setCurrentIndex(tab),
                                        column_fit.fit_widths) == {"fit_widths": 1}
            widths = [table.columnWidth(c) for c in range(table.model().columnCount())]
            view.column_fitter.fit_table(table)  # fitted now, in sight
            assert [table.columnWidth(c) for c in range(table.model().columnCount())] == widths
            # Shown again, it is as it was fitted.
            back = lambda tab=tab: (view.tabs.setCurrentIndex(0),  # noqa: E731
                                    view.tabs.setCurrentIndex(tab))
            assert _python_calls_during(back, column_fit.fit_widths) == {"fit_widths": 0}
        fitted.append({table: [table.columnWidth(c) for c in range(table.model().columnCount())]
                       for table in tables})
    assert fitted[0] == fitted[1]


def test_the_clusters_chosen_and_opened_stay_so_when_the_collection_is_read_again(
        view) -> None:  # type: ignore[no-untyped-def]
    # Its store written while shown (`tandem corpus add`), the collection is read again:
    # the tables kept their rows chosen, but the Clusters tab closed the clusters the
    # reader had opened, opened those closed, and lost the article chosen.
    data = _undated_collection()
    view.show_collection(data)
    tree = view.clusters_tree
    ident = CLUSTER_HEADINGS.index("No.")

    def top(k: int) -> Any:
        return tree.topLevelItem(k)

    def source(item: Any) -> str:
        return item.child(0).data(0, TARGET_ROLE)[0]

    top(0).setExpanded(False)  # one of those open at first, closed
    top(120).setExpanded(True)
    tree.setCurrentItem(top(120).child(1))
    chosen = top(120).child(1).data(0, TARGET_ROLE)
    opened = {source(top(k)) for k in range(tree.topLevelItemCount()) if top(k).isExpanded()}
    # Read again: an article added, a new cluster listed first, every cluster's id another.
    later = collection([*data.documents, doc("new", "2019-01-01")],
                       clusters=[_cluster(1, "new", "new", "d003", "d004", "d005", "d006",
                                          "d007", "d008")]
                       + [{**c, "id": c["id"] + 1} for c in data.clusters],
                       formulations=data.formulations)
    view.show_collection(later, again=True)
    assert top(0).text(ident) == "1" and top(0).isExpanded()  # new: open as the first are
    assert {source(top(k)) for k in range(1, tree.topLevelItemCount())
            if top(k).isExpanded()} == opened
    assert tree.currentItem().data(0, TARGET_ROLE) == chosen
    assert tree.selectedItems() == [tree.currentItem()]
    # Shown anew (another collection, or this one opened again), as at first.
    view.show_collection(later)
    assert [k for k in range(tree.topLevelItemCount()) if top(k).isExpanded()] == list(range(50))
    assert tree.currentItem() is None


def test_rows_chosen_whole_are_chosen_again_in_one_go_when_the_collection_is_read_again(
        view) -> None:  # type: ignore[no-untyped-def]
    # Every article chosen (Ctrl+A) and the store read again: the rows were chosen again
    # one by one, Qt's selection growing a range a row, seconds on the GUI thread for a
    # collection of 10,000 articles.
    data = _undated_collection()
    view.show_collection(data)
    table, formulations = view.articles_table, view.formulations_table
    table.selectAll()
    table.setCurrentIndex(table.model().index(7, 0))
    table.selectAll()
    current = view.articles_model.item(7).row.id
    formulations.selectAll()
    later = collection(list(data.documents), clusters=data.clusters,
                       formulations=[dict(f) for f in data.formulations])
    view.show_collection(later, again=True)
    for chosen, count in ((table, len(later.documents)),
                          (formulations, len(later.formulations))):
        assert len(chosen.selectionModel().selectedRows()) == count
        assert len(chosen.selectionModel().selection()) == 1  # one range, not one a row
    assert view.articles_model.item(table.currentIndex().row()).row.id == current


def test_a_new_view_shows_its_first_collection_without_sorting_it_first(
        view) -> None:  # type: ignore[no-untyped-def]
    # Sorting enabled, each table sorted itself by its first column: the first collection
    # shown was sorted by title (10,000 articles, a fifth of the pause of opening it) and
    # then shown in its own order all the same.
    documents = [doc(f"d{k:04}", "2020-01-01", f"Title {(k * 7919) % 2000:04}")
                 for k in range(2000)]
    title = view.articles_model.columns[0].text
    asked = 0

    def count(frame: object, event: str, _function: object) -> None:
        nonlocal asked
        if event == "call" and getattr(frame, "f_code", None) is title.__code__:
            asked += 1

    _profiled(lambda: view.show_collection(collection(documents)), count)
    model = view.articles_model
    assert [model.item(k).row.id for k in range(model.rowCount())] == [d.id for d in documents]
    assert view.articles_table.horizontalHeader().sortIndicatorSection() == -1
    assert asked < len(documents) / 10  # the rows in view, not every title


def test_a_closed_clusters_articles_are_listed_when_it_is_opened(
        view, qtbot) -> None:  # type: ignore[no-untyped-def]
    # The rows of every cluster's articles were made as a collection was shown: 3,168
    # on 10,000 articles, most under clusters nobody opens, a third of the pause of
    # showing it. Those of a closed cluster are made as it is opened.
    documents = [doc(f"d{k:03}", f"2020-01-{k % 28 + 1:02}") for k in range(400)]

    def clusters(carried: int) -> list[dict[str, Any]]:
        """The first clusters (those open) of eight articles, the others of `carried`."""
        return [_cluster(k + 1, f"d{k:03}", *(f"d{(k + j) % 400:03}" for j in range(
            8 if k < OPENED_CLUSTERS else carried))) for k in range(300)]

    small = _qt_calls_during(lambda: view.show_collection(collection(documents,
                                                                     clusters=clusters(2))))
    big = _qt_calls_during(lambda: view.show_collection(collection(documents,
                                                                   clusters=clusters(6))))
    assert big == small  # the closed clusters' articles cost nothing until opened
    tree = view.clusters_tree
    closed = tree.topLevelItem(OPENED_CLUSTERS + 10)
    assert not closed.isExpanded()
    assert tree.topLevelItem(0).isExpanded() and tree.topLevelItem(0).childCount() == 8
    # Opened with the keyboard, as with a click: its articles, the source first, in bold.
    tree.setFocus()
    tree.setCurrentItem(closed)
    qtbot.keyClick(tree, Qt.Key.Key_Right)
    assert closed.isExpanded()
    source = closed.child(0).data(0, TARGET_ROLE)[0]
    assert [closed.child(k).data(0, TARGET_ROLE)[1] for k in range(closed.childCount())] == [
        source, *(f"d{(int(source[1:]) + j) % 400:03}" for j in range(1, 6))]
    assert closed.child(0).font(0).bold() and not closed.child(1).font(0).bold()
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert tree.currentItem() is closed.child(0)


def test_a_filter_that_lists_no_pair_leaves_the_columns_as_they_were(
        view, qtbot) -> None:  # type: ignore[no-untyped-def]
    # Typing a title the pairs do not have fitted the empty table to its headings: "A"
    # and "B" shrank to their letters, Series took the rest, and every key typed after
    # made the columns jump back and forth.
    documents = [doc(f"d{k}", "2020-01-01", f"Reprinted commentary number {k}")
                 for k in range(6)]
    pairs = [pair(documents[k].id, documents[k + 1].id) for k in range(5)]
    view.show_collection(collection(documents, pairs))
    view.resize(1200, 700)
    qtbot.wait(50)
    table = view.pairs_table
    view.title_search.setText("commentary")
    widths = [table.columnWidth(c) for c in range(table.model().columnCount())]
    assert min(widths[:2]) > max(widths[2:5])
    view.title_search.setText("commentaryx")
    assert view.pairs_model.rowCount() == 0
    assert [table.columnWidth(c) for c in range(table.model().columnCount())] == widths


def _heading_fits(table: QTableView, column: int) -> bool:
    """Whether `column`'s heading text, as Qt draws it (bold), is narrower than the
    column, its margins and a shown sort arrow's room besides."""
    header = table.horizontalHeader()
    font = header.font()
    font.setBold(True)
    text = str(table.model().headerData(column, Qt.Orientation.Horizontal))
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    arrow = header.height() + margin if header.sortIndicatorSection() == column else 0
    return QFontMetrics(font).horizontalAdvance(text) + 2 * margin + arrow \
        <= table.columnWidth(column)


def _large_view(qtbot, width: int = 1012) -> CollectionView:  # type: ignore[no-untyped-def]
    """A view made in the font set (`large_font`), as wide as in a 1024-pixel window."""
    view = CollectionView()
    qtbot.addWidget(view)
    view.resize(width, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_in_large_fonts_on_a_small_screen_every_pairs_column_is_in_view_its_dates_whole(
        qtbot, large_font) -> None:  # type: ignore[no-untyped-def]
    # At 16 pt in a 1024-pixel window the nine columns of pairs took 1,042 pixels of 996:
    # the dates were cut ("201…-27") and the series went out of view. Each heading kept
    # room for a sort arrow (34 pixels at 16 pt) the table draws in one column at most,
    # and, the table sorted, the dates were cut to the titles' width before the titles.
    documents = [doc(f"d{k}", f"2020-1{k % 3}-2{k}", f"The report of the Congress, part {k} "
                     * 2, series=f"s1{k}") for k in range(6)]
    view = _large_view(qtbot)
    view.show_collection(collection(documents, [pair("d0", "d1", 0.9951, 1.0),
                                                pair("d2", "d3"), pair("d4", "d5")]))
    table = view.pairs_table
    header = table.horizontalHeader()
    whole = [c for c, column in enumerate(view.pairs_model.columns) if column.whole]
    assert {view.pairs_model.columns[c].header for c in whole} >= {"Date A", "Date B",
                                                                    "Series"}
    for sorted_by in (-1, 2, 6):
        header.setSortIndicator(sorted_by, Qt.SortOrder.DescendingOrder)
        qtbot.wait(50)
        assert table.horizontalScrollBar().maximum() == 0, sorted_by
        for column in whole:
            assert table.columnWidth(column) >= _widest_cell(table, column), (sorted_by,
                                                                                column)
        for column in range(2, view.pairs_model.columnCount()):  # the titles' are cut
            assert _heading_fits(table, column), (sorted_by, column)
        assert min(table.columnWidth(c) for c in (0, 1)) >= 120


def _drawn_text(table: QTableView, row: int, column: int) -> str:
    """The text of a cell as the table draws it: cut to its column as its delegate cuts."""
    index = table.model().index(row, column)
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    table.itemDelegateForIndex(index).initStyleOption(option, index)
    option.rect = table.visualRect(index)
    room = table.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, table)
    return option.fontMetrics.elidedText(option.text, option.textElideMode, room.width())


def test_a_first_seen_cut_to_its_column_keeps_its_date(qtbot, large_font) -> None:  # type: ignore[no-untyped-def]
    # "2021-01-16 · Administrative reforms of the month", cut in the middle as titles are,
    # read "2021-01…e month" at 16 pt in a narrow window: the date it is read for was cut.
    documents = [doc("d1", "2021-01-16", "Administrative reforms and the budget of the month "
                     "in the provinces of the north"), doc("d2", "2021-03-02")]
    found = [formulation("building a modern socialist country in all respects and "
                         "advancing the great rejuvenation", uses("d1", 2), uses("d2", 1))]
    found[0]["first"]["date"] = "2021-01-16"
    found[0]["variants"] = ["building a modern socialist nation in every respect"]
    view = _large_view(qtbot, 800)  # a window made narrow
    view.show_collection(collection(documents, formulations=found))
    view.tabs.setCurrentIndex(1)
    qtbot.wait(50)
    table = view.formulations_table
    first_seen = next(c for c, column in enumerate(view.formulations_model.columns)
                      if column.header == "First seen")
    whole = view.formulations_model.index(0, first_seen).data()
    drawn = _drawn_text(table, 0, first_seen)
    assert drawn != whole and "…" in drawn  # cut: the case this is about
    assert drawn.startswith("2021-01-16")
    # A phrase is still cut in its middle, as titles are (its end tells it apart).
    phrase = _drawn_text(table, 0, 0)
    assert "…" in phrase[1:-1] and phrase.startswith("buil") and phrase.endswith("ation")


def test_in_large_fonts_the_pair_filters_are_whole_and_a_typed_date_reads_whole(
        qtbot, large_font) -> None:  # type: ignore[no-untyped-def]
    # At 16 pt in a 1024-pixel window the filters were squeezed onto one line: "All
    # serie", "from YY…", and a date typed in a field 99 pixels wide scrolled out of it.
    documents = [doc(f"d{k}", f"2020-01-0{k + 1}", series=f"series{k}") for k in range(4)]
    view = _large_view(qtbot)
    view.show_collection(collection(documents, [pair("d0", "d1")]))
    qtbot.wait(50)
    fields = [view.series_filter, view.date_from, view.date_to, view.min_share,
              view.title_search]
    tab = view.tabs.widget(0)
    places = []
    for field in fields:
        assert field.width() >= field.sizeHint().width(), field.objectName()
        place = QRect(field.mapTo(tab, QPoint(0, 0)), field.size())
        assert tab.rect().contains(place), field.objectName()
        assert not any(place.intersects(other) for other in places), field.objectName()
        places.append(place)
    assert view.width() <= 1012
    for field in (view.date_from, view.date_to):
        metrics = field.fontMetrics()
        # The placeholder, what to type, is not cut; nor is a date typed in.
        assert metrics.horizontalAdvance(field.placeholderText()) \
            < field.contentsRect().width(), field.objectName()
        field.setText("2021-03-04")
        field.home(False)
        start = field.cursorRect().left()
        field.end(False)
        assert field.cursorRect().left() - start >= metrics.horizontalAdvance("2021-03-04")
        assert field.cursorRect().right() <= field.contentsRect().right(), field.objectName()


def test_a_window_too_narrow_for_every_column_scrolls_to_dates_it_does_not_cut(
        qtbot, large_font) -> None:  # type: ignore[no-untyped-def]
    # At 16 pt in an 800-pixel window every column was cut to the titles' narrowest, the
    # table scrolling sideways all the same: the dates read "202…-28" wherever scrolled.
    documents = [doc(f"d{k}", f"2020-1{k % 3}-2{k}", f"The report of the Congress, part {k}",
                     series=f"s1{k}") for k in range(4)]
    view = _large_view(qtbot, 600)
    view.show_collection(collection(documents, [pair("d0", "d1"), pair("d2", "d3")]))
    qtbot.wait(50)
    table = view.pairs_table
    assert table.horizontalScrollBar().maximum() > 0  # too narrow: the case this is about
    for column, spec in enumerate(view.pairs_model.columns):
        if spec.whole:
            assert table.columnWidth(column) >= _widest_cell(table, column), spec.header
    assert min(table.columnWidth(c) for c in (0, 1)) >= 120


def test_in_large_fonts_the_summary_wraps_rather_than_hold_the_window_wide(
        qtbot, large_font) -> None:  # type: ignore[no-untyped-def]
    # At 16 pt the line "zh.db · 300 articles · 53 pairs · … · 14 boilerplate lines", on
    # one line, held the window 869 pixels wide at least: on an 800-pixel screen it could
    # not be made to fit.
    documents = [doc(f"d{k}", f"2020-01-0{k + 1}") for k in range(4)]
    data = replace(collection(documents, [pair("d0", "d1")]),
                   name="people's daily and xinhua, 2019 to 2021.sqlite")
    view = _large_view(qtbot, 560)
    view.show_collection(data)
    qtbot.wait(50)
    summary = view.summary
    one_line = QTextDocument()
    one_line.setDefaultFont(summary.font())
    one_line.setHtml(summary.text())
    assert one_line.idealWidth() > 560  # longer than the view is wide: the case at hand
    assert view.width() == 560
    assert view.minimumSizeHint().width() <= 560
    # Shown whole, on as many lines as it takes.
    assert summary.width() <= 560
    assert summary.height() >= summary.heightForWidth(summary.width())


@pytest.mark.parametrize("width", [1012, 800])
def test_in_large_fonts_the_legend_is_in_the_windows_font_and_within_the_plot(
        qtbot, large_font, width) -> None:  # type: ignore[no-untyped-def]
    # The legend stayed in pyqtgraph's 9 pt whatever the font: at 16 pt its names were
    # half the size of the axis' labels beside them. In the font, it must still fit the
    # plot: names cut to the widget's width ran past the plot's right edge.
    documents = [doc(f"d{m}", f"2020-{m + 1:02d}-01") for m in range(12)]
    phrases = ["interior structures that have degrees of opaqueness",
               "building an institution for the journey in the new era",
               "strengthening the global efficiency at its core"]
    view = _large_view(qtbot, width)
    view.show_collection(collection(documents, formulations=[
        formulation(p, *(uses(d.id, k + 1) for d in documents)) for k, p in enumerate(phrases)]))
    view.tabs.setCurrentWidget(view.formulations_page)
    view.formulations_table.selectAll()
    qtbot.wait(50)
    chart = view.timeline
    assert len(chart.legend.items) == 3
    metrics = QFontMetrics(chart.font())
    for _, label in chart.legend.items:
        margins = 2 * label.item.document().documentMargin()
        assert label.item.boundingRect().height() - margins >= metrics.height(), label.text
    box = chart.plotItem.vb.sceneBoundingRect()
    assert box.contains(chart.legend.sceneBoundingRect())


def test_a_heading_dragged_narrower_than_its_text_ends_in_an_ellipsis_and_tells_it_whole(
        qtbot, large_font) -> None:  # type: ignore[no-untyped-def]
    # A column dragged narrow (or cut to the titles' narrowest at 16 pt) lost its
    # heading's letters at both ends ("ormulatio"): Qt centres a heading and cuts nothing.
    documents = [doc(f"d{k}", f"2020-01-0{k + 1}") for k in range(4)]
    view = _large_view(qtbot)
    view.show_collection(collection(
        documents, [pair("d0", "d1")],
        clusters=[{"id": 1, "first": "d0", "passages": [{"doc": "d0", "span": [0, 50]},
                                                       {"doc": "d1", "span": [0, 50]}]}],
        formulations=[formulation("a phrase", uses("d0", 1), uses("d1", 2))]))
    qtbot.wait(50)
    narrow = 0
    for table in view.column_fitter.tables:
        header = table.horizontalHeader()
        model = table.model()
        for column in range(model.columnCount() - 1):  # the last stretches to the edge
            table.setColumnWidth(column, 30)
            assert header.sectionSize(column) < header.sectionSizeHint(column)
            narrow += 1
            assert header.textElideMode() == Qt.TextElideMode.ElideRight
            heading = model.headerData(column, Qt.Orientation.Horizontal)
            tip = model.headerData(column, Qt.Orientation.Horizontal,
                                   Qt.ItemDataRole.ToolTipRole)
            assert tip == (model.columns[column].heading_tip or heading), heading
    tree = view.clusters_tree
    header = tree.header()
    for column in range(1, len(CLUSTER_HEADINGS)):
        tree.setColumnWidth(column, 30)
        assert header.textElideMode() == Qt.TextElideMode.ElideRight
        assert tree.headerItem().toolTip(column) == CLUSTER_HEADING_TIPS[column]
    assert narrow


def test_the_clusters_headings_keep_a_sort_arrows_room_only_where_sorted_by(
        qtbot, large_font) -> None:  # type: ignore[no-untyped-def]
    # Sized by Qt, each of the Clusters tab's five headings kept room for a sort arrow
    # (31 pixels at 16 pt) that only the column sorted by draws: 120 pixels at 11 pt and
    # more in large fonts, which pushed the last columns out of view.
    documents = [doc(f"d{k}", f"2020-01-0{k + 1}", series=f"s{k}") for k in range(4)]
    view = _large_view(qtbot)
    view.show_collection(collection(documents, clusters=[
        {"id": 1, "first": "d0", "passages": [{"doc": d.id, "span": [0, 50]}
                                              for d in documents]}]))
    view.tabs.setCurrentIndex(view.tabs.indexOf(view.clusters_tree.parentWidget()))
    qtbot.wait(50)
    tree = view.clusters_tree
    header = tree.header()
    font = header.font()
    font.setBold(True)
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)

    def check(sorted_by: int) -> None:
        for column in range(1, len(CLUSTER_HEADINGS)):
            width = tree.columnWidth(column)
            text = QFontMetrics(font).horizontalAdvance(CLUSTER_HEADINGS[column])
            assert width >= text + 2 * margin, CLUSTER_HEADINGS[column]  # read whole
            assert width >= tree.sizeHintForColumn(column), CLUSTER_HEADINGS[column]
            if column == sorted_by:
                assert width >= header.sectionSizeHint(column)  # the arrow's room
            elif tree.sizeHintForColumn(column) < text:
                assert width < header.sectionSizeHint(column), CLUSTER_HEADINGS[column]

    check(-1)
    header.setSortIndicator(3, Qt.SortOrder.DescendingOrder)
    qtbot.wait(20)
    check(3)


def test_the_series_box_shows_each_of_its_entries_whole_whatever_it_was_first_shown_with(
        qtbot, large_font) -> None:  # type: ignore[no-untyped-def]
    # Measured once, as first shown: a view shown before its collection (or with one of
    # short series, then another) read "All serie" at 16 pt, and cut a longer series.
    view = _large_view(qtbot, 600)
    box = view.series_filter
    for series in (["s1", "s2"], ["people's daily overseas", "s2"]):
        documents = [doc(f"d{k}", f"2020-01-0{k + 1}", series=name)
                     for k, name in enumerate(series * 2)]
        view.show_collection(collection(documents, [pair("d0", "d1")]))
        qtbot.wait(50)
        for entry in range(box.count()):
            box.setCurrentIndex(entry)
            qtbot.wait(10)
            option = QStyleOptionComboBox()
            box.initStyleOption(option)
            field = box.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                               QStyle.SubControl.SC_ComboBoxEditField, box)
            assert box.fontMetrics().horizontalAdvance(box.currentText()) <= field.width(), \
                box.currentText()


def _congress_clusters(count: int) -> tuple[list[DocumentRow], list[dict[str, Any]]]:
    """Six articles of the Congress's report, and `count` clusters of the last six, five
    or four of them, in turn."""
    documents = [doc(f"d{k}", f"2019-09-2{k}", f"The report of the Congress, part {k} " * 2,
                     series=f"s0{k}") for k in range(6)]
    clusters = [{"id": 40 + c, "first": "d0",
                 "passages": [{"doc": d.id, "span": [2686 + 100 * k, 2943 + 100 * k]}
                              for k, d in enumerate(documents[c % 3:])]} for c in range(count)]
    return documents, clusters


def test_in_large_fonts_in_a_1024_pixel_window_every_clusters_column_reads_unscrolled(
        qtbot, large_font) -> None:  # type: ignore[no-untyped-def]
    # At 14 and 16 pt the headings "Articles / source" and "Where (characters)", far wider
    # than "6 articles" and "2686-2943" under them, pushed the spans and the cluster's
    # number past the edge of a 1024-pixel window: read only by scrolling sideways.
    documents, clusters = _congress_clusters(3)
    view = _large_view(qtbot)
    view.show_collection(collection(documents, clusters=clusters))
    view.tabs.setCurrentIndex(view.tabs.indexOf(view.clusters_tree.parentWidget()))
    qtbot.wait(50)
    tree = view.clusters_tree
    header = tree.header()
    room = tree.viewport().width()
    rows = [tree.topLevelItem(k) for k in range(tree.topLevelItemCount())]
    rows += [row.child(k) for row in list(rows) for k in range(row.childCount())]
    for column in range(1, len(CLUSTER_HEADINGS)):
        texts = [(row.text(column), row.font(column)) for row in rows]
        bold = header.font()
        bold.setBold(True)
        texts.append((CLUSTER_HEADINGS[column], bold))
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        widest = max(QFontMetrics(font).horizontalAdvance(text) for text, font in texts)
        assert widest > 0
        # Its text, from the column's left edge, within the width shown unscrolled.
        assert header.sectionPosition(column) + margin + widest <= room, \
            CLUSTER_HEADINGS[column]
    # The text keeps its room, but for the few characters that save a sideways scroll.
    assert tree.columnWidth(0) >= room // 2 - TEXT_GIVE * tree.fontMetrics().averageCharWidth()
    assert tree.horizontalScrollBar().maximum() == 0


def test_in_large_fonts_in_a_1024_pixel_window_no_tab_scrolls_sideways(
        qtbot, large_font) -> None:  # type: ignore[no-untyped-def]
    # At 16 pt the clusters' columns but the text needed just over half the width, and the
    # text kept half: the tree scrolled sideways 1 pixel, 8 with its vertical scroll bar.
    documents, clusters = _congress_clusters(40)
    phrases = [formulation(f"formulation number {k} of the new era",
                           *(uses(d.id, 1) for d in documents)) for k in range(3)]
    view = _large_view(qtbot)
    view.show_collection(collection(documents, [pair("d0", "d1"), pair("d2", "d3")],
                                    clusters=clusters, formulations=phrases))
    for tab in range(view.tabs.count()):
        view.tabs.setCurrentIndex(tab)
        qtbot.wait(50)
        shown = view.shown_list()
        assert shown is not None
        listed = shown[0]
        assert listed.horizontalScrollBar().maximum() == 0, view.tabs.tabText(tab)
        if listed is view.clusters_tree:  # its room narrowed by its vertical scroll bar
            assert listed.verticalScrollBar().isVisible()


def test_in_large_fonts_on_a_small_screen_the_hint_over_the_uses_reads_whole(
        qtbot, large_font) -> None:  # type: ignore[no-untyped-def]
    # At 16 pt in an 800x600 window the Formulations tab's splitter gave the pane of the
    # uses its share of the height, less than the hint over them takes wrapped: its first
    # and last lines were cut.
    documents = [doc(f"d{m}", f"2020-{m + 1:02d}-01") for m in range(12)]
    phrases = ["building a modern socialist country in all respects and advancing the "
               "great rejuvenation of the Chinese nation on all fronts", "the new era"]
    view = _large_view(qtbot, 788)
    view.resize(788, 470)  # the view's room in an 800x600 window
    view.show_collection(collection(documents, formulations=[
        formulation(p, *(uses(d.id, 1) for d in documents)) for p in phrases]))
    view.tabs.setCurrentWidget(view.formulations_page)
    qtbot.wait(50)
    hint = view.uses_label
    assert hint.heightForWidth(hint.width()) > 3 * hint.fontMetrics().height()
    qtbot.waitUntil(lambda: hint.height() >= hint.heightForWidth(hint.width()), timeout=2000)
    # And so with the phrase chosen named over its uses, on as many lines.
    view.list_uses(view.formulations_model.item(0))
    qtbot.waitUntil(lambda: hint.height() >= hint.heightForWidth(hint.width()), timeout=2000)
    assert "great rejuvenation" in hint.text()
    table = view.formulations_table
    assert table.height() >= table.minimumSizeHint().height()
    # Its pane dragged narrow, the hint does not hold the window taller than it is.
    view.timeline_split.moveSplitter(view.timeline_split.width() - 80, 1)
    qtbot.wait(50)
    assert view.minimumSizeHint().height() <= 470


def _line_points(chart) -> list[QPointF]:  # type: ignore[no-untyped-def]
    """Every plotted point of the chart's lines, where the scene draws it."""
    box = chart.plotItem.vb
    return [box.mapViewToScene(QPointF(float(x), float(y)))
            for item in chart.listDataItems() for x, y in zip(*item.getData(), strict=True)]


def _small_view_of_lines(qtbot, lines: int) -> CollectionView:  # type: ignore[no-untyped-def]
    """A view with the room it has in an 800x600 window, in the font set (`large_font`),
    its Formulations tab showing `lines` formulations' timelines over a year."""
    documents = [doc(f"d{m}", f"2020-{m + 1:02d}-01") for m in range(12)]
    phrases = [formulation(f"formulation number {k} of the new era",
                           *(uses(d.id, 1 + (k + m) % 5) for m, d in enumerate(documents)))
               for k in range(lines)]
    view = _large_view(qtbot, 788)
    view.resize(788, 470)
    view.show_collection(collection(documents, formulations=phrases))
    view.tabs.setCurrentWidget(view.formulations_page)
    qtbot.wait(50)
    view.formulations_table.selectAll()
    return view


def test_in_large_fonts_in_a_small_window_the_legend_names_fewer_lines_and_covers_none(
        qtbot, large_font) -> None:  # type: ignore[no-untyped-def]
    # At 16 pt in an 800x600 window, five lines chosen, the legend's rows were taller than
    # the room the plot keeps above the highest count: it covered the lines' tops.
    view = _small_view_of_lines(qtbot, 6)
    chart = view.timeline
    assert len(chart.listDataItems()) == 6
    legend = chart.legend.sceneBoundingRect()
    points = _line_points(chart)
    assert not [point for point in points if legend.contains(point)]
    assert legend.bottom() < min(point.y() for point in points)
    # It names what it has room for, and counts the others.
    names = chart.legend_names()
    assert len(names) >= 2
    assert names[-1] == f"and {7 - len(names)} more"
    # Room made, it names them all.
    view.resize(788, 1000)
    qtbot.waitUntil(lambda: len(chart.legend_names()) == 6, timeout=2000)
    legend = chart.legend.sceneBoundingRect()
    assert legend.bottom() < min(point.y() for point in _line_points(chart))


def test_in_large_fonts_in_a_short_chart_the_counts_labels_stand_apart(
        qtbot, large_font) -> None:  # type: ignore[no-untyped-def]
    # At 16 pt in an 800x600 window a tick at every use, up to the room kept above the
    # lines for the legend, put the counts' labels closer than their height: "12" was
    # drawn over "11" over "10".
    chart = _small_view_of_lines(qtbot, 5).timeline
    axis = chart.getAxis("left")
    bottom, top = chart.viewRange()[1]
    height = chart.plotItem.vb.height()
    (step, values), *_ = axis.tickValues(bottom, top, height)
    assert len(values) >= 3 and step == int(step)  # counted uses: whole numbers
    font = axis.style.get("tickFont") or chart.font()
    assert step * height / (top - bottom) >= QFontMetrics(font).height()


@pytest.mark.parametrize("months", [12, 24, 36])
@pytest.mark.parametrize("width", [1012, 788])
def test_in_large_fonts_the_month_labels_stand_apart(
        qtbot, large_font, width, months) -> None:  # type: ignore[no-untyped-def]
    # At 16 pt the labels were spaced for the chart's width less a guess at the counts'
    # axis beside it, narrower than the axis is at 16 pt: in an 800-pixel window "2019-09"
    # ran into "2019-12", and in a 1024-pixel one "2020-07" almost into "2020-12".
    documents = [doc(f"d{m}", f"{2019 + m // 12}-{m % 12 + 1:02d}-05") for m in range(months)]
    view = _large_view(qtbot, width)
    view.show_collection(collection(
        documents, formulations=[formulation("a phrase", *(uses(d.id, 1) for d in documents))]))
    view.tabs.setCurrentWidget(view.formulations_page)
    view.formulations_table.selectRow(0)
    qtbot.wait(50)
    chart = view.timeline
    boxes = _month_label_boxes(chart)
    assert len(boxes) >= 2
    assert (boxes[0][1], boxes[-1][1]) == (documents[0].date[:7], documents[-1].date[:7])
    font = chart.getAxis("bottom").style.get("tickFont") or chart.font()
    em = QFontMetrics(font).height()
    for (left, first), (right, second) in itertools.pairwise(boxes):
        assert right.left() - left.right() >= em, (first, second)


def test_a_series_named_at_length_does_not_hold_the_window_wider(
        qtbot, large_font) -> None:  # type: ignore[no-untyped-def]
    # The Series box as wide as its longest entry, and the filters never squeezing a
    # field: a series of 120 characters held the view 1,500 pixels wide at 16 pt.
    view = _large_view(qtbot, 788)
    name = "The overseas edition, commentary and opinion pages, 2019 to 2021, " * 2
    documents = [doc(f"d{k}", f"2020-01-0{k + 1}", series=series)
                 for k, series in enumerate([name, "s2", name, "s2"])]
    view.show_collection(collection(documents, [pair("d0", "d1")]))
    qtbot.wait(50)
    assert view.minimumSizeHint().width() <= 788
    view.resize(788, 600)
    qtbot.wait(20)
    assert view.width() == 788
    assert view.series_filter.findText(name) > 0  # its list names it whole
