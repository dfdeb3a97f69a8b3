"""The settings dock: matching knobs applied live (after a short pause) and remembered."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QSpinBox, QWidget

from viewer.core.settings import Settings

#: Wait this long after the last change before recomputing, so a spin-box drag is one request.
APPLY_DELAY_MS = 250


class SettingsPanel(QWidget):
    changed = Signal(object)  # Settings

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base = settings
        self.min_words = QSpinBox(objectName="min_words", minimum=1, maximum=200)
        self.min_words.setToolTip("Shortest shared passage reported, in words")
        self.gap = QSpinBox(objectName="gap_words", minimum=0, maximum=100)
        self.gap.setToolTip("Edited words tolerated inside one passage")
        self.stemming = QCheckBox("Match word stems (nations = nation)", objectName="stemming")
        self.case = QCheckBox("Case sensitive", objectName="case_sensitive")
        self.stop_words = QCheckBox("Ignore common words", objectName="ignore_stop_words")
        self.stop_words.setToolTip("Skip short passages made of ordinary words, and keep "
                                   "function words out of slogans and themes")
        form = QFormLayout(self)
        form.addRow("Minimum words", self.min_words)
        form.addRow("Gap tolerance", self.gap)
        form.addRow(self.stemming)
        form.addRow(self.case)
        form.addRow(self.stop_words)
        self.show_settings(settings)
        self._timer = QTimer(self, singleShot=True, interval=APPLY_DELAY_MS)
        self._timer.timeout.connect(self._on_apply)
        for box in (self.min_words, self.gap):
            box.valueChanged.connect(self._timer.start)
        for check in (self.stemming, self.case, self.stop_words):
            check.toggled.connect(self._timer.start)

    def show_settings(self, settings: Settings) -> None:
        self._base = settings
        widgets = (self.min_words, self.gap, self.stemming, self.case, self.stop_words)
        for w in widgets:
            w.blockSignals(True)
        self.min_words.setValue(settings.min_words)
        self.gap.setValue(settings.gap_words)
        self.stemming.setChecked(settings.stemming)
        self.case.setChecked(settings.case_sensitive)
        self.stop_words.setChecked(settings.ignore_stop_words)
        for w in widgets:
            w.blockSignals(False)

    def settings(self) -> Settings:
        return replace(self._base, min_words=self.min_words.value(), gap_words=self.gap.value(),
                       stemming=self.stemming.isChecked(),
                       case_sensitive=self.case.isChecked(),
                       ignore_stop_words=self.stop_words.isChecked())

    def apply_now(self) -> None:
        """Apply pending edits at once (tests, and closing the window)."""
        if self._timer.isActive():
            self._timer.stop()
            self._on_apply()

    def _on_apply(self) -> None:
        settings = self.settings()
        if settings != self._base:
            self._base = settings
            self.changed.emit(settings)
