"""The settings file is plain text: nothing in it is unpickled, and anything unreadable is
dropped with a notice (reliability issue item 10)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.core.settings import Settings
from viewer.ui.settings_store import SettingsStore, default_path

ROOT = Path(__file__).resolve().parents[2]


class _Payload:
    """Unpickled, it would run a shell command that creates `marker`."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, (f"touch {self.marker}",))


def _crafted_ini(ini: Path, marker: Path) -> None:
    """What PySide writes for a Python object: `@Variant(...)` holding its pickle."""
    from PySide6.QtCore import QSettings

    qsettings = QSettings(str(ini), QSettings.Format.IniFormat)
    qsettings.setValue("view/zoom", _Payload(marker))
    qsettings.setValue("view/linked", True)
    qsettings.sync()
    del qsettings


def _store(tmp_path: Path, text: str | bytes) -> SettingsStore:
    ini = tmp_path / "tandem.ini"
    if isinstance(text, bytes):
        ini.write_bytes(text)
    else:
        ini.write_text(text, encoding="utf-8")
    return SettingsStore(str(ini))


def test_a_pickled_variant_never_runs(tmp_path: Path) -> None:
    ini, marker = tmp_path / "tandem.ini", tmp_path / "ran"
    _crafted_ini(ini, marker)
    assert "@Variant(" in ini.read_text(encoding="utf-8")
    # A fresh process, as at window start (Qt caches the file within one process).
    probe = ("from viewer.ui.settings_store import SettingsStore\n"
             f"store = SettingsStore({str(ini)!r})\n"
             "print(store.value('view/zoom', 0), store.value('view/linked', False))\n"
             "store.load_settings()\nprint(store.notice)\n")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                          text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert not marker.exists()
    zoom_and_linked, notice = done.stdout.splitlines()[:2]
    assert zoom_and_linked == "0 True"
    assert notice.startswith("Saved settings were unreadable")


@pytest.mark.parametrize("text", [
    "[view]\nzoom=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x12PySide::PyObjectWrapper\\0\\x80\\x02c)\n",
    "[view]\nzoom=@Variant(\\0\\0\n",
    '[compare]\nsettings={"rarity_margin": "x"}\n',
    '[compare]\nsettings={"max_slogans": "lots"}\n',
    '[compare]\nsettings={"slogan_min_words": "2"}\n',
    '[compare]\nsettings={"watchlist": "ferry timetable"}\n',
    '[compare]\nsettings=[1, 2]\n',
    "[view]\nzoom=\"seven\"\n",
    # JSON reads these as floats no whole number is: a hand edit, or another tool's.
    "[view]\nzoom=Infinity\n",
    "[view]\nzoom=NaN\n",
    "[view]\nzoom=1e999\n",
])
def test_unreadable_values_fall_back_with_a_notice(tmp_path: Path, text: str) -> None:
    store = _store(tmp_path, text)
    settings = store.load_settings()
    store.value("view/zoom", 0)
    assert settings == Settings()
    assert store.notice.startswith("Saved settings were unreadable")


def test_a_huge_whole_number_is_read_as_one(tmp_path: Path) -> None:
    store = _store(tmp_path, "[view]\nzoom=" + "9" * 400 + "\n")
    assert store.value("view/zoom", 0) == int("9" * 400) and store.notice == ""


def test_garbage_bytes_give_a_notice(tmp_path: Path) -> None:
    store = _store(tmp_path, bytes(range(256)) * 4)
    assert store.load_settings() == Settings()
    assert "unreadable" in store.notice


def test_values_written_by_the_earlier_qsettings_store_still_load(tmp_path: Path) -> None:
    store = _store(tmp_path, '[compare]\nsettings="{\\"min_words\\": 9, \\"watchlist\\": '
                             '[\\"ferry timetable\\"]}"\n\n[view]\nzoom=3\nlinked=false\n')
    settings = store.load_settings()
    assert settings.min_words == 9 and settings.watchlist == ("ferry timetable",)
    assert store.value("view/zoom", 0) == 3 and store.value("view/linked", True) is False
    assert store.notice == ""


def test_round_trip_writes_plain_json(tmp_path: Path) -> None:
    ini = tmp_path / "sub" / "tandem.ini"
    store = SettingsStore(str(ini))
    store.save_settings(Settings(min_words=11, watchlist=("Ünïcode phrase",)))
    store.add_recent("/x/a.txt", "/y/b.txt")
    store.set_value("view/zoom", 2)
    text = ini.read_text(encoding="ascii")
    assert "@" not in text and "min_words" in text
    again = SettingsStore(str(ini))
    assert again.load_settings().watchlist == ("Ünïcode phrase",)
    assert again.recent() == [("/x/a.txt", "/y/b.txt")] and again.value("view/zoom", 0) == 2


def test_tests_never_touch_the_users_settings() -> None:
    # tests/conftest.py points XDG_CONFIG_HOME at a temporary folder before Qt starts.
    assert default_path().is_relative_to(os.environ["XDG_CONFIG_HOME"])
    assert not default_path().is_relative_to(Path.home() / ".config")


def test_a_value_out_of_range_costs_that_value_only(tmp_path: Path) -> None:
    # A hand edit (or another version's range): the watch-list and the other settings stay,
    # and are not overwritten with defaults at the next save.
    store = _store(tmp_path, '[compare]\nsettings={"min_words": 0, "stemming": true, '
                             '"slogan_max_words": 99, "watchlist": ["ferry timetable"]}\n')
    settings = store.load_settings()
    assert settings.watchlist == ("ferry timetable",) and settings.stemming
    assert settings.min_words == Settings().min_words
    assert settings.slogan_max_words == Settings().slogan_max_words
    assert "min_words must be from 1 to 200" in store.notice


def test_saved_slogan_bounds_that_contradict_each_other_fall_back_alone(
        tmp_path: Path) -> None:
    store = _store(tmp_path, '[compare]\nsettings={"slogan_min_words": 9, '
                             '"slogan_max_words": 4, "max_themes": 7}\n')
    settings = store.load_settings()
    assert settings.max_themes == 7
    assert settings.slogan_min_words <= settings.slogan_max_words
    assert "slogan_min_words must not exceed" in store.notice
