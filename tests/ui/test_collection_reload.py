"""A collection store written while the window shows it (`tandem corpus add` in a
terminal): the window reads it again, never opening one article under the title the old
lists gave another."""

from __future__ import annotations

import gc
import os
import threading
import weakref
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QRunnable, Qt, QThreadPool
from PySide6.QtWidgets import QWidget

from tests.collection.planted import make_collection
from tests.ui.conftest import wait_rendered
from tests.ui.test_collection_window import double_click, open_collection
from viewer.collection.cli import default_store
from viewer.collection.engine import add_sources
from viewer.collection.store import CollectionStore
from viewer.ui.collection.data import load


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


class Dump:
    """A JSON-lines dump of a collection and the store it is added to, dumped again with
    each article's text moved to the next id (so each id's title changes too)."""

    def __init__(self, folder: Path) -> None:
        self.planted = make_collection()
        self.path = folder / "dump.jsonl"
        self.store = str(folder / "dump.sqlite")
        self.rows = self.planted.rows
        self._add()

    def _add(self) -> None:
        self.planted.write(self.path, self.rows)
        with CollectionStore.create_or_open(self.store) as store:
            add_sources(store, [self.path], workers=1)

    def add_more(self, path: Path, store_path: str | None = None) -> None:
        """Add three other articles to the store (or `store_path`), as `tandem corpus add`
        in a terminal."""
        more = make_collection(documents=3, seed=9)
        more.rows = [dict(row, id=f"more-{row['id']}") for row in more.rows]
        with CollectionStore.create_or_open(store_path or self.store) as store:
            add_sources(store, [more.write(path)], workers=1)

    def dump_again_shifted(self) -> None:
        texts = [row["text"] for row in self.rows]
        self.rows = [dict(row, text=texts[(k + 1) % len(texts)])
                     for k, row in enumerate(self.rows)]
        self._add()


def titles_now(store: str, ids: tuple[str, str]) -> list[str]:
    data = load(store)
    return [data.title(doc_id) for doc_id in ids]


def test_a_pair_chosen_from_lists_the_store_outdated_is_not_opened_under_old_titles(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dump = Dump(tmp_path)
    window = open_collection(make_window, qtbot, dump.store)
    view = window.collection.view
    listed = view.pairs_model.item(0)
    listed_titles = [view.pairs_model.index(0, column).data() for column in (0, 1)]
    dump.dump_again_shifted()
    double_click(qtbot, view.pairs_table, 0)
    # Not opened: the ids listed now name other articles, and the user is told so, once
    # the store is read again.
    qtbot.waitUntil(lambda: window.last_message is not None, timeout=60000)
    assert window.documents == [None, None]
    assert "choose again" in window.last_message.text()
    window.last_message.close()
    qtbot.waitUntil(lambda: window.last_message is None)  # the user has read it
    # ... and the lists are the store's as it is now.
    assert titles_now(dump.store, (listed.a, listed.b)) != listed_titles
    with CollectionStore.open(dump.store) as store:
        assert [(p.a, p.b) for p in view.pairs_model.shown()] == [
            (p.a, p.b) for p in store.pairs()]
    pair = view.pairs_model.item(0)
    shown_titles = [view.pairs_model.index(0, column).data() for column in (0, 1)]
    assert shown_titles == titles_now(dump.store, (pair.a, pair.b))
    # Chosen again, the pair opens: each title over its own article's text.
    double_click(qtbot, view.pairs_table, 0)
    wait_rendered(qtbot, window)
    with CollectionStore.open(dump.store) as store:
        for document, doc_id, title in zip(window.documents, (pair.a, pair.b), shown_titles,
                                           strict=True):
            assert document.name.startswith(title)
            assert document.text == store.text(doc_id)


def test_the_window_reads_the_store_again_when_it_is_active_again(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dump = Dump(tmp_path)
    window = open_collection(make_window, qtbot, dump.store)
    data = window.collection.data
    # The user goes to a terminal, adds a newer dump, and comes back.
    elsewhere = QWidget()
    qtbot.addWidget(elsewhere)
    elsewhere.show()
    elsewhere.activateWindow()
    qtbot.waitUntil(lambda: not window.isActiveWindow())
    dump.dump_again_shifted()
    window.activateWindow()
    qtbot.waitUntil(lambda: window.collection.data is not data)
    assert window.collection.data.title("d001") == load(dump.store).title("d001")
    assert "changed on disk" in window.statusBar().currentMessage()
    # Back again with nothing written: nothing is read again.
    data = window.collection.data
    elsewhere.activateWindow()
    qtbot.waitUntil(lambda: not window.isActiveWindow())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    # A read starts at once, with its busy bar, and ends off the GUI thread: none began,
    # and none has replaced the lists a while later.
    assert not window.progress.isVisible()
    qtbot.wait(500)
    assert window.collection.data is data


def test_the_pair_shown_keeps_its_collection_figures_when_the_store_is_read_again(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dump = Dump(tmp_path)
    window = open_collection(make_window, qtbot, dump.store)
    mode, panel = window.collection, window.side_panel
    source, copy = dump.planted.chain[:2]
    mode.open_pair(source, copy)
    wait_rendered(qtbot, window)
    qtbot.waitUntil(lambda: mode.figures(window.rendered.comparison) is not None,
                    timeout=20000)
    shown = list(panel.collection_phrases or ())
    assert any(shown)
    # Other articles are added in a terminal while the pair is read.
    dump.add_more(tmp_path / "more.jsonl")
    data = mode.data
    mode.reload_if_changed()  # read off the GUI thread
    qtbot.waitUntil(lambda: mode.data is not data, timeout=60000)
    # The side panel still shows the pair's figures: its clicks and its exports have them.
    qtbot.waitUntil(lambda: mode.figures(window.rendered.comparison) is not None,
                    timeout=20000)
    assert panel.collection_phrases == shown
    row = next(k for k, label in enumerate(shown) if label)
    assert mode.cluster_articles(row)
    report = tmp_path / "pair.html"
    assert window.export_to("html", str(report))
    assert shown[row] in report.read_text(encoding="utf-8")


def test_the_lists_read_again_keep_the_order_and_series_the_reader_chose(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dump = Dump(tmp_path)
    window = open_collection(make_window, qtbot, dump.store)
    mode, view = window.collection, window.collection.view
    view.pairs_table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    view.clusters_tree.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    series = view.series_filter.itemData(1)
    view.series_filter.setCurrentIndex(1)
    shown = view.pairs_table.model().rowCount()
    assert 0 < shown < len(mode.data.pairs)
    # Other articles are added in a terminal while the lists are read.
    dump.add_more(tmp_path / "more.jsonl")
    data = mode.data
    mode.reload_if_changed()  # read off the GUI thread
    qtbot.waitUntil(lambda: mode.data is not data, timeout=60000)
    header = view.pairs_table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        1, Qt.SortOrder.DescendingOrder)
    model = view.pairs_table.model()
    titles = [model.index(row, 1).data() for row in range(model.rowCount())]
    assert titles == sorted(titles, key=str.casefold, reverse=True)
    assert view.series_filter.currentData() == series
    assert model.rowCount() == shown
    tree = view.clusters_tree.header()
    assert (tree.sortIndicatorSection(), tree.sortIndicatorOrder()) == (
        3, Qt.SortOrder.DescendingOrder)


def test_another_collection_opens_with_no_filter_the_last_one_had(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Dates, a title and a share chosen for one collection say nothing of another: kept,
    # they would hide its pairs with nothing in the Pairs tab but the count to say why.
    (tmp_path / "first").mkdir()
    first = Dump(tmp_path / "first")
    window = open_collection(make_window, qtbot, first.store)
    view = window.collection.view
    view.date_from.setText("2021-03-10")
    view.date_to.setText("2021-03-12")
    view.min_share.setValue(5)
    view.title_search.setText("d0")
    assert view.pairs_table.model().rowCount() < len(window.collection.data.pairs)
    other = tmp_path / "other"
    other.mkdir()
    planted = make_collection(seed=11)
    planted.write(other / "other.jsonl", planted.rows)
    store = str(other / "other.sqlite")
    with CollectionStore.create_or_open(store) as opened:
        add_sources(opened, [other / "other.jsonl"], workers=1)
    window.open_paths([store])
    qtbot.waitUntil(lambda: window.collection.data is not None
                    and str(window.collection.data.store_path) == store, timeout=60000)
    assert (view.date_from.text(), view.date_to.text(), view.min_share.value(),
            view.title_search.text()) == ("", "", 0, "")
    assert view.pairs_table.model().rowCount() == len(window.collection.data.pairs) > 0


def test_the_store_is_read_again_off_the_gui_thread_keeping_the_tab_and_rows_chosen(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Back from a terminal where `tandem corpus add` ran, the window read the whole store
    # again on the GUI thread (two thirds of a second for 10,000 articles, the window dead
    # meanwhile), and the rows the reader had chosen were chosen no more.
    dump = Dump(tmp_path)
    window = open_collection(make_window, qtbot, dump.store)
    mode, view = window.collection, window.collection.view
    view.pairs_table.selectRow(1)
    chosen_pair = view.pairs_model.item(1)
    view.articles_table.selectRow(2)
    chosen_article = view.articles_model.item(2).row.id
    articles_tab = view.tabs.indexOf(view.articles_table.parentWidget())
    view.tabs.setCurrentIndex(articles_tab)
    dump.add_more(tmp_path / "more.jsonl")
    data = mode.data
    mode.reload_if_changed()
    # Read off the GUI thread: the lists shown meanwhile are the old ones, and a second
    # call while it reads starts no second read.
    assert mode.data is data
    mode.reload_if_changed()
    qtbot.waitUntil(lambda: mode.data is not data, timeout=60000)
    assert mode.data.title(chosen_article) == load(dump.store).title(chosen_article)
    assert len(mode.data.documents) == len(data.documents) + 3
    assert "changed on disk" in window.statusBar().currentMessage()
    assert not window.progress.isVisible()
    assert view.tabs.currentIndex() == articles_tab
    for table, model, wanted in ((view.pairs_table, view.pairs_model,
                                  (chosen_pair.a, chosen_pair.b)),
                                 (view.articles_table, view.articles_model, chosen_article)):
        rows = table.selectionModel().selectedRows()
        assert len(rows) == 1
        item = model.item(rows[0].row())
        assert ((item.a, item.b) if table is view.pairs_table else item.row.id) == wanted
        assert table.currentIndex().row() == rows[0].row()


def test_a_collection_shown_is_left_out_of_full_collections_and_freed_when_read_again(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Every full collection the window ran after a 10,000-article collection was shown
    # walked its objects: a pause of a tenth of a second. Frozen, they are not walked; the
    # collection read again must still free the one it replaces.
    dump = Dump(tmp_path)
    window = open_collection(make_window, qtbot, dump.store)
    mode = window.collection
    walked = {id(o) for o in gc.get_objects()}
    data = mode.data
    assert not walked & {id(data), id(data.documents), id(data.articles), id(data.by_id)}
    assert id(data.documents[0]) not in walked
    replaced = weakref.ref(data)
    del data, walked
    dump.add_more(tmp_path / "more.jsonl")
    mode.reload_if_changed()
    qtbot.waitUntil(lambda: mode.data is not None and replaced() is not mode.data
                    and not mode._jobs, timeout=60000)
    gc.collect()  # frozen as it is, it is freed by reference counting or not at all
    assert replaced() is None
    assert id(mode.data) not in {id(o) for o in gc.get_objects()}


def test_a_pair_chosen_while_the_store_is_read_again_leaves_no_busy_bar_behind(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # The window, active again, began reading the store off the GUI thread; a pair chosen
    # meanwhile read it at once. The read behind was then dropped, and its busy bar,
    # "Reading … again…", stayed under the lists for good.
    dump = Dump(tmp_path)
    window = open_collection(make_window, qtbot, dump.store)
    mode, view = window.collection, window.collection.view
    dump.dump_again_shifted()
    mode.reload_if_changed()
    assert window.progress.isVisible()
    # Enter on the first pair, before the read behind has reported (as a click can).
    view.pairs_table.activated.emit(view.pairs_model.index(0, 0))
    qtbot.waitUntil(lambda: window.last_message is not None, timeout=60000)
    assert "choose again" in window.last_message.text()
    qtbot.waitUntil(lambda: not mode._jobs, timeout=60000)
    assert not window.progress.isVisible()
    assert "again" not in window.figures.text()


def test_a_pair_chosen_while_the_lists_are_out_of_date_opens_once_read_off_the_gui_thread(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # A pair chosen after `tandem corpus add` wrote the store read the whole store again
    # on the GUI thread first: the window froze for a second on 10,000 articles.
    dump = Dump(tmp_path)
    window = open_collection(make_window, qtbot, dump.store)
    mode, view = window.collection, window.collection.view
    first = view.pairs_model.item(0)
    titles = [view.pairs_model.index(0, column).data() for column in (0, 1)]
    dump.add_more(tmp_path / "more.jsonl")
    data = mode.data
    view.pairs_table.activated.emit(view.pairs_model.index(0, 0))
    # The click returns at once: the store is read behind a busy bar, the old lists shown.
    assert mode.data is data
    assert window.documents == [None, None]
    assert window.progress.isVisible()
    # Read, the pair chosen opens: the same articles, under the titles the user saw.
    wait_rendered(qtbot, window)
    assert mode.data is not data
    assert len(mode.data.documents) == len(data.documents) + 3
    assert not window.progress.isVisible()
    with CollectionStore.open(dump.store) as store:
        for document, doc_id, title in zip(window.documents, (first.a, first.b), titles,
                                           strict=True):
            assert document.name.startswith(title)
            assert document.text == store.text(doc_id)
    assert mode.pair_ids(*window.documents) == (first.a, first.b)


def _store_shown_then_added_to(make_window, qtbot,  # type: ignore[no-untyped-def]
                               tmp_path: Path):
    """A store shown, then more articles added to it as `tandem corpus add` adds them:
    (its dump, the window)."""
    dump = Dump(tmp_path)
    window = open_collection(make_window, qtbot, dump.store)
    dump.add_more(tmp_path / "more.jsonl")
    return dump, window


def test_the_last_article_chosen_while_the_store_is_read_again_is_the_one_opened(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dump, window = _store_shown_then_added_to(make_window, qtbot, tmp_path)
    mode, view = window.collection, window.collection.view
    data = mode.data
    mode.reload_if_changed()
    last = view.articles_model.rowCount() - 1
    for row in (last - 1, last):
        view.articles_table.activated.emit(view.articles_model.index(row, 0))
    chosen = view.articles_model.item(last).row.id
    assert load(dump.store).title(chosen) == data.title(chosen)  # as listed still
    assert mode.data is data
    qtbot.waitUntil(lambda: window.documents[0] is not None, timeout=60000)
    assert mode.data is not data
    assert mode._opened_id(window.documents[0]) == chosen
    assert window.documents[1] is None


def _shown_then_added_to_in_a_terminal(make_window, qtbot,  # type: ignore[no-untyped-def]
                                       tmp_path: Path):
    """A source shown as a collection, then more articles added to its store, which the
    window indexes the source into, as `tandem corpus add` adds them: (its dump, the
    window)."""
    dump = Dump(tmp_path)
    window = open_collection(make_window, qtbot, dump.path)
    dump.add_more(tmp_path / "more.jsonl", default_store([str(dump.path)]))
    return dump, window


def test_a_read_behind_ended_while_the_window_indexes_the_store_says_nothing_untrue(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # `tandem corpus` in a terminal wrote the store of a source the window shows; back in
    # the window, its read began, and the user opened the source again, which the window
    # indexes into that store. The read, ended meanwhile, was not shown (the indexing
    # shows the store when done), yet the status line said the lists showed the store as
    # it is now; the indexing cancelled, it said so beside "as it was before".
    dump, window = _shown_then_added_to_in_a_terminal(make_window, qtbot, tmp_path)
    mode = window.collection
    data = mode.data
    mode.reload_if_changed()
    mode.open(str(dump.path))
    # The read's end is taken in before any turn of the event loop, whichever machine:
    # the indexing, seen to end only by a timer, is going on still.
    assert QThreadPool.globalInstance().waitForDone(60000)
    QCoreApplication.sendPostedEvents()
    assert mode._rereading is None
    assert mode.indexer.running
    assert mode.data is data
    assert "show it as it is now" not in window.statusBar().currentMessage()
    mode.cancel(show_saved=True)
    qtbot.waitUntil(lambda: not mode.indexer.running, timeout=60000)
    assert "as it was before" in window.figures.text()
    assert "show it as it is now" not in window.statusBar().currentMessage()


def test_the_lists_are_read_again_at_once_when_the_windows_own_indexing_is_cancelled(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # `tandem corpus add` wrote the store of a source the window shows; the user opened the
    # source again, then cancelled its indexing. The store is as the terminal left it, but
    # the lists stayed the old ones until the window was next activated or a click found
    # them out of date.
    dump, window = _shown_then_added_to_in_a_terminal(make_window, qtbot, tmp_path)
    mode = window.collection
    data = mode.data
    mode.open(str(dump.path))
    assert mode.indexer.running
    mode.cancel(show_saved=True)
    qtbot.waitUntil(lambda: mode.data is not data, timeout=60000)
    assert len(mode.data.documents) == len(data.documents) + 3
    qtbot.waitUntil(lambda: not mode._jobs, timeout=60000)
    assert "show it as it is now" in window.statusBar().currentMessage()
    assert not window.progress.isVisible()


def test_a_pair_waiting_for_the_read_is_not_opened_over_texts_the_user_opened_meanwhile(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # A pair chosen while the lists were out of date waits for the store to be read again
    # (a second on 10,000 articles). The user, not waiting, opened two files of their own:
    # the read done, the pair chosen before replaced them.
    dump, window = _store_shown_then_added_to(make_window, qtbot, tmp_path)
    mode, view = window.collection, window.collection.view
    data = mode.data
    view.pairs_table.activated.emit(view.pairs_model.index(0, 0))
    assert mode._waiting is not None  # the read goes on; nothing is opened yet
    own = [tmp_path / "own-a.txt", tmp_path / "own-b.txt"]
    for path, text in zip(own, ("One text of the user's own.", "Another of theirs."),
                          strict=True):
        path.write_text(text, encoding="utf-8")
    window.open_paths([str(path) for path in own])
    qtbot.waitUntil(lambda: mode.data is not data and not mode._jobs, timeout=60000)
    wait_rendered(qtbot, window)
    assert [document.text for document in window.documents] == [
        "One text of the user's own.", "Another of theirs."]
    assert mode._waiting is None


class _Hold(QRunnable):
    """Keeps a pool thread busy until `free` is set."""

    def __init__(self) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.free = threading.Event()

    def run(self) -> None:
        self.free.wait(60)


def _read_behind_held(mode) -> QRunnable:  # type: ignore[no-untyped-def]
    """Begin reading the shown store again, its read held back (as a large store's takes
    a second): the job to start when the test lets it run."""
    pool = QThreadPool.globalInstance()
    threads = pool.maxThreadCount()
    hold = _Hold()
    pool.setMaxThreadCount(1)
    try:
        pool.start(hold)
        mode.reload_if_changed()
        job = mode._jobs[-1]
        assert pool.tryTake(job)  # queued behind the hold, not begun
    finally:
        hold.free.set()
        pool.setMaxThreadCount(threads)
    return job


def test_a_pair_chosen_in_another_collection_does_not_wait_on_the_read_of_the_one_before(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Collection X was being read again (its store written in a terminal) when the user
    # opened collection Y; its store written too, a pair chosen in Y waited on X's read,
    # which started no read of Y, and was answered with X's error, under Y's name.
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    x, y = Dump(tmp_path / "x"), Dump(tmp_path / "y")
    window = open_collection(make_window, qtbot, x.store)
    mode, view = window.collection, window.collection.view
    qtbot.waitUntil(lambda: not mode._jobs, timeout=60000)
    x.add_more(tmp_path / "x" / "more.jsonl")
    x_read = _read_behind_held(mode)
    os.remove(x.store)  # X's read will fail: its store is gone
    window.open_paths([y.store])
    qtbot.waitUntil(lambda: mode.data is not None and mode.data.store_path == y.store,
                    timeout=60000)
    y.add_more(tmp_path / "y" / "more.jsonl")
    first = view.pairs_model.item(0)
    view.pairs_table.activated.emit(view.pairs_model.index(0, 0))
    QThreadPool.globalInstance().start(x_read)  # X's read runs, and fails
    qtbot.waitUntil(lambda: not mode._jobs and (window.documents[0] is not None
                                                or window.last_message is not None),
                    timeout=60000)
    assert window.last_message is None, window.last_message.text()
    assert mode.pair_ids(*window.documents) == (first.a, first.b)
    assert len(mode.data.documents) == len(load(y.store).documents)


def test_back_to_the_collection_shows_the_store_as_written_while_a_pair_was_read(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # A scheduled `tandem corpus add` wrote the store while the user read a pair, the
    # window in front all along: Back to collection showed the lists as they were, the
    # new articles missing, until the window happened to be activated again.
    dump = Dump(tmp_path)
    window = open_collection(make_window, qtbot, dump.store)
    mode = window.collection
    source, copy = dump.planted.chain[:2]
    mode.open_pair(source, copy)
    wait_rendered(qtbot, window)
    dump.add_more(tmp_path / "more.jsonl")
    data = mode.data
    window.back_act.trigger()
    assert window.showing_collection
    qtbot.waitUntil(lambda: mode.data is not data, timeout=20000)
    assert len(mode.data.documents) == len(data.documents) + 3
    assert "changed on disk" in window.statusBar().currentMessage()
