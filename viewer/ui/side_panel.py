"""Side panel tabs: shared phrases, slogans (with highlight toggles and the watch-list) and
theme overlap. Table models are lazy so thousands of rows cost nothing until shown."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from viewer.core.model import Comparison, SharedPhrase, Slogan
from viewer.core.settings import watchlist_phrases
from viewer.present.palette import DARK, LIGHT, Palette
from viewer.present.theme_note import closest_only_mark, closest_only_note
from viewer.present.theme_words import shown_words
from viewer.present.wording import (
    NO_SHARED_PHRASES,
    NO_SLOGANS,
    NO_THEMES,
    SloganTally,
    counted,
    slogan_tally,
)
from viewer.ui.count_columns import COUNT_WIDTH, CountColumns
from viewer.ui.flow_row import FlowRow
from viewer.ui.fold import Fold
from viewer.ui.noted_table import NotedTable
from viewer.ui.wrapped_cell import WrappedCell

Index = QModelIndex | QPersistentModelIndex


def differences_text(phrase: SharedPhrase, text_a: str, text_b: str) -> str:
    """Word-level differences of a passage, e.g. 'cheap → low-cost; + worth'."""
    if phrase.exact:
        return "identical"
    parts = []
    for diff in phrase.differences[:6]:
        a = text_a[diff.a[0]:diff.a[1]]
        b = text_b[diff.b[0]:diff.b[1]]
        if diff.kind == "delete":
            parts.append(f"− {a}")
        elif diff.kind == "insert":
            parts.append(f"+ {b}")
        else:
            parts.append(f"{a} → {b}")
    if len(phrase.differences) > 6:
        parts.append(f"… {len(phrase.differences) - 6} more")
    return "; ".join(parts) or "edited"


def tip_colours() -> Palette:
    """The light or dark colours, as the tooltips' background is: the light red and green
    of word changes are unreadable on a dark desktop's dark tooltips."""
    background = QToolTip.palette().color(QPalette.ColorRole.ToolTipBase)
    return DARK if background.lightness() < 128 else LIGHT


def differences_tip(phrase: SharedPhrase, text_a: str, text_b: str, limit: int = 600,
                    colours: Palette = LIGHT) -> str:
    """A passage's tooltip: both versions, word changes marked (A's deleted words struck
    red, B's inserted words green, in `colours`), as rich text so Qt wraps it to a
    readable width."""
    def marked(text: str, span: tuple[int, int], changes: list[tuple[int, int]],
               colour: str, strike: bool) -> str:
        out, at = [], span[0]
        end = min(span[1], span[0] + limit)
        for c0, c1 in sorted(changes):
            if c0 >= end:
                break
            out.append(escape(text[at:c0]))
            style = f"color:{colour};" + ("text-decoration:line-through" if strike else
                                          "text-decoration:underline")
            out.append(f'<span style="{style}">{escape(text[c0:min(c1, end)])}</span>')
            at = min(c1, end)
        out.append(escape(text[at:end]) + ("…" if span[1] > end else ""))
        return "".join(out)

    a = marked(text_a, phrase.a, [d.a for d in phrase.differences if d.a[1] > d.a[0]],
               colours.deleted, True)
    b = marked(text_b, phrase.b, [d.b for d in phrase.differences if d.b[1] > d.b[0]],
               colours.inserted, False)
    state = "identical" if phrase.exact else f"{len(phrase.differences)} word changes"
    return f"<p><b>{phrase.words} words, {state}</b></p><p><b>A:</b> {a}</p><p><b>B:</b> {b}</p>"


def line_number(text: str, offset: int, cache: dict[int, int]) -> int:
    """The line of the pane (`display_text`'s blocks, counted from 1) holding `offset`: a
    line ends at "\\n", "\\r\\n", a lone "\\r" (classic Mac) or U+2029."""
    if offset not in cache:
        returns = text.count("\r", 0, offset) - text.count("\r\n", 0, offset + 1)
        cache[offset] = (text.count("\n", 0, offset) + returns
                         + text.count("\u2029", 0, offset) + 1)
    return cache[offset]


class RowsModel(QAbstractTableModel):
    """Rows computed on demand by `cell(row, column)`; column 0 may be checkable. While
    `shorten`ed, the first columns' headings take the `short_headers` given in their place,
    and a cell what `short_cell(row, column)` gives for it, unless None."""

    def __init__(self, headers: Sequence[str], count: int,
                 cell: Callable[[int, int], Any], checkable: bool = False,
                 tooltip: Callable[[int], str] | None = None,
                 short_headers: Sequence[str] = (),
                 short_cell: Callable[[int, int], Any] | None = None) -> None:
        super().__init__()
        self.headers = list(headers)
        self.short_headers = list(short_headers)
        self.short_cell = short_cell
        self.short = False
        self.count = count
        self.cell = cell
        self.checkable = checkable
        self.unchecked: set[int] = set()
        self.tooltip = tooltip

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The tooltip, whole: a heading the column is too narrow for is shortened (`_table`).
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole and self.short and \
                section < len(self.short_headers):
            return self.short_headers[section]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.headers[section]
        return None

    def shorten(self, short: bool) -> None:
        if short != self.short:
            self.short = short
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.headers) - 1)
            if self.short_cell is not None and self.count:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(self.count - 1, len(self.headers) - 1),
                                      [Qt.ItemDataRole.DisplayRole])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            short = self.short_cell(row, column) if self.short and self.short_cell else None
            return self.cell(row, column) if short is None else short
        if role == Qt.ItemDataRole.CheckStateRole and self.checkable and column == 0:
            return (Qt.CheckState.Unchecked if row in self.unchecked
                    else Qt.CheckState.Checked)
        if role == Qt.ItemDataRole.ToolTipRole and self.tooltip is not None:
            return self.tooltip(row)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.checkable and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any,  # noqa: N802 (Qt override)
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not self.checkable:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(
            value, Qt.CheckState) else value == Qt.CheckState.Checked
        if checked:
            self.unchecked.discard(index.row())
        else:
            self.unchecked.add(index.row())
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


#: The rows of one line the slogans' list keeps in sight before the watch-list's editor
#: folds away beneath it.
SLOGAN_ROWS = 6
#: The headings of the shared phrases' and the themes' counts and line numbers, whole and
#: short (in a narrow dock, large fonts: `CountColumns`), and of the text beside them.
PHRASE_COUNTS = (("Words", "W"), ("Line A", "A"), ("Line B", "B"))
PHRASE_TEXT = "Differences"
THEME_COUNTS = (("Score", "S"), ("Line A", "A"), ("Line B", "B"))
THEME_TEXT = "Shared terms"
#: The slogan filters: button label and which slogans it shows (by `Slogan.presence`).
SLOGAN_FILTERS = (("All", None), ("In both", "both"), ("Only A", "a"), ("Only B", "b"))
_PRESENCE = {"both": "both", "a": "A only", "b": "B only", "": "none"}
#: ...and in a narrow dock, where the phrase needs the room (`CountColumns`).
_SHORT_PRESENCE = {"both": "A+B", "a": "A", "b": "B", "": "none"}
#: What a slogan's row and tooltip add to its phrase, by whether it is the watch-list's.
_WATCHED = {False: "", True: "  (watch-list)"}


class PresenceFilter(QSortFilterProxyModel):
    """Slogan rows of one presence (in both texts, only A, only B), or all; the watch-list
    is always shown."""

    def __init__(self, presence: Sequence[str], watched: Sequence[bool]) -> None:
        super().__init__()
        self.presence = presence
        self.watched = watched
        self.wanted: str | None = None

    def show_only(self, wanted: str | None) -> None:
        self.beginFilterChange()
        self.wanted = wanted
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802 (Qt override)
        return (self.wanted is None or self.watched[row]
                or self.presence[row] == self.wanted)


def _counted_rows(counts: Sequence[tuple[str, str]], texts: Sequence[str], count: int,
                  cell: Callable[[int, int], Any],
                  tooltip: Callable[[int], str] | None = None) -> RowsModel:
    """Rows of `counts` (headings whole and short) then `texts` columns."""
    return RowsModel([whole for whole, _ in counts] + list(texts), count, cell,
                     tooltip=tooltip, short_headers=[short for _, short in counts])


def _table(name: str) -> NotedTable:
    table = NotedTable()
    table.setObjectName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    # Rows are chosen whole (arrows move between them): Tab leaves the table rather than
    # walk its cells, or the keyboard never gets past the panel.
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    # A heading wider than its column ("Shared terms", large fonts, a narrow dock) ends in
    # "…", rather than lose letters at both ends as Qt's headers do by default.
    table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


#: The most rows a table wraps: each wrapped row is laid out again whenever the table is
#: resized, and 300 passages held a drag of the dock's edge 0.3 to 0.7 s at each step. A
#: longer list keeps rows of one line, each row's whole text in its tooltip.
WRAPPED_ROWS_MOST = 150


def _wrap_rows(table: QTableView, wrapped: bool) -> None:
    """Rows grow to show their cells whole, on as many lines as they need (`wrapped`: a
    long slogan, a passage's differences in a narrow dock; in a table of no more than
    `WRAPPED_ROWS_MOST` rows), else rows of one line. The table scrolls by pixels: by
    rows, the end of a row taller than it was out of reach."""
    model = table.model()
    wrapped = wrapped and (model is None or model.rowCount() <= WRAPPED_ROWS_MOST)
    table.setWordWrap(wrapped)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel if wrapped
                                else QAbstractItemView.ScrollMode.ScrollPerItem)
    table.verticalHeader().setSectionResizeMode(
        QHeaderView.ResizeMode.ResizeToContents if wrapped
        else QHeaderView.ResizeMode.Interactive)


class SidePanel(QTabWidget):
    """Rows emit `phrase_chosen(i)`, `slogan_chosen(i)`, `theme_chosen(i)`;
    `slogan_toggled(i, shown)` and `watchlist_changed(phrases)` come from the slogans tab;
    `slogans_short(pixels)` says, whenever the slogans' list is fitted in sight, how much
    taller it would have to be to show its first `SLOGAN_ROWS` rows whole (0 where it
    shows them)."""

    phrase_chosen = Signal(int)
    slogan_chosen = Signal(int)
    theme_chosen = Signal(int)
    slogan_toggled = Signal(int, bool)
    watchlist_changed = Signal(tuple)
    slogans_short = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("side_panel")
        # The three tabs stay in sight while they can: when the panel is narrow (large
        # fonts, or the slogans' title long, with a watch-list) their titles take shorter
        # words before the counts; narrower still, the bar scrolls (`_fit_titles`).
        self._scroll(False)
        #: Each tab's titles, longest first: the first whose tabs all fit is shown.
        self._title_forms: list[tuple[str, ...]] = [("Shared phrases",), ("Slogans",),
                                                    ("Themes",)]
        self._slogans_shown: Sequence[Slogan] = ()
        self.phrases = _table("phrases_table")
        self.slogans = _table("slogans_table")
        # A phrase too long for its column goes on to more lines (`_set`), read whole, a
        # word too long for one broken: cut, "General Sec…ry", or a watched phrase's
        # "(watch-list)" lost.
        self.slogans.setItemDelegateForColumn(0, WrappedCell(self.slogans))
        self.themes = _table("themes_table")
        # The slogans' counts had no least width: they stay as they were where there is room.
        self._count_columns: dict[QTableView, CountColumns] = {
            self.phrases: CountColumns(self.phrases, (3, 4), COUNT_WIDTH),
            self.themes: CountColumns(self.themes, (3,), COUNT_WIDTH),
            self.slogans: CountColumns(self.slogans, (0,))}
        # The differences and the themes' terms wrap in a narrow dock only (`_wrap_texts`).
        for table in (self.phrases, self.themes):
            self._count_columns[table].shortened.connect(
                lambda _short, table=table: self._wrap_texts(table))
        # Their texts wrap (`_set`), a word too long for the column broken, not cut short.
        for table, texts in ((self.phrases, (3, 4)), (self.themes, (3,))):
            for column in texts:
                table.setItemDelegateForColumn(column, WrappedCell(table))
        self.watch_edit = QPlainTextEdit()
        self.watch_edit.setObjectName("watchlist_edit")
        self.watch_edit.setPlaceholderText("Your own phrases to watch, one per line; "
                                           "variants after a phrase: a | b; # a comment")
        self.watch_edit.setMaximumHeight(90)
        self.watch_edit.setTabChangesFocus(True)  # a phrase holds no tab; Tab moves on
        apply_watch = QPushButton("Save watch-list")
        apply_watch.setObjectName("watchlist_save")
        apply_watch.clicked.connect(self._on_watch_saved)
        #: Which of the saved watch-list's lines are not watched, and why.
        self.watch_note = QLabel()
        self.watch_note.setObjectName("watchlist_note")
        self.watch_note.setTextFormat(Qt.TextFormat.PlainText)  # a line may read as markup
        self.watch_note.setWordWrap(True)
        self.watch_note.hide()

        slogans_page = QWidget()
        layout = QVBoxLayout(slogans_page)
        layout.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        buttons = FlowRow()  # in large fonts, in a narrow panel, the buttons wrap
        self.slogan_filters = QButtonGroup(self)
        for number, (label, _) in enumerate(SLOGAN_FILTERS):
            button = QPushButton(label)
            button.setObjectName(f"slogan_filter_{number}")
            button.setCheckable(True)
            button.setChecked(number == 0)
            self.slogan_filters.addButton(button, number)
            buttons.addWidget(button)
        filters.addLayout(buttons)
        filters.addStretch(1)
        self.slogan_filters.idClicked.connect(self._on_filter)
        layout.addLayout(filters)
        layout.addWidget(self.slogans, 1)
        # The watch-list's editor folds away under its title where the list would keep
        # fewer than `SLOGAN_ROWS` rows beside it (large fonts, a small window): there it
        # left the slogans two rows. Its note stays in sight, folded or not.
        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(QLabel("Always searched and highlighted:", wordWrap=True))
        editor_layout.addWidget(self.watch_edit)
        editor_layout.addWidget(apply_watch, 0, Qt.AlignmentFlag.AlignRight)
        self.watch_fold = Fold("Watch-list", editor)
        self.watch_fold.setObjectName("watchlist_fold")
        self.watch_fold.button.setToolTip("Your own phrases, searched and highlighted in "
                                          "every comparison")
        layout.addWidget(self.watch_fold)
        layout.addWidget(self.watch_note)
        self.slogans.installEventFilter(self)

        self.addTab(self.phrases, "Shared phrases")
        self.addTab(slogans_page, "Slogans")
        self.addTab(self.themes, "Themes")
        self.phrases.activated.connect(lambda i: self.phrase_chosen.emit(i.row()))
        self.phrases.clicked.connect(lambda i: self.phrase_chosen.emit(i.row()))
        self.slogans.clicked.connect(self._on_slogan_clicked)
        self.slogans.activated.connect(self._on_slogan_clicked)
        self.themes.activated.connect(lambda i: self.theme_chosen.emit(i.row()))
        self.themes.clicked.connect(lambda i: self.theme_chosen.emit(i.row()))
        self._toggled_row: int | None = None
        self._shown: tuple[Comparison | None, set[int] | None] = (None, None)
        #: With a collection open: per slogan its figures and label, per shared phrase the
        #: other articles carrying it ("" when none); see `set_collection_figures`.
        self.collection_slogans: list[str] | None = None
        self.collection_phrases: list[str] | None = None
        #: The slogans' labels as their cells show them, short (the tooltip has the rest).
        self.collection_slogan_cells: list[str] | None = None
        self.show_comparison(None)

    def set_collection_figures(self, slogans: list[str] | None, phrases: list[str] | None,
                               slogan_cells: list[str] | None = None) -> None:
        """Show a column of collection figures beside the slogans and shared phrases of the
        comparison shown (None: no collection); the slogans' cells show `slogan_cells`, their
        labels short, when given, and every slogan's tooltip its label whole."""
        self.collection_slogans, self.collection_phrases = slogans, phrases
        self.collection_slogan_cells = slogan_cells
        # The same rows refilled with one more column: the reader's place in each stays.
        tables = (self.phrases, self.slogans, self.themes)
        places = [([i.row() for i in t.selectionModel().selectedRows()],
                   t.verticalScrollBar().value()) for t in tables]
        self.show_comparison(*self._shown)
        for table, (rows, scrolled) in zip(tables, places, strict=True):
            for row in rows:
                table.selectRow(row)
            table.verticalScrollBar().setValue(scrolled)

    def set_watchlist(self, phrases: Sequence[str]) -> None:
        self.watch_edit.setPlainText("\n".join(phrases))

    def show_watch_note(self, note: str) -> None:
        self.watch_note.setText(note)
        self.watch_note.setVisible(bool(note))

    def edited_watchlist(self) -> tuple[str, ...]:
        """The phrases in the watch-list editor, saved or not."""
        # Read as a `--watchlist` file is: a pasted one's comments are no phrases.
        return watchlist_phrases(self.watch_edit.toPlainText())

    def _on_watch_saved(self) -> None:
        self.watchlist_changed.emit(self.edited_watchlist())

    def _slogan_rows(self) -> RowsModel:
        model = self.slogans.model()
        assert isinstance(model, PresenceFilter)
        source = model.sourceModel()
        assert isinstance(source, RowsModel)
        return source

    def _on_slogan_clicked(self, index: QModelIndex) -> None:
        # One click anywhere on the row jumps, as in the other tables; a click that only
        # ticked the box does not.
        model = self.slogans.model()
        if isinstance(model, PresenceFilter):
            index = model.mapToSource(index)
        if self._toggled_row == index.row():
            self._toggled_row = None
            return
        self.slogan_chosen.emit(index.row())

    def _on_filter(self, number: int) -> None:
        model = self.slogans.model()
        if isinstance(model, PresenceFilter):
            model.show_only(SLOGAN_FILTERS[number][1])

    def _on_slogan_check(self, top: QModelIndex, _bottom: QModelIndex, roles: list) -> None:
        if Qt.ItemDataRole.CheckStateRole in roles or not roles:
            # The click that ticked the box arrives next, in the same mouse release.
            self._toggled_row = top.row()
            QTimer.singleShot(0, lambda: setattr(self, "_toggled_row", None))
            self.slogan_toggled.emit(top.row(), top.row() not in self._slogan_rows().unchecked)

    def show_comparison(self, comparison: Comparison | None,
                        hidden_slogans: set[int] | None = None) -> None:
        if comparison is not self._shown[0]:
            self.collection_slogans = self.collection_phrases = None
            self.collection_slogan_cells = None
        self._shown = (comparison, hidden_slogans)
        if comparison is None:
            self._slogans_shown = ()
            self._set(self.phrases, _counted_rows(PHRASE_COUNTS, [PHRASE_TEXT], 0,
                                                  lambda r, c: None))
            self._set(self.slogans, RowsModel(["Slogan", "A", "B", "In"], 0, lambda r, c: None,
                                              True))
            self._set(self.themes, _counted_rows(THEME_COUNTS, [THEME_TEXT], 0,
                                                 lambda r, c: None))
            self._titles(0, slogan_tally(None), 0)
            self._notes(None)
            return
        text_a, text_b = comparison.document_a.text, comparison.document_b.text
        phrases, slogans, themes = (comparison.shared_phrases, comparison.slogans,
                                    comparison.themes)
        self._slogans_shown = slogans
        closest_only = closest_only_note(comparison)
        closest_mark = closest_only_mark(comparison)
        lines_a: dict[int, int] = {}
        lines_b: dict[int, int] = {}

        def phrase_cell(row: int, column: int) -> Any:
            p = phrases[row]
            if column == 0:
                return p.words
            if column == 1:
                return line_number(text_a, p.a[0], lines_a)
            if column == 2:
                return line_number(text_b, p.b[0], lines_b)
            if column == 4 and self.collection_phrases is not None:
                return self.collection_phrases[row]
            return differences_text(p, text_a, text_b)

        def phrase_tip(row: int) -> str:
            return differences_tip(phrases[row], text_a, text_b, colours=tip_colours())

        def slogan_cell(row: int, column: int) -> Any:
            s = slogans[row]
            if column == 0:
                variants = f"  / {' / '.join(s.variants)}" if s.variants else ""
                return s.phrase + variants + _WATCHED[s.watchlist]
            if column == 3:
                return _PRESENCE[s.presence]
            if column == 4 and self.collection_slogans is not None:
                return (self.collection_slogan_cells or self.collection_slogans)[row]
            return s.count_a if column == 1 else s.count_b

        def slogan_tip(row: int) -> str:
            s = slogans[row]
            return " / ".join((s.phrase, *s.variants)) + _WATCHED[s.watchlist]

        def theme_cell(row: int, column: int) -> Any:
            t = themes[row]
            if column == 0:
                return f"{t.score:.2f}"
            if column == 1:
                return line_number(text_a, t.a[0], lines_a)
            if column == 2:
                return line_number(text_b, t.b[0], lines_b)
            # A pair below the threshold is only the closest (see `closest_only_note`).
            return " ".join(filter(None, (closest_mark, shown_words(t))))

        in_collection = ["In the collection"] if self.collection_phrases is not None else []
        self._set(self.phrases, _counted_rows(PHRASE_COUNTS, [PHRASE_TEXT, *in_collection],
                                              len(phrases), phrase_cell, tooltip=phrase_tip))
        in_collection = ["In the collection"] if self.collection_slogans is not None else []
        figures = self.collection_slogans

        def slogan_tip_with_figures(row: int) -> str:
            tip = slogan_tip(row)
            return tip if figures is None else f"{tip}\n{figures[row]}"

        slogan_model = RowsModel(["Slogan", "A", "B", "In"] + in_collection, len(slogans),
                                 slogan_cell, True, tooltip=slogan_tip_with_figures,
                                 short_cell=lambda row, column: _SHORT_PRESENCE[
                                     slogans[row].presence] if column == 3 else None)
        slogan_model.unchecked = set(hidden_slogans or ())
        self._set(self.slogans, slogan_model)
        self._set(self.themes, _counted_rows(THEME_COUNTS, [THEME_TEXT], len(themes),
                                             theme_cell,
                                             tooltip=(lambda _row: closest_only) if closest_only
                                             else None))
        self._titles(len(phrases), slogan_tally(comparison), len(themes))
        self._notes(comparison)
        QTimer.singleShot(0, self, self._fit_watchlist)  # the rows listed, at their heights

    def _notes(self, comparison: Comparison | None) -> None:
        """What each list says while it has no rows: nothing before a comparison; after one,
        that it found none, or, for slogans a filter hides, which ones there are."""
        if comparison is None:
            self.phrases.empty_note = self.slogans.empty_note = self.themes.empty_note = ""
            return
        self.phrases.empty_note, self.themes.empty_note = NO_SHARED_PHRASES, NO_THEMES
        listed = len(comparison.slogans)
        self.slogans.empty_note = (NO_SLOGANS if not listed else
                                   "No slogan under this filter; All lists "
                                   f"{counted(listed, 'slogan')}.")

    def _set(self, table: QTableView, model: RowsModel) -> None:
        old = table.model()
        if table is self.slogans:
            slogans = self._slogans_shown
            shown = PresenceFilter([s.presence for s in slogans], [s.watchlist for s in slogans])
            shown.setSourceModel(model)
            model.setParent(shown)
            shown.show_only(SLOGAN_FILTERS[max(0, self.slogan_filters.checkedId())][1])
            table.setModel(shown)
        else:
            table.setModel(model)
        if old is not None:
            old.deleteLater()
        if table is self.slogans:
            model.dataChanged.connect(self._on_slogan_check)
            # The phrase gets the width; counts and presence take what they need, in a
            # narrow dock shorter ("A" for "A only").
            header = table.horizontalHeader()
            header.setStretchLastSection(False)
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            self._count_columns[table].fit()
            # The collection's figures, short, take what they need like the counts, on one
            # line (wrapped, whole labels made each row four lines high); a long phrase
            # wraps, as a slogan shortened is one a reader cannot read.
            _wrap_rows(table, True)
        else:
            # The counts and line numbers are narrow; their headings, in large fonts, not:
            # in a narrow dock they shorten, and the text beside them takes more lines.
            self._count_columns[table].fit()
            self._wrap_texts(table)
            # A row of one line as high as unwrapped (the style's); only more lines grow it.
            rows = table.verticalHeader()
            rows.setMinimumSectionSize(rows.defaultSectionSize())
            # The texts (the differences and the collection's figures) share what the counts
            # leave: as stretched sections, they are no wider than that; a stretched last
            # section kept 100 pixels in a dock at its least width, the table scrolling.
            header = table.horizontalHeader()
            header.setStretchLastSection(False)
            for column in range(len(PHRASE_COUNTS), model.columnCount()):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def _wrap_texts(self, table: QTableView) -> None:
        """The texts beside the counts (a passage's differences, a theme's terms) wrap where
        the counts are short (a narrow dock, large fonts), and beside the collection's
        figures; else rows of one line, as they were: a wrapped row is measured whenever the
        table is resized, and 300 passages held the window 0.3 s at each step of a drag."""
        model = table.model()
        figures = model is not None and model.columnCount() > len(PHRASE_COUNTS) + 1
        _wrap_rows(table, figures or self._count_columns[table].short)

    def _titles(self, phrases: int, slogans: SloganTally, themes: int) -> None:
        # Counted as the status bar counts them: the watch-list's phrases neither text uses
        # are listed, but are no slogans of A's or B's.
        self._title_forms = [
            (f"Shared phrases ({phrases})", f"Shared ({phrases})"),
            (slogans.tab, slogans.tab, slogans.short_tab),
            (f"Themes ({themes})",)]
        self.setTabToolTip(0, self._title_forms[0][0])  # whole when the tab shows it shortened
        self.setTabToolTip(1, slogans.tip)
        self.setTabToolTip(2, self._title_forms[2][0])
        self._fit_titles()

    def _fit_titles(self) -> None:
        """The longest titles whose tabs all fit the panel's width; when none do, the
        shortest, whole, on a bar that scrolls: a title cut to "Sl… (99)" names no tab."""
        bar = self.tabBar()
        for tier in range(max(len(forms) for forms in self._title_forms)):
            self._set_titles([forms[min(tier, len(forms) - 1)] for forms in self._title_forms])
            # The tabs' own widths: the bar's size hint is that of its tabs as elided.
            if sum(bar.tabSizeHint(i).width() for i in range(self.count())) <= self.width():
                self._scroll(False)
                return
        self._scroll(True)

    def _scroll(self, scrolls: bool) -> None:
        """Let the tab bar scroll, its titles whole, or not: then it can elide them, so
        its least width (and the panel's) is not that of every title whole."""
        self.setElideMode(Qt.TextElideMode.ElideNone if scrolls
                          else Qt.TextElideMode.ElideRight)
        self.setUsesScrollButtons(scrolls)

    def _set_titles(self, titles: list[str]) -> None:
        for index, title in enumerate(titles):
            if self.tabText(index) != title:
                self.setTabText(index, title)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_titles()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.slogans and event.type() == QEvent.Type.Resize:
            # Once the page is laid out: the list and the fold have their new heights.
            QTimer.singleShot(0, self, self._fit_watchlist)
        return super().eventFilter(watched, event)

    def _fit_watchlist(self) -> None:
        """Open the watch-list's editor where the slogans' list keeps `SLOGAN_ROWS` rows
        beside it, else fold it away (unless the reader opened or closed it)."""
        fold = self.watch_fold
        # The list takes the height the fold leaves, open or closed.
        room = self.slogans.viewport().height() + fold.height()
        opened = fold.is_open()
        fold.fit(room - fold.open_height() >= SLOGAN_ROWS * self._slogan_row_height())
        # Folded or opened, the list is laid out anew and fitted again: measured then; and
        # out of sight (another tab shown) it is not laid out: measured once shown.
        if fold.is_open() == opened and self.slogans.isVisible():
            self.slogans_short.emit(self.slogans_shortfall())

    def slogans_shortfall(self) -> int:
        """The pixels the slogans' list lacks to show its first `SLOGAN_ROWS` rows whole, as
        tall as they are (a long phrase's on two lines); 0 where it shows them."""
        table = self.slogans
        rows = range(min(table.model().rowCount(), SLOGAN_ROWS))
        return max(0, sum(table.rowHeight(row) for row in rows) - table.viewport().height())

    def _slogan_row_height(self) -> int:
        """The height of a slogan's row of one line: the lowest row's (rows grow to show a
        long phrase whole), the font's before any is listed."""
        table = self.slogans
        rows = range(min(table.model().rowCount(), 100))
        return min((table.rowHeight(row) for row in rows), default=table.fontMetrics().height())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_titles()
