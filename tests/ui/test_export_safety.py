"""The window's export refuses to write onto an open article, as the command line does."""

from __future__ import annotations

import os
from pathlib import Path

from tests.ui.test_window import opened


def test_export_onto_an_open_article_is_refused(make_window, qtbot, tmp_path: Path) -> None:
    window = opened(make_window, qtbot, tmp_path)
    a = Path(window.documents[0].path)
    before = a.read_bytes()
    link = tmp_path / "report.html"
    link.symlink_to(a)
    for target in (str(a), str(link), os.path.relpath(a)):
        assert not window.export_to("html", target)
        assert a.read_bytes() == before
        assert window.last_message is not None
        assert "would be overwritten" in window.last_message.text()
        window.last_message.close()


def _answer_next_question(qtbot, button: str) -> None:  # type: ignore[no-untyped-def]
    """Press `button` ("Yes"/"No") on the question box the window is about to show."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        box.button(getattr(QMessageBox.StandardButton, button)).click()

    QTimer.singleShot(20, press)


def test_a_read_only_target_is_replaced_only_when_confirmed(make_window, qtbot,
                                                            tmp_path: Path) -> None:
    import stat

    window = opened(make_window, qtbot, tmp_path)
    target = tmp_path / "kept.html"
    target.write_text("keep me")
    target.chmod(0o444)
    _answer_next_question(qtbot, "No")
    assert not window.export_to("html", str(target))
    assert target.read_text() == "keep me"
    _answer_next_question(qtbot, "Yes")
    assert window.export_to("html", str(target))
    assert "<html" in target.read_text("utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


def test_an_export_that_cannot_be_written_names_the_file_once(make_window, qtbot,
                                                             tmp_path: Path) -> None:
    window = opened(make_window, qtbot, tmp_path)
    missing = tmp_path / "no such folder" / "report.pdf"
    folder = tmp_path / "a folder.html"
    folder.mkdir()
    for target in (missing, folder):
        assert not window.export_to(target.suffix[1:], str(target))
        message = window.last_message.text()
        assert message.count(target.name) == 1, message
        window.last_message.close()
        qtbot.waitUntil(lambda: window.last_message is None)
