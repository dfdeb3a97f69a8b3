"""The collection view: tabs Pairs, Formulations, Clusters, Articles and Boilerplate over
`CollectionData`.

It only shows and filters; opening something is a signal the window acts on:
`pair_requested(a, b)` to read two articles side by side, `article_requested(id, spans)` to
read one with spans highlighted.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSplitter,
    QStyle,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from viewer.collection.store import PairRow
from viewer.collection.words import article_words
from viewer.core.collection.boilerplate import SMALL_SERIES_DOCUMENTS
from viewer.present.cluster_order import CLUSTER_ORDER_NAME
from viewer.present.search import search_key
from viewer.present.shares import percent
from viewer.present.wording import (
    ALL_USES_UNDATED,
    FORMULATIONS_LEFT_OUT,
    counted,
    dated_title,
    undated_may_be_earlier,
)
from viewer.ui.collection.cluster_rows import ClusterRow
from viewer.ui.collection.cluster_rows import shown_date as _shown_date
from viewer.ui.collection.column_fit import ColumnFitter, TextColumnFitter, fit_tree_columns
from viewer.ui.collection.data import ArticleFacts, CollectionData
from viewer.ui.collection.fitted import FittedField, HintRoom, KeepStart, SeriesBox
from viewer.ui.collection.skipped_dialog import skipped_summary
from viewer.ui.collection.sort_menu import SortedView, add_sort_entries, clear_menu
from viewer.ui.collection.table_model import Column, ListTableModel
from viewer.ui.flow_row import FlowRow
from viewer.ui.named import named

if TYPE_CHECKING:
    from viewer.ui.collection.timeline import TimelineChart

Formulation = dict[str, Any]
BoilerplateLine = dict[str, Any]
#: Rows measured when columns are fitted to their contents.
RESIZE_PRECISION = 20
#: The clusters listed open when a collection is shown.
OPENED_CLUSTERS = 50
#: Role of a list or tree item holding what it opens.
TARGET_ROLE = Qt.ItemDataRole.UserRole + 1


def _percent(value: float) -> str:
    """A share in a table's cell: whole percents (`percent`: never "0%" or "100%" rounded)."""
    return percent(value, 0)


def _words(article: ArticleFacts) -> int:
    """An article's words, as its passages' words are counted (`article_words`)."""
    return article_words(article.row.words, article.row.language)


#: The Pairs tab of a collection in which no two articles share a passage.
NO_PAIRS = "No pairs: no two articles share a passage long enough to be a copy"


def _pairs_shown(shown: int, listed: int) -> str:
    """What the Pairs tab says of its rows: all of them, a filter's share, or why none."""
    if not listed:
        return NO_PAIRS
    return counted(listed, "pair") if shown == listed else f"{shown:,} of {listed:,} pairs"


#: The tooltip of a pair's share headings.
SHARED_OF = "Shared text: the part of {} in passages shared with {}"
#: The tooltip of a pair's direction heading.
DIRECTION_TIP = ("A → B: A is dated earlier, so the likely source; \"same day\"; blank where "
                 "an article has no date")
#: What a heading's click does to a table, and its third click.
SORT_HINT = ("Click a heading to sort (from the keyboard: Shift+F10, or View › Sort by); "
             "a third click goes back to")
#: The Pairs tab's order, as the report has it: the most shared text first.
PAIRS_HINT = (f"Ranked, best first. {SORT_HINT} the ranking. Double-click a pair to read "
              "the two articles side by side.")
USES_HINT = (f"Ranked, best first. {SORT_HINT} the ranking. Double-click a formulation to "
             "list the articles using it.")
#: The Articles tab's line: how an article is read, and its order, the one it was indexed in.
ARTICLES_HINT = ("Double-click an article, or choose it and press Enter, to read it. "
                 f"{SORT_HINT} the order the articles were indexed in.")
#: The key of a watch-list phrase's entry among the formulations, and its mark in the table.
WATCHED_KEY = "watchlist"
WATCHED_MARK = "  (watch-list)"
NO_FORMULATIONS = ("No formulations found: a formulation is a set phrase that recurs across "
                   "articles (in 3 or more); a small or varied collection may have none.")
BOILERPLATE_HINT = ("Lines repeated across the articles of one series (headers, footers, "
                    "bylines): listed once per series and kept out of pairs and formulations.")
NO_BOILERPLATE = ("No boilerplate found: boilerplate is a line (a header, a footer, a byline) "
                  "repeated across a good share of one series' articles (in "
                  f"{SMALL_SERIES_DOCUMENTS} or more); a small or varied collection may have "
                  "none.")
#: The tooltip of the formulations' Undated heading.
UNDATED_TIP = ("Articles using it that have no date: the first seen is the first of the "
               "dated ones, and any of these may be earlier")
#: An article of no series (at the top of its folder), beside one of a series.
NO_SERIES = "(none)"
#: What a pairs filter's date bound that is no date says at its field.
NOT_A_DATE = "Not a date: write YYYY-MM-DD, YYYY-MM or YYYY. Not applied."
NO_DATES = ("No timeline: none of the articles has a date. Dates come from a folder's "
            "metadata.csv, from file names (2021-03-04, 20210304), a web page's own date or "
            "a date line at the head of a text, and from the \"date\" of a JSON line.")


def _hint(text: str) -> QLabel:
    """A line telling what to do with a table, wrapped: it never sets the window's width."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _with_hint(view: QWidget, hint: str | QLabel) -> QWidget:
    """A tab: `view` taking the room, `hint` (a text, or the label showing one) under it."""
    tab = QWidget()
    layout = QVBoxLayout(tab)
    layout.setContentsMargins(0, 4, 0, 0)
    layout.addWidget(view, 1)
    layout.addWidget(_hint(hint) if isinstance(hint, str) else hint)
    return tab


def _elided_headings(header: QHeaderView) -> None:
    """A heading wider than its column (dragged narrow, large fonts) ends in "…", as the
    cells do, rather than lose letters at both ends as Qt's headings do by default; its
    tooltip gives it whole."""
    header.setTextElideMode(Qt.TextElideMode.ElideRight)


def _clearable_sort(header: QHeaderView) -> None:
    """A heading's third click clears the sort: the list's own order (a ranking, the
    order indexed) comes back."""
    header.setSortIndicatorShown(True)
    header.setSortIndicatorClearable(True)


def _select_rows(table: QTableView, rows: Sequence[int], current: int | None) -> None:
    """Select `table`'s `rows` (sorted) alone, in one go, each run of rows one range, and
    make row `current` the current one: selected one by one, the 10,000 rows of a list
    chosen whole (Ctrl+A) took seconds, Qt's selection growing a range a row."""
    model = table.model()
    selection = QItemSelection()
    start = 0
    for k, row in enumerate(rows):
        if k + 1 == len(rows) or rows[k + 1] != row + 1:
            selection.select(model.index(rows[start], 0), model.index(row, 0))
            start = k + 1
    selections = table.selectionModel()
    selections.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
                      | QItemSelectionModel.SelectionFlag.Rows)
    if current is not None:
        selections.setCurrentIndex(model.index(current, 0),
                                   QItemSelectionModel.SelectionFlag.NoUpdate)


def _table(model: ListTableModel[Any]) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    # Rows are chosen whole (the arrows move between them): Tab leaves the table rather
    # than walk its cells round and round, or the keyboard never gets out of it.
    table.setTabKeyNavigation(False)
    # A cut title keeps its end: where articles share a title, that is their ids.
    table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    for k, column in enumerate(model.columns):
        if column.keep_start:
            table.setItemDelegateForColumn(k, KeepStart(table))
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    _elided_headings(header)
    _clearable_sort(header)
    # Sorting enabled sorted the empty table by its first column, and so its first list
    # (10,000 articles sorted by title, then shown in their own order all the same).
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    # Fit columns to the first rows only: measuring 10,000 rows in Python costs seconds.
    header.setResizeContentsPrecision(RESIZE_PRECISION)
    return table


#: The Clusters tab's headings: a cluster's text, or an article carrying it, and where.
#: Short, as its contents are: the tree's first column, the text, takes what the others
#: leave, and long headings pushed the last columns out of view. Their tooltips say more.
CLUSTER_HEADINGS = ["Text / article", "Date", "Series", "Articles", "Where", "No."]
CLUSTER_HEADING_TIPS = [
    "The text a cluster's articles carry; under it, the articles", "Date", "Series",
    "Articles carrying the text; under a cluster, its source marked \"source\"",
    "Where the text is in the article: its first and last characters",
    "The cluster's number, as the reports give it (\"Cluster 12\")"]


class ClusterItem(QTreeWidgetItem):
    """A row of the Clusters tab: a cluster, with `keys` (one per column: sizes as numbers,
    dates in date order, None for no value), or an article under its cluster. Qt's sort
    compares the rows' `rank`s only, set by `rank_clusters` once per sort: a comparison
    that asks Qt for the column and the order made a click on 1,500 clusters slow."""

    def __init__(self, order: int, texts: list[str]) -> None:
        super().__init__(texts)
        self.order = order
        self.rank = order
        self.keys: tuple[Any, ...] = ()
        #: What names the row across a reading again: a cluster's `ClusterRow.key`, an
        #: article's (its cluster's key, its id, its span).
        self.key: object = None
        #: A cluster's articles, the rows under it (a Python list: asking Qt costs more),
        #: made when it is first opened (`add_members`).
        self.members: list[ClusterItem] = []
        #: A cluster's row, while its articles' rows are not made yet.
        self.pending: ClusterRow | None = None

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        return self.rank < getattr(other, "rank", 0)


def add_members(top: ClusterItem) -> list[ClusterItem]:
    """Make the rows of the articles under cluster `top`, if not made yet (a cluster's are
    made when it is first opened: a large collection's thousands of rows cost a third of
    the pause of showing it); its members."""
    row, top.pending = top.pending, None
    if row is None:
        return top.members
    bold = QFont()  # an item's own font, as `font()` gives it where none is set
    bold.setBold(True)
    for member in row.members:
        child = ClusterItem(len(top.members), list(member.texts))
        child.setToolTip(0, member.tip)
        child.setData(0, TARGET_ROLE, member.target)
        child.key = (row.key, member.target[1], member.target[2])
        if member.is_source:
            for column in range(len(CLUSTER_HEADINGS)):
                child.setFont(column, bold)
        top.members.append(child)
    # Added in their own order, which every sort keeps under a cluster (`rank_clusters`).
    top.addChildren(top.members)
    return top.members


def rank_clusters(clusters: Sequence[ClusterItem], column: int, order: Qt.SortOrder) -> None:
    """Rank `clusters` (and the articles under each) for Qt's sort by `column` in `order`:
    by their keys in the column, those with no value (undated) last whichever way, ties in
    their own order (`cluster_rank`); column -1, in that order. An article keeps its place
    under its cluster, the source first."""
    listed = sorted(clusters, key=lambda item: item.order)
    if column >= 0:
        valued = [item for item in listed if item.keys[column] is not None]
        valued.sort(key=lambda item: item.keys[column],
                    reverse=order == Qt.SortOrder.DescendingOrder)
        listed = valued + [item for item in listed if item.keys[column] is None]
    # Qt's descending sort puts the greater first: the ranks are turned round for it.
    sign = -1 if column >= 0 and order == Qt.SortOrder.DescendingOrder else 1
    for place, item in enumerate(listed):
        item.rank = sign * place
        for member in item.members:
            member.rank = sign * member.order


class KeyboardLink(QLabel):
    """A label holding a link the keyboard reaches: Tab onto it makes the link current,
    so that Enter opens it (a label's own link takes a second Tab), and the next Tab
    moves on."""

    def __init__(self) -> None:
        super().__init__()
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusInEvent(event)
        reason = event.reason()
        if reason in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            self.focusNextPrevChild(reason == Qt.FocusReason.TabFocusReason)


def _row_key(formulation: Formulation) -> tuple[str, bool]:
    """A formulations table row as a selection remembers it across a reset."""
    return str(formulation.get("phrase", "")), bool(formulation.get(WATCHED_KEY))


class CollectionView(QWidget):
    pair_requested = Signal(str, str)
    #: A pair to read at a passage: the ids, and the passage's start and end in the first.
    passage_requested = Signal(str, str, int, int)
    article_requested = Signal(str, list)  # id, [(start, end), ...] to highlight
    skipped_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("collection_view")
        self.data: CollectionData | None = None
        #: The watch-list's phrases as `show_watched` last showed them.
        self.watched: list[Formulation] = []
        self.summary = named(QLabel(), "collection_summary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Wrapped, between its figures: on one line, at 16 pt it held the window 869 pixels
        # wide at least, wider than an 800-pixel screen.
        self.summary.setWordWrap(True)
        self.skipped_link = named(KeyboardLink(), "skipped_link")
        self.skipped_link.linkActivated.connect(lambda _: self.skipped_requested.emit())
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.skipped_link)
        self.tabs = named(QTabWidget(), "collection_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._pairs_tab(), "Pairs")
        self.formulations_page = self._formulations_tab()
        self.tabs.addTab(self.formulations_page, "Formulations")
        self.tabs.addTab(self._clusters_tab(), "Clusters")
        self.tabs.addTab(self._articles_tab(), "Articles")
        self.tabs.addTab(self._boilerplate_tab(), "Boilerplate")
        self.column_fitter = ColumnFitter([self.pairs_table, self.formulations_table,
                                           self.articles_table, self.boilerplate_table], self)
        # The watch-list's rows come after the formulations, past the rows Qt measures.
        self.column_fitter.measure_also(self.formulations_table, self._watched_rows)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        #: Each sorted list, and the name of its order when sorted by no column.
        self.own_orders: list[tuple[SortedView, str]] = [
            (self.pairs_table, "Ranking (best first)"),
            (self.formulations_table, "Ranking (best first)"),
            (self.clusters_tree, CLUSTER_ORDER_NAME),
            (self.articles_table, "Order indexed"),
            (self.boilerplate_table, "Listed order")]
        self.sort_popup = named(QMenu("Sort by", self), "sort_popup")
        for view, _ in self.own_orders:
            self._offer_sorting(view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    # -- building --------------------------------------------------------------------------
    def _pairs_tab(self) -> QWidget:
        title = self._title
        date = self._date
        self.pairs_model: ListTableModel[PairRow] = ListTableModel([
            Column("A", lambda p: title(p.a), tip=lambda p: p.a),
            Column("B", lambda p: title(p.b), tip=lambda p: p.b),
            # Short headings: a figure's column is as wide as its heading, and a narrow
            # window needs the room for the titles and the series.
            Column("% of A", lambda p: _percent(p.shared_a), key=lambda p: p.shared_a,
                   align_right=True, heading_tip=SHARED_OF.format("A", "B")),
            Column("% of B", lambda p: _percent(p.shared_b), key=lambda p: p.shared_b,
                   align_right=True, heading_tip=SHARED_OF.format("B", "A")),
            # Headings the Articles tab uses too, for other counts: their tooltips tell.
            Column("Words", lambda p: f"{p.words:,}", key=lambda p: p.words, align_right=True,
                   whole=True,
                   heading_tip="Words in the passages A and B share"),
            Column("Direction", self._direction, heading_tip=DIRECTION_TIP),
            Column("Date A", lambda p: _shown_date(date(p.a)), key=lambda p: date(p.a) or None,
                   whole=True),
            Column("Date B", lambda p: _shown_date(date(p.b)), key=lambda p: date(p.b) or None,
                   whole=True),
            Column("Series", self._pair_series, whole=True),
        ], self)
        self.pairs_table = _table(self.pairs_model)
        self.pairs_table.setObjectName("pairs_table")
        self.pairs_table.setAccessibleName("Pairs")
        # `activated`: a double-click (or the platform's click) and Enter; a double-click
        # is an `activated` too, so `doubleClicked` would open the pair twice.
        self.pairs_table.activated.connect(self._on_pair_activated)
        # As wide as its longest entry, measured again as the entries change: measured once,
        # when first shown (Qt's default), a box first shown empty or with another
        # collection's series cut its entry ("All serie"). Up to a width (`SeriesBox`).
        self.series_filter = named(SeriesBox(), "series_filter")
        self.date_from = named(FittedField("from YYYY-MM-DD", "0000-00-00"), "date_from")
        self.date_to = named(FittedField("to YYYY-MM-DD", "0000-00-00"), "date_to")
        self.min_share = named(QDoubleSpinBox(suffix=" %", decimals=0, maximum=100), "min_share")
        self.min_share.setToolTip("Only pairs sharing at least this much of one article")
        self.title_search = named(FittedField("Title or id contains…"), "title_search")
        self.title_search.setClearButtonEnabled(True)
        self.pairs_count = named(QLabel(), "pairs_count")
        # A bound that is no date is said in words under the filters: a red border is not
        # read out. A line of its own, wrapped: it never widens the window.
        self.date_note = named(_hint(""), "date_note")
        self.date_note.hide()
        for field in (self.date_from, self.date_to, self.title_search):
            field.textChanged.connect(self.apply_pair_filter)
        self.series_filter.currentIndexChanged.connect(self.apply_pair_filter)
        self.min_share.valueChanged.connect(self.apply_pair_filter)
        # In large fonts, in a narrow window, the filters go on to a second line rather
        # than be squeezed: a date typed in a squeezed field was cut.
        filters = FlowRow()
        groups: list[list[tuple[str, QWidget]]] = [
            [("&Series", self.series_filter)], [("&Dates", self.date_from), ("", self.date_to)],
            [("&Min. share", self.min_share)], [("", self.title_search)]]
        for group in groups:
            together = QWidget()  # a label and its field on one line
            row = QHBoxLayout(together)
            row.setContentsMargins(0, 0, 0, 0)
            for text, widget in group:
                if text:
                    # Its buddy: Alt and the letter go to the field, and a screen reader
                    # names the field by the label.
                    label = QLabel(text)
                    label.setBuddy(widget)
                    row.addWidget(label)
                row.addWidget(widget)
            filters.addWidget(together)
        # The fields no label names are named by what they hold.
        self.date_from.setAccessibleName("Dates from")
        self.date_to.setAccessibleName("Dates to")
        self.title_search.setAccessibleName("Title or id contains")
        bar = QHBoxLayout()
        bar.addLayout(filters, 1)
        bar.addWidget(self.pairs_count, 0, Qt.AlignmentFlag.AlignRight)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.date_note)
        layout.addWidget(self.pairs_table, 1)
        layout.addWidget(_hint(PAIRS_HINT))
        return tab

    def _formulations_tab(self) -> QWidget:
        #: `_undated` of the formulations listed, by their id(), until the list changes.
        self._undated_counts: dict[int, int] = {}
        self.formulations_model: ListTableModel[Formulation] = ListTableModel([
            Column("Formulation", lambda f: str(f.get("phrase", ""))
                   + (WATCHED_MARK if f.get(WATCHED_KEY) else ""),
                   tip=lambda f: "Variants:\n" + "\n".join(f.get("variants") or ["(none)"])),
            Column("Variants", lambda f: "; ".join(f.get("variants") or ()),
                   key=lambda f: len(f.get("variants") or ())),
            # In the reports' words: articles using it, and its uses.
            Column("Articles", lambda f: f"{int(f.get('documents', 0)):,}",
                   key=lambda f: int(f.get("documents", 0)), align_right=True, whole=True),
            Column("Uses", lambda f: f"{int(f.get('count', 0)):,}",
                   key=lambda f: int(f.get("count", 0)), align_right=True, whole=True),
            # Apart from the first seen, which a narrow window cuts: the count stays whole.
            Column("Undated", lambda f: f"{self._undated(f):,}", key=self._undated,
                   align_right=True, whole=True, heading_tip=UNDATED_TIP),
            # Undated (all uses undated) last, either way: no date is no first appearance.
            Column("First seen", self._first_seen, key=lambda f: self._first(f)[1] or None,
                   tip=self._first_seen_tip, keep_start=True),
        ], self)
        self.formulations_table = _table(self.formulations_model)
        self.formulations_table.setObjectName("formulations_table")
        self.formulations_table.setAccessibleName("Formulations")
        self.formulations_table.setSelectionMode(
            QAbstractItemView.SelectionMode.ExtendedSelection)
        self.formulations_table.selectionModel().selectionChanged.connect(
            self._on_formulations_selected)
        self.formulations_table.activated.connect(self._on_formulation_activated)
        # The chart is made when the tab is first shown: importing pyqtgraph takes a second,
        # which the window's start and a collection's opening should not pay.
        self._timeline: TimelineChart | None = None
        self._chart_series: list[tuple[str, tuple[str, ...], tuple[int, ...]]] = []
        self.timeline_box = named(QWidget(), "timeline_box")
        self.timeline_box.setMinimumSize(320, 160)
        timeline_layout = QVBoxLayout(self.timeline_box)
        timeline_layout.setContentsMargins(0, 0, 0, 0)
        # An undated collection has no dates to draw: an empty chart looks broken.
        self.undated_label = _hint(NO_DATES)
        self.undated_label.setObjectName("undated_label")
        self.undated_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.undated_label.hide()
        timeline_layout.addWidget(self.undated_label)
        # The uses no bar shows (in undated articles), as the reports give them.
        self.undated_uses_label = _hint("")
        self.undated_uses_label.setObjectName("undated_uses_label")
        self.undated_uses_label.setToolTip("Uses in articles without a date: no day, "
                                           "month or year of the chart shows them.")
        self.undated_uses_label.hide()
        timeline_layout.addWidget(self.undated_uses_label)
        self.uses_list = named(QListWidget(), "uses_list")
        self.uses_list.setAccessibleName("Articles using the formulation")
        # "date  title  ×3": a cut title keeps the date and the uses. A list that scrolls
        # sideways never cuts a line (its ×3 goes out of view instead): it does not.
        self.uses_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.uses_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.uses_list.itemActivated.connect(self._on_use_activated)
        self.uses_label = _hint(USES_HINT)
        uses = QWidget()
        uses_layout = QVBoxLayout(uses)
        uses_layout.setContentsMargins(0, 0, 0, 0)
        uses_layout.addWidget(self.uses_label)
        uses_layout.addWidget(self.uses_list, 1)
        bottom = self.timeline_split = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self.timeline_box)
        bottom.addWidget(uses)
        bottom.setStretchFactor(0, 3)
        bottom.setStretchFactor(1, 2)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.formulations_table)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        HintRoom(self.uses_label, split)
        return split

    def _clusters_tab(self) -> QWidget:
        self.clusters_tree = named(QTreeWidget(), "clusters_tree")
        #: The clusters' rows, as filled (in their own order, `cluster_rank`).
        self._clusters: list[ClusterItem] = []
        #: The width of each column's contents, as measured when the clusters were listed.
        self._cluster_widths = [0] * len(CLUSTER_HEADINGS)
        self.clusters_tree.setAccessibleName("Clusters")
        self.clusters_tree.setHeaderLabels(CLUSTER_HEADINGS)
        heading = self.clusters_tree.headerItem()
        for column, tip in enumerate(CLUSTER_HEADING_TIPS):
            heading.setToolTip(column, tip)
        _elided_headings(self.clusters_tree.header())
        self.clusters_tree.setAlternatingRowColors(True)
        # The text and the titles are long: they take the room the dates, series and spans
        # leave, cut short by the column (the tooltip holds what it cuts), but never less
        # than half the width: in a small window the others scroll into view instead.
        self.text_fitter = TextColumnFitter(self.clusters_tree, self)
        header = self.clusters_tree.header()
        # Sorted by a heading's click (by date, say); a third click goes back to their own
        # order.
        # Sorted here, not by Qt's sorting of the tree: the ranks are set first.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSectionsClickable(True)
        _clearable_sort(header)
        header.sortIndicatorChanged.connect(self._on_clusters_sorted)
        # A click opens an article, and so do Enter and, where the platform activates an
        # item on one click, that click: it is then an `itemActivated` too, opened once.
        self.clusters_tree.itemClicked.connect(self._on_cluster_clicked)
        self.clusters_tree.itemActivated.connect(self._on_cluster_member)
        self.clusters_tree.itemExpanded.connect(
            lambda item: add_members(item) if isinstance(item, ClusterItem) else None)
        return _with_hint(self.clusters_tree,
                          "Each cluster is one text carried by several articles, those of "
                          "most articles first; under each, its articles in date order, the "
                          "first the source where it is dated before the others. Click a "
                          "later article to read it beside the first. "
                          f"{SORT_HINT} {CLUSTER_ORDER_NAME.lower()}.")

    def _articles_tab(self) -> QWidget:
        self.articles_model: ListTableModel[ArticleFacts] = ListTableModel([
            Column("Article", lambda a: a.row.title or a.row.id, tip=lambda a: a.row.path),
            Column("Id", lambda a: a.row.id, whole=True),
            Column("Series", lambda a: a.row.series, whole=True),
            Column("Date", lambda a: _shown_date(a.row.date), key=lambda a: a.row.date or None,
                   whole=True),
            Column("Words", lambda a: f"{_words(a):,}", key=_words,
                   align_right=True, whole=True, heading_tip="Words in the article"),
            Column("Shared", lambda a: _percent(a.shared), key=lambda a: a.shared,
                   align_right=True, heading_tip="The part of the article's text in passages "
                   "it shares with other articles (those of its pairs)"),
            Column("Pairs", lambda a: str(a.pairs), key=lambda a: a.pairs, align_right=True,
                   whole=True,
                   heading_tip="The pairs listed with this article in them"),
            Column("File", lambda a: a.row.path),
        ], self)
        self.articles_table = _table(self.articles_model)
        self.articles_table.setObjectName("articles_table")
        self.articles_table.setAccessibleName("Articles")
        self.articles_table.activated.connect(
            lambda index: self.article_requested.emit(
                self.articles_model.item(index.row()).row.id, []))
        # As the other tabs tell what their rows open.
        return _with_hint(self.articles_table, ARTICLES_HINT)

    def _boilerplate_tab(self) -> QWidget:
        #: Articles per series, for the share of its series a line is repeated in.
        self._series_sizes: dict[str, int] = {}
        self.boilerplate_model: ListTableModel[BoilerplateLine] = ListTableModel([
            Column("Series", lambda b: b["series"] or NO_SERIES, whole=True),
            Column("Articles", lambda b: f"{b['documents']:,}", key=lambda b: b["documents"],
                   align_right=True, whole=True),
            Column("Of its series", lambda b: _percent(self._series_share(b)),
                   key=self._series_share, align_right=True),
            # Last: the line gets the width left, read whole.
            Column("Line", lambda b: b["text"], tip=lambda b: b["text"]),
        ], self)
        self.boilerplate_table = _table(self.boilerplate_model)
        self.boilerplate_table.setObjectName("boilerplate_table")
        self.boilerplate_table.setAccessibleName("Boilerplate")
        self.boilerplate_hint = _hint(BOILERPLATE_HINT)
        return _with_hint(self.boilerplate_table, self.boilerplate_hint)

    def _series_share(self, line: BoilerplateLine) -> float:
        return line["documents"] / max(1, self._series_sizes.get(line["series"], 0))

    def _offer_sorting(self, view: SortedView) -> None:
        """Give `view` its Sort by menu on the Menu key, Shift+F10 and a right-click: its
        headings take no focus, and a click was the only way to sort it."""
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(lambda at: self._popup_sort_menu(view, at))
        # Qt opens a context menu on Shift+F10 on Windows only: here on every platform.
        shortcut = QShortcut(QKeySequence("Shift+F10"), view,
                             context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda: self._popup_sort_menu(view))

    def shown_list(self) -> tuple[SortedView, str] | None:
        """The sorted list on the tab shown, and the name of its own order."""
        page = self.tabs.currentWidget()
        return next(((view, own) for view, own in self.own_orders
                     if page is view or page.isAncestorOf(view)), None)

    def fill_sort_menu(self, menu: QMenu) -> None:
        """Fill `menu` with the entries sorting the list shown (none on no list)."""
        clear_menu(menu)
        shown = self.shown_list()
        if shown is not None:
            add_sort_entries(menu, *shown)

    def _popup_sort_menu(self, view: SortedView, at: QPoint | None = None) -> None:
        """Show the Sort by menu of `view` at `at` in its viewport; from the keyboard (or
        where the platform puts a key's menu out of the list), at its current row."""
        viewport = view.viewport()
        if at is None or not viewport.rect().contains(at):
            current = view.visualRect(view.currentIndex())
            at = current.bottomLeft() if viewport.rect().intersects(current) else QPoint()
        menu = self.sort_popup
        clear_menu(menu)
        menu.addSection("Sort by")
        add_sort_entries(menu, view, dict(self.own_orders)[view])
        menu.popup(viewport.mapToGlobal(at))

    # -- content -----------------------------------------------------------------------------
    def show_collection(self, data: CollectionData | None, again: bool = False) -> None:
        """Show `data` (None: nothing), its lists in their own order and its pairs
        unfiltered; `again`: the same collection read again (its store written while
        shown), its lists sorted and its pairs filtered as the reader left them."""
        kept = self._sorting() if again else {}
        chosen = self._chosen() if again else {}
        clusters = self._clusters_chosen() if again else ({}, None)
        chosen_series = self.series_filter.currentData() if again else None
        if not again:
            self._clear_pair_filter()
        # Each table fitted once, at the end: resets, sorts and the filter each ask.
        with self.column_fitter.held():
            self._show_collection(data, kept, chosen, chosen_series, clusters)

    def _show_collection(self, data: CollectionData | None,
                         kept: dict[int, tuple[int, Qt.SortOrder]],
                         chosen: dict[QTableView, tuple[list[object], object]],
                         chosen_series: str | None,
                         clusters: tuple[dict[object, bool], object]) -> None:
        self.data = data
        self._undated_counts = dict(data.undated_counts) if data is not None else {}
        if data is None:
            for model in (self.pairs_model, self.formulations_model, self.articles_model,
                          self.boilerplate_model):
                model.set_items([])
            self.clusters_tree.clear()
            self._clusters = []
            self._draw_timelines([])
            self.uses_list.clear()
            return
        self.watched = []
        self._show_summary()
        self.skipped_link.setText(
            f'<a href="skipped">{skipped_summary(data.skipped)}…</a>' if data.skipped else "")
        # Hidden when empty: Tab would stop on nothing.
        self.skipped_link.setVisible(bool(data.skipped))
        self.series_filter.blockSignals(True)
        self.series_filter.clear()
        # "All series" is None: "" is the series of the articles at the top of a folder.
        self.series_filter.addItem("All series", None)
        for series in data.series:
            self.series_filter.addItem(series, series)
        if data.series and any(not d.series for d in data.documents):
            self.series_filter.addItem(NO_SERIES, "")
        self.series_filter.setCurrentIndex(max(0, self.series_filter.findData(chosen_series)))
        self.series_filter.blockSignals(False)
        self.pairs_model.set_items(data.pairs)
        self.apply_pair_filter()
        self.formulations_model.set_items(data.formulations)
        self.articles_model.set_items(data.articles)
        self._series_sizes = Counter(d.series for d in data.documents)
        self.boilerplate_model.set_items(data.boilerplate)
        # An empty table under its headings looks broken: say why instead.
        self.boilerplate_hint.setText(BOILERPLATE_HINT if data.boilerplate else NO_BOILERPLATE)
        self._fill_clusters(data, *clusters)
        self.uses_list.clear()
        for table in self.column_fitter.tables:
            table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self._sort_as(kept)
        self._choose_as(chosen)
        self.column_fitter.fit()
        self.undated_label.setVisible(not data.bins)
        if self._timeline is not None:
            self._timeline.setVisible(bool(data.bins))
        formulations = chosen.get(self.formulations_table)
        self._show_formulation_rows(
            {cast(tuple[str, bool], k) for k in formulations[0]} if formulations else None)

    def _row_keys(self) -> dict[QTableView, Callable[[Any], object]]:
        """What names each table's row across a reading again: its row numbers change."""
        return {self.pairs_table: lambda p: (p.a, p.b),
                self.formulations_table: _row_key,
                self.articles_table: lambda a: a.row.id,
                self.boilerplate_table: lambda b: (b["series"], b["text"])}

    def _chosen(self) -> dict[QTableView, tuple[list[object], object]]:
        """Per table, the keys (`_row_keys`) of the rows selected and of the current row."""
        chosen = {}
        for table, key in self._row_keys().items():
            model = table.model()
            assert isinstance(model, ListTableModel)
            rows = sorted({i.row() for i in table.selectionModel().selectedRows()})
            current = table.currentIndex()
            chosen[table] = ([key(model.item(row)) for row in rows],
                             key(model.item(current.row())) if current.isValid() else None)
        return chosen

    def _choose_as(self, chosen: dict[QTableView, tuple[list[object], object]]) -> None:
        """Select the rows `_chosen` found, where they are still listed (the formulations'
        are selected with the timelines they draw, `_show_formulation_rows`)."""
        for table, key in self._row_keys().items():
            if table not in chosen or table is self.formulations_table:
                continue
            keys, current = chosen[table]
            model = table.model()
            assert isinstance(model, ListTableModel)
            wanted = set(keys)
            rows, at = [], None
            for row in range(model.rowCount()):
                found = key(model.item(row))
                if found == current:
                    at = row
                if found == current or found in wanted:
                    rows.append(row)
            _select_rows(table, rows, at)

    def _sorted_views(self) -> list[QTableView | QTreeWidget]:
        return [*self.column_fitter.tables, self.clusters_tree]

    def _sorting(self) -> dict[int, tuple[int, Qt.SortOrder]]:
        """How each table and the clusters are sorted now (by their place in
        `_sorted_views`), those sorted by a column only."""
        found = {}
        for k, view in enumerate(self._sorted_views()):
            header = view.horizontalHeader() if isinstance(view, QTableView) else view.header()
            if header.sortIndicatorSection() >= 0:
                found[k] = (header.sortIndicatorSection(), header.sortIndicatorOrder())
        return found

    def _sort_as(self, sorting: dict[int, tuple[int, Qt.SortOrder]]) -> None:
        """Sort the tables and the clusters again as `_sorting` found them."""
        for k, view in enumerate(self._sorted_views()):
            if k in sorting:
                view.sortByColumn(*sorting[k])

    def show_watched(self, entries: list[Formulation]) -> None:
        """The watch-list's phrases counted across the collection (`watched_phrases`), shown
        after its formulations and marked `WATCHED_MARK`; [] takes them away."""
        if self.data is None or not entries and not self.watched:
            return  # none shown, none to show: the list is as it is
        # The count arrives a moment after the collection is shown: the rows the user
        # selected meanwhile stay selected.
        selected = {_row_key(f) for f in self.selected_formulations()}
        self.watched = [{**entry, WATCHED_KEY: True} for entry in entries]
        # The watched phrases shown before are gone (their ids may be reused).
        self._undated_counts = dict(self.data.undated_counts)
        self.formulations_model.set_items(self.data.formulations + self.watched)
        # Fitted to the rows before these came: a long phrase would be cut.
        self.column_fitter.fit_table(self.formulations_table)
        self._show_summary()
        self._show_formulation_rows(selected)

    def _watched_rows(self) -> list[int]:
        """The formulations table's rows (as sorted) showing the watch-list's phrases."""
        if self.data is None or not self.watched:
            return []
        listed = len(self.data.formulations)  # the items before the watch-list's
        return [row for row, k in enumerate(self.formulations_model.order) if k >= listed]

    def _show_summary(self) -> None:
        data = self.data
        assert data is not None
        watched = f" · {counted(len(self.watched), 'watched phrase')}" if self.watched else ""
        formulations = ("formulations left out" if data.formulations_left_out
                        else counted(len(data.formulations), "formulation"))
        self.summary.setText(
            f"<b>{html.escape(data.name)}</b> · {counted(len(data.documents), 'article')} · "
            f"{counted(len(data.pairs), 'pair')} · {counted(len(data.clusters), 'cluster')} · "
            f"{formulations}{watched} · "
            f"{counted(len(data.boilerplate), 'boilerplate line')}")

    def _show_formulation_rows(self, selected: set[tuple[str, bool]] | None = None) -> None:
        """Show the formulations table's rows, those `selected` (`_row_key`) selected, else
        the first."""
        model = self.formulations_model
        shown = model.rowCount() > 0
        # With no formulation an empty table and chart look broken: say why instead.
        self.timeline_box.setVisible(shown)
        self.uses_label.setText(USES_HINT if shown else FORMULATIONS_LEFT_OUT
                                if self.data is not None and self.data.formulations_left_out
                                else NO_FORMULATIONS)
        if not shown:
            self._draw_timelines([])
            return
        rows = [row for row in range(model.rowCount())
                if _row_key(model.item(row)) in (selected or set())] or [0]
        _select_rows(self.formulations_table, rows, rows[0])

    def _clusters_chosen(self) -> tuple[dict[object, bool], object]:
        """The clusters listed, by key (`ClusterItem.key`), whether each is open, and the
        key of the current row (None for none)."""
        current = self.clusters_tree.currentItem()
        return ({item.key: item.isExpanded() for item in self._clusters},
                current.key if isinstance(current, ClusterItem) else None)

    def _fill_clusters(self, data: CollectionData, opened: dict[object, bool] | None = None,
                       current: object = None) -> None:
        """Make the Clusters tab's items from the rows worked out with `data`
        (`cluster_rows`): nothing but the items is made here, on the GUI thread, those of a
        cluster's articles as it is first opened (`add_members`). The first clusters are
        open; read again, those `opened` (`_clusters_chosen`) were listed
        are open as they were, and the row of key `current` is made current again."""
        opened = opened or {}
        tree = self.clusters_tree
        tree.setUpdatesEnabled(False)
        tree.clear()
        items: list[ClusterItem] = []
        for row in data.cluster_rows:
            top = ClusterItem(len(items), list(row.texts))
            top.keys = row.keys
            top.key = row.key
            top.setToolTip(0, row.tip)
            top.pending = row
            top.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            items.append(top)
        self._clusters = items
        tree.addTopLevelItems(items)
        header = tree.header()
        header.blockSignals(True)  # filled in their own order: nothing to sort
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)
        chosen = None
        for place, item in enumerate(items):
            if opened.get(item.key, place < OPENED_CLUSTERS):
                item.setExpanded(True)  # its articles' rows made as it opens
            if current is None or chosen is not None:
                continue
            if item.key == current:
                chosen = item
            elif isinstance(current, tuple) and current[0] == item.key:  # one of its articles
                chosen = next((row for row in add_members(item) if row.key == current), None)
        if chosen is not None:
            tree.setCurrentItem(chosen)
        self._cluster_widths = [tree.sizeHintForColumn(c) for c in range(len(CLUSTER_HEADINGS))]
        fit_tree_columns(tree, self._cluster_widths)
        tree.setUpdatesEnabled(True)

    def start_reading(self) -> None:
        """Put the keyboard where the reader starts on a collection just shown: the list of
        the tab shown (the Pairs table, on a first collection), its first row current where
        none is, rather than on the tab bar, five filters away from the pairs. A pair
        filter being typed in keeps it."""
        focused = QApplication.focusWidget()
        filters = (self.series_filter, self.date_from, self.date_to, self.min_share,
                   self.title_search)
        if focused is not None and any(field is focused or field.isAncestorOf(focused)
                                       for field in filters):
            return
        shown = self.shown_list()
        if shown is None:
            return
        view = shown[0]
        first = view.model().index(0, 0)
        if not view.currentIndex().isValid() and first.isValid():
            view.setCurrentIndex(first)
        view.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_cluster(self, cluster_id: object) -> None:
        """Show the Clusters tab with the cluster `cluster_id` chosen, open and at the top."""
        tree = self.clusters_tree
        page = tree.parentWidget()
        if page is not None:
            self.tabs.setCurrentIndex(self.tabs.indexOf(page))
        wanted = str(cluster_id)
        for row in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(row)
            if item is not None and item.text(CLUSTER_HEADINGS.index("No.")) == wanted:
                item.setExpanded(True)
                tree.setCurrentItem(item)
                tree.scrollToItem(item, QAbstractItemView.ScrollHint.PositionAtTop)
                tree.setFocus()
                return

    def _on_clusters_sorted(self, column: int, order: Qt.SortOrder) -> None:
        """Sort the clusters as the heading now says (-1: back in their own order)."""
        rank_clusters(self._clusters, column, order)
        # Qt's sort by the ranks: the rows chosen and the clusters opened stay so. (The
        # tree's own sort would set the indicator again.)
        self.clusters_tree.model().sort(max(column, 0), order if column >= 0
                                        else Qt.SortOrder.AscendingOrder)
        # The sort indicator's room, in the column sorted by only (`heading_width`).
        fit_tree_columns(self.clusters_tree, self._cluster_widths)

    def _clear_pair_filter(self) -> None:
        """Empty the dates, share and title the pairs are filtered by (the series are
        chosen among the next collection's own), filtering once the next is shown."""
        for widget in (self.date_from, self.date_to, self.title_search, self.min_share):
            widget.blockSignals(True)
        self.date_from.clear()
        self.date_to.clear()
        self.title_search.clear()
        self.min_share.setValue(0)
        for widget in (self.date_from, self.date_to, self.title_search, self.min_share):
            widget.blockSignals(False)

    def apply_pair_filter(self) -> None:
        bounds = {which: (field.text(), _checked_bound(field))
                  for which, field in (("from", self.date_from), ("to", self.date_to))}
        unread = " ".join([_not_applied(which, typed) for which, (typed, bound)
                           in bounds.items() if bound is None]
                          + [_reversed_note(bounds["from"][1], bounds["to"][1])])
        self.date_note.setText(unread)
        self.date_note.setVisible(bool(unread))
        data = self.data
        if data is None:
            return
        accept = pair_filter(data, self.series_filter.currentData(),
                             bounds["from"][1] or "", bounds["to"][1] or "",
                             self.min_share.value() / 100, self.title_search.text())
        self.pairs_model.set_filter(accept)
        self.pairs_count.setText(_pairs_shown(self.pairs_model.rowCount(), len(data.pairs)))
        # Fitted to the rows listed before: the first rows now listed may be wider.
        self.column_fitter.fit_table(self.pairs_table)

    # -- helpers -------------------------------------------------------------------------------
    def _title(self, doc_id: str) -> str:
        return self.data.title(doc_id) if self.data else doc_id

    def _date(self, doc_id: str) -> str:
        return self.data.date_of(doc_id) if self.data else ""

    def _pair_series(self, pair: PairRow) -> str:
        """The series of a pair's articles: one, or both, an article of none named so
        (never a slash after nothing), as the Series filter names it; "" when the
        collection has no series."""
        if self.data is None or not self.data.series:
            return ""
        named = dict.fromkeys((self._series(pair.a), self._series(pair.b)))
        return " / ".join(series or NO_SERIES for series in named)

    def _series(self, doc_id: str) -> str:
        return self.data.series_of(doc_id) if self.data else ""

    def _direction(self, pair: PairRow) -> str:
        a, b = self._date(pair.a), self._date(pair.b)
        if not (a and b) or a == b:
            return "same day" if a and a == b else ""
        return "A → B" if a < b else "B → A"

    def _first(self, formulation: Formulation) -> tuple[str, str]:
        first = formulation.get("first") or {}
        return str(first.get("doc", "")), str(first.get("date", ""))

    def _first_seen(self, formulation: Formulation) -> str:
        doc, date = self._first(formulation)
        if not doc:
            return ""
        # Undated, the first the store gives is the lowest id: no first appearance.
        return f"{date} · {self._title(doc)}" if date else ALL_USES_UNDATED

    def _first_seen_tip(self, formulation: Formulation) -> str:
        """The first seen whole, and that an undated article may be earlier."""
        note = undated_may_be_earlier(self._undated(formulation))
        shown = self._first_seen(formulation)
        return f"{shown} ({note})" if note and self._first(formulation)[1] else shown

    def _undated(self, formulation: Formulation) -> int:
        """How many of the articles using `formulation` are undated: the collection's
        formulations counted as it was read (`CollectionData.undated_counts`), a watched
        phrase once per list shown (a cell is drawn again and again)."""
        key = id(formulation)
        if key not in self._undated_counts:
            self._undated_counts[key] = (
                0 if self.data is None else self.data.undated_articles(formulation))
        return self._undated_counts[key]

    # -- reactions -----------------------------------------------------------------------------
    def _on_pair_activated(self, index: QModelIndex) -> None:
        pair = self.pairs_model.item(index.row())
        self.pair_requested.emit(pair.a, pair.b)

    def selected_formulations(self) -> list[Formulation]:
        rows = sorted({i.row() for i in self.formulations_table.selectionModel().selectedRows()})
        return [self.formulations_model.item(r) for r in rows]

    def _on_formulations_selected(self, *_: object) -> None:
        if self.data is None:
            return
        series, undated = [], []
        for formulation in self.selected_formulations():
            line = self.data.timeline(formulation)
            phrase = str(formulation.get("phrase", ""))
            if formulation.get(WATCHED_KEY):
                # Marked as its row is: a watched phrase may be a formulation too.
                phrase += f" {WATCHED_MARK.strip()}"
            series.append((phrase, line.bins, line.counts))
            undated.append((phrase, line.undated_text))
        self._draw_timelines(series, undated)

    def _show_undated_uses(self, undated: Sequence[tuple[str, str]]) -> None:
        """Say under the chart how many uses of each line it leaves out, being undated."""
        shown = [(phrase, text) for phrase, text in undated if text]
        if len(undated) > 1:
            shown = [(phrase, f"{text} (“{phrase}”)") for phrase, text in shown]
        self.undated_uses_label.setText(
            "Not in the chart: " + ", ".join(text for _, text in shown) if shown else "")
        self.undated_uses_label.setVisible(bool(shown) and bool(self.data and self.data.bins))

    @property
    def timeline(self) -> TimelineChart:
        """The timelines chart, made (and pyqtgraph imported) on first use."""
        if self._timeline is None:
            from viewer.ui.collection.timeline import TimelineChart

            self._timeline = TimelineChart()
            layout = self.timeline_box.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(layout.indexOf(self.undated_uses_label), self._timeline, 1)
            # A child added to a shown widget starts hidden.
            self._timeline.setVisible(self.data is None or bool(self.data.bins))
            width = self.timeline_split.width()
            self.timeline_split.setSizes([width * 3 // 5, width - width * 3 // 5])
            self._timeline.show_series(self._chart_series)
        return self._timeline

    def _draw_timelines(self, series: list[tuple[str, tuple[str, ...], tuple[int, ...]]],
                        undated: Sequence[tuple[str, str]] = ()) -> None:
        """Draw `series` (label, days, months or years, counts), and name each line's
        `undated` uses (label, `Timeline.undated_text`) under the chart."""
        self._chart_series = series
        self._show_undated_uses(undated)
        if self._timeline is not None:
            self._timeline.show_series(series)

    def _on_tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.formulations_page:
            self.timeline  # noqa: B018 - made on first sight

    def _on_formulation_activated(self, index: QModelIndex) -> None:
        self.list_uses(self.formulations_model.item(index.row()))

    def list_uses(self, formulation: Formulation) -> None:
        """List the articles using `formulation`, in date order."""
        data = self.data
        if data is None:
            return
        self.uses_list.clear()
        occurrences = sorted(formulation.get("occurrences") or (),
                             key=lambda o: (self._date(str(o.get("doc"))) or "9999", o.get("doc")))
        self.uses_label.setText(f"“{formulation.get('phrase', '')}” in {len(occurrences):,} "
                                "articles (double-click one to read it):")
        for occurrence in occurrences:
            doc = str(occurrence.get("doc", ""))
            spans = [tuple(s) for s in occurrence.get("spans") or ()]
            item = QListWidgetItem(f"{dated_title(self._date(doc), data.title(doc))}  "
                                   f"×{len(spans)}")
            item.setData(TARGET_ROLE, (doc, spans))
            self.uses_list.addItem(item)

    def _on_use_activated(self, item: QListWidgetItem) -> None:
        doc, spans = item.data(TARGET_ROLE)
        self.article_requested.emit(doc, list(spans))

    def _on_cluster_clicked(self, item: QTreeWidgetItem, column: int) -> None:
        tree = self.clusters_tree
        if not tree.style().styleHint(
                QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick, None, tree):
            self._on_cluster_member(item, column)

    def _on_cluster_member(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        target = item.data(0, TARGET_ROLE)
        if not target or self.data is None:
            return
        source, doc, span, at_source = target
        # The source itself is read beside another article carrying the text, never
        # beside itself.
        reading = self.data.cluster_reading(source, doc, span,
                                            _other_articles(item.parent(), source), at_source)
        if reading is not None:
            partner, (start, end) = reading
            self.passage_requested.emit(source, partner, start, end)


def _checked_bound(field: QLineEdit) -> str | None:
    """The date bound typed in `field`, "" for none, None for what is no date: said so at
    the field (its border, its tooltip and the description a screen reader reads), and
    filtering nothing."""
    bound = date_bound(field.text())
    problem = NOT_A_DATE if bound is None else ""
    field.setStyleSheet("QLineEdit { border: 2px solid #c62828; }" if problem else "")
    field.setToolTip(problem)
    field.setAccessibleDescription(problem)
    return bound


def _not_applied(which: str, typed: str) -> str:
    """What the line under the pair filters says of the `which` ("from", "to") bound
    `typed` that is no date (not a long paste's whole text)."""
    typed = typed.strip()
    shown = typed if len(typed) <= 12 else typed[:11] + "…"
    return f"The {which}-date {shown} is not a date (YYYY-MM-DD): not applied."


def _reversed_note(date_from: str | None, date_to: str | None) -> str:
    """What the line under the pair filters says when the from-date comes after the
    to-date ("2020" and "2019": no pair lies between, and "0 of N pairs" alone does not
    say why); "" otherwise. Bounds are prefixes of dates: "2019-05" lies within "2019"."""
    if not date_from or not date_to:
        return ""
    common = min(len(date_from), len(date_to))
    if date_from[:common] <= date_to[:common]:
        return ""
    return (f"The from-date {date_from} is later than the to-date {date_to}: no pair lies "
            "between them.")


def _other_articles(cluster: QTreeWidgetItem | None, source: str) -> list[str]:
    """The articles of a cluster's rows but `source`, in the rows' (date) order."""
    if cluster is None:
        return []
    children = (cluster.child(row) for row in range(cluster.childCount()))
    docs = (child.data(0, TARGET_ROLE)[1] for child in children if child is not None)
    return [str(doc) for doc in docs if doc != source]


def date_bound(text: str) -> str | None:
    """A date typed as a filter's bound, written as the collection writes dates: "2019",
    "2019-03", "2019-03-05" ("2019-3-5" too); "" when none is typed, None when what is
    typed is no date."""
    text = text.strip()
    if not text:
        return ""
    parts = text.split("-")
    if len(parts) > 3 or not all(p.isascii() and p.isdigit() for p in parts) \
            or len(parts[0]) != 4 or any(not 1 <= len(p) <= 2 for p in parts[1:]):
        return None
    bound = "-".join([parts[0], *(p.zfill(2) for p in parts[1:])])
    full = (bound + "-01-01")[:10] if len(parts) < 3 else bound
    try:
        date.fromisoformat(full)
    except ValueError:
        return None
    return bound


def pair_filter(data: CollectionData, series: str | None, date_from: str, date_to: str,
                min_share: float, search: str) -> Callable[[PairRow], bool] | None:
    """The test a pair must pass to be listed (None: every pair); `series` None for any
    series, "" for an article of none."""
    needle = search_key(search.strip())
    if series is None and not (date_from or date_to or min_share or needle):
        return None
    by_id = data.by_id

    def accept(pair: PairRow) -> bool:
        a, b = by_id.get(pair.a), by_id.get(pair.b)
        if a is None or b is None:
            return False
        if series is not None and series not in (a.series, b.series):
            return False
        # A pair is in the date range when both of its articles are: an undated article
        # is in no range, whichever bound is set.
        if (date_from or date_to) and not (a.date and b.date):
            return False
        if date_from and (a.date < date_from or b.date < date_from):
            return False
        if date_to and (a.date[:len(date_to)] > date_to or b.date[:len(date_to)] > date_to):
            return False
        if max(pair.shared_a, pair.shared_b) < min_share:
            return False
        return not needle or any(needle in search_key(text)
                                 for text in (a.title, b.title, a.id, b.id))

    return accept
