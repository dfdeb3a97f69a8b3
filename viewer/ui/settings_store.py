"""Remembered preferences (QSettings): comparison settings, recent pairs, view options.

Tests and portable use pass an .ini path; otherwise Qt's per-user location for
organization "Tandem", application "Tandem". Anything unreadable falls back to defaults and
says so through `notice`.
"""

from __future__ import annotations

import json
from dataclasses import replace

from PySide6.QtCore import QSettings

from viewer.core.settings import Settings

ORGANIZATION = "Tandem"
APPLICATION = "Tandem"
MAX_RECENT = 8


class SettingsStore:
    def __init__(self, path: str | None = None) -> None:
        if path:
            self.qsettings = QSettings(path, QSettings.Format.IniFormat)
        else:
            self.qsettings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                                       ORGANIZATION, APPLICATION)
        self.notice = ""

    def load_settings(self) -> Settings:
        raw = self.qsettings.value("compare/settings", "")
        if not raw:
            return Settings()
        try:
            data = json.loads(str(raw))
            if not isinstance(data, dict):
                raise ValueError("not a mapping")
            settings = Settings.from_dict(data)
            _check(settings)
        except (ValueError, TypeError) as exc:
            self.notice = f"Saved settings were unreadable ({exc}); defaults are used."
            return Settings()
        return settings

    def save_settings(self, settings: Settings) -> None:
        self.qsettings.setValue("compare/settings", json.dumps(settings.to_dict()))
        self.qsettings.sync()

    def watchlist(self) -> tuple[str, ...]:
        return self.load_settings().watchlist

    def save_watchlist(self, phrases: tuple[str, ...]) -> None:
        self.save_settings(replace(self.load_settings(), watchlist=phrases))

    def recent(self) -> list[tuple[str, str]]:
        raw = self.qsettings.value("recent/pairs", "")
        try:
            pairs = json.loads(str(raw)) if raw else []
            return [(str(a), str(b)) for a, b in pairs][:MAX_RECENT]
        except (ValueError, TypeError):
            return []

    def add_recent(self, a: str, b: str) -> None:
        pairs = [(a, b)] + [p for p in self.recent() if p != (a, b)]
        self.qsettings.setValue("recent/pairs", json.dumps(pairs[:MAX_RECENT]))
        self.qsettings.sync()

    def value(self, key: str, default: object) -> object:
        value = self.qsettings.value(key, default)
        if isinstance(default, bool):
            return value in (True, "true", "1", 1)
        if isinstance(default, int):
            try:
                return int(value)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                return default
        return value

    def set_value(self, key: str, value: object) -> None:
        self.qsettings.setValue(key, value)


def _check(settings: Settings) -> None:
    """Reject values of the wrong type or out of range (a hand-edited or damaged file)."""
    if not isinstance(settings.min_words, int) or settings.min_words < 1:
        raise ValueError("min_words must be a positive whole number")
    if not isinstance(settings.gap_words, int) or settings.gap_words < 0:
        raise ValueError("gap_words must be a whole number >= 0")
    for flag in ("stemming", "case_sensitive", "ignore_stop_words"):
        if not isinstance(getattr(settings, flag), bool):
            raise ValueError(f"{flag} must be true or false")
    if not all(isinstance(w, str) for w in settings.watchlist):
        raise ValueError("watchlist must be a list of phrases")
