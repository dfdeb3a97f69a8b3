"""Remembered preferences: comparison settings, recent pairs, view options, in one .ini file.

The file is read and written here as plain text, never through QSettings: Qt would turn an
`@Variant(...)` value into a Python object by unpickling it, so a crafted file could run code
and a truncated one could crash the window. Every value is stored as JSON text (a number,
true/false, a string, a list or a mapping) and read back against what is expected of it:
the comparison settings against their one declaration (`viewer.core.settings.DECLARED`),
the view options against their defaults. Anything unreadable (a variant, garbage bytes, a
value of the wrong type or shape) is dropped, defaults are used, and `notice` says so.

Tests and portable use pass an .ini path; otherwise Qt's per-user location for
organization "Tandem", application "Tandem" (as before, so earlier plain values still load).
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

from viewer.core.errors import os_problem
from viewer.core.settings import DECLARED, SettingError, Settings, checked_settings

ORGANIZATION = "Tandem"
APPLICATION = "Tandem"
MAX_RECENT = 8
NOTICE = "Saved settings were unreadable ({}); defaults are used."


def default_path() -> Path:
    """Where the window keeps its settings for this user (XDG_CONFIG_HOME is honoured)."""
    from PySide6.QtCore import QStandardPaths

    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return Path(base) / ORGANIZATION / f"{APPLICATION}.ini"


class SettingsStore:
    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path else default_path()
        self.notice = ""
        self._values: dict[str, Any] = {}
        self._read()

    # -- reading ---------------------------------------------------------------------------
    def _unreadable(self, why: str) -> None:
        if not self.notice:
            self.notice = NOTICE.format(why)

    def _read(self) -> None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            self._unreadable(f"{self.path}: {os_problem(exc)}")
            return
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            self._unreadable(f"{self.path} is not a text file")
            return
        section = ""
        for line in text.splitlines():
            line = line.strip()
            if not line or line.startswith((";", "#")):
                continue
            if line.startswith("[") and line.endswith("]"):
                section = line[1:-1].strip()
                continue
            key, equals, value = line.partition("=")
            if not equals:
                self._unreadable(f"a line without '=' in {self.path}")
                continue
            name = f"{section}/{key.strip()}" if section and section != "General" \
                else key.strip()
            parsed = _plain_value(value.strip())
            if parsed is _UNREADABLE:
                self._unreadable(f"{name} is not a plain value")
            else:
                self._values[name] = parsed

    def load_settings(self) -> Settings:
        data = self._values.get("compare/settings")
        if data is None:
            return Settings()
        if isinstance(data, str):  # written by an earlier version as a JSON string
            try:
                data = json.loads(data)
            except ValueError:
                data = None
        if not isinstance(data, dict):
            self._unreadable("compare/settings is not a mapping of names to values")
            return Settings()
        return self._settings_kept(data)

    def _settings_kept(self, data: dict[str, Any]) -> Settings:
        """The saved settings, each value that fails its check (a hand edit, another
        version's range) dropped alone: one bad number must not cost the watch-list, which
        the next save would then overwrite with the defaults."""
        values: dict[str, Any] = {}
        for declared in DECLARED:
            if declared.name in data:
                try:
                    values[declared.name] = declared.checked(data[declared.name])
                except SettingError as exc:
                    self._unreadable(str(exc))
        while True:
            try:
                return checked_settings(values)
            except SettingError as exc:  # two values that contradict each other
                self._unreadable(str(exc))
                if exc.declared is None or exc.declared.name not in values:
                    return Settings(watchlist=values.get("watchlist", ()))
                del values[exc.declared.name]

    def recent(self) -> list[tuple[str, str]]:
        pairs = self._values.get("recent/pairs", [])
        if isinstance(pairs, str):  # an earlier version's JSON string
            try:
                pairs = json.loads(pairs)
            except ValueError:
                pairs = []
        if not isinstance(pairs, list) or not all(
                isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p)
                for p in pairs):
            return []
        return [(a, b) for a, b in pairs][:MAX_RECENT]

    def value(self, key: str, default: Any) -> Any:
        """The stored value of `key` if it has the type of `default`, else `default`."""
        value = self._values.get(key, default)
        if isinstance(default, bool):
            ok = isinstance(value, bool)
        elif isinstance(default, int | float):
            # JSON reads Infinity, NaN and 1e999 as floats no number setting can be.
            ok = isinstance(value, int | float) and not isinstance(value, bool) \
                and (isinstance(value, int) or math.isfinite(value))
        else:
            ok = isinstance(value, type(default))
        if not ok:
            self._unreadable(f"{key} has the wrong type")
            return default
        return type(default)(value) if isinstance(default, int | float) else value

    # -- writing ---------------------------------------------------------------------------
    def save_settings(self, settings: Settings) -> None:
        self.set_value("compare/settings", settings.to_dict())

    def add_recent(self, a: str, b: str) -> None:
        pairs = [(a, b)] + [p for p in self.recent() if p != (a, b)]
        self.set_value("recent/pairs", [list(p) for p in pairs[:MAX_RECENT]])

    def set_value(self, key: str, value: Any) -> None:
        self._values[key] = value
        self._write()

    def sync(self) -> None:
        self._write()

    def _write(self) -> None:
        from viewer.export.atomic import write_atomically

        sections: dict[str, list[str]] = {}
        for name, value in self._values.items():
            section, _, key = name.rpartition("/")
            # ensure_ascii keeps each value on one line of plain ASCII.
            sections.setdefault(section or "General", []).append(
                f"{key}={json.dumps(value, ensure_ascii=True)}")
        text = "".join(f"[{section}]\n" + "\n".join(lines) + "\n\n"
                       for section, lines in sections.items())
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, lambda handle: handle.write(text.encode("ascii")))
        except OSError:
            pass  # preferences are a convenience: a read-only home must not stop the window


_UNREADABLE = object()


def _plain_value(text: str) -> Any:
    """A stored value as a plain Python value; `_UNREADABLE` for Qt variants and the like.

    Values are JSON; earlier versions let Qt write them, which gives bare words (true, 3),
    and quoted strings with backslash escapes, which JSON reads too."""
    if text.startswith("@"):  # @Variant(...), @ByteArray(...): binary Qt data, never read
        return _UNREADABLE
    try:
        return json.loads(text)
    except ValueError:
        pass
    if text.startswith('"'):
        return _UNREADABLE
    return text  # a bare word Qt wrote for a string
