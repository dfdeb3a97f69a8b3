"""The collection in the window: open (folder, JSON lines, store), index with Cancel, the
tabs against the engine's result, a pair read side by side and Back, the timelines' data,
the slogans' collection figures, skipped files and the report exported from the window."""

from __future__ import annotations

import gzip
import html
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRect, Qt, QThreadPool
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QPushButton

from tests.conftest import FIXTURES
from tests.ui.articles import article_a, article_b, write_pair
from tests.ui.conftest import wait_rendered
from viewer.collection.context import collection_context, known_forms
from viewer.collection.engine import add_sources
from viewer.collection.store import CollectionStore
from viewer.core.compare import compare
from viewer.core.document import Document
from viewer.core.shared import apart
from viewer.export.collection_model import SECTIONS
from viewer.present.collection_figures import slogan_label
from viewer.ui.collection.column_fit import NARROWEST_CAPPED, heading_width
from viewer.ui.collection.view import (
    FORMULATIONS_LEFT_OUT,
    NO_DATES,
    NO_FORMULATIONS,
    NO_PAIRS,
    pair_filter,
)

DEV_SMALL = FIXTURES / "collection" / "window" / "dev-small.jsonl.gz"
EN_ARTICLES = FIXTURES / "collection" / "en" / "articles"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Stores of opened folders go to the user's cache: a temporary one here."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    return cache


@pytest.fixture(scope="module")
def dev_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The dev-small collection indexed by the engine itself, as `tandem corpus add` does."""
    path = str(tmp_path_factory.mktemp("store") / "dev-small.sqlite")
    with CollectionStore.create_or_open(path) as store:
        add_sources(store, [DEV_SMALL], workers=1)
    return path


def status_line(window, covered: bool = False) -> str:  # type: ignore[no-untyped-def]
    """What the status bar's left part shows: a passing message, else the labels behind
    it (a note standing for as long as the pair is shown), but the figures on its right;
    `covered`: the message and the labels it covers, all it says."""
    status = window.statusBar()
    if status.currentMessage() and not covered:
        return status.currentMessage()
    labels = [label for label in status.findChildren(QLabel)
              if (covered or label.isVisible()) and label is not window.figures]
    return " ".join([status.currentMessage()] + [
        getattr(label, "full_text", label.text)() for label in labels]).strip()


def open_collection(make_window, qtbot, path: str | Path):  # type: ignore[no-untyped-def]
    window = make_window()
    window.open_paths([str(path)])
    qtbot.waitUntil(lambda: window.collection.data is not None
                    and not window.collection.indexer.running, timeout=60000)
    return window


def test_a_cache_store_opened_by_itself_is_named_after_its_articles_not_its_hash(
        make_window, qtbot, private_cache: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # The store the window keeps for a folder is named by a hash no one chose: opened by
    # itself (from the cache folder), the collection is still called after the folder its
    # articles were read from, as the reports written from it are. A store the user
    # named is called by its name.
    store_path = open_collection(make_window, qtbot, EN_ARTICLES).collection.data.store_path
    assert Path(store_path).is_relative_to(private_cache)
    again = open_collection(make_window, qtbot, store_path)
    assert again.collection.data.name == "articles"
    assert again.windowTitle() == "articles — Tandem"
    named = tmp_path / "named.sqlite"
    shutil.copyfile(store_path, named)
    assert open_collection(make_window, qtbot, named).collection.data.name == "named.sqlite"


def test_a_store_whose_formulations_were_left_out_says_so_not_that_none_recur(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Left out (--no-formulations), none were looked for: "a small or varied collection
    # may have none" would tell the user something the store does not know.
    path = tmp_path / "left-out.sqlite"
    with CollectionStore.create_or_open(path) as store:
        add_sources(store, [DEV_SMALL], workers=1, formulations=False)
    view = open_collection(make_window, qtbot, path).collection.view
    view.tabs.setCurrentWidget(view.formulations_page)
    assert view.uses_label.text() == FORMULATIONS_LEFT_OUT != NO_FORMULATIONS
    assert "--refind" in view.uses_label.text()
    assert "formulations left out" in view.summary.text()


def double_click(qtbot, table, row: int) -> None:  # type: ignore[no-untyped-def]
    index = table.model().index(row, 0)
    table.scrollTo(index)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_folder_is_indexed_and_its_tabs_show_the_engine_result(
        make_window, qtbot, private_cache: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_collection(make_window, qtbot, EN_ARTICLES)
    assert window.showing_collection
    assert window.windowTitle() == "articles — Tandem"
    # The store is the one `tandem corpus` keeps for this folder, in the (temporary) cache.
    store_path = window.collection.data.store_path
    assert Path(store_path).is_relative_to(private_cache)
    with CollectionStore.open(store_path) as store:
        pairs, documents = store.pairs(), store.documents()
        clusters = store.clusters()
        formulations = store.report()["formulations"]
    view = window.collection.view
    # An empty Formulations tab says why, rather than show an empty table and chart.
    view.tabs.setCurrentWidget(view.formulations_page)
    assert (view.uses_label.text() == NO_FORMULATIONS) == (not formulations)
    assert view.timeline_box.isVisibleTo(view) == bool(formulations)
    view.tabs.setCurrentIndex(0)
    assert [(p.a, p.b) for p in view.pairs_model.shown()] == [(p.a, p.b) for p in pairs]
    assert len(pairs) == 8
    first = view.pairs_model.index(0, 2).data()
    assert first == f"{pairs[0].shared_a:.0%}"
    assert [a.row.id for a in view.articles_model.shown()] == [d.id for d in documents]
    # How much of an article is shared: the union of its pairs' passages, its text
    # counted as a pair's shares count it (whitespace in neither count).
    en03 = next(a for a in view.articles_model.shown() if a.row.id == "en03")
    spans = sorted({tuple(p["a"] if pair.a == "en03" else p["b"]) for pair in pairs
                    if "en03" in (pair.a, pair.b) for p in pair.passages})
    with CollectionStore.open(store_path) as store:
        text = store.text("en03")
    covered = "".join(text[s:e] for s, e in apart(spans))
    assert en03.shared == pytest.approx(len(re.sub(r"\s", "", covered))
                                        / len(re.sub(r"\s", "", text)), abs=1e-4)
    assert en03.pairs == sum("en03" in (p.a, p.b) for p in pairs)
    # Clusters: one entry each, its articles in date order, the source first and marked.
    tree = view.clusters_tree
    assert tree.topLevelItemCount() == len(clusters)
    chain = next(c for c in clusters if len(c["passages"]) == 4)
    item = _cluster_row(tree, chain)
    dates = [item.child(k).text(1) for k in range(item.childCount())]
    assert dates == sorted(dates)
    # The cluster's row shows its text: the source's passage, cut short.
    at_source = next(p["span"] for p in chain["passages"] if p["doc"] == chain["first"])
    with CollectionStore.open(store_path) as store:
        passage = " ".join(store.text(chain["first"])[at_source[0]:at_source[1]].split())
    shown = item.text(0).strip("“”").rstrip("…")
    assert len(shown) > 40 and passage.startswith(shown)
    assert item.text(3) == "4 articles"
    assert item.child(0).text(3) == "source"
    assert item.child(0).data(0, Qt.ItemDataRole.UserRole + 1)[1] == chain["first"]
    assert all(item.child(k).text(3) == "" for k in range(1, item.childCount()))
    assert window.collection.recent() == [str(EN_ARTICLES)]
    # The summary counts in words that agree with the count.
    summary = re.sub(r"<[^>]+>", "", view.summary.text())
    boilerplate = len(window.collection.data.boilerplate)
    assert boilerplate == 1  # "1 boilerplate line", not "lines"
    assert summary.endswith(" · 1 boilerplate line")
    assert f" · {len(documents)} articles · 8 pairs · {len(clusters)} clusters" in summary
    # Boilerplate has its own tab: each line, its series, and how much of the series has it.
    with CollectionStore.open(store_path) as store:
        boilerplate = store.boilerplate()
    tab = view.tabs.widget(view.tabs.count() - 1)
    assert view.tabs.tabText(view.tabs.count() - 1) == "Boilerplate"
    assert view.boilerplate_table.isVisibleTo(tab)
    model = view.boilerplate_model
    rows = [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]
    in_series = {line["series"]: sum(d.series == line["series"] for d in documents)
                 for line in boilerplate}
    assert rows == [[line["series"], str(line["documents"]),
                     f"{line['documents'] / in_series[line['series']]:.0%}", line["text"]]
                    for line in boilerplate]


def test_a_cluster_member_opens_beside_its_source_at_the_clusters_passage(
        make_window, qtbot, dev_store: str) -> None:  # type: ignore[no-untyped-def]
    window = open_collection(make_window, qtbot, dev_store)
    tree = window.collection.view.clusters_tree
    clusters = window.collection.data.clusters
    # A cluster whose source's passage is not where its text begins.
    cluster = next(c for c in clusters
                      if next(p for p in c["passages"] if p["doc"] == c["first"])["span"][0] > 500)
    at_source = next(p for p in cluster["passages"] if p["doc"] == cluster["first"])["span"]
    member = _cluster_row(tree, cluster).child(1)
    tree.itemClicked.emit(member, 0)
    wait_rendered(qtbot, window)
    assert window.documents[0].name.endswith(f"({cluster['first']})")
    active = window.active_phrase
    assert active is not None
    phrase = window.rendered.comparison.shared_phrases[active]
    assert phrase.a[0] < at_source[1] and at_source[0] < phrase.a[1]
    # The Matches table shows it chosen, as a click on a passage would, the collection's
    # figures in or not.
    qtbot.waitUntil(lambda: window.side_panel.collection_phrases is not None, timeout=20000)
    table = window.side_panel.phrases
    assert [i.row() for i in table.selectionModel().selectedRows()] == [active]


def _made_up_sentences(seed: int, count: int) -> str:
    """`count` sentences of made-up words, no two seeds alike: text no other article shares."""
    draw = random.Random(seed)

    def word() -> str:
        return "".join(draw.choice("bcdfghklmnprstvz") + draw.choice("aeiou")
                       for _ in range(draw.randint(2, 4)))

    return " ".join(" ".join(word() for _ in range(10)).capitalize() + "." for _ in range(count))


@pytest.fixture
def passage_twice_store(tmp_path: Path) -> str:
    """A store whose one cluster lists its source twice: "twice" carries the cluster's
    sentence in two settings, "later1" copies the first and "later2" the second."""
    told = ("The harbour commission approved a binding timetable for retiring the coal "
            "cranes and retraining every dock worker before the winter tourist season.")
    first = f"{_made_up_sentences(11, 3)} {told} {_made_up_sentences(12, 3)}"
    second = f"{_made_up_sentences(13, 3)} {told} {_made_up_sentences(14, 3)}"
    articles = [
        {"id": "twice", "date": "2021-01-01", "text": " ".join(
            [_made_up_sentences(1, 8), first, _made_up_sentences(2, 15), second,
             _made_up_sentences(3, 6)])},
        {"id": "later1", "date": "2021-02-01",
         "text": f"{_made_up_sentences(4, 9)} {first} {_made_up_sentences(5, 7)}"},
        {"id": "later2", "date": "2021-03-01",
         "text": f"{_made_up_sentences(6, 6)} {second} {_made_up_sentences(7, 9)}"},
    ]
    source = tmp_path / "twice.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    path = str(tmp_path / "twice.sqlite")
    with CollectionStore.create_or_open(path) as store:
        add_sources(store, [source], workers=1)
    return path


def test_a_source_carrying_a_clusters_text_twice_is_read_beside_another_article(
        make_window, qtbot, passage_twice_store: str) -> None:  # type: ignore[no-untyped-def]
    # Each row is read at its own copy of the text, beside an article that shares that
    # copy: the source's second row opened beside "later1" at the first copy, which that
    # row is not, and "later2"'s row at the first copy, which "later2" does not share.
    window = open_collection(make_window, qtbot, passage_twice_store)
    tree = window.collection.view.clusters_tree
    cluster = _cluster_row(tree, window.collection.data.clusters[0])
    rows = [cluster.child(k).data(0, Qt.ItemDataRole.UserRole + 1)[1]
            for k in range(cluster.childCount())]
    assert rows == ["twice", "twice", "later1", "later2"]  # the source's two copies lead
    spans = {doc: [tuple(p["span"]) for p in window.collection.data.clusters[0]["passages"]
                   if p["doc"] == doc] for doc in rows}
    first, second = sorted(spans["twice"])
    for row, partner, at in ((0, "later1", first), (1, "later2", second),
                             (2, "later1", first), (3, "later2", second)):
        before = window.rendered
        tree.itemClicked.emit(cluster.child(row), 0)
        qtbot.waitUntil(lambda before=before: window.rendered is not before and not window.busy,
                        timeout=30000)
        ids = window.collection.pair_ids(*window.documents)
        assert ids == ("twice", partner), row
        active = window.active_phrase
        assert active is not None, row
        shown = window.rendered.comparison.shared_phrases[active].a
        assert shown[0] < at[1] and at[0] < shown[1], row
        window.back_act.trigger()
    # Nor is an article ever compared with itself, whoever asks.
    shown = list(window.documents)
    window.collection.open_pair("later2", "later2")
    assert window.documents == shown
    assert "not compared with itself" in window.statusBar().currentMessage()


def test_double_click_reads_the_pair_with_the_listed_passages_and_back_returns(
        make_window, qtbot, dev_store: str) -> None:  # type: ignore[no-untyped-def]
    window = open_collection(make_window, qtbot, dev_store)
    view = window.collection.view
    view.pairs_table.sortByColumn(4, Qt.SortOrder.AscendingOrder)  # fewest words first
    pair = view.pairs_model.item(0)
    double_click(qtbot, view.pairs_table, 0)
    wait_rendered(qtbot, window)
    assert not window.showing_collection
    comparison = window.rendered.comparison
    with CollectionStore.open(dev_store) as store:
        listed = store.pair_passages(pair.a, pair.b)
        assert comparison.document_a.text == store.text(pair.a)
    assert sorted((p.a, p.b) for p in comparison.shared_phrases) == sorted(
        (tuple(p["a"]), tuple(p["b"])) for p in listed)
    assert window.collection.data.name in window.windowTitle()
    assert window.back_act.isEnabled()
    window.next_act.trigger()
    said = window.statusBar().currentMessage()
    assert said.startswith("Passage 1 of ")
    window.back_act.trigger()
    assert window.showing_collection
    assert window.statusBar().currentMessage() == ""  # nothing said of the pair left
    assert view.pairs_model.item(0) is pair  # the list is as it was left
    assert not window.back_act.isEnabled()
    # The comparison's actions would act on the pair now hidden; its figures are not shown.
    acts = (window.next_act, window.prev_act, window.pdf_act, window.html_act, window.find_act)
    assert not any(act.isEnabled() for act in acts)
    assert window.figures.text() == ""
    double_click(qtbot, view.pairs_table, 0)
    wait_rendered(qtbot, window)
    assert all(act.isEnabled() for act in acts)
    assert window.figures.text().startswith("Shared text:")
    # Nor is anything said of one pair left standing when another is read: what is said
    # is of the passage the other opens at.
    window.next_act.trigger()
    assert window.statusBar().currentMessage().startswith("Passage 1 of ")
    other = view.pairs_model.item(1)
    window.collection.open_pair(other.a, other.b)
    wait_rendered(qtbot, window)
    assert window.rendered.comparison.document_a.text != comparison.document_a.text or \
        window.rendered.comparison.document_b.text != comparison.document_b.text
    navigation, active = window.rendered.navigation, window.active_phrase
    assert active is not None
    words = window.rendered.comparison.shared_phrases[active].words
    assert window.statusBar().currentMessage().startswith(
        f"Passage {navigation.rank(active) + 1} of {len(navigation)}: {words} words")


def test_a_collection_opens_with_the_keyboard_on_its_first_pair(
        make_window, qtbot, dev_store: str) -> None:  # type: ignore[no-untyped-def]
    # The keyboard was left on the tab bar: a keyboard user tabbed through five filters
    # to reach the pairs, and no row was current for Enter to open.
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_paths([dev_store])
    qtbot.waitUntil(lambda: window.collection.data is not None)
    view = window.collection.view
    table = view.pairs_table
    assert QApplication.focusWidget() is table
    assert table.currentIndex().row() == 0
    assert [i.row() for i in table.selectionModel().selectedRows()] == [0]
    # Back to the collection finds the keyboard on the row the pair was opened from.
    double_click(qtbot, table, 1)
    wait_rendered(qtbot, window)
    window.back_act.trigger()
    assert QApplication.focusWidget() is table
    assert table.currentIndex().row() == 1
    # A filter being typed in as a collection is shown keeps the keyboard.
    view.title_search.setFocus()
    qtbot.waitUntil(view.title_search.hasFocus)
    shown = window.collection.data
    window.collection.open(dev_store)
    qtbot.waitUntil(lambda: window.collection.data is not shown)
    assert view.title_search.hasFocus()


def test_a_pair_from_the_pairs_tab_opens_at_the_passage_it_was_listed_for(
        make_window, qtbot, dev_store: str) -> None:  # type: ignore[no-untyped-def]
    # Opened at the top of A, a pair whose shared passage lies further on showed none of
    # it: the reader hunted for what the Pairs tab listed. It opens as F8 leaves it at
    # that passage: current, in view in both panes, its row chosen in the Matches list.
    window = open_collection(make_window, qtbot, dev_store)
    view = window.collection.view
    model = view.pairs_model
    row = max(range(model.rowCount()), key=lambda r: model.item(r).passages[0]["a"][0])
    pair = model.item(row)
    listed_a, listed_b = (tuple(pair.passages[0][side]) for side in "ab")
    double_click(qtbot, view.pairs_table, row)
    wait_rendered(qtbot, window)
    active = window.active_phrase
    assert active is not None
    phrase = window.rendered.comparison.shared_phrases[active]
    for span, listed in ((phrase.a, listed_a), (phrase.b, listed_b)):
        assert span[0] < listed[1] and listed[0] < span[1]
    pane_a, pane_b = window.panes
    assert pane_a.view.verticalScrollBar().value() > 0  # further on than the first screen
    assert pane_a.is_visible(phrase.a[0]) and pane_b.is_visible(phrase.b[0])
    selected = window.side_panel.phrases.selectionModel().selectedRows()
    assert [i.row() for i in selected] == [active]
    rank = window.rendered.navigation.rank(active)
    assert window.statusBar().currentMessage().startswith(f"Passage {rank + 1} of ")
    # F8 goes on from it, as from a passage the reader chose.
    window.next_act.trigger()
    assert window.active_phrase == window.rendered.navigation.step(active, 1)


def test_a_pair_read_from_the_collection_says_how_many_of_its_passages_are_listed(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # The Pairs tab lists a pair's passages of 8 words or more; read side by side, the two
    # show their shorter runs too: "2 passages" beside a list of one looked like an error.
    from viewer.ui.main_window import LISTED_TIP

    short = "the violet zeppelin hovered above quarry seven"  # 7 words
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(article_a().replace(
        "Teachers asked", f"Witnesses said {short} at dawn. Teachers asked"), encoding="utf-8")
    (folder / "b.txt").write_text(article_b().replace(
        "Cyclists complained", f"Pilots reported {short} again. Cyclists complained"),
        encoding="utf-8")
    (folder / "c.txt").write_text("A note on tomatoes and the spring frost.\n", encoding="utf-8")
    window = open_collection(make_window, qtbot, folder)
    [pair] = window.collection.data.pairs
    window.collection.open_pair(pair.a, pair.b)
    wait_rendered(qtbot, window)
    found = window.rendered.comparison.shared_phrases
    assert len(found) > len(pair.passages) > 0
    assert {(tuple(p["a"]), tuple(p["b"])) for p in pair.passages} < {(p.a, p.b) for p in found}
    assert f"· {len(found)} passages ({len(pair.passages)} listed in the collection) ·" in \
        window.figures.text()
    assert window.figures.toolTip() == LISTED_TIP
    # Two texts that are none of the collection's say nothing of it.
    window.open_paths([str(folder / "a.txt"), str(folder / "b.txt")])
    wait_rendered(qtbot, window)
    assert "listed" not in window.figures.text() and not window.figures.toolTip()


def test_pairs_filter_by_series_dates_share_and_title(
        make_window, qtbot, dev_store: str) -> None:  # type: ignore[no-untyped-def]
    window = open_collection(make_window, qtbot, dev_store)
    view, data = window.collection.view, window.collection.data
    everything = len(data.pairs)
    assert view.pairs_count.text() == f"{everything} pairs"
    pair = data.pairs[-1]
    a = data.by_id[pair.a]
    view.series_filter.setCurrentIndex(view.series_filter.findData(a.series))
    expected = [p for p in data.pairs if a.series in (data.by_id[p.a].series,
                                                      data.by_id[p.b].series)]
    assert view.pairs_model.shown() == expected
    assert view.pairs_count.text() == f"{len(expected)} of {everything} pairs"
    view.series_filter.setCurrentIndex(0)
    view.date_from.setText(a.date)
    assert all(data.by_id[p.a].date >= a.date and data.by_id[p.b].date >= a.date
               for p in view.pairs_model.shown())
    assert pair in view.pairs_model.shown() or data.by_id[pair.b].date < a.date
    dated = view.pairs_model.shown()
    # Written without zeros it is the same date; what is no date is said so and left out.
    year, month, day = a.date.split("-")
    view.date_from.setText(f"{year}-{int(month)}-{int(day)}")
    assert view.pairs_model.shown() == dated and not view.date_from.toolTip()
    view.date_from.setText(f"{year}-13-45")
    assert len(view.pairs_model.shown()) == everything
    assert view.date_from.toolTip().startswith("Not a date")
    view.date_from.clear()
    assert not view.date_from.toolTip()
    view.min_share.setValue(round(max(pair.shared_a, pair.shared_b) * 100) + 1)
    assert pair not in view.pairs_model.shown()
    view.min_share.setValue(0)
    view.title_search.setText(pair.b.upper())  # ids and titles, any case
    assert pair in view.pairs_model.shown()
    assert all(pair.b in (p.a, p.b) for p in view.pairs_model.shown())
    view.title_search.clear()
    assert len(view.pairs_model.shown()) == everything
    assert pair_filter(data, None, "", "", 0.0, "") is None


def _legend_clear_of_lines(chart) -> bool:  # type: ignore[no-untyped-def]
    """Whether the timeline's legend (top left) ends above the highest point drawn."""
    box = chart.plotItem.vb
    tops = [box.mapViewToScene(QPointF(float(x), float(y))).y()
            for item in chart.listDataItems() for x, y in zip(*item.getData(), strict=True)]
    return chart.legend.sceneBoundingRect().bottom() < min(tops)


def test_formulations_timelines_and_their_articles(
        make_window, qtbot, dev_store: str) -> None:  # type: ignore[no-untyped-def]
    window = open_collection(make_window, qtbot, dev_store)
    view, data = window.collection.view, window.collection.data
    with CollectionStore.open(dev_store) as store:
        formulations = store.formulations()
    assert len(formulations) >= 2
    assert view.formulations_model.shown() == formulations
    assert view.formulations_model.index(0, 2).data() == str(formulations[0]["documents"])
    for row, formulation in enumerate(formulations):
        assert view.formulations_model.index(row, 1).data() == "; ".join(formulation["variants"])
    # The first is selected: its timeline is drawn, per month over the collection's months,
    # once the tab is shown (the chart and pyqtgraph are made on first sight).
    view.tabs.setCurrentIndex(view.tabs.indexOf(view.formulations_page))
    chart = view._timeline
    assert chart is not None and chart.isVisible()
    [(label, months, counts)] = chart.series
    assert label == formulations[0]["phrase"]
    assert months == data.bins and len(months) > 1
    assert {m: c for m, c in zip(months, counts, strict=True) if c} == \
        formulations[0]["per_month"]
    assert sum(counts) == formulations[0]["count"]
    # Uses are whole numbers, and so are the ticks of their axis.
    spacing = chart.getAxis("left").tickValues(0, max(counts), 200)
    assert spacing and all(float(v).is_integer() for _, values in spacing for v in values)
    # Month labels never run together: a narrow chart labels fewer months.
    for width in (900, 420):
        chart.resize(width, chart.height())
        labelled = [text for text in chart.getAxis("bottom")._tickLevels[0] if text[1]]
        each = max(chart.fontMetrics().horizontalAdvance(m) for _, m in labelled)
        assert len(labelled) * each < width - 60
    assert _legend_clear_of_lines(chart)
    # Several selected: their timelines overlay, named in a legend of several columns.
    chart.resize(900, chart.height())
    view.formulations_table.selectAll()
    assert [s[0] for s in chart.series] == [f["phrase"] for f in formulations]
    assert [len(chart.listDataItems())] == [len(formulations)]
    wide = chart.legend.columnCount
    assert wide > 1
    assert _legend_clear_of_lines(chart)
    chart.resize(420, chart.height())
    assert chart.legend.columnCount < wide
    # Double-click: the articles using it, in date order; opening one highlights it.
    double_click(qtbot, view.formulations_table, 1)
    uses = view.uses_list
    assert uses.count() == formulations[1]["documents"]
    docs = [uses.item(k).data(Qt.ItemDataRole.UserRole + 1)[0] for k in range(uses.count())]
    assert [data.by_id[d].date for d in docs] == sorted(data.by_id[d].date for d in docs)
    # A title too long for the list loses its middle: the date and the uses stay in view.
    line = uses.item(0).text()
    shown = uses.fontMetrics().elidedText(line, uses.textElideMode(), 160)
    assert shown != line and shown.startswith(line[:4]) and shown.endswith(line[-3:])
    uses.itemActivated.emit(uses.item(0))
    doc, spans = uses.item(0).data(Qt.ItemDataRole.UserRole + 1)
    assert not window.showing_collection
    pane = window.panes[0]
    qtbot.waitUntil(lambda: pane._find_hits == [tuple(s) for s in spans], timeout=10000)
    start, end = spans[0]
    assert window.documents[0].text[start:end].casefold().split()[0] in \
        formulations[1]["phrase"].casefold() + " " + " ".join(formulations[1]["variants"])


def test_an_article_read_for_a_formulations_uses_steps_through_them(
        make_window, qtbot, dev_store: str) -> None:  # type: ignore[no-untyped-def]
    # Both uses were highlighted and the first centred, but Next and Previous were off and
    # the status line silent: the second use, screens down, was for the reader to find.
    window = open_collection(make_window, qtbot, dev_store)
    view, data = window.collection.view, window.collection.data
    formulation, occurrence = next((f, o) for f in data.formulations
                                   for o in f["occurrences"] if len(o["spans"]) > 1)
    view.list_uses(formulation)
    uses = view.uses_list
    item = next(uses.item(k) for k in range(uses.count())
                if uses.item(k).data(Qt.ItemDataRole.UserRole + 1)[0] == occurrence["doc"])
    uses.itemActivated.emit(item)
    pane, spans = window.panes[0], sorted(tuple(s) for s in occurrence["spans"])
    qtbot.waitUntil(lambda: pane._find_hits == spans, timeout=10000)

    def at_use(k: int) -> bool:
        shown = pane.view.cursorRect(pane.cursor_at(spans[k][0])).center()
        return pane._current_hit == spans[k] and pane.view.viewport().rect().contains(shown) \
            and window.statusBar().currentMessage() == \
            f"Use {k + 1} of {len(spans)} (F8: next, F7: previous)"

    assert at_use(0)
    assert window.next_act.isEnabled() and window.prev_act.isEnabled()
    # and say so: they step through uses, not shared passages
    assert [a.toolTip() for a in (window.next_act, window.prev_act)] == [
        "Next use of the formulation (F8, Alt+Down)",
        "Previous use of the formulation (F7, Alt+Up)"]
    window.next_act.trigger()
    assert at_use(1)
    window.prev_act.trigger()
    window.prev_act.trigger()  # round to the last
    assert at_use(len(spans) - 1)
    window.show_collection_page()
    assert not window.next_act.isEnabled() and not window.statusBar().currentMessage()
    assert window.next_act.toolTip() == "Next shared passage (F8, Alt+Down)"


def test_an_undated_collection_says_it_has_no_timeline_instead_of_an_empty_chart(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    undated = tmp_path / "undated.jsonl"
    with gzip.open(DEV_SMALL, "rt", encoding="utf-8") as rows:
        undated.write_text("".join(json.dumps({**json.loads(row), "date": ""}) + "\n"
                                   for row in rows if row.strip()), encoding="utf-8")
    window = open_collection(make_window, qtbot, undated)
    view, data = window.collection.view, window.collection.data
    assert data.formulations and not data.bins
    view.tabs.setCurrentIndex(view.tabs.indexOf(view.formulations_page))
    assert view.timeline_box.isVisible()
    assert view.undated_label.isVisible() and view.undated_label.text() == NO_DATES
    assert view._timeline is not None and not view._timeline.isVisible()
    # First seen: no article, as no cluster's source is (the lowest id the store gives
    # for its first is no first appearance).
    first_seen = _column(view.formulations_model, "First seen")
    assert {view.formulations_model.index(k, first_seen).data()
            for k in range(view.formulations_model.rowCount())} == {"all uses undated"}
    # No cluster has a source, undated; a later article still opens beside its first.
    tree = view.clusters_tree
    assert tree.topLevelItemCount() == len(data.clusters) > 0
    assert not [tree.topLevelItem(k).child(m).text(3) for k in range(tree.topLevelItemCount())
                for m in range(tree.topLevelItem(k).childCount())
                if tree.topLevelItem(k).child(m).text(3)]
    cluster = data.clusters[0]
    tree.itemClicked.emit(_cluster_row(tree, cluster).child(1), 0)
    wait_rendered(qtbot, window)
    assert window.documents[0].name.endswith(f"({cluster['first']})")
    window.back_act.trigger()
    # A dated collection opened next draws its timelines again, and says nothing of dates.
    window.open_paths([str(DEV_SMALL)])
    qtbot.waitUntil(lambda: window.collection.data is not data and window.collection.data
                    is not None and not window.collection.indexer.running, timeout=60000)
    view.tabs.setCurrentIndex(view.tabs.indexOf(view.formulations_page))
    assert window.collection.data.bins
    assert view._timeline.isVisible() and not view.undated_label.isVisible()
    first = window.collection.data.formulations[0]["first"]
    assert view.formulations_model.index(0, first_seen).data().startswith(f"{first['date']} · ")


# A popup menu on the offscreen platform: it cannot raise windows or grab the keyboard.
@pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints\(\))")
def test_slogans_and_passages_get_their_collection_figures(
        make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = open_collection(make_window, qtbot, EN_ARTICLES)
    mode = window.collection
    mode.open_pair("en03", "en09")  # two links of the four-article chain
    wait_rendered(qtbot, window)
    panel = window.side_panel
    qtbot.waitUntil(lambda: panel.collection_phrases is not None, timeout=20000)
    comparison = window.rendered.comparison
    with CollectionStore.open(mode.data.store_path) as store:
        expected = collection_context(comparison, store)
    phrases = panel.phrases.model()
    assert phrases.headerData(4, Qt.Orientation.Horizontal) == "In the collection"
    chained = [k for k, f in enumerate(expected["shared_phrases"]) if f]
    assert chained
    row = chained[0]
    assert phrases.index(row, 4).data() == (
        "also in 2 other articles · first: A, 2023-02-10")  # en03, the chain's first, is A
    assert mode.cluster_articles(row) == ["en15", "en22"]
    # Read whole, wrapped in its column (the slogans' figures are short, one line).
    table = panel.phrases
    label = phrases.index(row, 4).data()
    metrics = QFontMetrics(table.font())
    assert table.wordWrap()
    wrapped = metrics.boundingRect(QRect(0, 0, table.columnWidth(4) - 8, 0),
                                   Qt.TextFlag.TextWordWrap, label)
    assert table.rowHeight(row) >= wrapped.height()
    assert wrapped.width() <= table.columnWidth(4)
    # A click on it lists them; choosing one reads it beside A.
    panel.phrases.clicked.emit(phrases.index(row, 4))
    menu = mode.cluster_menu
    assert [a.text().split("  ", 1)[1] for a in menu.actions()] == [
        mode.data.title("en15"), mode.data.title("en22")]
    menu.actions()[0].trigger()
    wait_rendered(qtbot, window)
    assert window.documents[0].name.endswith("(en03)")
    assert window.documents[1].name.endswith("(en15)")
    # Slogans: figures and label in their own column, from the same lookup.
    qtbot.waitUntil(lambda: panel.collection_slogans is not None, timeout=20000)
    comparison = window.rendered.comparison
    with CollectionStore.open(mode.data.store_path) as store:
        expected = collection_context(comparison, store)
    slogans = panel.slogans.model()
    assert slogans.columnCount() == 5
    for k, slogan in enumerate(comparison.slogans):
        label = slogan_label(expected["slogans"][k], slogan)
        assert label.split(" · ")[0] in (
            "common formulation", "shared only by these two", "used by A only", "used by B only")
        # The cell short, the tooltip whole.
        assert slogans.index(k, 4).data() == slogan_label(expected["slogans"][k], slogan, True)
        assert slogans.index(k, 4).data(Qt.ItemDataRole.ToolTipRole).endswith("\n" + label)
    # An export carries them whole, as the panel's tooltips show them.
    report = tmp_path / "pair.html"
    assert window.export_to("html", str(report))
    cells = re.findall(r"<td>([^<]*)</td>", report.read_text(encoding="utf-8"))
    shown = [panel.collection_slogans[k] for k in range(slogans.rowCount())]
    phrases = panel.phrases.model()
    shown += [phrases.index(k, 4).data() for k in range(phrases.rowCount())]
    labels = sorted(html.escape(label) for label in shown if label)
    assert labels and labels == sorted(
        c for c in cells if c.startswith(("common", "shared only", "used by", "also in")))
    # It names the collection as the window does, not by the store in the user's cache.
    page = report.read_text(encoding="utf-8")
    assert f"30 articles of {html.escape(mode.data.name)}." in page and ".sqlite" not in page
    # The collection's report, exported while the pair is read, leaves the pair's figures.
    done: list[str] = []
    mode.export("pdf", str(tmp_path / "collection.pdf"), done.append)
    qtbot.waitUntil(lambda: done == [""], timeout=60000)
    assert window.figures.text().startswith("Shared text:")
    assert window.statusBar().currentMessage() == f"Exported {tmp_path / 'collection.pdf'}"


def _pair_opened_at_a_clustered_phrase(window, qtbot, a: str, b: str):  # type: ignore[no-untyped-def]
    """Open the pair `a`, `b` of the window's collection: its collection view, the side
    panel, and the first row of its shared phrases that a cluster carries further."""
    mode = window.collection
    mode.open_pair(a, b)
    wait_rendered(qtbot, window)
    panel = window.side_panel
    qtbot.waitUntil(lambda: panel.collection_phrases is not None, timeout=20000)
    phrases = panel.phrases.model()
    return mode, panel, next(k for k in range(phrases.rowCount()) if mode.cluster_articles(k))


@pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints\(\))")
def test_a_passage_carried_by_many_articles_lists_some_and_opens_the_cluster_for_all(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # A story run by 300 articles made a menu of 300 entries, laid out in columns far
    # wider than the screen: most could not be reached. The menu lists the first ones and
    # leads to the cluster in the Clusters tab for the rest.
    from viewer.ui.collection.mode import MENU_ARTICLES

    story = _made_up_sentences(99, 12)
    articles = [{"id": "source", "series": "wire", "date": "2021-01-01",
                 "text": f"{_made_up_sentences(1, 5)}\n\n{story}"}]
    articles += [{"id": f"copy{k:02d}", "series": f"paper{k}", "date": f"2021-02-{1 + k:02d}",
                  "text": f"{_made_up_sentences(100 + k, 4)}\n\n{story}"}
                 for k in range(MENU_ARTICLES + 6)]
    source = tmp_path / "wire.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    window = open_collection(make_window, qtbot, source)
    mode, panel, row = _pair_opened_at_a_clustered_phrase(window, qtbot, "source", "copy00")
    phrases = panel.phrases.model()
    others = mode.cluster_articles(row)
    assert len(others) == MENU_ARTICLES + 5
    panel.phrases.clicked.emit(phrases.index(row, 4))
    menu = mode.cluster_menu
    entries = [a for a in menu.actions() if not a.isSeparator()]
    assert [a.text().split("  ", 1)[1] for a in entries[:-1]] == [
        mode.data.title(doc) for doc in others[:MENU_ARTICLES]]
    assert entries[-1].text() == (
        f"All {MENU_ARTICLES + 5} other articles: the cluster in the Clusters tab")
    screen = QGuiApplication.primaryScreen().availableGeometry()
    assert menu.sizeHint().height() <= screen.height()
    entries[-1].trigger()
    view = mode.view
    assert window.showing_collection
    assert view.tabs.currentWidget().isAncestorOf(view.clusters_tree)
    cluster = view.clusters_tree.currentItem()
    assert cluster.isExpanded() and cluster.childCount() == MENU_ARTICLES + 7
    assert cluster.child(0).text(0) == mode.data.title("source")


@pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints\(\))")
def test_an_article_chosen_from_a_passages_menu_is_read_at_that_passage(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # "later" shares two passages with "source": an earlier one, and the story "copy"
    # carries too. Chosen from the story's menu, "later" was read at the earlier passage,
    # the first its pair lists, not at the story the reader chose it for.
    # The story is most of each article: text all three carry is paired only so.
    early, story = _made_up_sentences(21, 4), _made_up_sentences(22, 12)
    articles = [
        {"id": "source", "date": "2021-01-01", "text": "\n\n".join(
            [_made_up_sentences(23, 2), early, _made_up_sentences(24, 3), story])},
        {"id": "copy", "date": "2021-02-01",
         "text": f"{_made_up_sentences(25, 2)}\n\n{story}"},
        {"id": "later", "date": "2021-03-01", "text": "\n\n".join(
            [early, _made_up_sentences(26, 3), story, _made_up_sentences(27, 2)])},
    ]
    source = tmp_path / "two.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    window = open_collection(make_window, qtbot, source)
    mode, panel, row = _pair_opened_at_a_clustered_phrase(window, qtbot, "source", "copy")
    assert mode.cluster_articles(row) == ["later"]
    told = window.rendered.comparison.shared_phrases[row].a
    assert [at for at, _ in mode.data.listed_passages("source", "later")][0] < told
    panel.phrases.clicked.emit(panel.phrases.model().index(row, 4))
    [entry] = mode.cluster_menu.actions()
    entry.trigger()
    wait_rendered(qtbot, window)
    assert mode.pair_ids(*window.documents) == ("source", "later")
    active = window.active_phrase
    assert active is not None
    shown = window.rendered.comparison.shared_phrases[active].a
    assert shown[0] < told[1] and told[0] < shown[1]


def read_a_pair_using_a_formulation(make_window, qtbot,  # type: ignore[no-untyped-def]
                                    dev_store: str):
    """The window with the first two articles using the collection's first formulation
    read side by side: (window, formulation, first id, second id)."""
    window = open_collection(make_window, qtbot, dev_store)
    formulation = window.collection.data.formulations[0]
    first, second = (o["doc"] for o in formulation["occurrences"][:2])
    window.collection.open_pair(first, second)
    wait_rendered(qtbot, window)
    return window, formulation, first, second


def test_an_article_opened_alone_after_a_pair_shows_no_figures_of_the_pair(
        make_window, qtbot, dev_store: str) -> None:  # type: ignore[no-untyped-def]
    window, formulation, first, second = read_a_pair_using_a_formulation(
        make_window, qtbot, dev_store)
    mode = window.collection
    assert window.figures.text().startswith("Shared text:")
    mode.open_article(first, [tuple(formulation["occurrences"][0]["spans"][0])])
    qtbot.waitUntil(lambda: window.documents[1] is None, timeout=10000)
    assert window.rendered is None and window.figures.text() == ""


def test_a_pair_from_outside_the_open_collection_gets_no_collection_figures(
        make_window, qtbot, dev_store: str) -> None:  # type: ignore[no-untyped-def]
    window = open_collection(make_window, qtbot, dev_store)
    window.action_try_sample()
    wait_rendered(qtbot, window)
    assert window.collection.wait_jobs()
    qtbot.wait(50)  # a lookup's result would arrive through the event loop
    comparison = window.rendered.comparison
    assert comparison.slogans and window.collection.figures(comparison) is None
    panel = window.side_panel
    assert panel.collection_slogans is None and panel.slogans.model().columnCount() == 4


def test_a_pair_opened_from_the_collection_lists_the_formulations_it_uses(
        make_window, qtbot, dev_store: str) -> None:  # type: ignore[no-untyped-def]
    window, formulation, first, second = read_a_pair_using_a_formulation(
        make_window, qtbot, dev_store)
    comparison = window.rendered.comparison
    [slogan] = [s for s in comparison.slogans if s.phrase == formulation["phrase"]]
    uses = {o["doc"]: [tuple(span) for span in o["spans"]] for o in formulation["occurrences"]}
    assert list(slogan.occurrences_a) == uses[first]
    assert list(slogan.occurrences_b) == uses[second]
    # Listed in the Slogans tab, with its figures in the collection.
    panel = window.side_panel
    qtbot.waitUntil(lambda: panel.collection_slogans is not None, timeout=20000)
    row = comparison.slogans.index(slogan)
    cell = panel.slogans.model().index(row, 4)
    tip = cell.data(Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines()[-1].startswith("common formulation · in ")
    # The cell is short and whole in its column, and the row one line high: wrapped, the
    # whole label made every row four lines, and ~6 slogans fit at 1400 x 900.
    assert re.fullmatch(r"common · \d+/\d+", cell.data())
    table = panel.slogans
    metrics = QFontMetrics(table.font())
    assert metrics.horizontalAdvance(cell.data()) < table.columnWidth(4)
    assert all(table.rowHeight(k) <= table.verticalHeader().defaultSectionSize()
               for k in range(table.model().rowCount()))
    # Two articles opened otherwise are two texts: the collection's phrases are not looked up.
    window.show_documents(Document(window.documents[0].text, "a"),
                          Document(window.documents[1].text, "b"))
    wait_rendered(qtbot, window)
    assert window.collection.formulations_behind(*window.documents) == ()


def _write_more_articles(folder: Path) -> None:
    """The small dev collection's articles, as files of `folder`: work for the next run."""
    with gzip.open(DEV_SMALL, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            (folder / f"{row['date']}_{row['id']}.txt").write_text(row["text"], encoding="utf-8")


@pytest.mark.parametrize("when", ["at once", "once it reports progress"])
def test_cancel_during_indexing_leaves_the_store_as_it_was(
        make_window, qtbot, tmp_path: Path, when: str) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "articles"
    shutil.copytree(EN_ARTICLES, folder)
    window = open_collection(make_window, qtbot, folder)
    store_path = window.collection.data.store_path
    with CollectionStore.open(store_path) as store:
        before = store.report()
    _write_more_articles(folder)
    stages: list[str] = []
    window.collection.indexer.progress.connect(lambda stage, _: stages.append(stage))
    window.open_paths([str(folder)])
    assert window.cancel_button.isVisible()
    if when != "at once":
        qtbot.waitUntil(lambda: bool(stages), timeout=30000)
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    assert not window.collection.indexer.running
    assert not window.cancel_button.isVisible()
    with CollectionStore.open(store_path) as store:
        after = store.report()
    if when == "at once" or "cancelled" in window.figures.text():
        assert "cancelled" in window.figures.text()
        assert after == before
        # The window still shows the collection as it was.
        assert len(window.collection.data.documents) == len(before["documents"])
    else:
        # Progress is read every few hundredths of a second: on a loaded machine the run
        # may already be committing when Cancel comes. It then ends as finished, and the
        # window shows what it saved, never "cancelled" over a changed store.
        assert len(after["documents"]) > len(before["documents"])
        assert len(window.collection.data.documents) == len(after["documents"])


def test_cancelling_the_first_indexing_of_a_folder_says_nothing_was_kept(
        make_window, qtbot, tmp_path: Path, private_cache: Path) -> None:  # type: ignore[no-untyped-def]
    # It said "the collection is as it was before", of a collection there never was.
    folder = tmp_path / "articles"
    shutil.copytree(EN_ARTICLES, folder)
    window = make_window()
    window.open_paths([str(folder)])
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    assert not window.collection.indexer.running
    assert window.figures.text() == "Indexing articles cancelled; nothing of it was kept."
    assert window.collection.data is None
    assert not any(private_cache.rglob("*.sqlite*"))


def test_cancel_stops_what_the_bar_shows_the_comparison_then_the_indexing(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # A folder indexing, and a long pair opened meanwhile: the bar is the comparison's, and
    # so is Cancel. Once it is stopped, the bar and Cancel are the indexing's again.
    from tests.ui.test_window import big_pair

    folder = tmp_path / "articles"
    shutil.copytree(EN_ARTICLES, folder)
    a, b = big_pair(tmp_path, 120)
    window = make_window()
    window.open_paths([str(folder)])
    window.open_paths([str(a), str(b)])
    qtbot.wait(300)  # both report progress meanwhile
    assert window.collection.indexer.running
    comparing = window.comparing_progress()
    assert comparing is not None and window.progress.format().startswith(comparing[0])
    with qtbot.waitSignal(window.comparer.signals.cancelled, timeout=30000):
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    assert window.collection.indexer.running  # the indexing goes on
    assert window.progress.isVisible() and window.cancel_button.isVisible()
    indexing = window.collection.indexing_progress()
    assert indexing is not None and window.progress.format().startswith(indexing[0])
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.collection.indexer.running, timeout=30000)
    qtbot.waitUntil(lambda: not window.progress.isVisible(), timeout=30000)
    assert not window.cancel_button.isVisible()
    assert window.comparer.wait(30000)


def test_skipped_files_are_listed_in_a_dialog_that_copies(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "with-junk"
    shutil.copytree(EN_ARTICLES, folder)
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a docx")
    window = open_collection(make_window, qtbot, folder)
    dialog = window.collection.skipped_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text().endswith("broken.docx")
    assert "docx" in dialog.table.item(0, 1).text().lower()
    assert dialog.heading.text().startswith("1 file or line could not be read")
    dialog.copy_all()
    path, reason = QGuiApplication.clipboard().text().rstrip("\n").split("\t")
    assert (path, reason) == (dialog.table.item(0, 0).text(), dialog.table.item(0, 1).text())
    assert window.collection.view.skipped_link.text().endswith(">1 skipped…</a>")


def test_a_note_on_an_article_indexed_all_the_same_is_not_called_skipped(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # An article whose date is not read as one is indexed without it: a note, not an
    # input left out.
    source = tmp_path / "articles.jsonl"
    rows = [{"id": path.stem, "series": "s", "date": f"2021-06-0{k + 1}",
             "text": path.read_text(encoding="utf-8")}
            for k, path in enumerate(sorted(EN_ARTICLES.glob("*.txt"))[:3])]
    rows[1]["date"] = "05/06/2021"  # the 5th of June, or May the 6th
    source.write_text("".join(json.dumps(row) + "\n" for row in rows) + "[1, 2]\n",
                      encoding="utf-8")
    window = open_collection(make_window, qtbot, source)
    assert len(window.collection.data.documents) == 3
    dialog = window.collection.skipped_dialog
    assert dialog is not None and dialog.isVisible()
    assert window.collection.view.skipped_link.text().endswith(">1 skipped, 1 note…</a>")
    assert dialog.heading.text() == ("1 file or line could not be read and was left out of "
                                     "the collection. 1 article was indexed with a note "
                                     "(listed last).")
    assert dialog.table.item(0, 0).text() == f"{source}:4"
    assert dialog.table.item(1, 0).text() == f"{source}:2"
    assert dialog.table.item(1, 1).text().startswith("Note: ")
    assert "05/06/2021" in dialog.table.item(1, 1).text()


def test_a_bad_store_gets_a_message_not_a_crash(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "other.sqlite"
    import sqlite3

    with sqlite3.connect(bad) as connection:
        connection.execute("CREATE TABLE t (x)")
    window = make_window()
    window.open_paths([str(bad)])
    assert window.collection.data is None
    assert "is not a Tandem collection store" in window.last_message.text()
    assert bad.read_bytes().startswith(b"SQLite format 3")


def test_a_damaged_cache_store_is_indexed_afresh_when_the_user_agrees(
        make_window, qtbot, tmp_path: Path, private_cache: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "articles"
    shutil.copytree(EN_ARTICLES, folder)
    window = open_collection(make_window, qtbot, folder)
    articles = len(window.collection.data.documents)
    window.collection.close()
    [cached] = private_cache.rglob("*.sqlite")
    damaged = cached.read_bytes()[:4096] + b"\x00garbage" * 500
    cached.write_bytes(damaged)
    for answer in ("Cancel", "Index afresh"):
        window.open_paths([str(folder)])
        qtbot.waitUntil(lambda: window.last_message is not None
                        and window.last_message.objectName() == "question_box", timeout=60000)
        box = window.last_message
        assert "is damaged" in box.text() and "in its cache" in box.text()
        button = next(b for b in box.buttons() if b.text() == answer)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        if answer == "Cancel":
            assert window.collection.data is None
            assert cached.read_bytes() == damaged  # never replaced unasked
    qtbot.waitUntil(lambda: window.collection.data is not None
                    and not window.collection.indexer.running, timeout=60000)
    assert len(window.collection.data.documents) == articles
    assert (cached.parent / (cached.name + ".damaged")).read_bytes() == damaged


def test_a_pair_opened_while_a_collection_indexes_stays_in_front(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "articles"
    shutil.copytree(EN_ARTICLES, folder)
    window = make_window()
    window.open_paths([str(folder)])
    assert window.collection.indexer.running
    a, b = write_pair(tmp_path)
    window.open_paths([str(a), str(b)])
    wait_rendered(qtbot, window)
    if window.collection.indexer.running:  # its bar and Cancel outlast the comparison
        assert window.progress.isVisible() and window.cancel_button.isVisible()
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    qtbot.waitUntil(lambda: window.collection.data is not None
                    and not window.collection.indexer.running, timeout=60000)
    assert not window.showing_collection
    assert window.panes[0].document.path == str(a)
    # The pair's figures stay in the status bar when the indexing ends.
    assert window.figures.text().startswith("Shared text:")
    assert not window.progress.isVisible()
    assert any("is indexed: Back to collection" in m for m in messages)
    window.back_act.trigger()
    assert window.showing_collection


def test_export_the_collection_report_from_the_window(
        make_window, qtbot, dev_store: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_collection(make_window, qtbot, dev_store)
    problems: list[str] = []
    for kind in ("html", "pdf"):
        target = tmp_path / f"report.{kind}"
        written = len(problems) + 1
        window.collection.export(kind, str(target), problems.append)
        qtbot.waitUntil(lambda n=written: len(problems) == n, timeout=60000)
        assert window.statusBar().currentMessage() == f"Exported {target}"
    assert problems == ["", ""]
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    data = window.collection.data
    assert data.formulations[0]["phrase"] in html
    assert all(f">{p.a}<" in html or p.a in html for p in data.pairs)
    # The window's formulations table names its figures as the report does.
    model = window.collection.view.formulations_model
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    report_heads = re.findall(r"<th>([^<]*)</th>",
                              html[html.index("Formulations ("):])[:6]
    figures = ("articles", "uses", "first seen")
    assert [h.lower() for h in heads if h.lower() in figures] == [
        h for h in report_heads if h in figures]
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "report.pdf").pages)
    assert "collection report" in text.lower()
    assert data.formulations[0]["phrase"] in " ".join(text.split())


def test_the_report_names_the_menu_entries_that_open_a_collection(
        make_window) -> None:  # type: ignore[no-untyped-def]
    # The pairs section sent its reader to "File > Open collection…", which the File menu
    # does not have: its entries are "Open collection folder…" and "Open collection file…".
    window = make_window()
    file_menu = window.menuBar().actions()[0].menu()
    entries = {a.text().replace("&", "") for a in file_menu.actions()}
    named = re.findall(r"File > (.+?…)", SECTIONS["pairs"].intro)
    assert named
    assert [entry for entry in named if entry not in entries] == []


def test_characters_the_exported_pdf_draws_as_boxes_are_told_after_the_export(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # "Exported report.pdf" alone, while the report drew an article's Devanagari title as
    # boxes; the pair's report export tells it.
    devanagari = "\u0928\u092e\u0938\u094d\u0924\u0947"
    told = ("The harbour commission approved a binding timetable for retiring the coal "
            "cranes and retraining every dock worker before the winter season.")
    source = tmp_path / "news.jsonl"
    source.write_text("".join(json.dumps({"id": name, "text": f"{title}\n\n{told}"}) + "\n"
                              for name, title in (("one", f"{devanagari} harbour news"),
                                                  ("two", "Dock news"))), encoding="utf-8")
    store = str(tmp_path / "news.sqlite")
    with CollectionStore.create_or_open(store) as opened:
        add_sources(opened, [source], workers=1)
    window = open_collection(make_window, qtbot, store)
    target = tmp_path / "report.pdf"
    problems: list[str] = []
    window.collection.export("pdf", str(target), problems.append)
    qtbot.waitUntil(lambda: len(problems) == 1, timeout=60000)
    assert problems == [""]
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Exported {target}; ")
    note = message.removeprefix(f"Exported {target}; ")
    assert "show as empty boxes" in note
    from pypdf import PdfReader

    assert note in " ".join(PdfReader(target).pages[0].extract_text().split())


def test_the_exported_report_counts_the_watch_list_across_the_collection(
        make_window, qtbot, dev_store: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_collection(make_window, qtbot, dev_store)
    found = window.collection.data.formulations[0]["phrase"]
    absent = "a phrase no article of the collection writes"
    _save_watchlist(window, found, absent)
    assert window.settings.watchlist == (found, absent)
    target = tmp_path / "report.html"
    problems: list[str] = []
    window.collection.export("html", str(target), problems.append)
    qtbot.waitUntil(lambda: len(problems) == 1, timeout=60000)
    assert problems == [""]
    html = target.read_text(encoding="utf-8")
    section = html[html.index('<h2 id="watched">'):html.index('<h2 id="boilerplate">')]
    assert "Watched phrases (2)" in section
    assert found in section and absent in section and "not used" in section


def test_a_pair_compared_again_behind_the_collection_keeps_its_figures_off_the_page(
        make_window, qtbot, dev_store: str) -> None:  # type: ignore[no-untyped-def]
    window, _, _, _ = read_a_pair_using_a_formulation(make_window, qtbot, dev_store)
    window.back_act.trigger()
    assert window.showing_collection and window.figures.text() == ""
    # The watch-list changed: the pair behind the page is compared again.
    token = window.comparer.token
    _save_watchlist(window, "a phrase no article of the collection writes")
    assert window.comparer.token != token
    qtbot.waitUntil(lambda: not window.comparer.is_current(window.comparer.token),
                    timeout=30000)
    assert window.rendered is not None
    assert window.showing_collection and window.figures.text() == ""
    window.show_comparison_page()
    assert window.figures.text().startswith("Shared text:")


def _save_watchlist(window, *phrases: str) -> None:  # type: ignore[no-untyped-def]
    window.side_panel.watch_edit.setPlainText("\n".join(phrases))
    window.findChild(QPushButton, "watchlist_save").click()


def test_the_watch_list_joins_the_formulations_tab(
        make_window, qtbot, dev_store: str) -> None:  # type: ignore[no-untyped-def]
    window = open_collection(make_window, qtbot, dev_store)
    window.show_collection_page()
    view, data = window.collection.view, window.collection.data
    found = data.formulations[0]["phrase"]
    absent = "a phrase no article of the collection writes"
    # Rows the user selected before the count arrives stay selected.
    table = view.formulations_table
    table.selectRow(1)
    table.selectionModel().select(view.formulations_model.index(2, 0),
                                  table.selectionModel().SelectionFlag.Select
                                  | table.selectionModel().SelectionFlag.Rows)
    chosen = [f["phrase"] for f in view.selected_formulations()]
    _save_watchlist(window, found, absent)
    listed = len(data.formulations)
    model = view.formulations_model
    qtbot.waitUntil(lambda: model.rowCount() == listed + 2, timeout=30000)
    assert [f["phrase"] for f in view.selected_formulations()] == chosen
    # Kept as counted, for the pairs opened next (`collection_context`'s `counted`).
    assert window.collection.watched[:2] == (data, (found, absent))
    shown = [model.data(model.index(row, 0)) for row in range(listed, listed + 2)]
    assert shown == [f"{found}  (watch-list)", f"{absent}  (watch-list)"]
    assert f"{listed:,} formulations · 2 watched phrases" in view.summary.text()
    # Counted in the stored texts, case aside, as a reader would count them.
    with CollectionStore.open(dev_store) as store:
        texts = store.texts()
    pattern = re.compile(r"\s+".join(map(re.escape, found.split())), re.IGNORECASE)
    using = sum(1 for text in texts.values() if pattern.search(text))
    assert model.data(model.index(listed, 2)) == f"{using:,}"
    assert model.data(model.index(listed + 1, 2)) == "0"
    assert model.data(model.index(listed + 1, _column(model, "First seen"))) == ""
    double_click(qtbot, view.formulations_table, listed)
    assert view.uses_list.count() == using
    # Emptied, the watch-list leaves the formulations alone.
    _save_watchlist(window)
    qtbot.waitUntil(lambda: model.rowCount() == listed, timeout=30000)
    assert "watched" not in view.summary.text()


def test_the_collection_report_is_never_written_onto_the_store_or_an_article(
        make_window, qtbot, dev_store: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "articles"
    shutil.copytree(EN_ARTICLES, folder)
    article = next(p for p in sorted(folder.iterdir()) if p.suffix == ".txt")
    for opened, target in ((dev_store, Path(dev_store)), (folder, article)):
        window = open_collection(make_window, qtbot, opened)
        before = target.read_bytes()
        problems: list[str] = []
        window.collection.export("html", str(target), problems.append)
        assert len(problems) == 1 and "would be overwritten" in problems[0]
        assert "would be overwritten" in window.last_message.text()
        assert target.read_bytes() == before


def test_the_collection_report_is_never_written_onto_or_among_the_articles_a_store_read(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Opened as a store, the collection was written onto an article its store read from;
    # opened as a folder, into that folder, where its next indexing read the report as
    # one of its articles. `tandem corpus report` refuses both.
    folder = tmp_path / "articles"
    shutil.copytree(EN_ARTICLES, folder)
    store = tmp_path / "collection.sqlite"
    with CollectionStore.create_or_open(str(store)) as made:
        add_sources(made, [folder], workers=1)
    article = next(p for p in sorted(folder.iterdir()) if p.suffix == ".txt")
    for opened, target, problem in (
            (store, article, "would be overwritten"),
            (store, folder / "report.html", "next run would read it as one of its articles"),
            (folder, folder / "report.html", "next run would read it as one of its articles")):
        window = open_collection(make_window, qtbot, opened)
        before = sorted((p.name, p.read_bytes()) for p in folder.iterdir())
        problems: list[str] = []
        window.collection.export("html", str(target), problems.append)
        assert len(problems) == 1 and problem in problems[0], problems
        assert sorted((p.name, p.read_bytes()) for p in folder.iterdir()) == before


def test_text_pasted_under_the_collection_is_shown_and_compared(
        make_window, qtbot, dev_store: str) -> None:  # type: ignore[no-untyped-def]
    # Paste as A/B with the collection's page in front shows the pair's page, as Open…
    # does: the pasted texts are not compared out of sight.
    window = open_collection(make_window, qtbot, dev_store)
    clipboard = QGuiApplication.clipboard()
    clipboard.setText(article_a())
    window.paste_a_act.trigger()
    assert not window.showing_collection
    assert window.panes[0].view.toPlainText() == article_a()
    window.back_act.trigger()
    clipboard.setText(article_b())
    window.paste_b_act.trigger()
    wait_rendered(qtbot, window)
    assert not window.showing_collection
    assert window.windowTitle().startswith("Pasted text ↔ Pasted text")
    assert window.figures.text().startswith("Shared text:")


def test_the_collection_report_is_offered_under_the_collections_own_name(
        make_window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    # The save dialog's name is the collection's, less the suffix of the file it came from:
    # not 'dev-small.jsonl-collection.html', and a folder's dot is no suffix.
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog

    monkeypatch.setenv("HOME", str(tmp_path))
    folder = tmp_path / "news.2023"
    folder.mkdir()
    for article in sorted(EN_ARTICLES.glob("*.txt"))[:3]:
        shutil.copy(article, folder / article.name)
    offered: list[str] = []

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, read_and_close)
            return
        offered.append(Path(dialog.selectedFiles()[0]).name)
        dialog.reject()

    for source in (folder, DEV_SMALL):
        window = open_collection(make_window, qtbot, source)
        QTimer.singleShot(20, read_and_close)
        window.collection_html_act.trigger()
    assert offered == ["news.2023-collection.html", "dev-small-collection.html"]


def test_recent_collections_and_the_command_line_form(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from viewer.cli import window_parser

    assert window_parser().parse_args([str(EN_ARTICLES)]).files == [str(EN_ARTICLES)]
    window = open_collection(make_window, qtbot, EN_ARTICLES)
    window.on_recent_collections_menu()
    labels = [a.text() for a in window.recent_collections_menu.actions()]
    assert labels == ["articles"]
    window.show_comparison_page()
    window.recent_collections_menu.actions()[0].trigger()
    qtbot.waitUntil(lambda: window.showing_collection and not window.collection.indexer.running,
                    timeout=60000)


def test_a_dropped_folder_opens_as_a_collection(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.test_window import drop

    window = make_window()
    assert window.minimumSizeHint().width() <= 1280  # the welcome line wraps
    drop(window.panes[0].view.viewport(), [EN_ARTICLES])
    qtbot.waitUntil(lambda: window.collection.data is not None, timeout=60000)
    assert window.showing_collection
    assert len(window.collection.data.documents) == 30


def test_a_gzipped_json_lines_file_named_json_gz_opens_as_a_collection(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # passim's dumps are often `.json.gz`: the collection engine reads them, and the window's
    # Open collection file dialog offers them; given alone (dropped, on the command line,
    # Open…), one is a collection too, not an article ("a gzip archive, unpack it first").
    articles = sorted(EN_ARTICLES.glob("*.txt"))[:3]
    dump = tmp_path / "news.json.gz"
    with gzip.open(dump, "wt", encoding="utf-8") as handle:
        for article in articles:
            handle.write(json.dumps({"id": article.stem, "series": "s",
                                     "text": article.read_text(encoding="utf-8")}) + "\n")
    window = open_collection(make_window, qtbot, dump)
    assert window.last_message is None
    assert window.showing_collection
    assert window.documents == [None, None]
    assert sorted(d.id for d in window.collection.data.documents) == [a.stem for a in articles]


def test_a_folder_without_articles_is_an_error_and_leaves_no_store(
        make_window, qtbot, tmp_path: Path, private_cache: Path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty"
    empty.mkdir()
    window = make_window()
    window.open_paths([str(empty)])
    qtbot.waitUntil(lambda: not window.collection.indexer.running, timeout=60000)
    assert window.collection.data is None
    message = window.last_message.text()
    assert str(empty) in message
    assert window.figures.text() == "Indexing empty failed."
    assert not any(private_cache.rglob("*.sqlite*"))
    # Under a collection shown, the line says which one failed and which one is shown. A
    # small one: the indexing child runs at a low priority, slow on a busy machine.
    articles = tmp_path / "articles"
    articles.mkdir()
    for article in sorted(EN_ARTICLES.glob("*.txt"))[:3]:
        shutil.copy(article, articles / article.name)
    window = open_collection(make_window, qtbot, articles)
    window.open_paths([str(empty)])
    qtbot.waitUntil(lambda: not window.collection.indexer.running, timeout=60000)
    assert window.showing_collection and window.collection.data.name == "articles"
    assert window.figures.text() == "Indexing empty failed. Shown: articles, as it was."


def test_a_folder_opened_before_and_deleted_since_is_told_gone_as_a_folder(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Gone, it is no folder on disk: it was opened as an article ("Cannot open file", "no
    # such file") and the collection shown was left for an empty comparison page.
    articles = tmp_path / "news"
    articles.mkdir()
    for article in sorted(EN_ARTICLES.glob("*.txt"))[:3]:
        shutil.copy(article, articles / article.name)
    window = open_collection(make_window, qtbot, articles)
    shutil.rmtree(articles)
    window.open_paths([str(articles)])
    qtbot.waitUntil(lambda: window.last_message is not None, timeout=10000)
    assert window.last_message.windowTitle() == "Cannot open collection"
    assert window.last_message.text() == f"{articles}: no such file or folder (check the path)"
    assert window.showing_collection and window.collection.data.name == "news"
    assert window.figures.text() == "Opening news failed. Shown: news, as it was."


def _index_as_an_earlier_version(path: Path) -> None:
    """Index the dev-small collection at `path` as a store an earlier version wrote: one
    without the `keys` entry."""
    with CollectionStore.create_or_open(path) as store:
        add_sources(store, [DEV_SMALL], workers=1)
        with store.transaction():
            store.connection.execute("DELETE FROM meta WHERE key = 'keys'")


def test_a_store_an_earlier_version_indexed_shows_a_note_for_as_long_as_it_is_shown(
        make_window, qtbot, tmp_path: Path, dev_store: str) -> None:  # type: ignore[no-untyped-def]
    # The note was a minute's message: gone after it, or as soon as any other message
    # was shown, while the results shown were still the earlier version's.
    path = tmp_path / "earlier.sqlite"
    _index_as_an_earlier_version(path)
    window = open_collection(make_window, qtbot, path)
    mode = window.collection
    assert mode.data.pairs
    note = mode.data.note
    assert "earlier version of Tandem" in note
    assert status_line(window) == note
    article = mode.data.documents[0].id
    mode.open_pair(article, article)  # refused, and said in a passing message
    said = window.statusBar().currentMessage()
    assert said.endswith("is one article: it is not compared with itself")
    assert status_line(window, covered=True) == f"{said} {note}"  # behind it, not gone
    window.statusBar().clearMessage()  # as it does when its time is up
    assert status_line(window) == note
    window.open_paths([dev_store])  # a store of this version's
    qtbot.waitUntil(lambda: mode.data.store_path == dev_store, timeout=20000)
    assert not mode.data.note
    assert "earlier version" not in status_line(window, covered=True)


def test_a_store_an_earlier_version_indexed_says_so_in_a_narrow_window(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # The note named the store by its path, first: cut short to fit the status bar, it
    # read "/tmp/…/earlier.sqlite was indexed …SOURCE...` brings them up to date".
    path = tmp_path / "a folder of stores kept for years" / "earlier.sqlite"
    _index_as_an_earlier_version(path)
    window = open_collection(make_window, qtbot, path)
    window.resize(800, 600)
    note = window.standing_note
    assert note.full_text() == window.collection.data.note
    qtbot.waitUntil(lambda: note.text() != note.full_text())  # cut short to fit
    assert "earlier.sqlite was indexed by an earlier version of Tandem" in note.text()
    assert note.toolTip() == note.full_text()  # whole, with the command to run


def test_a_closed_window_lets_go_of_the_store_it_showed(
        make_window, qtbot, tmp_path: Path, dev_store: str) -> None:  # type: ignore[no-untyped-def]
    # Closing the window only cancelled its indexing: it held the shown store open, so
    # an add after it could not leave the store one file (its -wal and -shm stayed).
    path = tmp_path / "shown.sqlite"
    shutil.copyfile(dev_store, path)
    with sqlite3.connect(path) as earlier:  # as a store an earlier version left in WAL mode
        earlier.execute("PRAGMA journal_mode = WAL")
    window = open_collection(make_window, qtbot, path)
    window.close()
    with CollectionStore.create_or_open(path) as store, store.transaction():
        store.set_meta("note", "written after the window closed")
    assert sorted(entry.name for entry in tmp_path.iterdir()
                  if entry.name.startswith(path.name)) == ["shown.sqlite"]


def test_at_a_small_screens_width_every_column_of_the_tables_is_in_view(
        make_window, qtbot, dev_store: str) -> None:  # type: ignore[no-untyped-def]
    window = open_collection(make_window, qtbot, dev_store)
    window.show_collection_page()
    view = window.collection.view
    tables = [view.pairs_table, view.formulations_table, view.articles_table,
              view.boilerplate_table]
    titles = {}
    for width in (1024, 1600):
        window.resize(width, 700)
        qtbot.wait(20)  # the tables fit their columns once their viewports are laid out
        for table in tables:
            view.tabs.setCurrentIndex(next(k for k in range(view.tabs.count())
                                           if view.tabs.widget(k).isAncestorOf(table)))
            qtbot.wait(20)
            assert table.horizontalScrollBar().maximum() == 0
            # Titles and phrases give up room, down to a width that still reads; the
            # others keep their headings' (a sort arrow's room only where it is drawn).
            widths = [table.columnWidth(c) for c in range(table.model().columnCount())]
            assert min(widths) >= min(NARROWEST_CAPPED, min(
                heading_width(table.horizontalHeader(), c) for c in range(len(widths))))
        titles[width] = view.pairs_table.columnWidth(0)
    # A wider window gives the titles back their room.
    assert NARROWEST_CAPPED <= titles[1024] < titles[1600]


def test_the_pairs_tab_counts_one_pair_and_says_why_it_lists_none(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    articles = FIXTURES / "collection" / "zh" / "articles"
    for name, files in (("one", ("2023-03-09_zh02.txt", "2023-05-18_zh06.txt",
                                 "2023-03-02_zh01.txt")),
                        ("none", ("2023-03-02_zh01.txt", "2023-05-06_zh05.txt"))):
        folder = tmp_path / name
        folder.mkdir()
        for file in files:
            shutil.copy(articles / file, folder / file)
        window = open_collection(make_window, qtbot, folder)
        view = window.collection.view
        assert view.pairs_model.rowCount() == len(window.collection.data.pairs)
        assert view.pairs_count.text() == {"one": "1 pair", "none": NO_PAIRS}[name]


def test_a_chinese_articles_words_are_counted_as_its_passages_words_are(
        make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # The pair's passage is a share of the article, in words as in characters.
    window = open_collection(make_window, qtbot, FIXTURES / "collection" / "zh" / "articles")
    view, data = window.collection.view, window.collection.data
    [pair] = data.pairs
    model = view.articles_model
    words_column = next(c for c in range(model.columnCount())
                        if model.headerData(c, Qt.Orientation.Horizontal) == "Words")
    row = next(k for k, a in enumerate(model.shown()) if a.row.id == pair.a)
    words = int(model.data(model.index(row, words_column)).replace(",", ""))
    assert pair.words / words == pytest.approx(pair.shared_a, rel=0.15)


def test_a_file_named_as_a_store_that_is_no_database_is_told_so_not_indexed(
        make_window, qtbot, tmp_path: Path, private_cache: Path) -> None:  # type: ignore[no-untyped-def]
    text = tmp_path / "text.sqlite"
    text.write_bytes(b"hello world\n")
    window = make_window()
    window.collection.open(str(text))  # what File > Open collection file... does
    assert not window.collection.indexer.running
    assert window.collection.data is None
    message = window.last_message.text()
    assert message.startswith(f"{text}: is not a Tandem collection store, nor an SQLite "
                              "database of any kind")
    assert text.read_bytes() == b"hello world\n"
    assert not any(private_cache.rglob("*.sqlite*"))


@pytest.mark.parametrize("content", [b"hello world\n", b""])
def test_a_file_named_as_a_store_given_to_the_window_is_told_it_is_none_not_read(
        make_window, qtbot, tmp_path: Path, private_cache: Path,  # type: ignore[no-untyped-def]
        content: bytes) -> None:
    # `tandem text.sqlite`, File > Open... or a drop: the window opens a store so, as File >
    # Open collection file... does; a text (or empty) file named as one is no article.
    text = tmp_path / "text.sqlite"
    text.write_bytes(content)
    window = make_window()
    window.open_paths([str(text)])
    assert window.documents == [None, None]
    window_message = window.last_message.text()
    assert "is not" in window_message and "store" in window_message
    assert text.read_bytes() == content
    assert not any(private_cache.rglob("*.sqlite*"))


def test_a_double_click_opens_once_and_enter_opens_what_a_double_click_does(
        make_window, qtbot, dev_store: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = open_collection(make_window, qtbot, dev_store)
    view = window.collection.view
    shown = []
    opened = window.show_documents
    monkeypatch.setattr(window, "show_documents",
                        lambda *args, **kwargs: (shown.append(args), opened(*args, **kwargs)))
    # A pair's double-click read both texts and compared them twice (a double-click is
    # also an `activated`, which Enter gives too).
    double_click(qtbot, view.pairs_table, 0)
    wait_rendered(qtbot, window)
    assert len(shown) == 1
    window.back_act.trigger()
    # Enter reads the article chosen in the Articles tab, and lists a formulation's uses.
    view.tabs.setCurrentIndex(3)
    table = view.articles_table
    table.setFocus()
    table.setCurrentIndex(table.model().index(2, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert len(shown) == 2 and not window.showing_collection
    assert shown[-1][0].text and shown[-1][1] is None
    assert view.articles_model.item(2).row.id in shown[-1][0].name
    window.back_act.trigger()
    view.tabs.setCurrentWidget(view.formulations_page)
    table = view.formulations_table
    table.setFocus()
    table.setCurrentIndex(table.model().index(1, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    phrase = view.formulations_model.item(1)["phrase"]
    assert view.uses_list.count() > 0 and phrase in view.uses_label.text()


@pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints\(\))")
def test_an_undated_article_among_those_carrying_a_passage_says_undated(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "articles"
    shutil.copytree(EN_ARTICLES, folder)
    # en15, of the four-article chain, loses its date: its file name's and its metadata's.
    (folder / "2023-04-20_ledger_en15.txt").rename(folder / "ledger_en15.txt")
    metadata = folder / "metadata.csv"
    metadata.write_text(metadata.read_text(encoding="utf-8").replace(
        "2023-04-20_ledger_en15.txt,en15,ledger,2023-04-20", "ledger_en15.txt,en15,ledger,"),
        encoding="utf-8")
    window = open_collection(make_window, qtbot, folder)
    assert window.collection.data.by_id["en15"].date == ""
    mode, panel, row = _pair_opened_at_a_clustered_phrase(window, qtbot, "en03", "en09")
    phrases = panel.phrases.model()
    assert sorted(mode.cluster_articles(row)) == ["en15", "en22"]
    panel.phrases.clicked.emit(phrases.index(row, 4))
    lines = {a.text().split("  ", 1)[1]: a.text() for a in mode.cluster_menu.actions()}
    # Not a blank where the date goes: said as the uses list says it.
    assert lines[mode.data.title("en15")] == f"undated  {mode.data.title('en15')}"
    assert lines[mode.data.title("en22")] == f"2023-07-14  {mode.data.title('en22')}"


def test_two_reprints_opened_either_way_round_name_the_same_article_first(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # en31 reprints en03 word for word on its date. Opened as (en31, en03), the window's
    # figures took A for en03 (the texts are one): the chain's first was "A", then "A"
    # again the other way round, though it is en03 (by date, then id) either way.
    folder = tmp_path / "articles"
    shutil.copytree(EN_ARTICLES, folder)
    shutil.copy(folder / "2023-02-10_courier_en03.txt", folder / "2023-02-10_herald_en31.txt")
    with open(folder / "metadata.csv", "a", encoding="utf-8") as metadata:
        metadata.write("2023-02-10_herald_en31.txt,en31,herald,2023-02-10\n")
    window = open_collection(make_window, qtbot, folder)
    for pair, first in ((("en31", "en03"), "B"), (("en03", "en31"), "A")):
        mode, panel, row = _pair_opened_at_a_clustered_phrase(window, qtbot, *pair)
        assert (mode.context["collection"]["a"], mode.context["collection"]["b"]) == pair
        assert panel.phrases.model().index(row, 4).data() == (
            f"also in 3 other articles · first: {first}, 2023-02-10")
        assert mode.cluster_articles(row) == ["en09", "en15", "en22"]


@pytest.mark.parametrize("kind", ["text", "other database"])
def test_a_file_opened_as_a_store_that_is_none_is_told_what_it_is_in_the_windows_terms(
        make_window, qtbot, tmp_path: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    path = tmp_path / "notes.db"
    if kind == "text":
        path.write_bytes(b"hi\n")
    else:
        with sqlite3.connect(path) as connection:
            connection.execute("CREATE TABLE notes (x)")
        connection.close()
    before = path.read_bytes()
    window = make_window()
    window.collection.open(str(path))  # File > Open collection file...
    assert window.collection.data is None
    message = window.last_message.text()
    said = {"text": "is not a Tandem collection store, nor an SQLite database",
            "other database": "is not a Tandem collection store, but another SQLite "
                              "database"}[kind]
    assert message.startswith(f"{path}: {said}")
    # Not a collection's articles, nor a command to type: what to open, as the window has it.
    assert "looks like" not in message and "tandem corpus" not in message
    assert "give the path" not in message and "give another path" not in message
    assert "Open collection folder…" in message and "Open collection file…" in message
    assert path.read_bytes() == before


def test_a_store_that_fails_to_open_after_a_failed_indexing_is_the_one_said_to_fail(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # The dialog named the store, while the status line still said the indexing of the
    # JSON-lines file opened before it had failed, as if that were what went wrong.
    lines = tmp_path / "text.jsonl"
    lines.write_text("not JSON at all\n", encoding="utf-8")
    other = tmp_path / "notes.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (x)")
    connection.close()
    window = make_window()
    window.collection.open(str(lines))
    qtbot.waitUntil(lambda: not window.collection.indexer.running, timeout=60000)
    assert window.figures.text() == "Indexing text.jsonl failed."
    window.collection.open(str(other))
    assert window.last_message.text().startswith(f"{other}: ")
    assert window.figures.text() == "Opening notes.db failed."


def test_a_pair_compared_with_other_matching_settings_than_the_collections_says_so(
        make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # The collection lists a pair's passages with `tandem compare`'s defaults; the window
    # compares with the reader's settings. Where those differ, the passages may too, and
    # the status bar says why for as long as the pair is shown.
    window = open_collection(make_window, qtbot, EN_ARTICLES)
    window.collection.open_pair("en03", "en09")
    wait_rendered(qtbot, window)
    assert "collection's" not in status_line(window, covered=True)
    window.on_settings_changed(replace(window.settings, min_words=40, stemming=True))
    qtbot.waitUntil(lambda: window.rendered is not None
                    and window.rendered.comparison.settings.min_words == 40, timeout=20000)
    note = ("Passages may differ from the collection's: your Minimum words 40 (not 5), "
            "Match word stems on (not off)")
    assert status_line(window) == note
    # What the reader does next is said over it for a while; then the note is back: it
    # was gone for as long as the pair was read.
    window.next_act.trigger()
    assert status_line(window).startswith("Passage 1 of ")
    qtbot.waitUntil(lambda: not window.statusBar().currentMessage(), timeout=10000)
    assert status_line(window) == note
    # Not on the collection's page, which has its own; back on the pair, it is.
    window.back_act.trigger()
    assert "collection's" not in status_line(window, covered=True)
    window.show_comparison_page()
    assert status_line(window) == note
    window.on_settings_changed(replace(window.settings, min_words=5, stemming=False))
    qtbot.waitUntil(lambda: window.rendered is not None
                    and window.rendered.comparison.settings.min_words == 5, timeout=20000)
    assert "collection's" not in status_line(window, covered=True)


def test_a_recent_collection_that_is_gone_is_shown_missing_and_not_offered(
        make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = open_collection(make_window, qtbot, EN_ARTICLES)
    gone = tmp_path / "gone.jsonl"
    gone.write_text('{"id": "a", "text": "An article."}\n', encoding="utf-8")
    window.store.set_value("recent/collections", [str(gone), str(EN_ARTICLES)])
    gone.unlink()
    window.on_recent_collections_menu()
    actions = window.recent_collections_menu.actions()
    assert [(action.text(), action.isEnabled()) for action in actions] == [
        ("gone.jsonl (missing)", False), (EN_ARTICLES.name, True)]


@pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints\(\))")
def test_an_ampersand_in_a_menus_collection_or_article_name_is_shown_not_a_shortcut(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Menus read "&" as the mark of a shortcut letter: the folder "R&D notes" was listed
    # in Recent collections as "RD notes", and an article titled "Keeper's cottage & museum"
    # in a passage's menu of other articles as "Keeper's cottage  museum".
    folder = tmp_path / "R&D notes"
    shutil.copytree(EN_ARTICLES, folder)
    article = folder / "2023-07-14_herald_en22.txt"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "Keeper's cottage museum opens", "Keeper's cottage & museum opens", 1), encoding="utf-8")
    window = open_collection(make_window, qtbot, folder)
    mode = window.collection
    title = mode.data.title("en22")
    assert "&" in title
    window.on_recent_collections_menu()
    assert [a.iconText() for a in window.recent_collections_menu.actions()] == ["R&D notes"]
    # The Recent comparisons menu likewise.
    pair = [tmp_path / "Q&A.txt", tmp_path / "notes.txt"]
    for path in pair:
        path.write_text("An article.", encoding="utf-8")
    window.store.add_recent(*map(str, pair))
    window.on_recent_menu()
    assert [a.iconText() for a in window.recent_menu.actions()] == ["Q&A.txt  ↔  notes.txt"]
    mode.open_pair("en03", "en09")
    wait_rendered(qtbot, window)
    panel = window.side_panel
    qtbot.waitUntil(lambda: panel.collection_phrases is not None, timeout=20000)
    phrases = panel.phrases.model()
    row = next(k for k in range(phrases.rowCount()) if "en22" in mode.cluster_articles(k))
    panel.phrases.clicked.emit(phrases.index(row, 4))
    shown = [a.iconText() for a in mode.cluster_menu.actions()]
    assert f"2023-07-14  {title}" in shown


def test_back_to_the_collection_is_in_a_menu_with_its_key(
        make_window, qtbot, dev_store: str) -> None:  # type: ignore[no-untyped-def]
    # Back was on the toolbar only, its Alt+Left in a tooltip: a reader on the keyboard,
    # going through the menus, found no way back from a pair to the collection.
    window = open_collection(make_window, qtbot, dev_store)
    view = window.collection.view
    view.pairs_table.setFocus()
    view.pairs_table.selectRow(0)
    qtbot.keyClick(view.pairs_table, Qt.Key.Key_Return)
    wait_rendered(qtbot, window)
    in_menus = [action for menu in window.menuBar().findChildren(QMenu)
                for action in menu.actions() if action is window.back_act]
    assert in_menus and window.back_act.isEnabled()
    assert window.back_act.shortcut().toString() == "Alt+Left"
    in_menus[0].trigger()
    assert window.showing_collection


def test_the_view_menu_sorts_the_list_on_the_tab_shown(
        make_window, qtbot, dev_store: str) -> None:  # type: ignore[no-untyped-def]
    # Only a click on a heading sorted a list: a reader on the keyboard, going through the
    # menus, found no way to list the pairs by their words.
    window = open_collection(make_window, qtbot, dev_store)
    view = window.collection.view
    entries = {action.iconText(): action for action in window.view_menu.actions()}
    assert "Sort by" in entries and entries["Sort by"].isEnabled()
    sort_menu = entries["Sort by"].menu()

    def choices() -> dict[str, object]:
        sort_menu.aboutToShow.emit()
        return {a.iconText(): a for a in sort_menu.actions() if a.isCheckable()}

    view.tabs.setCurrentIndex(0)
    choices()["Words"].trigger()
    words = [pair.words for pair in view.pairs_model.shown()]
    assert words == sorted(words) and words != [p.words for p in window.collection.data.pairs]
    choices()["Reverse order"].trigger()
    assert [pair.words for pair in view.pairs_model.shown()] == sorted(words, reverse=True)
    # On the Articles tab, its own columns.
    view.tabs.setCurrentWidget(view.articles_table.parentWidget())
    articles = choices()
    assert {"Order indexed", "Article", "Date", "Words", "Shared", "Pairs"} <= set(articles)
    articles["Date"].trigger()
    dates = [a.row.date for a in view.articles_model.shown()]
    assert dates == sorted(dates)
    # A pair read: the menu sorts nothing there.
    view.pairs_table.setFocus()
    view.tabs.setCurrentIndex(0)
    view.pairs_table.selectRow(0)
    qtbot.keyClick(view.pairs_table, Qt.Key.Key_Return)
    wait_rendered(qtbot, window)
    assert not entries["Sort by"].isEnabled()


#: A window whose collection is still looking something up (its store read on a pool
#: thread, as a pair's collection figures are) when the user closes it and the app exits.
_CLOSED_WHILE_LOOKING_UP = """
import sys, time
from PySide6.QtWidgets import QApplication
app = QApplication([])
from viewer.ui.main_window import MainWindow
window = MainWindow(sys.argv[1])
window.show()
window.open_paths([sys.argv[2]])
app.processEvents()
window.collection._start(lambda: time.sleep(1.0), print, print)
window.close()
print("closed", flush=True)
"""


def test_a_lookup_outliving_its_window_ends_quietly(dev_store: str, tmp_path: Path) -> None:
    # The app exits while the lookup runs: its signals are gone when it ends, and it must
    # drop its result rather than print a traceback on the user's terminal.
    done = subprocess.run(
        [sys.executable, "-c", _CLOSED_WHILE_LOOKING_UP, str(tmp_path / "t.ini"), dev_store],
        cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "closed", done.stderr
    assert "Traceback" not in done.stderr and "RuntimeError" not in done.stderr, done.stderr


def test_a_store_is_read_off_the_gui_thread_and_only_the_last_opened_is_shown(
        make_window, qtbot, dev_store: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # The 10,000-article store's lists took 1.3 s to read, the window frozen meanwhile.
    other = tmp_path / "other.sqlite"
    shutil.copyfile(dev_store, other)
    window = make_window()
    window.open_paths([dev_store])
    # open_paths returned before the store was read: the reading shows in the status bar.
    assert window.collection.data is None
    assert window.progress.isVisible() and window.progress.format().startswith("Opening")
    # The read reports no progress: a busy bar, not one standing at "0%" until it ends.
    assert window.progress.maximum() == 0 and "%" not in window.progress.format()
    window.open_paths([str(other)])  # opened before the first was read: this one is shown
    qtbot.waitUntil(lambda: window.collection.data is not None, timeout=60000)
    assert window.collection.wait_jobs()
    qtbot.wait(50)  # the first store's result would arrive through the event loop
    assert window.collection.data.store_path == str(other)
    assert not window.progress.isVisible() and window.showing_collection
    assert window.collection.view.pairs_model.rowCount() == len(window.collection.data.pairs)


def _column(model, heading: str) -> int:  # type: ignore[no-untyped-def]
    """The number of the column of `model` headed `heading`."""
    from PySide6.QtCore import Qt

    return next(k for k in range(model.columnCount())
                if model.headerData(k, Qt.Orientation.Horizontal) == heading)


def _cluster_row(tree, cluster):  # type: ignore[no-untyped-def]
    """The Clusters tab's row of `cluster` (listed most articles first, not as stored)."""
    from viewer.ui.collection.view import CLUSTER_HEADINGS

    column = CLUSTER_HEADINGS.index("No.")
    return next(tree.topLevelItem(k) for k in range(tree.topLevelItemCount())
                if tree.topLevelItem(k).text(column) == str(cluster["id"]))

def _own_file_opened_as_a(window, qtbot, mode, tmp_path: Path,  # type: ignore[no-untyped-def]
                          side: int = 0) -> Path:
    """A file of the user's own, drafted from A's text (`side` 1: B's), opened as A (B) in
    place of the collection's article, once compared and looked up in the collection."""
    own = tmp_path / "draft.txt"
    own.write_text(f"{_made_up_sentences(31, 3)}\n\n{window.documents[side].text}",
                   encoding="utf-8")
    window.open_paths([str(own)], side=side)
    qtbot.waitUntil(lambda: window.rendered is not None and not window.busy
                    and window.documents[side].path == str(own), timeout=30000)
    qtbot.waitUntil(lambda: mode.context_of is window.rendered.comparison, timeout=20000)
    return own


@pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints\(\))")
@pytest.mark.parametrize("side", [0, 1])
def test_a_passages_articles_are_read_beside_a_file_of_the_users_own(
        side: int, make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Read from the collection (en03 beside en09), then a file of the user's own opened in
    # place of one of them: as A, each article of a passage's "In the collection" menu was
    # compared with itself, and refused; as B, the article chosen took the place of the
    # user's file. The user's file stays, and the article chosen is read beside it, at
    # that passage.
    window = open_collection(make_window, qtbot, EN_ARTICLES)
    mode, panel, _ = _pair_opened_at_a_clustered_phrase(window, qtbot, "en03", "en09")
    own = _own_file_opened_as_a(window, qtbot, mode, tmp_path, side=side)
    ids: list[str | None] = ["en03", "en09"]
    ids[side] = None
    assert (mode.context["collection"]["a"], mode.context["collection"]["b"]) == tuple(ids)
    phrases = panel.phrases.model()
    row = next(k for k in range(phrases.rowCount()) if mode.cluster_articles(k))
    others = mode.cluster_articles(row)
    # The article still in view is none of them; the one the user's file was drafted
    # from, when it is no longer in view, is (en03: its text is the file's).
    assert "en22" in others and ids[1 - side] not in others
    assert side or others == ["en03", "en15", "en22"]
    told = (window.rendered.comparison.shared_phrases[row].a,
            window.rendered.comparison.shared_phrases[row].b)[side]
    panel.phrases.clicked.emit(phrases.index(row, 4))
    mode.cluster_menu.actions()[others.index("en22")].trigger()
    assert "compared with itself" not in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.rendered is not None and not window.busy
                    and window.documents[1 - side].name.endswith("(en22)"), timeout=30000)
    assert window.documents[side].path == str(own)
    assert mode.pair_ids(*window.documents) is None
    active = window.active_phrase
    assert active is not None
    shared = window.rendered.comparison.shared_phrases[active]
    shown = (shared.a, shared.b)[side]
    assert shown[0] < told[1] and told[0] < shown[1]


@pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints\(\))")
def test_a_pair_of_one_collection_is_no_pair_of_the_next_one_opened_behind_it(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # A pair read from one collection while another indexes stays in front once that one
    # is shown behind it. Its articles were still taken for the new collection's, by
    # their ids alone (which the two share here): its passages kept the first one's
    # figures, their menus looked up in the new one's clusters, and compared again, it
    # got the new one's formulations and "1 passage (0 listed in the collection)".
    window = open_collection(make_window, qtbot, EN_ARTICLES)
    mode = window.collection
    story = _made_up_sentences(41, 12)
    articles = [{"id": doc, "date": f"2021-0{k + 1}-01",
                 "text": f"{_made_up_sentences(42 + k, 4)}\n\n{story}"}
                for k, doc in enumerate(["en03", "en09"])]
    articles.append({"id": "en15", "date": "2021-03-01", "text": _made_up_sentences(44, 12)})
    other = tmp_path / "other.jsonl"
    other.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    window.open_paths([str(other)])
    mode, panel, row = _pair_opened_at_a_clustered_phrase(window, qtbot, "en03", "en09")
    qtbot.waitUntil(lambda: mode.data.name == "other.jsonl" and not mode.indexer.running,
                    timeout=60000)
    assert mode.data.listed_passages("en03", "en09")  # a pair of its own, other texts
    assert not window.showing_collection
    assert mode.pair_ids(*window.documents) is None
    assert mode.formulations_behind(*window.documents) == ()
    assert mode.cluster_articles(row) == [] and panel.collection_phrases is None
    assert "listed in the collection" not in window.figures.text()
    window.start_comparison()
    wait_rendered(qtbot, window)
    assert window.figures.text().startswith("Shared text:")
    assert "listed in the collection" not in window.figures.text()
    assert mode.wait_jobs()
    qtbot.wait(50)  # a lookup's result would arrive through the event loop
    assert panel.collection_phrases is None


def test_a_file_of_the_users_own_opened_as_a_says_which_figures_the_collection_lacks(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Read from the collection, then a file of the user's own opened as A: the exports and
    # `tandem compare --collection` said A is none of its articles, so only B's passages
    # get its figures; the window showed figures for one side with no word why.
    window = open_collection(make_window, qtbot, EN_ARTICLES)
    mode, _, _ = _pair_opened_at_a_clustered_phrase(window, qtbot, "en03", "en09")
    assert "article of" not in status_line(window, covered=True)
    own = _own_file_opened_as_a(window, qtbot, mode, tmp_path)
    note = mode.figures(window.rendered.comparison).outside
    assert note.startswith(f"A is not an article of {mode.data.name} ")
    qtbot.waitUntil(lambda: status_line(window) == note, timeout=5000)
    # Compared with other matching settings than the collection's, both are said.
    window.on_settings_changed(replace(window.settings, min_words=40))
    qtbot.waitUntil(lambda: window.rendered is not None
                    and window.rendered.comparison.settings.min_words == 40, timeout=20000)
    qtbot.waitUntil(lambda: status_line(window).endswith(f"(not 5). {note}"),
                    timeout=20000)
    assert status_line(window).startswith("Passages may differ from the collection's")
    window.on_settings_changed(replace(window.settings, min_words=5))
    qtbot.waitUntil(lambda: window.rendered is not None
                    and window.rendered.comparison.settings.min_words == 5, timeout=20000)
    qtbot.waitUntil(lambda: status_line(window) == note, timeout=20000)
    # The HTML export carries the same line.
    report = tmp_path / "pair.html"
    assert window.export_to("html", str(report))
    assert html.escape(note) in report.read_text(encoding="utf-8")
    # Both texts articles of the collection again: nothing to say.
    mode.open_pair("en03", "en09")
    qtbot.waitUntil(lambda: window.rendered is not None and not window.busy
                    and mode.pair_ids(*window.documents) is not None, timeout=30000)
    qtbot.waitUntil(lambda: mode.context_of is window.rendered.comparison, timeout=20000)
    assert mode.figures(window.rendered.comparison).outside == ""
    assert "article of" not in status_line(window, covered=True)
    # The user's file again, then another collection opened: the pair read on beside it,
    # B an article of the one before, has no collection behind it, nor its note.
    window.open_paths([str(own)], side=0)
    qtbot.waitUntil(lambda: window.rendered is not None and not window.busy
                    and window.documents[0].path == str(own), timeout=30000)
    qtbot.waitUntil(lambda: status_line(window) == note, timeout=20000)
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"id": "x1", "text": _made_up_sentences(51, 8)}) + "\n",
                     encoding="utf-8")
    window.open_paths([str(other)])
    qtbot.waitUntil(lambda: mode.data.name == "other.jsonl" and not mode.indexer.running,
                    timeout=60000)
    window.open_paths([str(own)], side=0)
    qtbot.waitUntil(lambda: window.rendered is not None and not window.busy
                    and not window.showing_collection, timeout=30000)
    assert mode.wait_jobs()
    qtbot.wait(50)  # a lookup's result would arrive through the event loop
    assert mode.context is None and "article of" not in status_line(window, covered=True)


@pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints\(\))")
def test_a_pairs_lookup_in_the_collection_before_is_not_shown_with_the_next_one(
        make_window, qtbot, dev_store: str) -> None:  # type: ignore[no-untyped-def]
    # A pair read from one collection, another opened while it was compared: the pair's
    # lookup in the first one ended after the second was shown, and its figures ("also in
    # 2 other articles", the slogans' "in N of M documents") were shown with the second,
    # whose articles the pair's are not.
    window = open_collection(make_window, qtbot, EN_ARTICLES)
    mode, panel = window.collection, window.side_panel
    pool = QThreadPool.globalInstance()
    threads, gate = pool.maxThreadCount(), threading.Event()
    # One thread, held: the other store's read, then the pair's lookup, run in that order.
    pool.setMaxThreadCount(1)
    pool.start(gate.wait)
    try:
        mode.open_pair("en03", "en09")
        window.open_paths([dev_store])
        wait_rendered(qtbot, window)
    finally:
        gate.set()
        assert pool.waitForDone(60000)
        pool.setMaxThreadCount(threads)
    qtbot.waitUntil(lambda: mode.data.store_path == dev_store, timeout=20000)
    assert mode.wait_jobs()
    qtbot.wait(50)  # the lookup's result would arrive through the event loop
    assert mode.pair_ids(*window.documents) is None
    assert mode.context is None and mode.figures(window.rendered.comparison) is None
    assert panel.collection_phrases is None and panel.collection_slogans is None


def test_a_lookup_failing_for_a_pair_no_longer_shown_says_nothing_of_the_pair_shown(
        make_window, qtbot, tmp_path: Path, dev_store: str) -> None:  # type: ignore[no-untyped-def]
    # The user read a pair, then another of the same collection before the first pair's
    # lookup in it ended; that lookup failed, and "Collection figures unavailable: …" was
    # said under the second pair, whose figures were in and shown.
    store = tmp_path / "store.sqlite"
    shutil.copy(dev_store, store)
    window = open_collection(make_window, qtbot, store)
    mode = window.collection
    first, second = mode.data.pairs[:2]
    pool = QThreadPool.globalInstance()
    threads, gate = pool.maxThreadCount(), threading.Event()
    pool.setMaxThreadCount(1)
    pool.start(gate.wait)
    try:
        mode.open_pair(first.a, first.b)
        wait_rendered(qtbot, window)
        lookup = mode._jobs[-1]
        assert pool.tryTake(lookup)  # the first pair's lookup, held back
    finally:
        gate.set()
        assert pool.waitForDone(60000)
        pool.setMaxThreadCount(threads)
    mode.open_pair(second.a, second.b)
    qtbot.waitUntil(lambda: mode.pair_ids(*window.documents) == (second.a, second.b)
                    and window.rendered is not None and not window.busy, timeout=30000)
    assert mode.wait_jobs()
    qtbot.waitUntil(lambda: mode.figures(window.rendered.comparison) is not None, timeout=10000)
    os.replace(store, tmp_path / "moved.sqlite")  # the first pair's lookup will fail
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    pool.start(lookup)
    assert mode.wait_jobs()
    qtbot.waitUntil(lambda: lookup not in mode._jobs, timeout=10000)
    assert not [m for m in messages if m.startswith("Collection figures unavailable")]
    assert mode.figures(window.rendered.comparison) is not None
    # The pair shown compared again, its own lookup failing is said.
    window.start_comparison()
    qtbot.waitUntil(lambda: any(m.startswith("Collection figures unavailable: ")
                                for m in messages), timeout=30000)


@pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints\(\))")
def test_a_comparison_still_running_as_another_collection_is_shown_lists_none_of_the_first(
        make_window, qtbot, dev_store: str) -> None:  # type: ignore[no-untyped-def]
    # A pair read from one collection was still compared, with that collection's
    # formulations, when another was shown: its result listed the first collection's
    # formulations among its slogans, with no figures (its texts are none of the second's).
    window = open_collection(make_window, qtbot, EN_ARTICLES)
    mode = window.collection
    first = known_forms(mode.data.formulations)
    pool = window.comparer.pool
    gate = threading.Event()
    for _ in range(pool.maxThreadCount()):  # the pair's comparison waits behind these
        pool.start(gate.wait)
    try:
        mode.open_pair("en07", "en23")  # "harbour board", a formulation of the first
        window.open_paths([dev_store])
        qtbot.waitUntil(lambda: mode.data.store_path == dev_store, timeout=20000)
        assert window.rendered is None  # not compared yet
    finally:
        gate.set()
    wait_rendered(qtbot, window)
    shown = window.rendered.comparison
    a, b = shown.documents
    alone = compare(a, b, window.settings)
    assert compare(a, b, window.settings, known=first).slogans != alone.slogans
    assert shown.slogans == alone.slogans


def test_a_pair_in_view_as_another_collection_is_shown_is_compared_without_the_first_ones(
        make_window, qtbot, dev_store: str) -> None:  # type: ignore[no-untyped-def]
    # A pair read from one collection, in view as another was shown, kept the first
    # collection's formulations among its slogans, without figures, until the reader
    # compared it again.
    window = open_collection(make_window, qtbot, EN_ARTICLES)
    mode = window.collection
    first = known_forms(mode.data.formulations)
    mode.open_pair("en07", "en23")  # "harbour board", a formulation of the first
    wait_rendered(qtbot, window)
    a, b = window.rendered.comparison.documents
    alone = compare(a, b, window.settings).slogans
    assert window.rendered.comparison.slogans == compare(
        a, b, window.settings, known=first).slogans != alone
    window.open_paths([dev_store])
    qtbot.waitUntil(lambda: mode.data.store_path == dev_store, timeout=20000)
    qtbot.waitUntil(lambda: window.rendered.comparison.slogans == alone, timeout=20000)
    assert window.rendered.comparison.documents == (a, b)
