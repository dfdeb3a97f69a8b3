"""The main window: two panes, the side panel, settings, and the actions that tie them together.

It asks the engine (on a worker thread) for a `Comparison` and renders it; it never matches.
A second page shows an open collection (`viewer.ui.collection`); Back returns to it from a
pair read side by side.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from viewer.collection.passage_rules import MIN_PAIR_WORDS
from viewer.core.compare import watch_lines_passed_over
from viewer.core.document import Document
from viewer.core.errors import TandemError
from viewer.core.loading import document_from_text
from viewer.core.model import Comparison, KnownForms
from viewer.core.settings import Settings
from viewer.export.atomic import is_read_only, refuse_overwriting_inputs, replacing_read_only
from viewer.present.script_note import document_notes
from viewer.present.shares import percent
from viewer.present.wording import counted, passed_over_note, slogan_tally
from viewer.resources import resource_path
from viewer.ui import gc_policy
from viewer.ui.collection.mode import CollectionMode, is_collection_source
from viewer.ui.colors import scheme_for
from viewer.ui.dock_width import DOCKS_WIDTH, DockWidthFitter
from viewer.ui.elided_label import ElidedLabel
from viewer.ui.exporting import (
    ask_export_path,
    default_export_path,
    export_json,
    export_report,
)
from viewer.ui.find_bar import FindBar
from viewer.ui.find_controller import FindController
from viewer.ui.fitting_toolbar import FittingToolBar
from viewer.ui.icon import app_icon
from viewer.ui.menus import fill, make_action, menu_text
from viewer.ui.named import named
from viewer.ui.pane import Pane, dropped_paths
from viewer.ui.passage_view import PassageView
from viewer.ui.recent import gone, missing, recent_labels
from viewer.ui.rendering import Rendered
from viewer.ui.settings_panel import SettingsPanel
from viewer.ui.settings_store import SettingsStore
from viewer.ui.side_panel import SidePanel
from viewer.ui.status_figures import StatusFigures
from viewer.ui.vertical_scroller import VerticalScroller
from viewer.ui.welcome import Welcome
from viewer.ui.worker import Comparer

#: The right-hand docks' heights to start with (pixels; the rest of the window's height is
#: shared in this proportion): the match tables get most of it.
MATCHES_HEIGHT, SETTINGS_HEIGHT = 520, 220
#: In a short window the Settings dock gives the Matches dock above it the height its
#: slogans' list lacks (`SidePanel.slogans_short`), down to this many lines of settings.
SETTINGS_LEAST_LINES = 2
#: The window's size as it opens, where the screen has room for it.
FIRST_SIZE = QSize(1280, 800)
OPEN_FILTER = ("Articles (*.txt *.text *.md *.markdown *.html *.htm *.docx *.pdf);;"
               "All files (*)")
MIN_ZOOM, MAX_ZOOM = -6, 20
#: What Next and Previous say (text, tooltip): they step through a pair's shared passages,
#: or through the uses of a formulation highlighted in an article read alone.
STEP_PASSAGES = (("&Next passage", "Next shared passage (F8, Alt+Down)"),
                 ("&Previous passage", "Previous shared passage (F7, Alt+Up)"))
STEP_USES = (("&Next use", "Next use of the formulation (F8, Alt+Down)"),
             ("&Previous use", "Previous use of the formulation (F7, Alt+Up)"))
#: Why a pair read from a collection shows more passages than its Pairs tab lists.
LISTED_TIP = (f"The collection lists a pair's passages of {MIN_PAIR_WORDS} words or more, "
              "less set phrasing and each series' boilerplate, and counts its shares and "
              "words on those; read side by side, the two show every passage they share.")


class MainWindow(QMainWindow):
    def __init__(self, settings_path: str | None = None) -> None:
        super().__init__()
        self.setWindowTitle("Tandem")
        self.setWindowIcon(app_icon())  # X11 takes the icon from the window, not the app
        self.setAcceptDrops(True)
        self.store = SettingsStore(settings_path)
        self.settings: Settings = self.store.load_settings()
        self.documents: list[Document | None] = [None, None]
        #: What the latest job works on: each side's document, or a path still loading.
        self._sources: list[Document | str | None] = [None, None]
        self.rendered: Rendered | None = None
        self.last_message: QMessageBox | None = None
        #: (stage, fraction done) the comparison job last reported, for the progress bar.
        self._comparing: tuple[str, float] = ("", 0.0)
        #: The collection's formulations the latest comparison job was given, and those
        #: the comparison shown was made with.
        self._known: KnownForms = ()
        self._shown_known: KnownForms = ()

        self.comparer = Comparer(self)
        self.comparer.signals.progress.connect(self.on_progress)
        self.comparer.signals.loaded.connect(self.on_loaded)
        self.comparer.signals.load_failed.connect(self.on_load_failed)
        self.comparer.signals.finished.connect(self.on_compared)
        self.comparer.signals.failed.connect(self.on_compare_failed)
        self.comparer.signals.cancelled.connect(self.on_compare_cancelled)

        self.panes = (Pane("A"), Pane("B"))
        for side, pane in enumerate(self.panes):
            pane.files_dropped.connect(lambda paths, s=side: self.on_files_dropped(paths, s))
        self.side_panel = SidePanel()
        self.side_panel.set_watchlist(self.settings.watchlist)
        self.side_panel.watchlist_changed.connect(self.on_watchlist_changed)
        self._show_watch_note()
        self.settings_panel = SettingsPanel(self.settings)
        self.settings_panel.changed.connect(self.on_settings_changed)
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.finder = FindController(self.find_bar, self.panes, lambda: self.documents)
        #: What the passage view last said of the pair shown ("Passage 2 of 6: …").
        self._said_of_pair = ""
        #: What stands said of the pair shown for as long as it is (`note_of_pair`).
        self._pair_note = ""
        self.view = PassageView(self.panes, self.side_panel, self.say_of_pair,
                                lambda: self.link_act.isChecked(), self)
        self.collection = CollectionMode(self)
        #: Spans of A highlighted (a formulation's uses in an article read alone), and the
        #: one Next/Previous last went to.
        self._highlight: list[tuple[int, int]] = []
        self._use = -1
        self._docks_shown: list[tuple[QDockWidget, bool]] = []

        self._build_central()
        self._build_actions()
        self._build_status()
        self._build_docks()
        self.apply_zoom(int(self.store.value("view/zoom", 0)))
        self.apply_scheme()
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.apply_scheme)
        self.resize(self._first_size())
        self.update_state()
        if self.store.notice:
            QTimer.singleShot(0, lambda: self.show_error("Settings", self.store.notice))

    def _first_size(self) -> QSize:
        """The window's size as it opens: 1280x800, within the room the screen leaves (a
        1920x1080 laptop at 150 % is a 1280x720 screen), its frame and a margin aside."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return FIRST_SIZE
        room = screen.availableGeometry().size()
        return FIRST_SIZE.boundedTo(QSize(room.width() * 19 // 20, room.height() * 9 // 10))

    # -- construction ----------------------------------------------------------------------
    def _build_central(self) -> None:
        open_button = QPushButton("Open…")
        open_button.clicked.connect(self.action_open)
        collection_button = named(QPushButton("Open collection…"), "open_collection")
        collection_button.clicked.connect(self.action_open_collection)
        sample_button = named(QPushButton("Try the sample"), "try_sample")
        sample_button.clicked.connect(self.action_try_sample)
        self.welcome = named(Welcome(
            "Compare two articles: open or drop two files, paste text, or look at a ready-made "
            "pair. Or open (or drop) a folder of articles as a collection.",
            [collection_button, open_button, sample_button]), "welcome")
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
        self.pages = named(QStackedWidget(), "pages")
        self.pages.addWidget(central)
        self.pages.addWidget(self.collection.view)
        self._page_widgets = (central, self.collection.view)
        self.pages.currentChanged.connect(self._fit_to_page)
        self._fit_to_page(0)
        self.setCentralWidget(self.pages)

    def _fit_to_page(self, shown: int) -> None:
        """The window's narrowest width is the page shown's: a stack is as narrow as its
        widest page, and the collection's tabs, in large fonts, left the two texts and
        their docks too wide for a small screen."""
        for index, page in enumerate(self._page_widgets):
            policy = (QSizePolicy.Policy.Preferred if index == shown
                      else QSizePolicy.Policy.Ignored)
            page.setSizePolicy(policy, policy)

    def _build_actions(self) -> None:
        sp, key = QStyle.StandardPixmap, QKeySequence.StandardKey
        act = partial(make_action, self)
        self.open_act = act("&Open…", self.action_open, [key.Open], "Open one or two articles",
                            sp.SP_DialogOpenButton)
        self.open_a_act = act("Open as &A…", lambda: self.action_open_side(0))
        self.open_b_act = act("Open as &B…", lambda: self.action_open_side(1))
        # Letters of their own: A and B are Open as A / B's.
        self.paste_a_act = act("Pas&te as A", lambda: self.action_paste(0),
                               tip="Use the clipboard's text as article A")
        self.paste_b_act = act("Past&e as B", lambda: self.action_paste(1),
                               tip="Use the clipboard's text as article B")
        self.sample_act = act("Try the &sample", self.action_try_sample,
                              tip="Load two sample articles", icon=sp.SP_FileIcon)
        self.pdf_act = act("Export as &PDF…", lambda: self.action_export("pdf"))
        self.html_act = act("Export as &HTML…", lambda: self.action_export("html"))
        self.json_act = act("Export as &JSON…", lambda: self.action_export("json"),
                            tip="Write the comparison as tandem compare --json does")
        self.open_collection_act = act("Open &collection folder…", self.action_open_collection,
                                       ["Ctrl+Shift+O"], "Open a folder of articles as a "
                                       "collection", sp.SP_DirOpenIcon)
        self.open_collection_file_act = act(
            "Open collection &file…", self.action_open_collection_file,
            tip="Open a JSON-lines file of articles or a collection store")
        self.back_act = act("&Back to collection", self.show_collection_page, ["Alt+Left"],
                            "Back to the collection (Alt+Left)", sp.SP_ArrowBack)
        # Letters of their own: P, H and the initials of the File menu's other entries are taken.
        self.collection_html_act = act("Export collection as HT&ML…",
                                       lambda: self.collection.export("html"))
        self.collection_pdf_act = act("Export collection as P&DF…",
                                      lambda: self.collection.export("pdf"))
        quit_act = act("&Quit", self.close, [key.Quit])
        self.find_act = act("&Find…", self.finder.open, [key.Find])
        (next_text, next_tip), (prev_text, prev_tip) = STEP_PASSAGES
        self.next_act = act(next_text, self.action_next_passage, ["F8", "Alt+Down"],
                            next_tip, sp.SP_ArrowDown)
        self.prev_act = act(prev_text, self.action_previous_passage, ["F7", "Alt+Up"],
                            prev_tip, sp.SP_ArrowUp)
        self.link_act = act("&Link scrolling", self.action_link_toggled,
                            tip="Keep matched passages level while scrolling")
        self.link_act.setCheckable(True)
        self.link_act.setChecked(bool(self.store.value("view/linked", True)))
        zoom_in = act("Zoom &in", lambda: self.apply_zoom(self.zoom + 1), [key.ZoomIn, "Ctrl+="])
        zoom_out = act("Zoom &out", lambda: self.apply_zoom(self.zoom - 1), [key.ZoomOut])
        zoom_reset = act("&Reset zoom", lambda: self.apply_zoom(0), ["Ctrl+0"])

        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        fill(file_menu, [self.open_act, self.open_a_act, self.open_b_act])
        self.recent_menu = file_menu.addMenu("&Recent comparisons")
        self.recent_menu.aboutToShow.connect(self.on_recent_menu)
        fill(file_menu, [None, self.open_collection_act, self.open_collection_file_act])
        self.recent_collections_menu = file_menu.addMenu("Recent co&llections")
        self.recent_collections_menu.aboutToShow.connect(self.on_recent_collections_menu)
        fill(file_menu, [None, self.paste_a_act, self.paste_b_act, self.sample_act, None,
                         self.pdf_act, self.html_act, self.json_act, self.collection_html_act,
                         self.collection_pdf_act, None, quit_act])
        fill(bar.addMenu("&Edit"), [self.find_act])
        self.view_menu = bar.addMenu("&View")
        # Back in a menu too: a reader on the keyboard never sees the toolbar's tooltip.
        fill(self.view_menu, [self.back_act])
        # A heading takes no focus: the keyboard sorts the collection's lists here.
        self.sort_menu = named(self.view_menu.addMenu("&Sort by"), "sort_menu")
        self.sort_menu.aboutToShow.connect(
            lambda: self.collection.view.fill_sort_menu(self.sort_menu))
        fill(self.view_menu, [None, self.next_act, self.prev_act,
                              self.link_act, None, zoom_in, zoom_out, zoom_reset])
        self.toolbar = tools = named(FittingToolBar("Main"), "main_toolbar")
        tools.setMovable(False)
        self.addToolBar(tools)
        fill(tools, [self.back_act, self.open_act, self.open_collection_act, self.sample_act,
                     None, self.prev_act, self.next_act,
                     self.link_act, None, self.find_act])
        # In large fonts on a small screen: Next, not Next passage, rather than out of sight.
        tools.set_short_labels({self.back_act: "Back", self.open_collection_act: "Collection",
                                self.sample_act: "Sample", self.prev_act: "Previous",
                                self.next_act: "Next", self.link_act: "Link"})

    def _build_status(self) -> None:
        status = self.statusBar()
        self.figures = named(StatusFigures(status), "figures")
        # Not permanent: a passing message covers it for a while, then it is back.
        self.standing_note = named(ElidedLabel(), "standing_note")
        status.addWidget(self.standing_note, 1)
        self.progress = named(QProgressBar(maximum=100), "progress")
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.cancel_button = named(QToolButton(), "cancel")
        self.cancel_button.setText("Cancel")
        self.cancel_button.clicked.connect(self.action_cancel)
        # Permanent, so transient messages ("Passage 2 of 6") never hide the figures.
        status.addPermanentWidget(self.figures)
        # Stretched as the note is, or the note took all the room left, the bar only what
        # its "100%" asks for: "Indexing news… 40%" was cut to "Indexing n…".
        status.addPermanentWidget(self.progress, 1)
        status.addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()

    def _build_docks(self) -> None:
        panel_dock = named(QDockWidget("Matches", self), "matches_dock")
        panel_dock.setWidget(self.side_panel)
        panel_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                               | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel_dock)
        settings_dock = named(QDockWidget("Settings", self), "settings_dock")
        # Scrolled, so its dozen knobs do not claim the height the match tables need.
        # Never narrower than the settings need: a narrow dock scrolled them sideways.
        scroller = named(VerticalScroller(self.settings_panel), "settings_scroller")
        settings_dock.setWidget(scroller)
        settings_dock.setFeatures(panel_dock.features())
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, settings_dock)
        self.resizeDocks([panel_dock], [DOCKS_WIDTH], Qt.Orientation.Horizontal)
        # Narrower in a narrow window, so the two texts keep readable lines.
        self.dock_fitter = DockWidthFitter(self, (panel_dock, settings_dock),
                                           [pane.view for pane in self.panes])
        self.resizeDocks([panel_dock, settings_dock], [MATCHES_HEIGHT, SETTINGS_HEIGHT],
                         Qt.Orientation.Vertical)
        self.matches_dock, self.settings_dock = panel_dock, settings_dock
        #: The window's size and the slogans listed when the docks were last fitted to them.
        self._slogans_fitted: tuple[int, int, object] | None = None
        self.side_panel.slogans_short.connect(self._room_for_slogans)
        self.view_menu.addSeparator()
        self.view_menu.addAction(panel_dock.toggleViewAction())
        self.view_menu.addAction(settings_dock.toggleViewAction())

    def _room_for_slogans(self, short: int) -> None:
        """Give the Matches dock `short` pixels of the Settings dock's height beneath it, as
        much as the Settings dock has above `SETTINGS_LEAST_LINES` lines of its own (it
        scrolls): at 16 pt in an 800x600 window their fixed shares left the slogans' list
        four whole rows. Once only for a window's size and the slogans listed: the docks'
        divider dragged after, the reader's choice stands."""
        fitted = (self.width(), self.height(), self.side_panel.slogans.model())
        if fitted == self._slogans_fitted:
            return
        self._slogans_fitted = fitted
        matches, settings = self.matches_dock, self.settings_dock
        if not (matches.isVisible() and settings.isVisible()) or matches.isFloating() \
                or settings.isFloating() or matches.geometry().bottom() >= settings.y() \
                or self.dockWidgetArea(matches) != self.dockWidgetArea(settings):
            return  # not stacked one above the other
        scroller = settings.widget()
        assert isinstance(scroller, QScrollArea)
        least = settings.height() - scroller.viewport().height() \
            + SETTINGS_LEAST_LINES * self.settings_panel.fontMetrics().lineSpacing()
        give = min(short, settings.height() - least)
        if give > 0:
            self.resizeDocks([matches, settings], [matches.height() + give,
                                                    settings.height() - give],
                             Qt.Orientation.Vertical)

    # -- loading ---------------------------------------------------------------------------
    def open_paths(self, paths: list[str], side: int | None = None) -> None:
        """Open files: two replace both sides; one replaces `side` (or the first empty one)."""
        paths = [p for p in paths if p]
        if len(paths) == 1 and is_collection_source(paths[0]):
            self.collection.open(paths[0])
            return
        if len(paths) > 2:
            self.show_error("Too many files", f"{len(paths)} files were given; "
                            "Tandem compares two. The first two are opened.")
            paths = paths[:2]
        if not paths:
            return
        self.show_comparison_page()
        if len(paths) == 2:
            self._sources = list(paths)
        else:
            if side is None:
                side = 0 if self.documents[0] is None else 1
            self._sources[side] = paths[0]
        # Files load on the worker with the comparison: a long PDF never freezes the window.
        self._start_job("Opening…")

    def set_document(self, side: int, document: Document | None) -> None:
        """Show `document` (pasted text) on `side`, on the pair's page as a file opened is."""
        if document is None:
            return
        self.show_comparison_page()
        self.documents[side] = self._sources[side] = document
        self._forget_results()  # first: the old scroll map must not move the new text
        self.panes[side].set_document(document)
        self._documents_changed()

    def show_documents(self, document_a: Document, document_b: Document | None,
                       highlight: list[tuple[int, int]] | None = None) -> None:
        """Show documents opened from elsewhere (a collection) and compare them; `highlight`
        marks spans of A (a formulation's uses) once it is laid out."""
        self.comparer.cancel()
        self.documents = [document_a, document_b]
        self._sources = [document_a, document_b]
        for pane, document in zip(self.panes, self.documents, strict=True):
            pane.set_document(document)
        self.show_comparison_page()
        self._documents_changed()
        self._highlight = sorted(highlight or [])
        self.update_state()  # Next/Previous step through the uses
        if self._highlight:
            self._show_highlight()
        else:
            self.panes[0].set_find_hits([])

    def _show_highlight(self) -> None:
        pane = self.panes[0]
        if not self._highlight:  # other documents came meanwhile
            return
        if pane.loading:
            QTimer.singleShot(20, self._show_highlight)
            return
        self._use = -1
        self._step_use(1)

    def _stepping_uses(self) -> bool:
        """Whether Next/Previous step through the spans highlighted: an article read alone
        (with two, they step through the passages)."""
        return bool(self._highlight) and self.rendered is None and self.documents[1] is None

    def _step_use(self, direction: int) -> None:
        """Set apart and centre the next (1) or previous (-1) use highlighted, round."""
        pane, uses = self.panes[0], self._highlight
        if pane.loading:  # `_show_highlight` goes to the first once it is laid out
            return
        self._use = (self._use + direction) % len(uses)
        pane.set_find_hits(uses, uses[self._use])
        pane.center_on(uses[self._use][0])
        steps = " (F8: next, F7: previous)" if len(uses) > 1 else ""
        self.say_of_pair(f"Use {self._use + 1} of {len(uses)}{steps}", 0)

    def show_comparison_page(self) -> None:
        if self.showing_collection:
            for dock, shown in self._docks_shown:
                dock.setVisible(shown)
            self.pages.setCurrentIndex(0)
            if self.progress.isHidden():
                self.show_figures()
        self.update_state()

    def say_of_pair(self, message: str, timeout: int) -> None:
        """Say `message` of the pair shown, for `timeout` ms (0: until it is taken back,
        as it is when the pair goes)."""
        self._said_of_pair = message
        self.statusBar().showMessage(message, timeout)

    def note_of_pair(self, note: str) -> None:
        """Say `note` of the pair shown for as long as it is shown (what its collection
        figures lack, and why): behind the messages said of what the reader does, back
        once they go; not on the collection's page. "" takes it back."""
        self._pair_note = note
        self._show_standing_note()

    def _show_standing_note(self) -> None:
        """Say what stands true of the page shown, behind the passing messages: the pair's
        note, or on the collection's page, that its store is another version's (which a
        minute's message left unsaid while that collection was still read)."""
        if self.showing_collection:
            data = self.collection.data
            note = data.note if data is not None else ""
        else:
            note = self._pair_note
        self.standing_note.set_full_text(note)
        self.standing_note.setToolTip(note)  # whole, when the bar is too narrow for it
        self.figures.make_room_for(note)

    def _hush_pair(self) -> None:
        """Take back what was said of a passage of the pair no longer shown (the page left,
        another pair opened); any other message stays."""
        if self._said_of_pair and self.statusBar().currentMessage() == self._said_of_pair:
            self.statusBar().clearMessage()
        self._said_of_pair = ""

    def show_collection_page(self) -> None:
        self._hush_pair()
        if self.collection.data is not None and not self.showing_collection:
            # The matches and settings docks belong to the comparison: the tabs get the room.
            self._docks_shown = [(d, d.isVisible()) for d in self.findChildren(QDockWidget)]
            for dock, _ in self._docks_shown:
                dock.hide()
            self.pages.setCurrentIndex(1)
            if self.progress.isHidden():
                self.figures.setText("")  # the hidden pair's figures; the page has its own
            # Written while a pair was read (a scheduled `tandem corpus add`), the window
            # in front all along: the lists show the store as it is now.
            self.collection.reload_if_changed()
        self.update_state()

    @property
    def sources(self) -> tuple[Document | str | None, ...]:
        """What each side shows, or is opening: a document, a path still loading, None."""
        return tuple(self._sources)

    @property
    def showing_collection(self) -> bool:
        return self.pages.currentIndex() == 1

    def begin_progress(self, doing: str, cancellable: bool = True,
                       measured: bool = True) -> None:
        """Show the progress bar for `doing`; a work that reports no progress (not
        `measured`: a store read, a report written) moves a busy bar rather than stand
        at "0%" until it ends."""
        self.progress.setRange(0, 100 if measured else 0)
        self.progress.setValue(0)
        self.progress.setFormat(f"{doing} %p%" if measured else doing)
        self.progress.show()
        self.cancel_button.setVisible(cancellable)
        self.figures.setText(doing)

    def report_progress(self, stage: str, fraction: float) -> None:
        self.progress.setRange(0, 100)
        self.progress.setValue(int(fraction * 100))
        self.progress.setFormat(f"{stage} %p%")

    def end_progress(self, message: str) -> None:
        self._end_progress()
        if message or self.showing_collection:
            self.figures.setText(message)
        else:  # nothing to tell: the figures of the comparison shown stay
            self.show_figures()

    def _documents_changed(self) -> None:
        self._forget_results()
        self.start_comparison()

    def _forget_results(self) -> None:
        self._hush_pair()
        self._pair_note = ""
        self._highlight = []  # of a text no longer shown, or shown beside another now
        self.rendered = None
        self.view.show(None)
        self.show_figures()  # no figures of texts no longer shown
        self.update_state()

    def on_loaded(self, token: int, side: int, document: Document) -> None:
        """A file the worker opened: shown at once; the same job goes on to compare."""
        if not self.comparer.is_current(token):
            return
        self.documents[side] = self._sources[side] = document
        self._forget_results()  # first: the old scroll map must not move the new text
        self.panes[side].set_document(document)
        self.update_state()

    def on_load_failed(self, token: int, message: str) -> None:
        if not self.comparer.is_current(token):
            return
        self.comparer.done(token)
        self._end_progress()
        self.show_figures()  # the comparison shown, if any, stays as it was
        self.show_error("Cannot open file", message)
        self._sources = list(self.documents)
        if self.rendered is None:
            self.start_comparison()  # the other side may have arrived

    def start_comparison(self) -> None:
        """Compare again (new settings): files still loading are loaded again with it."""
        if not any(isinstance(s, str) for s in self._sources) and None in self._sources:
            return
        gc_policy.before_comparison()
        self._start_job("Comparing…")

    def _start_job(self, doing: str) -> None:
        self._known = self.collection.formulations_behind(*self._sources)
        self.comparer.start(self._sources[0], self._sources[1], self.settings, self._known)
        self._comparing = (doing, 0.0)
        self.begin_progress(doing)

    def collection_changed(self) -> None:
        """Another collection is shown, or the one shown was read again: a comparison
        made, or still running, with the formulations of the one before is made again with
        those behind its texts now (none, for texts of another collection), or it lists
        that one's formulations among its slogans, without figures. The one shown stays
        until the new one replaces it."""
        behind = self.collection.formulations_behind(*self._sources)
        if self.comparing_progress() is not None:
            if self._known != behind:
                self.start_comparison()
        elif self.rendered is not None and self._shown_known != behind:
            self.start_comparison()

    def ask(self, title: str, message: str, action: str, on_yes: Callable[[], None]) -> None:
        """A window-modal question that does not stop the event loop: `on_yes` runs when
        the user presses the `action` button; Cancel does nothing."""
        box = QMessageBox(QMessageBox.Icon.Question, title, message,
                          QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("question_box")
        yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.last_message = box
        box.destroyed.connect(lambda: setattr(self, "last_message", None))
        box.buttonClicked.connect(lambda button: on_yes() if button is yes else None)
        box.open()

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
            self._comparing = (stage, fraction)
            self.report_progress(stage, fraction)

    def on_compared(self, token: int, rendered: Rendered | None) -> None:
        if not self.comparer.is_current(token):
            return  # a newer request (or a cancel) superseded this one
        self.comparer.done(token)
        self._end_progress()
        if rendered is None:  # a file opened on one side only: nothing to compare yet
            self.figures.setText("")
            return
        comparison = rendered.comparison
        if comparison.document_a is not self.documents[0] or \
                comparison.document_b is not self.documents[1]:
            return
        self._hush_pair()
        self._pair_note = ""  # said again of this comparison, if it is still so
        self.rendered, self._shown_known = rendered, self._known
        a, b = comparison.documents
        if a.path and b.path and self.store.recent()[:1] != [(a.path, b.path)]:
            self.store.add_recent(a.path, b.path)
        self.view.show(rendered)
        for pane, notes in zip(self.panes, document_notes(comparison), strict=True):
            pane.set_notes(notes)  # the scripts' note needs both texts
        self._show_watch_note()  # read in the texts' language now known
        self.collection.on_compared(comparison)
        gc_policy.after_comparison()
        self.show_figures()
        self.update_state()

    def show_figures(self) -> None:
        """The status bar's figures of the comparison shown (none when none is, or when
        the collection's page hides it: the page has figures of its own)."""
        if self.rendered is None or self.showing_collection:
            self.figures.setText("")
            return
        comparison = self.rendered.comparison
        stats = comparison.stats
        found = " · ".join((self._passages_found(comparison),
                            slogan_tally(comparison).status,
                            counted(len(comparison.themes), "theme pair")))
        self.figures.setText(
            f"Shared text: {percent(stats.shared_chars_a, 0)} of A, "
            f"{percent(stats.shared_chars_b, 0)} of B · "
            f"{found} · {stats.seconds:.2f} s")

    def _passages_found(self, comparison: Comparison) -> str:
        """"23 passages", and of a pair read from the collection, how many its Pairs tab
        lists when that is fewer (its shares and words count those only), and why."""
        found = counted(len(comparison.shared_phrases), "passage")
        listed = self.collection.listed_of(comparison)
        if listed is None or listed == len(comparison.shared_phrases):
            self.figures.setToolTip("")
            return found
        self.figures.setToolTip(LISTED_TIP)
        return f"{found} ({listed:,} listed in the collection)"

    def on_compare_failed(self, token: int, message: str) -> None:
        if token == self.comparer.token:
            self.comparer.done(token)
            self._end_progress()
            self.figures.setText("The comparison failed.")
            self.show_error("Comparison failed", message)

    def on_compare_cancelled(self, token: int) -> None:
        if token == self.comparer.token:
            self._end_progress()
            self.figures.setText(self._cancelled_note())

    def _cancelled_note(self) -> str:
        # A comparison again with new settings, cancelled, leaves the last one shown: its
        # highlights (and exports) are not what the settings panel now says.
        if self.rendered is not None and self.rendered.comparison.settings != self.settings:
            return ("Cancelled: the highlights are still those of the earlier settings. "
                    "Change a setting or reopen to compare again.")
        return "Cancelled. Change a setting or reopen to retry."

    def _end_progress(self) -> None:
        # A collection still indexing behind a comparison that ended keeps its bar and Cancel,
        # and a comparison still running behind an indexing run that ended keeps its own.
        going_on = self.collection.indexing_progress() or self.comparing_progress()
        if going_on is not None:
            self.report_progress(*going_on)
            self.cancel_button.show()
            return
        self.progress.hide()
        self.cancel_button.hide()

    def comparing_progress(self) -> tuple[str, float] | None:
        """(stage, fraction done) of the comparison job going on, else None."""
        return self._comparing if self.comparer.is_current(self.comparer.token) else None

    @property
    def busy(self) -> bool:
        return self.comparer.is_current(self.comparer.token) or any(
            p.highlighter.busy or p.loading for p in self.panes)

    # -- passages, find, zoom, theme -------------------------------------------------------
    @property
    def active_phrase(self) -> int | None:
        return self.view.active_phrase

    def jump_to_phrase(self, number: int, source: int | None = None) -> None:
        self.view.jump_to_phrase(number, source)

    def action_next_passage(self) -> None:
        if self._stepping_uses():
            self._step_use(1)
        else:
            self.view.step(1)

    def action_previous_passage(self) -> None:
        if self._stepping_uses():
            self._step_use(-1)
        else:
            self.view.step(-1)

    def action_link_toggled(self) -> None:
        self.store.set_value("view/linked", self.link_act.isChecked())
        if self.link_act.isChecked():
            self.view.on_pane_scrolled(0)

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
        self.settings_panel.set_scheme(scheme)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_scheme()
        elif event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            # Back from a terminal where `tandem corpus add` may have written the store shown.
            self.collection.reload_if_changed()
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
            document = document_from_text(text, "The clipboard", "Pasted text",
                                          hint="copy an article's text first")
        except TandemError as exc:
            self.show_error("Cannot paste", str(exc))
            return
        self.set_document(side, document)

    def action_try_sample(self) -> None:
        self.open_paths([str(resource_path("samples", "sample_a.txt")),
                         str(resource_path("samples", "sample_b.txt"))])

    def action_cancel(self) -> None:
        # Cancel stops what the bar shows: a comparison running, else the indexing.
        if self.comparing_progress() is None and self.collection.cancel(show_saved=True):
            return
        token = self.comparer.token
        self.comparer.cancel()
        self._sources = list(self.documents)  # files not opened yet stay unopened
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
        for (a, b), label in zip(pairs, recent_labels(pairs), strict=True):
            absent = gone(a, b)
            action = self.recent_menu.addAction(menu_text(missing(label) if absent else label))
            action.setEnabled(not absent)
            action.setToolTip(f"{a}\n{b}")
            action.triggered.connect(lambda _=False, a=a, b=b: self.open_paths([a, b]))

    def action_open_collection(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Open a folder of articles as a collection")
        if path:
            self.collection.open(path)

    def action_open_collection_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Open a collection", "", "Collections (*.jsonl *.jsonl.gz *.json.gz *.sqlite "
            "*.db);;All files (*)")
        if path:
            self.collection.open(path)

    def on_recent_collections_menu(self) -> None:
        menu = self.recent_collections_menu
        menu.clear()
        paths = self.collection.recent()
        if not paths:
            menu.addAction("(none yet)").setEnabled(False)
        for path in paths:
            label = os.path.basename(os.path.normpath(path)) or path
            absent = gone(path)
            action = menu.addAction(menu_text(missing(label) if absent else label))
            action.setEnabled(not absent)
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.collection.open(p))

    def on_settings_changed(self, settings: Settings) -> None:
        self.settings = replace(settings, watchlist=self.settings.watchlist)
        self.store.save_settings(self.settings)
        self._show_watch_note()
        self.start_comparison()

    def on_watchlist_changed(self, phrases: tuple[str, ...]) -> None:
        self.settings_panel.apply_now()  # keep a pending edit of the other settings
        self.settings = replace(self.settings, watchlist=phrases)
        self.settings_panel.show_settings(self.settings)
        self.store.save_settings(self.settings)
        self._show_watch_note()
        self.start_comparison()
        self.collection.count_watchlist()

    def _show_watch_note(self) -> None:
        """Say under the watch-list which of its lines are not watched, and why."""
        passed_over = watch_lines_passed_over(self.settings, *self.documents)
        self.side_panel.show_watch_note(passed_over_note(passed_over))

    def action_export(self, kind: str) -> None:
        if self.rendered is None:
            self.show_error("Nothing to export", "Open two articles and wait for the comparison "
                            "before exporting.")
            return
        default = default_export_path(self.documents, kind)
        path = ask_export_path(self, f"Export as {kind.upper()}", default, kind)
        if not path:
            return
        self.export_to(kind, path)

    def export_to(self, kind: str, path: str) -> bool:
        """Write the current comparison as a PDF or HTML report, with progress and Cancel,
        or as JSON (at once: it takes milliseconds)."""
        if self.rendered is None:
            return False
        try:
            refuse_overwriting_inputs(path, [d.path for d in self.documents if d and d.path])
        except TandemError as exc:
            self.show_error("Export refused", str(exc))
            return False
        confirmed = is_read_only(path) and QMessageBox.question(
            self, "Replace a read-only file?", f"{path} is read-only. Replace it anyway? "
            "It stays read-only.") == QMessageBox.StandardButton.Yes
        if is_read_only(path) and not confirmed:
            return False
        with replacing_read_only() if confirmed else contextlib.nullcontext():
            comparison = self.rendered.comparison
            if kind == "json":
                problem, note = export_json(comparison, path,
                                            self.collection.context_for(comparison)), ""
            else:
                problem, note = export_report(self, comparison, kind, path,
                                              self.collection.figures(comparison))
        if problem == "cancelled":
            self.statusBar().showMessage("Export cancelled; nothing was written", 6000)
        elif problem:
            self.show_error("Export failed", problem)
        else:
            self.show_exported(path, note)
        return not problem

    def show_exported(self, path: str, note: str = "") -> None:
        """Say in the status bar that a report was written at `path`, with the writer's
        `note` on it if any (characters drawn as boxes), shown longer to be read."""
        if note:
            self.statusBar().showMessage(f"Exported {path}; {note}", 20000)
        else:
            self.statusBar().showMessage(f"Exported {path}", 6000)

    def confirm_unsaved_watchlist(self) -> bool:
        """Ask before quitting with watch-list edits not saved; False to stay open."""
        edited = self.side_panel.edited_watchlist()
        if edited == self.settings.watchlist:
            return True
        box = QMessageBox(QMessageBox.Icon.Question, "Unsaved watch-list",
                          "The watch-list was edited but not saved. Save it before quitting?",
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("unsaved_watchlist_box")
        self.last_message = box
        answer = box.exec()
        self.last_message = None
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Save:
            self.settings = replace(self.settings, watchlist=edited)
            self.store.save_settings(self.settings)
        return True

    def update_state(self) -> None:
        empty = self.documents[0] is None and self.documents[1] is None
        self.welcome.setVisible(empty)
        # The comparison's actions act on the pair shown: none while the collection is.
        has = self.rendered is not None and not self.showing_collection
        for act in (self.pdf_act, self.html_act, self.json_act):
            act.setEnabled(has)
        # Stepping through passages (or an article's uses) needs some: with none, F7/F8
        # would do nothing.
        uses = not self.showing_collection and self._stepping_uses()
        passages = has and bool(self.rendered and self.rendered.comparison.shared_phrases) \
            or uses
        for act, (text, tip) in zip((self.next_act, self.prev_act),
                                    STEP_USES if uses else STEP_PASSAGES, strict=True):
            act.setEnabled(passages)
            act.setText(text)
            act.setToolTip(tip)
        self.find_act.setEnabled(not self.showing_collection)
        self._show_standing_note()
        data = self.collection.data
        for act in (self.collection_html_act, self.collection_pdf_act):
            act.setEnabled(data is not None)
        self.back_act.setEnabled(data is not None and not self.showing_collection)
        self.back_act.setVisible(data is not None)
        self.sort_menu.menuAction().setEnabled(self.showing_collection)
        self.sort_menu.menuAction().setVisible(data is not None)
        names = [] if self.showing_collection else [d.name for d in self.documents
                                                      if d is not None]
        parts = [" ↔ ".join(names)] if names else []
        if data is not None:
            parts.append(data.name)
        self.setWindowTitle(" — ".join(parts + ["Tandem"]))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if not self.confirm_unsaved_watchlist():
            event.ignore()
            return
        self.settings_panel.apply_now()
        self.collection.close()  # its indexing stopped, its store let go
        self.comparer.cancel()
        self.comparer.wait(10000)
        self.store.sync()
        super().closeEvent(event)
