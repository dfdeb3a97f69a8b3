"""The files or lines a collection could not read, in a dialog whose text can be copied."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def skipped_text(skipped: Sequence[dict[str, str]]) -> str:
    """One line per skipped file or line: its path, a tab, the reason."""
    return "".join(f"{s.get('path', '')}\t{s.get('reason', '')}\n" for s in skipped)


class SkippedDialog(QDialog):
    def __init__(self, name: str, skipped: Sequence[dict[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("skipped_dialog")
        self.setWindowTitle(f"Skipped in {name}")
        self.text = QPlainTextEdit(objectName="skipped_text")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setPlainText(skipped_text(skipped))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton("Copy all", objectName="copy_skipped")
        copy.clicked.connect(self.copy_all)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{len(skipped):,} files or lines could not be read and were "
                                "left out of the collection:"))
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(720, 360)

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
