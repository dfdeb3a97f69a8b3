"""The settings dock: one widget per declared setting, applied live (after a short pause).

The widgets are made from `viewer.core.settings.DECLARED` (label, help, range), so the panel
offers what the command line offers, with the same limits.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QFormLayout, QLabel, QSpinBox, QWidget

from viewer.core.settings import DECLARED, Declared, SettingError, Settings, checked_settings
from viewer.present.marks import MarkKind
from viewer.ui.colors import LIGHT, Scheme
from viewer.ui.named import named

#: Wait this long after the last change before recomputing, so a spin-box drag is one request.
APPLY_DELAY_MS = 250

Editor = QSpinBox | QDoubleSpinBox | QCheckBox


def _editor(declared: Declared) -> Editor:
    editor: Editor
    if declared.kind is bool:
        editor = QCheckBox(declared.label)
    elif declared.kind is int:
        editor = QSpinBox(minimum=int(declared.minimum or 0), maximum=int(declared.maximum or 0))
    else:
        editor = QDoubleSpinBox(minimum=declared.minimum or 0.0,
                                maximum=declared.maximum or 0.0, decimals=2)
        editor.setSingleStep(0.05 if (declared.maximum or 0) <= 1 else 1.0)
    editor.setObjectName(declared.name)
    editor.setToolTip(declared.help[:1].upper() + declared.help[1:])
    return editor


def _said(error: SettingError) -> str:
    """An error about settings as the panel says it: settings named by their labels."""
    problem = error.problem
    for declared in DECLARED:
        problem = problem.replace(declared.name, f"“{declared.label}”")
    about = error.declared
    return f"“{about.label}” {problem}" if about is not None else problem.capitalize()


class SettingsPanel(QWidget):
    changed = Signal(object)  # Settings

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base = settings
        self.widgets: dict[str, Editor] = {}
        form = QFormLayout(self)
        # At large fonts in a narrow dock a row too wide for it puts its label above its
        # control, rather than the dock scrolling sideways and clipping the controls.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        group = ""
        for declared in DECLARED:
            if declared.kind is tuple:
                continue  # the watch-list has its own tab
            if declared.group != group:
                group = declared.group
                heading = QLabel(f"<b>{group.capitalize()}</b>")
                form.addRow(heading)
            editor = self.widgets[declared.name] = _editor(declared)
            if isinstance(editor, QCheckBox):
                form.addRow(editor)
            else:
                form.addRow(declared.label, editor)
        # Why the values shown are not in force, when two of them contradict each other.
        self.problem = named(QLabel(wordWrap=True), "settings_problem")
        self.set_scheme(LIGHT)
        self.problem.hide()
        form.addRow(self.problem)
        self.show_settings(settings)
        self._timer = QTimer(self, singleShot=True, interval=APPLY_DELAY_MS)
        self._timer.timeout.connect(self._on_apply)
        for editor in self.widgets.values():
            if isinstance(editor, QCheckBox):
                editor.toggled.connect(self._timer.start)
            else:
                editor.valueChanged.connect(self._timer.start)

    def set_scheme(self, scheme: Scheme) -> None:
        """Say problems in the scheme's red: a fixed dark red is unreadable on a dark panel."""
        self.problem.setStyleSheet(f"color: {scheme.marks[MarkKind.DELETED].name()}")

    def show_settings(self, settings: Settings) -> None:
        self._base = settings
        for name, editor in self.widgets.items():
            editor.blockSignals(True)
            value = getattr(settings, name)
            if isinstance(editor, QCheckBox):
                editor.setChecked(value)
            else:
                editor.setValue(value)
            editor.blockSignals(False)

    def settings(self) -> Settings:
        values: dict[str, Any] = {}
        for name, editor in self.widgets.items():
            values[name] = editor.isChecked() if isinstance(editor, QCheckBox) else editor.value()
        try:
            settings = checked_settings({**self._base.to_dict(), **values,
                                         "watchlist": self._base.watchlist})
        except SettingError as error:
            # E.g. slogan words min above max: said, and nothing applied until fixed.
            self.problem.setText(f"{_said(error)}: not applied until that is fixed.")
            self.problem.show()
            return self._base
        self.problem.hide()
        return settings

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

