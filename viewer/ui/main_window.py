"""The main window: two panes, the side panel, settings, and the actions that tie them together.

It asks the engine (on a worker thread) for a `Comparison` and renders it; it never matches.
"""

from __future__ import annotations

import gc
from bisect import bisect_right
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from viewer.core.document import Document
from viewer.core.errors import Cancelled, TandemError
from viewer.core.loading import document_from_text, load_document
from viewer.core.settings import Settings
from viewer.resources import resource_path
from viewer.ui.colors import scheme_for
from viewer.ui.find_bar import MAX_MARKED, FindBar, find_all
from viewer.ui.pane import Pane, dropped_paths
from viewer.ui.rendering import Rendered
from viewer.ui.settings_panel import SettingsPanel
from viewer.ui.settings_store import SettingsStore
from viewer.ui.side_panel import SidePanel
from viewer.ui.worker import Comparer

OPEN_FILTER = ("Articles (*.txt *.text *.md *.markdown *.html *.htm *.docx *.pdf);;"
               "All files (*)")
MIN_ZOOM, MAX_ZOOM = -6, 20


class MainWindow(QMainWindow):
    def __init__(self, settings_path: str | None = None) -> None:
        super().__init__()
        self.setWindowTitle("Tandem")
        self.setAcceptDrops(True)
        self.store = SettingsStore(settings_path)
        self.settings: Settings = self.store.load_settings()
        self.documents: list[Document | None] = [None, None]
        self.rendered: Rendered | None = None
        self.active_phrase: int | None = None
        self.hidden_slogans: set[int] = set()
        self.last_message: QMessageBox | None = None
        self._order: list[int] = []
        self._starts: tuple[list[int], list[int]] = ([], [])
        self._by_start: tuple[list[int], list[int]] = ([], [])
        self._syncing = False
        self._find_side = 0

        self.comparer = Comparer(self)
        self.comparer.signals.progress.connect(self.on_progress)
        self.comparer.signals.finished.connect(self.on_compared)
        self.comparer.signals.failed.connect(self.on_compare_failed)
        self.comparer.signals.cancelled.connect(self.on_compare_cancelled)

        self.panes = (Pane("A"), Pane("B"))
        for side, pane in enumerate(self.panes):
            pane.activated.connect(lambda offset, s=side: self.on_pane_activated(s, offset))
            pane.files_dropped.connect(lambda paths, s=side: self.on_files_dropped(paths, s))
            pane.scrolled.connect(lambda s=side: self.on_pane_scrolled(s))
            pane.view.installEventFilter(self)
        self.side_panel = SidePanel()
        self.side_panel.set_watchlist(self.settings.watchlist)
        self.side_panel.phrase_chosen.connect(lambda i: self.jump_to_phrase(i, None))
        self.side_panel.slogan_chosen.connect(self.on_slogan_chosen)
        self.side_panel.theme_chosen.connect(self.on_theme_chosen)
        self.side_panel.slogan_toggled.connect(self.on_slogan_toggled)
        self.side_panel.watchlist_changed.connect(self.on_watchlist_changed)
        self.settings_panel = SettingsPanel(self.settings)
        self.settings_panel.changed.connect(self.on_settings_changed)
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.find_bar.search.connect(self.on_find)
        self.find_bar.closed.connect(self.on_find_closed)

        self._build_central()
        self._build_actions()
        self._build_status()
        self._build_docks()
        self.apply_zoom(int(self.store.value("view/zoom", 0)))
        self.apply_scheme()
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.apply_scheme)
        self.resize(1280, 800)
        self.update_state()
        if self.store.notice:
            QTimer.singleShot(0, lambda: self.show_error("Settings", self.store.notice))

    # -- construction ----------------------------------------------------------------------
    def _build_central(self) -> None:
        self.welcome = QFrame(objectName="welcome")
        self.welcome.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self.welcome)
        row.addWidget(QLabel("Compare two articles: open or drop two files, paste text, "
                             "or look at a ready-made pair."), 1)
        open_button = QPushButton("Open…")
        open_button.clicked.connect(self.action_open)
        sample_button = QPushButton("Try the sample", objectName="try_sample")
        sample_button.clicked.connect(self.action_try_sample)
        row.addWidget(open_button)
        row.addWidget(sample_button)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        for pane in self.panes:
            splitter.addWidget(pane)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self.welcome)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.find_bar)
        self.setCentralWidget(central)

    def _action(self, text: str, slot, shortcuts=(), tip: str = "",  # type: ignore[no-untyped-def]
                icon: QStyle.StandardPixmap | None = None) -> QAction:
        action = QAction(text, self)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even with the menu bar hidden
        return action

    def _build_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.open_act = self._action("&Open…", self.action_open, [QKeySequence.StandardKey.Open],
                                     "Open one or two articles", sp.SP_DialogOpenButton)
        self.open_a_act = self._action("Open as &A…", lambda: self.action_open_side(0))
        self.open_b_act = self._action("Open as &B…", lambda: self.action_open_side(1))
        self.paste_a_act = self._action("Paste as A", lambda: self.action_paste(0),
                                        tip="Use the clipboard's text as article A")
        self.paste_b_act = self._action("Paste as B", lambda: self.action_paste(1),
                                        tip="Use the clipboard's text as article B")
        self.sample_act = self._action("Try the &sample", self.action_try_sample,
                                       tip="Load two sample articles", icon=sp.SP_FileIcon)
        self.pdf_act = self._action("Export as &PDF…", lambda: self.action_export("pdf"))
        self.html_act = self._action("Export as &HTML…", lambda: self.action_export("html"))
        quit_act = self._action("&Quit", self.close, [QKeySequence.StandardKey.Quit])
        self.find_act = self._action("&Find…", self.action_find, [QKeySequence.StandardKey.Find])
        self.next_act = self._action("&Next passage", self.action_next_passage,
                                     ["Alt+Down", "F8"], "Next shared passage (Alt+Down, F8)",
                                     sp.SP_ArrowDown)
        self.prev_act = self._action("&Previous passage", self.action_previous_passage,
                                     ["Alt+Up", "F7"], "Previous shared passage (Alt+Up, F7)",
                                     sp.SP_ArrowUp)
        self.link_act = self._action("&Link scrolling", self.action_link_toggled,
                                     tip="Keep matched passages level while scrolling")
        self.link_act.setCheckable(True)
        self.link_act.setChecked(bool(self.store.value("view/linked", True)))
        zoom_in = self._action("Zoom &in", lambda: self.apply_zoom(self.zoom + 1),
                               [QKeySequence.StandardKey.ZoomIn, "Ctrl+="])
        zoom_out = self._action("Zoom &out", lambda: self.apply_zoom(self.zoom - 1),
                                [QKeySequence.StandardKey.ZoomOut])
        zoom_reset = self._action("&Reset zoom", lambda: self.apply_zoom(0), ["Ctrl+0"])

        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        for act in (self.open_act, self.open_a_act, self.open_b_act):
            file_menu.addAction(act)
        self.recent_menu = file_menu.addMenu("&Recent comparisons")
        self.recent_menu.aboutToShow.connect(self.on_recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.paste_a_act)
        file_menu.addAction(self.paste_b_act)
        file_menu.addAction(self.sample_act)
        file_menu.addSeparator()
        file_menu.addAction(self.pdf_act)
        file_menu.addAction(self.html_act)
        file_menu.addSeparator()
        file_menu.addAction(quit_act)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.find_act)
        self.view_menu = bar.addMenu("&View")
        for act in (self.next_act, self.prev_act, self.link_act):
            self.view_menu.addAction(act)
        self.view_menu.addSeparator()
        for act in (zoom_in, zoom_out, zoom_reset):
            self.view_menu.addAction(act)

        tools = self.addToolBar("Main")
        tools.setObjectName("main_toolbar")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for act in (self.open_act, self.sample_act, None, self.prev_act, self.next_act,
                    self.link_act, None, self.find_act):
            if act is None:
                tools.addSeparator()
            else:
                tools.addAction(act)

    def _build_status(self) -> None:
        status = self.statusBar()
        self.figures = QLabel(objectName="figures")
        self.progress = QProgressBar(objectName="progress", maximum=100)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.cancel_button = QToolButton(text="Cancel", objectName="cancel")
        self.cancel_button.clicked.connect(self.action_cancel)
        # Permanent, so transient messages ("Passage 2 of 6") never hide the figures.
        status.addPermanentWidget(self.figures)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()

    def _build_docks(self) -> None:
        panel_dock = QDockWidget("Matches", self, objectName="matches_dock")
        panel_dock.setWidget(self.side_panel)
        panel_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                               | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel_dock)
        settings_dock = QDockWidget("Settings", self, objectName="settings_dock")
        settings_dock.setWidget(self.settings_panel)
        settings_dock.setFeatures(panel_dock.features())
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, settings_dock)
        self.resizeDocks([panel_dock], [380], Qt.Orientation.Horizontal)
        self.view_menu.addSeparator()
        self.view_menu.addAction(panel_dock.toggleViewAction())
        self.view_menu.addAction(settings_dock.toggleViewAction())

    # -- loading ---------------------------------------------------------------------------
    def open_paths(self, paths: list[str], side: int | None = None) -> None:
        """Open files: two replace both sides; one replaces `side` (or the first empty one)."""
        paths = [p for p in paths if p]
        if len(paths) > 2:
            self.show_error("Too many files", f"{len(paths)} files were given; "
                            "Tandem compares two. The first two are opened.")
            paths = paths[:2]
        if len(paths) == 2:
            loaded = [self._load(paths[0]), self._load(paths[1])]
            for number, doc in enumerate(loaded):
                if doc is not None:
                    self.documents[number] = doc
                    self.panes[number].set_document(doc)
            self._documents_changed()
        elif len(paths) == 1:
            if side is None:
                side = 0 if self.documents[0] is None else 1
            self.set_document(side, self._load(paths[0]))

    def _load(self, path: str) -> Document | None:
        try:
            return load_document(path)
        except TandemError as exc:
            self.show_error("Cannot open file", str(exc))
        except Exception as exc:  # noqa: BLE001 - a loader bug must not crash the window
            self.show_error("Cannot open file", f"{path}: could not be read ({exc})")
        return None

    def set_document(self, side: int, document: Document | None) -> None:
        if document is None:
            return
        self.documents[side] = document
        self.panes[side].set_document(document)
        self._documents_changed()

    def _documents_changed(self) -> None:
        self.rendered = None
        self.active_phrase = None
        self.hidden_slogans = set()
        self.side_panel.show_comparison(None)
        a, b = self.documents
        if a is not None and b is not None and a.path and b.path:
            self.store.add_recent(a.path, b.path)
        self.start_comparison()
        self.update_state()

    def start_comparison(self) -> None:
        a, b = self.documents
        if a is None or b is None:
            return
        # See on_compared. Frozen objects are never collected, so whatever earlier results
        # left in reference cycles is freed here, once per request, before freezing anew.
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self.comparer.start(a, b, self.settings)
        self.progress.setValue(0)
        self.progress.setFormat("Comparing… %p%")
        self.progress.show()
        self.cancel_button.show()
        self.figures.setText("Comparing…")

    def show_error(self, title: str, message: str) -> None:
        """A window-modal message that does not stop the event loop."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok,
                          self)
        box.setObjectName("error_box")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.last_message = box
        box.destroyed.connect(lambda: setattr(self, "last_message", None))
        box.open()

    # -- worker results --------------------------------------------------------------------
    def on_progress(self, token: int, stage: str, fraction: float) -> None:
        if token == self.comparer.token:
            self.progress.setValue(int(fraction * 100))
            self.progress.setFormat(f"{stage} %p%")

    def on_compared(self, token: int, rendered: Rendered) -> None:
        if not self.comparer.is_current(token):
            return  # a newer request (or a cancel) superseded this one
        self.comparer.done(token)
        self._end_progress()
        comparison = rendered.comparison
        if comparison.document_a is not self.documents[0] or \
                comparison.document_b is not self.documents[1]:
            return
        self.rendered = rendered
        phrases = comparison.shared_phrases
        self._order = sorted(range(len(phrases)), key=lambda i: phrases[i].a)
        self._by_start = (self._order,
                          sorted(range(len(phrases)), key=lambda i: phrases[i].b))
        self._starts = ([phrases[i].a[0] for i in self._by_start[0]],
                        [phrases[i].b[0] for i in self._by_start[1]])
        kinds = {n: s.watchlist for n, s in enumerate(comparison.slogans)}
        # By default the panes underline the slogans both texts use and the watch-list;
        # the others are listed, unchecked, and can be switched on.
        self.hidden_slogans = {n for n, s in enumerate(comparison.slogans)
                               if not s.watchlist and s.presence != "both"}
        for side, (pane, index) in enumerate(zip(self.panes, (rendered.index_a, rendered.index_b),
                                                 strict=True)):
            pane.highlighter.hidden = {("slogan", n) for n in self.hidden_slogans}
            pane.set_highlights(index, kinds, *rendered.marks[side])
            pane.set_active(None)
        self.side_panel.show_comparison(comparison, self.hidden_slogans)
        # A comparison of two long texts leaves hundreds of thousands of small objects that
        # live until the next one; every full garbage collection walked them all, stalling
        # the event loop 50-100 ms. Frozen, the collector skips them; reference counting
        # still frees them when the next comparison replaces this one.
        gc.freeze()
        stats = comparison.stats
        self.figures.setText(
            f"Shared text: {stats.shared_chars_a:.0%} of A, {stats.shared_chars_b:.0%} of B · "
            f"{len(phrases)} passages · {len(comparison.slogans)} slogans · "
            f"{len(comparison.themes)} theme pairs · {stats.seconds:.2f} s")
        self.update_state()

    def on_compare_failed(self, token: int, message: str) -> None:
        if token == self.comparer.token:
            self.comparer.done(token)
            self._end_progress()
            self.figures.setText("The comparison failed.")
            self.show_error("Comparison failed", message)

    def on_compare_cancelled(self, token: int) -> None:
        if token == self.comparer.token:
            self._end_progress()
            self.figures.setText("Comparison cancelled. Change a setting or reopen to retry.")

    def _end_progress(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()

    @property
    def busy(self) -> bool:
        return self.comparer.is_current(self.comparer.token) or any(
            p.highlighter.busy for p in self.panes)

    # -- navigation ------------------------------------------------------------------------
    def phrase_at(self, side: int, offset: int) -> int | None:
        if self.rendered is None:
            return None
        phrases = self.rendered.comparison.shared_phrases
        order, starts = self._by_start[side], self._starts[side]
        k = bisect_right(starts, offset)
        for i in reversed(order[max(0, k - 16):k]):  # passages overlap little
            span = phrases[i].a if side == 0 else phrases[i].b
            if span[0] <= offset < span[1]:
                return i
        return None

    def jump_to_phrase(self, number: int, source: int | None) -> None:
        """Make passage `number` active in both panes; scroll the other pane (or both, when the
        jump came from a list or key) so it is in view, and flash both."""
        if self.rendered is None:
            return
        phrase = self.rendered.comparison.shared_phrases[number]
        self.active_phrase = number
        self._syncing = True
        try:
            for side, (pane, span) in enumerate(zip(self.panes, (phrase.a, phrase.b),
                                                    strict=True)):
                pane.set_active(span, flash=True)
                if side != source:
                    pane.place_cursor(span[0])
                    pane.center_on(span[0])
        finally:
            self._syncing = False
        self.side_panel.phrases.selectRow(number)
        self.statusBar().showMessage(
            f"Passage {self._order.index(number) + 1} of {len(self._order)}: "
            f"{phrase.words} words, {'identical' if phrase.exact else 'edited'}", 4000)

    def _step(self, direction: int) -> None:
        if not self._order:
            return
        if self.active_phrase is None or self.active_phrase not in self._order:
            position = 0 if direction > 0 else len(self._order) - 1
        else:
            position = (self._order.index(self.active_phrase) + direction) % len(self._order)
        self.jump_to_phrase(self._order[position], None)

    def action_next_passage(self) -> None:
        self._step(1)

    def action_previous_passage(self) -> None:
        self._step(-1)

    def on_pane_activated(self, side: int, offset: int) -> None:
        self._find_side = side
        number = self.phrase_at(side, offset)
        if number is not None:
            self.jump_to_phrase(number, side)

    def on_slogan_chosen(self, number: int) -> None:
        if self.rendered is None:
            return
        slogan = self.rendered.comparison.slogans[number]
        self._syncing = True
        try:
            for pane, spans in zip(self.panes, (slogan.occurrences_a, slogan.occurrences_b),
                                   strict=True):
                if spans:
                    pane.set_active(spans[0], flash=True)
                    pane.center_on(spans[0][0])
        finally:
            self._syncing = False

    def on_theme_chosen(self, number: int) -> None:
        if self.rendered is None:
            return
        theme = self.rendered.comparison.themes[number]
        self._syncing = True
        try:
            for pane, span in zip(self.panes, (theme.a, theme.b), strict=True):
                pane.set_theme_span(span)
                pane.center_on(span[0])
        finally:
            self._syncing = False
        self.statusBar().showMessage(
            f"Theme pair scored {theme.score:.2f}: {', '.join(theme.terms)}", 5000)

    def on_slogan_toggled(self, number: int, shown: bool) -> None:
        key = ("slogan", number)
        if shown:
            self.hidden_slogans.discard(number)
        else:
            self.hidden_slogans.add(number)
        if self.rendered is None:
            return
        slogan = self.rendered.comparison.slogans[number]
        for pane, index, spans in zip(self.panes, (self.rendered.index_a, self.rendered.index_b),
                                      (slogan.occurrences_a, slogan.occurrences_b), strict=True):
            if shown:
                pane.highlighter.hidden.discard(key)
            else:
                pane.highlighter.hidden.add(key)
            blocks = set()
            for start, end in spans:
                blocks.update(range(index.block_of(start), index.block_of(max(start, end - 1)) + 1))
            pane.highlighter.refresh_blocks(blocks)

    # -- synchronized scrolling ------------------------------------------------------------
    def on_pane_scrolled(self, side: int) -> None:
        if self._syncing or self.rendered is None or not self.link_act.isChecked():
            return
        source, target = self.panes[side], self.panes[1 - side]
        middle = source.middle_offset()
        scroll_map = self.rendered.scroll_map
        mapped = scroll_map.a_to_b(middle) if side == 0 else scroll_map.b_to_a(middle)
        self._syncing = True
        try:
            target.center_on(mapped)
        finally:
            self._syncing = False

    def action_link_toggled(self) -> None:
        self.store.set_value("view/linked", self.link_act.isChecked())
        if self.link_act.isChecked():
            self.on_pane_scrolled(0)

    # -- find, zoom, theme -----------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.FocusIn:
            for side, pane in enumerate(self.panes):
                if watched is pane.view:
                    self._find_side = side
        return super().eventFilter(watched, event)

    def action_find(self) -> None:
        self.find_bar.show()
        self.find_bar.edit.setFocus()
        self.find_bar.edit.selectAll()

    def on_find(self, needle: str, case_sensitive: bool, step: int) -> None:
        pane = self.panes[self._find_side]
        document = self.documents[self._find_side]
        if document is None:
            self.find_bar.status.setText("no article")
            return
        hits = find_all(document.text, needle, case_sensitive)
        pane.set_find_hits(hits[:MAX_MARKED])
        if not hits:
            self.find_bar.status.setText("no hits" if needle else "")
            return
        cursor = pane.utf16.to_python(pane.view.textCursor().position())
        if step >= 0:
            starts = [h[0] for h in hits]
            k = bisect_right(starts, cursor if step > 0 else cursor - 1)
            hit = hits[k % len(hits)]
        else:
            earlier = [h for h in hits if h[0] < cursor - 1]
            hit = earlier[-1] if earlier else hits[-1]
        pane.place_cursor(hit[0] + (1 if step > 0 else 0))
        pane.center_on(hit[0])
        self.find_bar.status.setText(f"{hits.index(hit) + 1} of {len(hits)} in "
                                     f"{pane.side}")

    def on_find_closed(self) -> None:
        for pane in self.panes:
            pane.set_find_hits([])

    def apply_zoom(self, zoom: int) -> None:
        self.zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        base = QApplication.font().pointSizeF()
        for pane in self.panes:
            font = pane.view.font()
            font.setPointSizeF(max(5.0, base + self.zoom))
            pane.view.setFont(font)
        self.store.set_value("view/zoom", self.zoom)

    def apply_scheme(self) -> None:
        scheme = scheme_for(self.palette())
        for pane in self.panes:
            pane.set_scheme(scheme)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_scheme()
        super().changeEvent(event)

    # -- actions ---------------------------------------------------------------------------
    def action_open(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Open one or two articles", "",
                                                OPEN_FILTER)
        if paths:
            self.open_paths(paths)

    def action_open_side(self, side: int) -> None:
        path, _ = QFileDialog.getOpenFileName(self, f"Open article {'AB'[side]}", "",
                                              OPEN_FILTER)
        if path:
            self.open_paths([path], side)

    def action_paste(self, side: int) -> None:
        text = QGuiApplication.clipboard().text()
        try:
            document = document_from_text(text, "The clipboard", "Pasted text")
        except TandemError as exc:
            self.show_error("Cannot paste", str(exc))
            return
        self.set_document(side, document)

    def action_try_sample(self) -> None:
        self.open_paths([str(resource_path("samples", "sample_a.txt")),
                         str(resource_path("samples", "sample_b.txt"))])

    def action_cancel(self) -> None:
        token = self.comparer.token
        self.comparer.cancel()
        self.on_compare_cancelled(token)

    def on_files_dropped(self, paths: list[str], side: int | None) -> None:
        self.open_paths(paths, side if len(paths) == 1 else None)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if dropped_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        paths = dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.on_files_dropped(paths, None)

    def on_recent_menu(self) -> None:
        self.recent_menu.clear()
        pairs = self.store.recent()
        if not pairs:
            self.recent_menu.addAction("(none yet)").setEnabled(False)
        for a, b in pairs:
            action = self.recent_menu.addAction(f"{Path(a).name}  ↔  {Path(b).name}")
            action.setToolTip(f"{a}\n{b}")
            action.triggered.connect(lambda _=False, a=a, b=b: self.open_paths([a, b]))

    def on_settings_changed(self, settings: Settings) -> None:
        self.settings = replace(settings, watchlist=self.settings.watchlist)
        self.store.save_settings(self.settings)
        self.start_comparison()

    def on_watchlist_changed(self, phrases: tuple[str, ...]) -> None:
        self.settings_panel.apply_now()  # keep a pending edit of the other settings
        self.settings = replace(self.settings, watchlist=phrases)
        self.settings_panel.show_settings(self.settings)
        self.store.save_settings(self.settings)
        self.start_comparison()

    def action_export(self, kind: str) -> None:
        if self.rendered is None:
            self.show_error("Nothing to export", "Open two articles and wait for the comparison "
                            "before exporting.")
            return
        suffix = ".pdf" if kind == "pdf" else ".html"
        a, b = self.documents
        default = f"{Path(a.name).stem}-vs-{Path(b.name).stem}{suffix}" if a and b else suffix
        path, _ = QFileDialog.getSaveFileName(self, f"Export as {kind.upper()}", default,
                                              f"{kind.upper()} (*{suffix})")
        if not path:
            return
        self.export_to(kind, path)

    def export_to(self, kind: str, path: str) -> bool:
        """Write the current comparison as a PDF or HTML report, with progress and Cancel."""
        if self.rendered is None:
            return False
        if kind == "pdf":
            from viewer.export.pdf_report import write_pdf as writer
        else:
            from viewer.export.html_report import write_html as writer
        dialog = QProgressDialog(f"Exporting {Path(path).name}…", "Cancel", 0, 100, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)

        def on_progress(fraction: float) -> None:
            dialog.setValue(int(fraction * 100))
            # The writer runs here on the GUI thread; letting events through keeps the
            # window painting and the Cancel button live between steps.
            QApplication.processEvents()

        try:
            writer(self.rendered.comparison, path, progress=on_progress,
                   is_cancelled=dialog.wasCanceled)
        except Cancelled:
            self.statusBar().showMessage("Export cancelled; nothing was written", 6000)
            return False
        except (TandemError, OSError) as exc:
            self.show_error("Export failed", f"{path}: {exc}")
            return False
        finally:
            dialog.reset()
            dialog.deleteLater()
        self.statusBar().showMessage(f"Exported {path}", 6000)
        return True

    def update_state(self) -> None:
        empty = self.documents[0] is None and self.documents[1] is None
        self.welcome.setVisible(empty)
        has = self.rendered is not None
        for act in (self.next_act, self.prev_act, self.pdf_act, self.html_act):
            act.setEnabled(has)
        names = [d.name for d in self.documents if d is not None]
        self.setWindowTitle(" ↔ ".join(names) + " — Tandem" if names else "Tandem")
        self.setWindowIcon(QIcon())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.settings_panel.apply_now()
        self.comparer.cancel()
        self.comparer.wait(10000)
        self.store.qsettings.sync()
        super().closeEvent(event)
