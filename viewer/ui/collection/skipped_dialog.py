"""The files or lines a collection left out, and its notes on articles it indexed all the
same, in a dialog whose text can be copied."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from viewer.collection.folder import in_told_order
from viewer.ui.named import named


def skipped_text(skipped: Sequence[dict[str, Any]]) -> str:
    """One line per row: its path, a tab, the reason (and a tab and "indexed", for a note
    on an article indexed all the same)."""
    return "".join("\t".join([row.get("path", ""), row.get("reason", "")]
                             + (["indexed"] if row.get("indexed") else [])) + "\n"
                   for row in skipped)


def _counts(rows: Sequence[dict[str, Any]]) -> tuple[int, int]:
    """How many rows are inputs left out, and how many are notes."""
    notes = sum(1 for row in rows if row.get("indexed"))
    return len(rows) - notes, notes


def skipped_summary(skipped: Sequence[dict[str, Any]]) -> str:
    """"3 skipped", "1 note", "3 skipped, 1 note"."""
    left_out, notes = _counts(skipped)
    parts = []
    if left_out:
        parts.append(f"{left_out:,} skipped")
    if notes:
        parts.append(f"{notes:,} note{'s' if notes > 1 else ''}")
    return ", ".join(parts)


class SkippedDialog(QDialog):
    def __init__(self, name: str, skipped: Sequence[dict[str, Any]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("skipped_dialog")
        self.setWindowTitle(f"Skipped in {name}")
        self.rows = in_told_order(skipped)
        self.table = named(QTableWidget(len(self.rows), 2), "skipped_table")
        self.table.setHorizontalHeaderLabels(["File or line", "Why"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        for row, item in enumerate(self.rows):
            why = item.get("reason", "")
            if item.get("indexed"):
                why = f"Note: {why}"
            for column, value in enumerate((item.get("path", ""), why)):
                cell = QTableWidgetItem(value)
                cell.setToolTip(value)
                self.table.setItem(row, column, cell)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(0, min(self.table.columnWidth(0), 360))
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = named(QPushButton("Copy all"), "copy_skipped")
        copy.clicked.connect(self.copy_all)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        self.heading = named(QLabel(_heading(self.rows)), "skipped_heading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 380)

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(skipped_text(self.rows))


def _heading(rows: Sequence[dict[str, Any]]) -> str:
    left_out, notes = _counts(rows)
    said = []
    if left_out:
        said.append(f"{left_out:,} file{'s' if left_out > 1 else ''} or line"
                    f"{'s' if left_out > 1 else ''} could not be read and "
                    f"{'were' if left_out > 1 else 'was'} left out of the collection.")
    if notes:
        said.append(f"{notes:,} article{'s were' if notes > 1 else ' was'} indexed with a "
                    "note (listed last).")
    return " ".join(said)
