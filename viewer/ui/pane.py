"""One side of the window: a file-name header, the read-only text, and its overview strip.

The pane speaks Python offsets of `Document.text` to the rest of the window and converts to
Qt's UTF-16 positions itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from viewer.core.document import Document
from viewer.ui.colors import LIGHT, Scheme
from viewer.ui.elided_label import ElidedLabel
from viewer.ui.highlighter import PassageHighlighter
from viewer.ui.offsets import Utf16Map, display_text
from viewer.ui.overview import OverviewStrip
from viewer.ui.range_index import RangeIndex

FLASH_MS = 450
#: A long text goes into the view in pieces of about this many characters, one per turn of
#: the event loop: setting a megabyte at once blocked the window for 150-200 ms.
CHUNK_CHARS = 60000


def text_pieces(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """`text` cut after line breaks into pieces of about `size` characters (a piece ends
    with "\n", so no surrogate pair or line ending is ever split)."""
    pieces, at = [], 0
    while len(text) - at > size:
        cut = text.find("\n", at + size)
        if cut < 0:
            break
        pieces.append(text[at:cut + 1])
        at = cut + 1
    pieces.append(text[at:])
    return pieces


def dropped_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[str]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


class TakesFileDrops:
    """Qt's drag and drop handlers of a widget that takes local files dropped on it and
    tells them by its `files_dropped` signal; first among the bases, before the widget."""

    files_dropped: SignalInstance

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        _accept_file_drag(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 (Qt override)
        _accept_file_drag(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        paths = dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
        else:
            event.ignore()


def _accept_file_drag(event: QDragEnterEvent | QDragMoveEvent) -> None:
    """Take a drag that carries local files; let any other go on."""
    if dropped_paths(event):
        event.acceptProposedAction()
    else:
        event.ignore()


class TextView(TakesFileDrops, QPlainTextEdit):
    """Read-only, word-wrapped text that reports clicks/Enter at a position and file drops."""

    activated = Signal(int)          # UTF-16 position
    files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self._press: QPoint | None = None
        #: Asked before a resize re-wraps the text; what it returns puts the reader's place
        #: back in view afterwards (see `Pane._keep_place`).
        self.keep_place: Callable[[], Callable[[], None] | None] | None = None
        #: True while a resize moves the text: the pane's scrolling is not the reader's.
        self.resizing = False

    def event(self, event: QEvent) -> bool:
        # Resize events are caught here rather than in resizeEvent: by then the scroll area
        # has already resized the viewport, so what "is in view" would be misread.
        if event.type() != QEvent.Type.Resize or self.keep_place is None:
            return super().event(event)
        assert isinstance(event, QResizeEvent)
        resized = event.oldSize().isValid() and event.oldSize() != event.size()
        restore = self.keep_place() if resized else None
        self.resizing = True
        try:
            handled = super().event(event)
            if restore is not None:
                restore()
        finally:
            self.resizing = False
        return handled

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        super().mouseReleaseEvent(event)
        point = event.position().toPoint()
        # A click, not the end of a drag-selection.
        if (event.button() == Qt.MouseButton.LeftButton and self._press is not None
                and (point - self._press).manhattanLength() < 4):
            self.activated.emit(self.cursorForPosition(point).position())
        self._press = None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.activated.emit(self.textCursor().position())
            return
        super().keyPressEvent(event)


class Pane(TakesFileDrops, QWidget):
    """Header + text + overview strip for document A or B."""

    activated = Signal(int)          # Python offset clicked or Entered
    files_dropped = Signal(list)
    scrolled = Signal()

    def __init__(self, side: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.document: Document | None = None
        self.utf16 = Utf16Map("")
        self.header = ElidedLabel()
        self.header.setObjectName(f"header_{side}")
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        # What loading changed in the text (bytes read as U+FFFD, another encoding's) or
        # how it is read (traditional characters beside simplified): the marks it leaves
        # in the text need their why beside it, as the exports give it.
        self.note = QLabel()
        self.note.setObjectName(f"note_{side}")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note.hide()
        self.view = TextView(self)
        self.view.setObjectName(f"text_{side}")
        self.view.keep_place = self._keep_place
        self.view.setPlaceholderText(
            f"Article {side}: drop a file here, use File > Open, or try the sample.")
        self.overview = OverviewStrip(self)
        self.highlighter = PassageHighlighter(self.view.document(), self._visible_blocks)
        self.scheme: Scheme = LIGHT
        self._active: tuple[int, int] | None = None
        self._flashing = False
        self._find_hits: list[tuple[int, int]] = []
        self._current_hit: tuple[int, int] | None = None
        self._theme_span: tuple[int, int] | None = None

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(2)
        body.addWidget(self.view, 1)
        body.addWidget(self.overview)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addWidget(self.header)
        layout.addWidget(self.note)
        layout.addLayout(body, 1)
        self.set_title(None)
        # A file dropped on the header or the overview strip is for this pane too: left to
        # the window, it would replace whichever side was empty or else B.
        self.setAcceptDrops(True)

        self.view.activated.connect(self._on_view_activated)
        self.view.files_dropped.connect(self.files_dropped)
        self.view.verticalScrollBar().valueChanged.connect(self._on_scroll)
        self.overview.jump_requested.connect(self._on_overview_jump)
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(self._on_flash_end)
        self.view.document().setUndoRedoEnabled(False)  # read-only: nothing to undo
        self._pieces: list[str] = []
        self._deferred: tuple[RangeIndex | None, np.ndarray, np.ndarray] | None = None
        self._piece_timer = QTimer(self, singleShot=True, interval=0)
        self._piece_timer.timeout.connect(self._add_piece)

    # -- content ---------------------------------------------------------------------------
    def set_title(self, document: Document | None) -> None:
        if document is None:
            self.header.set_full_text(f"{self.side}: (no article)")
            self.header.setToolTip("")
        else:
            self.header.set_full_text(f"{self.side}: {document.name}")
            self.header.setToolTip(document.path or document.name)

    def set_notes(self, notes: Sequence[str]) -> None:
        """Show the notes on this pane's text (none: no line)."""
        self.note.setText("\n".join(f"Note: {note}" for note in notes))
        self.note.setAccessibleName(f"Notes on {self.side}")
        self.note.setVisible(bool(notes))

    def set_document(self, document: Document | None) -> None:
        self.document = document
        self.set_title(document)
        self.set_notes(document.notes if document else ())
        self.highlighter.apply(None)
        self._active = None
        self._find_hits, self._current_hit = [], None
        self._theme_span = None
        text = document.text if document else ""
        self.utf16 = Utf16Map(text)
        # The pieces of a text still going in belong to the text this one replaces.
        self._piece_timer.stop()
        self._pieces = text_pieces(display_text(text))
        self._deferred = None
        self.view.setPlainText(self._pieces.pop(0))
        if self._pieces:
            self._piece_timer.start()
        self.overview.set_marks(len(text), np.zeros((0, 2)), np.zeros((0, 2)))
        self._update_extra()
        self._on_scroll()

    @property
    def loading(self) -> bool:
        """Whether part of the text is still to be put into the view."""
        return bool(self._pieces)

    def _add_piece(self) -> None:
        cursor = QTextCursor(self.view.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(self._pieces.pop(0))
        if self._pieces:
            self._piece_timer.start()
        elif self._deferred is not None:
            deferred, self._deferred = self._deferred, None
            self.set_highlights(*deferred)

    def set_highlights(self, index: RangeIndex | None,
                       phrase_spans: np.ndarray, slogan_spans: np.ndarray) -> None:
        if self._pieces:  # the index is by blocks: wait until every block is there
            self._deferred = (index, phrase_spans, slogan_spans)
            return
        if index is not None:
            self.utf16 = index.utf16
        self.highlighter.apply(index)
        length = len(self.document.text) if self.document else 0
        self.overview.set_marks(length, phrase_spans, slogan_spans)

    def set_scheme(self, scheme: Scheme) -> None:
        self.scheme = scheme
        self.overview.scheme = scheme
        self.highlighter.set_scheme(scheme)
        self.overview.update()
        self._update_extra()

    def _visible_blocks(self) -> tuple[int, int]:
        bottom = QPoint(0, self.view.viewport().height() - 1)
        return (self.view.firstVisibleBlock().blockNumber(),
                self.view.cursorForPosition(bottom).blockNumber())

    # -- positions -------------------------------------------------------------------------
    def _position(self, offset: int) -> int:
        """Qt position of Python offset `offset`, inside the text the view holds so far."""
        return min(self.utf16.to_utf16(offset), self.view.document().characterCount() - 1)

    def cursor_at(self, offset: int) -> QTextCursor:
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self._position(offset))
        return cursor

    def line_of(self, offset: int) -> int:
        """Visual line number (wrapped lines count) of a Python offset."""
        position = self._position(offset)
        block = self.view.document().findBlock(position)
        layout = block.layout()
        line = layout.lineForTextPosition(position - block.position()) if layout else None
        within = line.lineNumber() if line is not None and line.isValid() else 0
        return block.firstLineNumber() + within

    def center_on(self, offset: int) -> None:
        """Scroll so the line holding `offset` sits in the middle of the viewport.

        The plain-text layout lays blocks out lazily and counts a block not yet laid out as
        one line, while the scroll bar counts lines: blocks between the top of the view and
        the target that were never shown would push the target off screen (the jump would
        land screens short). So the target block and those above it within half a viewport
        are laid out first; the rest do not matter to where the target lands."""
        spacing = max(1, self.view.fontMetrics().lineSpacing())
        visible = self.view.viewport().height() / spacing
        position = self._position(offset)
        layout = self.view.document().documentLayout()
        block = self.view.document().findBlock(position)
        lines = 0
        while block.isValid() and lines <= visible:
            layout.blockBoundingRect(block)  # lays the block out and updates its line count
            lines += max(1, block.lineCount())
            block = block.previous()
        bar = self.view.verticalScrollBar()
        bar.setValue(max(0, self.line_of(offset) - int(visible / 2)))

    def middle_offset(self) -> int:
        """Python offset of the text at the middle of the viewport."""
        point = QPoint(4, self.view.viewport().height() // 2)
        return self.utf16.to_python(self.view.cursorForPosition(point).position())

    def visible_range(self) -> tuple[int, int]:
        viewport = self.view.viewport()
        top = self.view.cursorForPosition(QPoint(0, 0)).position()
        bottom = self.view.cursorForPosition(QPoint(viewport.width(), viewport.height()))
        return self.utf16.to_python(top), self.utf16.to_python(bottom.position())

    def is_visible(self, offset: int) -> bool:
        rect = self.view.cursorRect(self.cursor_at(offset))
        return self.view.viewport().rect().intersects(rect)

    def place_cursor(self, offset: int) -> None:
        self.view.setTextCursor(self.cursor_at(offset))

    # -- transient marks (ExtraSelections: few, so cheap) ----------------------------------
    def set_active(self, span: tuple[int, int] | None, flash: bool = False) -> None:
        self._active = span
        self._flashing = flash and span is not None
        if self._flashing:
            self._flash_timer.start(FLASH_MS)
        self._update_extra()

    def set_theme_span(self, span: tuple[int, int] | None) -> None:
        self._theme_span = span
        self._update_extra()

    def set_find_hits(self, hits: list[tuple[int, int]],
                      current: tuple[int, int] | None = None) -> None:
        """Mark `hits` (a find's, a formulation's uses); `current`, the one the find is at,
        is set apart in bold and underlined."""
        self._find_hits = hits
        self._current_hit = current
        self._update_extra()

    @property
    def active(self) -> tuple[int, int] | None:
        return self._active

    def _selection(self, span: tuple[int, int], fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = self.cursor_at(span[0])
        cursor.setPosition(self._position(span[1]), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _update_extra(self) -> None:
        selections = []
        if self._theme_span is not None:
            fmt = QTextCharFormat()
            fmt.setFontOverline(True)
            fmt.setForeground(self.scheme.theme)
            selections.append(self._selection(self._theme_span, fmt))
        for hit in self._find_hits:
            fmt = QTextCharFormat()
            fmt.setBackground(self.scheme.find)
            if hit == self._current_hit:
                fmt.setFontWeight(700)
                fmt.setFontUnderline(True)
            selections.append(self._selection(hit, fmt))
        if self._active is not None:
            fmt = QTextCharFormat()
            fmt.setBackground(self.scheme.flash if self._flashing else self.scheme.active)
            fmt.setFontWeight(700)
            selections.append(self._selection(self._active, fmt))
        self.view.setExtraSelections(selections)

    # -- handlers --------------------------------------------------------------------------
    def _on_flash_end(self) -> None:
        self._flashing = False
        self._update_extra()

    def _on_view_activated(self, position: int) -> None:
        if self.document is not None:
            self.activated.emit(self.utf16.to_python(position))

    def _on_scroll(self) -> None:
        length = len(self.document.text) if self.document else 0
        if length:
            top, bottom = self.visible_range()
            self.overview.set_view(top / length, bottom / length)
        if not self.view.resizing:  # each pane keeps its own place through a resize
            self.scrolled.emit()

    def _keep_place(self) -> Callable[[], None] | None:
        """Before a resize: how to keep the reader's place in view once the text has
        re-wrapped (the view by itself keeps its top line, and the lines above a passage
        deep in a long paragraph re-wrap, pushing it out). The active passage, when shown,
        stays shown; else the text at the middle stays in the middle; a view at the top of
        its text stays there."""
        if self.document is None or self.loading:
            return None
        if self._active is not None and self.is_visible(self._active[0]):
            start = self._active[0]
            return lambda: None if self.is_visible(start) else self.center_on(start)
        if self.view.verticalScrollBar().value() == 0:
            return None
        middle = self.middle_offset()
        return lambda: self.center_on(middle)

    def _on_overview_jump(self, fraction: float) -> None:
        if self.document is not None:
            self.center_on(int(fraction * len(self.document.text)))
